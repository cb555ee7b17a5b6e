"""Checks on a subject and its cue verb that credit nothing after all: a
headline's noun ("IG Report Rips FBI"), a noun after "a"/"the" ("a CNN
report"), a find or a show without a written source, a statistic ("1 pass
defended"), what was done to a group ("with nine new members added"), a
hope ("hoping the files reveal"), a mention of a person, and "call" that
only names ("a group called the Foundation")."""

from __future__ import annotations

from ...doc import Span
from ..lexical import NUMBER_WORDS, PREPOSITIONS
from ..text import Token
from ..words import CLAUSE_STOPS, CUE_VERBS, DOCUMENT_HEADS, FINITE, POLLSTERS, SHARE_WORDS, WISH_VERBS
from .cue_forms import base_form, uninflected
from .verb_subject import Subject
from .vocabulary import (
    DOCUMENT_VERBS,
    MENTION_VERBS,
    NAMING_VERBS,
    OBJECT_PRONOUNS,
    PHONE_WORDS,
    SINGULAR_DETERMINERS,
)

# Endings of a plural head noun: "reports" after one is its verb, not a noun.
_PLURAL_ENDINGS = ("s", "men", "people", "children")
# Most tokens between "with" and the noun phrase of its absolute clause
# ("with some members reappointed and nine new members added").
_MAX_WITH_BACK = 8
# Marks that end a clause right after a participle ("members added, some of whom").
_CLAUSE_ENDS = (",", ";", ".")


def plural_or_share(head: str) -> bool:
    """A head noun that takes a plural verb ("officials", "Republicans") or
    a share ("a majority", "half")."""
    return head.endswith(_PLURAL_ENDINGS) or head in SHARE_WORDS


def headline_noun(toks: list[Token], i: int, j: int, last: int) -> bool:
    """A headline's "Clinton Email IG Report Rips FBI": the verb is the "-s"
    word after; the bare "Report" right after the name is a noun ending it."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return j == i - 1 and base_form(toks[i].lower) and toks[i].is_cap and toks[last].is_cap \
        and nxt is not None and nxt.is_cap and nxt.lower.endswith("s") and not nxt.lower.endswith("ss") \
        and not plural_or_share(toks[last].lower)


def noun_after_singular(toks: list[Token], i: int, j: int, subject: Subject) -> bool:
    """"a CNN report", "The October report", "a blunt reply": a singular
    subject takes "reports"; the bare form after it is a noun, not its verb."""
    low = toks[i].lower
    lead = toks[subject.mention_first].lower
    return j == i - 1 and (base_form(low) or (uninflected(low) and lead in ("a", "an"))) \
        and lead in SINGULAR_DETERMINERS and not plural_or_share(toks[subject.last].lower) \
        and not subject.bracketed and not subject.appositive


def no_written_source(toks: list[Token], i: int, mention_first: int, last: int) -> bool:
    """"a study by Media Matters found", "researchers found that ..." credit;
    "he showed the house", "they found the keys" credit nothing. A pollster
    by name is a written source too ("Gallup finds")."""
    low = toks[i].lower
    head = toks[last].lower
    if low not in DOCUMENT_VERBS or head in DOCUMENT_HEADS or (head in POLLSTERS and toks[last].is_cap):
        return False
    if any(t.lower in DOCUMENT_HEADS for t in toks[mention_first:last]):
        return False
    return not (low.startswith("f") and i + 1 < len(toks) and toks[i + 1].lower == "that")


def a_statistic(toks: list[Token], i: int, mention_first: int) -> bool:
    """"1 pass defended": a statistic, not a stance ("17-year-old Jared Potts
    echoed" is an age before a name)."""
    lead = toks[mention_first]
    return toks[i].lower not in CUE_VERBS and lead.text[:1].isdigit() and not lead.lower.endswith("-old")


def done_to_them(toks: list[Token], i: int, subject: Subject, after: int) -> bool:
    """"relaunched it with some members reappointed and nine new members
    added, some of whom ...": a participle of what was done to them, not
    their words."""
    return toks[i].lower.endswith("ed") and subject.last == i - 1 \
        and (after >= len(toks) or toks[after].text in _CLAUSE_ENDS) \
        and absolute_with(toks, subject.mention_first)


def absolute_with(toks: list[Token], s: int) -> bool:
    """The noun phrase starting at ``s`` stands in a "with" phrase (after
    "with", or after "and" inside one), so a participle after it is no verb
    of its own."""
    for m in range(s - 1, max(-1, s - 1 - _MAX_WITH_BACK), -1):
        low = toks[m].lower
        if low == "with":
            return True
        if not toks[m].is_word or (low in CLAUSE_STOPS and low != "and") or low in FINITE:
            return False
    return False


def a_hope(toks: list[Token], mention_first: int) -> bool:
    """"are hoping the files reveal details": the subject follows a verb of
    wishing (maybe with "that" between): a hope, not a credit."""
    before = mention_first - 1 if mention_first > 0 and toks[mention_first - 1].lower != "that" \
        else mention_first - 2
    return before >= 0 and toks[before].lower in WISH_VERBS


def mentions_a_person(toks: list[Token], i: int, after: int) -> bool:
    """"since the authorities mentioned him, and now ...": what is mentioned
    is a person, and no words are credited to the subject ("endorsed him",
    "denied it" are stances, and stay; "mentions her granddaughter" has
    "her" before a noun)."""
    n = len(toks)
    if toks[i].lower not in MENTION_VERBS or after >= n or toks[after].lower not in OBJECT_PRONOUNS:
        return False
    return after + 1 == n or not toks[after + 1].is_word or toks[after + 1].lower in PREPOSITIONS \
        or toks[after + 1].lower in CLAUSE_STOPS


def _a_call(low: str) -> bool:
    return low in NAMING_VERBS and low.startswith("call")


def calls_for(toks: list[Token], i: int) -> bool:
    """"Ryan called for a vote", "called on Congress to act": a demand,
    credited with the particle as part of the cue. Not "the recipe called
    for three cups": a quantity."""
    n = len(toks)
    return _a_call(toks[i].lower) and i + 1 < n and toks[i + 1].lower in ("for", "on") \
        and not toks[i + 1].is_cap \
        and not (i + 2 < n and (toks[i + 2].text.isdigit() or toks[i + 2].lower in NUMBER_WORDS))


def only_names(text: str, toks: list[Token], i: int, content: Span, sent: Span) -> bool:
    """"a group called the Foundation" names, it does not credit. "Others
    call it the nerd prom" judges (a pronoun object, then what it is
    called) and does; so does a content past the sentence, the quotation
    its colon opens ("Cruz called them on it:" then “...”). "describe"
    needs no quote marks ("Mr. Cruz described how ..."): on PolNeAR train
    that found 27 more gold sources for 5 false ones."""
    if not _a_call(toks[i].lower) or content.start >= sent.end or has_quote_mark(text[content.start : content.end]):
        return False
    return not _judges_an_object(toks, i)


def _judges_an_object(toks: list[Token], i: int) -> bool:
    """"called him a liar": a pronoun object, then a word that says what
    it is called (not "called her to say", "called him back")."""
    return i + 2 < len(toks) and toks[i + 1].lower in OBJECT_PRONOUNS and toks[i + 2].is_word \
        and toks[i + 2].lower not in PREPOSITIONS and toks[i + 2].lower not in PHONE_WORDS


def has_quote_mark(words: str) -> bool:
    """Quoted words inside: curly or straight marks, or the doubled apostrophes
    ('') that archive texts use for them."""
    return any(ch in words for ch in "“”\"‘’") or "''" in words

""""Trump, who said ...", "voters who say ...": "who" before a cue credits
the phrase before it. PolNeAR's source span is the "who" itself; the name
is the phrase it stands for."""

from __future__ import annotations

from ...doc import Quote, Span
from ..content import content_after_or_before
from ..edges import strip_span
from ..lexical import PREPOSITIONS
from ..subjects import np_backward
from ..text import Token
from ..words import ANONYMOUS_HEADS, DETERMINERS, FINITE, MONTHS, PRONOUNS, TITLES, WEEKDAYS
from .credit import Credit, token_span
from .vocabulary import PASSIVE_AUXILIARIES

# Endings of nouns for people ("linguist", "director", "historian").
_PERSON_ENDINGS = ("er", "or", "ist", "ian")
# Words after a comma that show the main clause resumes ("..., was arrested").
_RESUMING = PASSIVE_AUXILIARIES | FINITE


def who_before_cue(toks: list[Token], j: int) -> bool:
    """``toks[j]`` is a "who" after a comma or a lower-case word."""
    return j >= 1 and toks[j].lower == "who" and (
        toks[j - 1].text == "," or (toks[j - 1].is_word and not toks[j - 1].is_cap))


def who_credit(
    text: str, toks: list[Token], i: int, j: int, cue_end: int, cue: Span, sent: Span,
    quotes: tuple[Quote, ...], topic: bool,
) -> Credit | None:
    """The credit of the cue at ``toks[i]`` whose subject is the "who" at
    ``toks[j]``: the phrase the relative clause hangs on is the source."""
    antecedent = _antecedent(toks, j)
    if antecedent is None:
        return None
    ante_s, ante_e = antecedent
    content = content_after_or_before(text, toks, cue_end + 1, j, sent, quotes, topic=topic)
    if content is None or content.start < toks[i].end:
        return None
    resumed = next((m for m in range(cue_end + 1, len(toks) - 1) if toks[m].text == ","
                    and toks[m].end <= content.end and toks[m + 1].lower in _RESUMING), None)
    if resumed is not None and toks[resumed].start > content.start:
        # "Haig, an Arizona man who says he sold ammunition to the gunman,
        # was arrested": the relative clause ends where the main clause's
        # verb resumes. (Never empty: the content opens on a word before it.)
        content = strip_span(text, content.start, toks[resumed].start) or content
    name = token_span(toks, ante_s, ante_e)
    desc = None
    named = named_before_description(toks, ante_s)
    if named is not None:
        # "Douglas Haig, an Arizona man who says": the man is the name
        # before the comma, the rest describes him.
        desc = text[toks[ante_s].start : toks[ante_e].end]
        name = Span(toks[named].start, toks[ante_s - 2].end)
    return Credit(token_span(toks, j), name, desc, cue, content)


def _antecedent(toks: list[Token], j: int) -> tuple[int, int] | None:
    """(first, last) token of the phrase "who" at ``toks[j]`` stands for: the
    noun phrase before it (before its comma, when the clause is set off by
    one), narrowed to the person it names; None when that is a pronoun."""
    restrictive = toks[j - 1].text != ","
    ante_e = j - 1 if restrictive else j - 2
    if ante_e < 0 or not toks[ante_e].is_word:
        return None
    ante_s = np_backward(toks, ante_e, 0)
    if restrictive and ante_s > ante_e and toks[ante_e].lower not in PRONOUNS:
        ante_s = ante_e  # "Among those who said": the head word alone
    ante_s = person_of(toks, ante_s, ante_e)
    if ante_s > ante_e or toks[ante_s].lower in PRONOUNS:
        return None
    return ante_s, ante_e


def person_of(toks: list[Token], s: int, e: int) -> int:
    """Where the person "who" stands for opens in ``toks[s..e]``: "a bizarre
    twist in the story of the 26-year-old linguist, who said" is about the
    linguist, since a twist says nothing. Past the last preposition whose
    noun before it names no one, when the phrase after it does (not "the
    leader of the group", nor "the head of the agency")."""
    if not names_people(toks[e]):
        return s
    for p in range(e - 1, s, -1):
        if (toks[p].lower not in PREPOSITIONS and toks[p].lower != "of") or not toks[p + 1].is_word:
            continue
        return s if names_people(toks[p - 1]) or not toks[p - 1].is_word else p + 1
    return s


def names_people(t: Token) -> bool:
    """A word that may name a person: a capitalised word, a role, an unnamed
    source's head, or a noun with a person's ending ("who" is never "the
    agency" of "the head of the agency, who said")."""
    low = t.lower
    return t.is_cap or low in ANONYMOUS_HEADS or low in TITLES \
        or (len(low) > 5 and low.endswith(_PERSON_ENDINGS))


def named_before_description(toks: list[Token], s: int) -> int | None:
    """Where a full name (two capitalised words or more) opens when the
    description at ``s`` ("an Arizona man") follows it after a comma:
    "Douglas Haig, an Arizona man who says". None otherwise."""
    if s < 3 or toks[s - 1].text != "," or toks[s].lower not in ("a", "an"):
        return None
    k = s - 2
    while k >= 0 and toks[k].is_word and toks[k].is_cap and toks[k].lower not in DETERMINERS:
        k -= 1
    start = k + 1
    if s - 2 - start < 1 or any(t.lower in MONTHS or t.lower in WEEKDAYS for t in toks[start : s - 1]):
        return None
    return start

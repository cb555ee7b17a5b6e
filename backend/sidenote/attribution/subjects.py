"""Walking a source's noun phrase from its cue: back to the subject before a
verb, forward to the name after one, and the shapes a name comes in
(brackets, appositives, a role then a name, asides, relative clauses,
poll shares such as "about 4 in 10")."""

from __future__ import annotations

import re

from .lexical import (
    CLOSE_QUOTES,
    MAX_NP,
    OPEN_QUOTES,
    PREPOSITIONS,
    adverb,
    closes_quote,
    is_number,
    percent_sign,
    possessive,
)
from .text import Token
from .words import (
    ALL_CUE_VERBS,
    ANONYMOUS_HEADS,
    AUXILIARIES,
    BARE_SUBJECT_HEADS,
    CLAUSE_STOPS,
    DETERMINERS,
    DOCUMENT_HEADS,
    FINITE,
    MONTHS,
    NAME_JOINERS,
    NOT_SOURCES,
    ORG_WORDS,
    PAIRED_MODIFIERS,
    PLATFORMS,
    POST_NOUNS,
    POST_PLACES,
    PRONOUNS,
    TITLES,
    WEEKDAYS,
)

_PUNCT_STOPS = frozenset(",;:()[]—–-“”\"‘’!?.")


def np_backward(toks: list[Token], end: int, floor: int, speech: bool = False) -> int:
    """Index of the first token of the subject phrase ending at ``end``
    (inclusive), or ``end + 1`` when there is none. ``speech``: the verb
    after the phrase is a verb of saying, whose bare plural subject is a
    source whatever its noun ("opponents say", "strategists said")."""
    i = end
    # "Democratic registered voters": before a source noun, an -ed word is an adjective.
    source_head = toks[end].lower in ANONYMOUS_HEADS or toks[end].lower in BARE_SUBJECT_HEADS
    while i >= floor and end - i < MAX_NP:
        t = toks[i]
        low = t.lower
        if not t.is_word and not percent_sign(toks, i, floor) and not _name_slash(toks, i, floor) \
                and not possessive(toks, i):  # "Sanders’ campaign"
            break
        if low in CLAUSE_STOPS and not (low == "and" and (_name_and(toks, i) or _paired_modifiers(toks, i))):
            break
        if low in FINITE:
            break
        # "Obama punctuated his list": a past-tense word after a name ends the phrase.
        if i < end and low.endswith("ed") and not t.is_cap and i > 0 and toks[i - 1].is_cap \
                and not source_head and not (toks[i + 1].lower in PREPOSITIONS and _source_noun(toks[i - 1])):
            # ("People briefed on the situation say": a participle with its
            # preposition modifies the source noun before it; "Omar asked
            # for ..." is a verb after a name)
            return end + 1
        # "the things the Republican candidate said": a determiner after a
        # bare noun opens a new phrase (the "that" of a relative is left out).
        if low in DETERMINERS and not t.is_cap and i > floor and _bare_noun(toks[i - 1]) \
                and not (i - 2 >= floor and toks[i - 2].lower == "to"):  # "to mount a race"
            i -= 1
            break
        i -= 1
    start = i + 1
    # "Last year China disclosed", "This week Trump said": a time at the
    # sentence's start is not part of the subject.
    while start + 1 < end and toks[start].lower in _TIME_LEADS and toks[start + 1].lower in _TIME_NOUNS:
        start += 2
    # "Yet Bloomberg said", "Meanwhile, officials said": a capitalised
    # sentence adverb is not part of the name ("No officials" keeps its "No").
    while start < end and toks[start].is_cap and toks[start].lower in NOT_SOURCES and toks[start].lower != "no":
        start += 1
    # "people familiar with the session said", "officials briefed on the
    # talks said": a bare source noun with its modifier is the whole phrase.
    first = start
    # Trim to where a phrase may begin: a determiner, a capital, a pronoun.
    while start <= end and not (
        toks[start].lower in DETERMINERS or toks[start].is_cap or toks[start].lower in PRONOUNS
    ):
        start += 1
    if start == i + 2 and start <= end and toks[start].is_cap and toks[i + 1].is_word and (
        toks[i + 1].lower not in PREPOSITIONS
        and not (adverb(toks[i + 1]) and not is_number(toks[start]))  # "only 7 percent"
    ):
        start = i + 1  # one leading modifier: "longtime Democratic pollster Pat Caddell"
    # "in 2012 Omar tweeted": a year before a name is when, not who.
    while start < end and _YEAR.fullmatch(toks[start].text) and toks[start + 1].is_cap:
        start += 1
    if start > first and first < end and _plural_source(toks[first]) \
            and toks[first + 1].is_word and not toks[first + 1].is_cap:
        start = first
    if start > end and (toks[end].lower in ANONYMOUS_HEADS | DOCUMENT_HEADS | BARE_SUBJECT_HEADS
                        or (speech and _plural_noun(toks[end]))):
        # A bare plural with no article: "officials said", "senior aides said".
        start = i + 1
        while start < end and toks[start].lower in PREPOSITIONS:
            start += 1
    # A phrase led by a preposition is an adjunct, not a subject ("In another
    # tweet"), unless it rounds a number: "About three in 10 said".
    if start <= end and toks[start].lower in PREPOSITIONS:
        if not (toks[start].lower in _APPROXIMATORS and start < end
                and is_number(toks[start + 1])):
            return end + 1
    # A pronoun only names a source on its own ("he said", not "in it he said").
    for k in range(end, start - 1, -1):
        if toks[k].lower in PRONOUNS and toks[k].lower not in ("her", "him", "it"):
            return k if k == end else end + 1
    return start


# Words that round a number in a poll share ("about 4 in 10", "over half").
_APPROXIMATORS = frozenset("about over under nearly roughly almost just".split())


def _source_noun(t: Token) -> bool:
    """A noun that names a source, whatever its case ("People", "officials",
    "Researchers", "Research")."""
    return t.lower in ANONYMOUS_HEADS or t.lower in BARE_SUBJECT_HEADS or t.lower in DOCUMENT_HEADS


def _plural_source(t: Token) -> bool:
    """A lower-case plural source noun ("people", "officials", "experts")."""
    low = t.lower
    return not t.is_cap and (low in BARE_SUBJECT_HEADS or (
        low in ANONYMOUS_HEADS and (low.endswith("s") or low == "people")))


def _bare_noun(t: Token) -> bool:
    """A lower-case word that may end a noun phrase ("things", "jurist"): not
    a preposition, a conjunction, a determiner, a number or an adverb."""
    low = t.lower
    return t.is_word and not t.is_cap and low not in PREPOSITIONS and low not in DETERMINERS \
        and low not in CLAUSE_STOPS and low not in ("of", "to", "all", "both", "half") \
        and not adverb(t) and not is_number(t) and low not in AUXILIARIES \
        and not low.endswith(("ed", "ing")) and low not in TITLES and low not in ORG_WORDS


def _plural_noun(t: Token) -> bool:
    """A lower-case word that reads as a plural noun ("opponents",
    "strategists"), not "this", "access" or "has"."""
    low = t.lower
    return _bare_noun(t) and len(low) > 3 and low.endswith("s") \
        and not low.endswith(("ss", "us", "is", "'s", "’s")) and low not in PRONOUNS


def _name_slash(toks: list[Token], i: int, floor: int) -> bool:
    """A slash joining two names ("a Reuters/Ipsos poll", "CNN/ORC")."""
    return toks[i].text == "/" and floor < i < len(toks) - 1 \
        and toks[i - 1].is_cap and toks[i + 1].is_cap and toks[i - 1].end == toks[i].start


def _paired_modifiers(toks: list[Token], i: int) -> bool:
    """'and' between two modifiers of a source noun ("current and former
    officials said")."""
    return 0 < i < len(toks) - 1 and toks[i - 1].lower in PAIRED_MODIFIERS \
        and toks[i + 1].lower in PAIRED_MODIFIERS


def _name_and(toks: list[Token], i: int) -> bool:
    """'and' inside a name list ("Trump and Clinton said")."""
    return 0 < i < len(toks) - 1 and toks[i - 1].is_cap and toks[i + 1].is_cap


def np_forward(toks: list[Token], start: int, stop: int) -> int:
    """Index one past the last token of the phrase starting at ``start``."""
    i = start
    while i < stop and i - start < MAX_NP + 6:
        t = toks[i]
        if not t.is_word:
            break
        low = t.lower
        if low in CLAUSE_STOPS and low != "and" and i > start:
            break
        if low == "and" and not _name_and(toks, i):
            break
        if i > start and low in _TIME_OPENERS and i + 1 < stop \
                and toks[i + 1].lower in WEEKDAYS | MONTHS | _TIME_NOUNS:
            break  # "reported by the New York Times on Tuesday": the time is no part of the name
        i += 1
    # A trailing time word is not part of the name ("said Trump on Monday").
    while i > start + 1 and toks[i - 1].lower in ("on", "in", "at", "to"):
        i -= 1
    return i


_MEDIUM_OPENERS = frozenset("in on via".split())
# Most words between "in" and the post's noun: "in a late Friday tweet".
_MEDIUM_WORDS = 3


def before_where_posted(toks: list[Token], start: int, end: int) -> int:
    """``end``, or where a phrase inside ``toks[start:end]`` begins that says
    where words went: "said Sean Spicer in a Friday tweet", "said Ann Lee
    via her Facebook page", "said a spokesman in a statement". The post's
    noun or the platform's name ends that phrase: "the head of the agency in
    Texas" stays whole, and so does a phrase the name goes on after ("a
    report on the Twitter account of Fares Shehabi")."""
    for i in range(start + 1, end):
        if toks[i].lower not in _MEDIUM_OPENERS:
            continue
        for k in range(i + 1, min(end, i + 2 + _MEDIUM_WORDS)):
            if not toks[k].is_word:
                break
            if toks[k].lower in POST_NOUNS or toks[k].lower in PLATFORMS:
                if all(t.lower in _AFTER_POST for t in toks[k + 1 : end] if t.is_word):
                    return i
                break
    return end


# Words that open a time after a name ("on Tuesday", "in March", "last week").
_TIME_OPENERS = frozenset("on in last this".split())
_TIME_NOUNS = frozenset("week month year night weekend morning afternoon evening".split())
TIME_WORDS = frozenset("yesterday today tonight".split())
_TIME_LEADS = frozenset("last this next earlier later".split())
# What may follow the post's noun in that phrase: a time, or more of where
# it went ("in a tweet Friday night", "on his Twitter account").
_AFTER_POST = WEEKDAYS | MONTHS | _TIME_NOUNS | TIME_WORDS | _TIME_LEADS | POST_NOUNS | POST_PLACES


def _time_adjunct_back(toks: list[Token], i: int, floor: int) -> int:
    """How many tokens of a time adjunct end at ``i`` ("on Wednesday", "last
    week", "yesterday"): when it sits between a subject and its verb ("Mark
    Esper on Wednesday accused"), it is not part of the source's name."""
    low = toks[i].lower
    if low in TIME_WORDS:
        return 1
    if i - 1 >= floor and low in WEEKDAYS and toks[i - 1].lower == "on":
        return 2
    if i - 1 >= floor and low in _TIME_NOUNS and toks[i - 1].lower in ("last", "this", "earlier"):
        return 2
    if i - 2 >= floor and low == "past" and toks[i - 1].lower == "the" \
            and toks[i - 2].lower == "in":
        return 3  # "allies have in the past said"
    if i - 2 >= floor and low in _DURATION_UNITS and toks[i - 2].lower in _DURATION_LEADS \
            and (toks[i - 1].lower in _DURATION_COUNTS or toks[i - 1].text.isdigit()):
        return 3  # "Saudi leaders for two weeks denied", "officials for months have said"
    if i - 1 >= floor and low in _DURATION_UNITS and toks[i - 1].lower in _DURATION_LEADS:
        return 2
    return 0


_YEAR = re.compile(r"(?:19|20)\d\d")
# A duration between a subject and its verb ("for two weeks", "for months").
_DURATION_UNITS = frozenset("days weeks months years decades hours".split())
_DURATION_LEADS = frozenset("for over".split())
_DURATION_COUNTS = frozenset("two three four five six several many few".split())


def skip_aux_back(toks: list[Token], i: int, floor: int) -> int:
    """Where a subject ends when its verb follows token ``i``: the index left
    once auxiliaries, adverbs and time adjuncts ("has only", "on Wednesday")
    are stepped over backwards."""
    while i >= floor:
        if toks[i].lower in AUXILIARIES or (not toks[i].is_cap and adverb(toks[i])):
            i -= 1
            continue
        if toks[i].text == "," and i - 2 >= floor and toks[i - 2].text == "," \
                and toks[i - 1].lower in _INTERJECTED:
            i -= 3  # "Proponents of the bill, however, say"
            continue
        skip = _time_adjunct_back(toks, i, floor)
        if not skip or i - skip < floor:
            break
        i -= skip
    return i


# Sentence adverbs set off by commas between a subject and its verb.
# ("too", "though", "instead" end a clause as often: "Devices have seen
# impacts, too, said Mary Lovely" is an inverted cue, not a subject.)
_INTERJECTED = frozenset("however meanwhile".split())
# Longest bracket read as part of a name: "(R-Iowa)", "(who has 25 delegates to date)".
_MAX_BRACKET = 24


def bracket_back(toks: list[Token], k: int, floor: int) -> int:
    """Where a name ends when token ``k`` closes a bracket glued to it
    ("Sen. Chuck Grassley (R-Iowa) said"): the index of the name's last word,
    or ``k`` when there is no such bracket. The bracket belongs to the source
    phrase (a party tag or an aside about the person), not to the clause."""
    if toks[k].text != ")":
        return k
    for m in range(k - 1, max(floor, k - _MAX_BRACKET) - 1, -1):
        t = toks[m].text
        if t == "(":
            before = m - 1
            if before >= floor and toks[before].is_word and toks[before].is_cap:
                return before
            return k
        if t in (")", ";", ":") or t in OPEN_QUOTES or closes_quote(toks, m):
            return k
    return k


def bracket_forward(toks: list[Token], e: int) -> int:
    """One past a bracket that opens at token ``e`` right after a name
    ("said Rep. Steve Israel (D-N.Y.)"), or ``e`` when there is none."""
    n = len(toks)
    if e >= n or toks[e].text != "(":
        return e
    for m in range(e + 1, min(n, e + _MAX_BRACKET)):
        t = toks[m].text
        if t == ")":
            return m + 1
        if t in ("(", ";", ":") or t in OPEN_QUOTES or t in CLOSE_QUOTES:
            return e
    return e


def name_appositive(toks: list[Token], comma: int, floor: int) -> tuple[int, int] | None:
    """``NAME , DESC ,`` before index ``comma``: (name_start, desc_start)."""
    k = comma - 1
    while k >= floor and toks[k].text != "," and not closes_quote(toks, k):
        if toks[k].text in _PUNCT_STOPS and toks[k].text != "-" and not possessive(toks, k):
            return None
        k -= 1
    if k < floor or toks[k].text != "," or k == comma - 1 or comma - k > MAX_NP + 2:
        return None
    desc_start = k + 1
    name_end = bracket_back(toks, k - 1, floor) if k >= 1 else k - 1
    if name_end < floor or not (toks[name_end].is_cap or toks[desc_start].lower in _EXAMPLE_LEADS
                                or toks[desc_start].lower in PREPOSITIONS):
        # ("Several candidates, including Trump, said": a group and its
        # examples; "Ayotte’s campaign, for example, said": an aside)
        return None
    name_start = np_backward(toks, name_end, floor)
    if name_start > name_end:
        return None
    if not toks[name_end].is_cap and not (toks[name_start].is_cap or toks[name_start].lower in DETERMINERS):
        return None  # a lower-case head needs a name or a determiner to lead it
    return name_start, desc_start


# Words that open a list of examples after a group ("including Trump").
_EXAMPLE_LEADS = frozenset("including like".split())


def role_then_name(toks: list[Token], comma: int) -> tuple[int, int, int] | None:
    """``ROLE , NAME ,`` before index ``comma`` ("Carter's press secretary,
    Peter Cook, told"; "the F.B.I. director, James B. Comey, said"):
    (role_start, name_start, name_end). The role is a noun phrase ending in a
    lower-case word and led by a determiner or a possessive; the name is a
    short run of capitalised words (a bracket may follow it)."""
    name_e = bracket_back(toks, comma - 1, 0) if comma >= 1 else -1
    k = name_e
    while k >= 0 and name_e - k < 6 and toks[k].is_word and toks[k].is_cap:
        k -= 1
    if k < 1 or k == name_e or toks[k].text != "," or name_e - k >= 6:
        return None
    head = toks[k - 1]
    if not head.is_word or head.is_cap or head.lower in CLAUSE_STOPS \
            or head.lower in _TIME_NOUNS:
        return None
    role_s = np_backward(toks, k - 1, 0)
    if role_s > k - 1:
        return None
    lead = toks[role_s].lower
    # "SSMU president, Muna Tojiboeva, said": a body's name may lead a
    # role word as a determiner would.
    named_body = toks[role_s].is_cap and toks[role_s].is_word and head.lower in TITLES
    if not (lead in DETERMINERS or lead.endswith(("'s", "’s")) or named_body) or lead in ("this", "that"):
        return None
    return role_s, k + 1, name_e


# An aside opened by these is about the moment, not the person ("Priebus, in
# the wake of a new poll, told"): the name alone is the source phrase.
_CIRCUMSTANCE_LEADS = frozenset("after when while as though although before since asked".split())
_MAX_ASIDE = 45


def opening_name_aside(text: str, toks: list[Token], comma: int) -> tuple[int, int, bool] | None:
    """``NAME , ... ,`` before the verb at ``comma`` + 1, where NAME opens the
    sentence: a long description ("Senator Bob Corker, a Tennessee Republican
    who has met privately with Mr. Trump, said") or an aside ("Mr. Manafort,
    citing polls, said") with commas of its own. (name_start, name_end,
    whether the aside describes NAME)."""
    k = 0
    while k < comma and toks[k].lower in ("but", "and", "so", "yet"):
        k += 1
    e = k
    while e < comma and e - k < 7 and (
        (toks[e].is_word and toks[e].is_cap) or (e > k and toks[e].lower in NAME_JOINERS)
    ):
        e += 1
    if e == k or toks[e - 1].lower in NAME_JOINERS:
        return None
    name_e = e - 1
    e = bracket_forward(toks, e)
    if e + 1 >= comma or toks[e].text != "," or comma - e > _MAX_ASIDE:
        return None
    first = toks[k].lower
    if first in CLAUSE_STOPS or first in PREPOSITIONS or first in TIME_WORDS \
            or first in WEEKDAYS or first in DETERMINERS or first in PRONOUNS \
            or first.endswith("ly") or toks[k].text[:1].isdigit():
        return None
    if k == name_e and f" {first} " in text:
        return None  # "Instead, ...": a common word that opens the sentence
    if any(t.text in (";", ":", "—", "–") for t in toks[e + 1 : comma]):
        return None
    return k, name_e, not is_aside(toks[e + 1])


def is_aside(first: Token) -> bool:
    """Does a comma-bounded phrase starting with ``first`` tell the moment or
    the manner ("in a statement", "to his credit", "citing polls") rather
    than describe the person ("a Clinton aide")?"""
    low = first.lower
    if low in ("like", "including", "at") or low in _ROLE_PARTICIPLES:
        # "Others, like Ohio,", "Tom Miller, at Gavekal,", "Rep. Scott, ranking member,"
        return False
    return (low in PREPOSITIONS or low in _CIRCUMSTANCE_LEADS or low == "to"
            or low.endswith("ing") or not first.is_word)


# -ing words that name a role rather than an act ("ranking member", "managing director").
_ROLE_PARTICIPLES = frozenset("ranking managing leading founding presiding acting outgoing".split())


_RELATIVES = frozenset("who whose".split())


def credits_of_its_own(toks: list[Token], s: int, e: int) -> bool:
    """``toks[s:e]`` is a relative clause with a cue verb in it ("who said he
    would run", "who endorsed Clinton"): a credit of its own, whose source is
    the "who", so the clause is no part of the phrase naming the source of
    the sentence's main cue."""
    return s < e and toks[s].lower in _RELATIVES \
        and any(t.lower in ALL_CUE_VERBS for t in toks[s + 1 : e])


def relative_clause(toks: list[Token], comma: int) -> tuple[int, int] | None:
    """``NP , who|whose ... ,`` before index ``comma`` (the clause may hold
    commas of its own: "Sandy Phillips, who lost her daughter in Aurora,
    Colorado, in July 2012, said"): (first, last) token of NP."""
    for k in range(comma - 2, max(0, comma - 3 * MAX_NP) - 1, -1):
        t = toks[k].text
        if t in (";", ":", "—", "–", "(", ")") or t in OPEN_QUOTES or closes_quote(toks, k):
            return None
        if toks[k].lower in _RELATIVES and k >= 2 and toks[k - 1].text == ",":
            return np_ending_at(toks, k - 2)
    return None


def np_ending_at(toks: list[Token], end: int) -> tuple[int, int] | None:
    """(first, last) token of the noun phrase that ends at ``end``, when it
    can name a source: a word that is not a pronoun, opening on a capital or
    a determiner."""
    if end < 0 or not toks[end].is_word or toks[end].lower in PRONOUNS:
        return None
    start = np_backward(toks, end, 0)
    if start > end or not (toks[start].is_cap or toks[start].lower in DETERMINERS):
        return None
    return start, end

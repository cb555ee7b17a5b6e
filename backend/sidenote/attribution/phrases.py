"""Finding credits inside one sentence: a cue, the phrase naming the source,
and the content credited to it. Pure token heuristics, no parser."""

from __future__ import annotations

from dataclasses import dataclass

from ..pipeline.doc import Quote, Span
from .sources import platform_at
from .text import Token
from .words import (
    ALL_CUE_VERBS,
    ANONYMOUS_HEADS,
    BARE_SUBJECT_HEADS,
    AUXILIARIES,
    CLAUSE_STOPS,
    CUE_VERBS,
    DETERMINERS,
    DOCUMENT_HEADS,
    FINITE,
    NAME_JOINERS,
    NOT_SPEAKERS,
    ORG_WORDS,
    PRONOUNS,
    TITLES,
    TO_CLAUSE_VERBS,
    WEEKDAYS,
)

_OPEN_QUOTES = frozenset("“\"‘")
_CLOSE_QUOTES = frozenset("”\"’")
_PUNCT_STOPS = frozenset(",;:()[]—–-“”\"‘’!?.")
# "told RT": the listener of these verbs is an object, not the content.
_TELL_VERBS = frozenset("tell tells told telling ask asks asked".split())
# Verbs whose subject must be a written source ("court filings show").
_DOCUMENT_VERBS = frozenset("show shows showed shown find finds found".split())
# "called it a “disaster”" credits words; "a group called X" only names X.
_NAMING_VERBS = frozenset("call calls called describe describes described".split())
_PASSIVE = frozenset("was were been being is are be".split())
# Passive verbs whose "by" agent is a source: "first reported by MSNBC".
_AGENT_VERBS = frozenset("reported announced confirmed disclosed revealed published".split())
# "the recipe called for three cups": a quantity is a requirement, not a demand.
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten dozen half".split())
_MAX_NP = 14
# A poll named after "in": "in a CNN/ORC poll released Monday".
POLL_WORDS = frozenset("poll survey".split())
_POLL_TAILS = frozenset("released conducted taken published last this of by from for".split())
_PREPOSITIONS = frozenset(
    "in on at for with after before by from during under over about into against "
    "without within among between like despite".split()
)


@dataclass(frozen=True)
class Credit:
    """One crediting found in a sentence, before sources are resolved."""

    mention: Span  # the whole phrase that names the source here
    name: Span  # the naming part of it (without an appositive)
    description: str | None
    cue: Span | None
    content: Span
    listener: Span | None = None  # "told RT": RT heard it (relay candidate)
    # The whole phrase that credits, description included ("Phil Lovas, the
    # state's campaign chairman,"): what a reader (and PolNeAR) calls the
    # source span. None when it is just ``mention``.
    phrase: Span | None = None


def _closes_quote(toks: list[Token], k: int) -> bool:
    """Token ``k`` closes a quotation: a closing mark, or the second of two
    apostrophes ('') that archive texts (and typewriter style) use for one."""
    t = toks[k].text
    if t in _CLOSE_QUOTES:
        return not _possessive(toks, k)
    return t == "'" and k > 0 and toks[k - 1].text == "'" and toks[k - 1].end == toks[k].start


def _possessive(toks: list[Token], k: int) -> bool:
    """An apostrophe glued to a plural ("Sanders’ campaign manager"), not a
    closing quote mark."""
    if toks[k].text not in ("’", "'") or k == 0 or k + 1 >= len(toks):
        return False
    prev, nxt = toks[k - 1], toks[k + 1]
    return prev.is_word and prev.end == toks[k].start and prev.lower.endswith("s") and nxt.is_word


def _np_backward(toks: list[Token], end: int, floor: int) -> int:
    """Index of the first token of the subject phrase ending at ``end``
    (inclusive), or ``end + 1`` when there is none."""
    i = end
    # "Democratic registered voters": before a source noun, an -ed word is an adjective.
    source_head = toks[end].lower in ANONYMOUS_HEADS or toks[end].lower in BARE_SUBJECT_HEADS
    while i >= floor and end - i < _MAX_NP:
        t = toks[i]
        low = t.lower
        if not t.is_word and not _percent_sign(toks, i, floor) and not _name_slash(toks, i, floor):
            break
        if low in CLAUSE_STOPS and not (low == "and" and _name_and(toks, i)):
            break
        if low in FINITE:
            break
        # "Obama punctuated his list": a past-tense word after a name ends the phrase.
        if i < end and low.endswith("ed") and not t.is_cap and i > 0 and toks[i - 1].is_cap \
                and not source_head:
            return end + 1
        # "the things the Republican candidate said": a determiner after a
        # bare noun opens a new phrase (the "that" of a relative is left out).
        if low in DETERMINERS and not t.is_cap and i > floor and _bare_noun(toks[i - 1]) \
                and not (i - 2 >= floor and toks[i - 2].lower == "to"):  # "to mount a race"
            i -= 1
            break
        i -= 1
    start = i + 1
    # Trim to where a phrase may begin: a determiner, a capital, a pronoun.
    while start <= end and not (
        toks[start].lower in DETERMINERS or toks[start].is_cap or toks[start].lower in PRONOUNS
    ):
        start += 1
    if start == i + 2 and start <= end and toks[start].is_cap and toks[i + 1].is_word and (
        toks[i + 1].lower not in _PREPOSITIONS
        and not (_adverb(toks[i + 1]) and not _is_number(toks[start]))  # "only 7 percent"
    ):
        start = i + 1  # one leading modifier: "longtime Democratic pollster Pat Caddell"
    if start > end and toks[end].lower in ANONYMOUS_HEADS | DOCUMENT_HEADS | BARE_SUBJECT_HEADS:
        # A bare plural with no article: "officials said", "senior aides said".
        start = i + 1
        while start < end and toks[start].lower in _PREPOSITIONS:
            start += 1
    # A phrase led by a preposition is an adjunct, not a subject ("In another
    # tweet"), unless it rounds a number: "About three in 10 said".
    if start <= end and toks[start].lower in _PREPOSITIONS:
        if not (toks[start].lower in _APPROXIMATORS and start < end
                and _is_number(toks[start + 1])):
            return end + 1
    # A pronoun only names a source on its own ("he said", not "in it he said").
    for k in range(end, start - 1, -1):
        if toks[k].lower in PRONOUNS and toks[k].lower not in ("her", "him", "it"):
            return k if k == end else end + 1
    return start


# Words that round a number in a poll share ("about 4 in 10", "over half").
_APPROXIMATORS = frozenset("about over under nearly roughly almost just".split())


_TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())


def _is_number(t: Token) -> bool:
    """A figure or a number word ("42", "three", "thirty-seven", "half")."""
    head = t.lower.split("-", 1)[0]
    return t.text[:1].isdigit() or head in _NUMBER_WORDS or head in _TENS or head == "one"


def _percent_sign(toks: list[Token], i: int, floor: int) -> bool:
    """A "%" after a number is part of the phrase ("42% say")."""
    return toks[i].text == "%" and i > floor and toks[i - 1].text[:1].isdigit()


# Adverbs that sit before a subject or its verb without belonging to either
# ("soon Trump said", "Congress only voted").
_PLAIN_ADVERBS = frozenset("only soon yet still even just now then always ever too".split())


def _adverb(t: Token) -> bool:
    return t.lower in _PLAIN_ADVERBS or (t.lower.endswith("ly") and len(t.text) > 4)


def _bare_noun(t: Token) -> bool:
    """A lower-case word that may end a noun phrase ("things", "jurist"): not
    a preposition, a conjunction, a determiner, a number or an adverb."""
    low = t.lower
    return t.is_word and not t.is_cap and low not in _PREPOSITIONS and low not in DETERMINERS \
        and low not in CLAUSE_STOPS and low not in ("of", "to", "all", "both", "half") \
        and not _adverb(t) and not _is_number(t) and low not in AUXILIARIES \
        and not low.endswith(("ed", "ing")) and low not in TITLES and low not in ORG_WORDS


def _name_slash(toks: list[Token], i: int, floor: int) -> bool:
    """A slash joining two names ("a Reuters/Ipsos poll", "CNN/ORC")."""
    return toks[i].text == "/" and floor < i < len(toks) - 1 \
        and toks[i - 1].is_cap and toks[i + 1].is_cap and toks[i - 1].end == toks[i].start


def _name_and(toks: list[Token], i: int) -> bool:
    """'and' inside a name list ("Trump and Clinton said")."""
    return 0 < i < len(toks) - 1 and toks[i - 1].is_cap and toks[i + 1].is_cap


def _np_forward(toks: list[Token], start: int, stop: int) -> int:
    """Index one past the last token of the phrase starting at ``start``."""
    i = start
    while i < stop and i - start < _MAX_NP + 6:
        t = toks[i]
        if not t.is_word:
            break
        low = t.lower
        if low in CLAUSE_STOPS and low != "and" and i > start:
            break
        if low == "and" and not _name_and(toks, i):
            break
        i += 1
    # A trailing time word is not part of the name ("said Trump on Monday").
    while i > start + 1 and toks[i - 1].lower in ("on", "in", "at", "to"):
        i -= 1
    return i


_TIME_NOUNS = frozenset("week month year night weekend morning afternoon evening".split())
_TIME_WORDS = frozenset("yesterday today tonight".split())


def _time_adjunct_back(toks: list[Token], i: int, floor: int) -> int:
    """How many tokens of a time adjunct end at ``i`` ("on Wednesday", "last
    week", "yesterday"): when it sits between a subject and its verb ("Mark
    Esper on Wednesday accused"), it is not part of the source's name."""
    low = toks[i].lower
    if low in _TIME_WORDS:
        return 1
    if i - 1 >= floor and low in WEEKDAYS and toks[i - 1].lower == "on":
        return 2
    if i - 1 >= floor and low in _TIME_NOUNS and toks[i - 1].lower in ("last", "this", "earlier"):
        return 2
    if i - 2 >= floor and low == "past" and toks[i - 1].lower == "the" \
            and toks[i - 2].lower == "in":
        return 3  # "allies have in the past said"
    return 0


def _skip_aux_back(toks: list[Token], i: int, floor: int) -> int:
    while i >= floor:
        if toks[i].lower in AUXILIARIES or (not toks[i].is_cap and _adverb(toks[i])):
            i -= 1
            continue
        skip = _time_adjunct_back(toks, i, floor)
        if not skip or i - skip < floor:
            break
        i -= skip
    return i


# Longest bracket read as part of a name: "(R-Iowa)", "(who has 25 delegates to date)".
_MAX_BRACKET = 24


def _bracket_back(toks: list[Token], k: int, floor: int) -> int:
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
        if t in (")", ";", ":") or t in _OPEN_QUOTES or _closes_quote(toks, m):
            return k
    return k


def _bracket_forward(toks: list[Token], e: int) -> int:
    """One past a bracket that opens at token ``e`` right after a name
    ("said Rep. Steve Israel (D-N.Y.)"), or ``e`` when there is none."""
    n = len(toks)
    if e >= n or toks[e].text != "(":
        return e
    for m in range(e + 1, min(n, e + _MAX_BRACKET)):
        t = toks[m].text
        if t == ")":
            return m + 1
        if t in ("(", ";", ":") or t in _OPEN_QUOTES or t in _CLOSE_QUOTES:
            return e
    return e


def _appositive(toks: list[Token], comma: int, floor: int) -> tuple[int, int] | None:
    """``NAME , DESC ,`` before index ``comma``: (name_start, desc_start)."""
    k = comma - 1
    while k >= floor and toks[k].text != "," and not _closes_quote(toks, k):
        if toks[k].text in _PUNCT_STOPS and toks[k].text != "-" and not _possessive(toks, k):
            return None
        k -= 1
    if k < floor or toks[k].text != "," or k == comma - 1 or comma - k > _MAX_NP + 2:
        return None
    desc_start = k + 1
    name_end = _bracket_back(toks, k - 1, floor) if k >= 1 else k - 1
    if name_end < floor or not toks[name_end].is_cap:
        return None
    name_start = _np_backward(toks, name_end, floor)
    if name_start > name_end:
        return None
    return name_start, desc_start


def _role_then_name(toks: list[Token], comma: int) -> tuple[int, int, int] | None:
    """``ROLE , NAME ,`` before index ``comma`` ("Carter's press secretary,
    Peter Cook, told"; "the F.B.I. director, James B. Comey, said"):
    (role_start, name_start, name_end). The role is a noun phrase ending in a
    lower-case word and led by a determiner or a possessive; the name is a
    short run of capitalised words (a bracket may follow it)."""
    name_e = _bracket_back(toks, comma - 1, 0) if comma >= 1 else -1
    k = name_e
    while k >= 0 and name_e - k < 6 and toks[k].is_word and toks[k].is_cap:
        k -= 1
    if k < 1 or k == name_e or toks[k].text != "," or name_e - k >= 6:
        return None
    head = toks[k - 1]
    if not head.is_word or head.is_cap or head.lower in CLAUSE_STOPS \
            or head.lower in _TIME_NOUNS:
        return None
    role_s = _np_backward(toks, k - 1, 0)
    if role_s > k - 1:
        return None
    lead = toks[role_s].lower
    if not (lead in DETERMINERS or lead.endswith(("'s", "’s"))) or lead in ("this", "that"):
        return None
    return role_s, k + 1, name_e


# An aside opened by these is about the moment, not the person ("Priebus, in
# the wake of a new poll, told"): the name alone is the source phrase.
_CIRCUMSTANCE_LEADS = frozenset("after when while as though although before since asked".split())
_MAX_ASIDE = 45


def _opening_name_aside(text: str, toks: list[Token], comma: int) -> tuple[int, int, bool] | None:
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
    e = _bracket_forward(toks, e)
    if e + 1 >= comma or toks[e].text != "," or comma - e > _MAX_ASIDE:
        return None
    first = toks[k].lower
    if first in CLAUSE_STOPS or first in _PREPOSITIONS or first in _TIME_WORDS \
            or first in WEEKDAYS or first in DETERMINERS or first in PRONOUNS \
            or first.endswith("ly") or toks[k].text[:1].isdigit():
        return None
    if k == name_e and f" {first} " in text:
        return None  # "Instead, ...": a common word that opens the sentence
    if any(t.text in (";", ":", "—", "–") for t in toks[e + 1 : comma]):
        return None
    return k, name_e, not _is_aside(toks[e + 1])


def _is_aside(first: Token) -> bool:
    """Does a comma-bounded phrase starting with ``first`` tell the moment or
    the manner ("in a statement", "to his credit", "citing polls") rather
    than describe the person ("a Clinton aide")?"""
    low = first.lower
    if low in ("like", "including", "at") or low in _ROLE_PARTICIPLES:
        # "Others, like Ohio,", "Tom Miller, at Gavekal,", "Rep. Scott, ranking member,"
        return False
    return (low in _PREPOSITIONS or low in _CIRCUMSTANCE_LEADS or low == "to"
            or low.endswith("ing") or not first.is_word)


# -ing words that name a role rather than an act ("ranking member", "managing director").
_ROLE_PARTICIPLES = frozenset("ranking managing leading founding presiding acting outgoing".split())


_RELATIVES = frozenset("who whose".split())


def _relative_clause(toks: list[Token], comma: int) -> tuple[int, int] | None:
    """``NP , who|whose ... ,`` before index ``comma`` (the clause may hold
    commas of its own: "Sandy Phillips, who lost her daughter in Aurora,
    Colorado, in July 2012, said"): (first, last) token of NP."""
    for k in range(comma - 2, max(0, comma - 3 * _MAX_NP) - 1, -1):
        t = toks[k].text
        if t in (";", ":", "—", "–", "(", ")") or t in _OPEN_QUOTES or _closes_quote(toks, k):
            return None
        if toks[k].lower in _RELATIVES and k >= 2 and toks[k - 1].text == ",":
            end = k - 2
            if not toks[end].is_word or toks[end].lower in PRONOUNS:
                return None
            start = _np_backward(toks, end, 0)
            if start > end or not (toks[start].is_cap or toks[start].lower in DETERMINERS):
                return None
            return start, end
    return None


def _strip_span(text: str, s: int, e: int) -> Span | None:
    """Trim spaces, commas and quote marks from both ends."""
    junk = " \t\n,;:—–-“”\"‘’"
    while s < e and text[s] in junk:
        s += 1
    while e > s and text[e - 1] in junk + ".":
        e -= 1
    # Keep a closing mark whose opening mark is inside: "a “clear & direct ...”".
    if e > s and text.count("“", s, e) > text.count("”", s, e) and text[e : e + 1] == "”":
        e += 1
    return Span(s, e) if e > s else None


def _prenominal(toks: list[Token], s: int, e: int) -> tuple[int, str | None]:
    """Split "Syrian MP Fares Shehabi" into (index of "Fares", "Syrian MP")."""
    last_title = -1
    for k in range(s, e):
        if toks[k].lower in TITLES:
            last_title = k
    if last_title < 0 or last_title >= e - 1 or not toks[last_title + 1].is_cap:
        return s, None
    # An honorific alone ("Mr.") belongs to the name; a role describes.
    if toks[last_title].text.endswith(".") and last_title == s:
        return s, None
    lead = s + 1 if toks[s].lower in DETERMINERS else s
    desc_toks = toks[lead : last_title + 1]
    return last_title + 1, " ".join(t.text for t in desc_toks) if desc_toks else None


def find_credits(
    text: str, toks: list[Token], sent: Span, quotes: tuple[Quote, ...]
) -> list[Credit]:
    """Every crediting in one sentence (``toks`` are its tokens)."""
    out: list[Credit] = []
    n = len(toks)
    label = _speaker_label(text, toks, sent)
    if label:
        out.append(label)
    i = 0
    while i < n:
        t = toks[i]
        low = t.lower
        if low == "according" and i + 1 < n and toks[i + 1].lower == "to":
            c = _according(text, toks, i, sent, quotes)
            if c:
                out.append(c)
            i += 2
            continue
        if low == "in" and i + 2 < n:
            c = _in_poll(text, toks, i, sent)
            if c:
                out.append(c)
                i += 2
                continue
        if low in _AGENT_VERBS and i + 2 < n and toks[i + 1].lower == "by" and not out:
            c = _passive_agent(text, toks, i, sent)
            if c:
                out.append(c)
                i += 2
                continue
        if low in ALL_CUE_VERBS and (not t.is_cap or (
                i > 0 and low in CUE_VERBS and _title_case(toks))):
            c = _verb(text, toks, i, sent, quotes)
            if c is None and low.endswith("ing") and i > 0 and not out and (
                    toks[i - 1].text == "," or toks[i - 1].lower == "by"):
                # ", saying that ...", "... by saying he is ready": the subject's words.
                c = _participle(text, toks, i, sent)
            if c is None and low.endswith("ing") and low in CUE_VERBS and i > 1:
                c = _with_participle(text, toks, i, sent)
            if c is None and not out \
                    and (low.endswith(("s", "ed")) or low in ("said", "told", "wrote")) \
                    and i > 1 and toks[_skip_aux_back(toks, i - 1, 0)].lower in ("and", "but"):
                # "Obama met survivors ... and said the United States must act":
                # the second verb shares the sentence's subject.
                c = _participle(text, toks, i, sent)
            if c:
                out.append(c)
        i += 1
    return out


def _title_case(toks: list[Token]) -> bool:
    """A headline in title case ("Trump Says He Would Win"): its verbs are
    capitalised like its names."""
    long_words = [t for t in toks if t.is_word and len(t.text) > 3]
    return len(long_words) >= 3 and all(t.is_cap for t in long_words)


def _verb_like(t: Token) -> bool:
    """A lower-case word that reads as a finite verb after a subject."""
    low = t.lower
    return not t.is_cap and (low in ALL_CUE_VERBS or low in AUXILIARIES or low in FINITE
                             or (low.endswith("ed") and len(low) > 4))


def _with_participle(text: str, toks: list[Token], i: int, sent: Span) -> Credit | None:
    """"with 30 percent of voters saying they ...", "with Senator John McCain
    telling reporters ...": the phrase between "with" and the participle."""
    j = i - 1
    if not (toks[j].is_word or _percent_sign(toks, j, 0)):
        return None
    s = _np_backward(toks, j, 0)
    if s > j or s == 0 or toks[s - 1].lower != "with":
        return None
    return _rest_credited(text, toks, i, sent, s, j)


def _participle(text: str, toks: list[Token], i: int, sent: Span) -> Credit | None:
    """"Mr. Obama revised his plans, saying that ...": a participle after a
    comma credits the subject of the sentence, when the sentence opens with
    a name, a pronoun or "the" + a role ("the justice sounded off ...")."""
    k = 0
    while k < i and toks[k].lower in ("but", "and", "so", "yet", "still"):
        k += 1
    if k < i and toks[k].lower in _PREPOSITIONS | {"here", "there", "later", "earlier"}:
        comma = next((m for m in range(k, i) if toks[m].text == ","), None)
        if comma is None:
            return None
        k = comma + 1  # "In three separate interviews, the justice ..."
    if k >= i:
        return None
    t = toks[k]
    if t.lower in ("he", "she", "they"):
        end = k
    elif t.is_cap and t.is_word and t.lower not in DETERMINERS:
        end = k
        while end + 1 < i and toks[end + 1].is_cap and toks[end + 1].is_word:
            end += 1
    elif t.lower == "the" and k + 1 < i and (toks[k + 1].lower in TITLES
                                             or toks[k + 1].lower in ANONYMOUS_HEADS):
        end = k + 1
    elif t.lower == "the" and k + 2 < i:
        # "The billionaire businessman began ...", "The Post intervened ...":
        # a short noun phrase, then a word that reads as its verb.
        end = k + 1
        while end + 1 < i and end - k < 4 and toks[end + 1].is_word \
                and not _verb_like(toks[end + 1]):
            end += 1
        if end + 1 >= i or not _verb_like(toks[end + 1]) or not toks[end].is_word:
            return None
    else:
        return None
    # The subject must be followed by its verb (a lower-case word), not be a
    # phrase inside a longer clause.
    nxt = end + 1
    if nxt >= i or not toks[nxt].is_word or toks[nxt].is_cap:
        return None
    if toks[nxt].lower in _PREPOSITIONS and toks[nxt].lower != "on":
        return None
    return _rest_credited(text, toks, i, sent, k, end)


def _rest_credited(text: str, toks: list[Token], i: int, sent: Span, first: int, last: int) -> Credit | None:
    """``toks[first..last]`` credited, through the participle ``toks[i]``,
    with the rest of the sentence."""
    content = _strip_span(text, toks[i].end, sent.end)
    if content is None:
        return None
    name = Span(toks[first].start, toks[last].end)
    return Credit(name, name, None, Span(toks[i].start, toks[i].end), content)


def _in_poll(text: str, toks: list[Token], i: int, sent: Span) -> Credit | None:
    """"In a CNN/ORC poll released Monday, 31% backed ...", "Cruz led in the
    latest Fox poll": a named or indefinite poll credits the figures it gives.
    "in the polls" (plural, no poll in particular) credits nothing."""
    n = len(toks)
    first = toks[i + 1]
    if not (first.lower in ("a", "an", "the") or first.is_cap) or first.lower in PRONOUNS:
        return None
    k = i + 1
    while k < n and k - i <= 9 and toks[k].lower not in POLL_WORDS:
        if not (toks[k].is_word or toks[k].text in ("/", "&", "-")) \
                or toks[k].lower in CLAUSE_STOPS or toks[k].lower in _PREPOSITIONS:
            return None
        k += 1
    if k >= n or toks[k].lower not in POLL_WORDS or k - i < 2:
        return None
    if k - i == 2 and first.lower == "the":
        return None  # "in the poll": which one is another sentence's business
    after = toks[k + 1] if k + 1 < n else None
    if after is not None and after.is_word and after.lower not in _POLL_TAILS:
        return None  # "in Iowa poll overhype": the poll is a modifier
    lead = 0
    while lead < i and toks[lead].lower in ("but", "and", "so", "yet"):
        lead += 1
    if lead == i:  # "In a ... poll, content."
        comma = next((m for m in range(k + 1, n) if toks[m].text == ","), None)
        if comma is None:
            return None
        content = _strip_span(text, toks[comma].end, sent.end)
    else:  # "Content in a ... poll."
        content = _strip_span(text, sent.start, toks[i].start)
    if content is None:
        return None
    name = Span(toks[i + 1].start, toks[k].end)
    return Credit(name, name, None, Span(toks[i].start, toks[i].end), content)


def _passive_agent(text: str, toks: list[Token], i: int, sent: Span) -> Credit | None:
    """"The move was first reported by MSNBC.": the agent after "by" is the
    source, the subject before the verb what it is credited with."""
    s = i + 2
    if not (toks[s].is_cap or toks[s].lower in DETERMINERS) or toks[s].lower in PRONOUNS:
        return None
    e = _np_forward(toks, s, len(toks))
    if e <= s:
        return None
    k = i - 1
    while k >= 0 and (toks[k].lower in AUXILIARIES or toks[k].lower in _PASSIVE
                      or toks[k].lower in ("first", "originally", "widely")):
        k -= 1
    if k == i - 1 or k < 0 or not any(toks[m].lower in _PASSIVE for m in range(k + 1, i)):
        return None  # only a real passive: "was (first) reported by"
    content = _strip_span(text, sent.start, toks[k].end)
    if content is None:
        return None
    name = Span(toks[s].start, toks[e - 1].end)
    return Credit(name, name, None, Span(toks[i].start, toks[i + 1].end), content)


def _speaker_label(text: str, toks: list[Token], sent: Span) -> Credit | None:
    """"PENCE: Well, look, ..." in a transcript, or a headline "Pence: Flowers
    won't be at debate": a short capitalised name, a colon, the words."""
    first = 1 if toks and toks[0].text in _OPEN_QUOTES else 0  # a quoted transcript line
    k = first
    while k < len(toks) and k - first < 4 and toks[k].is_word and toks[k].is_cap:
        k += 1
    if k == first or k >= len(toks) - 1 or toks[k].text != ":":
        return None
    if sent.start > 0 and text[sent.start - 1] not in "\n\"“":
        return None  # only at the start of a paragraph
    head = toks[first]
    if head.lower in NOT_SPEAKERS or head.lower in DETERMINERS or head.text[:1].isdigit():
        return None
    content = _strip_span(text, toks[k].end, sent.end)
    if content is None:
        return None
    name = Span(head.start, toks[k - 1].end)
    return Credit(name, name, None, Span(toks[k].start, toks[k].end), content)


def _according(
    text: str, toks: list[Token], i: int, sent: Span, quotes: tuple[Quote, ...]
) -> Credit | None:
    n = len(toks)
    np_s = i + 2
    np_e = _np_forward(toks, np_s, n)
    if np_e <= np_s:
        return None
    name = Span(toks[np_s].start, toks[np_e - 1].end)
    cue = Span(toks[i].start, toks[i + 1].end)
    desc: str | None = None
    head_start = 0
    # Where does the clause with "according to" start?  Skip a leading "But".
    while head_start < i and toks[head_start].lower in ("but", "and", "so", "yet"):
        head_start += 1
    if head_start == i:  # "According to X, [DESC,] content."
        j = np_e
        if j < n and toks[j].text == ",":
            nxt = _next_comma(toks, j + 1, n)
            if nxt is not None and _looks_like_description(toks, j + 1, nxt):
                desc = text[toks[j + 1].start : toks[nxt - 1].end]
                j = nxt
        content = _strip_span(text, toks[j].end if j < n else sent.end, sent.end)
    else:  # "Content, according to X[, DESC]."
        desc = _tail_description(text, toks, np_e, sent)
        content = _widen_to_quote(_strip_span(text, sent.start, toks[i].start), quotes)
    if content is None:
        return None
    return Credit(name, name, desc, cue, content)


def _tail_description(text: str, toks: list[Token], e: int, sent: Span) -> str | None:
    """", DESC." closing the sentence after the source phrase ending at token ``e``."""
    if e < len(toks) and toks[e].text == ",":
        tail = _strip_span(text, toks[e].end, sent.end)
        if tail and len(text[tail.start : tail.end].split()) <= _MAX_NP:
            return text[tail.start : tail.end]
    return None


def _next_comma(toks: list[Token], s: int, n: int) -> int | None:
    for k in range(s, min(n, s + _MAX_NP + 8)):
        if toks[k].text == ",":
            return k
        if toks[k].text in (";", ".", ":", "“", "”", '"'):
            return None
    return None


def _looks_like_description(toks: list[Token], s: int, e: int) -> bool:
    """An appositive starts with an article or a capitalised role and has no verb we know."""
    if e <= s:
        return False
    first = toks[s]
    if not (first.lower in DETERMINERS or first.is_cap):
        return False
    return not any(t.lower in CUE_VERBS for t in toks[s:e])


def _widen_to_quote(content: Span | None, quotes: tuple[Quote, ...]) -> Span | None:
    """A quote that began in an earlier sentence is credited whole."""
    if content is None:
        return None
    for q in quotes:
        if q.kind != "direct":
            continue
        if q.outer_start < content.start < q.outer_end <= content.end + 2:
            return Span(q.start, min(content.end, q.end))
    return content


def _verb(
    text: str, toks: list[Token], i: int, sent: Span, quotes: tuple[Quote, ...]
) -> Credit | None:
    n = len(toks)
    low = toks[i].lower
    if i > 0 and (toks[i - 1].lower in DETERMINERS or toks[i - 1].lower.endswith("'s")
                  or toks[i - 1].lower.endswith("’s")):
        return None  # a noun: "the report", "his claims", "Trump's statement"
    if i > 0 and toks[i - 1].lower in _PASSIVE:
        return None  # "was told", "is expected": the subject did not say it
    if i > 0 and toks[i - 1].lower == "to":
        return None  # "declined to say", "goes on to say": not a credit
    if low not in CUE_VERBS and i > 0 and toks[i - 1].lower in _PREPOSITIONS:
        return None  # "without fear of": a noun after a preposition
    if i > 0 and low.endswith("ed") and _modifies_noun(toks, i) and (
            toks[i - 1].lower in _PREPOSITIONS or toks[i - 1].text[:1].isdigit()):
        return None  # "won 758 pledged delegates", "a lead in pledged delegates"
    if low.endswith("ing"):
        return None  # "by calling him", ", saying": whose words needs a parser
    cue = Span(toks[i].start, toks[i].end)
    j = _skip_aux_back(toks, i - 1, 0)
    desc: str | None = None
    name_s = name_e = -1
    mention_s = -1
    appositive = False
    if j >= 0 and toks[j].text == ",":
        # A relative clause first: its own commas would pass for an appositive's.
        rel = _relative_clause(toks, j)
        app = None if rel else _appositive(toks, j, 0)
        role = None if rel or app else _role_then_name(toks, j)
        aside = None if rel or app or role else _opening_name_aside(text, toks, j)
        if aside:
            name_s, name_e, described = aside
            mention_s = name_s
            appositive = described
            if described:
                desc = text[toks[_bracket_forward(toks, name_e + 1) + 1].start : toks[j - 1].end]
        elif role:
            appositive = True
            mention_s, name_s, name_e = role
            desc = text[toks[mention_s].start : toks[name_s - 2].end]
        elif rel:
            appositive = True
            name_s, name_e = rel
            mention_s = name_s
        elif app:
            name_s, desc_s = app
            name_e = _bracket_back(toks, desc_s - 2, 0)
            mention_s = name_s
            # "Trump, in turn, said": an aside about the moment is not part of
            # the phrase naming the source; a description ("a Clinton aide") is.
            appositive = not _is_aside(toks[desc_s])
            if appositive:
                desc = text[toks[desc_s].start : toks[j - 1].end]
    if j >= 1 and toks[j].lower == "who" and (
            toks[j - 1].text == "," or (toks[j - 1].is_word and not toks[j - 1].is_cap)):
        # "Trump, who said ...", "voters who say ...": "who" credits the
        # phrase before it (PolNeAR's source span is the "who" itself).
        restrictive = toks[j - 1].text != ","
        ante_e = j - 1 if restrictive else j - 2
        if ante_e >= 0 and toks[ante_e].is_word:
            ante_s = _np_backward(toks, ante_e, 0)
            if restrictive and ante_s > ante_e and toks[ante_e].lower not in PRONOUNS:
                ante_s = ante_e  # "Among those who said": the head word alone
            if ante_s <= ante_e and toks[ante_s].lower not in PRONOUNS:
                content = _content_after_or_before(text, toks, i + 1, j, sent, quotes)
                if content is None or content.start < toks[i].end:
                    return None
                return Credit(Span(toks[j].start, toks[j].end),
                              Span(toks[ante_s].start, toks[ante_e].end), None, cue, content)
        return None
    bracketed = False
    if name_s < 0 and j >= 0 and toks[j].text == ")":
        last = _bracket_back(toks, j, 0)
        s = _np_backward(toks, last, 0) if last < j else last + 1
        if s <= last:
            name_s, name_e, mention_s = s, last, s
            bracketed = True
    if name_s < 0 and j >= 0 and (toks[j].is_word or _percent_sign(toks, j, 0)):
        s = _np_backward(toks, j, 0)
        if s <= j:
            name_s, name_e, mention_s = s, j, s
    listener: Span | None = None
    if name_s >= 0:
        pre_s, pre_desc = _prenominal(toks, name_s, name_e + 1)
        if pre_desc and desc is None:
            desc = pre_desc
            name_s = pre_s
        after = i + 1
        if low in _TELL_VERBS and after < n and toks[after].is_word:
            l_end = after
            while (l_end < n and l_end - after < 6 and toks[l_end].is_word
                   and toks[l_end].lower not in _PREPOSITIONS
                   and toks[l_end].lower not in CLAUSE_STOPS):
                l_end += 1
            if l_end > after:
                listener = Span(toks[after].start, toks[l_end - 1].end)
                after = l_end
        head = toks[name_e].lower
        if low in _DOCUMENT_VERBS and head not in DOCUMENT_HEADS \
                and not any(t.lower in DOCUMENT_HEADS for t in toks[mention_s:name_e]) \
                and not (low.startswith("f") and i + 1 < n and toks[i + 1].lower == "that"):
            # "a study by Media Matters found", "researchers found that ...";
            # "he showed the house", "they found the keys" credit nothing.
            return None
        if low not in CUE_VERBS and toks[mention_s].text[:1].isdigit():
            return None  # "1 pass defended": a statistic, not a stance
        content = _content_after_or_before(text, toks, after, mention_s, sent, quotes,
                                           to_clause=low in TO_CLAUSE_VERBS)
        if content is None:
            return None
        calls_for = low in _NAMING_VERBS and low.startswith("call") and i + 1 < n \
            and toks[i + 1].lower in ("for", "on") and not toks[i + 1].is_cap \
            and not (i + 2 < n and (toks[i + 2].text.isdigit()
                                    or toks[i + 2].lower in _NUMBER_WORDS))
        if calls_for:
            # "Ryan called for a vote", "called on Congress to act": a demand,
            # credited; the cue is the verb with its particle.
            cue = Span(toks[i].start, toks[i + 1].end)
        elif low in _NAMING_VERBS and not _has_quote_mark(text[content.start : content.end]):
            return None  # "a group called the Foundation" names, it does not credit
        mention = Span(toks[mention_s].start, toks[name_e].end)
        name = Span(toks[name_s].start, toks[name_e].end)
        # "Jeff Weaver, Sanders' campaign manager, said": the appositive and its
        # closing comma belong to the phrase that credits.
        phrase = Span(mention.start, toks[j].end) if appositive or bracketed else None
        return Credit(mention, name, desc, cue, content, listener, phrase)
    # Inverted: “...,” said Shehabi.
    if i > 0 and (toks[i - 1].text == "," or _closes_quote(toks, i - 1)):
        s = i + 1
        e = _np_forward(toks, s, n)
        if e <= s or low in _DOCUMENT_VERBS:
            return None
        if not (toks[s].is_cap or toks[s].lower in DETERMINERS):
            return None
        pre_s, pre_desc = _prenominal(toks, s, e)
        named_e = e
        e = _bracket_forward(toks, e)
        desc = _tail_description(text, toks, e, sent) or pre_desc
        content = _widen_to_quote(_strip_span(text, sent.start, toks[i].start), quotes)
        if content is None:
            return None
        tail = _trailing_appositive(toks, e)
        return Credit(
            Span(toks[s].start, toks[named_e - 1].end),
            Span(toks[pre_s].start, toks[named_e - 1].end), desc, cue, content,
            phrase=Span(toks[s].start, toks[tail - 1].end) if tail > named_e else None,
        )
    return None


def _has_quote_mark(words: str) -> bool:
    """Quoted words inside: curly or straight marks, or the doubled apostrophes
    ('') that archive texts use for them."""
    return any(ch in words for ch in "“”\"‘’") or "''" in words


def _modifies_noun(toks: list[Token], i: int) -> bool:
    """The -ed word at ``i`` is followed by a bare noun, as an adjective is
    ("pledged delegates"), not by an object, a clause or an adjunct."""
    if i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    return nxt.is_word and not nxt.is_cap and nxt.lower not in DETERMINERS \
        and nxt.lower not in _PREPOSITIONS and nxt.lower not in CLAUSE_STOPS \
        and nxt.lower not in PRONOUNS and nxt.lower != "to"


def _trailing_appositive(toks: list[Token], e: int) -> int:
    """One past the end of ", DESC[,]" after a name ending before token ``e``
    ("said Kim Wells, a schoolteacher from Aiken." / "said Jim Hodges, a
    Clinton backer, referring to ..."), or ``e`` when there is none. The
    closing comma belongs to the phrase; a sentence's final stop does not."""
    n = len(toks)
    if e >= n - 1 or toks[e].text != ",":
        return e
    first = toks[e + 1]
    # ", adding that ...", ", he said": a new clause, not a description.
    if not first.is_word or first.lower.endswith("ing") or first.lower in PRONOUNS \
            or first.lower in CUE_VERBS:
        return e
    k = e + 1
    while k < n and k - e <= _MAX_NP + 8:
        t = toks[k].text
        if t == ",":
            return k + 1
        if t in (";", ":", "—", "–", "(", ")") or t in _OPEN_QUOTES or t in _CLOSE_QUOTES:
            return e
        if t in (".", "!", "?") and k >= n - 2:
            return k  # the sentence's stop ("Fla." inside it is an abbreviation)
        k += 1
    return k if k >= n else e


def _content_after_or_before(
    text: str, toks: list[Token], after: int, mention_s: int, sent: Span,
    quotes: tuple[Quote, ...], to_clause: bool = False,
) -> Span | None:
    """What the source is credited with: the clause after the cue, or, when the
    cue closes the sentence ("..., Shehabi wrote."), the words before the source."""
    n = len(toks)
    k = after
    # "posted on Twitter accusing ...": the platform is where, not what.
    if k + 1 < n and toks[k].lower in ("on", "via") and platform_at(toks, k + 1):
        after = k = k + 2
    # "wrote on Telegram that ...", "said in a statement: ...": skip the adjunct.
    elif k < n and toks[k].lower in _PREPOSITIONS:
        for m in range(k + 1, min(n, k + 9)):
            if toks[m].lower in ("that", ":") or (toks[m].text == "," and m + 1 < n
                                                  and toks[m + 1].text in _OPEN_QUOTES):
                after = k = m
                break
    while k < n and toks[k].lower in ("that", ":", ","):
        k += 1
    rest_words = [t for t in toks[k:] if t.is_word]
    # "declined to comment": the to-clause is what is credited, not an adjunct.
    adjunct = _is_adjunct(toks, after) and not (to_clause and k < n and toks[k].lower == "to")
    before_ok = mention_s > 0 and (
        toks[mention_s - 1].text == "," or _closes_quote(toks, mention_s - 1)
    )
    if before_ok and (not rest_words or adjunct):
        content = _strip_span(text, sent.start, toks[mention_s].start)
        return _widen_to_quote(content, quotes)
    if mention_s == 0 and (not rest_words or adjunct):
        # "Shehabi wrote." split off after a quote by the sentence splitter.
        for q in reversed(quotes):
            if q.kind == "direct" and q.outer_end <= sent.start:
                if not text[q.outer_end : sent.start].strip():
                    return Span(q.start, q.end)
                break
        return None
    if k >= n:
        return None
    quoted = _whole_quote_at(text, toks[k].start, quotes)
    if quoted is not None:
        return quoted
    end = sent.end
    for m in range(k, n):
        if toks[m].text in (";", "—", "–") and m > k:
            end = toks[m].start
            break
    return _strip_span(text, toks[k].start, end)


def _whole_quote_at(text: str, at: int, quotes: tuple[Quote, ...]) -> Span | None:
    """The quoted words when a quote opens at ``at`` (right after the cue)
    and closes its clause (“Red for Ed,” in …): what the cue credits ends with the quote,
    not with the sentence. A quote the clause runs on from (“the economy”
    was failing) is not whole."""
    for q in quotes:
        if q.kind != "title" and at in (q.outer_start, q.start):
            inner = text[q.start : q.end].rstrip()
            follow = text[q.outer_end : q.outer_end + 2].lstrip()
            if inner.endswith((",", ".", "!", "?", ";")) or not follow or follow[0] in ",.;:!?—–)":
                return Span(q.start, q.end)
            return None
    return None


def _is_adjunct(toks: list[Token], k: int) -> bool:
    """The tail after a cue is only a time/place/channel adjunct
    ("said on Monday.", "wrote in a tweet.")."""
    tail = [t for t in toks[k:] if t.is_word]
    if not tail:
        return True
    return tail[0].lower in ("on", "in", "at", "during", "late", "earlier", "this", "last",
                             "yesterday", "today", "tuesday", "monday", "wednesday",
                             "thursday", "friday", "saturday", "sunday", "via", "to",
                             "afterward", "afterwards", "later") and len(tail) <= 8

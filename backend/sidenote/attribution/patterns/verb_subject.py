"""The phrase naming the source before a cue verb, in the shapes it comes
in: a name with its description after a quotation (“...,” Harry Bond, 30,
of Raleigh, said), a name with an appositive, a relative clause, a role
then a name, an aside between commas, dashes or brackets, a surname spelled
like a function word ("Will wrote"), or a plain noun phrase."""

from __future__ import annotations

from dataclasses import dataclass

from ..lexical import NUMBER_WORDS, OPEN_QUOTES, PREPOSITIONS, adverb, closes_quote, percent_sign
from ..subjects import (
    TIME_WORDS,
    bracket_back,
    bracket_forward,
    credits_of_its_own,
    is_aside,
    name_appositive,
    np_backward,
    np_ending_at,
    np_forward,
    opening_name_aside,
    relative_clause,
    role_then_name,
)
from ..text import Token
from ..words import (
    ALL_CUE_VERBS,
    AUXILIARIES,
    CLAUSE_STOPS,
    DETERMINERS,
    FINITE,
    MONTHS,
    NAME_JOINERS,
    ORG_WORDS,
    PRONOUNS,
    WEEKDAYS,
)
from .cue_forms import function_word_name
from .openings import DASHES
from .vocabulary import ARTICLES, SAY_VERBS

# Longest aside between two dashes, in tokens.
_MAX_DASH_ASIDE = 30
# Most tokens between a quotation and the cue of the speaker it names.
_MAX_AFTER_QUOTE = 30
# Most lower-case words a role before a name may have ("former presidential
# candidate Herman Cain").
MAX_ROLE_WORDS = 4
# Marks that end the stretch after a quotation before the speaker's name.
_AFTER_QUOTE_BREAKS = (";", ":", "(", ")")


@dataclass(frozen=True)
class Subject:
    """The source phrase before a cue: ``toks[first..last]`` names it,
    ``toks[mention_first..last]`` is how the article mentions it here (a
    role before the name included)."""

    first: int
    last: int
    mention_first: int
    description: str | None = None
    # The phrase that credits runs on to the comma, dash or bracket before
    # the cue: an appositive ("Jeff Weaver, Sanders' campaign manager,") or
    # a bracketed aside ("Jason Sims — a teacher —").
    appositive: bool = False
    bracketed: bool = False


def subject_before_cue(text: str, toks: list[Token], i: int, j: int, plain: bool) -> Subject | None:
    """The source phrase ending at ``toks[j]`` before the cue verb at
    ``toks[i]``. ``plain``: the cue is neither a progressive nor "went on
    to", so a name described after a quotation may stand there. None when
    nothing before the cue names a source (the cue may be inverted)."""
    if j < 0:
        return None
    post = described_after_quote(toks, j) if plain else None
    if post is not None:
        # “...,” Harry Bond, 30, of Raleigh, N.C., who was polled, said.
        name_s, name_e = post
        desc = text[toks[name_e + 2].start : toks[j - 1].end] if name_e + 2 < j else None
        return _unless_a_date(toks, i, Subject(name_s, name_e, name_s, desc, appositive=True))
    if toks[j].text == ",":
        return _unless_a_date(toks, i, _before_comma(text, toks, j))
    if toks[j].text in DASHES:
        found = _between_dashes(text, toks, j)
        if found is not None:
            return found
    if toks[j].text == ")":
        found = _before_bracket(toks, j)
        if found is not None:
            return found
    low = toks[i].lower
    if j == i - 1 and function_word_name(toks, j, low):
        # “...,” Will wrote. / From said ...: George Will, Al From.
        s = j
        while s > 0 and toks[s - 1].is_cap and toks[s - 1].is_word and toks[s - 1].lower not in DETERMINERS:
            s -= 1
        return Subject(s, j, s)
    if toks[j].is_word or percent_sign(toks, j, 0):
        s = np_backward(toks, j, 0, speech=low in SAY_VERBS)
        if s <= j:
            role = role_after_quote(toks, s)
            return Subject(s, j, s if role is None else role)
    return None


def _before_comma(text: str, toks: list[Token], j: int) -> Subject | None:
    """The shapes that end in a comma before the cue. A relative clause is
    tried first: its own commas would pass for an appositive's."""
    rel = relative_clause(toks, j)
    if rel is not None:
        name_s, name_e = rel
        return Subject(name_s, name_e, name_s, appositive=not credits_of_its_own(toks, name_e + 2, j))
    app = name_appositive(toks, j, 0)
    if app is not None:
        name_s, desc_s = app
        name_e = bracket_back(toks, desc_s - 2, 0)
        # "Trump, in turn, said": an aside about the moment is not part of
        # the phrase naming the source; a description ("a Clinton aide") is.
        if is_aside(toks[desc_s]):
            return Subject(name_s, name_e, name_s)
        return Subject(name_s, name_e, name_s, text[toks[desc_s].start : toks[j - 1].end], appositive=True)
    role = role_then_name(toks, j)
    if role is not None:
        mention_s, name_s, name_e = role
        return Subject(name_s, name_e, mention_s, text[toks[mention_s].start : toks[name_s - 2].end],
                       appositive=True)
    aside = opening_name_aside(text, toks, j)
    if aside is not None:
        name_s, name_e, described = aside
        if not described:
            return Subject(name_s, name_e, name_s)
        desc = text[toks[bracket_forward(toks, name_e + 1) + 1].start : toks[j - 1].end]
        return Subject(name_s, name_e, name_s, desc, appositive=True)
    return None


def _unless_a_date(toks: list[Token], i: int, subject: Subject | None) -> Subject | None:
    """"... rockets at Israel” from November 10-13, 2012, reports the Jewish
    Virtual Library.": a date before the comma is no subject; the cue is
    inverted and its source follows it (a name then the sentence's end)."""
    if subject is None:
        return None
    n = len(toks)
    dated = any(is_date(t) for t in toks[subject.first : subject.last + 1] if t.lower not in NUMBER_WORDS)
    if dated and i + 1 < n and (toks[i + 1].is_cap or toks[i + 1].lower in ARTICLES) \
            and all(not t.is_word for t in toks[np_forward(toks, i + 1, n):]):
        return None
    return subject


def _between_dashes(text: str, toks: list[Token], j: int) -> Subject | None:
    """"Jason Sims — a teacher from Mount Pleasant — says": the aside between
    the dashes describes the name before them. "Trump - who previously said
    ... - said": a relative clause with a credit of its own is no part of
    the source phrase."""
    dashed = dash_appositive(toks, j)
    if dashed is None:
        return None
    name_s, name_e = dashed
    bracketed = not credits_of_its_own(toks, name_e + 2, j)
    desc = text[toks[name_e + 2].start : toks[j - 1].end] if bracketed and not is_aside(toks[name_e + 2]) else None
    return Subject(name_s, name_e, name_s, desc, bracketed=bracketed)


def _before_bracket(toks: list[Token], j: int) -> Subject | None:
    """"Senator Ada Kuhn (D-Ohio) said": the bracket belongs to the phrase."""
    last = bracket_back(toks, j, 0)
    s = np_backward(toks, last, 0) if last < j else last + 1
    return Subject(s, last, s, bracketed=True) if s <= last else None


def described_after_quote(toks: list[Token], j: int) -> tuple[int, int] | None:
    """“...,” NAME, DESCRIPTION, said: the subject between a quotation's
    closing ",”" and the cue at ``j`` + 1 (``toks[j]`` the comma before the
    cue) is a name with its description, however many commas the
    description holds ("R-Ky.", "30, of Raleigh, N.C., who was polled").
    (first, last) token of the name, or None."""
    if j < 3 or toks[j].text != ",":
        return None
    q = j - 1
    while q > 0 and j - q <= _MAX_AFTER_QUOTE and not closes_quote(toks, q):
        t = toks[q]
        if t.text in _AFTER_QUOTE_BREAKS or t.text in OPEN_QUOTES or t.lower in ALL_CUE_VERBS:
            return None
        q -= 1
    if q <= 0 or not closes_quote(toks, q) or toks[q - 1].text != ",":
        return None
    first = q + 1
    comma = next((m for m in range(first, j) if toks[m].text == ","), None)
    if comma is None or comma == first or not toks[first].is_cap or toks[first].lower in PRONOUNS:
        return None
    if any(t.lower in FINITE for t in toks[first:comma]):
        return None
    name_e = bracket_back(toks, comma - 1, first)
    if name_e < first or not toks[name_e].is_cap:
        return None
    name_s = np_backward(toks, name_e, first)
    return (name_s, name_e) if name_s == first else None


def dash_appositive(toks: list[Token], close: int) -> tuple[int, int] | None:
    """``NAME — ASIDE —`` ending at the dash ``close``: (first, last) token of
    NAME, a capitalised name or a noun phrase led by a determiner."""
    dash = toks[close].text
    # "--" typed for a dash comes as two "-" tokens: read the pair as one.
    doubled = doubled_hyphen(toks, close)
    last_inside = close - 3 if doubled else close - 2
    for k in range(last_inside, max(0, close - _MAX_DASH_ASIDE) - 1, -1):
        t = toks[k].text
        if t in (";", ":") or t in OPEN_QUOTES or closes_quote(toks, k):
            return None
        if t == dash:
            if doubled:
                if not doubled_hyphen(toks, k):
                    return None
                k -= 1
            return np_ending_at(toks, bracket_back(toks, k - 1, 0) if k >= 1 else -1)
    return None


def doubled_hyphen(toks: list[Token], k: int) -> bool:
    """``toks[k]`` is the second "-" of a "--" typed for a dash."""
    return k >= 1 and toks[k].text == "-" and toks[k - 1].text == "-" \
        and toks[k - 1].end == toks[k].start


def role_after_quote(toks: list[Token], name_s: int) -> int | None:
    """“...,” former congressman Dan Maffei said: the lower-case role between
    the quotation and the name belongs to the phrase naming the source (the
    subject walk stops at capitals and leaves it out). The index of the
    role's first word, or None when no such role stands there."""
    if not toks[name_s].is_cap:
        return None
    k = name_s - 1
    while k >= 0 and name_s - k <= MAX_ROLE_WORDS and toks[k].is_word and not toks[k].is_cap:
        if _not_a_role_word(toks[k]):
            return None
        k -= 1
    if k == name_s - 1 or k < 0 or name_s - k > MAX_ROLE_WORDS:
        return None
    return k + 1 if closes_quote(toks, k) and k >= 1 and toks[k - 1].text == "," else None


def _not_a_role_word(t: Token) -> bool:
    """A function word, a time or an adverb: no part of a role."""
    low = t.lower
    return low in PREPOSITIONS or low in CLAUSE_STOPS or low in AUXILIARIES or low in FINITE \
        or low in DETERMINERS or low in TIME_WORDS or adverb(t) or low in ("of", "to")


def past_modifiers(toks: list[Token], s: int, e: int) -> int:
    """Where the name in ``toks[s..e]`` opens past a determiner and the
    writer's lower-case adjectives before a full name: "the ever-present
    Michael Avenatti" is Michael Avenatti. ``s`` when no full name of two
    capitalised words or more ends the phrase."""
    k = s + 1 if toks[s].lower in DETERMINERS else s
    m = k
    while m < e and toks[m].is_word and not toks[m].is_cap and toks[m].lower not in PREPOSITIONS \
            and toks[m].lower not in NAME_JOINERS and toks[m].lower not in CLAUSE_STOPS:
        m += 1
    if m == k or e - m < 1 or not all(t.is_word and t.is_cap for t in toks[m : e + 1]):
        return s
    if any(t.lower in ORG_WORDS for t in toks[k:m]):
        return s  # "the rights group Human Rights Watch": the group word says what it is
    return m


def is_date(t: Token) -> bool:
    """A month, a weekday or a number: a date, never who said something."""
    return t.lower in MONTHS or t.lower in WEEKDAYS or t.text[:1].isdigit()

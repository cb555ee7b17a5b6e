"""Where a sentence's subject opens, past what may come before it: leading
conjunctions ("And then Trump went on the attack"), a dateline
("WASHINGTON (AP) — ..."), and an opening phrase or clause that a comma
closes ("In a statement, ...", "After the vote, ...", "When the mayor
proposed a tax, ..."). A participle after a comma credits that subject."""

from __future__ import annotations

from ..lexical import PREPOSITIONS
from ..subjects import TIME_WORDS
from ..text import Token
from ..words import ALL_CUE_VERBS, AUXILIARIES, DETERMINERS, FINITE
from .vocabulary import (
    OPENING_ADVERBS,
    OPENING_CONJUNCTIONS,
    OPENING_SUBORDINATORS,
    PLACE_TIME_LEADS,
    TIME_OPENERS,
    TIME_UNITS,
)

# Dashes that close a dateline, or an aside between a name and its verb:
# punctuation, so they stay in code.
DASHES = frozenset("— – - --".split())
# Most tokens of a dateline before its dash ("DES MOINES, Iowa (AP) —").
_MAX_DATELINE = 8
# Most capitalised words of a place's state between its commas ("Salem, New Hampshire,").
_MAX_STATE_WORDS = 3


def verb_like(t: Token) -> bool:
    """A lower-case word that reads as a finite verb after a subject."""
    low = t.lower
    return not t.is_cap and (low in ALL_CUE_VERBS or low in AUXILIARIES or low in FINITE
                             or (low.endswith("ed") and len(low) > 4))


def subject_start(toks: list[Token], i: int) -> int | None:
    """Where the sentence's subject opens, for a participle at ``toks[i]``.
    None when an opening phrase has no comma to close it."""
    k = 0
    while k < i and toks[k].lower in OPENING_CONJUNCTIONS:
        k += 1
    dash = dateline_end(toks, k, i)
    if dash is not None:
        k = dash + 1
    if k + 1 < i and toks[k].lower in OPENING_ADVERBS and toks[k + 1].text == ",":
        return k + 2  # "However, he held his fire on Carson, calling him ..."
    if k < i and _opens_a_phrase(toks, k):
        comma = _comma_closing_opening(toks, k, i)
        if comma is None:
            return None
        if toks[k].lower in OPENING_SUBORDINATORS and not any(
                verb_like(t) or t.lower.endswith("s") for t in toks[k + 1 : comma]):
            # "When Robby Mook, Clinton's campaign manager, was asked": no verb
            # before the comma, so it opens an appositive, not the clause's end.
            return None
        k = comma + 1  # "In three separate interviews, the justice ...", "Ultimately, Mr. X ..."
    return k


def _opens_a_phrase(toks: list[Token], k: int) -> bool:
    """``toks[k]`` opens a phrase or clause before the subject: a
    preposition, a place or time word, a subordinator, or an adjunct."""
    low = toks[k].lower
    return low in PREPOSITIONS or low in PLACE_TIME_LEADS or low in OPENING_SUBORDINATORS \
        or opening_adjunct(toks, k)


def _comma_closing_opening(toks: list[Token], k: int, i: int) -> int | None:
    """The comma that ends the opening phrase at ``toks[k]``. "Speaking in
    Salem, New Hampshire, Trump went after Bush": the place's own comma
    comes before the one that ends the opening."""
    comma = next((m for m in range(k, i) if toks[m].text == ","), None)
    while comma is not None and place_then_name(toks, comma, i):
        comma = next(m for m in range(comma + 1, i) if toks[m].text == ",")
    return comma


def place_then_name(toks: list[Token], comma: int, stop: int) -> bool:
    """After ``comma`` a run of capitalised words and another comma, then a
    name and a lower-case word ("Salem, New Hampshire, Trump went"): the run is
    the place's state, the name after it the subject."""
    m = comma + 1
    while m < stop and toks[m].is_cap and toks[m].is_word:
        m += 1
    if m == comma + 1 or m - comma > _MAX_STATE_WORDS + 1 or m >= stop or toks[m].text != ",":
        return False
    name = m + 1
    if name >= stop or not (toks[name].is_cap and toks[name].is_word) \
            or toks[name].lower in DETERMINERS or toks[name].lower.endswith(("'s", "’s")):
        return False
    nxt = name
    while nxt + 1 < stop and toks[nxt + 1].is_cap and toks[nxt + 1].is_word:
        nxt += 1
    nxt += 1
    return nxt < stop and toks[nxt].is_word and not toks[nxt].is_cap \
        and toks[nxt].lower not in PREPOSITIONS


def dateline_end(toks: list[Token], k: int, stop: int) -> int | None:
    """The dash closing a dateline that opens at ``toks[k]`` ("WASHINGTON —",
    "DES MOINES, Iowa (AP) —"): a place in capitals, maybe a state and an
    agency, then a dash. None when there is none."""
    if k >= stop or not (toks[k].is_word and toks[k].text.isupper() and len(toks[k].text) > 1):
        return None
    place = True  # still in the place's own words, all in capitals
    for m in range(k + 1, min(stop, k + _MAX_DATELINE)):
        if toks[m].text in DASHES:
            return m
        if toks[m].text in ",(":
            place = False  # then a state ("Iowa") or an agency ("(AP)")
        elif not (toks[m].is_cap or toks[m].text in ")."):
            return None
        elif place and toks[m].is_word and not toks[m].text.isupper():
            return None  # "FBI Director James Comey —": a name, not a place
    return None


def opening_adjunct(toks: list[Token], k: int) -> bool:
    """``toks[k]`` opens an adjunct before the subject that a comma ends: an
    adverb ("Ultimately,"), a participle ("Walking to the next address,") or
    a time ("Last October,")."""
    t = toks[k]
    low = t.lower
    if not (t.is_cap and t.is_word):
        return False
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None:
        return False
    # A name may end the same way ("Kelly", "Sterling Bank"): an adverb is
    # followed by its comma, a participle by a lower-case word.
    return (low.endswith("ly") and len(low) > 4 and nxt.text == ",") \
        or (low.endswith("ing") and len(low) > 5 and nxt.is_word and not nxt.is_cap) \
        or low in TIME_WORDS or low in TIME_OPENERS \
        or (low.rstrip("s") in TIME_UNITS and nxt.lower in ("later", "earlier", "ago"))

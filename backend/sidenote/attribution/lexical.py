"""Token tests the phrase rules share: quote marks, prepositions, numbers
and adverbs. The leaf of the rules: it imports no other rule module."""

from __future__ import annotations

from .text import Token

OPEN_QUOTES = frozenset("“\"‘")
CLOSE_QUOTES = frozenset("”\"’")
# Number words ("three in 10", "half"); after "called for" they make a quantity
# a requirement ("the recipe called for three cups"), not a demand.
NUMBER_WORDS = frozenset("two three four five six seven eight nine ten dozen half".split())
# Longest noun phrase the rules walk over, in tokens.
MAX_NP = 14
PREPOSITIONS = frozenset(
    "in on at for with after before by from during under over about into against "
    "without within among between like despite".split()
)


def closes_quote(toks: list[Token], k: int) -> bool:
    """Token ``k`` closes a quotation: a closing mark, or the second of two
    apostrophes ('') that archive texts (and typewriter style) use for one."""
    t = toks[k].text
    if t in CLOSE_QUOTES:
        return not possessive(toks, k)
    return t == "'" and k > 0 and toks[k - 1].text == "'" and toks[k - 1].end == toks[k].start


def possessive(toks: list[Token], k: int) -> bool:
    """An apostrophe glued to a plural ("Sanders’ campaign manager"), not a
    closing quote mark."""
    if toks[k].text not in ("’", "'") or k == 0 or k + 1 >= len(toks):
        return False
    prev, nxt = toks[k - 1], toks[k + 1]
    return prev.is_word and prev.end == toks[k].start and prev.lower.endswith("s") and nxt.is_word


_TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())


def is_number(t: Token) -> bool:
    """A figure or a number word ("42", "three", "thirty-seven", "half")."""
    head = t.lower.split("-", 1)[0]
    return t.text[:1].isdigit() or head in NUMBER_WORDS or head in _TENS or head == "one"


def percent_sign(toks: list[Token], i: int, floor: int) -> bool:
    """A "%" after a number is part of the phrase ("42% say")."""
    return toks[i].text == "%" and i > floor and toks[i - 1].text[:1].isdigit()


# Adverbs that sit before a subject or its verb without belonging to either
# ("soon Trump said", "Congress only voted").
_PLAIN_ADVERBS = frozenset("only soon yet still even just now then always ever too however".split())


def adverb(t: Token) -> bool:
    """A plain adverb ("only", "soon") or a longer -ly word."""
    return t.lower in _PLAIN_ADVERBS or (t.lower.endswith("ly") and len(t.text) > 4)

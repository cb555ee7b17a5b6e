"""A viewpoint opener: "To Sexton, Tuesday marked a turning point", "For
most Democrats, the Clinton years remain the good old days" give the view
of the name or group between "To"/"For" and the comma."""

from __future__ import annotations

from ...doc import Span
from ..edges import strip_span
from ..subjects import TIME_WORDS
from ..text import Token
from ..words import ANONYMOUS_HEADS, DETERMINERS, NOT_SPEAKERS
from .credit import Credit, plain_credit, token_span
from .vocabulary import LEADING_CONJUNCTIONS, VIEW_QUANTIFIERS

# Longest name or group a viewpoint opener holds, in tokens.
_MAX_VIEW_NAME = 6


def viewpoint(text: str, toks: list[Token], sent: Span) -> Credit | None:
    """A sentence opening with "To" and a name, or "To"/"For" and a
    quantified plural group, then a comma. Not "For years," "To date," "For
    example,", nor "For Trump, the returns seemed ...", which is about the
    person as often as it is his view (27 of 33 such credits on PolNeAR
    train were not gold sources)."""
    k = 0
    while k < len(toks) and toks[k].lower in LEADING_CONJUNCTIONS:
        k += 1
    if k + 3 >= len(toks) or toks[k].lower not in ("to", "for"):
        return None
    s = k + 1
    comma = next((m for m in range(s, min(len(toks), s + _MAX_VIEW_NAME + 1)) if toks[m].text == ","), None)
    if comma is None or comma == s:
        return None
    words = toks[s:comma]
    if not all(t.is_word for t in words):
        return None
    if not _holds_a_view(toks[k], words) or _time_or_not_a_speaker(words):
        return None
    content = strip_span(text, toks[comma].end, sent.end)
    if content is None:
        return None
    return plain_credit(toks, s, comma - 1, token_span(toks, k), content)


def _holds_a_view(lead: Token, words: list[Token]) -> bool:
    """"For many Democrats" (a quantified group of people) or "To Sexton" (a
    capitalised name); "For Trump, the returns seemed a reminder" is about
    the person as often as from them."""
    first, last = words[0], words[-1]
    if first.lower in VIEW_QUANTIFIERS:
        return plural_source_word(last) or (last.is_cap and last.lower.endswith("s"))
    return lead.lower != "for" and first.is_cap and last.is_cap and first.lower not in DETERMINERS


def _time_or_not_a_speaker(words: list[Token]) -> bool:
    """"To date", "For 2016", "For example": a time, a figure or a word that
    names no speaker."""
    return any(t.lower in TIME_WORDS or t.text[:1].isdigit() for t in words) \
        or words[-1].lower in NOT_SPEAKERS or words[0].lower in NOT_SPEAKERS


def plural_source_word(t: Token) -> bool:
    """A lower-case plural that names people ("voters", "officials")."""
    return not t.is_cap and (t.lower in ANONYMOUS_HEADS and t.lower.endswith("s"))

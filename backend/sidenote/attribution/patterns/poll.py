"""A poll named after "in": "In a CNN/ORC poll released Monday, 31% backed
...", "Cruz led in the latest Fox poll". The poll credits the figures it
gives; "in the polls" (plural, no poll in particular) credits nothing."""

from __future__ import annotations

from ...doc import Span
from ..edges import strip_span
from ..lexical import PREPOSITIONS
from ..text import Token
from ..words import CLAUSE_STOPS, PRONOUNS
from .credit import Credit, plain_credit, token_span
from .vocabulary import ARTICLES, LEADING_CONJUNCTIONS, POLL_TAILS, POLL_WORDS

# Most tokens from "in" to the poll's noun ("in a CNN/ORC poll").
_MAX_POLL_NAME = 9
# Characters a poll's name may hold besides words ("CNN/ORC", "AP-NORC").
_NAME_MARKS = ("/", "&", "-")


def in_poll(text: str, toks: list[Token], i: int, sent: Span) -> Credit | None:
    """The credit of the poll named after "in" at ``toks[i]``."""
    first = toks[i + 1]
    if not (first.lower in ARTICLES or first.is_cap) or first.lower in PRONOUNS:
        return None
    k = poll_noun(toks, i)
    if k is None or (k - i == 2 and first.lower == "the"):
        return None  # "in the poll": which one is another sentence's business
    if not _poll_is_the_head(toks, k):
        return None
    content = _figures_credited(text, toks, i, k, sent)
    if content is None:
        return None
    return plain_credit(toks, i + 1, k, token_span(toks, i), content)


def poll_noun(toks: list[Token], i: int) -> int | None:
    """Where "poll" or "survey" stands in a name of words after "in" at
    ``toks[i]`` (at least two tokens on), or None."""
    n = len(toks)
    k = i + 1
    while k < n and k - i <= _MAX_POLL_NAME and toks[k].lower not in POLL_WORDS:
        if not (toks[k].is_word or toks[k].text in _NAME_MARKS) \
                or toks[k].lower in CLAUSE_STOPS or toks[k].lower in PREPOSITIONS:
            return None
        k += 1
    if k >= n or toks[k].lower not in POLL_WORDS or k - i < 2:
        return None
    return k


def _poll_is_the_head(toks: list[Token], k: int) -> bool:
    """Nothing but a poll's own tail follows its noun: "in Iowa poll
    overhype" makes the poll a modifier."""
    after = toks[k + 1] if k + 1 < len(toks) else None
    return after is None or not after.is_word or after.lower in POLL_TAILS


def _figures_credited(text: str, toks: list[Token], i: int, k: int, sent: Span) -> Span | None:
    """What the poll credits: the clause after its comma when "In a ... poll"
    opens the sentence, else the words before "in"."""
    lead = 0
    while lead < i and toks[lead].lower in LEADING_CONJUNCTIONS:
        lead += 1
    if lead == i:  # "In a ... poll, content."
        comma = next((m for m in range(k + 1, len(toks)) if toks[m].text == ","), None)
        if comma is None:
            return None
        return strip_span(text, toks[comma].end, sent.end)
    return strip_span(text, sent.start, toks[i].start)  # "Content in a ... poll."

""""According to X": X is credited with the clause it opens ("According to
X, [DESC,] content.") or closes ("Content, according to X[, DESC].")."""

from __future__ import annotations

from ...doc import Quote, Span
from ..content import widen_to_quote
from ..edges import looks_like_description, next_comma, strip_span, tail_description
from ..subjects import np_forward
from ..text import Token
from .credit import Credit, token_span
from .vocabulary import ARTICLES, LEADING_CONJUNCTIONS


def according_to(
    text: str, toks: list[Token], i: int, sent: Span, quotes: tuple[Quote, ...]
) -> Credit | None:
    """The credit of "according to" at ``toks[i]``, ``toks[i + 1]``."""
    n = len(toks)
    np_s = i + 2
    np_e = np_forward(toks, np_s, n)
    if np_e <= np_s:
        return None
    mention = token_span(toks, np_s, np_e - 1)
    name = maker_named(toks, np_s, np_e) or mention
    cue = token_span(toks, i, i + 1)
    desc: str | None = None
    if _opens_clause(toks, i):  # "According to X, [DESC,] content."
        j = np_e
        if j < n and toks[j].text == ",":
            nxt = next_comma(toks, j + 1, n)
            if nxt is not None and looks_like_description(toks, j + 1, nxt):
                desc = text[toks[j + 1].start : toks[nxt - 1].end]
                j = nxt
        content = strip_span(text, toks[j].end if j < n else sent.end, sent.end)
    else:  # "Content, according to X[, DESC]."
        desc = tail_description(text, toks, np_e, sent)
        content = widen_to_quote(strip_span(text, sent.start, toks[i].start), quotes)
    if content is None:
        return None
    return Credit(mention, name, desc, cue, content)


def _opens_clause(toks: list[Token], i: int) -> bool:
    """"According to" opens the sentence, past a leading "But" or "And"."""
    k = 0
    while k < i and toks[k].lower in LEADING_CONJUNCTIONS:
        k += 1
    return k == i


def maker_named(toks: list[Token], s: int, e: int) -> Span | None:
    """"according to a surprising claim made by Pennsylvania Congressman
    Scott Perry": the name after "by" in a phrase that opens with a
    determiner is who made the claim, the source a reader should see."""
    if toks[s].lower not in ARTICLES:
        return None
    for k in range(s + 2, e - 1):
        if toks[k].lower == "by":
            first = k + 1
            while first < e and toks[first].lower in ARTICLES:
                first += 1
            if first < e and toks[first].is_cap:
                return token_span(toks, k + 1, e - 1)
            return None
    return None

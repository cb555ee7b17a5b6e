"""Word tokens with offsets, and which of them sit inside double quotes.

Shared by the span finder and its training script so that both see exactly
the same tokens. Tokens are kept as parallel lists rather than objects
because the finder runs on every article and must stay within a few ms.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

# A word keeps inner hyphens and apostrophes ("so-called", "Assad's",
# "al-Qaeda"); any other non-space character is a token of its own.
TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")

OPEN_QUOTES = frozenset("“„«")
CLOSE_QUOTES = frozenset("”»")
STRAIGHT_QUOTE = '"'

# Quote context of a token: outside any double quote, inside a short quote
# of at most SHORT_QUOTE_WORDS words (scare quotes, titles), inside a longer
# one (a speaker's words).
OUTSIDE, SHORT, LONG = 0, 1, 2
SHORT_QUOTE_WORDS = 3


@dataclass(frozen=True)
class Tokens:
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    words: tuple[str, ...]  # as written
    lowers: tuple[str, ...]
    quote: tuple[int, ...]  # OUTSIDE | SHORT | LONG per token

    def __len__(self) -> int:
        return len(self.starts)

    def window(self, a: int, b: int) -> Tokens:
        """Tokens ``a`` to ``b`` (exclusive), with their quote context as
        decided on the whole text."""
        return Tokens(
            text=self.text,
            starts=self.starts[a:b],
            ends=self.ends[a:b],
            words=self.words[a:b],
            lowers=self.lowers[a:b],
            quote=self.quote[a:b],
        )


def quote_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of double quotes.

    Curly quotes pair by direction and may nest (“he said “rebels” twice”);
    straight quotes alternate. A paragraph break closes any quote left open,
    so one stray mark cannot turn the rest of an article into quoted text.
    """
    regions: list[tuple[int, int]] = []
    stack: list[int] = []  # start offsets of the open curly quotes
    straight_at = -1
    for m in _QUOTE_OR_BREAK_RE.finditer(text):
        ch = m.group()
        pos = m.start()
        if ch[0] != '"' and ch[0] not in OPEN_QUOTES and ch[0] not in CLOSE_QUOTES:
            stack.clear()
            straight_at = -1
        elif ch in OPEN_QUOTES:
            stack.append(pos + 1)
        elif ch in CLOSE_QUOTES:
            if stack:
                regions.append((stack.pop(), pos))
        elif straight_at >= 0:
            regions.append((straight_at, pos))
            straight_at = -1
        else:
            straight_at = pos + 1
    regions.sort()
    return regions


_QUOTE_OR_BREAK_RE = re.compile(r'[“„«”»"]|\n\s*\n')


def tokenize(text: str) -> Tokens:
    matches = list(TOKEN_RE.finditer(text))
    starts = [m.start() for m in matches]
    words = [m.group() for m in matches]
    quote = [OUTSIDE] * len(starts)
    if starts and _ANY_QUOTE_RE.search(text):
        _mark_quotes(text, starts, quote)
    return Tokens(
        text=text,
        starts=tuple(starts),
        ends=tuple(m.end() for m in matches),
        words=tuple(words),
        lowers=tuple(w.lower() for w in words),
        quote=tuple(quote),
    )


_ANY_QUOTE_RE = re.compile(r'[“„«”»"]')


def _mark_quotes(text: str, starts: list[int], quote: list[int]) -> None:
    for qs, qe in quote_regions(text):
        i = bisect_left(starts, qs)
        j = bisect_left(starts, qe)
        n_words = sum(1 for k in range(i, j) if _WORD_CHAR_RE.match(text, starts[k]))
        kind = SHORT if n_words <= SHORT_QUOTE_WORDS else LONG
        for k in range(i, j):
            quote[k] = kind


_WORD_CHAR_RE = re.compile(r"\w")

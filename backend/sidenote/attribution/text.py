"""Tokens with offsets, and crude sentence/quote spans for when the
sentences and quotes stages have not run (unit tests, the PolNeAR eval)."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from ..pipeline.doc import Quote, Sentence

# A word keeps inner apostrophes, hyphens and dots ("al-Nusra", "U.S", "Trump's")
# and a transliterated ayin ("Al-‘Ayesh", "Shi‘a": an opening quote mark never
# follows a letter directly); any other non-space character is a token of its own.
_TOKEN_RE = re.compile(r"\w+(?:(?:-‘|[-'’.&‘])\w+)*|[^\w\s]")
# A dot after these belongs to the word, not to the sentence.
_ABBREV = frozenset(
    "mr mrs ms dr prof sen rep gov gen lt col sgt capt rev st jr sr u.s no vs inc corp co".split()
)


_MARKS_RE = re.compile(r"\n\n|[“”\"]")


class Token(NamedTuple):
    """A named tuple rather than a dataclass: thousands are made per article."""

    start: int
    end: int
    text: str
    lower: str
    is_cap: bool  # starts with a capital or a digit: may be part of a name
    is_word: bool


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    out: list[Token] = []
    stop = len(text) if end is None else end
    for m in _TOKEN_RE.finditer(text, start, stop):
        s, e = m.span()
        word = m.group()
        low = word.lower()
        c = word[0]
        if e < stop and text[e] == "." and (low in _ABBREV or (len(word) == 1 and c.isupper())):
            e += 1
            word += "."
            low += "."
        elif word == "." and out and out[-1].end == e:
            continue  # the dot was already taken by an abbreviation
        out.append(Token(s, e, word, low, c.isupper() or c.isdigit(), c.isalnum() or c == "_"))
    return out


def split_sentences(
    text: str, blocks: tuple[tuple[int, int], ...], toks: list[Token] | None = None
) -> tuple[Sentence, ...]:
    """Crude fallback: split each block at ., ! or ? followed by space, keeping
    abbreviation dots ("Mr. Trump") inside the sentence."""
    out: list[Sentence] = []
    toks = tokenize(text) if toks is None else toks
    starts = [t.start for t in toks]
    for b, (bs, be) in enumerate(blocks):
        pos = bs
        lo = bisect.bisect_left(starts, bs)
        hi = bisect.bisect_left(starts, be)
        for tok in toks[lo:hi]:
            if tok.text in {".", "!", "?"}:
                end = tok.end
                while end < be and text[end] in "”\"’'":
                    end += 1
                if end >= be or text[end].isspace():
                    s = _lstrip(text, pos, end)
                    if s < end:
                        out.append(Sentence(s, end, b))
                    pos = end
        s = _lstrip(text, pos, be)
        e = be
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append(Sentence(s, e, b))
    return tuple(out)


def _lstrip(text: str, s: int, e: int) -> int:
    while s < e and text[s].isspace():
        s += 1
    return s


def find_quotes(text: str) -> tuple[Quote, ...]:
    """Crude fallback: curly marks paired with a stack (so a quote may hold a
    quote), straight marks paired within a paragraph; four words or more is a
    direct quote."""
    out: list[Quote] = []
    stack: list[int] = []
    straight: int | None = None
    for m in _MARKS_RE.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n\n":
            stack.clear()
            straight = None
        elif ch == "“":
            stack.append(i)
        elif ch == "”" and stack:
            out.append(_quote(text, stack.pop(), i))
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                out.append(_quote(text, straight, i))
                straight = None
    return tuple(sorted(out, key=lambda q: q.outer_start))


def _quote(text: str, open_at: int, close_at: int) -> Quote:
    inner = text[open_at + 1 : close_at]
    kind = "direct" if len(inner.split()) >= 4 else "scare"
    return Quote(open_at + 1, close_at, open_at, close_at + 1, kind)

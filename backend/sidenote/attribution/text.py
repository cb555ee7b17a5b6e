"""Tokens with offsets: what the credit patterns read a sentence as. The
sentences and quotes they read come from the sentences and quotes stages."""

from __future__ import annotations

import re
from typing import NamedTuple

# A word keeps inner apostrophes, hyphens and dots ("al-Nusra", "U.S", "Trump's")
# and a transliterated ayin ("Al-‘Ayesh", "Shi‘a": an opening quote mark never
# follows a letter directly); any other non-space character is a token of its own.
_TOKEN_RE = re.compile(r"\w+(?:(?:-‘|[-'’.&‘])\w+)*|[^\w\s]")
# A dot after these belongs to the word, not to the sentence.
_ABBREV = frozenset(
    "mr mrs ms dr prof sen rep gov gen lt col sgt capt rev st jr sr u.s no vs inc corp co".split()
)


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

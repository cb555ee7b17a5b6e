"""Are quoted words on a page? Both sides made comparable the same way.

Quote marks, apostrophes, dashes and odd spaces are mapped to one form each
(``data/links/normalize.tsv``), text is NFKC-normalised and case-folded, and
then split into words; a quotation is on a page when its words appear there
in the same order, with nothing between them. Punctuation and spacing never
decide a match: "taxes — never" and "taxes, never" are the same words, so a
reader is not told a quotation is missing because a comma moved.

A quotation with an elision ("the budget … will hurt", "[he] said") is
split at each elision mark (``data/links/elisions.txt``); every part must be
on the page, in any order.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..lexicon import load_lines

# Fewer words than this in all and a quotation is not checked: a word or two
# in quote marks is usually the writer's paraphrase, and matching it says
# little either way.
MIN_QUOTE_WORDS = 3

# A word: letters and digits, with apostrophes inside ("don't", "o'clock").
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _unescape(field: str) -> str:
    return field.encode("ascii").decode("unicode_escape")


@cache
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for line in load_lines("links/normalize.tsv"):
        chars, _, replacement = line.partition("\t")
        for ch in _unescape(chars.strip()):
            table[ord(ch)] = _unescape(replacement.strip())
    return table


@cache
def _elision() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in load_lines("links/elisions.txt")))


def words(text: str) -> list[str]:
    """``text`` as comparable words."""
    text = unicodedata.normalize("NFKC", text).translate(_table()).casefold()
    return _WORD.findall(text)


def comparable(text: str) -> str:
    """A page's text in the form :func:`contains` searches: its words, each
    followed by one space, after a leading space."""
    return " " + " ".join(words(text)) + " "


def quote_parts(quotation: str) -> tuple[tuple[str, ...], ...]:
    """The parts of a quotation that must each be on the page (split at
    elisions), as words; empty if the quotation is too short to check."""
    parts = tuple(tuple(words(piece)) for piece in _elision().split(quotation))
    parts = tuple(p for p in parts if p)
    if sum(len(p) for p in parts) < MIN_QUOTE_WORDS:
        return ()
    return parts


def contains(page: str, parts: tuple[tuple[str, ...], ...]) -> bool:
    """Is every part on ``page`` (a :func:`comparable` text)?"""
    return bool(parts) and all(" " + " ".join(part) + " " in page for part in parts)

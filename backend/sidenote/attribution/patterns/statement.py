"""A statement handed over across a colon: "The company released the
following statement: “...”", "sent a statement to Fox News:". The verb
("released", "issued") is no cue of its own; with its statement noun and
the colon it is read like one."""

from __future__ import annotations

from ...doc import Quote
from ..lexical import OPEN_QUOTES
from ..text import Token
from ..words import STATEMENT_NOUNS
from .vocabulary import STATEMENT_LEADS

# Most words between the statement verb and its noun ("put out a brief written").
_MAX_LEADS = 4
# Most words after the noun before the colon ("sent a statement to Fox News:").
_MAX_STATEMENT_TAIL = 5


def statement_colon(toks: list[Token], i: int, quotes: tuple[Quote, ...]) -> bool:
    """Whether the verb at ``toks[i]`` hands over a statement across a colon
    that closes the sentence or opens a quotation."""
    k = statement_noun(toks, i)
    if k is None:
        return False
    colon = _colon_after(toks, k)
    if colon is None:
        return False
    if colon + 1 < len(toks):
        return toks[colon + 1].text in OPEN_QUOTES or any(
            q.kind == "direct" and q.outer_start == toks[colon + 1].start for q in quotes)
    return True


def statement_noun(toks: list[Token], i: int) -> int | None:
    """Where the statement noun stands after the verb at ``toks[i]``: past at
    least one lead word ("the following"), and maybe one adjective after
    them ("had a blunt reply:"). None when no such noun follows."""
    n = len(toks)
    k = i + 1
    while k < n and k - i <= _MAX_LEADS and toks[k].lower in STATEMENT_LEADS:
        k += 1
    if k > i + 1 and k + 1 < n and toks[k].is_word and not toks[k].is_cap \
            and toks[k].lower not in STATEMENT_NOUNS and toks[k + 1].lower in STATEMENT_NOUNS:
        k += 1
    if k == i + 1 or k >= n or toks[k].lower not in STATEMENT_NOUNS:
        return None
    return k


def _colon_after(toks: list[Token], k: int) -> int | None:
    """A colon within a few words after the noun at ``toks[k]``, with only
    words between them."""
    stop = min(len(toks), k + 2 + _MAX_STATEMENT_TAIL)
    colon = next((m for m in range(k + 1, stop) if toks[m].text == ":"), None)
    if colon is None or any(not toks[m].is_word for m in range(k + 1, colon)):
        return None
    return colon

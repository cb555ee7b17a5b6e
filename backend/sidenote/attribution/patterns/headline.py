"""Headlines in title case capitalise their verbs like their names
("Trump Says He Would Win"), so the patterns read a capitalised cue there
and the stage trusts a headline's sources less."""

from __future__ import annotations

from ..text import Token
from .vocabulary import HEADLINE_PASSIVE_NEXT

# Fewest long words a title-case line has (a name alone is capitalised too).
_MIN_LONG_WORDS = 3


def title_case(toks: list[Token]) -> bool:
    """A headline in title case: every word of more than three letters, and
    at least three of them, capitalised."""
    long_words = [t for t in toks if t.is_word and len(t.text) > 3]
    return len(long_words) >= _MIN_LONG_WORDS and all(t.is_cap for t in long_words)


def headline_passive(toks: list[Token], i: int) -> bool:
    """The -ed form at ``toks[i]`` is a passive participle: "The Security
    Guard Credited With Finding Shooter" credits the guard with an act; the
    guard credits nothing."""
    return toks[i].lower.endswith("ed") and i + 1 < len(toks) and toks[i + 1].lower in HEADLINE_PASSIVE_NEXT

"""Content words and their overlap: how the claims stage and the detectors
tell that two stretches of text say the same thing ("attacked" matches
"attacking", "state-run" gives "state" and "run").

Shared by the stages and the detectors, so it imports nothing of either.
"""

from __future__ import annotations

import re
from collections.abc import Set
from functools import lru_cache

from .lexicon import load_words

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+")
STOPWORDS = load_words("claims/stopwords.txt")


def _stem(word: str) -> str:
    """A crude suffix strip: enough to match "attacked" with "attacking"."""
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def _word_forms(raw: str) -> tuple[str, ...]:
    """The content-word forms of one matched word ("state-run" gives two).
    Cached: a page repeats its words, and this runs on every sentence."""
    forms = []
    for part in raw.lower().replace("’", "'").split("-"):
        part = part.removesuffix("'s")
        if len(part) < 2 or part in STOPWORDS:
            continue
        forms.append(_stem(part))
    return tuple(forms)


# 4096 sentences: ten times a long article's, so the detectors' repeated
# look-ups within a page all hit. Each entry holds a sentence (up to 1,500
# characters) and its word set: 16,384 of them were tens of megabytes per
# worker after varied or hostile pages (issue #15).
@lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """Lower-cased content words, crudely stemmed, for overlaps. Cached:
    the detectors compare every sentence with every key claim."""
    return frozenset(form for raw in WORD.findall(text) for form in _word_forms(raw))


def overlap(a: Set[str], b: Set[str]) -> float:
    """Share of the smaller set found in the other (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))

"""Anchors in the shape of the Hypothesis client's selectors.

``exact`` with ``prefix``/``suffix`` is a TextQuoteSelector; ``start``/``end``
is a TextPositionSelector into ``Article.text``. The extension tries the
position first, then the quote with its context, then a fuzzy match.
"""

from __future__ import annotations

from .doc import Anchor, Evidence

CONTEXT = 32


def make_anchor(text: str, start: int, end: int) -> Anchor:
    return Anchor(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        start=start,
        end=end,
    )


def make_evidence(text: str, start: int, end: int, label: str) -> Evidence:
    return Evidence(exact=text[start:end], start=start, end=end, label=label)

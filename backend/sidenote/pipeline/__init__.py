"""The analysis pipeline: a plain ordered list of named stages.

``extract`` turns the request into an :class:`Article` (from HTML or from
plain text). Every later stage is a pure function ``Doc -> Doc`` that fills
its own field of the frozen :class:`Doc`:

============  ===========================================================
sentences     ``Doc.sentences``: sentence spans, robust to news prose
quotes        ``Doc.quotes``: quoted spans, told apart as direct/scare/title
attribution   ``Doc.sources`` and ``Doc.attributions``: who is credited
claims        ``Doc.claims``: check-worthy sentences, scored, key ones marked
cards         ``Doc.cards``: the detectors' context cards, anchored
============  ===========================================================
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache

from ..errors import StageError
from . import attribution, cards, claims, extract, language, quotes, sentences
from .doc import Article, Doc

VERSION = "sidenote-1"

Stage = Callable[[Doc], Doc]

STAGES: tuple[tuple[str, Stage], ...] = (
    ("sentences", sentences.split),
    ("quotes", quotes.find),
    ("attribution", attribution.attribute),
    ("claims", claims.score),
    ("cards", cards.build),
)


def run(article: Article, timings: dict[str, float] | None = None) -> Doc:
    """Run every stage after extraction. ``timings`` (if given) collects
    seconds per stage, for the benchmark and for profiling."""
    article = language.with_detected_language(article)
    doc = Doc(article=article)
    if not language.is_english(article):
        return doc  # English only, for now: no claims or cards we could stand behind
    for name, stage in STAGES:
        t0 = time.perf_counter()
        try:
            doc = stage(doc)
        except Exception as exc:  # noqa: BLE001 - re-raised with the stage's name
            raise StageError(name, exc) from exc
        if timings is not None:
            timings[name] = time.perf_counter() - t0
    return doc


def analyze_html(html: str, url: str | None = None, timings: dict[str, float] | None = None) -> Doc:
    t0 = time.perf_counter()
    try:
        article = extract.extract(html, url)
    except Exception as exc:  # noqa: BLE001
        raise StageError("extract", exc) from exc
    if timings is not None:
        timings["extract"] = time.perf_counter() - t0
    return run(article, timings)


def analyze_text(text: str, timings: dict[str, float] | None = None) -> Doc:
    return run(extract.from_text(text), timings)


WARM_UP_TEXT = (
    "Officials said on Monday that 12 people were hurt.\n\n"
    "“It was a so-called accident,” the mayor wrote on Twitter."
)


@cache
def warm_up() -> None:
    """Load every lazily loaded model and word list once, at start-up, so the
    first reader's request does not pay for it."""
    analyze_text(WARM_UP_TEXT)
    analyze_html("<html><body><article><p>" + WARM_UP_TEXT + "</p></article></body></html>")

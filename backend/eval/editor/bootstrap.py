"""How far the editors' figures could move by chance: a page bootstrap.

Cards on one page are not independent (one page's habits make several
wrong cards at once), so the interval resamples whole pages with
replacement and recomputes each figure from the resampled pages' counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

REPS = 2000
SEED = 0


@dataclass(frozen=True)
class PageCounts:
    shown: int
    right: int
    wrong: int
    misses: int


@dataclass(frozen=True)
class FigureIntervals:
    """95 % percentile intervals; None where a figure has no denominator."""

    precision: tuple[float, float] | None
    wrong_share: tuple[float, float] | None
    recall: tuple[float, float] | None


def _ratio_interval(num: np.ndarray, den: np.ndarray) -> tuple[float, float] | None:
    ok = den > 0
    if not ok.any():
        return None
    values = num[ok] / den[ok]
    return float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))


def page_bootstrap(pages: Sequence[PageCounts], reps: int = REPS, seed: int = SEED) -> FigureIntervals:
    """Intervals for precision (right / shown), wrong share (wrong / shown)
    and recall (right / (right + misses)) over ``reps`` resamples of the
    pages; deterministic for a given ``seed``."""
    if not pages:
        return FigureIntervals(None, None, None)
    counts = np.array([(p.shown, p.right, p.wrong, p.misses) for p in pages], dtype=float)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(pages), size=(reps, len(pages)))
    totals = counts[picks].sum(axis=1)  # reps x 4
    shown, right, wrong, misses = totals.T
    return FigureIntervals(_ratio_interval(right, shown), _ratio_interval(wrong, shown),
                     _ratio_interval(right, right + misses))


def describe(intervals: FigureIntervals) -> str:
    def one(name: str, value: tuple[float, float] | None) -> str:
        return f"{name} {value[0]:.3f}-{value[1]:.3f}" if value is not None else f"{name} -"

    return ", ".join((one("precision", intervals.precision), one("wrong share", intervals.wrong_share),
                      one("recall", intervals.recall)))

"""Span look-ups in logarithmic time, for stages that ask, for each of many
spans, which of many others overlap or contain it.

A scan of every quote for each credit (or every credit for each quote) is
quadratic: harmless on a news page with a hundred quotes, minutes on a
hostile text with a hundred thousand (issue #15). :class:`Intervals` keeps
its spans sorted by start with the running maximum of their ends ("reach"),
which answers "does any span overlap / contain this one?" exactly with one
bisection, and lists the overlapping spans by walking back only while some
earlier span can still reach the query.

Overlap and containment mean what :class:`~sidenote.pipeline.doc.Span`
means by them: ``a`` overlaps ``b`` when ``a.start < b.end and b.start <
a.end``; ``a`` contains ``b`` when ``a.start <= b.start and b.end <= a.end``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class Intervals(Generic[T]):
    """Items with a span each (``span(item) -> (start, end)``), in the order given."""

    def __init__(self, items: Iterable[T], span: Callable[[T], tuple[int, int]]) -> None:
        self.items: list[T] = list(items)
        spans = [span(item) for item in self.items]
        # Positions into ``items``, by start; ties keep the given order.
        self._order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        self._starts = [spans[i][0] for i in self._order]
        self._ends = [spans[i][1] for i in self._order]
        self._reach: list[int] = []
        best = -1
        for end in self._ends:
            best = max(best, end)
            self._reach.append(best)

    def __len__(self) -> int:
        return len(self.items)

    def any_overlapping(self, start: int, end: int) -> bool:
        """Some item's span overlaps ``(start, end)``: it starts before
        ``end``, and the furthest-reaching of those ends after ``start``."""
        i = bisect_left(self._starts, end) - 1
        return i >= 0 and self._reach[i] > start

    def any_containing(self, start: int, end: int) -> bool:
        """Some item's span contains ``(start, end)``: it starts at or before
        ``start``, and the furthest-reaching of those ends at or after ``end``."""
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and self._reach[i] >= end

    def overlapping(self, start: int, end: int) -> list[T]:
        """Every item whose span overlaps ``(start, end)``, in the order given."""
        found: list[int] = []
        i = bisect_left(self._starts, end) - 1
        while i >= 0 and self._reach[i] > start:
            if self._ends[i] > start:
                found.append(self._order[i])
            i -= 1
        return [self.items[k] for k in sorted(found)]

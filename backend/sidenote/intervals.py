"""Span look-ups in logarithmic time, for stages that ask, for each of many
spans, which of many others overlap or contain it.

A scan of every quote for each credit (or every credit for each quote) is
quadratic: harmless on a news page with a hundred quotes, minutes on a
hostile text with a hundred thousand (issue #15). :class:`Intervals` keeps
its spans sorted by start with the running maximum of their ends ("reach"),
which answers "does any span overlap / contain this one?" exactly with one
bisection. It lists the overlapping spans with a tree of the largest end
under each run of starts, jumping from one overlapping span straight to the
previous one: ``O((k + 1) log n)`` for ``k`` spans found, however long some
earlier span is (walking back while the running maximum still reached the
query was linear per query once one long span came first).

Overlap and containment mean what :class:`~sidenote.doc.Span`
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
        # A complete binary tree over the ends in start order: leaf ``size + i``
        # holds ``_ends[i]``, each inner node the largest end below it.
        size = 1
        while size < len(self._ends):
            size *= 2
        tree = [_NONE] * (2 * size)
        tree[size : size + len(self._ends)] = self._ends
        for node in range(size - 1, 0, -1):
            tree[node] = max(tree[2 * node], tree[2 * node + 1])
        self._size = size
        self._tree = tree

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
        """Every item whose span overlaps ``(start, end)``, in the order given:
        of the spans that start before ``end``, those that end after ``start``."""
        found: list[int] = []
        i = self._last_ending_after(bisect_left(self._starts, end), start)
        while i >= 0:
            found.append(self._order[i])
            i = self._last_ending_after(i, start)
        return [self.items[k] for k in sorted(found)]

    def _last_ending_after(self, j: int, pos: int) -> int:
        """The largest position ``i < j`` (in start order) whose span ends
        after ``pos``, or -1: the tree's nodes that cover ``[0, j)``, right to
        left, then down the first one whose largest end is after ``pos``."""
        tree, size = self._tree, self._size
        lo, hi = size, size + j
        rights: list[int] = []  # covering nodes, right to left
        lefts: list[int] = []  # covering nodes, left to right
        while lo < hi:
            if lo & 1:
                lefts.append(lo)
                lo += 1
            if hi & 1:
                hi -= 1
                rights.append(hi)
            lo //= 2
            hi //= 2
        for node in rights + lefts[::-1]:
            if tree[node] > pos:
                while node < size:
                    node = 2 * node + 1 if tree[2 * node + 1] > pos else 2 * node
                return node - size
        return -1


# The end of no span: below every position.
_NONE = -(1 << 62)

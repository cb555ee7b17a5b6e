"""The quotes that the credit rules of one sentence may read.

The rules of :mod:`sidenote.attribution.patterns` take the article's quotes
and scan all of them for each cue they try; on a text with a quote and a cue
every few words that is quadratic (issue #15). Every rule asks about quotes
near its sentence only:

- a quote that opens, closes or holds words at a position inside the
  sentence (a speaker label's quote, "said: “...”", a quote a clause runs
  into): these overlap the sentence;
- the last direct quote before the sentence (``“...”`` / ``Shehabi wrote.``
  split apart by the sentence splitter);
- the first direct quote after it ("Breitbart News responded:" closing its
  paragraph, the quote opening the next one).

:meth:`NearbyQuotes.around` gives exactly those, in the article's order, so
each rule finds the same quote it found in the whole list.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..doc import Quote
from ..intervals import Intervals


class NearbyQuotes:
    def __init__(self, quotes: tuple[Quote, ...]) -> None:
        self.quotes = quotes
        self._outer = Intervals(range(len(quotes)), lambda i: (quotes[i].outer_start, quotes[i].outer_end))
        direct = [i for i, q in enumerate(quotes) if q.kind == "direct"]
        # The last direct quote (in the list's order) closed by a position:
        # direct quotes by where they close, with the latest list position so far.
        self._by_end = sorted(direct, key=lambda i: quotes[i].outer_end)
        self._end_at = [quotes[i].outer_end for i in self._by_end]
        self._latest: list[int] = []
        for i in self._by_end:
            self._latest.append(max(i, self._latest[-1]) if self._latest else i)
        # The first direct quote opening at or after a position.
        self._by_start = sorted(direct, key=lambda i: (quotes[i].outer_start, i))
        self._start_at = [quotes[i].outer_start for i in self._by_start]

    def around(self, start: int, end: int) -> tuple[Quote, ...]:
        """The quotes overlapping ``(start, end)``, the last direct quote
        closed at or before ``start`` and the first direct one opening at or
        after ``end``, in the order of the article's list."""
        chosen = set(self._outer.overlapping(start, end))
        k = bisect_right(self._end_at, start) - 1
        if k >= 0:
            chosen.add(self._latest[k])
        j = bisect_left(self._start_at, end)
        if j < len(self._by_start):
            chosen.add(self._by_start[j])
        return tuple(self.quotes[i] for i in sorted(chosen))


class DirectQuotes(list[Quote]):
    """The article's direct quotes, in order (a list, as the attribution
    rules read it), with the questions they ask of it answered from
    indexes built once instead of a scan per credit."""

    @property
    def _inner(self) -> Intervals[Quote]:
        index: Intervals[Quote] | None = self.__dict__.get("_inner_index")
        if index is None or len(index) != len(self):
            index = Intervals(self, lambda q: (q.start, q.end))
            self.__dict__["_inner_index"] = index
        return index

    def any_containing(self, start: int, end: int) -> bool:
        """Some quote's words (``start``-``end``) contain this span."""
        return self._inner.any_containing(start, end)

    def any_overlapping(self, start: int, end: int) -> bool:
        """Some quote's words overlap this span."""
        return self._inner.any_overlapping(start, end)

    def starts_at(self, pos: int) -> bool:
        """Some quote's words start at ``pos``."""
        starts: frozenset[int] | None = self.__dict__.get("_starts")
        if starts is None or self.__dict__.get("_starts_n") != len(self):
            starts = frozenset(q.start for q in self)
            self.__dict__["_starts"], self.__dict__["_starts_n"] = starts, len(self)
        return pos in starts


def direct_quotes(quotes: list[Quote]) -> DirectQuotes:
    """``quotes`` as :class:`DirectQuotes` (itself when it already is one)."""
    return quotes if isinstance(quotes, DirectQuotes) else DirectQuotes(quotes)

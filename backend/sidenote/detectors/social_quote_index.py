"""One Doc's look-ups for the social-quote detector (``social_quote``).

Asking each quote's questions of every mention, quote, attribution or block
was quadratic (issue #15); :class:`QuoteIndex` answers them by bisection,
in the order the scans gave, so the cards are the same.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from functools import cached_property

from ..doc import Attribution, Doc, Quote, Source, Span
from ..intervals import Intervals
from ..platforms import find_platform_names, post_platform
from .social_quote_posts import AddressedCopies, Embeds


class QuoteIndex:
    """One Doc's look-ups, built once per :func:`detect`: which mentions,
    quotes and attributions lie at a place, which embeds and post links a
    platform has. Asking each quote's questions of every mention, quote,
    attribution or block was quadratic (issue #15: over a second of a
    request's three on a hostile text with 1,754 quotes in 68 sentences,
    one source mentioned at each); these answer them by bisection, in the
    order the scans gave, so the cards are the same."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sources = {s.id: s for s in doc.sources}
        self._own: dict[int, tuple[list[int], list[tuple[int, Span]]]] = {}
        self._memo: dict[tuple[str, int, str | None], object] = {}
        self._block_posts: dict[int, frozenset[str | None]] = {}
        self._embeds: dict[str, Embeds] = {}
        self._platform_names: dict[int, list[tuple[int, int, str]]] = {}

    # Each look-up is built when first asked: most pages have no quote
    # that gets this far.
    @cached_property
    def mentions(self) -> Intervals[tuple[Span, Source]]:
        return Intervals(self._pairs, lambda p: (p[0].start, p[0].end))

    @cached_property
    def _pairs(self) -> list[tuple[Span, Source]]:
        return [(m, s) for s in self.doc.sources for m in s.mentions]

    @cached_property
    def _by_start(self) -> tuple[list[int], list[tuple[Span, Source]]]:
        ranked = sorted(self._pairs, key=lambda p: p[0].start)  # (stable: ties keep source order)
        return [m.start for m, _ in ranked], ranked

    @cached_property
    def quotes(self) -> Intervals[Quote]:
        return Intervals(self.doc.quotes, lambda q: (q.start, q.end))

    @cached_property
    def attributions(self) -> Intervals[Attribution]:
        return Intervals(self.doc.attributions, lambda a: (a.content.start, a.content.end))

    def mentions_starting(self, lo: int, hi: int) -> list[tuple[Span, Source]]:
        """Every (mention, source) with ``lo <= mention.start < hi``."""
        starts, ranked = self._by_start
        return ranked[bisect_left(starts, lo) : bisect_left(starts, hi)]

    def own_mentions(self, source: Source, lo: int, hi: int, *, hi_inclusive: bool = False) -> Iterator[Span]:
        """The mentions of ``source`` that start in ``[lo, hi)`` (``[lo, hi]``
        with ``hi_inclusive``), by start, one at a time (so that ``any``
        stops at the first that does)."""
        own = self._own.get(id(source))
        if own is None:
            ranked = sorted(enumerate(source.mentions), key=lambda km: km[1].start)
            own = self._own[id(source)] = ([m.start for _, m in ranked], ranked)
        starts, ranked = own
        j = bisect_right(starts, hi) if hi_inclusive else bisect_left(starts, hi)
        return (ranked[k][1] for k in range(bisect_left(starts, lo), j))

    def own_mentions_in_order(self, source: Source, lo: int, hi: int, *, hi_inclusive: bool = False) -> list[Span]:
        """:meth:`own_mentions` in the order of ``source.mentions``."""
        self.own_mentions(source, lo, hi)  # (builds the source's index)
        starts, ranked = self._own[id(source)]
        j = bisect_right(starts, hi) if hi_inclusive else bisect_left(starts, hi)
        return [m for _, m in sorted(ranked[bisect_left(starts, lo) : j], key=lambda km: km[0])]

    def platform_names(self, sentence: int) -> list[tuple[int, int, str]]:
        """find_platform_names over sentence ``sentence``, once per sentence."""
        found = self._platform_names.get(sentence)
        if found is None:
            s = self.doc.sentences[sentence]
            found = self._platform_names[sentence] = find_platform_names(self.doc.text, s.start, s.end)
        return found

    def memo(self, what: str, source: Source, platform: str | None, compute: Callable[[], object]) -> object:
        """``compute()`` once per question about one source in this Doc."""
        key = (what, id(source), platform)
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def block_post_platforms(self, i: int) -> frozenset[str | None]:
        """The platforms of the posts block ``i`` links to (None for a link
        to no single post)."""
        found = self._block_posts.get(i)
        if found is None:
            found = self._block_posts[i] = frozenset(
                post_platform(link.href) for link in self.doc.article.blocks[i].links
            )
        return found

    @cached_property
    def addressed_copies(self) -> AddressedCopies:
        return AddressedCopies(self.doc)

    def embeds(self, platform: str) -> Embeds:
        found = self._embeds.get(platform)
        if found is None:
            found = self._embeds[platform] = Embeds(self.doc, platform)
        return found

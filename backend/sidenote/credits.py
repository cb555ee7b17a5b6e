"""Which sources a span, or each sentence, credits: read by the claims stage
(a claim's sources) and by the single-source detector (what supports a key
claim).

Shared by the stages and the detectors, so it imports nothing of either.
"""

from __future__ import annotations

from bisect import bisect_right

from .doc import Doc, Span


def sentence_credits(doc: Doc) -> list[tuple[str, ...]]:
    """``credited_sources`` of every sentence, in one pass over the
    attributions and quotes (a per-sentence scan of all of them is
    quadratic on long texts)."""
    found: list[list[str]] = [[] for _ in doc.sentences]
    starts = doc.sentence_starts

    def credit(start: int, end: int, source: str) -> None:
        i = max(0, bisect_right(starts, start) - 1)
        while i < len(found) and doc.sentences[i].start < end:
            if doc.sentences[i].end > start and source not in found[i]:
                found[i].append(source)
            i += 1

    # The order of credit within a sentence follows credited_sources: all
    # attributions in document order, then quotes.
    for att in doc.attributions:
        credit(att.content.start, att.content.end, att.source)
        if att.source_span is not None:
            i = doc.sentence_index(att.source_span.start)
            if i is not None and att.source_span.end <= doc.sentences[i].end and att.source not in found[i]:
                found[i].append(att.source)
    for quote in doc.quotes:
        if quote.source:
            credit(quote.start, quote.end, quote.source)
    return [tuple(f) for f in found]


def credited_sources(doc: Doc, span: Span) -> tuple[str, ...]:
    """Source ids credited with words inside ``span``, in order of credit:
    attributions whose content or crediting mention falls in it, and the
    speakers of direct quotes in it."""
    found: list[str] = []
    for att in doc.attributions:
        inside = att.content.overlaps(span) or (
            att.source_span is not None and span.contains(att.source_span)
        )
        if inside and att.source not in found:
            found.append(att.source)
    for quote in doc.quotes:
        if quote.source and span.overlaps(Span(quote.start, quote.end)) and quote.source not in found:
            found.append(quote.source)
    return tuple(found)

"""``quote_not_in_source``: a quotation missing from the page it is credited to.

A pure function of the analysed :class:`Doc`, its quotation-link ties and
the fetched pages. It runs only when a request asks for ``follow_links``.

Sidenote stays quiet unless it knows: a card needs EVERY page the quotation
is tied to fetched (``ok``), each complete enough to refute
(:attr:`FetchResult.conclusive`), and none holding the words. A quotation
found on any of them gets no card; an existing card over it is told where
it was found (``found_on``). A refused, failed or unreadable link says
nothing beyond its status in ``links[]``.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

from ..anchor import make_anchor, make_evidence
from ..doc import Card, CardKind, Doc, FollowedLink, Span
from .compare import contains, quote_parts
from .fetch import FetchResult
from .tie import QuoteLinks, link_url

KIND: CardKind = "quote_not_in_source"
TITLE = "These words are not on the linked page"


def _body(urls: list[str]) -> str:
    hosts = sorted({urlsplit(u).hostname or u for u in urls})
    where = hosts[0] if len(hosts) == 1 else ", ".join(hosts)
    return (
        f"The article quotes these words from a page it links to ({where}), but the page does not "
        "contain them. A quotation that is not where the article points may be paraphrased, "
        "translated, from another source or changed since; open the link and look for the words "
        "before relying on them."
    )


def _card(doc: Doc, tied: QuoteLinks) -> Card:
    text = doc.text
    q = tied.quote
    evidence = []
    seen: set[tuple[int, int, str]] = set()
    for link in tied.links:
        key = (link.start, link.end, link_url(link.href))
        if key not in seen:
            seen.add(key)
            evidence.append(replace(make_evidence(text, link.start, link.end, "link"), url=key[2]))
    claim = next((c.id for c in doc.claims if c.start <= q.start < c.end), None)
    return Card(
        id="",
        kind=KIND,
        severity="warning",
        title=TITLE,
        body=_body([e.url or "" for e in evidence]),
        anchor=make_anchor(text, q.start, q.end),
        claim=claim,
        evidence=tuple(evidence),
    )


def judge(
    doc: Doc, ties: list[QuoteLinks], results: dict[str, FetchResult]
) -> tuple[list[Card], dict[Span, list[str]]]:
    """The new cards, and for each quotation found: the URLs it was found on."""
    cards: list[Card] = []
    found: dict[Span, list[str]] = {}
    for tied in ties:
        parts = quote_parts(doc.text[tied.quote.start : tied.quote.end])
        if not parts:
            continue
        urls = list(dict.fromkeys(link_url(link.href) for link in tied.links))
        pages = [results.get(u) for u in urls]
        hits = [
            u for u, r in zip(urls, pages) if r is not None and r.status == "ok" and r.text and contains(r.text, parts)
        ]
        if hits:
            found[Span(tied.quote.outer_start, tied.quote.outer_end)] = hits
            continue
        if all(r is not None and r.status == "ok" and r.text is not None and r.conclusive for r in pages):
            cards.append(_card(doc, tied))
    return cards, found


def apply(doc: Doc, urls: list[str], results: dict[str, FetchResult], ties: list[QuoteLinks]) -> Doc:
    """``doc`` with ``followed_links``, the new cards (numbered after the
    existing ones, so those keep their ids, and placed in reading order) and
    ``found_on`` marks."""
    new, found = judge(doc, ties, results)
    existing = []
    for card in doc.cards:
        where = Span(card.anchor.start, card.anchor.end)
        on = [u for span, us in found.items() if span.overlaps(where) for u in us]
        existing.append(replace(card, found_on=tuple(dict.fromkeys(on))) if on else card)
    numbered = [replace(card, id=f"k{len(existing) + i}") for i, card in enumerate(new, 1)]
    cards = sorted(existing + numbered, key=lambda c: c.anchor.start)  # stable: ties keep their order

    flags = {c.id: list(c.flags) for c in doc.claims}
    for card in numbered:
        if card.claim is not None and KIND not in flags[card.claim]:
            flags[card.claim].append(KIND)
    claims = tuple(replace(c, flags=tuple(flags[c.id])) for c in doc.claims)

    followed = tuple(
        FollowedLink(u, results[u].status, results[u].http_status, results[u].title) for u in urls if u in results
    )
    return replace(doc, cards=tuple(cards), claims=claims, followed_links=followed)

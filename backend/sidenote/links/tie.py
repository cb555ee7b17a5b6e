"""Which of the article's links a quotation is credited to, and which links
are followed.

A direct quotation is tied to a link that is in its sentence (on the quoted
words themselves, or on the words that credit them: "said in <a>a
statement</a>"), or in the sentence of the attribution that credits it when
that is another sentence (a quotation running on from a paragraph that
named its source). Links that cannot hold what someone said are left out:
a site's home page, a social profile (as opposed to one post), a reference
page about the speaker (``data/links/reference_hosts.txt``), and the
article itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from urllib.parse import urldefrag, urlsplit

from ..doc import Doc, Link, Quote, Span
from ..lexicon import load_lines
from ..platforms import post_platform


@dataclass(frozen=True)
class QuoteLinks:
    quote: Quote
    links: tuple[Link, ...]  # in reading order; their URLs are link_url(link)


def link_url(href: str) -> str:
    """The address a link is fetched and reported as: without its #fragment
    (never sent to a server)."""
    return urldefrag(href.strip()).url


def followable(href: str) -> bool:
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


@cache
def _hosts(name: str) -> frozenset[str]:
    return frozenset(h.lower() for h in load_lines(name))


def _on(host: str, listed: frozenset[str]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == h or host.endswith("." + h) for h in listed)


def can_hold_quotation(href: str, article_url: str | None) -> bool:
    """Could the page at ``href`` be where a quotation was taken from?"""
    url = link_url(href)
    if not followable(url):
        return False
    if article_url and url == link_url(article_url):
        return False
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.path in ("", "/") and not parts.query:
        return False  # a home page
    if _on(host, _hosts("links/reference_hosts.txt")):
        return False
    if _on(host, _hosts("links/social_hosts.txt")) and post_platform(url) is None:
        return False  # a profile or a platform's own page, not one post
    return True


def _sentence_span(doc: Doc, pos: int) -> Span | None:
    i = doc.sentence_index(pos)
    if i is None:
        return None
    s = doc.sentences[i]
    return Span(s.start, s.end)


def _spans_of(doc: Doc, quote: Quote) -> list[Span]:
    """The sentences a quotation's links may stand in."""
    spans: list[Span] = []
    for pos in (quote.outer_start, max(quote.outer_start, quote.outer_end - 1)):
        span = _sentence_span(doc, pos)
        spans.append(span if span is not None else Span(quote.outer_start, quote.outer_end))
    if spans[0] != spans[1]:
        # A quotation over several sentences: every sentence between too.
        spans = [Span(spans[0].start, spans[1].end)]
    inner = Span(quote.start, quote.end)
    for a in doc.attributions:
        if not a.content.overlaps(inner) and not inner.contains(a.content):
            continue
        for credit in (a.cue, a.source_span):
            if credit is not None:
                span = _sentence_span(doc, credit.start)
                if span is not None and span not in spans:
                    spans.append(span)
    return spans


def tie(doc: Doc) -> list[QuoteLinks]:
    """Every direct quotation with the links it is credited to, if any."""
    blocks = doc.article.blocks
    article_url = doc.article.url
    out: list[QuoteLinks] = []
    for quote in doc.quotes:
        if quote.kind != "direct":
            continue
        b = doc.block_index(quote.start)
        if b is None or blocks[b].kind == "embed":
            continue  # words inside an embedded post: its own links are not credits
        spans = _spans_of(doc, quote)
        links: list[Link] = []
        for block in blocks:
            if block.kind == "embed":
                continue
            for link in block.links:
                if any(s.start <= link.start < s.end for s in spans) and can_hold_quotation(link.href, article_url):
                    links.append(link)
        if links:
            links.sort(key=lambda link: link.start)
            out.append(QuoteLinks(quote, tuple(links)))
    return out


def links_to_follow(doc: Doc, ties: list[QuoteLinks], limit: int) -> list[str]:
    """At most ``limit`` distinct http(s) URLs of the article's links, in
    reading order: those a quotation is tied to are chosen first, then the
    others as they come."""
    article_url = link_url(doc.article.url) if doc.article.url else None
    every: list[str] = []
    for block in doc.article.blocks:
        for link in block.links:
            url = link_url(link.href)
            if followable(url) and url != article_url and url not in every:
                every.append(url)
    tied = {link_url(link.href) for t in ties for link in t.links}
    chosen = [u for u in every if u in tied][:limit]
    chosen += [u for u in every if u not in tied][: limit - len(chosen)]
    return [u for u in every if u in set(chosen)]

"""The main extraction: a page's HTML -> an :class:`Article`. The page is
parsed once and walked once (scan.py); trafilatura decides what the main
content is (pieces.py), the metadata comes from metadata.py, and the pieces
are joined into the article's text with their blocks."""

from __future__ import annotations

import trafilatura
import trafilatura.external
from justext import get_stoplist
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from ...doc import Article, Block, Link
from ..clutter import tidy
from .metadata import Meta, read_metadata
from .pieces import (
    TOKEN,
    Piece,
    fallback_pieces,
    locate,
    tf_pieces,
    with_body_parts,
    with_extras,
    without_headline,
)
from .scan import scan_page

# trafilatura's jusText fallback, given no language, builds one stop list of
# every language jusText knows (154,000 words) and keeps it for the life of
# the process: 31 MB of every worker's memory (the bench's peak RSS is held
# to 400 MB), and some 60 ms to make a set of it again each time a page
# needs the fallback. Sidenote analyses English only (pipeline/language.py),
# so the fallback reads English; it ran on 2 of the 134 extraction pages.
trafilatura.external.JT_STOPLIST = tuple(get_stoplist("English"))  # type: ignore[assignment]  # (typed None there)

_SEPARATOR = "\n\n"
# trafilatura falls back to a whole-page dump below this many characters
_MIN_MAIN_TEXT = 250
# A fast-path answer shorter than this (about 80 words, less than a news
# brief) is a fragment: the full extraction runs instead.
_FAST_ENOUGH = 500


def _assemble(pieces: list[Piece], meta: Meta, url: str | None) -> Article:
    texts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for piece in pieces:
        if piece.text:
            if texts:
                offset += len(_SEPARATOR)
            texts.append(piece.text)
        start = offset
        links = tuple(Link(start + s, start + e, href) for s, e, href in piece.links)
        blocks.append(Block(piece.kind, start, start + len(piece.text), links, piece.embed))
        offset += len(piece.text)
    return Article(
        text=_SEPARATOR.join(texts),
        blocks=tuple(blocks),
        title=meta.title,
        url=url,
        byline=meta.byline,
        published=meta.published,
        site=meta.site,
        language=meta.language,
    )


def _main_pieces(tree: HtmlElement, url: str | None) -> list[Piece]:
    # trafilatura's fast path first: its comparison with readability and
    # jusText costs about a quarter of its time and, on the 134 extraction
    # pages, changed the text of only two pages whose fast answer was
    # article-sized, both for the worse (page F1 0.99 -> 0.98, 1.0 -> 0.33).
    # A short fast answer is a fragment, and gets the full comparison.
    pieces = _trafilatura_pieces(tree, url, fast=True)
    if sum(len(p.text) for p in pieces) < _FAST_ENOUGH:
        pieces = _trafilatura_pieces(tree, url, fast=False)
    return pieces


def _trafilatura_pieces(tree: HtmlElement, url: str | None, fast: bool) -> list[Piece]:
    try:
        # no url: trafilatura would resolve relative links against the host
        # only ("../x" from /a/b/ -> /x); urljoin below does it right
        result = trafilatura.bare_extraction(
            tree,
            include_comments=False,
            include_links=True,
            include_images=False,
            with_metadata=False,
            fast=fast,
        )
    except Exception:  # noqa: BLE001 - a page trafilatura chokes on is treated as empty
        return []
    body = getattr(result, "body", None)
    return tf_pieces(body, url) if body is not None else []


def extract(html: str, url: str | None = None) -> Article:
    """The article in ``html``: its blocks in reading order with their links,
    captions and embedded posts, and its metadata. Never raises on bad HTML:
    a page with no article gives an Article with empty text and no blocks."""
    empty = Article(text="", blocks=(), url=url)
    if not html or not html.strip():
        return empty
    try:
        tree = load_html(html)
    except Exception:  # noqa: BLE001 - unparseable input is a page without an article
        tree = None
    if tree is None:
        # a bare fragment ("<p>...</p>") is not taken as a document by trafilatura
        try:
            tree = load_html(f"<html><body>{html}</body></html>")
        except Exception:  # noqa: BLE001
            return empty
        if tree is None:
            return empty
    scan = scan_page(tree, url)
    if not TOKEN.search(scan.stream):
        return empty
    meta = read_metadata(tree, url, scan)
    for el in scan.hidden:
        if el.getparent() is not None:
            el.drop_tree()
    pieces = _main_pieces(tree, url)
    if sum(len(p.text) for p in pieces) < _MIN_MAIN_TEXT:
        # trafilatura's answer for small pages is a dump of the whole page:
        # the page's own paragraphs with the furniture left out are better
        # (even when that leaves nothing: a page of navigation only has no article)
        # headings left at the top once a menu above them is gone are the headline block too
        return _assemble(without_headline(tidy(without_headline(fallback_pieces(scan, url)), meta.title)), meta, url)
    pieces = without_headline(pieces)
    locate(pieces, scan.stream)
    pieces = with_body_parts(pieces, scan, url)
    return _assemble(tidy(with_extras(pieces, scan, url), meta.title), meta, url)

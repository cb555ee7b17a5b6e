"""Docs made the way the product makes them, for tests of one stage.

A stage reads what the stages before it fill (``CONTRACTS`` in
sidenote/pipeline/__init__.py) and makes up for none that did not run, so a
test of the attribution stage builds its Doc through extraction and the
sentences and quotes stages: ``doc_through("attribution", text)``.
"""

from __future__ import annotations

from dataclasses import replace

from sidenote.doc import Article, Doc, Link, Quote
from sidenote.pipeline import through
from sidenote.pipeline.extract import from_text


def article_of(text: str, links: dict[str, str] | None = None) -> Article:
    """``text`` as the product reads plain text (extract.from_text), with
    ``links`` (linked words -> href) on the first place each set of words
    is found in a block: what a page's markup would have given."""
    art = from_text(text)
    if not links:
        return art
    blocks = []
    for b in art.blocks:
        found = []
        for words, href in links.items():
            at = text.find(words, b.start, b.end)
            if at >= 0:
                found.append(Link(at, at + len(words), href))
        blocks.append(replace(b, links=b.links + tuple(found)))
    return replace(art, blocks=tuple(blocks))


def doc_through(stage: str, text: str | Article | Doc, links: dict[str, str] | None = None) -> Doc:
    """The Doc of ``text`` (plain text, an Article or a Doc as extraction
    left it) after every stage up to and including ``stage``."""
    if isinstance(text, str):
        doc = Doc(article=article_of(text, links))
    elif isinstance(text, Article):
        doc = Doc(article=text)
    else:
        doc = text
    return through(stage, doc)


def quotes_of(text: str) -> tuple[Quote, ...]:
    """The quotes the quotes stage finds in ``text`` (for the credit
    patterns, which read the quotes near their sentence)."""
    return doc_through("quotes", text).quotes

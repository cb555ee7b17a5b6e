"""Cutting a page or a text to what one request may analyse (see budget.py).

Both cuts keep a prefix: what a reader sees first is what gets analysed,
and every offset into the analysed part is an offset into the whole text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree
from lxml.html import HtmlElement, tostring
from trafilatura.utils import load_html

from ..doc import Article, Block

# --- the page ---------------------------------------------------------------------


def trim_html(html: str, max_elements: int) -> tuple[str, bool]:
    """``html`` with at most ``max_elements`` elements, and whether content
    was cut. A page with fewer "<" than that has fewer elements and is
    returned as it is, unparsed. Otherwise what no reader sees goes first
    (scripts but JSON-LD, styles, comments: extraction drops them anyway),
    and if that is not enough the page is cut after its
    ``max_elements``-th element, in document order."""
    if html.count("<") <= max_elements:
        return html, False
    try:
        tree = load_html(html)
    except Exception:  # noqa: BLE001 - extraction will treat it as the page without an article it is
        return html, False
    if tree is None or _count(tree) <= max_elements:
        return html, False
    _drop_unseen(tree)
    cut = _cut_after(tree, max_elements)
    return tostring(tree, encoding="unicode"), cut


_UNSEEN = ("style", "noscript", "template")


def _count(tree: HtmlElement) -> int:
    return sum(1 for _ in tree.iter())


def _drop_unseen(tree: HtmlElement) -> None:
    """Remove scripts (but the page's JSON-LD, which holds its metadata),
    styles and comments, keeping the text that follows each."""
    etree.strip_elements(tree, *_UNSEEN, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for script in list(tree.iter("script")):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            script.drop_tree()


def _cut_after(tree: HtmlElement, keep: int) -> bool:
    """Remove everything after the ``keep``-th node: its children, the
    siblings after it and after each of its ancestors, and their tails."""
    last: etree._Element | None = None
    for i, node in enumerate(tree.iter()):
        if i == keep - 1:
            last = node
            break
    if last is None:
        return False
    for child in list(last):
        last.remove(child)
    cut: etree._Element | None = last
    while cut is not None:
        cut.tail = None
        parent = cut.getparent()
        if parent is not None:
            for later in list(cut.itersiblings()):
                parent.remove(later)
        cut = parent
    return True


# --- the text ---------------------------------------------------------------------

# Where a text cut inside a block may fall, best first: after a sentence's
# end, then after any white space. Looked for in the last stretch before the limit.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s")
_SPACE = re.compile(r"\s")
_LOOK_BACK = 2_000


def first_part(article: Article, max_chars: int) -> Article | None:
    """The start of ``article`` that holds at most ``max_chars`` characters,
    ending with a block when one ends in reach, else at a sentence end or a
    space; None when the whole text fits."""
    text = article.text
    if len(text) <= max_chars:
        return None
    cut = max((b.end for b in article.blocks if b.end <= max_chars and b.end > b.start), default=0)
    if cut == 0 or cut < max_chars - _LOOK_BACK:
        # no block ends near the limit (one very long paragraph): cut inside it
        cut = max(cut, _cut_in_block(text, max_chars))
    blocks = tuple(_clip(b, cut) for b in article.blocks if b.start < cut or (b.start == b.end == cut))
    return replace(article, text=text[:cut], blocks=blocks)


def _cut_in_block(text: str, max_chars: int) -> int:
    lo = max(0, max_chars - _LOOK_BACK)
    for pattern in (_SENTENCE_END, _SPACE):
        last = None
        for match in pattern.finditer(text, lo, max_chars):
            last = match
        if last is not None:
            return last.end() - 1  # before the white space
    return max_chars


def _clip(block: Block, cut: int) -> Block:
    if block.end <= cut:
        return block
    return replace(block, end=cut, links=tuple(link for link in block.links if link.end <= cut))

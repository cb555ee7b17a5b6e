"""Where trafilatura's main text stops short of the article, found from the page's structure.

trafilatura picks one container as the article's body. Three page shapes
leave part of the article outside the container it picks:

- a body split into several containers with ads or a "most popular" rail
  between them (Wired's ``body__container`` grids): it keeps only the first;
- a lead paragraph in its own element just before the body
  (``<div class="article__summary">``): it starts at the body;
- embedded posts that end the article after a line that introduces them
  ("… and readers reacted online:"): it keeps the line, drops the posts,
  and the structure pass, which adds embeds inside the article's span only,
  dropped them too.

The functions here decide from positions in extract.py's word stream (the
page's words in reading order) and from the element tree; extract.py turns
what they return into blocks.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from lxml import etree
from lxml.html import HtmlElement

from ..lexicon import load_words

_LEAD_CLASSES = load_words("extract/lead_classes.txt")
_CLASS_WORDS = re.compile(r"[\s_-]+")
_TOKEN = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# tags whose text is never shown: an element holding only these is empty
_UNSEEN = frozenset({"script", "style", "noscript", "template", "img", "picture", "svg", "source", "iframe"})

# Between two containers of one split body, only ads and rails: at most
# this many words outside page furniture (an "Advertisement" label).
MAX_SPLIT_GAP_WORDS = 20
# A continuation container holds at least this many paragraphs we lack.
MIN_CONTINUATION_PARAGRAPHS = 2
# A lead paragraph is a sentence of some length, not a kicker or a byline.
MIN_LEAD_WORDS = 12
# How far up from the first paragraph the lead's element may hang.
MAX_LEAD_LEVELS = 4
# Between the introducing line and an embedded post (or two posts): at
# most this many words outside furniture ("Advertisement").
MAX_EMBED_GAP_WORDS = 12

Span = tuple[int, int]


def merged(spans: Sequence[Span]) -> list[Span]:
    """Sorted, overlapping spans joined."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def words_outside(stream: str, start: int, end: int, spans: list[Span]) -> int:
    """Words of ``stream[start:end]`` outside the (merged, sorted) ``spans``."""
    count = 0
    pos = start
    for s, e in spans[max(bisect_left(spans, (start, -1)) - 1, 0) :]:
        if s >= end:
            break
        if e <= pos:
            continue
        if s > pos:
            count += len(_TOKEN.findall(stream[pos:s]))
        pos = max(pos, e)
    if pos < end:
        count += len(_TOKEN.findall(stream[pos:end]))
    return count


def continuation(
    regions: Sequence[tuple[HtmlElement, int, int]],
    placed: Sequence[int],
    stream: str,
    furniture: list[Span],
) -> list[int]:
    """Indexes into ``regions`` (the page's paragraphs: element, start, end in
    the stream) of the paragraphs that continue the body after the last one
    trafilatura kept (``placed``: sorted stream positions of its blocks): the
    direct children of later containers with the same tag and class as the
    last paragraph's container, each reached over nothing but furniture."""
    if not placed or not regions:
        return []
    last = placed[-1]
    at = next((i for i, (_, s, e) in enumerate(regions) if s <= last < max(e, s + 1)), None)
    if at is None:
        return []
    container = regions[at][0].getparent()
    if container is None or not container.get("class"):
        return []
    kids: dict[HtmlElement, list[int]] = {}
    for i in range(at + 1, len(regions)):
        parent = regions[i][0].getparent()
        if parent is not None and parent is not container:
            kids.setdefault(parent, []).append(i)
    same = [
        indexes for parent, indexes in kids.items()
        if parent.tag == container.tag and parent.get("class") == container.get("class")
    ]
    chosen: list[int] = []
    cursor = regions[at][2]
    for indexes in sorted(same, key=lambda ix: regions[ix[0]][1]):
        missing = [i for i in indexes if not _placed_in(placed, regions[i][1], regions[i][2])]
        first = regions[indexes[0]][1]
        if len(missing) < MIN_CONTINUATION_PARAGRAPHS:
            break
        if words_outside(stream, cursor, first, furniture) > MAX_SPLIT_GAP_WORDS:
            break
        chosen += missing
        cursor = regions[indexes[-1]][2]
    return chosen


def _placed_in(placed: Sequence[int], start: int, end: int) -> bool:
    i = bisect_left(placed, start)
    return i < len(placed) and placed[i] < max(end, start + 1)


def _shown_text(el: HtmlElement) -> str:
    """The text a reader sees in ``el`` (scripts, styles, images left out);
    walked, not recursed, so that deep nesting cannot overflow the stack."""
    if not isinstance(el.tag, str) or el.tag in _UNSEEN:
        return ""
    parts: list[str] = []
    walker = etree.iterwalk(el, events=("start", "end", "comment"))
    for event, node in walker:
        if event == "comment":
            parts.append(node.tail or "")  # a comment's tail is text
        elif event == "start":
            if not isinstance(node.tag, str):
                continue
            if node.tag in _UNSEEN:
                walker.skip_subtree()  # its "end" still comes, with its tail
                continue
            parts.append(node.text or "")
        elif node is not el and isinstance(node.tag, str):
            parts.append(node.tail or "")
    return " ".join(parts)


def lead_element(first: HtmlElement) -> HtmlElement | None:
    """The element just before the body's first paragraph ``first`` (its
    previous sibling, or its container's, with nothing shown in between)
    when its class marks it as the lead (``data/extract/lead_classes.txt``)
    and it reads as a paragraph: a sentence of some length, no heading in
    it. A stand-first in the page's header block is further away, behind
    the byline and the picture, and is not taken."""
    node: HtmlElement | None = first
    for _ in range(MAX_LEAD_LEVELS):
        if node is None:
            return None
        prev = node.getprevious()
        while prev is not None and (not isinstance(prev.tag, str) or not _shown_text(prev).strip()):
            if (prev.tail or "").strip():
                return None
            prev = prev.getprevious()
        if prev is not None:
            return prev if _is_lead(prev) else None
        parent = node.getparent()
        if parent is None or (parent.text or "").strip():
            return None
        node = parent
    return None


def _is_lead(el: HtmlElement) -> bool:
    if el.tag not in ("div", "p", "section") or next(el.iter(*_HEADINGS), None) is not None:
        return False
    words = set(_CLASS_WORDS.split((el.get("class") or "").lower()))
    if _LEAD_CLASSES.isdisjoint(words):
        return False
    text = " ".join(_shown_text(el).split())
    return len(_TOKEN.findall(text)) >= MIN_LEAD_WORDS and bool(_SENTENCE_END.search(text))


def introduced_embeds(
    last_text: str,
    last_end: int,
    embeds: Sequence[Span],
    stream: str,
    furniture: list[Span],
) -> set[int]:
    """Indexes into ``embeds`` (stream spans, in reading order) of the posts
    that follow the article's last block when that block introduces them
    (it ends with a colon): each reached over at most a label's words."""
    if not last_text.rstrip().endswith(":"):
        return set()
    chosen: set[int] = set()
    cursor = last_end
    for i, (start, end) in enumerate(embeds):
        if start < cursor:
            continue
        if words_outside(stream, cursor, start, furniture) > MAX_EMBED_GAP_WORDS:
            break
        chosen.add(i)
        cursor = max(end, start)
    return chosen

"""Pieces: the article's blocks before they get their offsets. trafilatura's
XML body becomes pieces in its order; each is placed in the page's word
stream (scan.py), and the captions, embeds and body parts trafilatura drops
are put back in reading order around them."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from lxml import etree

from ...doc import BlockKind, Embed
from ..structure import continuation, introduced_embeds, lead_element, merged
from .markup import TextBuilder, html_text, resolve_href
from .scan import Region, Scan

# trafilatura's output vocabulary: these start a block of their own
_TF_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "table", "row", "cell", "div"})
TOKEN = re.compile(r"\w+")
# how many words of a block are enough to find it again in the page
_KEY_WORDS = 8
# a shorter caption is a label or a credit ("Kyle Busch", "Photo: iFixit"), not a statement
_MIN_CAPTION_WORDS = 5
# a caption that is mostly link text is a promotion ("Subscribe to our sister title")
_MAX_CAPTION_LINKED = 0.5
# a boilerplate-marked element holding more of the extracted text than this
# share is a wrapper of the story, not furniture (0.1-0.5 measure the same)
_MAX_FURNITURE_SHARE = 0.3
_END = 1 << 62


@dataclass
class Piece:
    kind: BlockKind
    text: str
    links: tuple[tuple[int, int, str], ...] = ()
    embed: Embed | None = None
    pos: int = -1  # where it starts in the page's word stream (reading order); -1 unknown


def tf_pieces(body: etree._Element, base: str | None) -> list[Piece]:
    """trafilatura's XML body -> pieces in its order."""
    out: list[Piece] = []
    _tf_container(body, "paragraph", base, out, 0)
    return out


def _tf_container(el: etree._Element, kind: BlockKind, base: str | None, out: list[Piece], depth: int) -> None:
    builder = TextBuilder()
    builder.add(el.text)
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag in _TF_BLOCKS and depth < 40:
            _flush(builder, kind, out)
            if tag == "row":
                _tf_row(child, base, out)
            else:
                _tf_container(child, _tf_kind(tag, kind), base, out, depth + 1)
            builder = TextBuilder()
        elif isinstance(tag, str) and tag == "code" and el.tag == "body":
            _flush(builder, kind, out)
            _tf_container(child, "paragraph", base, out, depth + 1)
            builder = TextBuilder()
        else:
            _tf_inline(child, builder, base)
            continue
        builder.add(child.tail)
    _flush(builder, kind, out)


def _tf_kind(tag: str, parent: BlockKind) -> BlockKind:
    if tag == "head":
        return "heading"
    if tag == "item":
        return "list_item"
    if tag == "quote" or parent == "quote":
        return "quote"
    return "paragraph"


def _tf_row(row: etree._Element, base: str | None, out: list[Piece]) -> None:
    """A table row is one block, its cells separated by ' | '."""
    builder = TextBuilder()
    first = True
    for cell in row:
        if not first and builder.length:
            builder.add(" | ")
        first = False
        builder.add(cell.text)
        for child in cell:
            _tf_inline(child, builder, base, flatten=True)
    _flush(builder, "paragraph", out)


def _tf_inline(el: etree._Element, builder: TextBuilder, base: str | None, flatten: bool = False) -> None:
    """Inline markup of trafilatura's output: hi/ref/del/lb/code; anything else flattened."""
    walker = etree.iterwalk(el, events=("start", "end"))
    for event, node in walker:
        tag = node.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            if tag == "graphic":
                walker.skip_subtree()
                continue
            if tag == "lb":
                builder.newline()
            elif flatten and tag in _TF_BLOCKS:
                builder.add(" ")
            if tag == "ref":
                href = resolve_href(node.get("target"), base)
                builder.open_link(href) if href else builder.open_link("")
            builder.add(node.text)
        else:
            if tag == "ref":
                builder.close_link()
            if node is el:
                builder.add(node.tail)
                break
            builder.add(node.tail)


def _flush(builder: TextBuilder, kind: BlockKind, out: list[Piece]) -> None:
    text, links = builder.finish()
    if text:
        out.append(Piece(kind, text, tuple(link for link in links if link[2])))


# --- placing pieces in reading order -----------------------------------------------------


def _key(text: str, last: bool = False) -> str:
    words = TOKEN.findall(text)
    if not words:
        return ""
    chosen = words[-_KEY_WORDS:] if last else words[:_KEY_WORDS]
    return " " + " ".join(chosen) + " "


def locate(pieces: list[Piece], stream: str) -> None:
    """Give each trafilatura piece its position in the page's word stream."""
    cursor = 0
    previous = 0
    for piece in pieces:
        found = -1
        for key in (_key(piece.text), _key(piece.text, last=True)):
            if not key:
                break
            found = stream.find(key, cursor)
            if found < 0:
                found = stream.find(key)
            if found >= 0:
                break
        if found >= 0:
            piece.pos = found + 1  # the key's leading space is not the piece's
            cursor = piece.pos
            previous = piece.pos
        else:
            piece.pos = previous


def _extent(piece: Piece) -> int:
    """Rough length of a piece in the word stream."""
    return len(" ".join(TOKEN.findall(piece.text))) + 1


def with_extras(pieces: list[Piece], scan: Scan, base: str | None) -> list[Piece]:
    """Add captions and embeds inside the article's span; drop trafilatura's
    copies of their text (the caption/embed block carries it)."""
    if not pieces:
        return pieces
    first = min(p.pos for p in pieces)
    last = max(p.pos + _extent(p) for p in pieces)
    # the lead picture sits between the headline and the first paragraph
    lead = max((h for h in scan.h1 if h <= first), default=first)
    regions: list[tuple[Region, BlockKind, Embed | None]] = [(r, "caption", None) for r in scan.captions]
    regions += [(r, "embed", e) for r, e in scan.embeds]
    extras: list[Piece] = []
    absorbed: set[int] = set()
    seen: set[str] = set()  # a gallery repeats one caption under every picture
    furniture = _true_furniture(pieces, scan.furniture)
    closing = max(pieces, key=lambda p: p.pos)
    spans = [(r.start, r.end) for r, _ in scan.embeds]
    # posts after the article's last line when that line introduces them ("... reacted online:")
    introduced = {id(scan.embeds[i][0]) for i in introduced_embeds(closing.text, last, spans, scan.stream, furniture)}
    # Pieces by position, so that each region finds its own by bisection
    # (a scan of every piece per region is quadratic on a page of many posts).
    by_pos = sorted(range(len(pieces)), key=lambda i: pieces[i].pos)
    positions = [pieces[i].pos for i in by_pos]
    for region, kind, embed in regions:
        inside = by_pos[bisect_left(positions, region.start) : bisect_left(positions, region.end)]
        if _inside(region.start, furniture):
            continue
        if not inside and not (lead <= region.start <= last) and id(region) not in introduced:
            continue
        absorbed.update(inside)
        if region.end > region.start:
            text, links = html_text(region.el, base, drop_credits=kind == "caption")
        else:
            text, links = "", ()
        if kind == "caption":
            if not _is_statement_caption(text, links) or text in seen:
                continue
            seen.add(text)
        extras.append(Piece(kind, text, links, embed, region.start))
    # what trafilatura kept from a newsletter box or a related-stories list
    absorbed.update(i for i, p in enumerate(pieces) if _inside(p.pos, furniture))
    kept = [p for i, p in enumerate(pieces) if i not in absorbed]
    return _merge(kept, sorted(extras, key=lambda p: p.pos))


def with_body_parts(pieces: list[Piece], scan: Scan, base: str | None) -> list[Piece]:
    """Add what trafilatura left out of the article's body (structure.py):
    the rest of a body split into several containers, and a lead paragraph
    kept in its own element just before the body."""
    if not pieces:
        return pieces
    blocks = [(r, kind) for r, kind in scan.simple if kind not in ("embed", "caption")]
    spans = [(r.el, r.start, r.end) for r, _ in blocks]
    placed = sorted(p.pos for p in pieces)
    added: list[Piece] = []
    for i in continuation(spans, placed, scan.stream, merged(scan.furniture)):
        region, kind = blocks[i]
        text, links = html_text(region.el, base)
        if text:
            added.append(Piece(kind, text, links, None, region.start))
    first = pieces[0]
    holder = next((r for r, kind in blocks if kind == "paragraph" and r.start <= first.pos < r.end), None)
    lead = lead_element(holder.el) if holder is not None else None
    if lead is not None:
        text, links = html_text(lead, base)
        known = " ".join(TOKEN.findall(text))
        if text and not any(known in " ".join(TOKEN.findall(p.text)) for p in pieces[:3]):
            added.append(Piece("paragraph", text, links, None, first.pos))
    return _merge(pieces, sorted(added, key=lambda p: p.pos)) if added else pieces


def _true_furniture(pieces: list[Piece], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The boilerplate-marked elements that hold little of the article: a
    wrapper whose class says "nav" or "read-more" but that holds the story
    is not furniture. Sorted, without overlaps."""
    placed = sorted((p.pos, len(p.text)) for p in pieces)
    starts = [pos for pos, _ in placed]
    totals = [0]
    for _, size in placed:
        totals.append(totals[-1] + size)
    limit = _MAX_FURNITURE_SHARE * totals[-1]
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if chosen and start < chosen[-1][1]:
            continue  # inside a span already chosen
        held = totals[bisect_left(starts, end)] - totals[bisect_left(starts, start)]
        if held <= limit:
            chosen.append((start, end))
    return chosen


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    index = bisect_right(spans, (pos, _END)) - 1
    return index >= 0 and spans[index][0] <= pos < spans[index][1]


def _is_statement_caption(text: str, links: tuple[tuple[int, int, str], ...]) -> bool:
    if len(TOKEN.findall(text)) < _MIN_CAPTION_WORDS:
        return False
    linked = sum(end - start for start, end, _ in links)
    return linked <= _MAX_CAPTION_LINKED * len(text)


def _merge(main: list[Piece], extras: list[Piece]) -> list[Piece]:
    """Insert ``extras`` (by position) into ``main`` without reordering ``main``."""
    out: list[Piece] = []
    j = 0
    for piece in main:
        while j < len(extras) and extras[j].pos <= piece.pos:
            out.append(extras[j])
            j += 1
        out.append(piece)
    out.extend(extras[j:])
    return out


def without_headline(pieces: list[Piece]) -> list[Piece]:
    """Headings before the first paragraph are the page's headline block
    (kicker, headline, standfirst): Article.title carries the headline, and
    on the benchmark none of them is article text (about 50 pages have them)."""
    lead = 0
    while lead < len(pieces) and pieces[lead].kind == "heading":
        lead += 1
    return pieces[lead:]


def fallback_pieces(scan: Scan, base: str | None) -> list[Piece]:
    """The page's own block elements, furniture left out: for pages too small
    for trafilatura, which then dumps the whole page text."""
    out: list[Piece] = []
    embeds = {id(r): e for r, e in scan.embeds}
    for region, kind in scan.simple:
        if region.boilerplate:
            continue
        if kind == "embed":
            text, links = html_text(region.el, base)
            out.append(Piece("embed", text, links, embeds.get(id(region)), region.start))
            continue
        text, links = html_text(region.el, base, drop_credits=kind == "caption")
        if text:
            out.append(Piece(kind, text, links, None, region.start))
    frames = [
        Piece("embed", "", (), e, r.start) for r, e in scan.embeds if r.end == r.start and not r.boilerplate
    ]
    return _merge(out, frames)

"""Stage 0: turn a page's HTML (or plain text) into an :class:`Article`.

trafilatura decides what the main text is (it leads the field on the
article-extraction benchmark); this module maps its answer back onto the
page and adds what it drops on purpose but a reader of news needs:
picture captions (they often carry a claim) and embedded posts (the
evidence behind "X wrote on Twitter"). The HTML is parsed once; a single
walk of that tree gives the reading-order positions that place trafilatura's
blocks, the captions and the embeds relative to one another, plus the
page's dates, which the metadata needs.

Article.text is the blocks' texts joined by ``"\\n\\n"``. An embed whose
post has no text in the page (an ``<iframe>`` or script widget) is a
zero-width block at its place, so that the post's address is still known.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import parse_qs, urljoin, urlsplit

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from ..lexicon import load_lines, load_table, load_words
from ..platforms import TEXT_SIGNATURES
from .clutter import tidy
from .structure import continuation, introduced_embeds, lead_element, merged
from .doc import Article, Block, BlockKind, Embed, Link

# --- data -----------------------------------------------------------------

_EMBED_CLASSES = load_table("extract/embed_classes.tsv")
_EMBED_FRAMES = load_table("extract/embed_frames.tsv")
_CAPTION_CLASSES = load_words("extract/caption_classes.txt")
_DATE_META = load_lines("extract/date_meta.txt")
_AUTHOR_META = load_lines("extract/author_meta.txt")
_ARTICLE_TYPES = load_words("extract/article_types.txt")
_HIDDEN_CLASSES = load_words("extract/hidden_classes.txt")
_POPUP_CLASSES = load_words("extract/popup_classes.txt")
_CREDIT_ITEMPROPS = load_words("extract/credit_itemprops.txt")
_FURNITURE_ROLES = load_words("extract/furniture_roles.txt")


def _word_start_pattern(name: str) -> re.Pattern[str]:
    """A class/id word (split on space, '-' and '_') starting with any listed fragment."""
    return re.compile(r"(?:^|[\s_-])(?:" + "|".join(load_lines(name)) + ")", re.IGNORECASE)


_BOILERPLATE = _word_start_pattern("extract/boilerplate.txt")
_CREDIT = _word_start_pattern("extract/credit_classes.txt")

# --- tags -----------------------------------------------------------------

# never article text, and their content is not page text either
_SKIP = frozenset(
    {"head", "script", "style", "noscript", "template", "svg", "math", "button", "select",
     "option", "textarea", "input", "iframe", "object", "embed", "video", "audio", "canvas",
     "img", "picture", "source", "map"}
)
# furniture by their tag alone
_BOILERPLATE_TAGS = frozenset({"nav", "aside", "footer", "form", "menu", "dialog"})
# struck-through text: a correction shows the old words crossed out beside
# the new ones, and read as text they merge ("won two three games")
_STRUCK_TAGS = frozenset({"del", "s", "strike"})
# containers that hold the article itself: a class word like "tag-comments"
# on a WordPress <article> must not throw the article away
_NEVER_BOILERPLATE = frozenset({"html", "body", "article", "main"})
# elements that end a line of text: words on either side are separate
_BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul", "ol",
     "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure",
     "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "pre",
     "address", "hr", "br", "form", "fieldset", "details", "summary", "center"}
)
# fallback blocks when trafilatura gives nothing usable
_SIMPLE_KINDS: dict[str, BlockKind] = {
    "p": "paragraph", "pre": "paragraph", "h1": "heading", "h2": "heading", "h3": "heading",
    "h4": "heading", "h5": "heading", "h6": "heading", "li": "list_item", "blockquote": "quote",
    "dd": "paragraph", "figcaption": "caption",
}
# trafilatura's output vocabulary: these start a block of their own
_TF_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "table", "row", "cell", "div"})

# --- patterns ---------------------------------------------------------------

# any white space, no-break spaces included: trafilatura turns those into
# plain spaces, and our own blocks must read the same way
_WS = re.compile(r"\s+")
# zero-width and soft-hyphen characters split words invisibly
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_NONWORD = re.compile(r"\W+")
_TOKEN = re.compile(r"\w+")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$")
_PUBLISH_HINT = re.compile(r"publish|posted|entry-date|dateline|post-date|article-date", re.IGNORECASE)
_BY = re.compile(r"^\s*(?:by|from)\s+", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\||&|\band\b)\s*", re.IGNORECASE)
_TITLE_SPLIT = re.compile(r"\s+[|\u2013\u2014\-:\u00b7\u2022]\s+")
_LANG = re.compile(r"^[a-z]{2,3}$")
_TWEET_STATUS = re.compile(r"/status(?:es)?/\d+")
# not shown to the reader, so not the article (schema.org copies, templates)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_LINE_END_PUNCT = re.compile(r"[.!?\u2026:;,]['\"\u2019\u201d)\]]*$")

# blank line between paragraphs of submitted plain text
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")

_SEPARATOR = "\n\n"
# how many words of a block are enough to find it again in the page
_KEY_WORDS = 8
# trafilatura falls back to a whole-page dump below this many characters
_MIN_MAIN_TEXT = 250
# A fast-path answer shorter than this (about 80 words, less than a news
# brief) is a fragment: the full extraction runs instead.
_FAST_ENOUGH = 500
_MAX_BYLINE = 5
# a shorter caption is a label or a credit ("Kyle Busch", "Photo: iFixit"), not a statement
_MIN_CAPTION_WORDS = 5
# a caption that is mostly link text is a promotion ("Subscribe to our sister title")
_MAX_CAPTION_LINKED = 0.5
# a boilerplate-marked element holding more of the extracted text than this
# share is a wrapper of the story, not furniture (0.1-0.5 measure the same)
_MAX_FURNITURE_SHARE = 0.3
_END = 1 << 62


# --- text with links ------------------------------------------------------------


class _TextBuilder:
    """Accumulates whitespace-normalised text and the spans of the links in it."""

    __slots__ = ("parts", "length", "links", "_open", "_space")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.links: list[tuple[int, int, str]] = []
        self._open: list[tuple[int, str]] = []
        self._space = True  # drop leading whitespace

    def add(self, raw: str | None) -> None:
        if not raw:
            return
        s = _WS.sub(" ", _INVISIBLE.sub("", raw))
        if self._space and s.startswith(" "):
            s = s[1:]
        if s:
            self.parts.append(s)
            self.length += len(s)
            self._space = s.endswith(" ")

    def newline(self) -> None:
        if not self.length:
            return
        last = self.parts[-1]
        if last.endswith("\n"):
            return
        if last.endswith(" "):
            self.parts[-1] = last[:-1]
            self.length -= 1
        self.parts.append("\n")
        self.length += 1
        self._space = True

    def open_link(self, href: str) -> None:
        self._open.append((self.length, href))

    def close_link(self) -> None:
        if self._open:
            start, href = self._open.pop()
            self.links.append((start, self.length, href))

    def finish(self) -> tuple[str, tuple[tuple[int, int, str], ...]]:
        text = "".join(self.parts).rstrip()
        links: list[tuple[int, int, str]] = []
        for start, end, href in sorted(self.links):
            end = min(end, len(text))
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                links.append((start, end, href))
        return text, tuple(links)


def _href(raw: str | None, base: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.strip()
    if not raw or raw.lower().startswith(("javascript:", "data:")):
        return None
    if base:
        try:
            return urljoin(base, raw)
        except ValueError:
            return raw
    return raw


def _unseen_or_credit(el: HtmlElement, credits: bool) -> bool:
    classes = el.get("class")
    if classes and not _HIDDEN_CLASSES.isdisjoint(classes.lower().split()):
        return True
    if not credits:
        return False
    prop = el.get("itemprop")
    if prop and not _CREDIT_ITEMPROPS.isdisjoint(prop.lower().split()):
        return True
    marks = f"{classes or ''} {el.get('id') or ''}"
    return bool(marks.strip()) and bool(_CREDIT.search(marks))


def _html_text(root: HtmlElement, base: str | None, drop_credits: bool = False) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """Text and links of an original-page subtree (a caption, an embedded post...)."""
    out = _TextBuilder()
    walker = etree.iterwalk(root, events=("start", "end"))
    links: set[HtmlElement] = set()
    for event, el in walker:
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            skip = tag in _SKIP or (el is not root and _unseen_or_credit(el, drop_credits))
            if skip:
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS and el is not root:
                out.newline()
            if tag == "a":
                href = _href(el.get("href"), base)
                if href:
                    out.open_link(href)
                    links.add(el)
            out.add(el.text if tag != "br" else None)
            if tag == "br":
                out.newline()
        else:
            if el in links:
                out.close_link()
            if el is root:
                break
            if tag in _BLOCK_TAGS:
                out.newline()
            out.add(el.tail)
    return out.finish()


# --- pieces: blocks before they get their offsets ---------------------------------


@dataclass
class _Piece:
    kind: BlockKind
    text: str
    links: tuple[tuple[int, int, str], ...] = ()
    embed: Embed | None = None
    pos: int = -1  # where it starts in the page's word stream (reading order); -1 unknown


def _tf_pieces(body: etree._Element, base: str | None) -> list[_Piece]:
    """trafilatura's XML body -> pieces in its order."""
    out: list[_Piece] = []
    _tf_container(body, "paragraph", base, out, 0)
    return out


def _tf_container(el: etree._Element, kind: BlockKind, base: str | None, out: list[_Piece], depth: int) -> None:
    builder = _TextBuilder()
    builder.add(el.text)
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag in _TF_BLOCKS and depth < 40:
            _flush(builder, kind, out)
            if tag == "row":
                _tf_row(child, base, out)
            else:
                _tf_container(child, _tf_kind(tag, kind), base, out, depth + 1)
            builder = _TextBuilder()
        elif isinstance(tag, str) and tag == "code" and el.tag == "body":
            _flush(builder, kind, out)
            _tf_container(child, "paragraph", base, out, depth + 1)
            builder = _TextBuilder()
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


def _tf_row(row: etree._Element, base: str | None, out: list[_Piece]) -> None:
    """A table row is one block, its cells separated by ' | '."""
    builder = _TextBuilder()
    first = True
    for cell in row:
        if not first and builder.length:
            builder.add(" | ")
        first = False
        builder.add(cell.text)
        for child in cell:
            _tf_inline(child, builder, base, flatten=True)
    _flush(builder, "paragraph", out)


def _tf_inline(el: etree._Element, builder: _TextBuilder, base: str | None, flatten: bool = False) -> None:
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
                href = _href(node.get("target"), base)
                builder.open_link(href) if href else builder.open_link("")
            builder.add(node.text)
        else:
            if tag == "ref":
                builder.close_link()
            if node is el:
                builder.add(node.tail)
                break
            builder.add(node.tail)


def _flush(builder: _TextBuilder, kind: BlockKind, out: list[_Piece]) -> None:
    text, links = builder.finish()
    if text:
        out.append(_Piece(kind, text, tuple(link for link in links if link[2])))


# --- one walk of the page ----------------------------------------------------------


@dataclass
class _Region:
    """An element of interest and its span in the page's word stream."""

    el: HtmlElement
    start: int
    end: int = -1
    boilerplate: bool = False


@dataclass
class _Scan:
    stream: str = ""
    captions: list[_Region] = field(default_factory=list)
    embeds: list[tuple[_Region, Embed]] = field(default_factory=list)
    h1: list[int] = field(default_factory=list)
    dated: str | None = None  # a <time datetime> marked as the publication date
    article_time: str | None = None  # else the first <time datetime> inside <article>
    simple: list[tuple[_Region, BlockKind]] = field(default_factory=list)
    hidden: list[HtmlElement] = field(default_factory=list)
    furniture: list[tuple[int, int]] = field(default_factory=list)  # every boilerplate element's span


class _Stream:
    """The page's words, single-spaced: where things are in reading order.

    Case is kept: trafilatura does not change it, so the words of its blocks
    are found as they are (and lower-casing can change a string's length)."""

    __slots__ = ("parts", "length", "space")

    def __init__(self) -> None:
        self.parts = [" "]
        self.length = 1
        self.space = True

    def add(self, raw: str | None) -> None:
        if not raw:
            return
        if raw.isspace():
            self.gap()
            return
        s = _NONWORD.sub(" ", raw)
        if self.space and s[0] == " ":
            s = s[1:]
        if s:
            self.parts.append(s)
            self.length += len(s)
            self.space = s[-1] == " "

    def gap(self) -> None:
        if not self.space:
            self.parts.append(" ")
            self.length += 1
            self.space = True

    def text(self) -> str:
        self.gap()
        return "".join(self.parts)


class _Marks:
    """Verdicts on class/id values; a page repeats the same few."""

    __slots__ = ("seen", "popups")

    def __init__(self) -> None:
        self.seen: dict[str, bool] = {}
        self.popups: dict[str, bool] = {}

    def furniture(self, el: HtmlElement, tag: str, classes: str | None) -> bool:
        if tag in _BOILERPLATE_TAGS:
            return True
        if tag in _NEVER_BOILERPLATE:
            return False
        role = el.get("role")
        if role and not _FURNITURE_ROLES.isdisjoint(role.lower().split()):
            return True
        for value in (classes, el.get("id")):
            if value:
                verdict = self.seen.get(value)
                if verdict is None:
                    verdict = self.seen[value] = bool(_BOILERPLATE.search(value))
                if verdict:
                    return True
        return False

    def popup(self, classes: str | None) -> bool:
        """A hover card or tooltip: shown beside a name only on hover, so its
        text (a person's other headlines) is not in the article's flow."""
        if not classes:
            return False
        verdict = self.popups.get(classes)
        if verdict is None:
            verdict = self.popups[classes] = not _POPUP_CLASSES.isdisjoint(classes.lower().split())
        return verdict


def _is_hidden(el: HtmlElement) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _is_caption(el: HtmlElement, tag: str) -> bool:
    if tag == "figcaption":
        return True
    classes = el.get("class")
    return bool(classes) and not _CAPTION_CLASSES.isdisjoint(classes.lower().split())


def _scan(tree: HtmlElement, base: str | None) -> _Scan:
    """One walk of the page in reading order: the word stream and the
    positions of captions, embeds, furniture, headlines and dates in it."""
    scan = _Scan()
    stream = _Stream()
    marks = _Marks()
    opened: list[int] = []  # per open element: where it started if it is boilerplate, else -1
    furniture = 0  # how many open elements are boilerplate
    articles = 0  # how many open <article> elements
    caption: _Region | None = None
    embed: _Region | None = None
    simple_open: list[_Region] = []
    walker = etree.iterwalk(tree, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            classes = el.get("class")
            marked = marks.furniture(el, tag, classes)
            opened.append(stream.length if marked else -1)
            furniture += marked
            if tag in _SKIP or tag in _STRUCK_TAGS or _is_hidden(el) or marks.popup(classes):
                walker.skip_subtree()
                if tag not in _SKIP:
                    scan.hidden.append(el)
                elif embed is None and caption is None:
                    found = _frame_embed(el, tag, base)
                    if found is not None:
                        scan.embeds.append((_Region(el, stream.length, stream.length, furniture > 0), found))
                continue
            if tag in _BLOCK_TAGS:
                stream.gap()
                if embed is None and caption is None:
                    if tag == "blockquote":
                        found = _quote_embed(el, base)
                        if found is not None:
                            embed = _Region(el, stream.length, -1, furniture > 0)
                            scan.embeds.append((embed, found))
                    elif _is_caption(el, tag):
                        caption = _Region(el, stream.length, -1, furniture > 0)
                        scan.captions.append(caption)
                    elif tag == "div" and el.get("data-href") and "fb-post" in (el.get("class") or ""):
                        region = _Region(el, stream.length, stream.length, furniture > 0)
                        scan.embeds.append((region, Embed("facebook", _href(el.get("data-href"), base))))
                if tag == "h1":
                    if not furniture:
                        scan.h1.append(stream.length)
                elif tag == "article":
                    articles += 1
                if not simple_open:
                    kind = _SIMPLE_KINDS.get(tag)
                    if embed is not None and embed.el is el:
                        simple_open.append(embed)
                        scan.simple.append((embed, "embed"))
                    elif kind is not None and embed is None:
                        region = _Region(el, stream.length, -1, furniture > 0)
                        simple_open.append(region)
                        scan.simple.append((region, kind))
            elif tag == "time":
                if not furniture:
                    _note_time(el, scan, articles > 0)
            stream.add(el.text)
        else:
            if tag in _BLOCK_TAGS:
                stream.gap()
                if tag == "article":
                    articles -= 1
            if caption is not None and caption.el is el:
                caption.end = stream.length
                caption = None
            if embed is not None and embed.el is el:
                embed.end = stream.length
                embed = None
            if simple_open and simple_open[-1].el is el:
                simple_open.pop().end = stream.length
            stream.add(el.tail)
            began = opened.pop() if opened else -1
            if began >= 0:
                furniture -= 1
                if stream.length > began:
                    scan.furniture.append((began, stream.length))
    scan.stream = stream.text()
    return scan


def _note_time(el: HtmlElement, scan: _Scan, in_article: bool) -> None:
    value = el.get("datetime")
    if not value:
        return
    iso = _iso(value)
    if iso is None:
        return
    hinted = (
        el.get("pubdate") is not None
        or (el.get("itemprop") or "").lower() == "datepublished"
        or bool(_PUBLISH_HINT.search(el.get("class") or ""))
    )
    if hinted and scan.dated is None:
        scan.dated = iso
    elif in_article and scan.article_time is None:
        scan.article_time = iso


# --- embeds --------------------------------------------------------------------


def _quote_embed(el: HtmlElement, base: str | None) -> Embed | None:
    classes = (el.get("class") or "").lower().split()
    platform = next((_EMBED_CLASSES[c] for c in classes if c in _EMBED_CLASSES), None)
    if platform is None:
        return None
    return Embed(platform, _post_url(el, platform, base))


def _post_url(el: HtmlElement, platform: str, base: str | None) -> str | None:
    """The embedded post's own address, as the embedding markup gives it."""
    for attr in ("data-instgrm-permalink", "cite", "data-bluesky-uri", "data-href"):
        value = el.get(attr)
        if value and value.startswith("http"):
            return _clean_post_url(value, platform)
    hrefs = [_href(a.get("href"), base) for a in el.iter("a")]
    hrefs = [h for h in hrefs if h]
    if platform == "twitter":
        # the date link at the end of the blockquote is the tweet's own address;
        # earlier status links are quoted tweets or pictures
        statuses = [h for h in hrefs if _TWEET_STATUS.search(h)]
        return _clean_post_url(statuses[-1], platform) if statuses else None
    markers = {"bluesky": "/post/", "instagram": "/p/", "tiktok": "/video/", "threads": "/post/", "reddit": "/comments/"}
    marker = markers.get(platform)
    chosen = [h for h in hrefs if marker and marker in h]
    return _clean_post_url(chosen[-1], platform) if chosen else None


def _clean_post_url(url: str, platform: str) -> str:
    """Drop the embed script's tracking query (``?ref_src=twsrc...``)."""
    if platform in ("twitter", "instagram", "tiktok", "bluesky", "threads"):
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}{parts.path}"
    return url


def _frame_embed(el: HtmlElement, tag: str, base: str | None) -> Embed | None:
    if tag == "script":
        post = el.get("data-telegram-post")
        return Embed("telegram", f"https://t.me/{post.strip('/')}") if post else None
    if tag != "iframe":
        return None
    src = _href(el.get("src") or el.get("data-src") or el.get("data-lazy-src"), base)
    if not src:
        return None
    if src.startswith("//"):
        src = "https:" + src
    try:
        parts = urlsplit(src)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    platform = None
    while host:
        platform = _EMBED_FRAMES.get(host)
        if platform:
            break
        host = host.partition(".")[2]
    if platform is None:
        return None
    return Embed(platform, _frame_post_url(platform, parts.path, parse_qs(parts.query), src))


def _frame_post_url(platform: str, path: str, query: dict[str, list[str]], src: str) -> str | None:
    if platform == "facebook":
        # plugins/post.php?href=<the post> and plugins/video.php?href=<the video>
        return query.get("href", [None])[0]
    if platform == "twitter":
        tweet_id = query.get("id", [None])[0]
        return f"https://twitter.com/i/status/{tweet_id}" if tweet_id else None
    if platform == "youtube":
        match = re.search(r"/embed/([\w-]{6,})", path)
        return f"https://www.youtube.com/watch?v={match.group(1)}" if match else None
    if platform == "telegram":
        match = re.match(r"^/(?:s/)?([\w]+/\d+)", path)
        return f"https://t.me/{match.group(1)}" if match else None
    if platform == "instagram":
        match = re.match(r"^/((?:p|reel|tv)/[\w-]+)", path)
        return f"https://www.instagram.com/{match.group(1)}/" if match else None
    return src


# --- placing pieces in reading order -----------------------------------------------------


def _key(text: str, last: bool = False) -> str:
    words = _TOKEN.findall(text)
    if not words:
        return ""
    chosen = words[-_KEY_WORDS:] if last else words[:_KEY_WORDS]
    return " " + " ".join(chosen) + " "


def _locate(pieces: list[_Piece], stream: str) -> None:
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


def _extent(piece: _Piece) -> int:
    """Rough length of a piece in the word stream."""
    return len(" ".join(_TOKEN.findall(piece.text))) + 1


def _with_extras(pieces: list[_Piece], scan: _Scan, base: str | None) -> list[_Piece]:
    """Add captions and embeds inside the article's span; drop trafilatura's
    copies of their text (the caption/embed block carries it)."""
    if not pieces:
        return pieces
    first = min(p.pos for p in pieces)
    last = max(p.pos + _extent(p) for p in pieces)
    # the lead picture sits between the headline and the first paragraph
    lead = max((h for h in scan.h1 if h <= first), default=first)
    regions: list[tuple[_Region, BlockKind, Embed | None]] = [(r, "caption", None) for r in scan.captions]
    regions += [(r, "embed", e) for r, e in scan.embeds]
    extras: list[_Piece] = []
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
            text, links = _html_text(region.el, base, drop_credits=kind == "caption")
        else:
            text, links = "", ()
        if kind == "caption":
            if not _is_statement_caption(text, links) or text in seen:
                continue
            seen.add(text)
        extras.append(_Piece(kind, text, links, embed, region.start))
    # what trafilatura kept from a newsletter box or a related-stories list
    absorbed.update(i for i, p in enumerate(pieces) if _inside(p.pos, furniture))
    kept = [p for i, p in enumerate(pieces) if i not in absorbed]
    return _merge(kept, sorted(extras, key=lambda p: p.pos))


def _with_body_parts(pieces: list[_Piece], scan: _Scan, base: str | None) -> list[_Piece]:
    """Add what trafilatura left out of the article's body (structure.py):
    the rest of a body split into several containers, and a lead paragraph
    kept in its own element just before the body."""
    if not pieces:
        return pieces
    blocks = [(r, kind) for r, kind in scan.simple if kind not in ("embed", "caption")]
    spans = [(r.el, r.start, r.end) for r, _ in blocks]
    placed = sorted(p.pos for p in pieces)
    added: list[_Piece] = []
    for i in continuation(spans, placed, scan.stream, merged(scan.furniture)):
        region, kind = blocks[i]
        text, links = _html_text(region.el, base)
        if text:
            added.append(_Piece(kind, text, links, None, region.start))
    first = pieces[0]
    holder = next((r for r, kind in blocks if kind == "paragraph" and r.start <= first.pos < r.end), None)
    lead = lead_element(holder.el) if holder is not None else None
    if lead is not None:
        text, links = _html_text(lead, base)
        known = " ".join(_TOKEN.findall(text))
        if text and not any(known in " ".join(_TOKEN.findall(p.text)) for p in pieces[:3]):
            added.append(_Piece("paragraph", text, links, None, first.pos))
    return _merge(pieces, sorted(added, key=lambda p: p.pos)) if added else pieces


def _true_furniture(pieces: list[_Piece], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
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
    if len(_TOKEN.findall(text)) < _MIN_CAPTION_WORDS:
        return False
    linked = sum(end - start for start, end, _ in links)
    return linked <= _MAX_CAPTION_LINKED * len(text)


def _merge(main: list[_Piece], extras: list[_Piece]) -> list[_Piece]:
    """Insert ``extras`` (by position) into ``main`` without reordering ``main``."""
    out: list[_Piece] = []
    j = 0
    for piece in main:
        while j < len(extras) and extras[j].pos <= piece.pos:
            out.append(extras[j])
            j += 1
        out.append(piece)
    out.extend(extras[j:])
    return out


def _without_headline(pieces: list[_Piece]) -> list[_Piece]:
    """Headings before the first paragraph are the page's headline block
    (kicker, headline, standfirst): Article.title carries the headline, and
    on the benchmark none of them is article text (about 50 pages have them)."""
    lead = 0
    while lead < len(pieces) and pieces[lead].kind == "heading":
        lead += 1
    return pieces[lead:]


def _fallback(scan: _Scan, base: str | None) -> list[_Piece]:
    """The page's own block elements, furniture left out: for pages too small
    for trafilatura, which then dumps the whole page text."""
    out: list[_Piece] = []
    embeds = {id(r): e for r, e in scan.embeds}
    for region, kind in scan.simple:
        if region.boilerplate:
            continue
        if kind == "embed":
            text, links = _html_text(region.el, base)
            out.append(_Piece("embed", text, links, embeds.get(id(region)), region.start))
            continue
        text, links = _html_text(region.el, base, drop_credits=kind == "caption")
        if text:
            out.append(_Piece(kind, text, links, None, region.start))
    frames = [
        _Piece("embed", "", (), e, r.start) for r, e in scan.embeds if r.end == r.start and not r.boilerplate
    ]
    return _merge(out, frames)


# --- metadata ---------------------------------------------------------------------------


@dataclass
class _Meta:
    title: str = ""
    byline: tuple[str, ...] = ()
    published: str | None = None
    site: str | None = None
    language: str = "en"


def _iso(value: str) -> str | None:
    """ISO 8601 from a machine-readable date, or None: never a guess."""
    value = value.strip()
    if not _ISO_DATE.match(value):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace(",", ".").replace(" ", "T", 1).replace(" ", ""))
    except ValueError:
        return None
    if not 1990 <= parsed.year <= 2100:
        return None
    return parsed.date().isoformat() if len(value) <= 10 else parsed.isoformat()


def _json_ld(tree: HtmlElement) -> Iterator[dict[str, object]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def _is_article_type(item: dict[str, object]) -> bool:
    kinds = item.get("@type")
    names = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(n, str) and any(w in n.lower() for w in _ARTICLE_TYPES) for n in names)


def _ld_names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for v in value for n in _ld_names(v)]
    return []


def _clean_names(raws: Iterable[str]) -> tuple[str, ...]:
    names: list[str] = []
    seen: set[str] = set()
    for raw in raws:
        raw = _BY.sub("", _WS.sub(" ", raw)).strip()
        if not raw or "://" in raw or "@" in raw or len(raw) > 100:
            continue
        for part in _NAME_SPLIT.split(raw):
            part = part.strip(" .")
            if not part or not 1 <= len(part.split()) <= 5 or not part[0].isupper():
                continue
            if part.lower() not in seen:
                seen.add(part.lower())
                names.append(part)
    return tuple(names[:_MAX_BYLINE])


def _metadata(tree: HtmlElement, url: str | None, scan: _Scan) -> _Meta:
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key and content and content.strip() and key not in metas:
            metas[key] = content.strip()
    article: dict[str, object] = {}
    for item in _json_ld(tree):
        if _is_article_type(item):
            article = item
            break

    published = None
    for key in _DATE_META:
        if key in metas:
            published = _iso(metas[key])
            if published:
                break
    if published is None and isinstance(article.get("datePublished"), str):
        published = _iso(str(article["datePublished"]))
    if published is None:
        published = scan.dated or scan.article_time

    site = metas.get("og:site_name")
    publisher = article.get("publisher")
    if not site and isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        site = str(publisher["name"]).strip() or None
    if not site and metas.get("application-name"):
        site = metas["application-name"]
    if not site and url:
        host = (urlsplit(url).hostname or "").lower()
        site = host[4:] if host.startswith("www.") else host or None

    authors = [metas[k] for k in _AUTHOR_META if k in metas]
    authors += _ld_names(article.get("author"))
    if not authors:
        authors = [a.text_content() for a in tree.iter("a") if (a.get("rel") or "").lower() == "author"]

    return _Meta(
        title=_title(tree, metas, article, site),
        byline=_clean_names(authors),
        published=published,
        site=site,
        language=_language(tree, metas),
    )


def _title(tree: HtmlElement, metas: dict[str, str], article: dict[str, object], site: str | None) -> str:
    for value in (metas.get("og:title"), metas.get("twitter:title"), article.get("headline")):
        if isinstance(value, str) and value.strip():
            return _WS.sub(" ", value).strip()
    h1 = next(iter(tree.iter("h1")), None)
    if h1 is not None:
        text = _WS.sub(" ", h1.text_content()).strip()
        if text:
            return text
    node = tree.find(".//title")
    if node is None or not node.text:
        return ""
    title = _WS.sub(" ", node.text).strip()
    parts = _TITLE_SPLIT.split(title)
    # "Headline - Site Name": keep the longest part when a site name trails
    if len(parts) > 1 and (site is None or any(site.lower() in p.lower() for p in parts)):
        return max(parts, key=len)
    return title


def _language(tree: HtmlElement, metas: dict[str, str]) -> str:
    for raw in (tree.get("lang"), tree.get("xml:lang"), metas.get("content-language"), metas.get("og:locale")):
        if raw:
            code = re.split(r"[-_]", raw.strip().lower(), maxsplit=1)[0]
            if _LANG.match(code):
                return code
    return "en"


# --- assembly -------------------------------------------------------------------------------


def _assemble(pieces: list[_Piece], meta: _Meta, url: str | None) -> Article:
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


def _main_pieces(tree: HtmlElement, url: str | None) -> list[_Piece]:
    # trafilatura's fast path first: its comparison with readability and
    # jusText costs about a quarter of its time and, on the 134 extraction
    # pages, changed the text of only two pages whose fast answer was
    # article-sized, both for the worse (page F1 0.99 -> 0.98, 1.0 -> 0.33).
    # A short fast answer is a fragment, and gets the full comparison.
    pieces = _trafilatura_pieces(tree, url, fast=True)
    if sum(len(p.text) for p in pieces) < _FAST_ENOUGH:
        pieces = _trafilatura_pieces(tree, url, fast=False)
    return pieces


def _trafilatura_pieces(tree: HtmlElement, url: str | None, fast: bool) -> list[_Piece]:
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
    return _tf_pieces(body, url) if body is not None else []


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
    scan = _scan(tree, url)
    if not _TOKEN.search(scan.stream):
        return empty
    meta = _metadata(tree, url, scan)
    for el in scan.hidden:
        if el.getparent() is not None:
            el.drop_tree()
    pieces = _main_pieces(tree, url)
    if sum(len(p.text) for p in pieces) < _MIN_MAIN_TEXT:
        # trafilatura's answer for small pages is a dump of the whole page:
        # the page's own paragraphs with the furniture left out are better
        # (even when that leaves nothing: a page of navigation only has no article)
        # headings left at the top once a menu above them is gone are the headline block too
        return _assemble(_without_headline(tidy(_without_headline(_fallback(scan, url)), meta.title)), meta, url)
    pieces = _without_headline(pieces)
    _locate(pieces, scan.stream)
    pieces = _with_body_parts(pieces, scan, url)
    return _assemble(tidy(_with_extras(pieces, scan, url), meta.title), meta, url)


# --- plain text -------------------------------------------------------------------------------


# A tweet holds at most 280 characters; with room for the line breaks and a
# link's full address, no more than this much text above a signature can be
# the post's (an article line further up is the outlet's own).
_POST_MAX_CHARS = 320
_NAME_WORDS = re.compile(r"[A-Z][\w'’-]{2,}")


def _text_embeds(text: str, start: int, end: int) -> list[tuple[int, int, Embed]]:
    """The copied-as-text posts inside one paragraph ``text[start:end]``:
    (post start, signature end, embed), in order. A post runs back from
    its signature over whole lines while they fit in a post, never over an
    earlier post's signature, and never over a line that names the post's
    author: that line is the article introducing the post ("..., Loomer
    tweeted.")."""
    found: list[tuple[int, int, str, str]] = []
    for platform, signature in TEXT_SIGNATURES:
        found += [(m.start(), m.end(), platform, m["name"]) for m in signature.finditer(text, start, end)]
    out: list[tuple[int, int, Embed]] = []
    floor = start
    for sig_start, sig_end, platform, name in sorted(found):
        if sig_start < floor:
            continue
        # "#CBP" inside the post is a hashtag, not the article naming the author
        words = "|".join(map(re.escape, _NAME_WORDS.findall(name))) or "(?!)"
        author = re.compile(r"(?<![#@\w])(?:" + words + r")\b")
        post_start = max(text.rfind("\n", floor, sig_start) + 1, floor)
        used = sig_start - post_start
        while post_start > floor:
            above = max(text.rfind("\n", floor, post_start - 1) + 1, floor)
            line = text[above : post_start - 1]
            used += len(line) + 1
            if used > _POST_MAX_CHARS or author.search(line):
                break
            post_start = above
        out.append((post_start, sig_end, Embed(platform, None)))
        rest = text[sig_end:end]
        floor = sig_end + len(rest) - len(rest.lstrip())
    return out


def _paragraph_blocks(text: str, start: int, end: int) -> list[Block]:
    """One paragraph of plain text as blocks: its copied-as-text posts are
    embed blocks of their own, the rest paragraphs."""
    blocks: list[Block] = []
    at = start
    for post_start, post_end, embed in _text_embeds(text, start, end):
        before = text[at:post_start].rstrip()
        if before.strip():
            left = len(before) - len(before.lstrip())
            blocks.append(Block("paragraph", at + left, at + len(before)))
        blocks.append(Block("embed", post_start, post_end, (), embed))
        rest = text[post_end:end]
        at = post_end + len(rest) - len(rest.lstrip())
    if at < end and text[at:end].strip():
        blocks.append(Block("paragraph", at, end))
    return blocks


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 25 and len(line) <= 200 and not _LINE_END_PUNCT.search(line)


def from_text(text: str) -> Article:
    """Plain text analysed as it is: ``Article.text`` is ``text`` unchanged,
    blocks are the paragraphs between blank lines, a short first line
    without final punctuation is the title (a heading block), and a post
    copied with its embed signature is an embed block."""
    blocks: list[Block] = []
    title = ""
    start = 0
    for match in [*_BLANK_LINE.finditer(text), None]:
        end = match.start() if match else len(text)
        segment = text[start:end]
        left = len(segment) - len(segment.lstrip())
        right = len(segment.rstrip())
        if right > left:
            s, e = start + left, start + right
            if not blocks:
                line_end = text.find("\n", s, e)
                first = text[s : line_end if line_end >= 0 else e].rstrip()
                if _looks_like_title(first):
                    title = first
                    blocks.append(Block("heading", s, s + len(first)))
                    if line_end >= 0:
                        rest = text[line_end:e]
                        s = line_end + len(rest) - len(rest.lstrip())
                        blocks += _paragraph_blocks(text, s, e)
                    start = match.end() if match else len(text)
                    continue
            blocks += _paragraph_blocks(text, s, e)
        start = match.end() if match else len(text)
    return Article(text=text, blocks=tuple(blocks), title=title)

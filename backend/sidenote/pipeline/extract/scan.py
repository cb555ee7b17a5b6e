"""One walk of the page in reading order: the page's words as one stream,
and where in it the captions, embeds, furniture (navigation, share bars,
"related" lists ...), headlines and dates are."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from ...doc import BlockKind, Embed
from ...lexicon import load_words
from .embeds import frame_embed, quote_embed
from .markup import BLOCK_TAGS, SKIP_TAGS, iso_date, resolve_href, word_start_pattern

# --- data -----------------------------------------------------------------

_CAPTION_CLASSES = load_words("extract/caption_classes.txt")
_POPUP_CLASSES = load_words("extract/popup_classes.txt")
_FURNITURE_ROLES = load_words("extract/furniture_roles.txt")

_BOILERPLATE = word_start_pattern("extract/boilerplate.txt")

# --- tags -----------------------------------------------------------------

# furniture by their tag alone
_BOILERPLATE_TAGS = frozenset({"nav", "aside", "footer", "form", "menu", "dialog"})
# struck-through text: a correction shows the old words crossed out beside
# the new ones, and read as text they merge ("won two three games")
_STRUCK_TAGS = frozenset({"del", "s", "strike"})
# containers that hold the article itself: a class word like "tag-comments"
# on a WordPress <article> must not throw the article away
_NEVER_BOILERPLATE = frozenset({"html", "body", "article", "main"})
# fallback blocks when trafilatura gives nothing usable
_SIMPLE_KINDS: dict[str, BlockKind] = {
    "p": "paragraph", "pre": "paragraph", "h1": "heading", "h2": "heading", "h3": "heading",
    "h4": "heading", "h5": "heading", "h6": "heading", "li": "list_item", "blockquote": "quote",
    "dd": "paragraph", "figcaption": "caption",
}

# --- patterns ---------------------------------------------------------------

_NONWORD = re.compile(r"\W+")
_PUBLISH_HINT = re.compile(r"publish|posted|entry-date|dateline|post-date|article-date", re.IGNORECASE)
# not shown to the reader, so not the article (schema.org copies, templates)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@dataclass
class Region:
    """An element of interest and its span in the page's word stream."""

    el: HtmlElement
    start: int
    end: int = -1
    boilerplate: bool = False


@dataclass
class Scan:
    stream: str = ""
    captions: list[Region] = field(default_factory=list)
    embeds: list[tuple[Region, Embed]] = field(default_factory=list)
    h1: list[int] = field(default_factory=list)
    dated: str | None = None  # a <time datetime> marked as the publication date
    article_time: str | None = None  # else the first <time datetime> inside <article>
    simple: list[tuple[Region, BlockKind]] = field(default_factory=list)
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
    if not classes:
        return False
    return not _CAPTION_CLASSES.isdisjoint(classes.lower().split())


def scan_page(tree: HtmlElement, base: str | None) -> Scan:
    """One walk of the page in reading order: the word stream and the
    positions of captions, embeds, furniture, headlines and dates in it."""
    scan = Scan()
    stream = _Stream()
    marks = _Marks()
    opened: list[int] = []  # per open element: where it started if it is boilerplate, else -1
    furniture = 0  # how many open elements are boilerplate
    articles = 0  # how many open <article> elements
    caption: Region | None = None
    embed: Region | None = None
    simple_open: list[Region] = []
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
            if tag in SKIP_TAGS or tag in _STRUCK_TAGS or _is_hidden(el) or marks.popup(classes):
                walker.skip_subtree()
                if tag not in SKIP_TAGS:
                    scan.hidden.append(el)
                elif embed is None and caption is None:
                    found = frame_embed(el, tag, base)
                    if found is not None:
                        scan.embeds.append((Region(el, stream.length, stream.length, furniture > 0), found))
                continue
            if tag in BLOCK_TAGS:
                stream.gap()
                if embed is None and caption is None:
                    if tag == "blockquote":
                        found = quote_embed(el, base)
                        if found is not None:
                            embed = Region(el, stream.length, -1, furniture > 0)
                            scan.embeds.append((embed, found))
                    elif _is_caption(el, tag):
                        caption = Region(el, stream.length, -1, furniture > 0)
                        scan.captions.append(caption)
                    elif tag == "div" and el.get("data-href") and "fb-post" in (el.get("class") or ""):
                        region = Region(el, stream.length, stream.length, furniture > 0)
                        scan.embeds.append((region, Embed("facebook", resolve_href(el.get("data-href"), base))))
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
                        region = Region(el, stream.length, -1, furniture > 0)
                        simple_open.append(region)
                        scan.simple.append((region, kind))
            elif tag == "time":
                if not furniture:
                    _note_time(el, scan, articles > 0)
            stream.add(el.text)
        else:
            if tag in BLOCK_TAGS:
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


def _note_time(el: HtmlElement, scan: Scan, in_article: bool) -> None:
    value = el.get("datetime")
    if not value:
        return
    iso = iso_date(value)
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

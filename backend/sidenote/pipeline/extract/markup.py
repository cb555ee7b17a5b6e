"""Text and links of a piece of the page's HTML (a caption, an embedded post,
a block trafilatura left out), whitespace-normalised, the tag and class
lists that say what is not page text, and machine-readable dates (read by
the walk in scan.py and by metadata.py)."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement

from ...lexicon import load_lines, load_words

# --- data -----------------------------------------------------------------

_HIDDEN_CLASSES = load_words("extract/hidden_classes.txt")
_CREDIT_ITEMPROPS = load_words("extract/credit_itemprops.txt")


def word_start_pattern(name: str) -> re.Pattern[str]:
    """A class/id word (split on space, '-' and '_') starting with any listed fragment."""
    return re.compile(r"(?:^|[\s_-])(?:" + "|".join(load_lines(name)) + ")", re.IGNORECASE)


_CREDIT = word_start_pattern("extract/credit_classes.txt")

# --- dates ----------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$")


def iso_date(value: str) -> str | None:
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


# --- tags -----------------------------------------------------------------

# never article text, and their content is not page text either
SKIP_TAGS = frozenset(
    {"head", "script", "style", "noscript", "template", "svg", "math", "button", "select",
     "option", "textarea", "input", "iframe", "object", "embed", "video", "audio", "canvas",
     "img", "picture", "source", "map"}
)
# elements that end a line of text: words on either side are separate
BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul", "ol",
     "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure",
     "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "pre",
     "address", "hr", "br", "form", "fieldset", "details", "summary", "center"}
)

# --- patterns ---------------------------------------------------------------

# any white space, no-break spaces included: trafilatura turns those into
# plain spaces, and our own blocks must read the same way
WHITESPACE = re.compile(r"\s+")
# zero-width and soft-hyphen characters split words invisibly
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


# --- text with links ------------------------------------------------------------


class TextBuilder:
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
        s = WHITESPACE.sub(" ", _INVISIBLE.sub("", raw))
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


def resolve_href(raw: str | None, base: str | None) -> str | None:
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


def html_text(
    root: HtmlElement, base: str | None, drop_credits: bool = False
) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """Text and links of an original-page subtree (a caption, an embedded post...)."""
    out = TextBuilder()
    walker = etree.iterwalk(root, events=("start", "end"))
    links: set[HtmlElement] = set()
    for event, el in walker:
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            skip = tag in SKIP_TAGS or (el is not root and _unseen_or_credit(el, drop_credits))
            if skip:
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS and el is not root:
                out.newline()
            if tag == "a":
                href = resolve_href(el.get("href"), base)
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
            if tag in BLOCK_TAGS:
                out.newline()
            out.add(el.tail)
    return out.finish()

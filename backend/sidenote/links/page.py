"""A fetched page's text, as quotations are compared with it.

beautifulsoup4 with the lxml parser reads the page. Its text is everything a
reader could see (scripts, styles, templates and the like dropped) plus what
the page states about itself in meta tags and JSON-LD
(``data/links/text_fields.tsv``): a post on a script-built social site
carries its words only there.

The comparison counts a MISS only where the page's text is complete enough
to stand behind one (:attr:`PageText.conclusive`): the visible body holds
real prose, or the page states its whole text (a JSON-LD ``articleBody``, a
post's text, a post's ``og:description`` not cut with "…"). A page with
barely any visible text (built by scripts, or a login wall), a page in
another language (the article may have translated the words), or a video or
audio page (the words were spoken) can confirm a quotation but never refute
it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from bs4 import BeautifulSoup
from bs4.element import Tag

from ..lexicon import load_lines
from .compare import comparable

# Below this many words of visible text, the page was built by scripts (or
# is a consent wall) and its body does not hold the article's words.
MIN_VISIBLE_WORDS = 60
# A page title longer than this is cut: it is shown to the reader, nothing more.
MAX_TITLE = 300
# Elements whose text a reader never sees.
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "iframe", "object", "head")
_SPACE = re.compile(r"\s+")
_TRUNCATED = re.compile(r"(?:\u2026|\.\.\.)\s*$")


@dataclass(frozen=True)
class PageText:
    title: str | None
    text: str  # comparable form (compare.comparable)
    conclusive: bool  # may a quotation's absence from ``text`` be reported?


@cache
def _fields() -> tuple[frozenset[str], frozenset[str]]:
    meta: set[str] = set()
    jsonld: set[str] = set()
    for line in load_lines("links/text_fields.tsv"):
        kind, _, name = line.partition("\t")
        (meta if kind.strip() == "meta" else jsonld).add(name.strip())
    return frozenset(m.lower() for m in meta), frozenset(jsonld)


@cache
def _spoken_media() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in load_lines("links/spoken_media.txt"))


def is_spoken_media(url: str) -> bool:
    return any(p.search(url) for p in _spoken_media())


def _squeeze(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _json_texts(value: Any, keys: frozenset[str], kind: str = "") -> Iterator[tuple[str, str, str]]:
    """(key, text, @type of the object holding it) for every wanted key."""
    if isinstance(value, dict):
        types = value.get("@type")
        here = " ".join(types) if isinstance(types, list) else str(types or kind)
        for key, item in value.items():
            if key in keys and isinstance(item, str):
                yield key, item, here
            else:
                yield from _json_texts(item, keys, here)
    elif isinstance(value, list):
        for item in value:
            yield from _json_texts(item, keys, kind)


def _stated_texts(soup: BeautifulSoup) -> tuple[list[str], list[str]]:
    """What the page says about its own text in meta tags and JSON-LD: every
    such text, and those that are a post's or an article's WHOLE text (a
    JSON-LD ``articleBody``, a JSON-LD ``...Posting``'s text, an
    ``og:description`` of an ``og:type`` article), as opposed to a summary."""
    meta_names, jsonld_keys = _fields()
    every: list[str] = []
    whole: list[str] = []
    og_article = (_meta(soup, "og:type") or "").lower() == "article"
    for tag in soup.find_all("meta"):
        name = str(tag.get("property") or tag.get("name") or "").lower()
        content = tag.get("content")
        if name in meta_names and isinstance(content, str) and content.strip():
            every.append(content)
            if name == "og:description" and og_article:
                whole.append(content)
    for script in soup.find_all("script", attrs={"type": re.compile(r"ld\+json", re.I)}):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        for key, text, kind in _json_texts(data, jsonld_keys):
            every.append(text)
            if key == "articleBody" or (key == "text" and kind.endswith("Posting")):
                whole.append(text)
    return every, [t for t in whole if not _TRUNCATED.search(t)]


def _meta(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    content = tag.get("content") if isinstance(tag, Tag) else None
    return content if isinstance(content, str) and content.strip() else None


def _title(soup: BeautifulSoup) -> str | None:
    title = _squeeze(soup.title.get_text()) if soup.title else ""
    title = title or _squeeze(_meta(soup, "og:title") or "")
    if not title:
        return None
    return title[: MAX_TITLE - 1] + "\u2026" if len(title) > MAX_TITLE else title


def _english_or_unknown(soup: BeautifulSoup) -> bool:
    html = soup.find("html")
    lang = html.get("lang") if isinstance(html, Tag) else None
    if not isinstance(lang, str) or not lang.strip():
        lang = _meta(soup, "og:locale") or ""
    lang = lang.strip().lower().replace("_", "-")
    return not lang or lang == "en" or lang.startswith("en-")


def read_page(body: bytes, url: str, encoding: str | None = None) -> PageText:
    """The text of the HTML ``body`` fetched from ``url`` (``encoding`` from
    the Content-Type header, when it named one; else the page's own
    declaration or a guess)."""
    soup = BeautifulSoup(body, "lxml", from_encoding=encoding)
    title = _title(soup)
    stated, whole = _stated_texts(soup)
    og_type = (_meta(soup, "og:type") or "").lower()
    english = _english_or_unknown(soup)
    for tag in soup.find_all(_INVISIBLE):
        tag.decompose()
    visible = comparable(soup.get_text(" "))
    text = comparable(" \n ".join([visible, *stated]))
    # Complete: the body a reader sees holds real prose, or the page states
    # its whole text (a post page on a script-built site, at best).
    complete = len(visible.split()) >= MIN_VISIBLE_WORDS or bool(whole)
    media = og_type.startswith(("video", "music")) or is_spoken_media(url)
    return PageText(title=title, text=text, conclusive=complete and english and not media)

"""The page's title, byline, date, site and language, from meta tags,
JSON-LD and ``<time>`` (found by the walk in scan.py). The date is None
rather than a guess."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from ...lexicon import load_lines, load_words
from .markup import WHITESPACE, iso_date
from .scan import Scan

_DATE_META = load_lines("extract/date_meta.txt")
_AUTHOR_META = load_lines("extract/author_meta.txt")
_ARTICLE_TYPES = load_words("extract/article_types.txt")
_BY = re.compile(r"^\s*(?:by|from)\s+", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\||&|\band\b)\s*", re.IGNORECASE)
_TITLE_SPLIT = re.compile(r"\s+[|\u2013\u2014\-:\u00b7\u2022]\s+")
_LANG = re.compile(r"^[a-z]{2,3}$")
_MAX_BYLINE = 5


@dataclass
class Meta:
    title: str = ""
    byline: tuple[str, ...] = ()
    published: str | None = None
    site: str | None = None
    language: str = "en"


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
        raw = _BY.sub("", WHITESPACE.sub(" ", raw)).strip()
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


def read_metadata(tree: HtmlElement, url: str | None, scan: Scan) -> Meta:
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
            published = iso_date(metas[key])
            if published:
                break
    if published is None and isinstance(article.get("datePublished"), str):
        published = iso_date(str(article["datePublished"]))
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

    return Meta(
        title=_title(tree, metas, article, site),
        byline=_clean_names(authors),
        published=published,
        site=site,
        language=_language(tree, metas),
    )


def _title(tree: HtmlElement, metas: dict[str, str], article: dict[str, object], site: str | None) -> str:
    for value in (metas.get("og:title"), metas.get("twitter:title"), article.get("headline")):
        if isinstance(value, str) and value.strip():
            return WHITESPACE.sub(" ", value).strip()
    h1 = next(iter(tree.iter("h1")), None)
    if h1 is not None:
        text = WHITESPACE.sub(" ", h1.text_content()).strip()
        if text:
            return text
    node = tree.find(".//title")
    if node is None or not node.text:
        return ""
    title = WHITESPACE.sub(" ", node.text).strip()
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

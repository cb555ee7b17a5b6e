"""Embedded posts in a page's markup: a platform's blockquote (tweets,
Bluesky, Instagram, TikTok ...) or its frame or script widget (Facebook, X,
YouTube, Telegram), each with the post's own address when the markup gives it."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from lxml.html import HtmlElement

from ...doc import Embed
from ...lexicon import load_table
from .markup import resolve_href

_EMBED_CLASSES = load_table("extract/embed_classes.tsv")
_EMBED_FRAMES = load_table("extract/embed_frames.tsv")
_TWEET_STATUS = re.compile(r"/status(?:es)?/\d+")


def quote_embed(el: HtmlElement, base: str | None) -> Embed | None:
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
    hrefs = [h for h in (resolve_href(a.get("href"), base) for a in el.iter("a")) if h]
    if platform == "twitter":
        # the date link at the end of the blockquote is the tweet's own address;
        # earlier status links are quoted tweets or pictures
        statuses = [h for h in hrefs if _TWEET_STATUS.search(h)]
        return _clean_post_url(statuses[-1], platform) if statuses else None
    markers = {
        "bluesky": "/post/", "instagram": "/p/", "tiktok": "/video/", "threads": "/post/", "reddit": "/comments/"
    }
    marker = markers.get(platform)
    chosen = [h for h in hrefs if marker and marker in h]
    return _clean_post_url(chosen[-1], platform) if chosen else None


def _clean_post_url(url: str, platform: str) -> str:
    """Drop the embed script's tracking query (``?ref_src=twsrc...``)."""
    if platform in ("twitter", "instagram", "tiktok", "bluesky", "threads"):
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}{parts.path}"
    return url


def frame_embed(el: HtmlElement, tag: str, base: str | None) -> Embed | None:
    if tag == "script":
        post = el.get("data-telegram-post")
        return Embed("telegram", f"https://t.me/{post.strip('/')}") if post else None
    if tag != "iframe":
        return None
    src = resolve_href(el.get("src") or el.get("data-src") or el.get("data-lazy-src"), base)
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

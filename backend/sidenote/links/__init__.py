"""Following the article's own links (``follow_links``, shared/API.md).

Off unless a request asks for it. Then, after the usual analysis, up to 10
of the article's http(s) links are fetched (those a quotation is credited to
first), within 3 s for all of them, and each direct quotation credited to a
fetched page is looked for there. A quotation missing from a page that was
read in full gets a ``quote_not_in_source`` card; every followed link is
reported in ``links[]`` with its status.

=========  ==================================================================
safety     which addresses may be fetched at all (SSRF prevention)
fetch      the fetcher: pinned connections, redirects hop by hop, limits
page       a fetched page's text (beautifulsoup4 + lxml)
compare    quoted words vs a page's text, normalised alike
tie        which links a quotation is credited to; which links are followed
cards      the ``quote_not_in_source`` cards and ``found_on`` marks
store      the cache of fetched pages and answers (SIDENOTE_FETCH_TTL)
service    the ``/analyze`` answer when ``follow_links`` is asked
=========  ==================================================================

Nothing here runs for a request without ``follow_links``.
"""

from __future__ import annotations

import threading

from flask import Flask, current_app

from ..doc import Doc
from . import cards, tie
from .fetch import FetchPolicy, FetchResult, cacheable, fetch_all
from .safety import parse_allow
from .store import LinkStore

EXTENSION_KEY = "sidenote.links"


class Following:
    """Everything following links needs: the limits and allow list, and
    the store of what was fetched. The store (and its Redis connection) is
    made on the first request that asks for links: a backend whose readers
    never do holds nothing of this."""

    def __init__(self, policy: FetchPolicy, redis_url: str | None, ttl: int, retry_seconds: float) -> None:
        self.policy = policy
        self.ttl = ttl
        self._store_args = (redis_url, ttl, retry_seconds)
        self._store: LinkStore | None = None
        self._lock = threading.Lock()

    @property
    def store(self) -> LinkStore:
        with self._lock:
            if self._store is None:
                self._store = LinkStore.create(*self._store_args)
            return self._store


def fetch_with_cache(urls: list[str], following: Following) -> dict[str, FetchResult]:
    """Fetched or remembered outcomes of ``urls``; only what the store does
    not hold is fetched, and what came from a server is stored."""
    results: dict[str, FetchResult] = {}
    missing: list[str] = []
    for url in urls:
        known = following.store.get_result(url)
        if known is not None:
            results[url] = known
        else:
            missing.append(url)
    fetched = fetch_all(missing, following.policy)
    for result in cacheable(fetched.values()):
        following.store.put_result(result)
    results.update(fetched)
    return results


def follow(doc: Doc, following: Following) -> tuple[Doc, list[FetchResult]]:
    """``doc`` with its links followed: ``followed_links`` filled and the
    ``quote_not_in_source`` cards added. Also returns the outcomes used."""
    ties = tie.tie(doc)
    urls = tie.links_to_follow(doc, ties, following.policy.max_links)
    results = fetch_with_cache(urls, following)
    return cards.apply(doc, urls, results, ties), [results[u] for u in urls]


def init_app(app: Flask) -> None:
    """Read ``FETCH_ALLOW`` and ``FETCH_TTL`` (SIDENOTE_FETCH_ALLOW,
    SIDENOTE_FETCH_TTL); a malformed allow list stops the start-up with a
    message that says how to write it. Nothing is fetched here."""
    policy = FetchPolicy(allow=parse_allow(str(app.config.get("FETCH_ALLOW") or "")))
    app.extensions[EXTENSION_KEY] = Following(
        policy,
        app.config.get("REDIS_URL"),
        int(app.config.get("FETCH_TTL", 3600)),
        float(app.config.get("REDIS_RETRY_SECONDS", 30.0)),
    )


def get_following() -> Following:
    return current_app.extensions[EXTENSION_KEY]

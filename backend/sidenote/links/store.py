"""What following links remembers, for ``SIDENOTE_FETCH_TTL`` seconds.

Two kinds of entries, in one :class:`~sidenote.cache.ResponseCache` of their
own (Redis when one answers, this process's LRU otherwise, exactly as the
answers of ``/analyze``):

- a fetched link's outcome, keyed by its URL: a second analysis within the
  TTL contacts no linked server again;
- a whole ``follow_links`` answer, keyed by the request body under a
  ``follow_links`` namespace, so it is never served to a request without
  it (and a plain answer, in the main cache, never to one with it).

The in-process LRU has no expiry of its own, so every entry carries its
expiry time (wall clock, shared by every worker) and is ignored once past
it. An answer expires with the oldest page it was built from: it never
shows a link's state older than the TTL.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict

from ..cache import ResponseCache, cache_key
from .fetch import FetchResult

# Bump when FetchResult or the page reader changes meaning: old entries
# (in a shared Redis) are then simply never asked for.
FORMAT = "links-1"
# Fetched pages are bigger than answers; fewer are kept in memory.
MEMORY_ENTRIES = 256


class LinkStore:
    def __init__(self, cache: ResponseCache, ttl: int) -> None:
        self.cache = cache
        self.ttl = ttl

    @classmethod
    def create(cls, redis_url: str | None, ttl: int, retry_seconds: float) -> LinkStore:
        return cls(ResponseCache(redis_url, ttl, MEMORY_ENTRIES, retry_seconds), ttl)

    # -- entries with their expiry ------------------------------------------------

    def _get(self, key: str) -> bytes | None:
        raw = self.cache.get(key)
        if raw is None:
            return None
        stamp, _, payload = raw.partition(b"\n")
        try:
            expires = float(stamp)
        except ValueError:
            return None
        return payload if time.time() < expires else None

    def _set(self, key: str, payload: bytes, expires: float) -> None:
        if expires > time.time():
            self.cache.set(key, b"%.3f\n" % expires + payload)

    # -- fetched links ------------------------------------------------------------

    @staticmethod
    def page_key(url: str) -> str:
        return f"sidenote:{FORMAT}:page:{hashlib.sha256(url.encode('utf-8')).hexdigest()}"

    def get_result(self, url: str) -> FetchResult | None:
        payload = self._get(self.page_key(url))
        if payload is None:
            return None
        try:
            return FetchResult(**json.loads(payload))
        except (ValueError, TypeError):
            return None  # an entry of another shape: fetch again

    def put_result(self, result: FetchResult) -> None:
        payload = json.dumps(asdict(result), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self._set(self.page_key(result.url), payload, result.fetched_at + self.ttl)

    # -- whole answers --------------------------------------------------------------

    @staticmethod
    def answer_key(version: str, body: bytes) -> str:
        return cache_key(f"{version}:follow_links", body)

    def get_answer(self, key: str) -> bytes | None:
        return self._get(key)

    def put_answer(self, key: str, body: bytes, oldest_fetch: float) -> None:
        self._set(key, body, oldest_fetch + self.ttl)

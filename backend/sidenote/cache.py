"""The response cache: Redis when one answers, an in-process LRU otherwise.

Keys combine the pipeline version, the page URL and a hash of the input, so a
new pipeline never serves an old answer. If Redis goes away mid-run, requests
fall back to the in-process cache and none fail; Redis is tried again after
``REDIS_RETRY_SECONDS``.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import zlib
from collections import OrderedDict

import redis
from flask import Flask, current_app
from redis.backoff import NoBackoff
from redis.retry import Retry

log = logging.getLogger(__name__)

EXTENSION_KEY = "sidenote.cache"
# Seconds any one Redis call may take, connect or answer. A Redis that hangs
# (paused, or a silent host) then costs a request this much, once: the
# cache marks Redis down and serves from memory until REDIS_RETRY_SECONDS.
SOCKET_TIMEOUT = 0.25
# zlib's fastest level: a JSON answer shrinks to about 30 % (see MemoryCache).
COMPRESSION_LEVEL = 1
# While Redis holds every answer, each worker keeps only its latest ones in
# memory: enough for its pending Redis writes and a reader's quick repeat.
# The full MEMORY_CACHE_SIZE is for when memory is the only cache.
SHARED_MEMORY_ENTRIES = 64


def cache_key(version: str, body: bytes) -> str:
    """The key of a request's answer: the pipeline version and a hash of the
    request body as sent. Hashing the bytes, not the parsed fields, lets a
    repeated request be answered without parsing its JSON at all; the
    extension always sends the same bytes for the same page (url and html),
    and a body written differently is only a miss."""
    return f"sidenote:{version}:{hashlib.sha256(body).hexdigest()}"


class MemoryCache:
    """A thread-safe LRU of serialised responses, bounded in entries and in
    bytes: an answer echoes its article's text, up to megabytes for a
    hostile body, and a count alone let a worker's memory grow with them
    (issue #15). An answer over 1/32 of the byte budget (1 MB by default,
    twenty times a heavy news page's) is left to Redis.

    Answers are kept zlib-compressed (level 1), and the byte budget counts
    them so: a news page's answer (14 KB on average on the extraction
    pages) takes a third of that, so a full cache of 512 answers is about
    2 MB of a worker's memory instead of 7 MB, for 0.1 ms to compress and
    less to expand again."""

    def __init__(self, max_entries: int, max_bytes: int = 32 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            packed = self._items.get(key)
            if packed is None:
                return None
            self._items.move_to_end(key)
        return zlib.decompress(packed)

    def set(self, key: str, value: bytes, max_entries: int | None = None) -> None:
        """Keep ``value``, then drop the least recently used answers down to
        the bounds (``max_entries``, when given and lower, for the count)."""
        if len(value) > self.max_bytes // 32:
            return
        value = zlib.compress(value, COMPRESSION_LEVEL)
        entries = self.max_entries if max_entries is None else min(max_entries, self.max_entries)
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old)
            self._items[key] = value
            self._bytes += len(value)
            while len(self._items) > entries or self._bytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped)

    def __len__(self) -> int:
        return len(self._items)


class ResponseCache:
    """Redis first, memory as the fallback; never raises to the caller."""

    def __init__(
        self,
        redis_url: str | None,
        ttl: int,
        memory_size: int,
        retry_seconds: float,
        memory_bytes: int = 32 * 1024 * 1024,
    ) -> None:
        self.ttl = ttl
        self.memory = MemoryCache(memory_size, memory_bytes)
        self.retry_seconds = retry_seconds
        self._redis = (
            redis.Redis.from_url(
                redis_url,
                socket_timeout=SOCKET_TIMEOUT,
                socket_connect_timeout=SOCKET_TIMEOUT,
                # redis-py retries a timed-out call ten times by default, with
                # back-off: seconds of waiting per request on a hung Redis.
                retry=Retry(NoBackoff(), 0),
            )
            if redis_url
            else None
        )
        self._redis_down_since: float | None = None
        # When a list: what remember() kept, in order (a child process analysing
        # a large body hands it to its worker: sidenote/memory.py).
        self.recording: list[tuple[str, bytes]] | None = None
        if self._redis is not None:
            try:
                self._redis.ping()
            except redis.RedisError as exc:
                self._mark_down(exc)

    @property
    def backend(self) -> str:
        return "redis" if self._redis_usable() else "memory"

    def _redis_usable(self) -> bool:
        if self._redis is None:
            return False
        if self._redis_down_since is None:
            return True
        if time.monotonic() - self._redis_down_since >= self.retry_seconds:
            try:
                self._redis.ping()
            except redis.RedisError:
                self._redis_down_since = time.monotonic()
                return False
            log.info("Redis is back; using it as the cache again")
            self._redis_down_since = None
            return True
        return False

    def _mark_down(self, exc: Exception) -> None:
        if self._redis_down_since is None:
            log.warning("Redis unavailable (%s); using the in-process cache", exc)
        self._redis_down_since = time.monotonic()

    def get(self, key: str) -> bytes | None:
        # This worker's own answers first: no round trip, and an answer whose
        # Redis write is still pending (see api.analyze) is found at once.
        mine = self.memory.get(key)
        if mine is not None:
            return mine
        if self._redis_usable():
            assert self._redis is not None
            try:
                value = self._redis.get(key)
            except redis.RedisError as exc:
                self._mark_down(exc)
            else:
                return value if isinstance(value, bytes) else None
        return None

    def set(self, key: str, value: bytes) -> None:
        # Memory always gets a copy, so a Redis outage right after this call
        # still finds the answer.
        self.remember(key, value)
        self.share(key, value)

    def remember(self, key: str, value: bytes) -> None:
        """Keep ``value`` in this process's memory only: the latest
        ``SHARED_MEMORY_ENTRIES`` answers while Redis is there to hold them
        all, up to the memory cache's own bounds while it is not (issue #15:
        a full copy of what Redis holds was megabytes per worker)."""
        self.memory.set(key, value, SHARED_MEMORY_ENTRIES if self._redis_usable() else None)
        if self.recording is not None:
            self.recording.append((key, value))

    def share(self, key: str, value: bytes) -> None:
        """Store ``value`` in Redis, for every worker, if Redis is there."""
        if self._redis_usable():
            assert self._redis is not None
            try:
                self._redis.set(key, value, ex=self.ttl)
            except redis.RedisError as exc:
                self._mark_down(exc)


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION_KEY] = ResponseCache(
        redis_url=app.config.get("REDIS_URL"),
        ttl=int(app.config["CACHE_TTL"]),
        memory_size=int(app.config["MEMORY_CACHE_SIZE"]),
        memory_bytes=int(app.config.get("MEMORY_CACHE_BYTES", 32 * 1024 * 1024)),
        retry_seconds=float(app.config["REDIS_RETRY_SECONDS"]),
    )


def get_cache() -> ResponseCache:
    return current_app.extensions[EXTENSION_KEY]

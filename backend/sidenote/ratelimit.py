"""A small per-client rate limit (fixed window, per worker process).

The backend serves one reader's browser on loopback; the limit exists so a
runaway page script cannot pin the CPU, not as a security boundary.
"""

from __future__ import annotations

import threading
import time

from flask import Flask, current_app, request

from .errors import RateLimited

EXTENSION_KEY = "sidenote.ratelimit"


class FixedWindowLimiter:
    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self._counts: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def hit(self, client: str, now: float | None = None) -> bool:
        """Count one request; False when the client is over the limit."""
        if self.limit <= 0:
            return True
        now = time.monotonic() if now is None else now
        with self._lock:
            started, count = self._counts.get(client, (now, 0))
            if now - started >= self.window:
                started, count = now, 0
            count += 1
            self._counts[client] = (started, count)
            if len(self._counts) > 10_000:  # forget stale clients
                self._counts = {
                    k: v for k, v in self._counts.items() if now - v[0] < self.window
                }
            return count <= self.limit


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION_KEY] = FixedWindowLimiter(
        int(app.config["RATE_LIMIT"]), float(app.config["RATE_LIMIT_WINDOW"])
    )


def check() -> None:
    limiter: FixedWindowLimiter = current_app.extensions[EXTENSION_KEY]
    if not limiter.hit(request.remote_addr or "unknown"):
        raise RateLimited(
            f"Too many requests: at most {limiter.limit} every {limiter.window:.0f} seconds. "
            "Wait a moment and try again."
        )

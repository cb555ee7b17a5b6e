"""The per-client rate limit on ``POST /api/v1/analyze``, shared by every
worker through Redis (Flask-Limiter on the ``limits`` library).

The backend serves one reader's browser on loopback; the limit exists so a
runaway page script cannot pin the CPU, not as a security boundary. It was a
counter in each worker's memory, so the real limit grew with the number of
workers and started again at every restart (issue #15). Now the count lives
in Redis, next to the response cache, in a fixed window per client address.

When Redis does not answer, Flask-Limiter counts in this worker's memory
instead (``in_memory_fallback``) and tries Redis again after 1, 2, 4 ...
seconds; no request fails because Redis is away. Every Redis call waits at
most :data:`SOCKET_TIMEOUT` and is never retried, so a Redis that accepts
connections and never answers costs a request at most that long.

``RATE_LIMIT`` requests per ``RATE_LIMIT_WINDOW`` seconds; ``RATE_LIMIT=0``
(``SIDENOTE_RATE_LIMIT=0``) turns the limit off. docs/robustness.md has more.
"""

from __future__ import annotations

import time
from typing import Any

from flask import Flask, Response, request
from flask_limiter import Limiter, RequestLimit
from redis.backoff import NoBackoff
from redis.retry import Retry

from .api import error_response

EXTENSION_KEY = "sidenote.ratelimit"
# The endpoints that count; health checks and CORS preflights do not.
LIMITED = frozenset({"api.analyze"})
# Seconds any one Redis call of the limiter may take (connect or answer).
SOCKET_TIMEOUT = 0.25
KEY_PREFIX = "sidenote-ratelimit"


def _client() -> str:
    return request.remote_addr or "unknown"


def _exempt() -> bool:
    return request.endpoint not in LIMITED or request.method == "OPTIONS"


def _too_many(limit: RequestLimit) -> Response:
    window = limit.limit.get_expiry()
    response = error_response(
        429,
        "rate_limited",
        f"Too many requests: at most {limit.limit.amount} every {window} seconds. "
        "Wait a moment and try again.",
    )
    try:
        wait = int(limit.reset_at - time.time())
    except Exception:  # noqa: BLE001 - the storage failed between the count and now: say the window
        wait = window
    response.headers["Retry-After"] = str(max(1, wait))
    return response


def redis_options() -> dict[str, Any]:
    """How the limiter's Redis client connects: short timeouts, no retries."""
    return {
        "socket_timeout": SOCKET_TIMEOUT,
        "socket_connect_timeout": SOCKET_TIMEOUT,
        "retry": Retry(NoBackoff(), 0),
    }


def init_app(app: Flask) -> None:
    amount = int(app.config["RATE_LIMIT"])
    window = max(1, int(float(app.config["RATE_LIMIT_WINDOW"])))
    rule = f"{max(amount, 1)} per {window} second"
    redis_url = app.config.get("REDIS_URL")
    limiter = Limiter(
        key_func=_client,
        app=app,
        default_limits=[rule],
        storage_uri=redis_url or "memory://",
        storage_options=redis_options() if redis_url else {},
        strategy="fixed-window",
        key_prefix=KEY_PREFIX,
        in_memory_fallback_enabled=bool(redis_url),
        in_memory_fallback=[rule] if redis_url else None,
        swallow_errors=True,  # a limiter that fails lets the request through
        enabled=amount > 0,
        on_breach=_too_many,
    )
    limiter.request_filter(_exempt)
    app.extensions[EXTENSION_KEY] = limiter

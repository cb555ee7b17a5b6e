"""Sidenote's backend: a Flask app that turns a news page into context cards.

``create_app`` is the only entry point; no app exists at import time.
"""

from __future__ import annotations

import gc
import logging
import os
from typing import Any

from flask import Flask
from flask.json.provider import DefaultJSONProvider

DEFAULTS: dict[str, Any] = {
    # 5 MB: a heavy news page is 1-2 MB of HTML; anything larger is not an article.
    "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "CACHE_TTL": 24 * 3600,
    "MEMORY_CACHE_SIZE": 512,
    # ... and at most this many bytes of answers in each worker's memory
    "MEMORY_CACHE_BYTES": 32 * 1024 * 1024,
    # After Redis fails, how long to serve from memory before trying it again.
    "REDIS_RETRY_SECONDS": 30.0,
    # Requests per client per window, counted in Redis for all workers
    # (in each worker's memory while Redis is away); 0 turns the limit off.
    "RATE_LIMIT": 120,
    "RATE_LIMIT_WINDOW": 60.0,
    # Seconds from a request's arrival after which its analysis stops and
    # answers with what is done (sidenote/pipeline/budget.py).
    "ANALYSIS_SECONDS": 3.0,
    "CORS_ORIGINS": [r"^chrome-extension://[a-z]{32}$", r"^moz-extension://[0-9a-f-]{36}$"],
    # follow_links (sidenote/links): how long fetched pages are remembered, and
    # the exact host:port pairs that may be fetched although not public.
    "FETCH_TTL": 3600,
    "FETCH_ALLOW": "",
}

# Settings a deployment can override from the environment: name -> type.
ENV_SETTINGS: dict[str, type] = {
    "REDIS_URL": str,
    "CACHE_TTL": int,
    "MAX_CONTENT_LENGTH": int,
    "RATE_LIMIT": int,
    "RATE_LIMIT_WINDOW": float,
    "ANALYSIS_SECONDS": float,
    "FETCH_TTL": int,
    "FETCH_ALLOW": str,
}


def _from_environment() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, kind in ENV_SETTINGS.items():
        raw = os.environ.get(f"SIDENOTE_{name}", os.environ.get(name) if name == "REDIS_URL" else None)
        if raw is not None and raw != "":
            found[name] = kind(raw)
    origins = os.environ.get("SIDENOTE_CORS_ORIGINS")
    if origins:
        found["CORS_ORIGINS"] = [o.strip() for o in origins.split(",") if o.strip()]
    return found


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if test_config is None:
        app.config.from_mapping(_from_environment())
    else:
        app.config.from_mapping(test_config)
    if isinstance(app.json, DefaultJSONProvider):  # (always, unless a provider class is configured)
        app.json.sort_keys = False  # keep the contract's field order for human readers

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from . import lifeline, logs, memory

    logs.install()  # no page text in any log record (sidenote/logs.py)
    # trafilatura and its helpers warn about every odd link on a page: noise
    # for the operator, and writing it costs time on every request.
    for noisy in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(noisy).setLevel(logging.ERROR)

    from . import api, cache, links, pipeline, ratelimit

    # Not redundant with memory.warm_up's invented article: run before it,
    # this leaves the master 34 MB larger (run after it, or not at all, it
    # does not; the allocator's tuning is not the cause, and what is has not
    # been found), and the forked workers start from that instead of growing
    # by as much in their first minute. Without it (eleventh session) a
    # 10-minute soak's workers started at 220 MB instead of 250 and ended at
    # the same 271 MB: +23 %, against the soak's 10 % limit.
    pipeline.warm_up()
    # Every model, word list and lazily built pattern, and an invented
    # article through every stage: under gunicorn --preload the workers
    # start with all of it instead of each growing by it (issue #15).
    memory.warm_up()
    # Everything loaded so far lives as long as the process: keep it out of
    # the collector's way, and (under gunicorn --preload) shared between
    # the forked workers instead of copied by the collector's writes.
    gc.freeze()
    cache.init_app(app)
    links.init_app(app)
    ratelimit.init_app(app)
    lifeline.init_app(app)
    logs.init_app(app)
    memory.init_app(app)
    api.init_app(app)
    return app

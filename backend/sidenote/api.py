"""The ``api`` blueprint: the HTTP contract of ``shared/API.md``.

Every error leaves as JSON ``{"error": {"code", "message"}}``; no traceback
ever reaches a client.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, Response, current_app, request
from flask_cors import CORS
from werkzeug.exceptions import HTTPException

from . import logs, openapi, pipeline
from .cache import cache_key, get_cache
from .errors import BadRequest, SidenoteError, UnsupportedMediaType
from .links import service as links_service
from .pipeline import budget
from .serialize import to_json

log = logging.getLogger(__name__)

bp = Blueprint("api", __name__, url_prefix="/api/v1")

HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    503: "unavailable",
}

HTTP_MESSAGES = {
    404: "No such endpoint. The API lives under /api/v1 (see API.md).",
    405: "This endpoint does not take that method (see API.md).",
    413: "The request body is over the size limit. Send the page's HTML only, without inlined media.",
    429: "Too many requests. Wait a moment and try again.",
}


def _json_response(payload: Any, status: int = 200) -> Response:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status=status, mimetype="application/json")


def error_response(status: int, code: str, message: str) -> Response:
    return _json_response({"error": {"code": code, "message": message}}, status)


def _read_body() -> bytes:
    if request.mimetype != "application/json":
        raise UnsupportedMediaType(
            "Send the request as JSON with the header 'Content-Type: application/json'."
        )
    return request.get_data(cache=False)  # raises 413 past MAX_CONTENT_LENGTH


def _parse_request(raw: bytes) -> tuple[str, str, str | None, bool]:
    """Return (kind, payload, url, follow_links) where kind is "html" or "text"."""
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest(f"The request body is not valid JSON ({exc}).", "malformed_json") from exc
    if not isinstance(body, dict):
        raise BadRequest("The JSON body must be an object with 'html' or 'text'.", "invalid_request")
    has_html, has_text = "html" in body, "text" in body
    if has_html == has_text:
        raise BadRequest(
            "Give exactly one of 'html' (the page's HTML) and 'text' (plain text).",
            "invalid_request",
        )
    kind = "html" if has_html else "text"
    payload = body[kind]
    if not isinstance(payload, str):
        raise BadRequest(f"'{kind}' must be a string.", "invalid_request")
    url = body.get("url")
    if url is not None and not isinstance(url, str):
        raise BadRequest("'url' must be a string or null.", "invalid_request")
    follow_links = body.get("follow_links")
    if follow_links is not None and not isinstance(follow_links, bool):
        raise BadRequest("'follow_links' must be true, false or left out.", "invalid_request")
    return kind, payload, url or None, bool(follow_links)


def _encode(payload: Any) -> bytes:
    """The answer as UTF-8 JSON. A text may hold lone surrogates ("\\ud800"
    is valid JSON, and json.loads keeps it): UTF-8 cannot carry those, so
    such an answer goes out with every non-ASCII character escaped, which
    every JSON reader turns back into the same text."""
    try:
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(payload, separators=(",", ":")).encode("ascii")


def _within_budget(view: Callable[[], Response]) -> Callable[[], Response]:
    """Run ``view`` with this request's limits (sidenote/pipeline/budget.py):
    its analysis, on every path, stops ANALYSIS_SECONDS after it arrived."""

    @functools.wraps(view)
    def bounded() -> Response:
        limits = budget.Limits.within(float(current_app.config["ANALYSIS_SECONDS"]))
        with budget.limits_for_request(limits):
            return view()

    return bounded


def _server_timing(**seconds: float) -> str:
    """A standard ``Server-Timing`` header (shown by browser dev tools; read by
    ``make bench`` to tell the server's work from the transport's)."""
    return ", ".join(f"{name};dur={value * 1000:.2f}" for name, value in seconds.items())


@bp.post("/analyze")
@_within_budget
def analyze() -> Response:
    # (the rate limit is checked before this view: sidenote/ratelimit.py)
    started = time.perf_counter()
    raw = _read_body()
    logs.note_body(raw)
    cache = get_cache()
    key = cache_key(pipeline.VERSION, raw)
    cached = cache.get(key)
    if cached is not None:
        # A body seen before was valid then: it is answered without parsing.
        response = Response(cached, mimetype="application/json")
        response.headers["X-Sidenote-Cache"] = "hit"
        response.headers["Server-Timing"] = _server_timing(total=time.perf_counter() - started)
        return response
    kind, payload, url, follow_links = _parse_request(raw)
    if follow_links:
        # Never stored under ``key``: a body asking for links is answered
        # from the link store, under a key of its own (sidenote/links/store.py).
        return _analyze_following_links(raw, kind, payload, url, started)
    analysis_started = time.perf_counter()
    if kind == "html":
        doc = pipeline.analyze_html(payload, url)
    else:
        doc = pipeline.analyze_text(payload)
    analysis = time.perf_counter() - analysis_started
    logs.note_coverage(doc.coverage)
    encoded = _encode(to_json(doc, pipeline.VERSION, url))
    response = Response(encoded, mimetype="application/json")
    # An answer cut short by the deadline depends on how busy the machine
    # was: it is not stored, so the next request may get the whole of it.
    if doc.coverage is None or "deadline" not in doc.coverage.limits:
        cache.remember(key, encoded)
        # The Redis write waits until the answer has gone out: the reader should
        # not wait for a round trip that only helps the next reader. The
        # in-process copy above is already there if this worker is asked again.
        response.call_on_close(lambda: cache.share(key, encoded))
    response.headers["X-Sidenote-Cache"] = "miss"
    response.headers["Server-Timing"] = _server_timing(
        request=analysis_started - started, analysis=analysis, total=time.perf_counter() - started
    )
    return response


def _analyze_following_links(raw: bytes, kind: str, payload: str, url: str | None, started: float) -> Response:
    answer = links_service.answer(raw, kind, payload, url)
    response = Response(answer.body, mimetype="application/json")
    response.headers["X-Sidenote-Cache"] = "hit" if answer.hit else "miss"
    timing = {"analysis": answer.analysis, "links": answer.links} if not answer.hit else {}
    response.headers["Server-Timing"] = _server_timing(**timing, total=time.perf_counter() - started)
    return response


@bp.get("/health")
def health() -> Response:
    return _json_response(
        {"status": "ok", "version": pipeline.VERSION, "cache": get_cache().backend}
    )


@bp.get("/openapi.json")
def openapi_document() -> Response:
    # Built from sidenote/schema.py, the shapes the tests hold the answers to.
    return _json_response(openapi.document())


def _handle_sidenote_error(exc: SidenoteError) -> Response:
    if exc.status >= 500:
        log.error("%s", exc.message, exc_info=exc)
    return error_response(exc.status, exc.code, exc.message)


def _handle_http_error(exc: HTTPException) -> Response:
    if isinstance(exc.response, Response) and exc.response.mimetype == "application/json":
        return exc.response  # already the contract's JSON error (the rate limit's 429)
    status = exc.code or 500
    code = HTTP_CODES.get(status, "http_error")
    message = HTTP_MESSAGES.get(status, exc.description or exc.name)
    response = error_response(status, code, message)
    valid_methods = getattr(exc, "valid_methods", None)
    if valid_methods:
        # RFC 9110: a 405 must name the methods the endpoint takes (found by schemathesis).
        response.headers["Allow"] = ", ".join(valid_methods)
    return response


def _handle_unexpected(exc: Exception) -> Response:
    log.error("unhandled error", exc_info=exc)
    return error_response(
        500, "internal_error", "Something went wrong inside Sidenote. The error was logged."
    )


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    CORS(
        app,
        resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}},
        expose_headers=["X-Sidenote-Cache", "Server-Timing"],
    )
    app.register_error_handler(SidenoteError, _handle_sidenote_error)
    app.register_error_handler(HTTPException, _handle_http_error)
    app.register_error_handler(Exception, _handle_unexpected)

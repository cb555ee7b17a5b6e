"""The ``api`` blueprint: the HTTP contract of ``shared/API.md``.

Every error leaves as JSON ``{"error": {"code", "message"}}``; no traceback
ever reaches a client.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from flask import Blueprint, Flask, Response, request
from flask_cors import CORS
from werkzeug.exceptions import HTTPException

from . import pipeline, ratelimit
from .cache import cache_key, get_cache
from .errors import BadRequest, SidenoteError, UnsupportedMediaType
from .links import service as links_service
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


def _server_timing(**seconds: float) -> str:
    """A standard ``Server-Timing`` header (shown by browser dev tools; read by
    ``make bench`` to tell the server's work from the transport's)."""
    return ", ".join(f"{name};dur={value * 1000:.2f}" for name, value in seconds.items())


@bp.post("/analyze")
def analyze() -> Response:
    started = time.perf_counter()
    ratelimit.check()
    raw = _read_body()
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
    body = json.dumps(to_json(doc, pipeline.VERSION, url), ensure_ascii=False, separators=(",", ":"))
    encoded = body.encode("utf-8")
    cache.remember(key, encoded)
    response = Response(encoded, mimetype="application/json")
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


def _handle_sidenote_error(exc: SidenoteError) -> Response:
    if exc.status >= 500:
        log.error("%s", exc.message, exc_info=exc)
    return error_response(exc.status, exc.code, exc.message)


def _handle_http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    code = HTTP_CODES.get(status, "http_error")
    message = HTTP_MESSAGES.get(status, exc.description or exc.name)
    return error_response(status, code, message)


def _handle_unexpected(exc: Exception) -> Response:
    log.exception("unhandled error")
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

"""Logs without the reader's page in them (issue #15).

A page a reader sends is theirs: the server's logs hold sizes, timings and
hashes of it, never its words. Two ways words could get in are closed here,
for every logger and every handler (gunicorn's, Flask's, pytest's), by a
log record factory that rewrites each record as it is made:

- an exception's message ("KeyError: 'the quoted word'") and a traceback's
  source lines: a record's exception becomes its types and the places it
  passed through (file, line, function), nothing else;
- a library's own messages (trafilatura logs bits of pages it cannot
  parse): only the loggers in :data:`OWN` keep their messages; any other
  record says who logged it and how long the message was.

Sidenote's own log calls pass only sizes, counts, timings and hashes
(:func:`request_summary`).
"""

from __future__ import annotations

import hashlib
import logging
import time
import traceback
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, g, request

from .doc import Coverage

log = logging.getLogger(__name__)

# Loggers whose messages are written by this project or by the server and
# hold no page content (gunicorn logs request lines, never bodies).
OWN = ("sidenote", "gunicorn", "werkzeug", "flask-limiter")
_MARK = "_sidenote_scrubbed"
_EXC_DEPTH = 12  # frames kept per exception, innermost last


def fingerprint(data: bytes | str) -> str:
    """A short hash that tells bodies apart in logs without showing them."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()[:12]


def describe_exception(exc: BaseException) -> str:
    """The exception chain as types and places only: ``KeyError at
    sidenote/pipeline/quotes.py:123 in _role`` (messages can hold page text)."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(current.__traceback__)[-_EXC_DEPTH:]
        where = " <- ".join(f"{_short(f.filename)}:{f.lineno} in {f.name}" for f in reversed(frames))
        parts.append(f"{type(current).__module__}.{type(current).__qualname__}" + (f" at {where}" if where else ""))
        current = current.__cause__ or current.__context__
    return " | caused by ".join(parts)


def _short(path: str) -> str:
    for marker in ("site-packages/", "/backend/", "/lib/python3"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def _scrub(record: logging.LogRecord) -> None:
    if getattr(record, _MARK, False):
        return
    setattr(record, _MARK, True)
    if not record.name.startswith(OWN):
        try:
            size = len(record.getMessage())
        except Exception:  # noqa: BLE001 - a malformed record still gets logged, without its words
            size = len(str(record.msg))
        record.msg, record.args = "message withheld (%d characters)", (size,)
    if record.exc_info:
        exc = record.exc_info[1]
        if exc is not None:
            described = describe_exception(exc)
            record.msg = f"{record.msg} [{described.replace('%', '%%') if record.args else described}]"
        record.exc_info = None
    record.exc_text = None
    record.stack_info = None


def install() -> None:
    """Make every log record of this process content-free (idempotent)."""
    factory = logging.getLogRecordFactory()
    if getattr(factory, _MARK, False):
        return
    base: Callable[..., logging.LogRecord] = factory

    def make(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = base(*args, **kwargs)
        _scrub(record)
        return record

    setattr(make, _MARK, True)
    logging.setLogRecordFactory(make)


def request_summary(**fields: object) -> str:
    """``key=value`` pairs for one request's log line (sizes, timings, hashes)."""
    return " ".join(f"{k}={v}" for k, v in fields.items())


# --- one line per analysis ---------------------------------------------------------


def note_body(raw: bytes) -> None:
    """Remember the request body's size and hash for its log line."""
    g.sidenote_body = (len(raw), fingerprint(raw))


def note_coverage(coverage: Coverage | None) -> None:
    g.sidenote_coverage = coverage


def _start_clock() -> None:
    g.sidenote_started = time.perf_counter()


def _log_analysis(response: Response) -> Response:
    if request.endpoint != "api.analyze" or request.method != "POST":
        return response
    size, digest = g.get("sidenote_body", (request.content_length or 0, "-"))
    coverage = g.get("sidenote_coverage")
    started = g.get("sidenote_started", time.perf_counter())
    log.info(
        "analyze %s",
        request_summary(
            status=response.status_code,
            cache=response.headers.get("X-Sidenote-Cache", "-"),
            bytes=size,
            sha=digest,
            ms=f"{(time.perf_counter() - started) * 1000:.1f}",
            chars=coverage.text_chars if coverage else "-",
            analysed=coverage.analysed_chars if coverage else "-",
            limits=",".join(coverage.limits) if coverage and coverage.limits else "-",
        ),
    )
    return response


def init_app(app: Flask) -> None:
    app.before_request(_start_clock)
    app.after_request(_log_analysis)

"""A JSON answer for the request in flight when its worker has to stop.

The analysis stops by itself at its deadline (pipeline/budget.py), so this
is the last resort: gunicorn's ``timeout`` (a worker silent for that long is
sent SIGABRT) or a quick shutdown (SIGINT/SIGQUIT). gunicorn then answers
with its own HTML error page, or with nothing; the hooks in
``backend/gunicorn.conf.py`` call :func:`answer_in_flight` first, which
writes a complete ``503`` with the contract's JSON error straight to the
client's socket and closes the writing side, so gunicorn's page never
reaches the client.

gunicorn's sync workers serve one request at a time in the main thread, so
one slot per process holds the client's socket from the moment the request
reaches the app until its answer is handed back to gunicorn (from then on
gunicorn is writing it, and a second answer would corrupt it).
"""

from __future__ import annotations

import json
import re
import socket

from flask import Flask, Response, current_app, request

_in_flight: socket.socket | None = None
_origin: str | None = None  # the request's Origin, when CORS lets it read answers

REASONS = {503: "Service Unavailable"}


def _remember() -> None:
    global _in_flight, _origin
    _in_flight = request.environ.get("gunicorn.socket")
    origin = request.headers.get("Origin")
    allowed = current_app.config.get("CORS_ORIGINS", [])
    _origin = origin if origin and any(re.match(p, origin) for p in allowed) else None


def _handed_over(response: Response) -> Response:
    _forget()
    return response


def _forget(_: BaseException | None = None) -> None:
    global _in_flight, _origin
    _in_flight, _origin = None, None


def answer_in_flight(status: int = 503, code: str = "unavailable", message: str = "") -> bool:
    """Write a JSON error to the client of the request in flight, if any;
    True when it was written."""
    sock, origin = _in_flight, _origin
    _forget()
    if sock is None:
        return False
    body = json.dumps(
        {"error": {"code": code, "message": message or "Sidenote had to stop this request. Try again."}}
    ).encode("utf-8")
    head = [
        f"HTTP/1.1 {status} {REASONS.get(status, 'Error')}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        "Connection: close",
        "Retry-After: 1",
    ]
    if origin:
        head += [f"Access-Control-Allow-Origin: {origin}", "Vary: Origin"]
    try:
        sock.settimeout(1.0)  # a client that stopped reading must not hold the worker
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
        sock.shutdown(socket.SHUT_WR)  # gunicorn's own error page, written next, goes nowhere
    except OSError:
        return False
    return True


def init_app(app: Flask) -> None:
    app.before_request(_remember)
    app.after_request(_handed_over)
    app.teardown_request(_forget)

"""Logs hold sizes, timings and hashes of what readers send, never its words
(issue #15; sidenote/logs.py). A canary word is sent in pages and texts,
in an exception's message and in a library's log call; it must appear in
no log line, while the facts an operator needs (status, size, hash, time,
the exception's type and place) do.

test_server_limits.py checks the same on a real gunicorn's output.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from sidenote import create_app, pipeline
from sidenote.logs import describe_exception, fingerprint

CANARY = "Zyxwvut-Quoted-Canary"
TEXT = f"“{CANARY} is a disgrace,” the minister wrote on Twitter. Officials said 12 people were hurt."
HTML = f"<html><body><article><p>{TEXT}</p><p>{CANARY} again.</p></article></body></html>"


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """Everything logged at INFO and above, formatted with tracebacks, as a
    handler on the root logger would write it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


@pytest.fixture
def app():
    return create_app({"TESTING": True, "REDIS_URL": None, "RATE_LIMIT": 0})


def test_answers_are_logged_by_size_hash_and_time_only(app, log_output):
    client = app.test_client()
    for body in ({"text": TEXT}, {"html": HTML, "url": f"https://news.example/{CANARY}"}):
        assert client.post("/api/v1/analyze", json=body).status_code == 200
    logged = log_output.getvalue()
    assert CANARY not in logged
    lines = [line for line in logged.splitlines() if "analyze status=200" in line]
    assert len(lines) == 2
    assert all("bytes=" in line and "sha=" in line and "ms=" in line for line in lines)


def test_an_exception_is_logged_without_its_message(app, log_output, monkeypatch):
    def broken(doc):
        raise ValueError(f"could not read {CANARY} in the page")

    monkeypatch.setattr(pipeline, "STAGES", (("quotes", broken),))
    r = app.test_client().post("/api/v1/analyze", json={"text": TEXT})
    assert r.status_code == 500 and r.get_json()["error"]["code"] == "stage_failed"
    assert CANARY not in r.get_data(as_text=True)
    logged = log_output.getvalue()
    assert CANARY not in logged
    assert "ValueError" in logged and "test_logs.py" in logged  # what failed, and where


def test_a_librarys_own_message_is_withheld(app, log_output):
    logging.getLogger("trafilatura.core").error("empty HTML tree: %s", CANARY)
    logging.getLogger("sidenote.cache").warning("Redis unavailable (%s)", "connection refused")
    logged = log_output.getvalue()
    assert CANARY not in logged
    assert "message withheld" in logged
    assert "Redis unavailable (connection refused)" in logged


def test_describe_exception_names_types_and_places():
    try:
        try:
            empty: dict[str, str] = {}
            empty[CANARY]
        except KeyError as exc:
            raise RuntimeError(CANARY) from exc
    except RuntimeError as exc:
        described = describe_exception(exc)
    assert CANARY not in described
    assert "RuntimeError" in described and "KeyError" in described and "test_logs.py:" in described


def test_fingerprint_tells_bodies_apart_without_showing_them():
    a, b = fingerprint(TEXT), fingerprint(TEXT + " ")
    assert a != b and len(a) == 12 and CANARY not in a
    assert fingerprint("\ud800") == fingerprint("\ud800")  # lone surrogates hash too

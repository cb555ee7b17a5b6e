"""The rate limit (Flask-Limiter): one count per client for every worker,
kept in Redis; in memory when there is no Redis; off with RATE_LIMIT=0.

"Workers" here are separate apps, as gunicorn's forked workers are: each
has its own memory, and only Redis is shared. Each test runs its own
Redis (tests/backend/redis_faults.py), never the shared one on 6379.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from redis_faults import PrivateRedis

from sidenote import create_app

TEXT = {"text": "Officials said 40 people were hurt in the crash on Monday."}


@pytest.fixture
def server() -> Iterator[PrivateRedis]:
    r = PrivateRedis().start()
    yield r
    r.stop()


def worker(redis_url: str | None, limit: int, window: float = 60.0):
    return create_app(
        {"TESTING": True, "REDIS_URL": redis_url, "RATE_LIMIT": limit, "RATE_LIMIT_WINDOW": window}
    ).test_client()


def test_the_count_is_shared_by_every_worker(server: PrivateRedis):
    a, b = worker(server.url, 4), worker(server.url, 4)
    statuses = [c.post("/api/v1/analyze", json=TEXT).status_code for c in (a, b, a, b, a, b)]
    # Two per-process counters would have let all six through.
    assert statuses == [200, 200, 200, 200, 429, 429]


def test_a_new_worker_does_not_start_the_count_again(server: PrivateRedis):
    first = worker(server.url, 2)
    assert [first.post("/api/v1/analyze", json=TEXT).status_code for _ in range(2)] == [200, 200]
    restarted = worker(server.url, 2)  # a restart used to reset the per-process counter
    assert restarted.post("/api/v1/analyze", json=TEXT).status_code == 429


def test_429_keeps_the_contracts_json_error():
    client = worker(None, 1)
    assert client.post("/api/v1/analyze", json=TEXT).status_code == 200
    r = client.post("/api/v1/analyze", json=TEXT)
    assert r.status_code == 429
    assert r.mimetype == "application/json"
    error = r.get_json()["error"]
    assert error["code"] == "rate_limited"
    assert "at most 1 every 60 seconds" in error["message"]
    assert int(r.headers["Retry-After"]) >= 1


def test_health_and_preflight_do_not_count():
    client = worker(None, 1)
    for _ in range(3):
        assert client.get("/api/v1/health").status_code == 200
        client.options("/api/v1/analyze", headers={"Origin": "chrome-extension://" + "a" * 32,
                                                    "Access-Control-Request-Method": "POST"})
    assert client.post("/api/v1/analyze", json=TEXT).status_code == 200


@pytest.mark.parametrize("redis_url", [None, "redis://127.0.0.1:1/0"])
def test_zero_turns_the_limit_off(redis_url):
    client = worker(redis_url, 0)
    assert {client.post("/api/v1/analyze", json=TEXT).status_code for _ in range(5)} == {200}


def test_the_window_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("SIDENOTE_RATE_LIMIT", "1")
    monkeypatch.setenv("SIDENOTE_RATE_LIMIT_WINDOW", "5")
    monkeypatch.setenv("SIDENOTE_REDIS_URL", "redis://127.0.0.1:1/0")
    client = create_app().test_client()
    assert client.post("/api/v1/analyze", json=TEXT).status_code == 200
    r = client.post("/api/v1/analyze", json=TEXT)
    assert r.status_code == 429
    assert "every 5 seconds" in r.get_json()["error"]["message"]

"""Redis killed, restarted, paused and silent: no request fails, and none
waits on Redis longer than its short socket timeouts (issue #15).

Each test runs its own Redis (tests/backend/redis_faults.py), never the
shared one on 6379, with the rate limit ON so that both Redis users (the
response cache and the limiter) meet the fault. Waits are bounded by
``HANG``: far above the few socket timeouts a request may spend on a broken
Redis, far below what a hanging or retrying client would take. The figures
themselves come from ``make soak``, not from here.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import redis
from flask import Flask
from redis_faults import PrivateRedis, SilentServer

from sidenote import create_app
from sidenote.ratelimit import KEY_PREFIX, SOCKET_TIMEOUT

HANG = 3.0  # seconds: a request slower than this is waiting on a hung Redis
TEXT = "The council voted 7-2 on Tuesday to approve the budget, officials said. Case {n}."


@pytest.fixture
def server() -> Iterator[PrivateRedis]:
    r = PrivateRedis().start()
    yield r
    r.stop()


def make_app(url: str) -> Flask:
    return create_app({"TESTING": True, "REDIS_URL": url, "RATE_LIMIT": 1000, "REDIS_RETRY_SECONDS": 0.5})


def timed_post(client, n: int) -> tuple[int, float, dict]:
    t0 = time.perf_counter()
    r = client.post("/api/v1/analyze", json={"text": TEXT.format(n=n)})
    body = r.get_json()
    r.close()  # runs the Redis write that follows the answer
    return r.status_code, time.perf_counter() - t0, body


def limiter_keys(url: str) -> list[bytes | str]:
    return redis.Redis.from_url(url, socket_timeout=1).keys(f"*{KEY_PREFIX}*")


def test_both_redis_clients_wait_briefly_and_never_retry():
    app = make_app("redis://127.0.0.1:1/0")
    cache_client = app.extensions["sidenote.cache"]._redis
    kwargs = cache_client.connection_pool.connection_kwargs
    assert kwargs["socket_timeout"] <= 0.25 and kwargs["socket_connect_timeout"] <= 0.25
    assert kwargs["retry"].get_retries() == 0
    limiter = app.extensions["sidenote.ratelimit"]
    storage_kwargs = limiter._storage.storage.connection_pool.connection_kwargs
    assert storage_kwargs["socket_timeout"] == SOCKET_TIMEOUT
    assert storage_kwargs["retry"].get_retries() == 0


def test_killed_then_restarted(server: PrivateRedis):
    client = make_app(server.url).test_client()
    n = 0
    for _ in range(3):
        n += 1
        status, seconds, _ = timed_post(client, n)
        assert status == 200 and seconds < HANG
    assert client.get("/api/v1/health").get_json()["cache"] == "redis"
    assert limiter_keys(server.url), "the limiter counts in Redis while it is there"

    server.kill()
    for _ in range(5):
        n += 1
        status, seconds, body = timed_post(client, n)
        assert status == 200, body
        assert seconds < HANG
    assert client.get("/api/v1/health").get_json()["cache"] == "memory"

    server.start()  # same port, empty
    deadline = time.monotonic() + 20
    back = False
    while time.monotonic() < deadline and not back:
        n += 1
        status, seconds, _ = timed_post(client, n)
        assert status == 200 and seconds < HANG
        back = client.get("/api/v1/health").get_json()["cache"] == "redis" and bool(limiter_keys(server.url))
        time.sleep(0.2)
    assert back, "the cache and the limiter use Redis again once it is back"


def test_paused_redis_costs_each_request_a_short_timeout_at_most(server: PrivateRedis):
    client = make_app(server.url).test_client()
    assert timed_post(client, 0)[0] == 200
    server.pause()  # SIGSTOP: connections are accepted by the kernel, nothing answers
    try:
        for n in range(1, 8):
            status, seconds, body = timed_post(client, n)
            assert status == 200, body
            assert seconds < HANG
        assert client.get("/api/v1/health").get_json()["cache"] == "memory"
    finally:
        server.resume()
    deadline = time.monotonic() + 20
    while client.get("/api/v1/health").get_json()["cache"] != "redis":
        assert time.monotonic() < deadline, "the cache goes back to Redis after SIGCONT"
        time.sleep(0.2)


def test_a_redis_that_never_answers():
    silent = SilentServer()
    try:
        t0 = time.perf_counter()
        app = make_app(silent.url)
        assert time.perf_counter() - t0 < 30  # start-up (models included) is not held up for long
        client = app.test_client()
        for n in range(5):
            status, seconds, body = timed_post(client, n)
            assert status == 200, body
            assert seconds < HANG
        assert client.get("/api/v1/health").get_json()["cache"] == "memory"
    finally:
        silent.close()


def test_the_limit_still_holds_in_memory_while_redis_is_away(server: PrivateRedis):
    app = create_app({"TESTING": True, "REDIS_URL": server.url, "RATE_LIMIT": 3, "REDIS_RETRY_SECONDS": 60})
    client = app.test_client()
    server.kill()
    statuses = [timed_post(client, n)[0] for n in range(5)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429]

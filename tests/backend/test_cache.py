"""The response cache: the in-process LRU, and the real Redis on 127.0.0.1:6379.

Redis tests use their own database number and clean it up. Under CI=true a
missing Redis is a failure, not a skip: CI must prove the Redis path works.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

import pytest
import redis

from sidenote import create_app
from sidenote.cache import MemoryCache, ResponseCache, cache_key

TEST_DB = 13
TEST_REDIS_URL = f"redis://127.0.0.1:6379/{TEST_DB}"


@pytest.fixture
def real_redis():
    client = redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError as exc:
        message = f"Redis is not answering on 127.0.0.1:6379 ({exc}); `make test` starts it."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture
def private_redis():
    """A Redis server of our own on a free port, so the test can stop it."""
    server = shutil.which("redis-server")
    if server is None:
        message = "redis-server is not installed; `make test` installs it."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.RedisError:
            time.sleep(0.05)
    yield proc, f"redis://127.0.0.1:{port}/0"
    proc.kill()
    proc.wait()


def test_memory_cache_evicts_least_recently_used():
    cache = MemoryCache(2)
    cache.set("a", b"1")
    cache.set("b", b"2")
    assert cache.get("a") == b"1"  # "a" is now the most recent
    cache.set("c", b"3")
    assert cache.get("b") is None
    assert cache.get("a") == b"1" and cache.get("c") == b"3"
    assert len(cache) == 2


def test_cache_key_changes_with_the_version_and_every_byte_of_the_body():
    body = b'{"url": "https://a/", "html": "<p>x</p>"}'
    assert cache_key("v1", body) == cache_key("v1", bytes(body))
    assert cache_key("v1", body) != cache_key("v2", body)
    assert cache_key("v1", body) != cache_key("v1", body.replace(b"https://a/", b"https://b/"))
    assert cache_key("v1", body) != cache_key("v1", body.replace(b"<p>x</p>", b"<p>y</p>"))
    # the same string as HTML and as text
    assert cache_key("v1", b'{"html": "x"}') != cache_key("v1", b'{"text": "x"}')


def test_no_redis_url_means_memory():
    cache = ResponseCache(None, ttl=60, memory_size=8, retry_seconds=1)
    assert cache.backend == "memory"
    cache.set("k", b"v")
    assert cache.get("k") == b"v"


def test_unreachable_redis_at_start_means_memory():
    # Port 1 on loopback: nothing listens there, the connection is refused at once.
    cache = ResponseCache("redis://127.0.0.1:1/0", ttl=60, memory_size=8, retry_seconds=60)
    assert cache.backend == "memory"
    cache.set("k", b"v")
    assert cache.get("k") == b"v"


def test_answers_are_stored_in_redis_and_shared_between_workers(real_redis):
    config = {"TESTING": True, "REDIS_URL": TEST_REDIS_URL, "RATE_LIMIT": 0}
    worker_a = create_app(config).test_client()
    worker_b = create_app(config).test_client()  # another process's memory: empty
    assert worker_a.get("/api/v1/health").get_json()["cache"] == "redis"
    payload = {"text": "The council voted 7-2 on Tuesday to approve the budget, officials said."}
    first = worker_a.post("/api/v1/analyze", json=payload)
    assert first.headers["X-Sidenote-Cache"] == "miss"
    # The Redis write happens once the answer has been sent, when the WSGI
    # server closes the response; until then only worker A has it.
    assert real_redis.keys("sidenote:*") == []
    assert worker_a.post("/api/v1/analyze", json=payload).headers["X-Sidenote-Cache"] == "hit"
    first.close()
    keys = real_redis.keys("sidenote:*")
    assert len(keys) == 1
    assert 0 < real_redis.ttl(keys[0]) <= 24 * 3600
    r = worker_b.post("/api/v1/analyze", json=payload)
    assert r.headers["X-Sidenote-Cache"] == "hit"
    assert r.get_json()["article"]["text"] == payload["text"]


def test_redis_going_away_mid_run_fails_no_request(private_redis):
    proc, url = private_redis
    app = create_app({"TESTING": True, "REDIS_URL": url, "RATE_LIMIT": 0, "REDIS_RETRY_SECONDS": 3600})
    client = app.test_client()
    assert client.get("/api/v1/health").get_json()["cache"] == "redis"
    first = {"text": "Officials said 40 people were hurt in the crash on Monday."}
    assert client.post("/api/v1/analyze", json=first).status_code == 200

    proc.kill()
    proc.wait()

    second = {"text": "The company reported a 12 percent rise in revenue, its filing shows."}
    for payload in (first, second, second):
        r = client.post("/api/v1/analyze", json=payload)
        assert r.status_code == 200
    assert client.get("/api/v1/health").get_json()["cache"] == "memory"
    # The answer computed after the outage is served from memory.
    assert client.post("/api/v1/analyze", json=second).headers["X-Sidenote-Cache"] == "hit"


def test_redis_is_used_again_once_it_is_back(real_redis):
    cache = ResponseCache(TEST_REDIS_URL, ttl=60, memory_size=8, retry_seconds=0)
    cache._mark_down(redis.ConnectionError("simulated outage"))
    # retry_seconds=0: the next use checks Redis again, finds it, and uses it.
    assert cache.backend == "redis"
    cache.set("sidenote:test:k", b"v")
    assert real_redis.get("sidenote:test:k") == b"v"

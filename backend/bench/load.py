"""The HTTP side of the benchmark: timed requests and a bounded load generator.

Request bodies are encoded before any clock starts, so a figure is the
server's work plus loopback transfer, not the client's JSON encoding.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sidenote_bench.server import HOST

ANALYZE = "/api/v1/analyze"
HEADERS = {"Content-Type": "application/json"}
# a single request slower than this is a failure, not a data point
REQUEST_TIMEOUT = 60.0


@dataclass(frozen=True)
class Reply:
    status: int
    cache: str  # the X-Sidenote-Cache header: "hit", "miss" or "" if absent
    seconds: float
    server: dict[str, float] = field(default_factory=dict)  # Server-Timing, in seconds


def server_timing(header: str | None) -> dict[str, float]:
    """``Server-Timing: request;dur=0.8, analysis;dur=30.1`` as seconds by name."""
    out: dict[str, float] = {}
    for part in (header or "").split(","):
        name, _, dur = part.strip().partition(";dur=")
        try:
            out[name] = float(dur) / 1000
        except ValueError:
            continue
    return out


@dataclass(frozen=True)
class LoadResult:
    replies: tuple[Reply, ...]
    elapsed: float
    unsent: int  # requests left when the time limit came


def encode(html: str, url: str) -> bytes:
    return json.dumps({"html": html, "url": url}, ensure_ascii=False).encode("utf-8")


def connect(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)


def post(conn: http.client.HTTPConnection, body: bytes) -> Reply:
    """One POST /analyze, timed from sending to the last byte of the answer.
    gunicorn's sync workers close every connection, so http.client reopens
    it for each request, as a browser talking to this backend would."""
    t0 = time.perf_counter()
    try:
        conn.request("POST", ANALYZE, body=body, headers=HEADERS)
        response = conn.getresponse()
        response.read()
    except (OSError, http.client.HTTPException):
        conn.close()
        return Reply(status=0, cache="", seconds=time.perf_counter() - t0)
    seconds = time.perf_counter() - t0
    if response.will_close:
        conn.close()
    return Reply(
        status=response.status,
        cache=response.getheader("X-Sidenote-Cache", ""),
        seconds=seconds,
        server=server_timing(response.getheader("Server-Timing")),
    )


def sequential(port: int, bodies: list[bytes], time_limit: float) -> LoadResult:
    """One request at a time, in order, until done or out of time."""
    conn = connect(port)
    replies: list[Reply] = []
    t0 = time.perf_counter()
    deadline = t0 + time_limit
    try:
        for body in bodies:
            if time.perf_counter() > deadline:
                break
            replies.append(post(conn, body))
    finally:
        conn.close()
    return LoadResult(tuple(replies), time.perf_counter() - t0, len(bodies) - len(replies))


def concurrent(port: int, bodies: list[bytes], connections: int, time_limit: float) -> LoadResult:
    """``connections`` clients, each sending the next unsent body as soon as its
    last answer is in, until every body is sent or the time limit passes."""
    lock = threading.Lock()
    queue = iter(bodies)
    replies: list[Reply] = []
    t0 = time.perf_counter()
    deadline = t0 + time_limit

    def client() -> None:
        conn = connect(port)
        try:
            while time.perf_counter() < deadline:
                with lock:
                    body = next(queue, None)
                if body is None:
                    return
                reply = post(conn, body)
                with lock:
                    replies.append(reply)
        finally:
            conn.close()

    with ThreadPoolExecutor(max_workers=connections) as pool:
        for future in [pool.submit(client) for _ in range(connections)]:
            future.result()
    elapsed = time.perf_counter() - t0
    return LoadResult(tuple(replies), elapsed, len(bodies) - len(replies))

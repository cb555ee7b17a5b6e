"""The server as ``make run`` serves it (gunicorn with backend/gunicorn.conf.py):
a request stuck past the worker timeout, or caught by a quick shutdown,
still gets the contract's JSON error, never gunicorn's HTML page; and the
server's whole output never shows what readers sent (issue #15).

The app is the real one with two test-only triggers (tests/backend/slow_app.py).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis_faults import HOST, free_port

REPO = Path(__file__).resolve().parents[2]
CANARY = "Qwertzuiop-Quoted-Canary"
BOOT_SECONDS = 60.0


class Gunicorn:
    def __init__(self, tmp: Path, timeout: int) -> None:
        self.port = free_port()
        self.log_path = tmp / "server.log"
        self.log = self.log_path.open("wb")
        env = dict(os.environ, SIDENOTE_RATE_LIMIT="0", SIDENOTE_REDIS_URL=f"redis://{HOST}:1/0")
        self.proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "--config", "gunicorn.conf.py",
             "--workers", "1", "--timeout", str(timeout), "--graceful-timeout", "2",
             "--bind", f"{HOST}:{self.port}", "--preload", "--access-logfile", "-", "--error-logfile", "-",
             "--pythonpath", str(REPO / "tests" / "backend"), "slow_app:create_app()"],
            cwd=REPO / "backend", env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + BOOT_SECONDS
        while True:
            assert self.proc.poll() is None, self.output()
            try:
                if self.get("/api/v1/health")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.1)

    def request(
        self, method: str, path: str, body: bytes | None = None, timeout: float = 30.0
    ) -> tuple[int, str, bytes]:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
            r = conn.getresponse()
            return r.status, r.getheader("Content-Type", ""), r.read()
        finally:
            conn.close()

    def get(self, path: str) -> tuple[int, str, bytes]:
        return self.request("GET", path, timeout=2)

    def analyze(self, text: str, timeout: float = 30.0) -> tuple[int, str, bytes]:
        return self.request("POST", "/api/v1/analyze", json.dumps({"text": text}).encode(), timeout)

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        self.log.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Gunicorn]:
    g = Gunicorn(tmp_path, timeout=2)
    yield g
    g.stop()


def test_a_request_past_the_worker_timeout_gets_json(server: Gunicorn):
    status, ctype, body = server.analyze(f"please sleep {CANARY}")
    assert status == 503, body[:300]
    assert ctype.startswith("application/json")
    assert json.loads(body)["error"]["code"] == "unavailable"
    # a new worker takes over
    deadline = time.monotonic() + BOOT_SECONDS
    while True:
        try:
            status, _, body = server.analyze(f"Officials said {CANARY} was closed on Monday.")
            break
        except OSError:
            assert time.monotonic() < deadline
            time.sleep(0.2)
    assert status == 200 and json.loads(body)["article"]["text"].startswith("Officials")
    assert "WORKER TIMEOUT" in server.output()


def test_the_servers_output_never_shows_what_readers_sent(server: Gunicorn):
    assert server.analyze(f"“{CANARY} is a disgrace,” the minister wrote on Twitter.")[0] == 200
    status, _, body = server.analyze(f"please fail {CANARY}")
    assert status == 500 and CANARY.encode() not in body
    assert json.loads(body)["error"]["code"] == "internal_error"
    assert server.analyze(f"please sleep {CANARY}")[0] == 503
    time.sleep(1)
    output = server.output()
    assert CANARY not in output
    assert "analyze status=200" in output and "sha=" in output
    assert "ValueError" in output  # the failure is there, by type and place


def test_a_quick_shutdown_answers_the_request_in_flight(tmp_path: Path):
    g = Gunicorn(tmp_path, timeout=30)
    try:
        conn = http.client.HTTPConnection(HOST, g.port, timeout=30)
        conn.request("POST", "/api/v1/analyze", body=json.dumps({"text": "please sleep"}).encode(),
                     headers={"Content-Type": "application/json"})
        time.sleep(1.0)
        os.kill(g.proc.pid, signal.SIGINT)  # gunicorn's quick shutdown
        r = conn.getresponse()
        body = r.read()
        assert r.status == 503 and r.getheader("Content-Type", "").startswith("application/json")
        assert json.loads(body)["error"]["code"] == "unavailable"
    finally:
        g.stop()

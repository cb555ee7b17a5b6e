"""Helpers and fixtures for the end-to-end tests (re-exported by conftest.py):
the real backend (gunicorn), a local "news site" and Debian's Chromium with the unpacked extension loaded.

Nothing here skips: if the backend or the browser cannot start, the tests fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXTENSION = REPO / "extension"
OUTPUT = REPO / "test-output"
SHARED = REPO.parent / "shared"
SEED_HTML = SHARED / "fixtures" / "seed-article.html"
SITE_HOST = "www.dailydispatch.example"
CHROMIUM_PATHS = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url + "/api/v1/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    out = proc.stdout.read().decode(errors="replace") if proc.poll() is not None and proc.stdout else ""
    pytest.fail(f"backend did not become healthy at {url} (exit {proc.poll()}): {out[-2000:]}")


@pytest.fixture(scope="session")
def backend_url() -> Iterator[str]:
    """The real backend under gunicorn on a free port."""
    yield from serve_backend()


def serve_backend(**env_extra: str) -> Iterator[str]:
    """Run the real backend under gunicorn on a free port, with ``env_extra``
    added to the environment; yields its URL and stops it afterwards."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **env_extra}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--chdir", "backend", "-w", "1", "-b", f"127.0.0.1:{port}",
         "sidenote:create_app()"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, timeout=60)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


class Site:
    """A local web server standing in for a news site; pages are set per test."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # (http.server's naming)
                body = pages.get(self.path.split("?")[0])
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://{SITE_HOST}:{self.port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    s = Site()
    s.pages["/2019/09/17/us-bombs-syrian-army-units/"] = SEED_HTML.read_bytes()
    try:
        yield s
    finally:
        s.close()


def chromium_path() -> str:
    for p in CHROMIUM_PATHS:
        if Path(p).exists():
            return p
    pytest.fail("Chromium not found (apt-get install -y chromium); the tests never download a browser")


@pytest.fixture(scope="session")
def browser_context() -> Iterator[object]:
    """A persistent Chromium context (extensions need one) with Sidenote loaded."""
    from playwright.sync_api import sync_playwright

    user_data = tempfile.mkdtemp(prefix="sidenote-e2e-")
    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            user_data,
            executable_path=chromium_path(),
            headless=True,
            viewport={"width": 1200, "height": 900},
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--disable-extensions-except={EXTENSION}",
                f"--load-extension={EXTENSION}",
                f"--host-resolver-rules=MAP {SITE_HOST} 127.0.0.1",
            ],
        )
        try:
            yield ctx
        finally:
            ctx.close()
            shutil.rmtree(user_data, ignore_errors=True)


@pytest.fixture(scope="session")
def service_worker(browser_context: object) -> object:
    ctx = browser_context
    workers = ctx.service_workers  # type: ignore[attr-defined]
    sw = workers[0] if workers else ctx.wait_for_event("serviceworker", timeout=15000)  # type: ignore[attr-defined]
    if not sw.url.startswith("chrome-extension://"):
        pytest.fail(f"unexpected service worker {sw.url}")
    return sw


def set_settings(service_worker: object, **settings: object) -> None:
    """Write the extension's settings the way the options page does."""
    service_worker.evaluate(  # type: ignore[attr-defined]
        "s => chrome.storage.local.set("
        "{settings: Object.assign({autoRun: true, toolbarRun: true, disabledSites: []}, s)})",
        settings,
    )


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT

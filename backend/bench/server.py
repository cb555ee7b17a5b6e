"""Start and stop the backend for the benchmark, and read its memory.

Every server is started in a process group of its own and on a free loopback
port, and every way out of :class:`Server` (or :func:`cold_start`) kills
that group, so no run leaves a server behind.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path
from types import TracebackType

HOST = "127.0.0.1"
# long enough for a slow first import on a loaded machine, short enough to give up
START_TIMEOUT = 30.0
POLL_INTERVAL = 0.02


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env["SIDENOTE_RATE_LIMIT"] = "0"  # the load generator is one client sending hundreds of pages
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    return env


def health(port: int, timeout: float = 1.0) -> dict[str, object] | None:
    """The /health answer, or None if the server does not answer 200 yet."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", "/api/v1/health")
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            return None
        parsed = json.loads(body)
        return parsed if isinstance(parsed, dict) else None
    except (OSError, http.client.HTTPException, ValueError):
        return None
    finally:
        conn.close()


def wait_healthy(port: int, proc: subprocess.Popen[bytes], timeout: float) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with status {proc.returncode} before answering")
        answer = health(port)
        if answer is not None:
            return answer
        time.sleep(POLL_INTERVAL)
    raise RuntimeError(f"no /health 200 within {timeout:.0f} s")


def stop_group(proc: subprocess.Popen[bytes]) -> None:
    """Ask the process group to stop, then make sure it has."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)


def children(pid: int) -> list[int]:
    """Direct children of ``pid`` (gunicorn's workers), from /proc."""
    found: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("PPid:"):
                if int(line.split()[1]) == pid:
                    found.append(int(entry.name))
                break
    return sorted(found)


def peak_rss_mb(pid: int) -> float | None:
    """VmHWM, the process's peak resident set since it started, in MiB."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # the kernel reports kB
    return None


# What backend/gunicorn.conf.py's post_worker_init logs once a worker has
# warmed up and is about to take its first request.
READY_LINE = re.compile(rb"Worker ready \(pid: (\d+)\)")


class Server:
    """``gunicorn --preload`` with ``workers`` sync workers, as ``make run`` serves it.

    With ``watch_ready``, gunicorn logs at INFO and its log is read (and
    otherwise dropped) so that :meth:`wait_ready` can wait for each worker's
    "Worker ready" line: the moment it starts to serve."""

    def __init__(self, backend: Path, python_bin: Path, workers: int, watch_ready: bool = False) -> None:
        self.backend = backend
        self.gunicorn = python_bin.parent / "gunicorn"
        self.workers = workers
        self.watch_ready = watch_ready
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.health: dict[str, object] = {}
        self.ready: dict[int, float] = {}  # worker pid -> monotonic time its ready line was read
        self._ready_changed = threading.Condition()

    def __enter__(self) -> Server:
        self.proc = subprocess.Popen(
            [str(self.gunicorn), "--workers", str(self.workers), "--bind", f"{HOST}:{self.port}",
             "--preload", "--log-level", "info" if self.watch_ready else "warning", "sidenote:create_app()"],
            cwd=self.backend,
            env=bench_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE if self.watch_ready else subprocess.DEVNULL,
            start_new_session=True,
        )
        if self.watch_ready:
            threading.Thread(target=self._read_log, daemon=True).start()
        try:
            self.health = wait_healthy(self.port, self.proc, START_TIMEOUT)
            # /health answers as soon as one worker is up: wait for them all
            deadline = time.monotonic() + START_TIMEOUT
            while len(self.worker_pids()) < self.workers and time.monotonic() < deadline:
                time.sleep(POLL_INTERVAL)
        except BaseException:
            stop_group(self.proc)
            raise
        return self

    def _read_log(self) -> None:
        assert self.proc is not None and self.proc.stderr is not None
        for line in self.proc.stderr:  # ends when gunicorn exits
            found = READY_LINE.search(line)
            if found:
                with self._ready_changed:
                    self.ready[int(found.group(1))] = time.monotonic()
                    self._ready_changed.notify_all()

    def wait_ready(self, timeout: float = START_TIMEOUT) -> list[int]:
        """Wait until every current worker has logged that it is ready
        (``watch_ready`` only); their pids."""
        deadline = time.monotonic() + timeout
        with self._ready_changed:
            while True:
                pids = self.worker_pids()
                if len(pids) >= self.workers and all(pid in self.ready for pid in pids):
                    return pids
                left = deadline - time.monotonic()
                if left <= 0:
                    raise RuntimeError(f"workers {pids} not all ready within {timeout:.0f} s")
                self._ready_changed.wait(min(left, 0.1))

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.proc is not None:
            stop_group(self.proc)

    def worker_pids(self) -> list[int]:
        return children(self.proc.pid) if self.proc is not None else []

    def worker_peaks_mb(self) -> dict[int, float]:
        peaks = {pid: peak_rss_mb(pid) for pid in self.worker_pids()}
        return {pid: mb for pid, mb in peaks.items() if mb is not None}


def cold_start(repo: Path) -> float:
    """Seconds from launching ``make run`` to the first /health 200."""
    port = free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "run", f"PORT={port}", f"HOST={HOST}"],
        cwd=repo,
        env=bench_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_healthy(port, proc, START_TIMEOUT)
        return time.perf_counter() - t0
    finally:
        stop_group(proc)

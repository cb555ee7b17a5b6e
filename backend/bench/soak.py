"""``make soak``: a steady mixed load on a ``make run``-style server, as figures.

    .venv/bin/python backend/bench/soak.py [--hostile-only]

Starts gunicorn from ``backend/`` (so with ``backend/gunicorn.conf.py``,
``--preload`` and 2 sync workers, as ``make run``), on a free loopback port,
with the rate limit off (one client sends everything) and Redis as
``make run`` has it. Then, for ``SOAK_SECONDS`` (default 600), sends
``SOAK_RATE`` requests a second (default 20), open loop (a slow answer does
not slow the sending), mixing:

- fresh pages: the extraction set's pages (and the seed) under a URL never
  sent before, so each is analysed;
- cached pages: 20 of them, always the same bytes, answered from the cache;
- hostile bodies (backend/bench/hostile.py), one every ``SOAK_HOSTILE_EVERY``
  seconds (default 10), each under a fresh URL.

It prints errors (no answer, a 5xx, or an answer that is not JSON), latency
percentiles of the normal pages overall and while a hostile body was in
flight, and each worker's resident memory when it is ready to serve (the
"start": read as soon as the worker logs that it is ready, before any
request of the run), a minute in, and at the end, and the change from start
to end. It measures and prints; it asserts nothing. Every loop is bounded,
and only loopback is contacted.

``SOAK_WARMUP`` seconds (default 0) of the same mix may be sent before the
measured run; the memory change is still counted from the start above.

``--hostile-only`` sends each hostile body once, in turn, then three rounds
of two hostile bodies at once with a normal page sent just after them, and
prints each answer's status and time (``make hostile``).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sidenote_bench.hostile import HOSTILE, Hostile
from sidenote_bench.pages import Page, fresh_url, load_pages, repo_root, shared_dir
from sidenote_bench.server import HOST, Server
from sidenote_bench.stats import ms, percentile

ANALYZE = "/api/v1/analyze"
REQUEST_TIMEOUT = 60.0  # a request slower than this counts as an error
CACHED_PAGES = 20
SAMPLE_EVERY = 5.0  # seconds between memory samples
MAX_IN_FLIGHT = 48  # client threads; more in flight than this waits in the client


def env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "")
    return float(raw) if raw.strip() else default


def log(message: str) -> None:
    print(f"[soak] {message}", file=sys.stderr, flush=True)


# --- requests ------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    kind: str  # "fresh", "cached", "hostile"
    name: str
    started: float  # perf_counter when sent
    seconds: float
    status: int  # 0: no answer
    json_ok: bool
    cache: str
    late: float = 0.0  # seconds the client was behind its schedule

    @property
    def error(self) -> bool:
        return self.status == 0 or self.status >= 500 or not self.json_ok

    @property
    def ended(self) -> float:
        return self.started + self.seconds


def post(port: int, body: bytes, kind: str, name: str, late: float = 0.0) -> Result:
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    t0 = time.perf_counter()
    try:
        conn.request("POST", ANALYZE, body=body, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        raw = response.read()
        status, cache = response.status, response.getheader("X-Sidenote-Cache", "")
    except (OSError, http.client.HTTPException):
        return Result(kind, name, t0, time.perf_counter() - t0, 0, False, "", late)
    finally:
        conn.close()
    seconds = time.perf_counter() - t0
    try:
        json.loads(raw)
        ok = True
    except ValueError:
        ok = False
    return Result(kind, name, t0, seconds, status, ok, cache, late)


class HostileBodies:
    """Each hostile body encoded once, around its URL, so that a fresh URL
    costs a concatenation instead of encoding megabytes of JSON again."""

    MARK = "https://hostile.example/SOAK-URL"

    def __init__(self, bodies: tuple[Hostile, ...]) -> None:
        self.parts: list[tuple[str, bytes, bytes]] = []
        for h in bodies:
            raw = h.body(self.MARK)
            head, _, tail = raw.partition(self.MARK.encode())
            self.parts.append((h.name, head, tail))

    def body(self, i: int, tag: str) -> tuple[str, bytes]:
        name, head, tail = self.parts[i % len(self.parts)]
        return name, head + f"https://hostile.example/{name}?run={tag}".encode() + tail


def encode(page: Page, url: str) -> bytes:
    return json.dumps({"html": page.html, "url": url}, ensure_ascii=False).encode("utf-8")


# --- memory --------------------------------------------------------------------------


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def memory_split_mb(pid: int) -> tuple[float, float] | None:
    """A worker's resident memory as (anonymous, the rest): the heap and
    other private allocations, where a leak would show, apart from the
    pages of mapped files (the models' weights, the libraries' code), which
    a worker pages in as it first reads them and the kernel can drop."""
    try:
        return split_of_smaps_rollup(Path(f"/proc/{pid}/smaps_rollup").read_text())
    except OSError:
        return None


def split_of_smaps_rollup(text: str) -> tuple[float, float] | None:
    """(anonymous, rest) in MB from the text of ``/proc/PID/smaps_rollup``."""
    fields = {}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        value = rest.split()
        if name in ("Rss", "Anonymous") and value:
            fields[name] = int(value[0]) / 1024
    if "Rss" not in fields or "Anonymous" not in fields:
        return None
    return fields["Anonymous"], fields["Rss"] - fields["Anonymous"]


class MemoryWatch(threading.Thread):
    """Samples each worker's RSS every few seconds until stopped."""

    def __init__(self, server: Server) -> None:
        super().__init__(daemon=True)
        self.server = server
        self.samples: dict[int, list[float]] = {}
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.wait(SAMPLE_EVERY):
            for pid in self.server.worker_pids():
                mb = rss_mb(pid)
                if mb is not None:
                    self.samples.setdefault(pid, []).append(mb)

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=SAMPLE_EVERY * 2)


def snapshot(server: Server) -> dict[int, float]:
    return {pid: mb for pid in server.worker_pids() if (mb := rss_mb(pid)) is not None}


# --- the soak ------------------------------------------------------------------------


@dataclass
class Mix:
    """What the load sends: the i-th request of a run is one of these."""

    pages: list[Page]
    cached: list[bytes]
    hostile: HostileBodies
    rate: float
    hostile_period: int  # one request in this many is a hostile body
    run: str

    def request(self, i: int) -> tuple[str, str, bytes]:
        if i % self.hostile_period == self.hostile_period // 2:
            name, body = self.hostile.body(i // self.hostile_period, f"{self.run}-{i}")
            return "hostile", name, body
        if i % 5 < 3:
            page = self.pages[i % len(self.pages)]
            return "fresh", page.name, encode(page, fresh_url(page.url, f"soak-{self.run}-{i}"))
        return "cached", str(i % len(self.cached)), self.cached[i % len(self.cached)]


def drive(port: int, mix: Mix, first: int, count: int, label: str) -> tuple[list[Result], float]:
    """Send requests ``first`` .. ``first + count - 1`` of ``mix`` at its
    rate, open loop; their results and the seconds it took."""
    futures: list[Future[Result]] = []
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=MAX_IN_FLIGHT) as pool:
        for n in range(count):
            due = t0 + n / mix.rate
            now = time.perf_counter()
            if due > now:
                time.sleep(due - now)
            late = max(0.0, time.perf_counter() - due)
            kind, name, body = mix.request(first + n)
            futures.append(pool.submit(post, port, body, kind, name, late))
            if n and n % int(mix.rate * 60) == 0:
                done = [f.result() for f in futures if f.done()]
                log(f"{label}: {n}/{count} sent, {sum(r.error for r in done)} errors so far")
        results = [f.result() for f in futures]
    return results, time.perf_counter() - t0


def soak(seconds: float, rate: float, hostile_every: float, warmup: float, workers: int) -> None:
    pages = load_pages(shared_dir())
    mix = Mix(
        pages=pages,
        cached=[encode(p, fresh_url(p.url, "soak-cached")) for p in pages[:CACHED_PAGES]],
        hostile=HostileBodies(HOSTILE),
        rate=rate,
        hostile_period=max(1, int(hostile_every * rate)),
        run=f"{time.time():.0f}",
    )
    total, warm = int(seconds * rate), int(warmup * rate)
    log(f"{warm} warm-up requests, then {total} over {seconds:.0f} s at {rate:g}/s; "
        f"a hostile body every {hostile_every:g} s")
    with Server(repo_root() / "backend", Path(sys.executable), workers=workers, watch_ready=True) as server:
        # The start: each worker as it logs that it is ready to serve
        # (backend/gunicorn.conf.py, post_worker_init), before any request.
        server.wait_ready()
        ready = snapshot(server)
        ready_split = {pid: split for pid in ready if (split := memory_split_mb(pid)) is not None}
        log(f"server on port {server.port}, workers {sorted(ready)} ready, cache {server.health.get('cache')}")
        watch = MemoryWatch(server)
        watch.start()
        warm_results, _ = drive(server.port, mix, 0, warm, "warm-up") if warm else ([], 0.0)
        results, elapsed = drive(server.port, mix, warm, total, "soak")
        watch.stop()
        end_rss = snapshot(server)
        end_split = {pid: split for pid in end_rss if (split := memory_split_mb(pid)) is not None}
        if warm:
            log(f"warm-up: {len(warm_results)} requests, {sum(r.error for r in warm_results)} errors")
        report(results, elapsed, ready, end_rss, watch.samples, server.worker_pids())
        report_split(ready_split, end_split)


def report(
    results: list[Result], elapsed: float, start: dict[int, float],
    end: dict[int, float], samples: dict[int, list[float]], pids_now: list[int],
) -> None:
    hostile = [r for r in results if r.kind == "hostile"]
    normal = [r for r in results if r.kind != "hostile"]
    windows = [(h.started, h.ended) for h in hostile]

    def overlaps(r: Result) -> bool:
        return any(s < r.ended and r.started < e for s, e in windows)

    during = [r for r in normal if overlaps(r)]
    errors = [r for r in results if r.error]
    print(f"## Soak: {len(results)} requests in {elapsed:.0f} s ({len(results) / elapsed:.1f}/s)\n")
    print("| requests | count | errors | p50 | p99 | max |")
    print("|---|---|---|---|---|---|")
    for label, group in (
        ("all normal pages", normal),
        ("fresh pages", [r for r in normal if r.kind == "fresh"]),
        ("cached pages", [r for r in normal if r.kind == "cached"]),
        ("normal pages while a hostile body was in flight", during),
        ("hostile bodies", hostile),
    ):
        secs = [r.seconds for r in group]
        print(f"| {label} | {len(group)} | {sum(r.error for r in group)} | {ms(percentile(secs, 50))} "
              f"| {ms(percentile(secs, 99))} | {ms(max(secs) if secs else float('nan'))} |")
    statuses: dict[int, int] = {}
    for r in results:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    print(f"\nStatuses: {dict(sorted(statuses.items()))}. Errors (no answer, 5xx or not JSON): {len(errors)}.")
    misses = sum(1 for r in normal if r.kind == "cached" and r.cache != "hit")
    print(f"Cached pages not answered from the cache: {misses}. "
          f"Client behind schedule by more than 50 ms: {sum(1 for r in results if r.late > 0.05)} requests.")
    if errors:
        print("First errors: " + "; ".join(f"{r.kind} {r.name[:20]} status {r.status}" for r in errors[:5]))
    print("\n| worker | RSS at start (ready to serve) | RSS after 1 min | RSS at end | change (end vs start) "
          "| min-max while running |")
    print("|---|---|---|---|---|---|")
    minute = int(60 / SAMPLE_EVERY) - 1
    for pid in sorted(set(start) | set(end)):
        s, e = start.get(pid), end.get(pid)
        change = f"{(e - s) / s * 100:+.1f} %" if s and e else "n/a (worker replaced)"
        seen = samples.get(pid, [])
        spread = f"{min(seen):.0f}-{max(seen):.0f} MB" if seen else "n/a"
        fmt = lambda v: f"{v:.1f} MB" if v is not None else "n/a"  # noqa: E731
        print(f"| {pid} | {fmt(s)} | {fmt(seen[minute] if len(seen) > minute else None)} | {fmt(e)} "
              f"| {change} | {spread} |")
    print("\nRSS every minute (MB): " + "; ".join(
        f"{pid}: " + " ".join(f"{v:.0f}" for v in seen[:: max(1, int(60 / SAMPLE_EVERY))])
        for pid, seen in sorted(samples.items())))
    replaced = set(pids_now) - set(start)
    if replaced:
        print(f"\nWorkers started during the soak (a worker was replaced): {sorted(replaced)}")


# --- hostile bodies alone ---------------------------------------------------------------


def report_split(start: dict[int, tuple[float, float]], end: dict[int, tuple[float, float]]) -> None:
    """The RSS change split: anonymous memory (where a leak would grow) and
    the pages of mapped files (weights and code read for the first time)."""
    print("\n| worker | anonymous at start / end (change) | mapped files and the rest at start / end |")
    print("|---|---|---|")
    for pid in sorted(set(start) & set(end)):
        (a0, f0), (a1, f1) = start[pid], end[pid]
        print(f"| {pid} | {a0:.1f} / {a1:.1f} MB ({(a1 - a0) / a0 * 100:+.1f} %) | {f0:.1f} / {f1:.1f} MB |")


def hostile_only(workers: int) -> None:
    pages = load_pages(shared_dir())
    bodies = HostileBodies(HOSTILE)
    run = f"{time.time():.0f}"
    with Server(repo_root() / "backend", Path(sys.executable), workers=workers, watch_ready=True) as server:
        server.wait_ready()
        log(f"server on port {server.port}")
        print("| body | bytes | status | JSON | seconds |\n|---|---|---|---|---|")
        seconds: list[float] = []
        for i in range(len(HOSTILE)):
            name, body = bodies.body(i, f"{run}-{i}")
            r = post(server.port, body, "hostile", name)
            seconds.append(r.seconds)
            print(f"| {name} | {len(body):,} | {r.status} | {'yes' if r.json_ok else 'no'} | {r.seconds:.2f} |",
                  flush=True)
        print("\nTwo of the slowest hostile bodies at once, then a normal page 0.2 s later (fresh URL):\n")
        print("| round | hostile bodies | their seconds | normal page status | normal page seconds |")
        print("|---|---|---|---|---|")
        slowest = sorted(range(len(HOSTILE)), key=lambda k: -seconds[k])
        for rnd in range(3):
            pair = [slowest[(2 * rnd) % len(slowest)], slowest[(2 * rnd + 1) % len(slowest)]]
            with ThreadPoolExecutor(max_workers=3) as pool:
                hs = [pool.submit(post, server.port, bodies.body(k, f"{run}-pair-{rnd}-{k}")[1], "hostile",
                                  bodies.parts[k][0]) for k in pair]
                time.sleep(0.2)
                page = pages[rnd]
                normal = pool.submit(post, server.port, encode(page, fresh_url(page.url, f"pair-{run}-{rnd}")),
                                     "fresh", page.name).result()
                done = [f.result() for f in hs]
            print(f"| {rnd + 1} | {', '.join(r.name for r in done)} | {', '.join(f'{r.seconds:.2f}' for r in done)} "
                  f"| {normal.status} | {normal.seconds:.2f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hostile-only", action="store_true")
    args = parser.parse_args()
    workers = int(env_number("SOAK_WORKERS", 2))
    if args.hostile_only:
        hostile_only(workers)
        return
    soak(
        env_number("SOAK_SECONDS", 600),
        env_number("SOAK_RATE", 20),
        env_number("SOAK_HOSTILE_EVERY", 10),
        env_number("SOAK_WARMUP", 0),
        workers,
    )


if __name__ == "__main__":
    main()

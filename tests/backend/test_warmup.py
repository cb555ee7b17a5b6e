"""A worker's memory stays flat (issue #15): everything it would load on its
first requests is loaded by ``create_app`` (before gunicorn forks, under
``--preload``), caches of page content are emptied after each request,
answers kept in memory are compressed, and a large body is analysed in a
child of the worker. sidenote/memory.py, sidenote/cache.py,
backend/gunicorn.conf.py."""

from __future__ import annotations

import http.client
import importlib.util
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from sidenote import create_app, lexicon, memory, pipeline
from sidenote.cache import SHARED_MEMORY_ENTRIES, MemoryCache, ResponseCache
from sidenote.serialize import to_json
from sidenote.verifier.encoder import load_encoder, model_dir
from sidenote_bench.server import READY_LINE, free_port, peak_rss_mb, stop_group, wait_healthy

REPO = Path(__file__).resolve().parents[2]

INVENTED = [
    # plain text, quotes, a post, a pronoun, an "it"
    "The harbour council voted 7-2 on Monday to close the clinic, officials said.\n\n"
    "“This is a shameful betrayal,” Mayor Elena Brandt wrote on Twitter. She said it again on Tuesday.\n\n"
    "The ministry said in a statement that it would review the decision.",
    # no ASCII punctuation between its words
    "市议会周一投票关闭诊所。官员说，诊所去年接待了一万二千名病人。",
    # Arabic, with a quotation
    "قال الوزير إن «الحكومة» ستعلن القرار غداً، وفق مصادر مطلعة.",
]


def _loaders_filled() -> dict[str, int]:
    return {f"{f.__module__}.{f.__qualname__}": f.cache_info().currsize for f in memory._zero_argument_loaders()}


def _lexicon_sizes() -> list[int]:
    return [f.cache_info().currsize for f in (lexicon.load_lines, lexicon.load_words, lexicon.load_table)]


def test_create_app_loads_every_loader_and_every_word_list(app) -> None:
    assert all(_loaders_filled().values()), [k for k, v in _loaders_filled().items() if not v]
    for path in lexicon.DATA_DIR.rglob("*"):
        if path.suffix in (".txt", ".tsv"):
            name = path.relative_to(lexicon.DATA_DIR).as_posix()
            before = lexicon.load_words.cache_info().hits
            lexicon.load_words(name)
            assert lexicon.load_words.cache_info().hits == before + 1, name


def test_the_parser_is_loaded_before_any_request(app) -> None:
    syntax = pytest.importorskip("sidenote.syntax")
    if getattr(syntax, "_nlp", None) is None:
        with pytest.raises(Exception):  # noqa: B017 - not installed here: the warm-up logged it
            syntax.load()
        pytest.skip("the parsing model is not installed")
    assert syntax._nlp is not None


def test_analysing_pages_after_start_up_loads_nothing_more(app, seed_html) -> None:
    modules, loaders, lists = set(sys.modules), _loaders_filled(), _lexicon_sizes()
    pipeline.analyze_html(seed_html, "https://example.org/seed")
    for text in INVENTED:
        pipeline.analyze_text(text)
        pipeline.analyze_html(f"<html><body><article><p>{text}</p></article></body></html>", None)
    assert sorted(set(sys.modules) - modules) == []
    assert _loaders_filled() == loaders
    assert _lexicon_sizes() == lists


def test_page_caches_are_empty_after_each_request(client, seed_html) -> None:
    caches = memory.page_caches()
    assert caches, "the stages cache page content"
    assert all(f.cache_parameters()["maxsize"] is not None for f in caches)
    r = client.post("/api/v1/analyze", json={"html": seed_html, "url": "https://example.org/seed-caches"})
    assert r.status_code == 200
    left = {f"{f.__module__}.{f.__qualname__}": f.cache_info().currsize for f in caches}
    assert {name: size for name, size in left.items() if size} == {}


def test_answers_do_not_depend_on_what_the_caches_held(app, seed_html) -> None:
    memory.clear_page_caches()
    cold = to_json(pipeline.analyze_html(seed_html, "https://example.org/seed"), pipeline.VERSION, None)
    for text in INVENTED:  # other pages fill the caches
        pipeline.analyze_text(text)
    warm = to_json(pipeline.analyze_html(seed_html, "https://example.org/seed"), pipeline.VERSION, None)
    assert json.dumps(cold, sort_keys=True) == json.dumps(warm, sort_keys=True)


def test_the_memory_cache_keeps_answers_compressed() -> None:
    cache = MemoryCache(8, max_bytes=32 * 1024 * 1024)
    answer = json.dumps({"article": {"text": "Officials said 12 people were hurt. " * 400}}).encode()
    cache.set("k", answer)
    assert cache.get("k") == answer
    assert cache._bytes < len(answer) / 5  # the byte budget counts what is kept
    cache.set("big", b"x" * (1024 * 1024 + 1))  # over 1/32 of the budget: left to Redis
    assert cache.get("big") is None


def _gunicorn_conf():
    spec = importlib.util.spec_from_file_location("sidenote_gunicorn_conf", REPO / "backend" / "gunicorn.conf.py")
    assert spec is not None and spec.loader is not None
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    return conf


def test_the_allocator_gives_every_thread_one_arena(monkeypatch) -> None:
    # The encoder's second thread would otherwise get an arena of its own,
    # which keeps what it frees.
    calls: list[tuple[int, int]] = []

    class Libc:
        def mallopt(self, param: int, value: int) -> int:
            calls.append((param, value))
            return 1

    monkeypatch.setattr(memory, "_libc", lambda: Libc())
    assert memory.tune_allocator()
    assert (memory.M_ARENA_MAX, 1) in calls
    assert (memory.M_MMAP_THRESHOLD, memory.MMAP_THRESHOLD_BYTES) in calls


def test_the_server_config_gives_each_worker_one_blas_thread() -> None:
    # Read in a fresh interpreter: the variables count only if set before numpy loads.
    code = (
        "import importlib.util, os, sys\n"
        f"spec = importlib.util.spec_from_file_location('conf', {str(REPO / 'backend' / 'gunicorn.conf.py')!r})\n"
        "spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
        "print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['OMP_NUM_THREADS'], 'numpy' in sys.modules)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "1", "False"]


class _Worker:
    pid = 4242

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.log = self

    def info(self, msg: str, *args: object) -> None:
        self.lines.append(msg % args)

    warning = info


def test_each_worker_warms_up_then_says_it_is_ready(app) -> None:
    worker = _Worker()
    _gunicorn_conf().post_worker_init(worker)
    assert worker.lines == ["Worker ready (pid: 4242)"]
    found = READY_LINE.search(worker.lines[-1].encode())  # what make soak waits for
    assert found is not None and int(found.group(1)) == 4242
    assert not any(f.cache_info().currsize for f in memory.page_caches())  # as after a request


def test_a_missing_model_is_logged_not_fatal(monkeypatch, caplog) -> None:
    monkeypatch.setattr(memory, "MODEL_LOADERS", (("sidenote.no_such_module", "load"), ("sidenote.lexicon", "nothing")))
    with caplog.at_level(logging.WARNING, logger="sidenote.memory"):
        memory._load_models()
    assert [r.getMessage() for r in caplog.records] == [
        "warm-up: sidenote.no_such_module.load not loaded (ModuleNotFoundError)",
        "warm-up: sidenote.lexicon.nothing not loaded (AttributeError)",
    ]


def test_while_redis_holds_the_answers_memory_keeps_only_the_latest(monkeypatch) -> None:
    shared = ResponseCache(None, ttl=60, memory_size=512, retry_seconds=30)
    monkeypatch.setattr(shared, "_redis_usable", lambda: True)
    alone = ResponseCache(None, ttl=60, memory_size=512, retry_seconds=30)
    for i in range(200):
        shared.remember(f"k{i}", b'{"n": %d}' % i)
        alone.remember(f"k{i}", b'{"n": %d}' % i)
    assert len(shared.memory) == SHARED_MEMORY_ENTRIES
    assert shared.memory.get("k199") == b'{"n": 199}' and shared.memory.get("k0") is None
    assert len(alone.memory) == 200  # memory is the only cache: it keeps them all (up to its bounds)


# --- large bodies, analysed in a child of the worker --------------------------------------

LARGE_TEXT = " ".join(
    f"The harbour council met on day {i}. “We will keep the clinic open,” Mayor Elena Brandt said on Twitter."
    for i in range(6_000)
)  # 600 KB of text, over memory.ISOLATE_ABOVE_BYTES
LARGE_PAGE = (
    "<html><head><title>Clinic</title>" + "<script>var x = '" + "y" * 600_000 + "';</script></head><body><article>"
    + "".join(f"<p>The harbour council met on Monday {i}, officials said.</p>" for i in range(20))
    + "</article></body></html>"
)  # 600 KB of page, a small answer


def _post(port: int, body: bytes) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", "/api/v1/analyze", body=body, headers={"Content-Type": "application/json"})
        r = conn.getresponse()
        return r.status, dict(r.getheaders()), r.read()
    finally:
        conn.close()


def test_a_large_body_is_analysed_in_a_child_of_the_worker(tmp_path) -> None:
    """Under gunicorn with backend/gunicorn.conf.py, as make run serves it:
    the answer is the in-process one, the worker's own peak memory does not
    take the analysis, the answer is then cached in the worker, and the
    child is gone."""
    body = json.dumps({"text": LARGE_TEXT}).encode()
    assert len(body) > memory.ISOLATE_ABOVE_BYTES
    port = free_port()
    log = (tmp_path / "server.log").open("wb")
    env = dict(os.environ, SIDENOTE_RATE_LIMIT="0", REDIS_URL="redis://127.0.0.1:1/0")  # memory cache only
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--workers", "1", "--bind", f"127.0.0.1:{port}",
         "--preload", "--log-level", "info", "sidenote:create_app()"],
        cwd=REPO / "backend", env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        wait_healthy(port, proc, 60)
        deadline = time.monotonic() + 60
        while b"Worker ready" not in (tmp_path / "server.log").read_bytes():
            assert time.monotonic() < deadline, "no worker ready"
            time.sleep(0.1)
        [worker] = [int(p) for p in subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True,
                                                   check=False).stdout.split()]
        before = peak_rss_mb(worker)
        status, headers, answer = _post(port, body)
        assert status == 200 and headers["X-Sidenote-Cache"] == "miss"
        expected = create_app({"TESTING": True, "REDIS_URL": None, "RATE_LIMIT": 0}).test_client().post(
            "/api/v1/analyze", data=body, content_type="application/json")
        assert answer == expected.get_data()
        peak = peak_rss_mb(worker)
        assert before is not None and peak is not None and peak - before < 15  # the analysis peaks at 40+ MB
        # A large page with a small answer: kept in the worker's memory (Redis is away).
        page = json.dumps({"html": LARGE_PAGE, "url": "https://example.org/large"}).encode()
        first, again = _post(port, page), _post(port, page)
        assert (first[0], first[1]["X-Sidenote-Cache"]) == (200, "miss")
        assert (again[0], again[1]["X-Sidenote-Cache"], again[2]) == (200, "hit", first[2])
        assert subprocess.run(["pgrep", "-P", str(worker)], capture_output=True, check=False).stdout == b""
        logged = (tmp_path / "server.log").read_text(errors="replace")
        assert f"chars={len(LARGE_TEXT)}" in logged  # the log line has the child's figures
    finally:
        stop_group(proc)


def test_a_child_that_does_not_answer_is_stopped(monkeypatch) -> None:
    monkeypatch.setattr(memory, "CHILD_SECONDS", 0.5)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # a child that never answers
        os.close(read)
        time.sleep(30)
        os._exit(0)
    os.close(write)
    try:
        t0 = time.monotonic()
        assert memory._read_answer(read, pid) is None
        assert time.monotonic() - t0 < 5
    finally:
        os.close(read)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status)


def _resident_bytes_of(path: Path) -> int:
    """How much of ``path``'s mappings is resident in this process (Linux)."""
    total, current = 0, None
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if head and "-" in head[0] and len(head) >= 5 and ":" not in head[0]:
            current = head[5] if len(head) > 5 else None
        elif head and head[0] == "Rss:" and current == str(path):
            total += int(head[1]) * 1024
    return total


def _from_a_file(a: np.ndarray) -> bool:
    while a is not None and not isinstance(a, np.memmap):
        a = a.base  # type: ignore[assignment]
    return a is not None


def test_a_worker_maps_every_page_of_the_encoders_weights_before_it_serves() -> None:
    # Otherwise a worker maps the word table a row at a time as pages bring
    # new word pieces, and its resident size grows for as long as it serves.
    encoder = load_encoder()
    assert encoder is not None
    from_file = [a for a in encoder.weights() if _from_a_file(a)]
    assert _from_a_file(encoder.word)  # the word table is the memory-mapped file
    memory.warm_worker()
    weights = (model_dir() / "model.safetensors").resolve()
    assert _resident_bytes_of(weights) >= sum(a.nbytes for a in from_file)

"""Keep a worker's memory flat under steady load (issue #15).

A worker's resident size grew with the requests it served. Four causes,
and what this module does about each:

- **Loading on first use.** The parser, the models, the word lists and
  many patterns were loaded by the first request that needed them, in each
  worker. :func:`warm_up`, run by ``create_app`` before gunicorn forks its
  workers (``--preload``), loads all of them once, in the master, where the
  workers share them, and runs an invented article (``data/warm_up``)
  through every stage. Each worker then runs that article once more before
  it serves (:func:`warm_worker`, from ``backend/gunicorn.conf.py``): a fork
  does not carry over the mapping of the libraries' code, which a process
  maps as it first runs it. It also reads the sentence encoder's
  memory-mapped weights once, or the word table is mapped a row at a time
  as pages bring new word pieces (13 MB over the bench's pages).

- **Caches of page content.** The stages cache what they compute from a
  page's words, phrases and sentences (``functools.lru_cache`` with a
  ``maxsize``, keyed by a string: 2 to 65,536 entries), so that a page
  asking the same question many times pays once. Across pages they only
  grew: every new page added entries until each cache was full, tens of
  megabytes per worker, with no measurable gain (the extraction pages take
  as long with them emptied after each request). After every request,
  :func:`clear_page_caches` empties them; a cache without a ``maxsize`` (a
  model, a word list: :func:`warm_up` loads those) is left alone.

- **Freed memory kept by the allocator.** A hostile body is megabytes of
  JSON, then of text, then of an answer; all of it is freed when the
  request ends, but glibc kept the freed heap pages. Such bodies are now
  analysed in a child process (below). Blocks of 8 MB and up get their own
  mappings, which go back to the system when freed, instead of glibc's
  default threshold, which rises with the largest block freed so far (up
  to 32 MB); and after each analysis, and each request with a body over
  :data:`TRIM_AFTER_BYTES`, ``malloc_trim`` returns the heap's free pages
  (0.3 ms; lxml's trees are allocated there). Both are glibc's; elsewhere
  they do nothing. The threshold was 256 KB until the twelfth session:
  then every array of the encoder's activations (megabytes each, a dozen
  per layer) was a mapping of its own, zeroed page by page by the kernel
  at each use, and the page whose cards the encoder reads most took
  0.37-0.45 s instead of 0.21-0.26 s. One arena serves every thread: the
  encoder reads half of a page's batches in a second thread
  (``verifier/encoder.py``), and glibc would give that thread an arena of
  its own that keeps what it frees (a 10-minute soak's workers grew +10 %
  instead of +8.5 %; twelfth session). Before that thread a sync worker
  allocated from one thread, and ``MALLOC_ARENA_MAX`` made no difference
  (issue #15).

- **What Python's own allocator keeps.** It takes memory for small objects
  a megabyte at a time and gives a megabyte back only once nothing in it is
  alive. A hostile body's analysis spreads millions of small objects over
  tens of such megabytes, and the few that outlive it (a compiled pattern, a
  type remembered by an abstract class) kept some of them: 17-19 MB more
  after the 26 hostile bodies once (without them: 3). So a worker of
  gunicorn forks a child for each ``POST /api/v1/analyze`` whose body is
  over :data:`ISOLATE_ABOVE_BYTES` (every hostile body, the largest 7 % of
  news pages), which analyses it and exits: its memory goes back to the
  system (:func:`isolate_large_bodies`, from ``backend/gunicorn.conf.py``;
  20 ms more for such a page). The worker still counts the rate limit,
  arms the lifeline, logs the request and keeps the answer in memory.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import importlib
import inspect
import json
import logging
import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, g, request

from .cache import get_cache

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter numbers
M_ARENA_MAX = -8
MMAP_THRESHOLD_BYTES = 8 * 1024 * 1024
TRIM_AFTER_BYTES = 1024 * 1024


@cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    if libc is None or not hasattr(libc, "mallopt") or not hasattr(libc, "malloc_trim"):
        return None
    return libc


def tune_allocator() -> bool:
    """Set the fixed mapping threshold and one arena for every thread (once
    per process, before a second thread allocates; forked workers inherit
    both). True when glibc took them."""
    libc = _libc()
    return bool(libc is not None and libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
                and libc.mallopt(M_ARENA_MAX, 1))


def trim() -> None:
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


# --- caches of page content -------------------------------------------------------------


def _sidenote_caches() -> Iterator[tuple[functools._lru_cache_wrapper[Any], inspect.Parameter | None]]:
    """Every ``functools.cache``/``lru_cache`` function defined in an
    imported ``sidenote`` module, with its first parameter (None: it has
    none)."""
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "sidenote" or name.startswith("sidenote.")):
            continue
        for value in list(vars(module).values()):
            if not isinstance(value, functools._lru_cache_wrapper) or value.__module__ != name:
                continue
            try:
                params = list(inspect.signature(value.__wrapped__).parameters.values())
            except (TypeError, ValueError):
                continue
            yield value, params[0] if params else None


def page_caches() -> list[functools._lru_cache_wrapper[Any]]:
    """The caches of page content: bounded (a ``maxsize``), and keyed first
    by a string (a word, a phrase, a sentence, the text)."""
    return [
        f for f, first in _sidenote_caches()
        if first is not None and first.annotation in ("str", str) and f.cache_parameters()["maxsize"] is not None
    ]


_PAGE_CACHES: list[functools._lru_cache_wrapper[Any]] = []


def clear_page_caches() -> None:
    """Empty the caches of page content (the list of them is read once,
    after :func:`warm_up` has imported every stage)."""
    if not _PAGE_CACHES:
        _PAGE_CACHES.extend(page_caches())
    for f in _PAGE_CACHES:
        f.cache_clear()


def _note_analysis(response: Response) -> Response:
    g.sidenote_analysed = response.headers.get("X-Sidenote-Cache") == "miss"
    return response


def _after_request(_: BaseException | None = None) -> None:
    """Empty the page caches; give the heap's free pages back after an
    analysis (0.3 ms; a cached answer allocates little) or a large body."""
    clear_page_caches()
    if g.get("sidenote_analysed") or (request.content_length or 0) > TRIM_AFTER_BYTES:
        trim()


def init_app(app: Flask) -> None:
    tune_allocator()
    app.before_request(_serve_large_body_in_a_child)
    app.after_request(_note_analysis)
    app.teardown_request(_after_request)


# --- large bodies, analysed in a child process ---------------------------------------------

# The app.config switch, set in gunicorn's workers only (post_worker_init in
# backend/gunicorn.conf.py, through isolate_large_bodies): a test process,
# with threads of its own, is no place to fork.
ISOLATE_SETTING = "SIDENOTE_ISOLATE_LARGE_BODIES"
# Half a megabyte: every hostile body (970 KB and up), and the largest 7 %
# of the extraction pages (up to 1.5 MB; the median is 120 KB).
ISOLATE_ABOVE_BYTES = 512 * 1024
# How long the worker waits for its child before it answers 503 itself: far
# past the analysis's deadline (3 s), short of gunicorn's timeout (30 s).
CHILD_SECONDS = 20.0
_PR_SET_PDEATHSIG = 1  # Linux prctl option: a signal for the child when its parent dies
# gunicorn's worker signals: the child takes their default actions instead.
_WORKER_SIGNALS = ("SIGTERM", "SIGINT", "SIGQUIT", "SIGABRT", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGWINCH", "SIGCHLD")


def isolate_large_bodies(app: Flask) -> bool:
    """From now on, analyse each ``POST /api/v1/analyze`` with a body over
    :data:`ISOLATE_ABOVE_BYTES` in a child process forked for it (POSIX
    only). True when switched on."""
    if not hasattr(os, "fork"):
        return False
    app.config[ISOLATE_SETTING] = True
    return True


def _serve_large_body_in_a_child() -> Response | None:
    """A hostile body's analysis leaves the worker's own allocator holding
    megabytes that it no longer uses (see the module's notes): a child
    forked for it analyses it instead, and all of its memory goes back to
    the system when it exits. The worker keeps what runs before the view:
    the rate limit is counted, and the lifeline armed, here. Runs last of the
    ``before_request`` hooks (registered last)."""
    if not current_app.config.get(ISOLATE_SETTING) or request.method != "POST" or request.endpoint != "api.analyze":
        return None
    length = request.content_length
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if length is None or length <= ISOLATE_ABOVE_BYTES or (limit is not None and length > limit):
        return None
    raw = request.get_data(cache=True)  # read here: the view, in the child, finds it read
    from . import pipeline
    from .cache import cache_key

    if get_cache().get(cache_key(pipeline.VERSION, raw)) is not None:
        return None  # answered before: the view serves it from the cache, here
    read, write = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read)
        _answer_in_child(write, parent)
    os.close(write)
    try:
        answer = _read_answer(read, pid)
    finally:
        os.close(read)
    if answer is None:
        from .api import error_response

        response = error_response(
            503, "unavailable", "This request could not be analysed in time. Try again in a moment."
        )
    else:
        status, headers, body, state, remembered = answer
        for name, value in state.items():
            setattr(g, name, value)  # what the view noted for the request's log line
        cache = get_cache()
        for key, value in remembered:
            cache.remember(key, value)  # the answer, in this worker's memory as if analysed here
        response = Response(body, status=status, headers=headers)
    response.call_on_close(lambda: _reap(pid))
    return response


def _answer_in_child(write: int, parent: int) -> None:
    """Run the view for the request, send (status, headers, body, the
    request's ``g.sidenote_*``, what it kept in the in-memory cache) to the
    parent, then run the response's close callbacks (the Redis write) and
    exit."""
    code = 1
    try:
        libc = _libc()
        if libc is not None and hasattr(libc, "prctl"):
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:
            os._exit(1)  # the worker is already gone
        for name in _WORKER_SIGNALS:
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_DFL)
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        cache = get_cache()
        cache.recording = []
        try:
            rv = app.dispatch_request()
        except Exception as exc:  # noqa: BLE001 - as Flask does: the app's error handlers answer
            rv = app.handle_user_exception(exc)
        response = app.make_response(rv)
        state = {name: getattr(g, name) for name in list(g) if name.startswith("sidenote_")}
        headers = [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"]
        payload = pickle.dumps((response.status_code, headers, response.get_data(), state, cache.recording))
        with os.fdopen(write, "wb") as out:
            out.write(payload)
        response.close()
        code = 0
    finally:
        os._exit(code)


Answer = tuple[int, list[tuple[str, str]], bytes, dict[str, Any], list[tuple[str, bytes]]]


def _read_answer(read: int, pid: int) -> Answer | None:
    """The child's answer, or None (it failed, or took over CHILD_SECONDS:
    then it is killed)."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + CHILD_SECONDS
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([read], [], [], left)[0]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            log.warning("the child analysing a large body took over %.0f s; stopped", CHILD_SECONDS)
            return None
        chunk = os.read(read, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    try:
        answer = pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001 - the child died mid-answer
        log.warning("the child analysing a large body gave no answer")
        return None
    return answer


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


# --- warm-up ------------------------------------------------------------------------

DATA_DIR = Path(__file__).resolve().parent / "data"
WARM_UP_PAGE = DATA_DIR / "warm_up" / "article.html"
WARM_UP_URL = "https://www.harbourgazette.example/2024/03/12/council-closes-riverside-clinic/"
# Loaders that are not a zero-argument cache of a sidenote module (those
# are found by themselves, see _zero_argument_loaders): (module, function).
# The parser; trafilatura's table of Unicode punctuation, built on the first
# page whose words it cannot split at ASCII punctuation (90 ms, a scan of all
# of Unicode). A module that is not there, or a model that is not
# installed, is skipped (and logged); the stage that wants it says so when
# it runs.
MODEL_LOADERS: tuple[tuple[str, str], ...] = (
    ("sidenote.syntax", "load"),
    ("trafilatura.deduplication", "_punct_tbl"),
)


@cache
def warm_up() -> None:
    """Load everything a worker would otherwise load on its first requests
    (once per process): every word list of ``sidenote/data``, every model,
    every zero-argument cached loader of the ``sidenote`` modules, and, by
    analysing an invented article that runs every stage and detector, all
    that those load on their way. Called by ``create_app`` before
    ``gc.freeze()``: under ``gunicorn --preload`` it all lives in the master
    and is shared by the forked workers (a worker that loaded the parser on
    its first requests grew by about 60 MB)."""
    tune_allocator()  # the workers' allocator settings, for the warm-up too
    _load_word_lists()
    _load_models()
    _analyse_sample()
    # The sample may have imported modules whose loaders the first sweep
    # could not see; a loader already called costs a dictionary look-up.
    for loader in _zero_argument_loaders():
        loader()
    clear_page_caches()  # as after every request


def warm_worker() -> None:
    """Run the invented article once more in a worker that gunicorn has
    just forked (``post_worker_init`` in ``backend/gunicorn.conf.py``),
    before it takes its first request, its page caches emptied first so
    that every stage runs in full. The models are the master's, already
    loaded; what a fork does not carry over is the mapping of the
    libraries' code (the parser's, the models', lxml's, hashlib's ...),
    which a process maps as it first runs it: without this, each worker's
    first requests grew its resident size by some 10-16 MB of such pages.
    The encoder's weights are mapped in full too
    (:func:`_map_encoder_weights`). The worker is then as after any
    analysis: page caches empty, the heap trimmed."""
    warm_up()  # (a no-op under --preload: the master ran it)
    clear_page_caches()
    answer = _analyse_sample()
    _map_encoder_weights()
    # What a request adds around the analysis: its key and its JSON.
    hashlib.sha256(answer).hexdigest()
    json.loads(answer)
    clear_page_caches()
    trim()


def _load_word_lists() -> None:
    """Every list of ``sidenote/data`` through the lexicon's caches, under
    the names the stages ask for ("social_quote/posting_verbs.txt"): 90 KB
    of text in all, so the lists no page happened to need cost little."""
    from . import lexicon

    for path in sorted(lexicon.DATA_DIR.rglob("*")):
        name = path.relative_to(lexicon.DATA_DIR).as_posix()
        if path.suffix in (".txt", ".tsv"):
            # A stage may read one file either way ("sentences/abbreviations.txt"
            # is a table); load_lines is read by both.
            lexicon.load_words(name)
            lexicon.load_table(name)


def _map_encoder_weights() -> None:
    """Every page of the sentence encoder's memory-mapped weights, mapped
    into this worker before it serves (``Encoder.make_resident``): a fork
    does not carry those mappings over either, and the sample article's
    few word pieces map few rows of the word table."""
    from .verifier.encoder import EncoderError, load_encoder

    try:
        encoder = load_encoder()
    except EncoderError as exc:  # the verifier says so, and how to fix it, when it needs the encoder
        log.warning("warm-up: the encoder's weights not mapped (%s)", exc)
        return
    if encoder is not None:
        encoder.make_resident()


def _load_models() -> None:
    for module_name, function in MODEL_LOADERS:
        try:
            getattr(importlib.import_module(module_name), function)()
        except (ImportError, AttributeError) as exc:
            log.warning("warm-up: %s.%s not loaded (%s)", module_name, function, type(exc).__name__)
        except Exception as exc:  # noqa: BLE001 - a missing model must not stop the server
            log.warning("warm-up: %s.%s failed (%s)", module_name, function, type(exc).__name__)
    for loader in _zero_argument_loaders():
        loader()


def _zero_argument_loaders() -> list[functools._lru_cache_wrapper[Any]]:
    """The cached functions without parameters of the imported ``sidenote``
    modules: by this package's convention each loads a model, a table or a
    pattern once (``checkworthy.default_model``, ``platforms._post_patterns``,
    ...)."""
    return [f for f, first in _sidenote_caches() if first is None and f.__wrapped__.__name__ != "warm_up"]


def _analyse_sample() -> bytes:
    """The invented article through the whole pipeline and the answer's
    serialiser, as a request would run them (with no deadline); the
    answer's JSON."""
    from . import pipeline
    from .serialize import to_json

    html = WARM_UP_PAGE.read_text(encoding="utf-8")
    doc = pipeline.analyze_html(html, WARM_UP_URL)
    to_json(pipeline.analyze_text(doc.text), pipeline.VERSION, None)
    answer = json.dumps(to_json(doc, pipeline.VERSION, WARM_UP_URL), ensure_ascii=False)
    return answer.encode("utf-8")

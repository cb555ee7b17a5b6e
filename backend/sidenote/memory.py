"""Keep a worker's memory flat under steady load (issue #15).

A worker's resident size grew with the requests it served. Three causes,
and what this module does about each:

- **Loading on first use.** The parser, the models, the word lists and
  many patterns were loaded by the first request that needed them, in each
  worker. :func:`warm_up`, run by ``create_app`` before gunicorn forks its
  workers (``--preload``), loads all of them once, in the master, where the
  workers share them, and runs an invented article (``data/warm_up``)
  through every stage. Each worker then runs that article once more before
  it serves (:func:`warm_worker`, from ``backend/gunicorn.conf.py``): a fork
  does not carry over the mapping of the libraries' code, which a process
  maps as it first runs it.

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
  request ends, but glibc kept the freed heap pages. Large blocks (256 KB
  and up) get their own mappings, which go back to the system when freed,
  instead of glibc's default threshold, which rises with the largest block
  freed so far (up to 32 MB); and after each analysis, and each request with
  a body over :data:`TRIM_AFTER_BYTES`, ``malloc_trim`` returns the heap's
  free pages (0.3 ms; lxml's trees are allocated there). Both are glibc's;
  elsewhere they do nothing. (``MALLOC_ARENA_MAX`` makes no difference: a
  sync worker allocates from one thread; measured, issue #15.)

What remains is Python's own allocator: it takes memory for small objects a
megabyte at a time and gives a megabyte back only once nothing in it is
alive. A hostile body's analysis spreads millions of small objects over
many such megabytes, and the few objects that outlive it (a regular
expression cached, a type's entry in an abstract class's cache) keep some of
them. That settles after the first few hostile bodies (docs/robustness.md
has the figures).
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
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from flask import Flask, Response, g, request

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number
MMAP_THRESHOLD_BYTES = 256 * 1024
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
    """Set the fixed mapping threshold (once per process; forked workers
    inherit it). True when glibc took it."""
    libc = _libc()
    return bool(libc is not None and libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))


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
    app.after_request(_note_analysis)
    app.teardown_request(_after_request)


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
    The worker is then as after any analysis: page caches empty, the heap
    trimmed."""
    warm_up()  # (a no-op under --preload: the master ran it)
    clear_page_caches()
    answer = _analyse_sample()
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

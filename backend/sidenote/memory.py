"""Keep a worker's memory flat after large requests (issue #15).

A hostile body is megabytes of JSON, then of text, then of an answer; all
of it is freed when the request ends, but glibc's allocator keeps freed
heap pages for reuse, so a worker's resident size drifted up with each
large request. Two settings give the pages back:

- large blocks (256 KB and up: request bodies, big strings, the answer) get
  their own memory mappings, which go back to the system when freed,
  instead of glibc's default threshold, which rises with the largest block
  freed so far (up to 32 MB) and so keeps them in the heap;
- after a request with a body over :data:`TRIM_AFTER_BYTES`, ``malloc_trim``
  returns the heap's free pages.

Both are glibc's; elsewhere this module does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

from flask import Flask, request

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


def _after_large_request(_: BaseException | None = None) -> None:
    if (request.content_length or 0) > TRIM_AFTER_BYTES:
        trim()


def init_app(app: Flask) -> None:
    tune_allocator()
    app.teardown_request(_after_large_request)

"""gunicorn settings for ``make run`` (and every server started from this
folder: gunicorn reads ``./gunicorn.conf.py`` by itself). See docs/robustness.md.

Each request's analysis stops at its own deadline, a few seconds in
(sidenote/pipeline/budget.py). ``timeout`` is the last resort behind it: a
worker silent for that long is stopped, and its client still gets the
contract's JSON error (sidenote/lifeline.py), never gunicorn's HTML page.

``create_app`` loads every model and word list before the fork (with
``--preload``, as ``make run`` has it), and each worker analyses an invented
article once before it serves (``post_worker_init``), from then on analyses
bodies over 512 KB in a child process forked for each, and logs that it is
ready: ``make soak`` reads a worker's starting memory at that line.
sidenote/memory.py says why.
"""

from __future__ import annotations

import os
from typing import Any

# One BLAS thread per worker, set before the app (and numpy) is loaded: the
# workers already fill the cores, and the verifier's encoder multiplies
# matrices big enough for OpenBLAS to start a thread per core, whose
# spinning slowed every other request (soak, normal pages' p99: 743 ms
# with them, against 116 ms before the encoder).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

# Far above any request's deadline, so that even a machine under heavy load
# never stops a worker that is doing its job.
timeout = 30
graceful_timeout = 10


def post_worker_init(worker: Any) -> None:
    """After the fork, before the first request: run the pipeline once in
    this worker (sidenote.memory.warm_worker), have bodies over 512 KB
    analysed in a child process (sidenote.memory.isolate_large_bodies),
    then say it is ready."""
    from flask import Flask

    from sidenote import memory

    try:
        memory.warm_worker()
    except Exception as exc:  # noqa: BLE001 - serve anyway: the warm-up only saves time
        worker.log.warning("Worker warm-up failed (%s)", type(exc).__name__)
    app = getattr(worker, "wsgi", None)
    if isinstance(app, Flask):
        memory.isolate_large_bodies(app)
    worker.log.info("Worker ready (pid: %s)", worker.pid)


def worker_abort(worker: Any) -> None:
    """SIGABRT from the arbiter: the worker overran ``timeout`` and exits next."""
    from sidenote import lifeline

    lifeline.answer_in_flight(
        503, "unavailable", "This request took too long and was stopped. Try again in a moment."
    )


def worker_int(worker: Any) -> None:
    """SIGINT/SIGQUIT: the server is shutting down now, mid-request."""
    from sidenote import lifeline

    lifeline.answer_in_flight(503, "unavailable", "Sidenote is shutting down. Try again in a moment.")

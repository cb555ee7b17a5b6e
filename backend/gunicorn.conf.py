"""gunicorn settings for ``make run`` (and every server started from this
folder: gunicorn reads ``./gunicorn.conf.py`` by itself). See docs/robustness.md.

Each request's analysis stops at its own deadline, a few seconds in
(sidenote/pipeline/budget.py). ``timeout`` is the last resort behind it: a
worker silent for that long is stopped, and its client still gets the
contract's JSON error (sidenote/lifeline.py), never gunicorn's HTML page.
"""

from __future__ import annotations

from typing import Any

# Far above any request's deadline, so that even a machine under heavy load
# never stops a worker that is doing its job.
timeout = 30
graceful_timeout = 10


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

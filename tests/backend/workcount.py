"""Work counted in Python lines run: how the linear-time tests compare the
work at n and at 4n without timing anything (timings are flaky on a shared
machine; a line count is the same on every run)."""

from __future__ import annotations

import sys
from collections.abc import Callable


def lines_run(fn: Callable[[], object]) -> int:
    """How many Python lines ``fn()`` runs (every frame, every line)."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count

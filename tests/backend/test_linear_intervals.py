"""``Intervals.overlapping`` (sidenote/intervals.py) lists what
overlaps a span in time that grows with what it finds, not with what lies
before it (issue #15): one long span at the start no longer makes every
query walk back over all the others.

Work is counted, not timed: the Python lines run (``sys.settrace``), at
``n`` and ``4 n``.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from workcount import lines_run

from sidenote.intervals import Intervals


def scan(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    return [s for s in spans if s[0] < end and start < s[1]]


def test_overlapping_answers_as_the_scan_on_invented_spans() -> None:
    # a headline's span over the whole text, then words, then an empty span
    spans = [(0, 100), (3, 8), (10, 15), (12, 30), (40, 40), (40, 45), (99, 120)]
    index = Intervals(spans, lambda s: s)
    for start, end in [(0, 1), (9, 11), (14, 14), (40, 40), (39, 41), (45, 99), (100, 200), (-5, 0)]:
        assert index.overlapping(start, end) == scan(spans, start, end)


def test_overlapping_agrees_with_the_scan_on_random_spans() -> None:
    rnd = random.Random(15)
    for _ in range(300):
        starts = [rnd.randrange(600) for _ in range(rnd.randrange(40))]
        spans = [(a, a + rnd.choice([0, 1, 3, 40, 500])) for a in starts]
        index = Intervals(spans, lambda s: s)
        for _ in range(20):
            a = rnd.randrange(-10, 650)
            b = a + rnd.randrange(0, 60)
            assert index.overlapping(a, b) == scan(spans, a, b)


def _queries_under_a_long_span(n: int) -> Callable[[], object]:
    """One span over everything, then ``n`` short ones; each short one is
    asked what overlaps it (the long one and itself)."""
    spans = [(0, 10 * n + 10)] + [(10 * i, 10 * i + 5) for i in range(1, n + 1)]
    index = Intervals(spans, lambda s: s)

    def run() -> None:
        for i in range(1, n + 1):
            assert len(index.overlapping(10 * i, 10 * i + 5)) == 2

    return run


def test_queries_under_one_long_span_are_not_quadratic() -> None:
    small, large = lines_run(_queries_under_a_long_span(500)), lines_run(_queries_under_a_long_span(2000))
    # n log n: about 4.5 times the work for 4 times the queries; the walk
    # back over every earlier span was 16 times.
    assert large < 6 * small

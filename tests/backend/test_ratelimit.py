"""The fixed-window rate limiter."""

from __future__ import annotations

import pytest

from sidenote.ratelimit import FixedWindowLimiter


@pytest.mark.parametrize(
    ("limit", "hits", "expected"),
    [
        (3, [0, 1, 2, 3], [True, True, True, False]),  # the fourth in one window is refused
        (2, [0, 1, 61, 62], [True, True, True, True]),  # a new window starts the count again
        (0, [0, 0, 0], [True, True, True]),  # 0 turns the limit off
    ],
)
def test_limit_per_window(limit, hits, expected):
    limiter = FixedWindowLimiter(limit, 60.0)
    assert [limiter.hit("client", now=t) for t in hits] == expected


def test_clients_are_counted_apart():
    limiter = FixedWindowLimiter(1, 60.0)
    assert limiter.hit("a", now=0) and limiter.hit("b", now=0)
    assert not limiter.hit("a", now=1)

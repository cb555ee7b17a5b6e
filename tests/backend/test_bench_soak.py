"""backend/bench/soak.py: the memory split it reports beside each worker's RSS."""

from __future__ import annotations

import os

from sidenote_bench.soak import memory_split_mb, split_of_smaps_rollup

ROLLUP = """55d0c0000000-7ffd00000000 ---p 00000000 00:00 0                          [rollup]
Rss:              297756 kB
Pss:              133343 kB
Shared_Clean:      86556 kB
Private_Dirty:     45440 kB
Anonymous:        211200 kB
"""


def test_the_split_is_anonymous_memory_and_the_rest_of_rss():
    anonymous, rest = split_of_smaps_rollup(ROLLUP)
    assert round(anonymous, 1) == 206.2  # 211,200 kB
    assert round(rest, 1) == round((297756 - 211200) / 1024, 1)


def test_a_rollup_without_both_fields_gives_no_split():
    assert split_of_smaps_rollup("Rss: 10 kB\n") is None
    assert split_of_smaps_rollup("") is None


def test_a_live_process_has_a_split_and_a_gone_one_has_none():
    split = memory_split_mb(os.getpid())
    assert split is not None and split[0] > 0 and split[1] >= 0
    assert memory_split_mb(2**22 + 12345) is None  # above the kernel's pid limit: no such process

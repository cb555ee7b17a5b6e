"""Finding a known source or adding a new one."""

from __future__ import annotations

from sidenote.attribution.sources import Entry, find_or_add
from sidenote.doc import Span


def test_find_or_add_finds_the_same_name_and_adds_a_new_one() -> None:
    text = "Ana Ruiz met Dana Pryce. Ruiz left."
    entries: list[Entry] = []
    assert find_or_add(text, entries, Span(0, 8), "person") == 0
    assert find_or_add(text, entries, Span(13, 23), "person") == 1
    ruiz = Span(text.index("Ruiz left"), text.index("Ruiz left") + 4)
    assert find_or_add(text, entries, ruiz, "person") == 0
    assert entries[0].names == [Span(0, 8), ruiz]


def test_a_merged_entry_is_not_found() -> None:
    text = "Ana Ruiz spoke. Ana Ruiz left."
    entries = [Entry(kind="person", names=[Span(0, 8)], merged_into=1)]
    assert find_or_add(text, entries, Span(16, 24), "person") == 1

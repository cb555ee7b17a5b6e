"""Comparing two snapshots of the editors' pages' cards (backend/eval/editor/snapshot.py)."""

from __future__ import annotations

import json

from sidenote_eval.editor.snapshot import difference, read


def _row(key: str, kind: str, page: str, heldout: bool) -> dict:
    return {"key": key, "kind": kind, "page": page, "heldout": heldout}


def test_counts_what_went_and_came_by_part_and_kind():
    before = {r["key"]: r for r in [_row("a", "loaded_framing", "prop/1", False),
                                    _row("b", "loaded_framing", "polnear/x", True),
                                    _row("c", "single_source", "news/y", False)]}
    after = {r["key"]: r for r in [_row("c", "single_source", "news/y", False),
                                   _row("d", "loaded_framing", "polnear/x", True)]}
    lines = difference(before, after)
    assert lines[0] == "3 cards before, 2 after"
    assert "gone: 1 loaded_framing (held out)" in lines
    assert "gone: 1 loaded_framing (tuning)" in lines
    assert "new: 1 loaded_framing (held out)" in lines
    # a tuning page is named; a held-out one never is
    assert "  gone on tuning page prop/1 (loaded_framing)" in lines
    assert not any("polnear/x" in line for line in lines)


def test_no_change_says_none(tmp_path):
    path = tmp_path / "snap.jsonl"
    path.write_text(json.dumps(_row("a", "loaded_framing", "prop/1", False)) + "\n", encoding="utf-8")
    same = read(path)
    assert difference(same, same) == ["1 cards before, 1 after", "gone: none", "new: none"]

"""The editors' panel (backend/eval/editor/panel.py): the majority rule and withdrawn misses."""

from __future__ import annotations

import json

from sidenote_eval.editor import labels as labels_module
from sidenote_eval.editor.labels import load_misses, miss_id
from sidenote_eval.editor.panel import majority


def test_two_of_three_judges_decide():
    assert majority(["right", "wrong", "right"], "debatable") == "right"
    assert majority(["right", "wrong", "wrong"], "debatable") == "wrong"


def test_three_different_verdicts_are_the_split_verdict():
    assert majority(["right", "wrong", "debatable"], "debatable") == "debatable"


def test_two_judges_who_agree_decide_alone():
    assert majority(["wrong", "wrong"], "debatable") == "wrong"


def test_a_miss_the_panel_found_not_clear_is_withdrawn(tmp_path, monkeypatch):
    kept = {"page": "prop/1", "kind": "loaded_framing", "exact": "the corrupt mayor", "why": "a label"}
    gone = {"page": "prop/1", "kind": "single_source", "exact": "officials said on Monday", "why": "one source"}
    (tmp_path / "misses-r1-b1.jsonl").write_text("".join(json.dumps(m) + "\n" for m in (kept, gone)))
    (tmp_path / "miss-panel-heldout.jsonl").write_text(
        json.dumps({"miss": miss_id(gone), "verdict": "not_clear", "votes": ["clear", "not_clear", "not_clear"]})
        + "\n" + json.dumps({"miss": miss_id(kept), "verdict": "clear", "votes": ["clear", "clear"]}) + "\n"
    )
    monkeypatch.setattr(labels_module, "LABELS", tmp_path)
    assert [m["exact"] for m in load_misses()] == ["the corrupt mayor"]
    assert len(load_misses(panel=False)) == 2


def test_the_panels_card_labels_replace_the_first_judges(tmp_path, monkeypatch):
    first = {"key": "k1", "verdict": "right", "page": "prop/1", "kind": "loaded_framing"}
    (tmp_path / "cards-r1-b1.jsonl").write_text(json.dumps(first) + "\n")
    (tmp_path / "cards-r9-panel-heldout.jsonl").write_text(json.dumps({**first, "verdict": "debatable"}) + "\n")
    monkeypatch.setattr(labels_module, "LABELS", tmp_path)
    assert labels_module.load_card_labels()["k1"]["verdict"] == "debatable"
    assert labels_module.load_card_labels(panel=False)["k1"]["verdict"] == "right"

"""The editors' figures (backend/eval/eval_editor.py): how shown cards and clear misses are counted."""

from __future__ import annotations

from types import SimpleNamespace

from sidenote_eval import eval_editor
from sidenote_eval.editor.cards import ShownCard
from sidenote_eval.editor.pages import Page

TEXT = "The mayor, a crook and a liar, lied again. The budget passed. The council is a den of thieves."
PAGE = Page(id="prop/1", kind="text", body=TEXT, url=None, heldout=False)


def _span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def _right(key: str, words: str, kind: str = "loaded_framing") -> dict:
    start, end = _span(words)
    return {"key": key, "verdict": "right", "page": PAGE.id, "kind": kind, "start": start, "end": end,
            "anchor": words}


def _tally(monkeypatch, labels: list[dict], misses: list[dict], shown: list[ShownCard]):
    monkeypatch.setattr(eval_editor, "pages", lambda part: iter([PAGE]))
    monkeypatch.setattr(eval_editor, "analyse", lambda page: SimpleNamespace(text=TEXT))
    monkeypatch.setattr(eval_editor, "shown_cards", lambda page, doc: iter(shown))
    monkeypatch.setattr(eval_editor, "load_card_labels", lambda panel: {row["key"]: row for row in labels})
    monkeypatch.setattr(eval_editor, "load_misses", lambda panel: misses)
    monkeypatch.setattr(eval_editor, "withdrawn_misses", lambda: set())
    return eval_editor.tally("tuning")["prop"]


def test_a_hidden_card_judged_right_in_two_wordings_is_one_miss(monkeypatch):
    sentence = "The mayor, a crook and a liar, lied again."
    t = _tally(monkeypatch, [_right("old", sentence), _right("new", sentence)], [], [])
    assert t.misses["loaded_framing"] == 1
    assert t.hidden_right == 1


def test_recorded_misses_inside_a_hidden_right_card_are_that_one_case(monkeypatch):
    sentence = "The mayor, a crook and a liar, lied again."
    misses = [
        {"page": PAGE.id, "kind": "loaded_framing", "exact": "a crook", "why": "name-calling"},
        {"page": PAGE.id, "kind": "loaded_framing", "exact": "a den of thieves", "why": "name-calling"},
        # another kind's miss in the same words is another case
        {"page": PAGE.id, "kind": "single_source", "exact": "lied again", "why": "an unsourced charge"},
    ]
    t = _tally(monkeypatch, [_right("k1", sentence)], misses, [])
    assert t.misses["loaded_framing"] == 2  # the hidden card's sentence, and "a den of thieves"
    assert t.misses["single_source"] == 1


def test_a_shown_card_covers_the_misses_in_its_span_and_counts_its_verdict(monkeypatch):
    sentence = "The mayor, a crook and a liar, lied again."
    start, end = _span(sentence)
    shown = [ShownCard("k1", PAGE.id, "loaded_framing", start, end, {"key": "k1"})]
    misses = [{"page": PAGE.id, "kind": "loaded_framing", "exact": "a liar", "why": "name-calling"}]
    t = _tally(monkeypatch, [_right("k1", sentence)], misses, shown)
    assert t.verdicts[("loaded_framing", "right")] == 1
    assert t.misses["loaded_framing"] == 0

"""The invented hard cases' scorer (backend/eval/eval_redteam.py): a card against the writer's key."""

from __future__ import annotations

import json
from types import SimpleNamespace

from sidenote_eval import eval_redteam
from sidenote_eval.editor.cards import ShownCard

TEXT = "He called the ruling a disgrace. The council is not corrupt. She said the plan was bold."


def _card(words: str, key: str, voice: str | None = None, body: str = "b") -> ShownCard:
    start = TEXT.index(words)
    record = {"anchor": words, "title": "t", "body": body, "voice": voice}
    return ShownCard(key, "loaded/01", "loaded_framing", start, start + len(words), record)


def _score(tmp_path, monkeypatch, keys: list[dict], cards: list[ShownCard]) -> eval_redteam.Score:
    folder = tmp_path / "loaded"
    folder.mkdir(parents=True)
    (folder / "01.html").write_text("<html></html>", encoding="utf-8")
    (folder / "key.jsonl").write_text("\n".join(json.dumps({"page": "01", "why": "w", **k}) for k in keys),
                                      encoding="utf-8")
    monkeypatch.setattr(eval_redteam, "analyse", lambda page: SimpleNamespace(text=TEXT))
    monkeypatch.setattr(eval_redteam, "shown_cards", lambda page, doc, candidates=False: iter(cards))
    return eval_redteam.score_set("loaded", root=tmp_path)


def test_a_card_on_a_flagged_case_is_right_and_one_on_a_decoy_is_wrong(tmp_path, monkeypatch):
    keys = [{"exact": "a disgrace", "should_flag": True}, {"exact": "not corrupt", "should_flag": False}]
    s = _score(tmp_path, monkeypatch, keys, [_card("disgrace", "k1"), _card("corrupt", "k2")])
    assert (s.right, s.wrong, s.missed, s.unkeyed, s.shown) == (1, 1, 0, 0, 2)


def test_a_flagged_case_with_no_card_is_missed_and_a_card_on_no_case_is_unkeyed(tmp_path, monkeypatch):
    keys = [{"exact": "a disgrace", "should_flag": True}]
    s = _score(tmp_path, monkeypatch, keys, [_card("bold", "k3")])
    assert (s.right, s.wrong, s.missed, s.unkeyed, s.shown) == (0, 0, 1, 1, 1)
    assert any(line.startswith("UNKEYED") for line in s.lines)


def test_debatable_cases_count_neither_way_and_absent_words_are_counted_apart(tmp_path, monkeypatch):
    keys: list[dict] = [{"exact": "was bold", "should_flag": "debatable"},
                        {"exact": "Headline Words", "should_flag": True}]
    s = _score(tmp_path, monkeypatch, keys, [_card("bold", "k3")])
    assert (s.right, s.wrong, s.missed, s.debatable_shown, s.absent) == (0, 0, 0, 1, 1)


def test_a_card_giving_the_words_to_the_wrong_voice_or_speaker_is_wrong(tmp_path, monkeypatch):
    keys = [{"exact": "a disgrace", "should_flag": True, "voice": "speaker:Ann Hart"},
            {"exact": "was bold", "should_flag": True, "voice": "outlet"}]
    outlet = _card("disgrace", "k1", voice="outlet")
    quoted = _card("bold", "k3", voice="quoted", body="The quotation from the person quoted uses “bold” ...")
    s = _score(tmp_path, monkeypatch, keys, [outlet, quoted])
    assert (s.right, s.wrong) == (0, 2)
    someone_else = _card("disgrace", "k1", voice="quoted", body="The quotation from Tom Reyes uses “disgrace” ...")
    assert (_score(tmp_path / "b", monkeypatch, keys[:1], [someone_else]).wrong) == 1


def test_a_card_in_the_keyed_voice_is_right_named_or_not(tmp_path, monkeypatch):
    keys = [{"exact": "a disgrace", "should_flag": True, "voice": "speaker:Ann Hart"}]
    named = _card("disgrace", "k1", voice="quoted", body="The quotation from Hart uses “disgrace” ...")
    unnamed = _card("disgrace", "k2", voice="quoted", body="The quotation from the person quoted uses “disgrace” ...")
    assert _score(tmp_path, monkeypatch, keys, [named]).right == 1
    assert _score(tmp_path / "b", monkeypatch, keys, [unnamed]).right == 1

"""What every answer of ``POST /api/v1/analyze`` must be, whatever was sent
(shared/API.md): 200 or a 4xx, JSON, no traceback, and every span an exact
slice of ``article.text``. Used by the fuzz and the hostile-body tests."""

from __future__ import annotations

import json
from typing import Any


def check_answer(status: int, raw: bytes, sent_text: str | None = None) -> dict[str, Any]:
    """Assert the contract's invariants on one answer; return its JSON."""
    assert status == 200 or 400 <= status < 500, f"status {status}: {raw[:300]!r}"
    assert b"Traceback" not in raw and b"<html" not in raw[:200].lower()
    data = json.loads(raw)
    if status != 200:
        error = data["error"]
        assert isinstance(error["code"], str) and isinstance(error["message"], str)
        return data
    text = data["article"]["text"]
    if sent_text is not None:
        assert text == sent_text, "a submitted text comes back unchanged"
    _check_spans(data, text)
    return data


def _exact(text: str, item: dict[str, Any], field: str = "exact") -> None:
    assert 0 <= item["start"] <= item["end"] <= len(text), item
    assert text[item["start"] : item["end"]] == item[field], (item, text[item["start"] : item["end"]])


def _check_spans(data: dict[str, Any], text: str) -> None:
    n = len(text)
    coverage = data["summary"]["coverage"]
    assert coverage["text_chars"] == n
    analysed = coverage["analysed_chars"]
    assert 0 <= analysed <= n
    assert coverage["complete"] == (not coverage["limits"])

    previous = 0
    for block in data["article"]["blocks"]:
        assert previous <= block["start"] <= block["end"] <= n, block
        previous = block["start"]
        for link in block["links"]:
            assert block["start"] <= link["start"] <= link["end"] <= block["end"], (block, link)
    for claim in data["claims"]:
        _exact(text, claim, "text")
        assert claim["end"] <= analysed
    for source in data["sources"]:
        for m in source["mentions"]:
            assert 0 <= m["start"] < m["end"] <= analysed, m
    for card in data["cards"]:
        anchor = card["anchor"]
        _exact(text, anchor)
        assert anchor["end"] <= analysed
        assert len(anchor["prefix"]) <= anchor["start"]
        assert text[anchor["start"] - len(anchor["prefix"]) : anchor["start"]] == anchor["prefix"]
        assert text[anchor["end"] : anchor["end"] + len(anchor["suffix"])] == anchor["suffix"]
        for evidence in card["evidence"]:
            _exact(text, evidence)
    counts = data["summary"]["counts"]
    for kind, n_cards in counts.items():
        assert n_cards == sum(1 for c in data["cards"] if c["kind"] == kind)

"""The editors' labels, as stored in ``labels/``.

``labels/cards-*.jsonl``: one judged card a line,
``{"key", "page", "kind", "verdict": "right|wrong|debatable", "why", "anchor", "body"}``
(the card's words are kept so that a label can be read on its own).
``labels/misses-*.jsonl``: one clear miss a line,
``{"page", "kind", "exact": "2-12 words verbatim from article.text", "why"}``.
How they were made: ``labels/README.md``.
"""

from __future__ import annotations

import json
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "labels"
VERDICTS = ("right", "wrong", "debatable")
KINDS = ("single_source", "unverified_social_quote", "loaded_framing")


def _rows(pattern: str) -> list[dict]:
    rows = []
    for path in sorted(LABELS.glob(pattern)):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise SystemExit(f"{path.name}:{n}: not JSON ({exc})") from exc
    return rows


def load_card_labels() -> dict[str, dict]:
    """key -> label; a later file's label for the same key wins."""
    out = {}
    for row in _rows("cards-*.jsonl"):
        if row.get("verdict") not in VERDICTS:
            raise SystemExit(f"card label {row.get('key')}: verdict must be one of {VERDICTS}")
        out[row["key"]] = row
    return out


def load_misses() -> list[dict]:
    rows = _rows("misses-*.jsonl")
    for row in rows:
        if row.get("kind") not in KINDS:
            raise SystemExit(f"miss on {row.get('page')}: kind must be one of {KINDS}")
    return rows

"""The editors' labels, as stored in ``labels/``.

``labels/cards-*.jsonl``: one judged card a line,
``{"key", "page", "kind", "verdict": "right|wrong|debatable", "why", "anchor", "body"}``
(the card's words are kept so that a label can be read on its own).
``labels/misses-*.jsonl``: one clear miss a line,
``{"page", "kind", "exact": "2-12 words verbatim from article.text", "why"}``.
How they were made: ``labels/README.md``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "labels"
VERDICTS = ("right", "wrong", "debatable")
KINDS = ("single_source", "unverified_social_quote", "loaded_framing")


def _rows(pattern: str, skip: str | None = None) -> list[dict]:
    rows = []
    for path in sorted(LABELS.glob(pattern)):
        if skip is not None and path.name.startswith(skip):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise SystemExit(f"{path.name}:{n}: not JSON ({exc})") from exc
    return rows


def load_card_labels(panel: bool = True) -> dict[str, dict]:
    """key -> label; a later file's label for the same key wins, so the
    panel's majority (``cards-r9-panel-*.jsonl``, ``panel.py``) replaces a
    single judge's verdict. ``panel=False``: the first judges' labels only."""
    out = {}
    for row in _rows("cards-*.jsonl", skip="cards-r9-panel-" if not panel else None):
        if row.get("verdict") not in VERDICTS:
            raise SystemExit(f"card label {row.get('key')}: verdict must be one of {VERDICTS}")
        out[row["key"]] = row
    return out


def load_recorded_misses() -> list[dict]:
    """Every clear miss a first judge recorded."""
    rows = _rows("misses-*.jsonl")
    for row in rows:
        if row.get("kind") not in KINDS:
            raise SystemExit(f"miss on {row.get('page')}: kind must be one of {KINDS}")
    return rows


def load_misses(panel: bool = True) -> list[dict]:
    """The clear misses: those recorded, less those a panel of judges found
    not clear (``miss-panel-*.jsonl``, ``panel.py``)."""
    rows = load_recorded_misses()
    if not panel:
        return rows
    withdrawn = withdrawn_misses()
    return [r for r in rows if miss_id(r) not in withdrawn]


def withdrawn_misses() -> set[str]:
    """Ids the panel found not clear misses: recorded misses (``miss_id``)
    and cards once judged right that are no longer proposed (their key)."""
    return {r["miss"] for r in _rows("miss-panel-*.jsonl") if r["verdict"] == "not_clear"}


def miss_id(miss: dict) -> str:
    """A recorded miss's stable id: its page, kind and words."""
    return hashlib.sha1(f"{miss['page']}\n{miss['kind']}\n{miss['exact']}".encode()).hexdigest()[:16]

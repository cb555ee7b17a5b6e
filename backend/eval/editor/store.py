"""Keep each card label readable on its own: copy the judged card into it.

    .venv/bin/python backend/eval/editor/store.py DUMP_DIR LABEL_FILE...

Editors write ``{"key", "verdict", "why"}``; this adds the card as it was
judged (page, kind, span, voice, severity, title, body, anchor, evidence)
from the dump they read, in place. The verifier trains on these stored
cards, so a later change to the detectors does not change its training data.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> None:
    dump, files = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
    cards = {}
    for line in (dump / "cards.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        cards[record["key"]] = record
    for path in files:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        out = []
        for row in rows:
            card = cards.get(row["key"], {})
            out.append({"key": row["key"], "verdict": row["verdict"], "why": row.get("why", ""),
                        **{k: v for k, v in card.items() if k != "key"}})
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
        print(f"{path.name}: {len(out)} labels, {sum(1 for r in out if 'page' in r)} with their card")


if __name__ == "__main__":
    main()

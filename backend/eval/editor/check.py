"""Check a labels file against a dump before it is stored.

    .venv/bin/python backend/eval/editor/check.py DUMP_DIR LABEL_FILE...

Card labels must name a key of the dump and a verdict; misses must name a
kind and 2-12 words found verbatim in the page's ``article.text``. Prints
each problem; exits 1 if there is any.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sidenote_eval.editor.labels import KINDS, VERDICTS


def main() -> int:
    dump, files = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
    keys = {json.loads(line)["key"] for line in (dump / "cards.jsonl").read_text(encoding="utf-8").splitlines()}
    texts = {
        r["page"]: r["text"] for r in map(json.loads, (dump / "texts.jsonl").read_text(encoding="utf-8").splitlines())
    }
    problems = 0
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{n}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{where}: not JSON: {exc}")
                problems += 1
                continue
            if "key" in row:
                if row["key"] not in keys:
                    print(f"{where}: no card with key {row['key']}")
                    problems += 1
                if row.get("verdict") not in VERDICTS:
                    print(f"{where}: verdict must be one of {VERDICTS}")
                    problems += 1
            else:
                if row.get("kind") not in KINDS:
                    print(f"{where}: kind must be one of {KINDS}")
                    problems += 1
                text = texts.get(row.get("page", ""))
                if text is None:
                    print(f"{where}: no page {row.get('page')}")
                    problems += 1
                elif not row.get("exact") or row["exact"] not in text:
                    print(f"{where}: exact words not found verbatim in the page's text: {row.get('exact')!r}")
                    problems += 1
                elif not 2 <= len(row["exact"].split()) <= 12:
                    print(f"{where}: exact should be 2-12 words")
                    problems += 1
    print(f"{problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

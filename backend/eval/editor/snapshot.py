"""What a change does to the cards on the editors' pages, without reading
the held-out part: snapshot the keys, change the code, snapshot again,
compare.

    .venv/bin/python backend/eval/editor/snapshot.py write OUT.jsonl [--shown]
    .venv/bin/python backend/eval/editor/snapshot.py compare BEFORE.jsonl AFTER.jsonl

``write`` records every candidate card's key (with ``--shown``, every card
the verifier shows), its kind and page, and whether the page is held out.
``compare`` counts the keys that went and came, by part and kind, and names
the tuning pages they are on. A held-out card is only counted: its page,
words and label stay unread (pages.py). A reworded card goes and comes
back under a new key; it has no label until an editor judges it
(``dump.py --only-unlabelled``).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from sidenote_eval.editor.cards import analyse, shown_cards
from sidenote_eval.editor.pages import pages


def write(out: Path, shown: bool) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for page in pages("all"):
            for card in shown_cards(page, analyse(page), candidates=not shown):
                f.write(json.dumps({"key": card.key, "kind": card.kind, "page": page.id,
                                    "heldout": page.heldout}) + "\n")
                n += 1
    return n


def read(path: Path) -> dict[str, dict]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {row["key"]: row for row in rows}


def difference(before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    """Lines saying which keys went and which came: counts by part and kind,
    and the tuning pages (never a held-out one)."""
    lines = [f"{len(before)} cards before, {len(after)} after"]
    for label, rows in (("gone", [r for k, r in before.items() if k not in after]),
                        ("new", [r for k, r in after.items() if k not in before])):
        lines += _summary(label, rows)
    return lines


def _summary(label: str, rows: Iterable[dict]) -> list[str]:
    rows = list(rows)
    counts = Counter(("held out" if r["heldout"] else "tuning", r["kind"]) for r in rows)
    out = [f"{label}: {n} {kind} ({part})" for (part, kind), n in sorted(counts.items())] or [f"{label}: none"]
    out += [f"  {label} on tuning page {r['page']} ({r['kind']})" for r in rows if not r["heldout"]]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    w.add_argument("--shown", action="store_true", help="the cards the verifier shows, not every candidate")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        print(f"{write(args.out, args.shown)} cards written to {args.out}")
    else:
        print("\n".join(difference(read(args.before), read(args.after))))


if __name__ == "__main__":
    main()

"""A second judge: how far two editors agree on the cards readers see.

    .venv/bin/python backend/eval/editor/agreement.py sample OUT_DIR [--pages N] [--batches K]
    .venv/bin/python backend/eval/editor/agreement.py score OUT_DIR LABEL_FILE...

``sample`` picks N pages that show at least one labelled card (both parts,
chosen by a hash of the page id, so the sample is fixed) and writes them
for a second judge in the same form as ``dump.py``: ``cards.jsonl``,
``texts.jsonl`` and ``batch-K.txt``. The second judge never sees the first
verdicts. ``score`` compares the second judge's verdicts with the stored
labels: raw agreement, Cohen's kappa over right / wrong / debatable, and
agreement on "right or not" (what precision counts). Nothing is stored as a
label: the figure is about the labels' reliability, not a new label set.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from pathlib import Path

from sidenote_eval.editor.cards import analyse, review_text, shown_cards
from sidenote_eval.editor.labels import VERDICTS, load_card_labels
from sidenote_eval.editor.pages import pages


def _order(page_id: str) -> str:
    return hashlib.sha1(f"agreement:{page_id}".encode()).hexdigest()


def sample(out: Path, n_pages: int, n_batches: int) -> None:
    labels = load_card_labels()
    chosen = sorted(pages(), key=lambda p: _order(p.id))
    out.mkdir(parents=True, exist_ok=True)
    texts: list[str] = []
    with (out / "cards.jsonl").open("w", encoding="utf-8") as cards, \
            (out / "texts.jsonl").open("w", encoding="utf-8") as page_texts:
        for page in chosen:
            if len(texts) >= n_pages:
                break
            doc = analyse(page)
            records = [c.record for c in shown_cards(page, doc) if c.key in labels]
            if not records:
                continue
            page_texts.write(json.dumps({"page": page.id, "text": doc.text}, ensure_ascii=False) + "\n")
            for r in records:
                cards.write(json.dumps(r, ensure_ascii=False) + "\n")
            texts.append(review_text(page, doc, records))
    for k in range(n_batches):
        (out / f"batch-{k + 1}.txt").write_text("".join(texts[k::n_batches]), encoding="utf-8")
    print(f"{len(texts)} pages in {n_batches} batches")


def kappa(pairs: list[tuple[str, str]], categories: tuple[str, ...]) -> float:
    """Cohen's kappa of two judges' verdicts on the same items."""
    n = len(pairs)
    if n == 0:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[c] * second[c] for c in categories) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def score(files: list[Path]) -> None:
    labels = load_card_labels()
    pairs = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                first = labels.get(row["key"])
                if first is not None:
                    pairs.append((first["verdict"], row["verdict"]))
    n = len(pairs)
    binary = [(a == "right", b == "right") for a, b in pairs]
    print(f"cards judged twice: {n}")
    print(f"agreement on the verdict: {sum(a == b for a, b in pairs) / n:.3f}; "
          f"Cohen's kappa {kappa(pairs, VERDICTS):.3f}")
    print(f"agreement on right / not right: {sum(a == b for a, b in binary) / n:.3f}; "
          f"Cohen's kappa {kappa([(str(a), str(b)) for a, b in binary], ('True', 'False')):.3f}")
    print(f"share right: first judge {sum(a for a, _ in binary) / n:.3f}, second {sum(b for _, b in binary) / n:.3f}")
    table = Counter(pairs)
    print("first \\ second: " + "; ".join(f"{a}/{b} {table[(a, b)]}" for a in VERDICTS for b in VERDICTS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample")
    s.add_argument("out", type=Path)
    s.add_argument("--pages", type=int, default=40)
    s.add_argument("--batches", type=int, default=2)
    c = sub.add_parser("score")
    c.add_argument("out", type=Path)
    c.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args()
    if args.command == "sample":
        sample(args.out, args.pages, args.batches)
    else:
        score(args.files)


if __name__ == "__main__":
    main()

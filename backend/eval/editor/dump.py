"""Write every candidate card on the editors' pages (before the verifier), for judging.

    .venv/bin/python backend/eval/editor/dump.py OUT_DIR [--batches N] [--only-unlabelled]
        [--part all|tuning|heldout] [--corpus news|prop|polnear|polnear-fresh|seed] [--exclude-dump DIR]

Writes ``OUT_DIR/cards.jsonl`` (one card a line, with its key),
``OUT_DIR/texts.jsonl`` (each page's ``article.text``) and, for the
editors, ``OUT_DIR/batch-K.txt``: pages with their text and cards, split
into N batches of about equal reading. With ``--only-unlabelled`` the
batches hold only pages that have a card with no label yet, and list only
those cards (a second round after a change). ``--part`` and ``--corpus``
keep one part's or one corpus's pages (new pages, judged whole for the
first time, with every page in the batches); ``--exclude-dump`` leaves out
the pages an earlier dump already gave the editors.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sidenote_eval.editor.cards import analyse, review_text, shown_cards
from sidenote_eval.editor.labels import load_card_labels
from sidenote_eval.editor.pages import pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--batches", type=int, default=8)
    parser.add_argument("--only-unlabelled", action="store_true")
    parser.add_argument("--part", choices=("all", "tuning", "heldout"), default="all")
    parser.add_argument("--corpus", help="only page ids starting with this corpus name")
    parser.add_argument("--exclude-dump", type=Path, help="leave out the pages of this earlier dump")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    labelled = set(load_card_labels()) if args.only_unlabelled else set()
    excluded = set()
    if args.exclude_dump:
        lines = (args.exclude_dump / "texts.jsonl").read_text(encoding="utf-8").splitlines()
        excluded = {json.loads(line)["page"] for line in lines}
    reviews: list[tuple[int, str]] = []
    with (args.out / "cards.jsonl").open("w", encoding="utf-8") as fh, \
            (args.out / "texts.jsonl").open("w", encoding="utf-8") as texts:
        for page in pages(args.part):
            if (args.corpus and page.corpus != args.corpus) or page.id in excluded:
                continue
            doc = analyse(page)
            texts.write(json.dumps({"page": page.id, "text": doc.text}, ensure_ascii=False) + "\n")
            records = [c.record for c in shown_cards(page, doc, candidates=True)]
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            if args.only_unlabelled:
                records = [r for r in records if r["key"] not in labelled]
                if not records:
                    continue
            text = review_text(page, doc, records)
            reviews.append((len(text), text))
    # greedy: longest page first into the lightest batch
    batches: list[list[str]] = [[] for _ in range(args.batches)]
    sizes = [0] * args.batches
    for size, text in sorted(reviews, reverse=True):
        k = sizes.index(min(sizes))
        batches[k].append(text)
        sizes[k] += size
    for k, texts in enumerate(batches):
        (args.out / f"batch-{k + 1}.txt").write_text("".join(sorted(texts)), encoding="utf-8")
    print(f"{len(reviews)} pages in {args.batches} batches; sizes {sizes}")


if __name__ == "__main__":
    main()

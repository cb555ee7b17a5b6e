"""Cards on neutral prose: loaded_framing cards per 1,000 words.

Mainstream news (the extraction benchmark's pages, through the full pipeline
from their HTML) against the propaganda corpus (its articles as text). The
gate: the rate on propaganda at least 4x the rate on mainstream news. Also
prints the other card kinds' rates, for reading. Prints; never asserts.

    .venv/bin/python backend/eval/eval_card_rate.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter

from sidenote.pipeline import analyze_html, analyze_text
from sidenote_eval.common import DATASETS

WORD = re.compile(r"\w+")
KINDS = ("loaded_framing", "single_source", "unverified_social_quote")


def rates(docs) -> tuple[int, Counter, int]:
    words, n = 0, 0
    cards: Counter[str] = Counter()
    for doc in docs:
        n += 1
        words += len(WORD.findall(doc.text))
        cards.update(c.kind for c in doc.cards)
    return words, cards, n


def news_docs(limit: int | None):
    folder = DATASETS / "extraction"
    truth = json.loads((folder / "ground-truth.json").read_text())
    for i, page in enumerate(sorted(truth)):
        if limit is not None and i >= limit:
            break
        html = gzip.decompress((folder / "html" / f"{page}.html.gz").read_bytes()).decode("utf-8", "replace")
        yield analyze_html(html, truth[page].get("url"))


def propaganda_docs(limit: int | None):
    for i, path in enumerate(sorted((DATASETS / "propaganda" / "articles").glob("article*.txt"))):
        if limit is not None and i >= limit:
            break
        yield analyze_text(path.read_text(encoding="utf-8"))


def main() -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per corpus (for a quick look)")
    args = parser.parse_args()
    table = {}
    for name, docs in (("mainstream news (extraction/)", news_docs(args.limit)),
                       ("propaganda articles (propaganda/)", propaganda_docs(args.limit))):
        words, cards, n = rates(docs)
        table[name] = {k: 1000 * cards[k] / max(words, 1) for k in KINDS}
        print(f"{name}: {n} articles, {words} words")
        for k in KINDS:
            print(f"  {k:26s} {cards[k]:5d} cards  {table[name][k]:6.2f} per 1,000 words")
    news, prop = table.values()
    ratio = prop["loaded_framing"] / news["loaded_framing"] if news["loaded_framing"] else float("inf")
    print(f"loaded_framing rate, propaganda / news: {ratio:.1f}x (target >= 4x)")
    print(f"RESULT\tcards on neutral prose\tloaded_framing per 1,000 words, propaganda / news\t"
          f"{prop['loaded_framing']:.2f} / {news['loaded_framing']:.2f} = {ratio:.1f}x\t-\t>= 4x")
    return {"news_rate": news["loaded_framing"], "propaganda_rate": prop["loaded_framing"], "ratio": ratio}


if __name__ == "__main__":
    main()

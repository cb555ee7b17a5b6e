"""Write a judging batch for real pages that are not editors' pages: a spot check.

    .venv/bin/python backend/eval/editor/spot_check.py OUT_DIR PAGE.html [PAGE.html ...]

Each page is analysed from its HTML, under its own canonical address when it
names one (``<link rel="canonical">`` or ``og:url``), as a reader's browser
would send it. Writes ``OUT_DIR/cards.jsonl`` (every candidate card, with
``shown``: whether the verifier lets a reader see it), ``OUT_DIR/texts.jsonl``
and ``OUT_DIR/batch-1.txt`` for the judges, who judge every candidate as if
it were shown (``review_text``: they do not see which are). Prints each page's
counts only, so that whoever runs it has not read the cards before they are
judged. Used for ``fresh-newspaper4k/`` (twelfth session).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from sidenote.pipeline import analyze_html
from sidenote.pipeline import cards as cards_stage
from sidenote_eval.editor.cards import card_record, review_text
from sidenote_eval.editor.pages import Page

_CANONICAL = (
    re.compile(r"<link[^>]+rel=[\"']canonical[\"'][^>]*href=[\"']([^\"']+)", re.IGNORECASE),
    re.compile(r"<meta[^>]+property=[\"']og:url[\"'][^>]*content=[\"']([^\"']+)", re.IGNORECASE),
)


def canonical_url(html: str) -> str | None:
    for pattern in _CANONICAL:
        m = pattern.search(html)
        if m:
            return m.group(1)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("pages", type=Path, nargs="+")
    parser.add_argument("--prefix", default="spot", help="page ids are PREFIX/<file name without .html>")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    reviews = []
    with (args.out / "cards.jsonl").open("w", encoding="utf-8") as cards, \
            (args.out / "texts.jsonl").open("w", encoding="utf-8") as texts:
        for path in args.pages:
            html = path.read_text(encoding="utf-8", errors="replace")
            url = canonical_url(html)
            doc = analyze_html(html, url)
            page = Page(id=f"{args.prefix}/{path.name.removesuffix('.html')}", kind="html", body="", url=url,
                        heldout=True)
            shown = {card_record(page.id, c)["key"] for c in doc.cards}
            records = [card_record(page.id, c) for c in cards_stage.candidates(doc)]
            for r in records:
                cards.write(json.dumps({**r, "shown": r["key"] in shown}, ensure_ascii=False) + "\n")
            texts.write(json.dumps({"page": page.id, "url": url, "text": doc.text}, ensure_ascii=False) + "\n")
            reviews.append(review_text(page, doc, records))
            print(f"{page.id}: {len(doc.text)} characters, {len(records)} candidates, {len(shown)} shown")
    (args.out / "batch-1.txt").write_text("".join(reviews), encoding="utf-8")


if __name__ == "__main__":
    main()

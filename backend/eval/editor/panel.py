"""A panel of judges: every card and every recorded miss judged by more than one editor.

    .venv/bin/python backend/eval/editor/panel.py write OUT_DIR --part heldout|tuning [--batches K] [--no-misses]
    .venv/bin/python backend/eval/editor/panel.py third OUT_DIR --part P [--batches K]
    .venv/bin/python backend/eval/editor/panel.py check OUT_DIR K ANSWERS.jsonl
    .venv/bin/python backend/eval/editor/panel.py adjudicate --part P

One judge per card proved lenient: a second judge, blind, found 48 % of a
sample right where the first found 76 % (Cohen's kappa 0.42 on right / not
right, ``agreement.py``). So each item gets up to three judges and the
majority decides, a rule fixed before any panel verdict was read:

- a card: the first judge's verdict (``cards-*.jsonl``) and a second
  judge's. If they agree, that is the verdict. If not, a third judge, blind
  to both, decides among them: the verdict two of the three gave, or
  ``debatable`` when all three differ (the rubric's "reasonable editors
  could disagree");
- a recorded clear miss: the first judge recorded it; a second judge says
  ``clear`` or ``not_clear`` (the rubric: a clear miss is one a careful
  editor would *definitely* flag). It stays a miss when the second judge
  or, where they differ, the third says ``clear``.

A card once judged right that the detectors no longer propose (a variant
of a card whose wording later changed) counts as a miss in ``make eval``;
it is judged as a proposed miss the same way, by its label key.

``write`` writes, for the second judge, every candidate card (before the
verifier: whatever the verifier shows later is among them), every
recorded miss and every right card no longer proposed on the part's
pages, with no verdict or reason:
``items.jsonl``, ``texts.jsonl`` and ``batch-K.txt``. Judges answer in
``labels/panel-<part>-second-b<K>.jsonl``: ``{"key", "verdict", "why"}``
for a card, ``{"miss", "verdict": "clear|not_clear", "why"}`` for a miss.
``third`` writes the items the first two split on, for a third judge
(``labels/panel-<part>-third-b<K>.jsonl``). ``adjudicate`` prints the
agreement and writes the outcome: ``labels/cards-r9-panel-<part>.jsonl``
(card labels that replace the first judge's, read last) and
``labels/miss-panel-<part>.jsonl`` (each miss's panel verdict;
``labels.load_misses`` drops the ones the panel found not clear).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from sidenote_eval.editor.agreement import kappa
from sidenote_eval.editor.cards import analyse, review_text, shown_cards
from sidenote_eval.editor.labels import LABELS, VERDICTS, load_card_labels, load_recorded_misses, miss_id
from sidenote_eval.editor.pages import pages

MISS_VERDICTS = ("clear", "not_clear")


def _misses_text(misses: list[dict]) -> str:
    lines = ["PROPOSED CLEAR MISSES (is each one a case a careful editor would definitely flag with this kind?):"]
    for m in misses:
        lines.append(f"[{miss_id(m)}] kind={m['kind']} words: «{m['exact']}»")
    return "\n".join(lines) + "\n\n"


def _gone(text: str, row: dict, candidates: list) -> bool:
    """A card once judged right that the detectors no longer propose (no
    candidate of its kind overlaps it) on text that still reads the same:
    it counts as a miss, so it is judged as a proposed miss. (A right card
    the verifier hides is the product's choice, and stays a miss.)"""
    if text[row["start"] : row["end"]] != row["anchor"]:
        return False
    return not any(c.kind == row["kind"] and c.start < row["end"] and row["start"] < c.end for c in candidates)


def _gone_text(rows: list[dict]) -> str:
    lines = ["PROPOSED CLEAR MISSES, cards no longer shown (is each a case a careful editor would definitely "
             "want carded, as the card says?):"]
    for r in rows:
        lines.append(f"[{r['key']}] kind={r['kind']} voice={r.get('voice')}")
        lines.append(f"  title: {r.get('title', '')}")
        lines.append(f"  body: {r.get('body', '')}")
        lines.append(f"  anchor: «{r['anchor']}»")
        for e in r.get("evidence", []):
            lines.append(f"  evidence: «{e['exact']}» ({e['label']})")
    return "\n".join(lines) + "\n\n"


def _write(out: Path, part: str, n_batches: int, want_card, want_miss, with_misses: bool) -> None:
    """Pages with something to judge, in batches of about equal reading."""
    labels = load_card_labels()
    misses_by_page: dict[str, list[dict]] = {}
    for m in load_recorded_misses():
        misses_by_page.setdefault(m["page"], []).append(m)
    right_by_page: dict[str, list[dict]] = {}
    for row in labels.values():
        if row["verdict"] == "right" and "page" in row:
            right_by_page.setdefault(row["page"], []).append(row)
    out.mkdir(parents=True, exist_ok=True)
    reviews: list[tuple[int, str]] = []
    counts: Counter[str] = Counter()
    with (out / "items.jsonl").open("w", encoding="utf-8") as items, \
            (out / "texts.jsonl").open("w", encoding="utf-8") as texts:
        for page in pages(part):
            doc = analyse(page)
            candidates = list(shown_cards(page, doc, candidates=True))
            records = [c.record for c in candidates if c.key in labels and want_card(c.key)]
            misses = [m for m in misses_by_page.get(page.id, [])
                      if with_misses and doc.text.find(m["exact"]) >= 0 and want_miss(miss_id(m))]
            gone = [r for r in right_by_page.get(page.id, [])
                    if with_misses and want_miss(r["key"]) and _gone(doc.text, r, candidates)]
            if not records and not misses and not gone:
                continue
            texts.write(json.dumps({"page": page.id, "text": doc.text}, ensure_ascii=False) + "\n")
            for r in records:
                items.write(json.dumps({"key": r["key"], **r}, ensure_ascii=False) + "\n")
            for m in misses:
                items.write(json.dumps({"miss": miss_id(m), "page": m["page"], "kind": m["kind"],
                                        "exact": m["exact"]}, ensure_ascii=False) + "\n")
            for r in gone:
                items.write(json.dumps({"miss": r["key"], "page": r["page"], "kind": r["kind"],
                                        "anchor": r["anchor"]}, ensure_ascii=False) + "\n")
            counts["cards"] += len(records)
            counts["misses"] += len(misses) + len(gone)
            text = (review_text(page, doc, records) + (_misses_text(misses) if misses else "")
                    + (_gone_text(gone) if gone else ""))
            reviews.append((len(text), text))
    batches: list[list[str]] = [[] for _ in range(n_batches)]
    sizes = [0] * n_batches
    for size, text in sorted(reviews, reverse=True):  # longest page first into the lightest batch
        k = sizes.index(min(sizes))
        batches[k].append(text)
        sizes[k] += size
    for k, texts_k in enumerate(batches):
        (out / f"batch-{k + 1}.txt").write_text("".join(sorted(texts_k)), encoding="utf-8")
    print(f"{len(reviews)} pages, {counts['cards']} cards, {counts['misses']} misses in {n_batches} batches; "
          f"sizes {sizes}")


def _verdicts(part: str, judge: str) -> tuple[dict[str, str], dict[str, str]]:
    """A judge's verdicts on cards (by key) and misses (by id)."""
    cards: dict[str, str] = {}
    misses: dict[str, str] = {}
    paths = sorted(LABELS.glob(f"panel-{part}-{judge}-b*.jsonl"))
    if judge == "second":
        # the earlier blind second judge on a sample of shown cards (agreement.py)
        paths = sorted(LABELS.glob("second-judge-b*.jsonl")) + paths
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if "miss" in row:
                if row.get("verdict") not in MISS_VERDICTS:
                    raise SystemExit(f"{path.name}:{n}: a miss's verdict must be one of {MISS_VERDICTS}")
                misses[row["miss"]] = row["verdict"]
            else:
                if row.get("verdict") not in VERDICTS:
                    raise SystemExit(f"{path.name}:{n}: a card's verdict must be one of {VERDICTS}")
                cards[row["key"]] = row["verdict"]
    return cards, misses


def _settled() -> set[str]:
    """Cards a panel already decided: the posts copied as text, judged by
    three and more judges (``cards-r7-adjudicated.jsonl``)."""
    path = LABELS / "cards-r7-adjudicated.jsonl"
    return {json.loads(line)["key"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def majority(votes: list[str], split: str) -> str:
    """The verdict most judges gave; ``split`` when no two agree."""
    top, n = Counter(votes).most_common(1)[0]
    return top if n >= 2 or len(votes) == 1 else split


def adjudicate(part: str) -> None:
    first = load_card_labels(panel=False)
    second_cards, second_misses = _verdicts(part, "second")
    third_cards, third_misses = _verdicts(part, "third")
    in_part = {p.id for p in pages(part)}
    pairs = [(first[k]["verdict"], v) for k, v in second_cards.items()
             if k in first and first[k].get("page") in in_part]
    if pairs:
        binary = [(str(a == "right"), str(b == "right")) for a, b in pairs]
        print(f"cards judged twice: {len(pairs)}; agreement {sum(a == b for a, b in pairs) / len(pairs):.3f}, "
              f"kappa {kappa(pairs, VERDICTS):.3f}; right / not right kappa {kappa(binary, ('True', 'False')):.3f}; "
              f"share right first {sum(a == 'True' for a, _ in binary) / len(pairs):.3f}, "
              f"second {sum(b == 'True' for _, b in binary) / len(pairs):.3f}")
    settled = _settled()
    rows, undecided = [], 0
    for key, v2 in sorted(second_cards.items()):
        row = first.get(key)
        if row is None or row.get("page") not in in_part or key in settled:
            continue
        votes = [row["verdict"], v2]
        if votes[0] != v2:
            if key not in third_cards:
                undecided += 1
                continue
            votes.append(third_cards[key])
        verdict = majority(votes, "debatable")
        rows.append({**row, "verdict": verdict, "why": f"panel {'/'.join(votes)}: {row.get('why', '')}"})
    (LABELS / f"cards-r9-panel-{part}.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    miss_rows, miss_undecided = [], 0
    for mid, v2 in sorted(second_misses.items()):
        votes = ["clear", v2]
        if v2 != "clear":
            if mid not in third_misses:
                miss_undecided += 1
                continue
            votes.append(third_misses[mid])
        miss_rows.append({"miss": mid, "verdict": majority(votes, "not_clear"), "votes": votes})
    (LABELS / f"miss-panel-{part}.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in miss_rows), encoding="utf-8")
    kept = Counter(r["verdict"] for r in rows)
    print(f"cards decided: {len(rows)} ({dict(kept)}); waiting for a third judge: {undecided}")
    print(f"misses decided: {len(miss_rows)} ({dict(Counter(r['verdict'] for r in miss_rows))}); "
          f"waiting for a third judge: {miss_undecided}")


def check(out: Path, batch: int, answers: Path) -> int:
    """Every item of ``batch-<batch>.txt`` answered once, with a valid verdict."""
    listed = set(re.findall(r"^\[([0-9a-f]{16})\]", (out / f"batch-{batch}.txt").read_text(encoding="utf-8"), re.M))
    seen: Counter[str] = Counter()
    problems = 0
    for n, line in enumerate(answers.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            print(f"line {n}: not JSON ({exc})")
            problems += 1
            continue
        item = row.get("key") or row.get("miss")
        allowed = MISS_VERDICTS if "miss" in row else VERDICTS
        if item not in listed:
            print(f"line {n}: {item!r} is not an item of batch {batch}")
            problems += 1
        elif row.get("verdict") not in allowed:
            print(f"line {n}: verdict must be one of {allowed}")
            problems += 1
        elif not str(row.get("why", "")).strip():
            print(f"line {n}: give a one-line reason in 'why'")
            problems += 1
        seen[item] += 1
    for item in sorted(listed - set(seen)):
        print(f"not answered: {item}")
        problems += 1
    for item, k in seen.items():
        if k > 1:
            print(f"answered {k} times: {item}")
            problems += 1
    print(f"{len(listed)} items, {len(set(seen) & listed)} answered, {problems} problems")
    return 1 if problems else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("write", "third"):
        s = sub.add_parser(name)
        s.add_argument("out", type=Path)
        s.add_argument("--part", choices=("heldout", "tuning"), required=True)
        s.add_argument("--batches", type=int, default=2)
        s.add_argument("--no-misses", action="store_true")
    c = sub.add_parser("check")
    c.add_argument("out", type=Path)
    c.add_argument("batch", type=int)
    c.add_argument("answers", type=Path)
    a = sub.add_parser("adjudicate")
    a.add_argument("--part", choices=("heldout", "tuning"), required=True)
    args = parser.parse_args()
    if args.command == "adjudicate":
        adjudicate(args.part)
        return
    if args.command == "check":
        raise SystemExit(check(args.out, args.batch, args.answers))
    if args.command == "write":
        second_cards, second_misses = _verdicts(args.part, "second")
        settled = _settled()
        _write(args.out, args.part, args.batches, lambda k: k not in second_cards and k not in settled,
               lambda m: m not in second_misses, not args.no_misses)
        return
    first = load_card_labels(panel=False)
    second_cards, second_misses = _verdicts(args.part, "second")
    third_cards, third_misses = _verdicts(args.part, "third")
    _write(args.out, args.part, args.batches,
           lambda k: k in second_cards and k in first and second_cards[k] != first[k]["verdict"]
           and k not in third_cards,
           lambda m: second_misses.get(m) == "not_clear" and m not in third_misses, not args.no_misses)


if __name__ == "__main__":
    main()

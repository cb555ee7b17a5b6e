"""Experiment: does the social-quote verifier gain from learning on the
invented hard cases (``backend/eval/redteam``) as well as the tuning pages?

The linear model alone (no encoder: it reads only loaded_framing cards).
Two measures, neither on a held-out page:

- nested, on the tuning pages' social-quote cards: each fold's cards scored
  by a model fitted on the other folds (plus, in the trial, every invented
  card of the training sets), shown at the expected-utility threshold of
  the other folds' real verdicts;
- on ``election2`` (written to reproduce the fresh election pages' errors,
  never trained on here): a model fitted on all tuning cards (plus, in the
  trial, the other invented sets) scores its candidates.

    .venv/bin/python backend/experiments/verifier_with_invented.py

Result (twentieth session): tuning pages only, nested 105 shown, 96 right,
5 wrong, 4 debatable (utility 67; the shipped model's figure), election2
37 shown, 35 right, 2 wrong (utility 25). With social + election: nested
135 shown, 114 right, 15 wrong, 6 debatable (utility 33); election2 72
shown, 67 right, 5 wrong (utility 42). The invented cards teach the model
that posts are right far more often than on real pages, and on the tuning
pages it then shows three times as many wrong cards: not shipped.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from sidenote.pipeline import cards as cards_stage
from sidenote.verifier import card_features
from sidenote.verifier.features import page_features
from sidenote_eval.editor.cards import analyse
from sidenote_eval.editor.pages import Page
from sidenote_train.train_verifier import (
    DEBATABLE_COST,
    L2,
    WRONG_COST,
    collect,
    fit,
    fold_of,
    matrix,
    vocabulary,
)
from sidenote_train.verifier_thresholds import expected_utility_threshold

KIND = "unverified_social_quote"
REDTEAM = Path(__file__).resolve().parents[1] / "eval" / "redteam"
VERDICT = {True: "right", False: "wrong", "debatable": "debatable"}


def invented(name: str) -> tuple[list[list[str]], list[str]]:
    """Features and keyed verdicts of the set's social-quote candidates that
    cover a keyed case."""
    keys = [json.loads(line) for line in (REDTEAM / name / "key.jsonl").read_text().splitlines() if line.strip()]
    feats, verdicts = [], []
    for path in sorted([*(REDTEAM / name).glob("*.html"), *(REDTEAM / name).glob("*.txt")]):
        html = path.suffix == ".html"
        page = Page(f"{name}/{path.stem}", "html" if html else "text", path.read_text(encoding="utf-8"),
                    f"https://invented.example/{name}/{path.stem}" if html else None, False)
        doc = analyse(page)
        candidates = cards_stage.candidates(doc)
        page_f = page_features(doc, candidates)
        for card in candidates:
            if card.kind != KIND:
                continue
            case = next((k for k in keys if k["page"] == path.stem and doc.text.find(k["exact"]) >= 0
                         and card.anchor.start <= doc.text.find(k["exact"]) < card.anchor.end), None)
            if case is None:
                continue

            feats.append(card_features(doc, card, page_f))
            verdicts.append(VERDICT[case["should_flag"]])
    return feats, verdicts


def probabilities(train_f, train_y, test_f) -> np.ndarray:
    vocab = vocabulary(train_f)
    b, w = fit(matrix(train_f, vocab), np.array(train_y), L2)
    return 1 / (1 + np.exp(-(matrix(test_f, vocab) @ w + b)))


def tally(verdicts: list[str]) -> str:
    r, w, d = (verdicts.count(x) for x in ("right", "wrong", "debatable"))
    utility = r - WRONG_COST * w - DEBATABLE_COST * d
    return f"{len(verdicts)} shown, {r} right, {w} wrong, {d} debatable; utility {utility:.0f}"


def main() -> None:
    feats, y, kinds, verdicts, groups, _, _ = collect()
    idx = [i for i, k in enumerate(kinds) if k.split("/")[0] == KIND]
    real_f = [feats[i] for i in idx]
    real_v = [verdicts[i] for i in idx]
    folds = np.array([fold_of(groups[i]) for i in idx])
    extra = {name: invented(name) for name in ("social", "election", "election2")}
    for name, (_, v) in extra.items():
        print(f"{name}: {len(v)} keyed candidates, {v.count('right')} right, {v.count('wrong')} wrong")

    for label, train_sets in (("tuning pages only", ()), ("with social + election", ("social", "election"))):
        add_f = [x for n in train_sets for x in extra[n][0]]
        add_y = [1.0 if v == "right" else 0.0 for n in train_sets for v in extra[n][1]]
        shown: list[str] = []
        for k in sorted(set(folds)):
            tr = [i for i in range(len(idx)) if folds[i] != k]
            te = [i for i in range(len(idx)) if folds[i] == k]
            p = probabilities([real_f[i] for i in tr] + add_f,
                              [1.0 if real_v[i] == "right" else 0.0 for i in tr] + add_y, [real_f[i] for i in te])
            t = expected_utility_threshold([real_v[i] for i in tr], WRONG_COST, DEBATABLE_COST)
            shown += [real_v[i] for i, pi in zip(te, p) if pi >= t]
        print(f"{label}: nested on the tuning pages: {tally(shown)}")
        e2_f, e2_v = extra["election2"]
        p = probabilities(real_f + add_f, [1.0 if v == "right" else 0.0 for v in real_v] + add_y, e2_f)
        t = expected_utility_threshold(real_v, WRONG_COST, DEBATABLE_COST)
        print(f"{label}: election2 at {t:.3f}: {tally([v for v, pi in zip(e2_v, p) if pi >= t])} "
              f"(all candidates: {tally(e2_v)})")


if __name__ == "__main__":
    main()

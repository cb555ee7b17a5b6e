"""Measure the loaded-wording span finder on SemEval-2020 Task 11 (PTC).

Run from the repository root:

    .venv/bin/python backend/eval/eval_propaganda.py [--data PATH] [--extraction PATH]

Data: ``<repo>/../shared/datasets/propaganda`` (articles/article<ID>.txt and
techniques.labels) and, for the rate comparison, the extraction set's
ground-truth article bodies.

Split (shared with backend/train/train_framing.py): articles are ordered by
the SHA-1 hex digest of their ID string; the first ceil(20%) in that order
are held out and never used for training or tuning. Only the held-out part
is reported here.

Metric (Da San Martino et al. 2019, the SemEval-2020 span-identification
scorer): overlapping spans of a side are merged first; then
P = (1/|S|) sum_s sum_t |s&t|/|s|, R = (1/|T|) sum_t sum_s |s&t|/|t|, over all
spans of the held-out articles. Published reference: the best SemEval-2020
system reached F1 0.516 on span identification over all 14 techniques.

This script prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sidenote.detectors.loaded_framing import detect
from sidenote.doc import Doc
from sidenote.framing import find_loaded_spans
from sidenote.framing.spans import MODEL_GROW, MODEL_THRESHOLD, MODEL_VETO
from sidenote.framing.tokens import quote_regions
from sidenote.framing.types import NAMING_LABELS
from sidenote.pipeline import attribution, quotes, sentences
from sidenote.pipeline.extract import from_text
from sidenote_eval.common import DATASETS

TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling")
HELDOUT_SHARE = 0.2
PUBLISHED_BEST = 0.516

Span = tuple[int, int]


@dataclass(frozen=True)
class PtcArticle:
    id: str
    text: str
    gold: dict[str, tuple[Span, ...]]  # technique -> spans


def load_ptc(root: Path, techniques: Sequence[str] = TECHNIQUES) -> list[PtcArticle]:
    labels: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    with (root / "techniques.labels").open(encoding="utf-8") as fh:
        for line in fh:
            aid, tech, begin, end = line.rstrip("\n").split("\t")
            if tech in techniques:
                labels[aid][tech].append((int(begin), int(end)))
    out = []
    for path in sorted((root / "articles").glob("article*.txt")):
        aid = path.stem.removeprefix("article")
        gold = {t: tuple(sorted(labels[aid][t])) for t in techniques}
        out.append(PtcArticle(aid, path.read_text(encoding="utf-8"), gold))
    return out


def split_ids(ids: Iterable[str]) -> tuple[list[str], list[str]]:
    """(train, heldout): order by sha1(id); the first ceil(20%) are held out."""
    order = sorted(ids, key=lambda i: hashlib.sha1(i.encode()).hexdigest())
    n_held = math.ceil(len(order) * HELDOUT_SHARE)
    return sorted(order[n_held:]), sorted(order[:n_held])


def merge(spans: Iterable[Span]) -> list[Span]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


@dataclass(frozen=True)
class Score:
    p: float
    r: float
    n_pred: int
    n_gold: int

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def span_prf(pairs: Iterable[tuple[Sequence[Span], Sequence[Span]]]) -> Score:
    """Partial-overlap P/R over (predicted, gold) span lists, one pair per article."""
    p_sum = r_sum = 0.0
    n_s = n_t = 0
    for pred, gold in pairs:
        s_m, t_m = merge(pred), merge(gold)
        n_s += len(s_m)
        n_t += len(t_m)
        for s in s_m:
            p_sum += sum(max(0, min(s[1], t[1]) - max(s[0], t[0])) for t in t_m) / (s[1] - s[0])
        for t in t_m:
            r_sum += sum(max(0, min(s[1], t[1]) - max(s[0], t[0])) for s in s_m) / (t[1] - t[0])
    return Score(p_sum / n_s if n_s else 0.0, r_sum / n_t if n_t else 0.0, n_s, n_t)


def technique_of(label: str) -> str:
    return "Name_Calling,Labeling" if label in NAMING_LABELS else "Loaded_Language"


WORD_RE = re.compile(r"\w+")


def outlet_rate(texts: Sequence[str]) -> tuple[float, int, int]:
    """Spans per 1,000 words outside double-quoted text (outlet voice only)."""
    n_spans = n_words = 0
    for text in texts:
        regions = quote_regions(text)
        n_words += len(WORD_RE.findall(text))
        for sp in find_loaded_spans(text):
            if not any(qs <= sp.start < qe for qs, qe in regions):
                n_spans += 1
    return (1000.0 * n_spans / n_words if n_words else 0.0), n_spans, n_words


def card_rate(texts: Sequence[str]) -> tuple[float, float, int]:
    """loaded_framing cards per 1,000 words from the real detector, on Docs
    built by the pipeline's own sentence, quote and attribution stages
    (all cards, and outlet-voice cards only)."""
    n_all = n_outlet = n_words = 0
    for text in texts:
        doc = attribution.attribute(quotes.find(sentences.split(Doc(article=from_text(text)))))
        cards = detect(doc)
        n_all += len(cards)
        n_outlet += sum(1 for c in cards if c.voice == "outlet")
        n_words += len(WORD_RE.findall(text))
    return 1000.0 * n_all / n_words, 1000.0 * n_outlet / n_words, n_words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATASETS / "propaganda")
    ap.add_argument("--extraction", type=Path, default=DATASETS / "extraction" / "ground-truth.json")
    ap.add_argument("--show-errors", type=int, default=0, help="print N held-out errors")
    args = ap.parse_args()

    articles = load_ptc(args.data)
    _, held = split_ids(a.id for a in articles)
    held_set = set(held)
    test = [a for a in articles if a.id in held_set]
    print(f"PTC articles: {len(articles)}; held out (sha1 order, first 20%): {len(test)}")
    print(f"token model decoder (chosen out of fold on the training part): threshold {MODEL_THRESHOLD}, "
          f"grow {MODEL_GROW}, weight-word veto {MODEL_VETO}")

    n_words = sum(len(WORD_RE.findall(a.text)) for a in test)
    times = []
    for _ in range(2):  # the first pass also fills the per-word caches
        t0 = time.perf_counter()
        preds = {a.id: find_loaded_spans(a.text) for a in test}
        times.append(time.perf_counter() - t0)
    print(f"finder time per 1,000 words: {1e6 * times[0] / n_words:.2f} ms cold, "
          f"{1e6 * times[1] / n_words:.2f} ms warm")

    def pred_of(aid: str, tech: str | None) -> list[Span]:
        return [(s.start, s.end) for s in preds[aid] if tech is None or technique_of(s.label) == tech]

    merged = span_prf((pred_of(a.id, None), [sp for t in TECHNIQUES for sp in a.gold[t]]) for a in test)
    print(f"\n{'held-out span identification':40s}   P      R      F1    #pred  #gold")
    print(f"{'Loaded_Language + Name_Calling (merged)':40s} {merged.p:.3f}  {merged.r:.3f}  {merged.f1:.3f}  "
          f"{merged.n_pred:5d}  {merged.n_gold:5d}")
    for tech in TECHNIQUES:
        sc = span_prf((pred_of(a.id, tech), a.gold[tech]) for a in test)
        print(f"{tech:40s} {sc.p:.3f}  {sc.r:.3f}  {sc.f1:.3f}  {sc.n_pred:5d}  {sc.n_gold:5d}")
    rules_only = span_prf(
        (
            [(s.start, s.end) for s in find_loaded_spans(a.text, use_model=False)],
            [sp for t in TECHNIQUES for sp in a.gold[t]],
        )
        for a in test
    )
    print(f"{'  word lists and rules only (merged)':40s} {rules_only.p:.3f}  {rules_only.r:.3f}  {rules_only.f1:.3f}  "
          f"{rules_only.n_pred:5d}  {rules_only.n_gold:5d}")
    print(f"published best SemEval-2020 span identification (all 14 techniques): F1 {PUBLISHED_BEST}")
    print(f"RESULT\tloaded language + name-calling spans (propaganda/, {len(test)} held-out articles)\t"
          f"span F1, partial overlap\t{merged.f1:.3f}\t"
          f"best SemEval-2020 system {PUBLISHED_BEST} (all techniques)\t>= 0.50")

    prop_texts = [a.text for a in test]
    rate_p, n_p, w_p = outlet_rate(prop_texts)
    print("\nfinder spans per 1,000 words outside double quotes (all spans, any score):")
    print(f"  held-out propaganda: {rate_p:.2f} ({n_p} in {w_p} words)")
    if args.extraction.exists():
        bodies = [v["articleBody"] for v in json.loads(args.extraction.read_text(encoding="utf-8")).values()]
        rate_m, n_m, w_m = outlet_rate(bodies)
        print(f"  mainstream (extraction articleBody): {rate_m:.2f} ({n_m} in {w_m} words)")
        print(f"  ratio: {rate_p / rate_m if rate_m else float('inf'):.2f}")
        try:
            cp_all, cp_out, _ = card_rate(prop_texts)
            cm_all, cm_out, _ = card_rate(bodies)
        except ImportError as exc:  # the pipeline stages are not all in place yet
            print(f"card rate skipped: {exc}")
        else:
            print("loaded_framing cards per 1,000 words (detector on the pipeline's sentences and quotes):")
            print(f"  held-out propaganda: {cp_all:.2f} (outlet voice {cp_out:.2f})")
            print(f"  mainstream:          {cm_all:.2f} (outlet voice {cm_out:.2f})")
            print(f"  ratio (gate: >= 4): {cp_all / cm_all if cm_all else float('inf'):.2f} all, "
                  f"{cp_out / cm_out if cm_out else float('inf'):.2f} outlet voice")

    if args.show_errors:
        show_errors(test, preds, args.show_errors)


def show_errors(test: Sequence[PtcArticle], preds: dict, limit: int) -> None:
    """False positives (no overlap with gold) and misses (no overlap with a prediction)."""
    fps, fns = [], []
    for a in test:
        gold = merge(sp for t in TECHNIQUES for sp in a.gold[t])
        pred = merge((s.start, s.end) for s in preds[a.id])
        for s in pred:
            if not any(s[0] < t[1] and t[0] < s[1] for t in gold):
                fps.append((a, s))
        for t in gold:
            if not any(s[0] < t[1] and t[0] < s[1] for s in pred):
                fns.append((a, t))
    for name, items in (("FALSE POSITIVES", fps), ("MISSES", fns)):
        print(f"\n{name} ({len(items)}), first {limit}:")
        for a, (start, end) in items[:limit]:
            ctx = a.text[max(0, start - 50) : end + 50].replace("\n", " ")
            print(f"  [{a.id}] {a.text[start:end]!r}  ...{ctx}...")


if __name__ == "__main__":
    main()

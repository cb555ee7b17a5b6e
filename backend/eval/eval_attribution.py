"""Measure the attribution stage on PolNeAR 1.0 (dev by default).

Prints figures; asserts nothing. Run from the repo root:

    .venv/bin/python backend/eval/eval_attribution.py [--split dev|train] [--data PATH]

Gold: brat ``T`` lines of type Source, Cue and Content (a discontinuous span
counts as the union of its fragments). Several annotators labelled some
articles; we score each article against ONE annotation file, picked
deterministically as the first annotator suffix in sorted order, and also
print the micro average over every annotation file as a second view.

Matching, per span type (micro over all articles):
- exact: a predicted span equals a gold span (first start and last end).
- token overlap: tokens are ``\\w+`` matches; a predicted span matches a gold
  one when they share at least one token. P = matched predictions /
  predictions, R = matched gold spans / gold spans, F1 = 2PR / (P + R).
Three predictors are scored (``--predictor``, all by default):
- stage: the attribution stage the product runs (the rules, then the learned
  tagger for sources the rules missed). For every Attribution: source_span
  (the mention that credits, pronouns included) as Source, cue as Cue,
  content as Content.
- rules: the same stage without the tagger (``attribute_rules``).
- with_tagger: the rules, then the tagger's sources that pass the stage's
  plausibility filters (``attribute_with_tagger``; what USE_TAGGER would ship).
- tagger: the learned token tagger alone (sidenote/attribution/model.py,
  trained by backend/train/train_attribution.py), which reads the rules'
  output as features; maximal runs of one label are its spans.
Time is wall-clock and shares the machine with whatever else runs.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sidenote.doc import Article, Block, Doc
from sidenote.pipeline import through
from sidenote.pipeline.attribution import (
    USE_TAGGER,
    attribute,
    attribute_rules,
    attribute_with_tagger,
)
from sidenote_eval.common import DATASETS

DATA = DATASETS / "attribution"
KINDS = ("Source", "Cue", "Content")
PUBLISHED = {  # BBC Citron on PARC 3.0 (a different corpus), same metrics
    ("Source", "overlap"): 0.853, ("Source", "exact"): 0.820,
    ("Cue", "exact"): 0.823, ("Content", "overlap"): 0.833,
}
_WORD = re.compile(r"\w+")
_PARA = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")

Frag = tuple[tuple[int, int], ...]


def load_gold(path: Path) -> dict[str, set[Frag]]:
    gold: dict[str, set[Frag]] = {k: set() for k in KINDS}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        kind, _, offs = parts[1].partition(" ")
        if kind not in gold:
            continue
        frags = tuple(tuple(int(x) for x in f.split()) for f in offs.split(";"))
        gold[kind].add(frags)  # type: ignore[arg-type]
    return gold


def make_doc(text: str) -> Doc:
    blocks = tuple(Block("paragraph", m.start(), m.end()) for m in _PARA.finditer(text))
    return Doc(article=Article(text=text, blocks=blocks))


EARLIER_STAGES = "pipeline sentences+quotes"


def earlier_stages(doc: Doc) -> Doc:
    """What the product runs before the attribution stage, which reads what
    they fill: the sentences and quotes stages."""
    return through("quotes", doc)


def predict_tagger(doc: Doc) -> dict[str, set[Frag]]:
    """Spans from the learned token tagger alone (rules output as features)."""
    from sidenote.attribution.model import tag

    out = attribute_rules(doc)
    spans = tag(doc.text, [s.start for s in out.sentences], out.attributions)
    return {k: {((sp.start, sp.end),) for sp in v} for k, v in spans.items()}


def predict(doc: Doc) -> dict[str, set[Frag]]:
    return _from_attributions(attribute(doc))


def predict_with_tagger(doc: Doc) -> dict[str, set[Frag]]:
    return _from_attributions(attribute_with_tagger(doc))


def _from_attributions(out: Doc) -> dict[str, set[Frag]]:
    pred: dict[str, set[Frag]] = {k: set() for k in KINDS}
    for a in out.attributions:
        if a.source_span:
            pred["Source"].add(((a.source_span.start, a.source_span.end),))
        if a.cue:
            pred["Cue"].add(((a.cue.start, a.cue.end),))
        pred["Content"].add(((a.content.start, a.content.end),))
    return pred


@dataclass
class Tally:
    n_pred: int = 0
    n_gold: int = 0
    hits: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def add(self, text_tokens: list[tuple[int, int]], pred: set[Frag], gold: set[Frag]) -> None:
        self.n_pred += len(pred)
        self.n_gold += len(gold)
        hull = lambda f: (f[0][0], f[-1][1])  # noqa: E731
        gh = {hull(g) for g in gold}
        ph = {hull(p) for p in pred}
        self.hits["exact"][0] += sum(1 for p in ph if p in gh)
        self.hits["exact"][1] += sum(1 for g in gh if g in ph)
        ptoks = [tokens_of(text_tokens, p) for p in pred]
        gtoks = [tokens_of(text_tokens, g) for g in gold]
        self.hits["overlap"][0] += sum(1 for p in ptoks if any(p & g for g in gtoks))
        self.hits["overlap"][1] += sum(1 for g in gtoks if any(p & g for p in ptoks))

    def prf(self, how: str) -> tuple[float, float, float]:
        hp, hg = self.hits[how]
        p = hp / self.n_pred if self.n_pred else 0.0
        r = hg / self.n_gold if self.n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def tokens_of(text_tokens: list[tuple[int, int]], frags: Frag) -> set[int]:
    return {i for i, (s, e) in enumerate(text_tokens) for fs, fe in frags if s < fe and fs < e}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--errors", type=int, default=0, help="print this many source errors")
    ap.add_argument("--predictor", default="all", choices=("stage", "with_tagger", "tagger", "all"),
                    help="the attribution stage as the product runs it, the stage with the "
                         "learned tagger switched on, the tagger alone, or all three")
    args = ap.parse_args()
    folder = args.data / args.split
    prep, how = earlier_stages, EARLIER_STAGES
    chosen = ("stage", "with_tagger", "tagger") if args.predictor == "all" else (args.predictor,)
    in_product = "rules + tagger" if USE_TAGGER else "rules"
    predictors = {
        "stage": (predict, f"attribution stage as shipped ({in_product})"),
        "with_tagger": (predict_with_tagger, "rules + linear tagger"),
        "tagger": (predict_tagger, "linear token tagger alone"),
    }
    for n, name in enumerate(chosen):
        if n:
            print("\n" + "=" * 72 + "\n")
        score(args, folder, prep, how, *predictors[name])


def score(args: argparse.Namespace, folder: Path, prep: Callable[[Doc], Doc], how: str,
          predictor: Callable[[Doc], dict[str, set[Frag]]], label_: str) -> None:
    by_article: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((folder / "attributions").glob("*.ann")):
        by_article[ann.stem.rsplit("_", 1)[0]].append(ann)
    one = {k: Tally() for k in KINDS}
    every = {k: Tally() for k in KINDS}
    seconds = 0.0
    words = 0
    errors: list[str] = []
    for name, anns in sorted(by_article.items()):
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        text_tokens = [m.span() for m in _WORD.finditer(text)]
        doc = prep(make_doc(text))
        t0 = time.perf_counter()
        pred = predictor(doc)
        seconds += time.perf_counter() - t0
        words += len(text.split())
        for i, ann in enumerate(anns):
            gold = load_gold(ann)
            for k in KINDS:
                every[k].add(text_tokens, pred[k], gold[k])
                if i == 0:
                    one[k].add(text_tokens, pred[k], gold[k])
            if i == 0 and len(errors) < args.errors:
                errors += source_errors(text, pred["Source"], gold["Source"])
    print(f"predictions: {label_}")
    print(f"PolNeAR {args.split}: {len(by_article)} articles, "
          f"{sum(len(v) for v in by_article.values())} annotation files; stages before: {how}")
    print(f"predictor time: {1000 * seconds / max(1, len(by_article)):.2f} ms/article, "
          f"{1000 * seconds / max(1, words) * 1000:.2f} ms per 1,000 words")
    for label, tallies in (("first annotator per article", one), ("every annotation file", every)):
        print(f"\n[{label}]")
        print(f"{'span':8} {'match':8} {'P':>6} {'R':>6} {'F1':>6}   published (Citron, PARC 3.0)")
        for k in KINDS:
            for m in ("exact", "overlap"):
                p, r, f = tallies[k].prf(m)
                pub = PUBLISHED.get((k, m))
                print(f"{k:8} {m:8} {p:6.3f} {r:6.3f} {f:6.3f}   {pub if pub else ''}")
            print(f"{'':8} {'counts':8} pred={tallies[k].n_pred} gold={tallies[k].n_gold}")
    _, _, f_exact = one["Source"].prf("exact")
    _, _, f_overlap = one["Source"].prf("overlap")
    print(f"RESULT\tattribution sources (attribution/ {args.split}), {label_}\tsource span F1 overlap / exact\t"
          f"{f_overlap:.3f} / {f_exact:.3f}\tCitron on PARC 3.0: 0.853 / 0.820\t>= 0.85 / >= 0.75")
    if errors:
        print("\nsource errors (first annotator):")
        for e in errors[: args.errors]:
            print(e)


def source_errors(text: str, pred: set[Frag], gold: set[Frag]) -> list[str]:
    out = []
    gh = {(g[0][0], g[-1][1]) for g in gold}
    ph = {(p[0][0], p[-1][1]) for p in pred}
    for s, e in sorted(ph - gh):
        out.append(f"  FP  {text[s:e]!r}  <- {text[max(0, s - 60):e + 40]!r}")
    for s, e in sorted(gh - ph):
        out.append(f"  FN  {text[s:e]!r}  <- {text[max(0, s - 60):e + 40]!r}")
    return out


if __name__ == "__main__":
    main()

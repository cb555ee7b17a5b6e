"""Train the loaded-wording token model and write data/framing/token_model.npz.

    .venv/bin/python backend/train/train_framing.py [--data PATH] [--folds 5]

Data: SemEval-2020 Task 11 PTC at <repo>/../shared/datasets/propaganda,
techniques Loaded_Language and Name_Calling,Labeling. Only the training
part of the split in backend/eval/eval_propaganda.py (articles ordered by
sha1(ID); the first ceil(20%) held out) is read. The decoding threshold and
growth are chosen on out-of-fold predictions over that training part
(article j of the same order is in fold j mod --folds: each fold is scored
by a model fit on the others), which judges every training article rather
than one small development slice. ``--folds 1`` falls back to the older
development slice (the last 15% of the order). The model shipped is then
refit on the whole training part, and the chosen threshold and growth are
stored beside its weights.

Model: three-way softmax (not loaded / Loaded_Language / Name_Calling) per
token over sparse features (sidenote.framing.features), with L2, fit by
full-batch Adam in numpy; fully deterministic (no random draws).
"""

from __future__ import annotations

import argparse
import hashlib
import math
from collections import Counter
from pathlib import Path

import numpy as np

from sidenote.framing.features import TEMPLATES, token_features
from sidenote.framing.model import MODEL_FILE, Scorer, Weights, probabilities, save_weights
from sidenote.framing.spans import find_loaded_spans
from sidenote.framing.tokens import tokenize
from sidenote_eval.eval_propaganda import DATASETS, TECHNIQUES, PtcArticle, load_ptc, span_prf, split_ids

REPO = Path(__file__).resolve().parents[2]

MIN_COUNT = 2
L2 = 1e-5
ITERATIONS = 250
LEARNING_RATE = 0.05
DEV_SHARE = 0.15  # with --folds 1
FOLDS = 5
PRUNE = 5e-3  # weights smaller than this are dropped from the shipped file
THRESHOLDS = (0.1, 0.12, 0.15, 0.18, 0.2, 0.22, 0.25, 0.3)
GROWS = (0.6, 0.4, 0.25, 0.15, 0.1)
# Word-list spans the model gives less than this are dropped (0: none).
VETOES = (0.0, 0.05, 0.1, 0.12, 0.15, 0.2)


def token_classes(art: PtcArticle, starts: tuple[int, ...], ends: tuple[int, ...]) -> list[int]:
    """0 not loaded, 1 Loaded_Language, 2 Name_Calling (a token in both is 2)."""
    cls = [0] * len(starts)
    for c, tech in ((1, TECHNIQUES[0]), (2, TECHNIQUES[1])):
        for s, e in art.gold[tech]:
            for k, (a, b) in enumerate(zip(starts, ends)):
                if a < e and s < b:
                    cls[k] = max(cls[k], c)
    return cls


def featurize(arts: list[PtcArticle]) -> tuple[list[list[str]], list[int]]:
    feats: list[list[str]] = []
    ys: list[int] = []
    for art in arts:
        toks = tokenize(art.text)
        ys += token_classes(art, toks.starts, toks.ends)
        feats += [token_features(toks, i) for i in range(len(toks))]
    return feats, ys


def fit(feats: list[list[str]], ys: list[int], l2: float = L2, min_count: int = MIN_COUNT) -> Weights:
    counts = Counter(f for row in feats for f in row)
    vocab = {f: k + 1 for k, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    X = np.array([[vocab.get(f, 0) for f in row] for row in feats], dtype=np.int64)
    y = np.array(ys)
    Y = np.zeros((len(y), 2))
    Y[y == 1, 0] = 1.0
    Y[y == 2, 1] = 1.0
    n_feat = len(vocab) + 1
    W = np.zeros((n_feat, 2))
    m = np.zeros_like(W)
    v = np.zeros_like(W)
    b1, b2, eps = 0.9, 0.999, 1e-8
    flat = X.ravel()
    for it in range(1, ITERATIONS + 1):
        Z = W[X].sum(axis=1)  # (tokens, 2) logits against "not loaded"
        E = np.exp(np.minimum(Z, 30.0))
        P = E / (1.0 + E.sum(axis=1, keepdims=True))
        G_tok = (P - Y) / len(y)
        G: np.ndarray = np.stack(  # (float: bincount with weights)
            [np.bincount(flat, weights=np.repeat(G_tok[:, c], X.shape[1]), minlength=n_feat) for c in range(2)],
            axis=1,
        )
        G += l2 * W
        G[0] = 0.0  # index 0 is "unseen feature": kept at zero
        m = b1 * m + (1 - b1) * G
        v = b2 * v + (1 - b2) * G * G
        W -= LEARNING_RATE * (m / (1 - b1**it)) / (np.sqrt(v / (1 - b2**it)) + eps)
        if it % 50 == 0:
            chosen = np.where(y == 0, 1.0 - P.sum(axis=1), P[np.arange(len(y)), np.maximum(y - 1, 0)])
            loss = -np.mean(np.log(chosen + 1e-12))
            print(f"  iteration {it}: mean log-loss {loss:.4f}")
    weights: Weights = {t: {} for t in TEMPLATES}
    for f, k in vocab.items():
        a, b = W[k]
        if abs(a) >= PRUNE or abs(b) >= PRUNE:  # near-zero weights change next to nothing
            template, _, key = f.partition("=")
            weights[template][key] = complex(round(float(a), 4), round(float(b), 4))
    return weights


def probs_of(arts: list[PtcArticle], scorer: Scorer) -> dict[str, list[tuple[float, float]]]:
    return {a.id: probabilities(scorer.logits(tokenize(a.text))) for a in arts}


def evaluate(
    arts: list[PtcArticle],
    probs: dict[str, list[tuple[float, float]]],
    threshold: float,
    grow: float,
    veto: float = 0.0,
) -> tuple[float, float, float]:
    """Span P/R/F1 of the whole finder (rules and model) with the model's
    token probabilities given (out-of-fold ones when choosing the decoder)."""
    pairs = []
    for a in arts:
        found = find_loaded_spans(a.text, threshold=threshold, grow=grow, probs=probs[a.id], veto=veto)
        pred = [(s.start, s.end) for s in found]
        pairs.append((pred, [sp for t in TECHNIQUES for sp in a.gold[t]]))
    sc = span_prf(pairs)
    return sc.p, sc.r, sc.f1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATASETS / "propaganda")
    ap.add_argument("--out", type=Path, default=MODEL_FILE)
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--min-count", type=int, default=MIN_COUNT)
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--dev-only", action="store_true", help="report the decoder choice, write nothing")
    args = ap.parse_args()

    arts = {a.id: a for a in load_ptc(args.data)}
    train_ids, held = split_ids(arts)
    order = sorted(train_ids, key=lambda i: hashlib.sha1(i.encode()).hexdigest())
    if args.folds > 1:
        folds = [[a for j, a in enumerate(order) if j % args.folds == k] for k in range(args.folds)]
    else:
        folds = [order[-math.ceil(len(order) * DEV_SHARE) :]]
    print(f"articles: {len(arts)}; train {len(train_ids)}; held out {len(held)} (unused); "
          f"decoder chosen on {sum(len(f) for f in folds)} out-of-fold articles ({len(folds)} fold(s))")

    judged: list[PtcArticle] = []
    probs: dict[str, list[tuple[float, float]]] = {}
    for k, fold in enumerate(folds):
        fold_set = set(fold)
        feats, ys = featurize([arts[i] for i in order if i not in fold_set])
        print(f"fold {k + 1}/{len(folds)}: fit on {len(ys)} tokens, {sum(1 for y in ys if y)} inside a gold span")
        scorer = Scorer(fit(feats, ys, args.l2, args.min_count))
        judged += [arts[i] for i in fold]
        probs.update(probs_of([arts[i] for i in fold], scorer))
    best = (0.0, THRESHOLDS[0], GROWS[0])
    for thr in THRESHOLDS:
        for grow in GROWS:
            p, r, f = evaluate(judged, probs, thr, grow)
            print(f"  out-of-fold threshold {thr:.2f} grow {grow:.2f}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
            best = max(best, (f, thr, grow))
    # The veto is chosen after threshold and growth (a second, small grid
    # around the first choice) to keep the search short.
    best_v = (best[0], 0.0, best[1], best[2])
    for veto in VETOES[1:]:
        for thr in sorted({best[1], *(t for t in THRESHOLDS if abs(t - best[1]) <= 0.031)}):
            p, r, f = evaluate(judged, probs, thr, best[2], veto)
            print(f"  out-of-fold veto {veto:.2f} threshold {thr:.2f} grow {best[2]:.2f}: "
                  f"P {p:.3f} R {r:.3f} F1 {f:.3f}")
            best_v = max(best_v, (f, veto, thr, best[2]))
    f_best, veto_best = best_v[0], best_v[1]
    best = (f_best, best_v[2], best_v[3])
    print(f"chosen threshold {best[1]}, grow {best[2]}, veto {veto_best} (out-of-fold F1 {f_best:.3f}); "
          "refitting on the whole training part")
    if args.dev_only:
        return

    feats, ys = featurize([arts[i] for i in train_ids])
    weights = fit(feats, ys, args.l2, args.min_count)
    n = sum(len(t) for t in weights.values())
    note = (
        "Token model for loaded wording, written by backend/train/train_framing.py. "
        f"Trained on {len(train_ids)} PTC articles (SemEval-2020 Task 11), held-out split excluded. "
        f"Decoder chosen out of fold: threshold {best[1]}, grow {best[2]}, veto {veto_best}. "
        "Weights: Loaded_Language logit, Name_Calling logit."
    )
    save_weights(weights, args.out, note, threshold=best[1], grow=best[2], veto=veto_best)
    print(f"wrote {n} weights to {args.out}")


if __name__ == "__main__":
    main()

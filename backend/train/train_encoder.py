"""Fine-tune the encoder's top layers on the editors' loaded_framing labels.

Data: every loaded_framing card editors judged on the *tuning* pages
(``train_verifier.labelled_candidates``; held-out pages are never read),
each read as ``sidenote.verifier.encoder.card_text``: the cards the
verifier judges today, and also the judged cards the detectors no longer
propose (their wording was judged all the same; out of fold they raised the
blend's utility from 63 to 71). ``right`` is 1; ``wrong`` and ``debatable``
are 0. The editors' clear misses of loaded wording on the tuning pages
(``labels.load_misses``: words a card should have named) are added as right
examples, their words bracketed in their sentence, in the outlet's voice
unless the judge's reason speaks of a quote (out of fold: the encoder's AUC
0.681 to 0.710, the blend's utility 71 to 76). Out-of-fold logits are
written for every judged card (not the misses), proposed today or not.

Model: all-MiniLM-L6-v2's lower ``FROZEN`` layers as published (run once per
card, in the product's own numpy code), then its top layers and a linear
head over the mean of the tokens, trained with AdamW in torch (CPU,
seeded), ``MEMBERS`` times from different seeds; the product averages
their logits. Writes:

- ``data/verifier/encoder.npz``: each member's top layers (float16) and
  head, fitted on every row;
- ``backend/train/encoder_oof.json``: each row's mean logit from the
  members of the 5 folds (grouped by page, ``train_verifier.fold_of``)
  that never saw its page. ``train_verifier.py`` blends these with its own out-of-fold
  logits to choose the blend and the threshold, and ``eval_editor.py
  --oof`` uses them for the tuning figure.

Needs torch (``backend/requirements-train.txt``); the product never imports
it.

    .venv/bin/python backend/train/train_encoder.py [--dry-run | --oof-only | --final-only]

(about 25 minutes on two cores: three members for each of five folds and
for the shipped weights)
"""

from __future__ import annotations

import argparse
import json
import math
import time
from typing import Any

import numpy as np
import torch
from torch import nn

from sidenote.doc import Doc
from sidenote.verifier import encoder as enc
from sidenote_eval.common import DATASETS
from sidenote_eval.editor.cards import analyse
from sidenote_eval.editor.labels import load_card_labels, load_misses
from sidenote_eval.editor.pages import pages
from sidenote_train.train_verifier import (
    ENCODER_KIND,
    ENCODER_OOF_FILE,
    FOLDS,
    area_under_curve,
    fold_of,
    labelled_candidates,
)

OOF_FILE = ENCODER_OOF_FILE
# Out of fold on the tuning pages (fifth session): training the top two
# layers, four kept as published, blended as well as training all six
# (utility 77 against 72 in a first trial), and only two layers are stored.
FROZEN = 4
EPOCHS = 4
LEARNING_RATE = 1e-4
BATCH = 16
SEED = 0
# Tops trained from seeds SEED, SEED + 100, ...; the product averages their
# logits. Out of fold on the tuning pages (sixteenth session) one top's
# ranking moved with its seed (AUC 0.703, 0.700, ... on the cards proposed
# today) and the verifier's nested utility with it; the mean of three is
# steadier and ranks better (see docs/figures.md).
MEMBERS = 3
# Clear misses as right examples (see the module's docstring).
WITH_MISSES = True
# The propaganda corpus's spans as right examples (``--ptc-max-words``): 0
# leaves them out, else the longest span taken, in words; each such row
# weighs ``PTC_WEIGHT``. Off: out of fold on the tuning pages (eighth
# session), the 1,769 spans of up to 5 words at weight 0.5 took the
# encoder's AUC on the cards proposed today from 0.710 to 0.698. The
# corpus marks loaded language far more widely than the editors judge it
# (they call a word that fits the facts, or a genre's vocabulary, wrong).
PTC_MAX_WORDS = 0
PTC_WEIGHT = 0.5
# The top layers are stored in float16: the product's logits may differ from
# the trained model's by this much, no more.
PARITY = 0.05


class Top(nn.Module):
    """Layers ``FROZEN``..5 of the encoder and the head, in torch: the same
    arithmetic as ``enc.Layer.__call__``. No test holds the two together
    (CI has no torch); :func:`main` checks, after writing the file, that the
    product's numpy encoder gives the trained model's logits."""

    def __init__(self, base: dict[str, np.ndarray]) -> None:
        super().__init__()
        self.names = [f"encoder.layer.{i}.{n}" for i in range(FROZEN, enc.LAYERS) for n in _LAYER_NAMES]
        self.params = nn.ParameterList(nn.Parameter(torch.tensor(np.asarray(base[n], dtype=np.float32)))
                                       for n in self.names)
        self.head = nn.Linear(enc.HIDDEN, 1)
        nn.init.zeros_(self.head.weight)
        nn.init.zeros_(self.head.bias)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        p = dict(zip(self.names, self.params))
        n, t, h = x.shape
        d = h // enc.HEADS
        for i in range(FROZEN, enc.LAYERS):
            w = {k.split(f"encoder.layer.{i}.", 1)[1]: v for k, v in p.items() if k.startswith(f"encoder.layer.{i}.")}

            def lin(y: torch.Tensor, name: str) -> torch.Tensor:
                return y @ w[name + ".weight"].T + w[name + ".bias"]  # noqa: B023

            def heads(y: torch.Tensor) -> torch.Tensor:
                return y.view(n, t, enc.HEADS, d).transpose(1, 2)

            q = heads(lin(x, "attention.self.query"))
            k = heads(lin(x, "attention.self.key"))
            v = heads(lin(x, "attention.self.value"))
            scores = q @ k.transpose(-1, -2) / math.sqrt(d) + ((1.0 - mask) * -1e9)[:, None, None, :]
            context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(n, t, h)
            x = nn.functional.layer_norm(x + lin(context, "attention.output.dense"), (h,),
                                         w["attention.output.LayerNorm.weight"], w["attention.output.LayerNorm.bias"],
                                         enc.EPS)
            up = nn.functional.gelu(lin(x, "intermediate.dense"))
            x = nn.functional.layer_norm(x + lin(up, "output.dense"), (h,),
                                         w["output.LayerNorm.weight"], w["output.LayerNorm.bias"], enc.EPS)
        m = mask[:, :, None]
        return self.head((x * m).sum(1) / m.sum(1).clamp(min=1.0)).squeeze(-1)


_LAYER_NAMES = [f"{part}.{kind}" for part in ("attention.self.query", "attention.self.key", "attention.self.value",
                                               "attention.output.dense", "attention.output.LayerNorm",
                                               "intermediate.dense", "output.dense", "output.LayerNorm")
                for kind in ("weight", "bias")]


def lower_states(texts: list[tuple[str, str]]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each text's hidden states after the frozen layers, and its mask."""
    bottom = enc.published_encoder(FROZEN)
    out = []
    for i in range(0, len(texts), 32):
        ids, types, mask = enc.encode(texts[i : i + 32])
        x = bottom.hidden(ids, types, mask)
        out += [(x[j], mask[j]) for j in range(len(x))]
    return out


def stack(states: list[tuple[np.ndarray, np.ndarray]], idx: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    t = max(int(states[i][1].sum()) for i in idx)
    x = np.zeros((len(idx), t, enc.HIDDEN), np.float32)
    m = np.zeros((len(idx), t), np.float32)
    for r, i in enumerate(idx):
        n = int(states[i][1].sum())
        x[r, :n], m[r, :n] = states[i][0][:n], 1.0
    return torch.tensor(x), torch.tensor(m)


def train(base: dict[str, np.ndarray], states, y: np.ndarray, idx: np.ndarray, seed: int,
          weight: np.ndarray | None = None) -> Top:
    torch.manual_seed(seed)
    model = Top(base)
    opt = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    rng = np.random.default_rng(seed)
    model.train()
    for _ in range(EPOCHS):
        order = rng.permutation(idx)
        for j in range(0, len(order), BATCH):
            batch = order[j : j + BATCH]
            x, m = stack(states, batch)
            target = torch.tensor(y[batch], dtype=torch.float32)
            w = None if weight is None else torch.tensor(weight[batch], dtype=torch.float32)
            loss = nn.functional.binary_cross_entropy_with_logits(model(x, m), target, weight=w)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model.eval()


def member_seed(member: int, fold: int | None = None) -> int:
    """The seed of a member's top: fitted on every row (``fold`` None) or without one fold."""
    return SEED + 100 * member + (0 if fold is None else fold)


def train_members(base: dict[str, np.ndarray], states, y: np.ndarray, idx: np.ndarray,
                  fold: int | None, weight: np.ndarray | None = None) -> list[Top]:
    return [train(base, states, y, idx, member_seed(j, fold), weight) for j in range(MEMBERS)]


def predict_mean(models: list[Top], states, idx: np.ndarray) -> np.ndarray:
    return np.mean([predict(m, states, idx) for m in models], axis=0)


def predict(model: Top, states, idx: np.ndarray) -> np.ndarray:
    out = []
    with torch.no_grad():
        for j in range(0, len(idx), 64):
            x, m = stack(states, idx[j : j + 64])
            out.append(model(x, m).numpy())
    return np.concatenate(out) if out else np.zeros(0)


def check_against_numpy(models: list[Top], states: list[tuple[np.ndarray, np.ndarray]],
                        texts: list[tuple[str, str]]) -> float:
    """The largest gap between the trained members' mean logits and those of the
    product's numpy encoder read back from the written file, on the first
    texts; fails above ``PARITY``."""
    idx = np.arange(min(64, len(texts)))
    product = enc.read_encoder()
    if product is None:
        raise SystemExit(f"{enc.FINE_TUNED_FILE} was not written")
    gap = float(np.abs(predict_mean(models, states, idx) - np.array(product.logits(texts[: len(idx)]))).max())
    if gap > PARITY:
        raise SystemExit(f"the numpy encoder differs from the trained model by {gap:.4f} (> {PARITY}): "
                         f"sidenote/verifier/encoder.py and Top.forward must compute the same thing")
    return gap


def miss_rows(docs: dict[str, Doc]) -> list[tuple[str, tuple[str, str], str]]:
    """The clear misses of the encoder's kind on these tuning pages (page
    id -> its analysis), each as (key, text pair as ``enc.card_text``
    writes it, page id)."""
    out = []
    for m in load_misses():
        doc = docs.get(m["page"])
        if m["kind"] != ENCODER_KIND or doc is None:
            continue
        at = doc.text.find(m["exact"])
        i = doc.sentence_index(at) if at >= 0 else None
        if i is None:
            continue
        end = min(doc.sentences[i].end, at + len(m["exact"]))
        voice = "quoted" if "quot" in m.get("why", "").lower() else "outlet"
        out.append((f"miss:{m['page']}:{m['exact']}", enc.marked_sentence(doc, i, (at, end), voice), m["page"]))
    return out


PTC_TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling")


def ptc_rows(docs: dict[str, Doc], max_words: int) -> list[tuple[str, tuple[str, str], str]]:
    """The propaganda corpus's loaded-language and name-calling spans on
    these tuning pages (its training articles: the held-out articles are
    never tuning pages), each as a right example in the form
    :func:`miss_rows` gives: the words bracketed in their sentence, quoted
    when a direct quotation holds them, the outlet's otherwise. Spans longer
    than ``max_words`` are left out: a card marks a few words."""
    out = []
    folder = DATASETS / "propaganda"
    articles: dict[str, str] = {}
    for line in (folder / "techniques.labels").read_text(encoding="utf-8").splitlines():
        aid, technique, a, b = line.split("\t")
        doc = docs.get(f"prop/{aid}")
        if technique not in PTC_TECHNIQUES or doc is None:
            continue
        if aid not in articles:  # an article has dozens of spans: read it once
            articles[aid] = (folder / "articles" / f"article{aid}.txt").read_text(encoding="utf-8")
        raw = articles[aid][int(a) : int(b)].strip()
        if not raw or len(raw.split()) > max_words:
            continue
        at = doc.text.find(raw, max(0, int(a) - 200))
        at = doc.text.find(raw) if at < 0 else at
        i = doc.sentence_index(at) if at >= 0 else None
        if i is None or at + len(raw) > doc.sentences[i].end:
            continue
        quoted = any(q.kind == "direct" and q.start <= at and at + len(raw) <= q.end for q in doc.quotes)
        out.append((f"ptc:{aid}:{a}:{b}", enc.marked_sentence(doc, i, (at, at + len(raw)),
                                                               "quoted" if quoted else "outlet"), f"prop/{aid}"))
    return out


def collect(ptc_max_words: int = PTC_MAX_WORDS) -> tuple[list[str], list[tuple[str, str]], np.ndarray, list[str],
                                                         np.ndarray]:
    """The encoder's rows: every judged card of its kind on the tuning
    pages whose words still fit the text, and for each whether the
    detectors still propose it (only those are the verifier's: the others
    are judged wording all the same, so the encoder learns from them too);
    then the clear misses, as right examples."""
    proposed: set[str] = set()
    docs: dict[str, Doc] = {}
    keys, texts, ys, groups = [], [], [], []
    for page, doc, _, card, row in labelled_candidates(load_card_labels(), pages("tuning"), proposed_only=False,
                                                       proposed_keys=proposed):
        docs[page.id] = doc
        if card.kind != ENCODER_KIND:
            continue
        keys.append(row["key"])
        texts.append(enc.card_text(doc, card))
        ys.append(1.0 if row["verdict"] == "right" else 0.0)
        groups.append(page.id)
    current = [k in proposed for k in keys]
    if WITH_MISSES:
        with_misses = {m["page"] for m in load_misses() if m["kind"] == ENCODER_KIND}
        docs.update({p.id: analyse(p) for p in pages("tuning") if p.id in with_misses and p.id not in docs})
        for key, text, group in miss_rows(docs):
            keys.append(key)
            texts.append(text)
            ys.append(1.0)
            groups.append(group)
            current.append(False)
    if ptc_max_words:
        docs.update({p.id: analyse(p) for p in pages("tuning") if p.id.startswith("prop/") and p.id not in docs})
        for key, text, group in ptc_rows(docs, ptc_max_words):
            keys.append(key)
            texts.append(text)
            ys.append(1.0)
            groups.append(group)
            current.append(False)
    return keys, texts, np.array(ys), groups, np.array(current)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="out of fold only; write nothing")
    parser.add_argument("--ptc-max-words", type=int, default=PTC_MAX_WORDS,
                        help="the propaganda corpus's spans up to this many words as right examples (0: none)")
    parser.add_argument("--ptc-weight", type=float, default=PTC_WEIGHT)
    mode.add_argument("--oof-only", action="store_true",
                      help=f"write only {OOF_FILE.name}, not the shipped weights")
    mode.add_argument("--final-only", action="store_true",
                      help=f"train and write only the shipped weights; keep {OOF_FILE.name} as it is")
    args = parser.parse_args()
    torch.set_num_threads(2)
    t0 = time.time()
    keys, texts, y, groups, current = collect(args.ptc_max_words)
    base = enc.published_weights()
    states = lower_states(texts)
    print(f"{len(y)} judged {ENCODER_KIND} cards ({int(y.sum())} right), {int(current.sum())} of them proposed "
          f"today; lower layers {time.time() - t0:.0f} s", flush=True)
    from_ptc = np.array([k.startswith("ptc:") for k in keys])
    weight = np.where(from_ptc, args.ptc_weight, 1.0)
    print(f"{int(from_ptc.sum())} rows from the propaganda corpus's spans, weight {args.ptc_weight}")
    folds = np.array([fold_of(g) for g in groups])
    # Every judged card gets its out-of-fold logit, those the detectors no
    # longer propose too: train_verifier.py chooses the threshold over them
    # all (its HISTORICAL), each with the blend the product would give it.
    judged = np.array([not k.startswith(("miss:", "ptc:")) for k in keys])
    if not args.final_only:
        oof = np.zeros(len(y))
        for k in range(FOLDS):
            tr, te = np.where(folds != k)[0], np.where((folds == k) & judged)[0]
            oof[te] = predict_mean(train_members(base, states, y, tr, k, weight), states, te)
            print(f"fold {k}: {time.time() - t0:.0f} s", flush=True)
        print(f"out of fold, the cards proposed today: AUC {area_under_curve(oof[current], y[current]):.3f}; "
              f"every judged card: AUC {area_under_curve(oof[judged], y[judged]):.3f}")
        if args.dry_run:
            return
        OOF_FILE.write_text(json.dumps({k: round(float(v), 4) for k, v, c in zip(keys, oof, judged) if c},
                                       indent=0, sort_keys=True) + "\n")
    if args.oof_only:
        print(f"wrote {OOF_FILE} ({time.time() - t0:.0f} s)")
        return
    models = train_members(base, states, y, np.arange(len(y)), None, weight)
    out: dict[str, Any] = {"first_tuned_layer": np.array(FROZEN), "members": np.array(MEMBERS)}
    for j, model in enumerate(models):
        out |= {f"m{j}.{n}": p.detach().numpy().astype(np.float16) for n, p in zip(model.names, model.params)}
        out[f"m{j}.head.weight"] = model.head.weight.detach().numpy().astype(np.float32)
        out[f"m{j}.head.bias"] = model.head.bias.detach().numpy().astype(np.float32)
    enc.FINE_TUNED_FILE.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(enc.FINE_TUNED_FILE, **out)
    gap = check_against_numpy(models, states, texts)
    written = enc.FINE_TUNED_FILE if args.final_only else f"{enc.FINE_TUNED_FILE} and {OOF_FILE}"
    print(f"wrote {written}; the numpy encoder gives the trained logits within "
          f"{gap:.4f} ({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()

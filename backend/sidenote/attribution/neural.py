"""A small neural token tagger for attribution spans (PolNeAR style), numpy only.

Same job and same contract as ``model.tag`` (Source, Cue and Content spans
for a text, given its sentence starts and the rule stage's attributions), so
either can sit behind the stage. Where the linear tagger scores each token
from its own hashed features alone, this one lets tokens see each other:

1. embedding bag: every hashed feature id ``model.features`` produces (the
   word and its neighbours, shape, quote state, cue distances and the rules'
   own labels) looks up a small vector; a token is the sum of its vectors;
2. three residual 1-D convolutions (kernel 3, dilations 1, 2, 4) over each
   sentence, so a token sees about 7 words either side: a source phrase
   learns from the whole "..., the senator said" around it;
3. a linear layer to per-label scores and Viterbi with learned CRF
   transitions (``model.viterbi``, all sentences at once).

Convolutions, not a BiLSTM: in numpy a recurrent layer costs a loop step per
token position, a convolution is one matrix product per layer for all
sentences at once, and the article budget is a few ms.

Speed: only sentences with a live word are run, and the other sentences are
blanked before tokenising (tokens and features cost by the word), keeping their
quotation marks so the quote state of the live sentences is what the full
text gives. Live words are ``model``'s cue words plus the words that head a
gold cue often in training ("wants", "endorsed", "slams"): PolNeAR credits
far more than speech verbs, and about three in ten of its sources sit in
sentences without one of ``model``'s cue words, where ``model.tag`` never looks.

Cost, measured on the PolNeAR dev articles (2 shared CPU cores, one BLAS
thread): about 11 ms per 1,000 words against the linear tagger's 8.6, of which
tokens and features are about a third, ``model.viterbi`` a quarter and the
network a fifth. Multi-threaded BLAS on these small products is far slower
when the cores are busy: run workers with OPENBLAS_NUM_THREADS=1.

Trained with PyTorch by ``backend/train/train_attribution_nn.py``; the
weights are in ``data/attribution/neural.npz``. This module never imports
torch.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import numpy as np

from ..doc import Attribution, Span
from ..lexicon import DATA_DIR
from . import model

MODEL_PATH: Path = DATA_DIR / "attribution" / "neural.npz"
LABELS = model.LABELS
_WORD_RE = re.compile(r"\w+")
# Everything but quotation marks: blanked in dead sentences.
_NOT_QUOTE_RE = re.compile(r"[^“”\"]+")

Weights = dict[str, np.ndarray]


class Net:
    """The weights (float32 in memory for fast products; float16 on disk for
    size) and the words that make a sentence worth running."""

    __slots__ = ("w", "live_words", "live_ids")

    def __init__(self, path: Path) -> None:
        with np.load(path) as z:
            self.w: Weights = {k: (z[k].astype(np.float32) if z[k].dtype.kind == "f" else z[k])
                               for k in z.files}
        # Lower-case words that head a gold cue often enough in training
        # (CUE_VERBS and "according" among them); as strings for the cheap
        # pre-filter, as model's word hashes for the exact test.
        self.live_words: frozenset[str] = frozenset(self.w.pop("live_words").tolist())
        self.live_ids: np.ndarray = np.array(sorted(model._crc(x) for x in self.live_words),
                                             dtype=np.int64)


_net: Net | None = None
_lock = threading.Lock()


def load_net(path: Path | None = None) -> Net:
    """The shipped weights, read once (the first caller loads, the others
    wait); ``path`` reads another file, uncached (training, eval)."""
    global _net
    if path is not None:
        return Net(path)
    if _net is None:
        with _lock:
            if _net is None:
                _net = Net(MODEL_PATH)
    return _net


def use(path: Path) -> None:
    """Make ``tag`` use the weights in ``path`` (eval of a candidate file)."""
    global _net
    with _lock:
        _net = Net(path)


def _shifted(h: np.ndarray, sent: np.ndarray, by: int) -> np.ndarray:
    """h[i - by] where that token is in token i's sentence, else zeros (the
    zero padding the convolutions were trained with)."""
    n = len(h)
    out = np.zeros_like(h)
    if abs(by) >= n:
        return out
    if by > 0:
        same = sent[by:] == sent[:-by]
        out[by:] = h[:-by] * same[:, None]
    else:
        b = -by
        same = sent[:-b] == sent[b:]
        out[:-b] = h[b:] * same[:, None]
    return out


def emissions(w: Weights, X: np.ndarray, sent: np.ndarray) -> np.ndarray:
    """Per-label scores (n x labels) for tokens with hashed feature ids ``X``
    (n x F) and sentence ids ``sent`` (whole sentences, in order)."""
    # Hashed bucket -> embedding row (0: a rare bucket, a zero vector). One
    # feature column at a time: a (tokens x D) gather-and-add per column is
    # several times faster than gathering (tokens x F x D) and summing.
    ids = w["remap"][X.T]
    E = w["E"]
    h = E.take(ids[0], axis=0)
    h += w["b0"]
    for col in ids[1:]:
        h += E.take(col, axis=0)
    k = 0
    while f"C{k}" in w:
        d = int(w["dil"][k])
        # One product per layer: [left neighbour, token, right neighbour] x kernel.
        win = np.concatenate([_shifted(h, sent, d), h, _shifted(h, sent, -d)], axis=1)
        h = h + np.maximum(win @ w[f"C{k}"] + w[f"c{k}"], 0.0)
        k += 1
    return h @ w["Wo"] + w["bo"]


def _live_text(text: str, sentence_starts: list[int], live_words: frozenset[str]) -> str:
    """``text`` with every sentence that has no live word blanked (same
    length, so offsets hold), quotation marks kept. A ``\\w+`` word test:
    it may keep a sentence the exact token test then drops, never the reverse."""
    if not text:
        return text
    lower = text.lower()
    if len(lower) != len(text):  # "İ" lowers to two characters: offsets would drift
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    bounds = sorted({0, *sentence_starts, len(text)})
    parts: list[str] = []
    for s, e in zip(bounds, bounds[1:]):
        piece = text[s:e]
        if live_words.isdisjoint(_WORD_RE.findall(lower, s, e)):
            piece = _NOT_QUOTE_RE.sub(lambda m: " " * len(m.group()), piece)
        parts.append(piece)
    return "".join(parts)


def live_tokens(toks: model.Tokens, live_ids: np.ndarray) -> np.ndarray:
    """Tokens of sentences holding a live word: the only ones run (the stage
    uses a tagged source only beside a tagged cue, and cues are these words)."""
    return np.isin(toks.sent, toks.sent[np.isin(toks.facts[:, model._W], live_ids)])


def tag(text: str, sentence_starts: list[int],
        attributions: tuple[Attribution, ...]) -> dict[str, list[Span]]:
    """Source, Cue and Content spans the neural tagger finds in ``text``."""
    empty: dict[str, list[Span]] = {k: [] for k in LABELS[1:]}
    net = load_net()
    live_text = _live_text(text, sentence_starts, net.live_words)
    toks = model.Tokens(live_text, sentence_starts)
    if len(toks) == 0:
        return empty
    live = live_tokens(toks, net.live_ids)
    if not live.any():
        return empty
    w = net.w
    X = model.features(live_text, toks, model.rule_codes(toks, attributions))
    labels = np.zeros(len(toks), dtype=np.int64)
    S = emissions(w, X[live], toks.sent[live])
    labels[live] = model.viterbi(S, w["T"], w["B"], toks.sent[live])
    return model.predict_spans(toks, labels)

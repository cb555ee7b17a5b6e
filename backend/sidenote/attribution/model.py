"""A small learned token tagger for attribution spans (PolNeAR style).

Each token gets one of LABELS from a linear softmax model over hashed
features: the word and its neighbours, shape, quote state, nearby cue words,
and whether the rule-based stage put the token in a source, cue or content
span (so the model learns where the rules are right and what they miss).
Maximal runs of one label are the predicted spans.

The weights are trained by ``backend/train/train_attribution.py`` and kept in
``data/attribution/tagger.npz``. This is measured by the eval; the product
stage uses the rules (the tagger costs more than the stage's time budget).
"""

from __future__ import annotations

import bisect
import zlib
from functools import cache
from pathlib import Path

import numpy as np

from ..lexicon import DATA_DIR
from ..pipeline.doc import Attribution, Span
from .text import Token
from .words import (
    ANONYMOUS_HEADS, AUXILIARIES, CUE_VERBS, DETERMINERS, DOCUMENT_HEADS, FINITE, PRONOUNS, TITLES,
)

LABELS = ("O", "Source", "Cue", "Content")
BITS = 18
MODEL_PATH: Path = DATA_DIR / "attribution" / "tagger.npz"
_NOT_SOURCE_END = AUXILIARIES | FINITE | CUE_VERBS
_OPEN = frozenset("“\"‘")
_CLOSE = frozenset("”\"’")


def _shape(t: Token) -> str:
    w = t.text
    if not t.is_word:
        return "P" + w
    if w.isupper() and len(w) > 1:
        return "AA"
    if w[:1].isupper():
        return "Aa"
    if w[:1].isdigit():
        return "9"
    return "a"


def _bucket(d: int) -> str:
    return str(d) if d < 4 else ("4-7" if d < 8 else "far")


def features(toks: list[Token], sent_of: list[int], rule_tags: list[str]) -> list[list[str]]:
    """Feature strings per token. ``sent_of`` gives each token's sentence
    number; ``rule_tags`` the label the rule-based stage gave each token."""
    n = len(toks)
    low = [t.lower for t in toks]
    cue = [w in CUE_VERBS or w == "according" for w in low]
    inq = []
    depth = 0
    for t in toks:
        if t.text == "“" or (t.text == '"' and depth == 0):
            depth += 1
            inq.append(True)
            continue
        if t.text == "”" or (t.text == '"' and depth > 0):
            depth = max(0, depth - 1)
        inq.append(depth > 0)
    # distance to the nearest cue word on each side, within the sentence
    left = [99] * n
    right = [99] * n
    last = -1
    for i in range(n):
        if last >= 0 and sent_of[last] == sent_of[i]:
            left[i] = i - last
        if cue[i]:
            last = i
    last = -1
    for i in range(n - 1, -1, -1):
        if last >= 0 and sent_of[last] == sent_of[i]:
            right[i] = last - i
        if cue[i]:
            last = i
    out: list[list[str]] = []
    for i, t in enumerate(toks):
        w = low[i]
        p1 = low[i - 1] if i > 0 and sent_of[i - 1] == sent_of[i] else "<s>"
        p2 = low[i - 2] if i > 1 and sent_of[i - 2] == sent_of[i] else "<s>"
        n1 = low[i + 1] if i + 1 < n and sent_of[i + 1] == sent_of[i] else "</s>"
        n2 = low[i + 2] if i + 2 < n and sent_of[i + 2] == sent_of[i] else "</s>"
        sh = _shape(t)
        r = rule_tags[i]
        rp = rule_tags[i - 1] if i > 0 else "O"
        rn = rule_tags[i + 1] if i + 1 < n else "O"
        f = [
            "b", "w=" + w, "p1=" + p1, "n1=" + n1, "p2=" + p2, "n2=" + n2,
            "p1w=" + p1 + "|" + w, "wn1=" + w + "|" + n1, "sh=" + sh,
            "sh3=" + (_shape(toks[i - 1]) if i else "<s>") + sh
            + (_shape(toks[i + 1]) if i + 1 < n else "</s>"),
            "suf=" + w[-3:], "q=" + str(inq[i]), "cue=" + str(cue[i]),
            "L=" + _bucket(left[i]), "R=" + _bucket(right[i]),
            "LR=" + _bucket(left[i]) + "|" + _bucket(right[i]),
            "r=" + r, "rp=" + rp, "rn=" + rn, "r3=" + rp + r + rn,
            "rsh=" + r + sh, "rq=" + r + str(inq[i]),
            "pro=" + str(w in PRONOUNS), "det=" + str(w in DETERMINERS),
            "tit=" + str(w in TITLES), "n1cue=" + str(n1 in CUE_VERBS),
            "p1cue=" + str(p1 in CUE_VERBS), "Rq=" + _bucket(right[i]) + str(inq[i]),
            "first=" + str(p1 == "<s>"),
            "anon=" + str(w in ANONYMOUS_HEADS), "doc=" + str(w in DOCUMENT_HEADS),
            "n1n2=" + n1 + "|" + n2, "p2p1=" + p2 + "|" + p1,
            "p1sh=" + (_shape(toks[i - 1]) if i else "<s>"),
            "n1sh=" + (_shape(toks[i + 1]) if i + 1 < n else "</s>"),
            # which cue word is near, and on which side: belief verbs differ from "said"
            "Rw=" + (low[i + right[i]] if right[i] < 8 else "-"),
            "Lw=" + (low[i - left[i]] if left[i] < 8 else "-"),
        ]
        out.append(f)
    return out


def hash_features(feats: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Flat bucket indices and each token's offset into them."""
    mask = (1 << BITS) - 1
    idx: list[int] = []
    offsets: list[int] = []
    for f in feats:
        offsets.append(len(idx))
        idx.extend(zlib.crc32(s.encode()) & mask for s in f)
    return np.asarray(idx, dtype=np.int64), np.asarray(offsets, dtype=np.int64)


def rule_tags(toks: list[Token], attributions: tuple[Attribution, ...]) -> list[str]:
    """The rule stage's label per token (source wins over cue over content)."""
    tags = ["O"] * len(toks)
    starts = [t.start for t in toks]

    def paint(span: Span | None, label: str) -> None:
        if span is None:
            return
        lo = bisect.bisect_left(starts, span.start)
        hi = bisect.bisect_left(starts, span.end)
        for k in range(lo, hi):
            if tags[k] == "O" or LABELS.index(label) < LABELS.index(tags[k]):
                tags[k] = label

    for a in attributions:
        paint(a.content, "Content")
        paint(a.cue, "Cue")
        paint(a.source_span, "Source")
    return tags


@cache
def load_model() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(W: hashed feature weights, T: scaled log transition probabilities,
    B: per-label bias added to the log probabilities before decoding)."""
    with np.load(MODEL_PATH) as z:
        return z["W"].astype(np.float32), z["T"].astype(np.float32), z["B"].astype(np.float32)


def transitions(y: np.ndarray) -> np.ndarray:
    """Log P(label | previous label) from a label sequence, add-one smoothed."""
    L = len(LABELS)
    counts = np.ones((L, L))
    np.add.at(counts, (y[:-1], y[1:]), 1)
    return np.log(counts / counts.sum(axis=1, keepdims=True))


def viterbi(S: np.ndarray, T: np.ndarray, B: np.ndarray | None = None) -> np.ndarray:
    """Best label sequence for emission scores ``S`` (n x L), transitions ``T``
    and label biases ``B``."""
    n = len(S)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    z = S - S.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    if B is not None:
        logp = logp + B
    back = np.zeros((n, S.shape[1]), dtype=np.int64)
    score = logp[0].copy()
    for i in range(1, n):
        cand = score[:, None] + T
        back[i] = cand.argmax(0)
        score = cand.max(0) + logp[i]
    out = np.zeros(n, dtype=np.int64)
    out[-1] = int(score.argmax())
    for i in range(n - 1, 0, -1):
        out[i - 1] = back[i, out[i]]
    return out


def scores(W: np.ndarray, idx: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    if len(offsets) == 0:
        return np.zeros((0, len(LABELS)), dtype=np.float32)
    return np.add.reduceat(W[idx], offsets, axis=0)


def predict_spans(toks: list[Token], labels: np.ndarray) -> dict[str, list[Span]]:
    """Maximal runs of one label (punctuation may not start or end a span)."""
    out: dict[str, list[Span]] = {k: [] for k in LABELS[1:]}
    i, n = 0, len(toks)
    while i < n:
        lab = int(labels[i])
        if lab == 0:
            i += 1
            continue
        j = i
        while j + 1 < n and int(labels[j + 1]) == lab:
            j += 1
        s, e = i, j
        while s <= e and not toks[s].is_word and lab != 2:
            s += 1
        while e >= s and not toks[e].is_word and lab != 2:
            e -= 1
        # A source phrase does not end in its verb: "The Post has", "Politifact then".
        while lab == 1 and e > s and not toks[e].is_cap and (
            toks[e].lower in _NOT_SOURCE_END or toks[e].lower.endswith("ly")
        ):
            e -= 1
        if s <= e:
            out[LABELS[lab]].append(Span(toks[s].start, toks[e].end))
        i = j + 1
    return out

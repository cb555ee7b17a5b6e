"""A small learned token tagger for attribution spans (PolNeAR style).

Each token gets one of LABELS from a linear softmax model over hashed
features: the word and its neighbours, shape, quote state, nearby cue words,
and whether the rule-based stage put the token in a source, cue or content
span (so the model learns where the rules are right and what they miss).
Maximal runs of one label are the predicted spans.

Built for speed, since the product runs it on every article: the per-word
facts (hash, shape, word classes) are cached per distinct word, every
feature is a hash of a few integer columns mixed in numpy, the scores are one
gather-and-sum, and Viterbi runs on all sentences at once.

The weights are trained by ``backend/train/train_attribution.py`` and kept in
``data/attribution/tagger.npz``.
"""

from __future__ import annotations

import re
import threading
import zlib
from functools import cache
from pathlib import Path

import numpy as np

from ..doc import Attribution, Span
from ..lexicon import DATA_DIR
from .words import (
    ANONYMOUS_HEADS,
    AUXILIARIES,
    CUE_VERBS,
    DETERMINERS,
    FINITE,
    PRONOUNS,
    TITLES,
)

# The word list the tagger was trained with: the rules' wider DOCUMENT_HEADS
# (findings.txt too) would shift its features from what it learned.
from .words import TAGGER_DOCUMENT_HEADS as DOCUMENT_HEADS

LABELS = ("O", "Source", "Cue", "Content")
BITS = 18
MODEL_PATH: Path = DATA_DIR / "attribution" / "tagger.npz"
# Words only: the tagger's own tokens (no abbreviation handling: it learns "Mr" ".").
TOKEN_RE = re.compile(r"\w+(?:[-'’.&]\w+)*|[^\w\s]")
_NOT_SOURCE_END = AUXILIARIES | FINITE | CUE_VERBS
_RULE_CODE = {"Source": 1, "Cue": 2, "Content": 3}
# Column order of the per-word facts.
_W, _SH, _SUF, _CUE, _PRO, _DET, _TIT, _ANON, _DOC, _ISWORD, _ISCAP, _NSE = range(12)
_BOS, _EOS, _NONE = 1, 2, 3  # sentinel values for word-hash columns
_M = np.uint64((1 << BITS) - 1)
_K1 = np.uint64(0x9E3779B97F4A7C15)
_K2 = np.uint64(0xC2B2AE3D27D4EB4F)
_K3 = np.uint64(0x165667B19E3779F9)
_S29 = np.uint64(29)
_S32 = np.uint64(32)

# Distinct words seen so far -> row of _table (rows appended, capacity doubled;
# cleared when too big, so a long-running server cannot bloat).
_row_of: dict[str, int] = {}
_table = np.zeros((1024, 12), dtype=np.int64)
_MAX_WORDS = 500_000
_lock = threading.Lock()


def _crc(s: str) -> int:
    return zlib.crc32(s.encode()) + 16  # above the sentinels


def _shape(w: str) -> str:
    c = w[:1]
    if not (c.isalnum() or c == "_"):
        return "P" + w
    if w.isupper() and len(w) > 1:
        return "AA"
    if c.isupper():
        return "Aa"
    if c.isdigit():
        return "9"
    return "a"


def _facts(w: str) -> tuple[int, ...]:
    low = w.lower()
    c = w[:1]
    return (
        _crc(low), _crc(_shape(w)), _crc(low[-3:]),
        int(low in CUE_VERBS or low == "according"), int(low in PRONOUNS),
        int(low in DETERMINERS), int(low in TITLES), int(low in ANONYMOUS_HEADS),
        int(low in DOCUMENT_HEADS), int(c.isalnum() or c == "_"), int(c.isupper() or c.isdigit()),
        int(low in _NOT_SOURCE_END or low.endswith("ly")),
    )


def _word_facts(words: list[str]) -> np.ndarray:
    """Per-word facts (n x 12), computed once per distinct word."""
    global _table
    get = _row_of.get
    ids = [get(w, -1) for w in words]
    if -1 in ids:
        with _lock:
            if len(_row_of) > _MAX_WORDS:
                _row_of.clear()
            new: list[tuple[int, ...]] = []
            base = len(_row_of)
            for k, w in enumerate(words):
                r = _row_of.get(w)
                if r is None:
                    r = _row_of[w] = base + len(new)
                    new.append(_facts(w))
                ids[k] = r
            if base + len(new) > len(_table):
                grown = np.zeros((max(2 * len(_table), base + len(new)), 12), dtype=np.int64)
                grown[:base] = _table[:base]
                _table = grown
            if new:
                _table[base : base + len(new)] = new
    return _table[np.fromiter(ids, dtype=np.int64, count=len(ids))]


class Tokens:
    """The tagger's tokens of one text: offsets, per-word facts, sentence ids."""

    __slots__ = ("starts", "ends", "facts", "sent")

    def __init__(self, text: str, sentence_starts: list[int]) -> None:
        ms = list(TOKEN_RE.finditer(text))
        self.starts = np.fromiter((m.start() for m in ms), dtype=np.int64, count=len(ms))
        self.ends = np.fromiter((m.end() for m in ms), dtype=np.int64, count=len(ms))
        self.facts = _word_facts([m.group() for m in ms]) if ms else np.zeros(
            (0, 12), dtype=np.int64)
        self.sent = np.searchsorted(np.asarray(sentence_starts, dtype=np.int64),
                                    self.starts, side="right")

    def __len__(self) -> int:
        return len(self.starts)


def _hash_rows(groups: list[tuple[np.ndarray, ...]], n: int) -> np.ndarray:
    """Feature k is a hash of k and its group of (up to 3) integer columns;
    all features hashed at once: (n x F) bucket ids."""
    F = len(groups)
    A = np.zeros((3, F, n), dtype=np.uint64)
    for k, g in enumerate(groups):
        for j, c in enumerate(g):
            A[j, k] = c
    h = np.broadcast_to((np.arange(1, F + 1, dtype=np.uint64) * _K3)[:, None], (F, n)).copy()
    for j in range(3):
        h ^= A[j]
        h *= _K1
        h ^= h >> _S29
        h *= _K2
        h ^= h >> _S32
    return (h & _M).astype(np.intp).T


def _shift(a: np.ndarray, by: int, same: np.ndarray, fill: int) -> np.ndarray:
    """a[i - by] (by > 0) or a[i + |by|] (by < 0) where in the same sentence, else fill."""
    out = np.full_like(a, fill)
    if by > 0:
        out[by:] = np.where(same[by:], a[:-by], fill)
    else:
        b = -by
        out[:-b] = np.where(same[:-b], a[b:], fill)
    return out


def _quote_state(text: str, toks: Tokens) -> np.ndarray:
    """1 inside quotation marks (the opening mark counts as inside)."""
    n = len(toks)
    inq = np.zeros(n, dtype=np.int64)
    w = toks.facts[:, _W]
    marks = np.flatnonzero((w == _Q_OPEN) | (w == _Q_CLOSE) | (w == _Q_STRAIGHT))
    depth = 0
    last = 0
    for i in marks.tolist():
        if depth > 0:
            inq[last:i] = 1
        m = w[i]
        if m == _Q_OPEN or (m == _Q_STRAIGHT and depth == 0):
            depth += 1
            last = i
        else:
            depth = max(0, depth - 1)
            last = i
    if depth > 0:
        inq[last:] = 1
    return inq


_Q_OPEN, _Q_CLOSE, _Q_STRAIGHT = _crc("“"), _crc("”"), _crc('"')


def _cue_distance(cue: np.ndarray, sent: np.ndarray, left: bool) -> tuple[np.ndarray, np.ndarray]:
    """Distance to the nearest cue word on one side within the sentence (99
    when none), and that cue token's index (-1 when none)."""
    n = len(cue)
    idx = np.arange(n)
    if left:
        pos = np.where(cue, idx, -1)
        prev = np.empty(n, dtype=np.int64)
        prev[0] = -1
        prev[1:] = np.maximum.accumulate(pos)[:-1]
        ok = (prev >= 0) & (sent[np.maximum(prev, 0)] == sent)
        return np.where(ok, idx - prev, 99), np.where(ok, prev, -1)
    pos = np.where(cue, idx, n)
    nxt = np.empty(n, dtype=np.int64)
    nxt[-1] = n
    nxt[:-1] = np.minimum.accumulate(pos[::-1])[::-1][1:]
    ok = (nxt < n) & (sent[np.minimum(nxt, n - 1)] == sent)
    return np.where(ok, nxt - idx, 99), np.where(ok, nxt, -1)


def _bucket(d: np.ndarray) -> np.ndarray:
    return np.where(d < 4, d, np.where(d < 8, 4, 5))


def rule_codes(toks: Tokens, attributions: tuple[Attribution, ...]) -> np.ndarray:
    """The rule stage's label per token as 0..3 (source wins over cue over content)."""
    out = np.zeros(len(toks), dtype=np.int64)
    for label, attr in (("Content", "content"), ("Cue", "cue"), ("Source", "source_span")):
        for a in attributions:
            span = getattr(a, attr)
            if span is None:
                continue
            lo = np.searchsorted(toks.starts, span.start)
            hi = np.searchsorted(toks.starts, span.end)
            out[lo:hi] = _RULE_CODE[label]
    return out


def features(text: str, toks: Tokens, rules: np.ndarray) -> np.ndarray:
    """Hashed feature ids, one row per token (n x F)."""
    n = len(toks)
    if n == 0:
        return np.zeros((0, 0), dtype=np.intp)
    F = toks.facts
    sent = toks.sent
    same1 = np.zeros(n, dtype=bool)
    same1[1:] = sent[1:] == sent[:-1]
    same2 = np.zeros(n, dtype=bool)
    same2[2:] = sent[2:] == sent[:-2]
    w, sh = F[:, _W], F[:, _SH]
    # next1[i]: token i+1 is in token i's sentence (the shape _shift wants for by < 0)
    next1 = np.zeros(n, dtype=bool)
    next1[:-1] = same1[1:]
    next2 = np.zeros(n, dtype=bool)
    next2[:-2] = same2[2:]
    p1 = _shift(w, 1, same1, _BOS)
    p2 = _shift(w, 2, same2, _BOS)
    n1 = _shift(w, -1, next1, _EOS)
    n2 = _shift(w, -2, next2, _EOS)
    shp1 = _shift(sh, 1, same1, _BOS)
    shn1 = _shift(sh, -1, next1, _EOS)
    cue = F[:, _CUE]
    cp1 = _shift(cue, 1, same1, 0)
    cn1 = _shift(cue, -1, next1, 0)
    inq = _quote_state(text, toks)
    dl, il = _cue_distance(cue.astype(bool), sent, left=True)
    dr, ir = _cue_distance(cue.astype(bool), sent, left=False)
    L, R = _bucket(dl), _bucket(dr)
    Lw = np.where((il >= 0) & (dl < 8), w[np.maximum(il, 0)], _NONE)
    Rw = np.where((ir >= 0) & (dr < 8), w[np.maximum(ir, 0)], _NONE)
    r = rules
    rp = np.zeros(n, dtype=np.int64)
    rp[1:] = r[:-1]
    rn = np.zeros(n, dtype=np.int64)
    rn[:-1] = r[1:]
    first = (~same1).astype(np.int64)
    one = np.ones(n, dtype=np.int64)
    groups: list[tuple[np.ndarray, ...]] = [
        (one,), (w,), (p1,), (n1,), (p2,), (n2,), (p1, w), (w, n1), (sh,), (shp1, sh, shn1),
        (F[:, _SUF],), (inq,), (cue,), (L,), (R,), (L, R), (r,), (rp,), (rn,), (rp, r, rn),
        (r, sh), (r, inq), (F[:, _PRO],), (F[:, _DET],), (F[:, _TIT],), (cn1,), (cp1,),
        (R, inq), (first,), (F[:, _ANON],), (F[:, _DOC],), (n1, n2), (p2, p1), (shp1,), (shn1,),
        (Rw,), (Lw,), (r, w), (L, r), (R, r),
    ]
    return _hash_rows(groups, n)


@cache
def load_model() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(W: hashed feature weights, labels x buckets, T: scaled log transition probabilities,
    B: per-label bias added to the log probabilities before decoding)."""
    with np.load(MODEL_PATH) as z:
        W = np.ascontiguousarray(z["W"].astype(np.float32))
        return W, z["T"].astype(np.float32), z["B"].astype(np.float32)


def transitions(y: np.ndarray) -> np.ndarray:
    """Log P(label | previous label) from a label sequence, add-one smoothed."""
    L = len(LABELS)
    counts = np.ones((L, L))
    np.add.at(counts, (y[:-1], y[1:]), 1)
    return np.log(counts / counts.sum(axis=1, keepdims=True))


def scores(W: np.ndarray, X: np.ndarray) -> np.ndarray:
    """Emission scores (n x L). ``W`` is (L x buckets): one contiguous row per
    label gathers faster than (buckets x L)."""
    if len(X) == 0:
        return np.zeros((0, len(LABELS)), dtype=np.float32)
    return np.stack([W[k].take(X).sum(axis=1) for k in range(len(W))], axis=1)


def viterbi(S: np.ndarray, T: np.ndarray, B: np.ndarray | None, sent: np.ndarray) -> np.ndarray:
    """Best label sequence per sentence for emission scores ``S`` (n x L),
    transitions ``T`` and label biases ``B``. Sentences where every token's
    best label is O stay O (nearly all of them); the rest are decoded at once,
    longest first so the sentences still running are a prefix of the rows."""
    n, L = S.shape
    out = np.zeros(n, dtype=np.int64)
    if n == 0:
        return out
    z = S - S.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    if B is not None:
        logp = logp + B
    busy_sents = np.unique(sent[logp.argmax(axis=1) != 0])
    if len(busy_sents) == 0:
        return out
    tok = np.flatnonzero(np.isin(sent, busy_sents))
    s_of = sent[tok]
    change = np.ones(len(tok), dtype=bool)
    change[1:] = s_of[1:] != s_of[:-1]
    row0 = np.cumsum(change) - 1
    first = np.flatnonzero(change)
    col = np.arange(len(tok)) - first[row0]
    length0 = np.bincount(row0)
    order = np.argsort(-length0, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    row = rank[row0]
    length = length0[order]
    rows, cols = len(length), int(length[0])
    P = np.zeros((rows, cols, L), dtype=np.float32)
    P[row, col] = logp[tok]
    back = np.zeros((rows, cols, L), dtype=np.int64)
    score = P[:, 0].copy()
    for j in range(1, cols):
        k = int(np.searchsorted(-length, -j, side="left"))
        cand = score[:k, :, None] + T
        back[:k, j] = cand.argmax(1)
        score[:k] = cand.max(1) + P[:k, j]
    best = np.zeros((rows, cols), dtype=np.int64)
    best[np.arange(rows), length - 1] = score.argmax(1)
    for j in range(cols - 1, 0, -1):
        k = int(np.searchsorted(-length, -j, side="left"))
        best[:k, j - 1] = back[np.arange(k), j, best[:k, j]]
    out[tok] = best[row, col]
    return out


def predict_spans(toks: Tokens, labels: np.ndarray) -> dict[str, list[Span]]:
    """Maximal runs of one label (punctuation may not start or end a source
    or content span; a source does not end in its verb)."""
    out: dict[str, list[Span]] = {k: [] for k in LABELS[1:]}
    n = len(toks)
    if n == 0:
        return out
    edge = np.ones(n, dtype=bool)
    edge[1:] = labels[1:] != labels[:-1]
    run_starts = np.flatnonzero(edge & (labels != 0))
    if len(run_starts) == 0:
        return out
    all_starts = np.flatnonzero(edge)
    is_word = toks.facts[:, _ISWORD]
    is_cap = toks.facts[:, _ISCAP]
    nse = toks.facts[:, _NSE]
    nxt = np.searchsorted(all_starts, run_starts, side="right")
    run_ends = np.where(nxt < len(all_starts), all_starts[np.minimum(nxt, len(all_starts) - 1)],
                        n) - 1
    for s, e in zip(run_starts.tolist(), run_ends.tolist()):
        lab = int(labels[s])
        if lab != 2:
            while s <= e and not is_word[s]:
                s += 1
            while e >= s and not is_word[e]:
                e -= 1
        # "The Post has", "Politifact then": trim the verb and adverbs.
        while lab == 1 and e > s and not is_cap[e] and nse[e]:
            e -= 1
        if s <= e:
            out[LABELS[lab]].append(Span(int(toks.starts[s]), int(toks.ends[e])))
    return out


def tag(text: str, sentence_starts: list[int],
        attributions: tuple[Attribution, ...]) -> dict[str, list[Span]]:
    """Source, Cue and Content spans the tagger finds in ``text``."""
    toks = Tokens(text, sentence_starts)
    if len(toks) == 0:
        return {k: [] for k in LABELS[1:]}
    W, T, B = load_model()
    X = features(text, toks, rule_codes(toks, attributions))
    # Only sentences with a cue word are scored (the stage uses a tagged
    # source only with a tagged cue beside it): most of an article is skipped.
    live = np.isin(toks.sent, toks.sent[toks.facts[:, _CUE] == 1])
    labels = np.zeros(len(toks), dtype=np.int64)
    if live.any():
        labels[live] = viterbi(scores(W, X[live]), T, B, toks.sent[live])
    return predict_spans(toks, labels)

"""The learned token model: a linear scorer over sparse features.

Each token gets two logits against "not loaded": one for weight words
(Loaded_Language) and one for labels (Name_Calling). The weights live in
``data/framing/token_model.npz``, written by ``backend/train/train_framing.py``:
all keys as one newline-joined UTF-8 blob plus a float32 array of weights,
because building the tables from that takes a fraction of the time that
parsing 120k lines of text did.

A weight is stored as one complex number (real part: weight logit, imaginary
part: label logit) so that summing a token's features is one ``+`` per
feature instead of two. Features that depend on one word only (the token
itself, or a neighbour in a given position) are summed once per word and
cached, so an article costs about four dict look-ups per token and a few
numpy sums.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..lexicon import DATA_DIR
from .features import BOUNDARY, CONTEXT, INTRINSIC, evaluative_key, intrinsic_keys, lexicon_key
from .tokens import Tokens

MODEL_FILE = DATA_DIR / "framing" / "token_model.npz"
# Decoder settings used when the model file does not carry its own.
DEFAULT_THRESHOLD = 0.15
DEFAULT_GROW = 0.15
# A weight word from the lists (emotive, intensifier, hyperbole) is kept
# only when the model gives one of its tokens at least this probability:
# the lists know a word can be loaded, the model knows how often it is in
# running prose ("corrupt", "evil" were mostly left unmarked). 0 keeps
# every word-list span. train_framing.py chooses it out-of-fold over the
# training part and stores it beside the weights (0.10 in the shipped file;
# F1 is flat between 0.10 and 0.15); this default is only for a weights file
# without one.
DEFAULT_VETO = 0.12
# How far a token's features reach: two words on either side (see Scorer.logits).
CONTEXT_TOKENS = 2
CACHE_LIMIT = 200_000  # words per cache; cleared when full, so memory stays bounded

Weights = dict[str, dict[str, complex]]


def read_weights(path: Path = MODEL_FILE) -> Weights:
    """``template -> key -> weight``; an absent file gives an empty model."""
    table: Weights = {t: {} for t in INTRINSIC + CONTEXT}
    if not path.exists():
        return table
    with np.load(path, allow_pickle=False) as z:
        templates = z["templates"].tolist()
        counts = z["counts"].tolist()
        blob = z["keys"].tobytes().decode("utf-8")
        pairs = z["weights"].astype(np.float64)
    keys = blob.split("\n") if sum(counts) else []
    values = (pairs[:, 0] + 1j * pairs[:, 1]).tolist()
    at = 0
    for template, count in zip(templates, counts):
        if template in table:
            table[template] = dict(zip(keys[at : at + count], values[at : at + count]))
        at += count
    return table


def read_decoder(path: Path = MODEL_FILE) -> tuple[float, float, float]:
    """(threshold, grow, veto) chosen by the training script for these
    weights; the defaults (without a model file they decide nothing) otherwise."""
    if not path.exists():
        return DEFAULT_THRESHOLD, DEFAULT_GROW, DEFAULT_VETO
    with np.load(path, allow_pickle=False) as z:
        if "threshold" not in z.files:
            return DEFAULT_THRESHOLD, DEFAULT_GROW, DEFAULT_VETO
        veto = float(z["veto"]) if "veto" in z.files else DEFAULT_VETO
        return float(z["threshold"]), float(z["grow"]), veto


def save_weights(
    weights: Weights, path: Path, note: str, threshold: float = 0.0, grow: float = 0.0, veto: float = DEFAULT_VETO
) -> None:
    """Write ``weights`` in the layout ``read_weights`` expects. Keys never
    hold a newline (tokens hold no white space but the bigram's one space)."""
    templates = [t for t in INTRINSIC + CONTEXT if t in weights]
    keys: list[str] = []
    values: list[complex] = []
    for template in templates:
        for key in sorted(weights[template]):
            keys.append(key)
            values.append(weights[template][key])
    np.savez_compressed(
        path,
        note=np.array(note),
        templates=np.array(templates),
        counts=np.array([len(weights[t]) for t in templates], dtype=np.int64),
        keys=np.frombuffer("\n".join(keys).encode("utf-8"), dtype=np.uint8),
        weights=np.array([[z.real, z.imag] for z in values], dtype=np.float32).reshape(-1, 2),
        threshold=np.float64(threshold or DEFAULT_THRESHOLD),
        grow=np.float64(grow or DEFAULT_GROW),
        veto=np.float64(veto),
    )


def _pair_keyed(table: dict[str, complex]) -> dict[tuple[str, str], complex]:
    """Bigram weights keyed by (first, second) word: hashing a tuple of two
    existing strings is cheaper than building and hashing "first second"."""
    return {tuple(key.split(" ", 1)): z for key, z in table.items()}  # type: ignore[misc]


class Scorer:
    """Token logits under one set of weights, with per-word caches."""

    def __init__(self, weights: Weights) -> None:
        self._w = weights
        self._intrinsic_tables = tuple(weights[t] for t in INTRINSIC)
        self._intrinsic: dict[str, complex] = {}
        self._role_cache: dict[str, tuple[complex, complex, complex, complex]] = {}
        self._boundary = self._roles(BOUNDARY)
        self._quote = np.array([weights["q"].get(str(k), 0j) for k in range(3)], dtype=np.complex128)
        self._bp = _pair_keyed(weights["bp"])
        self._bn = _pair_keyed(weights["bn"])

    def _word(self, word: str) -> complex:
        if len(self._intrinsic) > CACHE_LIMIT:
            self._intrinsic.clear()
        z = 0j
        for table, key in zip(self._intrinsic_tables, intrinsic_keys(word)):
            z += table.get(key, 0j)
        self._intrinsic[word] = z
        return z

    def _roles(self, low: str) -> tuple[complex, complex, complex, complex]:
        """What a word adds to the tokens around it: as the previous word,
        the one before that, the next word, the one after that."""
        if len(self._role_cache) > CACHE_LIMIT:
            self._role_cache.clear()
        w = self._w
        lex, ev = lexicon_key(low), evaluative_key(low)
        roles = (
            w["pw"].get(low, 0j) + w["plx"].get(lex, 0j) + w["pev"].get(ev, 0j),
            w["pw2"].get(low, 0j),
            w["nw"].get(low, 0j) + w["nlx"].get(lex, 0j) + w["nev"].get(ev, 0j),
            w["nw2"].get(low, 0j),
        )
        self._role_cache[low] = roles
        return roles

    def logits(self, toks: Tokens) -> np.ndarray:
        """Per token: complex(weight logit, label logit).

        One cached look-up per token for its own word and one for what it
        adds to its neighbours, then numpy sums the shifted rows: a
        Python-level loop with method calls per token was the finder's
        whole cost."""
        n = len(toks)
        if not n:
            return np.zeros(0, dtype=np.complex128)
        intr, roles_of, role = self._intrinsic, self._role_cache, self._roles
        bp, bn = self._bp, self._bn
        word_z = np.array([intr[x] if x in intr else self._word(x) for x in toks.words], dtype=np.complex128)
        # Rows 0-1 and n+2..n+3 are the boundary padding: row k + 2 is token k.
        roles = np.array(
            [self._boundary] * 2
            + [roles_of[x] if x in roles_of else role(x) for x in toks.lowers]
            + [self._boundary] * 2,
            dtype=np.complex128,
        )
        lows = toks.lowers
        prevs = (BOUNDARY,) + lows[:-1]
        nexts = lows[1:] + (BOUNDARY,)
        pairs = np.array(
            [bp.get(k, 0j) for k in zip(prevs, lows)], dtype=np.complex128
        ) + np.array([bn.get(k, 0j) for k in zip(lows, nexts)], dtype=np.complex128)
        quote = self._quote[np.asarray(toks.quote, dtype=np.intp)]
        return (
            word_z
            + pairs
            + quote
            + roles[1 : n + 1, 0]  # the previous word
            + roles[0:n, 1]  # the one before it
            + roles[3 : n + 3, 2]  # the next word
            + roles[4 : n + 4, 3]  # the one after it
        )


SCORER = Scorer(read_weights())


def probabilities(logits: np.ndarray) -> list[tuple[float, float]]:
    """Per token (P(weight word), P(label)) under the three-way softmax."""
    z = np.asarray(logits, dtype=np.complex128)
    a = np.exp(np.minimum(z.real, 30.0))
    b = np.exp(np.minimum(z.imag, 30.0))
    s = 1.0 + a + b
    return list(zip((a / s).tolist(), (b / s).tolist()))

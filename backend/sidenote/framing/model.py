"""The learned token model: a linear scorer over sparse features.

Each token gets two logits against "not loaded": one for weight words
(Loaded_Language) and one for labels (Name_Calling). The weights live in
``data/framing/token_model.tsv``, written by ``backend/train/train_framing.py``.

A weight is stored as one complex number (real part: weight logit, imaginary
part: label logit) so that summing a token's features is one ``+`` per
feature instead of two. Features that depend on one word only (the token
itself, or a neighbour in a given position) are summed once per word and
cached, so an article costs about eight dict look-ups per token.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..lexicon import DATA_DIR
from .features import BOUNDARY, CONTEXT, INTRINSIC, evaluative_key, intrinsic_keys, lexicon_key
from .tokens import Tokens

MODEL_FILE = DATA_DIR / "framing" / "token_model.tsv"
CACHE_LIMIT = 200_000  # words per cache; cleared when full, so memory stays bounded

Weights = dict[str, dict[str, complex]]


def read_weights(path: Path = MODEL_FILE) -> Weights:
    """``template -> key -> weight``; an absent file gives an empty model."""
    table: Weights = {t: {} for t in INTRINSIC + CONTEXT}
    if not path.exists():
        return table
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            template, key, w_weight, w_label = line.rstrip("\n").split("\t")
            table[template][key] = complex(float(w_weight), float(w_label))
    return table


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
        # Neighbour position -> templates scored from that neighbour's word.
        self._sides: dict[str, tuple[dict[str, complex], ...]] = {
            "prev": (weights["pw"], weights["plx"], weights["pev"]),
            "next": (weights["nw"], weights["nlx"], weights["nev"]),
        }
        self._side_cache: dict[str, dict[str, complex]] = {"prev": {}, "next": {}}
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

    def _side(self, side: str, low: str) -> complex:
        cache = self._side_cache[side]
        if len(cache) > CACHE_LIMIT:
            cache.clear()
        w_word, w_lex, w_ev = self._sides[side]
        z = w_word.get(low, 0j) + w_lex.get(lexicon_key(low), 0j) + w_ev.get(evaluative_key(low), 0j)
        cache[low] = z
        return z

    def logits(self, toks: Tokens) -> list[complex]:
        """Per token: complex(weight logit, label logit).

        Written as list comprehensions over shifted sequences because a
        Python-level loop with method calls per token was the finder's
        whole cost."""
        w = self._w
        pw2, nw2, q, bp, bn = w["pw2"], w["nw2"], w["q"], self._bp, self._bn
        intr, prev_c, next_c = self._intrinsic, self._side_cache["prev"], self._side_cache["next"]
        side = self._side
        pad = (BOUNDARY, BOUNDARY)
        lows = pad + toks.lowers + pad  # lows[k + 2] is token k
        n = len(toks)
        word_z = [intr[x] if x in intr else self._word(x) for x in toks.words]
        as_prev = [prev_c[x] if x in prev_c else side("prev", x) for x in lows[1 : n + 1]]
        as_next = [next_c[x] if x in next_c else side("next", x) for x in lows[3 : n + 3]]
        prev2 = [pw2.get(x, 0j) for x in lows[:n]]
        next2 = [nw2.get(x, 0j) for x in lows[4 : n + 4]]
        left = [bp.get(k, 0j) for k in zip(lows[1 : n + 1], toks.lowers)]
        right = [bn.get(k, 0j) for k in zip(toks.lowers, lows[3 : n + 3])]
        q_scores = {k: q.get(str(k), 0j) for k in set(toks.quote)}
        quote = [q_scores[x] for x in toks.quote]
        return [
            a + b + c + d + e + f + g + h
            for a, b, c, d, e, f, g, h in zip(word_z, as_prev, as_next, prev2, next2, left, right, quote)
        ]


SCORER = Scorer(read_weights())


def probabilities(logits: list[complex]) -> list[tuple[float, float]]:
    """Per token (P(weight word), P(label)) under the three-way softmax."""
    z = np.asarray(logits, dtype=np.complex128)
    a = np.exp(np.minimum(z.real, 30.0))
    b = np.exp(np.minimum(z.imag, 30.0))
    s = 1.0 + a + b
    return list(zip((a / s).tolist(), (b / s).tolist()))

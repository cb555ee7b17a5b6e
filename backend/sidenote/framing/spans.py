"""``find_loaded_spans``: loaded wording anywhere in a text.

Two halves: reviewed word lists with context rules (``rules``), which are
precise, and a learned token model (``model``), which finds the phrases the
lists cannot. Where they overlap the rule's span and label win.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable

from .decode import model_spans
from .model import CONTEXT_TOKENS, SCORER, Scorer, probabilities, read_decoder
from .rules import lexicon_spans, scare_quote_spans, so_called_spans, verdict_pair_spans
from .tokens import Tokens, tokenize
from .types import WEIGHT_LABELS, FramingSpan

# Chosen on out-of-fold predictions over the training articles by
# backend/train/train_framing.py and stored beside the weights, so the two
# cannot drift apart.
MODEL_THRESHOLD, MODEL_GROW, MODEL_VETO = read_decoder()


def find_loaded_spans(
    text: str,
    threshold: float = MODEL_THRESHOLD,
    grow: float = MODEL_GROW,
    scorer: Scorer | None = None,
    use_model: bool = True,
    probs: list[tuple[float, float]] | None = None,
    veto: float = MODEL_VETO,
    model_regions: Callable[[list[FramingSpan]], Iterable[tuple[int, int]]] | None = None,
) -> list[FramingSpan]:
    """Loaded words and phrases in ``text``, sorted, not overlapping.

    Works on any text; says nothing about who speaks (the detector decides
    the voice). ``threshold`` is the token model's cut-off; ``scorer``
    replaces the shipped model and ``probs`` gives the token probabilities
    outright (training only). ``veto``: a word-list span whose tokens all
    score below it under the model is dropped if it is a weight word
    (emotive, intensifier, hyperbole; see model.DEFAULT_VETO).

    ``model_regions`` (given the word-list spans, the character ranges
    where the model's word is wanted) limits the model to those ranges: a
    caller that only uses the model beside word-list finds need not pay for
    it on the whole text. Elsewhere every token scores 0."""
    toks = tokenize(text)
    found = so_called_spans(text) + verdict_pair_spans(text) + scare_quote_spans(text, toks) + lexicon_spans(toks)
    if use_model and len(toks):
        if probs is None:
            scorer = scorer or SCORER
            if model_regions is None:
                probs = probabilities(scorer.logits(toks))
            else:
                probs = _probabilities_within(scorer, toks, model_regions(found))
        if veto > 0.0:
            # Only weight words are vetoed: labels, scare quotes and
            # "so-called" pass context rules a reviewer wrote, and stay
            # whatever the corpus's annotators did with them.
            found = [sp for sp in found if sp.label not in WEIGHT_LABELS or _model_support(toks, probs, sp) >= veto]
        found += model_spans(toks, probs, threshold, grow)
    return _resolve(found)


def _probabilities_within(
    scorer: Scorer, toks: Tokens, regions: Iterable[tuple[int, int]]
) -> list[tuple[float, float]]:
    """Token probabilities inside ``regions``, (0, 0) elsewhere. Each run of
    tokens is scored with CONTEXT tokens of context on either side, so its
    probabilities are exactly those of a whole-text pass."""
    n = len(toks)
    runs: list[list[int]] = []
    for start, end in sorted(regions):
        i, j = bisect_left(toks.starts, start), bisect_left(toks.starts, end)
        if i >= j:
            continue
        if runs and i <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], j)
        else:
            runs.append([i, j])
    probs: list[tuple[float, float]] = [(0.0, 0.0)] * n
    for i, j in runs:
        a, b = max(0, i - CONTEXT_TOKENS), min(n, j + CONTEXT_TOKENS)
        probs[i:j] = probabilities(scorer.logits(toks.window(a, b)))[i - a : j - a]
    return probs


def _model_support(toks: Tokens, probs: list[tuple[float, float]], span: FramingSpan) -> float:
    """The model's highest probability of loaded wording over the span's
    tokens (a scare quote's marks included)."""
    i = bisect_left(toks.starts, span.start)
    j = max(bisect_left(toks.starts, span.end), i + 1)
    return max((sum(p) for p in probs[i:j]), default=0.0)


def _resolve(spans: list[FramingSpan]) -> list[FramingSpan]:
    """Drop spans overlapping an earlier-preferred one: rule spans (score
    1.0) first, longer first, then the model's by confidence.

    A span overlaps a kept one when some kept span starts before it ends
    and ends after it starts: the largest end among the kept spans that
    start before ``sp.end`` says so, read from a Fenwick tree of prefix
    maxima over the spans' starts (``O(n log n)``; comparing each span with
    every kept one was quadratic, issue #15)."""
    starts = sorted({sp.start for sp in spans})
    reach = [_NO_END] * (len(starts) + 1)  # Fenwick tree: the largest end per prefix of starts
    kept: list[FramingSpan] = []
    for sp in sorted(spans, key=lambda s: (-s.score, -(s.end - s.start), s.start)):
        furthest = _NO_END
        i = bisect_left(starts, sp.end)  # the kept spans starting before sp.end
        while i > 0:
            furthest = max(furthest, reach[i])
            i -= i & -i
        if furthest > sp.start:
            continue
        kept.append(sp)
        i = bisect_left(starts, sp.start) + 1
        while i < len(reach):
            reach[i] = max(reach[i], sp.end)
            i += i & -i
    return sorted(kept, key=lambda s: s.start)


_NO_END = -(1 << 62)  # below every offset

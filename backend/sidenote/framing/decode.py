"""Turning per-token probabilities into spans."""

from __future__ import annotations

from .tokens import Tokens
from .types import FramingSpan


def model_spans(
    toks: Tokens, probs: list[tuple[float, float]], threshold: float, grow: float = 1.0
) -> list[FramingSpan]:
    """Runs of consecutive tokens whose probability of being loaded (either
    kind) reaches ``threshold``, grown over neighbours that reach
    ``grow * threshold`` (phrases are annotated whole, but their weaker
    words score lower than their core). A run is a label (name_calling) when the
    label probability dominates it, emotive otherwise. Punctuation at either
    end is trimmed, since it carries no wording."""
    spans: list[FramingSpan] = []
    i, n = 0, len(toks)
    while i < n:
        if sum(probs[i]) < threshold:
            i += 1
            continue
        low = grow * threshold
        j = i
        while j + 1 < n and sum(probs[j + 1]) >= low:
            j += 1
        while (
            i > 0
            and sum(probs[i - 1]) >= low
            and (not spans or toks.starts[i - 1] >= spans[-1].end)
        ):
            i -= 1
        a, b = i, j
        while a <= b and not toks.words[a][0].isalnum():
            a += 1
        while b >= a and not toks.words[b][0].isalnum():
            b -= 1
        if a <= b:
            weight = sum(p[0] for p in probs[a : b + 1])
            label = sum(p[1] for p in probs[a : b + 1])
            score = max(sum(p) for p in probs[a : b + 1])
            spans.append(
                FramingSpan(toks.starts[a], toks.ends[b], "name_calling" if label > weight else "emotive", score)
            )
        i = j + 1
    return spans

"""The span finder's output value and its labels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FramingLabel = Literal[
    "name_calling", "scare_quotes", "so_called", "emotive", "intensifier", "identity", "hyperbole",
    "verdict_pair",
]

# Labels that name or brand someone (SemEval's Name_Calling,Labeling) versus
# wording that turns up feeling or size (SemEval's Loaded_Language).
NAMING_LABELS: frozenset[str] = frozenset({"name_calling", "scare_quotes", "so_called", "identity"})
WEIGHT_LABELS: frozenset[str] = frozenset({"emotive", "intensifier", "hyperbole"})


@dataclass(frozen=True)
class FramingSpan:
    """Loaded wording at ``text[start:end]``. ``score`` is the finder's
    confidence in [0, 1]: 1.0 for a reviewed word-list entry in a clear
    context, the token model's probability otherwise."""

    start: int
    end: int
    label: FramingLabel
    score: float = 1.0

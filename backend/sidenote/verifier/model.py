"""The verifier's weights and thresholds, and the decision they make.

``data/verifier/model.json`` holds ``{"bias": float, "weights": {feature:
weight}, "thresholds": {kind: probability}, "scope": {kind: [evidence
label, ...]}, "trained_on": "..."}``, written by
``backend/train/train_verifier.py``. A kind missing from ``thresholds`` is
shown as the detector proposed it. A kind named in ``scope`` is judged only
when every evidence item of the card has one of those labels; its other
cards are shown as proposed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..doc import Card, Doc
from ..lexicon import DATA_DIR
from .features import card_features, page_features

MODEL_FILE = DATA_DIR / "verifier" / "model.json"


@dataclass(frozen=True)
class Verifier:
    bias: float = 0.0
    weights: dict[str, float] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    scope: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def judges(self, card: Card) -> bool:
        """Whether this card is the verifier's to decide."""
        if card.kind not in self.thresholds:
            return False
        labels = self.scope.get(card.kind)
        return labels is None or (bool(card.evidence) and all(e.label in labels for e in card.evidence))

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keep(self, doc: Doc, cards: list[Card]) -> list[Card]:
        """The candidates a reader should see, in the order given."""
        if not cards or not self.thresholds:
            return list(cards)
        page = page_features(doc)
        kept = []
        for card in cards:
            if not self.judges(card) or self.probability(card_features(doc, card, page)) >= self.thresholds[card.kind]:
                kept.append(card)
        return kept


def read_verifier(path: Path) -> Verifier:
    if not path.exists():
        return Verifier()
    data = json.loads(path.read_text(encoding="utf-8"))
    scope = {kind: tuple(labels) for kind, labels in data.get("scope", {}).items()}
    return Verifier(float(data["bias"]), dict(data["weights"]), dict(data["thresholds"]), scope)


@cache
def load_verifier() -> Verifier:
    return read_verifier(MODEL_FILE)

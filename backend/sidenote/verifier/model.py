"""The verifier's weights and thresholds, and the decision they make.

``data/verifier/model.json`` holds ``{"bias": float, "weights": {feature:
weight}, "thresholds": {kind: probability}, "scope": {kind: {"labels":
[evidence label, ...], "voices": [voice, ...]}}, "trained_on": "..."}``,
written by ``backend/train/train_verifier.py``. A kind missing from
``thresholds`` is shown as the detector proposed it. A kind named in
``scope`` is judged when every evidence item of the card has one of its
``labels``, or when the card's voice is one of its ``voices``; its other
cards are shown as proposed. (An older file's scope, a bare list of labels,
reads as ``{"labels": [...]}``.)

Whatever the scope, a card is shown as proposed when its evidence names a
word of ``data/verifier/shown_as_proposed.txt`` on a page that frames
throughout (``SPECIFIED_DENSITY``): the product's specification requires
those cards on such a page (see that file).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..doc import Card, Doc
from ..lexicon import DATA_DIR, load_words
from .features import card_features, page_features

MODEL_FILE = DATA_DIR / "verifier" / "model.json"
QUOTE_MARKS = "“”‘’\"'"
# The page-density bucket (features.page_features: loaded-wording
# candidates per 1,000 words, bucket 4 is 10 or more) from which the
# specification's words are shown as proposed. The seed article, which the
# specification describes, is such a page. On plain reporting the editors
# judge "terrorists" for a designated group as fitting the facts (the
# rubric's own example): on the tuning pages, cards on these words were
# right 8 times in 38, and 24 were wrong, most of them on pages below this
# density. There the verifier decides them like any other card.
SPECIFIED_DENSITY = 4


@dataclass(frozen=True)
class Scope:
    """Which cards of one kind the verifier decides."""

    labels: tuple[str, ...] = ()  # every evidence item has one of these
    voices: tuple[str, ...] = ()  # or the card speaks in one of these

    def covers(self, card: Card) -> bool:
        return self.by_labels(card) or self.by_voice(card)

    def by_labels(self, card: Card) -> bool:
        return bool(card.evidence) and all(e.label in self.labels for e in card.evidence)

    def by_voice(self, card: Card) -> bool:
        return card.voice is not None and card.voice in self.voices


@dataclass(frozen=True)
class Verifier:
    bias: float = 0.0
    weights: dict[str, float] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)
    scope: dict[str, Scope] = field(default_factory=dict)

    def judges(self, card: Card, page: dict[str, float] | None = None) -> bool:
        """Whether this card is the verifier's to decide, on a page with
        these :func:`features.page_features`."""
        return card.kind in self.thresholds and in_scope(self.scope, card, page)

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def threshold(self, card: Card) -> float:
        """The card's population's threshold (:func:`population`), or its
        kind's when the model gives none for that population."""
        return self.thresholds.get(population(self.scope, card), self.thresholds[card.kind])

    def keep(self, doc: Doc, cards: list[Card]) -> list[Card]:
        """The candidates a reader should see, in the order given."""
        if not cards or not self.thresholds:
            return list(cards)
        page = page_features(doc, cards)
        kept = []
        for card in cards:
            if not self.judges(card, page) or self.probability(card_features(doc, card, page)) >= self.threshold(card):
                kept.append(card)
        return kept


def in_scope(scope: dict[str, Scope], card: Card, page: dict[str, float] | None = None) -> bool:
    """Whether ``scope`` puts the card before the verifier: never a card the
    specification requires on a page that frames throughout (page unknown:
    any page); otherwise one its kind's Scope covers, or any card of a kind
    with no Scope."""
    if specified(card) and (page is None or page.get("density", 0) >= SPECIFIED_DENSITY):
        return False
    kind_scope = scope.get(card.kind)
    return kind_scope is None or kind_scope.covers(card)


def population(scope: dict[str, Scope], card: Card) -> str:
    """The threshold a card is held to: its kind's, or for a card judged
    only for its voice (a label in the outlet's voice), ``"<kind>/<voice>"``:
    those cards are another population."""
    kind_scope = scope.get(card.kind)
    if kind_scope is not None and not kind_scope.by_labels(card) and kind_scope.by_voice(card):
        return f"{card.kind}/{card.voice}"
    return card.kind


@cache
def _specified_re() -> re.Pattern[str] | None:
    words = sorted(load_words("verifier/shown_as_proposed.txt"), key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


def specified(card: Card) -> bool:
    """The card's evidence names a word the specification requires carded."""
    pattern = _specified_re()
    return pattern is not None and any(pattern.search(e.exact.strip(QUOTE_MARKS).lower()) for e in card.evidence)


def _scope(value: object) -> Scope:
    if isinstance(value, list):
        return Scope(labels=tuple(value))
    if isinstance(value, dict):
        return Scope(tuple(value.get("labels", ())), tuple(value.get("voices", ())))
    raise ValueError(f"verifier scope must be a list of labels or an object, not {value!r}")


def read_verifier(path: Path) -> Verifier:
    if not path.exists():
        return Verifier()
    data = json.loads(path.read_text(encoding="utf-8"))
    scope = {kind: _scope(value) for kind, value in data.get("scope", {}).items()}
    return Verifier(float(data["bias"]), dict(data["weights"]), dict(data["thresholds"]), scope)


@cache
def load_verifier() -> Verifier:
    return read_verifier(MODEL_FILE)

"""The ``cards`` stage: run every detector, de-duplicate, verify, then number.

Detectors are independent and pure; this stage enforces the rules that span
them: one card of each kind per sentence, reading order, only the
candidates the verifier (:mod:`sidenote.verifier`) keeps, ids ``k1``,
``k2`` ..., and each claim's ``flags`` naming the cards it carries.
"""

from __future__ import annotations

from dataclasses import replace

from ..detectors import Detector, loaded_framing, pasted_posts, single_source, social_quote
from ..doc import Card, Doc
from ..verifier import load_verifier
from .claims import is_furniture

# Card kind -> the detector that finds it, in the order cards of one place
# are listed.
DETECTORS: tuple[tuple[str, Detector], ...] = (
    ("single_source", single_source.detect),
    ("unverified_social_quote", social_quote.detect),
    ("unverified_social_quote", pasted_posts.detect),
    ("loaded_framing", loaded_framing.detect),
)
KIND_ORDER = {kind: i for i, (kind, _) in enumerate(DETECTORS)}


def candidates(doc: Doc) -> list[Card]:
    """Every detector's cards in reading order, one of each kind per
    sentence, before the verifier: what its training data is made of."""
    found: list[Card] = []
    for _, detect in DETECTORS:
        found.extend(detect(doc))
    found.sort(key=lambda c: (c.anchor.start, KIND_ORDER[c.kind], -c.anchor.end))

    seen: set[tuple[str, int]] = set()
    cards: list[Card] = []
    for card in found:
        sentence = doc.sentence_index(card.anchor.start)
        # a teaser, a menu line or a call to action that extraction let
        # through is the page's furniture, not the article's words
        if sentence is not None and is_furniture(doc, doc.sentences[sentence]):
            continue
        slot = (card.kind, sentence if sentence is not None else -1 - card.anchor.start)
        if slot in seen:
            continue
        seen.add(slot)
        claim = card.claim
        if claim is None and card.kind == "unverified_social_quote":
            claim = next((c.id for c in doc.claims if c.start <= card.anchor.start < c.end), None)
        cards.append(replace(card, claim=claim))
    return cards


def build(doc: Doc) -> Doc:
    kept = load_verifier().keep(doc, candidates(doc))
    cards = [replace(card, id=f"k{i}") for i, card in enumerate(kept, 1)]

    flags: dict[str, list[str]] = {}
    for card in cards:
        if card.claim is not None:
            flags.setdefault(card.claim, []).append(card.kind)
    for card in cards:
        if card.claim is None:
            # Cards anchored inside a claim's sentence flag that claim too.
            for c in doc.claims:
                if c.start <= card.anchor.start < c.end and card.kind not in flags.get(c.id, []):
                    flags.setdefault(c.id, []).append(card.kind)
    claims = tuple(replace(c, flags=tuple(flags.get(c.id, ()))) for c in doc.claims)
    return replace(doc, cards=tuple(cards), claims=claims)

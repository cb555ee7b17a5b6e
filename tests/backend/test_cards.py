"""The cards stage: ordering, numbering, one card of a kind per sentence, claim flags.

Detectors are swapped for stand-ins, and the verifier for one that keeps
everything, so the stage's own rules are what is tested.
"""

from __future__ import annotations

import pytest
from handmade import article, doc, span

from sidenote.anchor import make_anchor
from sidenote.doc import Card, Claim
from sidenote.pipeline import cards as cards_stage
from sidenote.verifier import Verifier

TEXT = "First claim has 12 words in it. Second sentence is here. Third one ends it."


def _card(text, words, kind, claim=None):
    s = span(text, words)
    return Card("", kind, "info", "t", "b", make_anchor(text, s.start, s.end), claim=claim)


@pytest.fixture
def run(monkeypatch):
    def _run(found, claims=()):
        art = article([TEXT])
        d = doc(art, claims=claims)
        monkeypatch.setattr(cards_stage, "DETECTORS", (("all", lambda _d: found(art.text)),))
        monkeypatch.setattr(cards_stage, "load_verifier", Verifier)
        return cards_stage.build(d)
    return _run


def test_cards_are_in_reading_order_and_numbered(run):
    out = run(lambda t: [_card(t, "Third", "loaded_framing"), _card(t, "First", "loaded_framing")])
    assert [(c.id, c.anchor.exact) for c in out.cards] == [("k1", "First"), ("k2", "Third")]


def test_one_card_of_each_kind_per_sentence(run):
    out = run(lambda t: [
        _card(t, "First", "loaded_framing"),
        _card(t, "12 words", "loaded_framing"),  # same sentence, same kind: dropped
        _card(t, "claim", "unverified_social_quote"),  # same sentence, other kind: kept
    ])
    assert [(c.kind, c.anchor.exact) for c in out.cards] == [
        ("loaded_framing", "First"), ("unverified_social_quote", "claim")]


def test_claims_are_flagged_with_their_cards(run):
    s = span(TEXT, "First claim has 12 words in it.")
    claim = Claim("c1", s.start, s.end, 0.9, key=True)
    out = run(lambda t: [_card(t, "First claim has 12 words in it.", "single_source", claim="c1"),
                         _card(t, "12 words", "loaded_framing")], claims=(claim,))
    assert out.claims[0].flags == ("single_source", "loaded_framing")


def test_social_quote_cards_name_the_claim_they_sit_in(run):
    s = span(TEXT, "Second sentence is here.")
    claim = Claim("c1", s.start, s.end, 0.9)
    out = run(lambda t: [_card(t, "sentence is", "unverified_social_quote")], claims=(claim,))
    assert out.cards[0].claim == "c1"


def test_no_cards(run):
    out = run(lambda t: [])
    assert out.cards == ()


@pytest.mark.parametrize("module", ["single_source", "social_quote", "loaded_framing"])
def test_each_detector_imports_on_its_own(module):
    # A fresh interpreter: an import cycle through the pipeline package shows here.
    import subprocess
    import sys
    code = f"import sidenote.detectors.{module} as m; m.detect"  # (sidenote is installed: pip install -e backend)
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)

"""Page furniture that extraction let through is no claim and carries no card.

Invented sentences: a linked teaser headline, a promoted headline ("SEE
MORE: ..."), a call to action and a wire footer, each full of the digits
the stand-in scorer (like the real model) rewards.
"""

from __future__ import annotations

import pytest
from handmade import article, doc, span

from sidenote.anchor import make_anchor
from sidenote.doc import Card, Embed
from sidenote.pipeline import cards as cards_stage
from sidenote.pipeline import claims as claims_stage
from sidenote.verifier import Verifier

PROSE = "The Senate passed the $2 trillion bill by 52 votes to 48 on Tuesday."
TEASER = "Senate passes $2 trillion bill in 52-48 vote"


@pytest.fixture
def scores(monkeypatch):
    """Score = the number of digits in the sentence / 4, capped at 1."""
    monkeypatch.setattr(
        claims_stage, "score_sentences",
        lambda texts: [min(1.0, sum(ch.isdigit() for ch in t) / 4) for t in texts],
    )
    monkeypatch.setattr(claims_stage, "THRESHOLD", 0.5)


def claim_texts(paragraphs: list[str], links: dict[int, list[tuple[str, str]]] | None = None) -> list[str]:
    art = article(paragraphs, links=links)
    out = claims_stage.score(doc(art))
    return [art.text[c.start : c.end] for c in out.claims]


def test_a_linked_teaser_headline_is_no_claim(scores) -> None:
    found = claim_texts([PROSE, TEASER], links={1: [(TEASER, "/2024/05/01/senate-vote/")]})
    assert found == [PROSE]


def test_a_sentence_with_a_link_in_it_is_still_a_claim(scores) -> None:
    found = claim_texts([PROSE], links={0: [("the $2 trillion bill", "/bills/2/")]})
    assert found == [PROSE]


@pytest.mark.parametrize(
    "line",
    [
        f"SEE MORE: {TEASER}",
        f"DON'T MISS {TEASER}",
        "Download the Example News app for 24/7 coverage of the 2024 election.",
        "Visit Example News's homepage for all 435 House results from 2024.",
        "Sign up for our newsletter to get the 2024 results in your inbox.",
        "© 2019 Example Wire. All Rights Reserved.",
        "Jane Doe contributed reporting from Washington on the 2024 budget.",
        "Updated 11/19/2019 5:45 p.m.",
    ],
)
def test_calls_to_action_promoted_headlines_and_footers_are_no_claims(scores, line: str) -> None:
    assert claim_texts([PROSE, line]) == [PROSE]


def test_an_embedded_post_that_is_all_link_is_still_read(scores) -> None:
    post = "Polls close at 8 pm, results by 2024-11-06"
    art = article([PROSE, post], links={1: [(post, "https://example.social/status/1")]},
                  embeds={1: Embed("twitter", "https://twitter.com/a/status/1")})
    out = claims_stage.score(doc(art))
    assert [art.text[c.start : c.end] for c in out.claims] == [PROSE, post]


def test_no_card_is_anchored_in_a_teaser(monkeypatch) -> None:
    art = article([PROSE, TEASER], links={1: [(TEASER, "/2024/05/01/senate-vote/")]})
    d = doc(art)

    def found(_doc):
        cards = []
        for words in ("passed", "passes"):
            s = span(art.text, words)
            cards.append(Card("", "loaded_framing", "info", "t", "b", make_anchor(art.text, s.start, s.end)))
        return cards

    monkeypatch.setattr(cards_stage, "DETECTORS", (("loaded_framing", found),))
    monkeypatch.setattr(cards_stage, "load_verifier", Verifier)
    assert [c.anchor.exact for c in cards_stage.candidates(d)] == ["passed"]
    assert [c.anchor.exact for c in cards_stage.build(d).cards] == ["passed"]

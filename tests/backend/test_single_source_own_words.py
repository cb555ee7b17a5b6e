"""single_source and a speaker's own stance: its own acts and its own demands.

Rubric: "a person's or body's own words about itself or its own decisions"
are not a single_source problem. The Docs go through the real stages up to
attribution (the post is typed a social-media source by the attribution
stage); the test names the key claim.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from staged import doc_through

from sidenote.detectors.single_source import detect
from sidenote.doc import Card, Claim


def _cards(sentence: str) -> list[Card]:
    d = doc_through("attribution", sentence)
    at = d.text.index(sentence)
    return detect(replace(d, claims=(Claim("c1", at, at + len(sentence), 0.9, key=True),)))


@pytest.mark.parametrize(
    "sentence",
    [
        # A body's post about its own decision.
        "On its Facebook page, the gym wrote, “We have fired the trainer who shouted at the boy.”",
        # A person's tweeted demands: his own stance, which no second source could confirm.
        "The senator wrote on Twitter that the agency must release the files on the shooting.",
        "The senator wrote on Twitter that the agency needed to release the files on the shooting.",
    ],
)
def test_a_post_stating_the_speakers_own_act_or_demand_gets_no_card(sentence):
    assert _cards(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # A witness in the first person is still one witness.
        "On its Facebook page, the gym wrote, “We saw two gunmen on the roof of the hotel.”",
        # A post charging someone else is what a single account cannot carry alone.
        "The senator wrote on Twitter that the agency had hidden the files on the shooting.",
    ],
)
def test_a_post_about_others_still_gets_a_card(sentence):
    [card] = _cards(sentence)
    assert card.title == "This claim rests on a single source"
    assert "account" in card.body


def test_what_an_unnamed_source_says_a_party_must_do_is_still_a_report():
    # Not the speaker's own demand: a claim about the company resting on unnamed officials.
    [card] = _cards("Officials familiar with the talks said the company must pay the fine by May.")
    assert "an unnamed source (officials familiar with the talks)" in card.body.lower()


@pytest.mark.parametrize(
    "sentence",
    [
        # The claim is that the post was made: the post is its record.
        "Two hours later, the senator tweeted a photo of the flooded bridge on Twitter.",
        "The mayor tweeted the full transcript of the call on Twitter.",
    ],
)
def test_a_claim_that_someone_posted_something_gets_no_card(sentence):
    assert _cards(sentence) == []


def test_a_post_reporting_a_clause_about_others_keeps_its_card():
    [card] = _cards("The lawyer tweeted on Twitter that the agency had hidden the files on the shooting.")
    assert "account" in card.body

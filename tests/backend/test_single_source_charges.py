"""single_source on charges stated as fact in the outlet's own voice, with no source.

The Docs go through the real stages up to attribution (sentences, quotes,
who is credited with what); the test then names the claim, so that the
claim model's ranking does not decide what is tested. Every article also
credits someone elsewhere: the older rule (an article that credits nobody
gets one card) never applies here.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from staged import doc_through

from sidenote.detectors.single_source import MAX_CHARGE_CARDS, detect
from sidenote.doc import Card, Claim

# Credits a spokeswoman, so the article is not one that credits nobody.
CREDITED = "The stadium will open in May, a spokeswoman for the club said."


def _cards(paragraphs: list[str], claims: list[str], key: bool = False) -> list[Card]:
    d = doc_through("attribution", "\n\n".join(paragraphs))
    found = []
    for n, sentence in enumerate(claims, 1):
        at = d.text.index(sentence)
        found.append(Claim(f"c{n}", at, at + len(sentence), 0.9, key=key))
    return detect(replace(d, claims=tuple(found)))


@pytest.mark.parametrize(
    "sentence",
    [
        # A named party charged with lying, in the outlet's voice.
        "The city council lied to voters about the cost of the new stadium.",
        # A cover-up ("covered up") and a concealment from someone.
        "The city council covered up the cost of the new stadium for two years.",
        "The city council has hidden the true cost of the stadium from taxpayers.",
        # A noun the parser splits ("cover", "-", "up"), owned by the doer.
        "The council's cunning cover-up of the stadium's cost worked for two years.",
        # The doer as the agent of a passive.
        "The reporter was murdered by Russian agents in the capital.",
        # A body after "the".
        "The media deliberately misreported the cost of the new stadium.",
        # Said of the doer's acts.
        "Mayor Smith's actions were clearly illegal.",
    ],
)
def test_a_charge_in_the_outlets_voice_with_no_source_gets_a_card(sentence):
    [card] = _cards([CREDITED, sentence], [sentence])
    assert card.title == "No source is given for this charge"
    assert card.anchor.exact == sentence
    assert card.evidence == ()


def test_a_charge_on_a_key_claim_gets_the_same_card():
    sentence = "The city council lied to voters about the cost of the new stadium."
    [card] = _cards([CREDITED, sentence], [sentence], key=True)
    assert card.title == "No source is given for this charge"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The city council lied to voters about the cost of the new stadium.", "lied"),
        # the whole word, though the parser splits it into "cover", "-", "up"
        ("The council's cunning cover-up of the stadium's cost worked for two years.", "cover-up"),
        ("The reporter was murdered by Russian agents in the capital.", "murdered"),
        # with the particle that makes it a charge
        ("The city council is actively covering this up to protect the developer.", "covering this up"),
    ],
)
def test_the_charge_card_names_the_charging_word(sentence, word):
    [card] = _cards([CREDITED, sentence], [sentence])
    assert f"makes this charge (“{word}”)" in card.body
    assert "credits no one for it" in card.body


@pytest.mark.parametrize(
    "sentence",
    [
        # Someone else's charge, reported: it rests on the mayor, a named accuser.
        "The mayor said the city council lied to voters about the cost of the new stadium.",
        # Hedged: an allegation, or only a possibility.
        "The city council was accused of lying to voters about the cost of the new stadium.",
        "The city council allegedly lied to voters about the cost of the new stadium.",
        "The city council may have hidden the true cost of the stadium from taxpayers.",
        # Negated.
        "The city council never lied to voters about the cost of the new stadium.",
        # No one the reader can identify.
        "They lied to voters about the cost of the new stadium.",
        # A person in a crime story: the narrative rests on the police credited around it.
        "The suspect stole a car from the stadium and drove north.",
        # A matter of court record, which the reader can check.
        "Treasurer John Smith lied to investors about the fund, and was convicted of fraud in March.",
        # A killing in the active voice is a crime report, not the outlet's charge.
        "Gunman John Smith murdered the mayor outside the stadium on Sunday.",
        # Harm or conflict charges no one with a wrongdoing (editors: 46 of 49 wrong).
        "Rebels killed 12 soldiers near the border on Sunday.",
        # A label on a noun is framing, not a charge.
        "The illegal stadium will open in May.",
        # Invective against a party is a label too (loaded framing), not a charge about acts.
        "The Democrats are criminal, corrupt and sleazy.",
        "Mayor Smith's stadium plan was illegal.",
        # Hiding that keeps nothing from anyone.
        "Mayor Jones has been hiding since the vote on Sunday.",
        # A title ("Why Kennedy Was Assassinated by ..." names the author).
        "Readers should see the ebook JFK's War: Why Kennedy Was Assassinated by Douglas Horne, who served there.",
        # Evidence said to prove it: the charge rests on that evidence.
        "A leaked memo proves that the city council lied to voters about the cost.",
        # The plain sense of a charging word.
        "Councillor Jones was lying on the sofa at home on Sunday.",
        "The statue was covered up with a tarp by the city council.",
        # A circumstance in a subordinate clause ("after ..."), not the claim.
        "The vote went ahead after the city council lied about the cost of the stadium.",
    ],
)
def test_no_card_for_charges_that_are_not_the_outlets_own_unsourced_claim(sentence):
    assert _cards([CREDITED, sentence], [sentence]) == []


@pytest.mark.parametrize(
    ("paragraph", "sentence"),
    [
        ("“The city council lied to voters about the cost of the stadium,” the mayor told reporters.", None),
        # Quoted words with no verb of saying in their sentence are still the speaker's.
        ("Mayor Jones did not mince words. “The city council lied to voters about the cost of the stadium.”",
         "“The city council lied to voters about the cost of the stadium.”"),
    ],
)
def test_a_charge_in_quotation_marks_is_the_speakers(paragraph, sentence):
    assert _cards([CREDITED, paragraph], [sentence or paragraph]) == []


def test_a_charge_supported_by_a_sentence_elsewhere_gets_no_card():
    claim = "The city council lied to voters about the cost of the new stadium."
    later = "The city council lied to voters about the cost of the new stadium, the auditor said."
    assert _cards([CREDITED, claim, later], [claim]) == []


def test_a_first_person_testimony_the_page_reproduces_is_not_the_outlets_voice():
    # A letter printed whole: "I" around the charge is its writer, not the outlet.
    letter = [
        "I wrote to the bishop twice in 2015.",
        "He told me that he knew nothing of the payments.",
        "Bishop Brown lied to the parish about the payments.",
        "I have kept copies of my letters.",
    ]
    assert _cards([CREDITED, *letter], [letter[2]]) == []


def test_an_article_gets_at_most_a_few_charge_cards():
    charges = [
        "The city council lied to voters about the cost of the new stadium.",
        "The mayor's office covered up the cost of the new stadium for two years.",
        "The county board lied to taxpayers about the new road.",
    ]
    cards = _cards([CREDITED, *charges], charges)
    assert len(cards) == MAX_CHARGE_CARDS == 2
    assert [c.claim for c in cards] == ["c1", "c2"]


def test_a_party_charged_twice_gets_one_card_on_its_key_claim():
    first = "The city council's cover-up of the stadium's cost was even more cunning than its budget."
    key = "The city council's cunning cover-up of the stadium's cost worked for two years."
    d = doc_through("attribution", "\n\n".join([CREDITED, first, key]))
    claims = []
    for n, (sentence, is_key) in enumerate([(first, False), (key, True)], 1):
        at = d.text.index(sentence)
        claims.append(Claim(f"c{n}", at, at + len(sentence), 0.9, key=is_key))
    [card] = detect(replace(d, claims=tuple(claims)))
    assert card.claim == "c2"

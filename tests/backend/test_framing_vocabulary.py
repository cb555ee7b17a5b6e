"""The reviewed word lists of loaded_framing (data/framing/), issue #13.

Invented sentences, not copied from any page: a few representative words
added from the editors' clear misses open a card in the outlet's own voice,
and the ordinary senses the lists leave out on purpose stay quiet.
"""

from __future__ import annotations

import pytest
from handmade import article, doc

from sidenote.detectors.loaded_framing import detect, is_public_affairs
from sidenote.framing.rules import lexicon_spans, verdict_pair_spans
from sidenote.framing.tokens import tokenize


def _outlet_evidence(text: str) -> list[tuple[str, str]]:
    cards = detect(doc(article([text])))
    assert all(c.voice == "outlet" for c in cards)
    return [(e.exact.lower(), e.label) for c in cards for e in c.evidence]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # Epithets and sneering labels: a verdict on a person or group on any page.
        ("The council meeting ran late after a local loon shouted over every speaker.", "loon"),
        ("Only crackpots still believe the bridge contract was awarded fairly.", "crackpots"),
        ("The firm hired a sleazeball publicist to polish the mayor's record.", "sleazeball"),
        ("Every commie on the school board voted for the new curriculum.", "commie"),
        ("The moonbats at the county office approved the budget on Monday.", "moonbats"),
        ("The presstitutes covering the summit repeated the ministry's figures.", "presstitutes"),
        # Phrases, where the head word alone has a neutral sense ("hack" into a computer).
        ("The senator is one more hack politician who reads whatever his donors write.", "hack politician"),
        ("The tribunal was a kangaroo court that heard no witness for the defence.", "kangaroo court"),
        ("The report blamed deep-state officials for the delay in the inquiry.", "deep-state"),
    ],
)
def test_a_new_label_opens_a_card_in_the_outlets_voice(text, word):
    evidence = _outlet_evidence(text)
    assert [label for _, label in evidence] == ["name_calling"]
    assert word in evidence[0][0]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The governor's duplicitous budget hides the cuts to the state schools from the voters.", "duplicitous"),
        ("The senators' sleazy deal with the lobbyists passed the committee before the election.", "sleazy"),
        ("The minister's sanctimonious speech to parliament ignored the court's ruling on the policy.",
         "sanctimonious"),
    ],
)
def test_a_new_emotive_word_opens_a_card_on_a_page_about_public_affairs(text, word):
    assert is_public_affairs(text)
    assert _outlet_evidence(text) == [(word, "emotive")]


def test_a_new_identity_label_opens_a_card():
    text = "The homosexualist lobby wrote to the bishops again this week."
    assert _outlet_evidence(text) == [("homosexualist", "identity")]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("The plan was an abject and unmitigated failure for the ministry.", "abject and unmitigated"),
        ("The party blamed the corrosive and ugly rhetoric of its rivals.", "corrosive and ugly"),
    ],
)
def test_new_verdict_pair_words_make_a_pair(text, pair):
    assert [text[s.start : s.end] for s in verdict_pair_spans(text)] == [pair]


def test_a_new_verdict_pair_word_alone_is_ordinary_prose():
    # "incoherent" only counts beside a second verdict word in front of a noun.
    text = "The witness gave an incoherent account of the night, the court heard."
    assert verdict_pair_spans(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # "hack" alone is computer hacking; only "hack politician" and its like are listed.
        "Investigators said the group tried to hack the election office's computers in May.",
        "The hackers who hack bank servers were sentenced on Tuesday, prosecutors said.",
        # Words left out on purpose for their neutral senses.
        "He paid for the coffee in loonies and toonies at the counter.",
        "The Catholic apologist spoke about the history of the council at the university.",
        "The cardinal was sentenced to life in a 1949 show trial, the archive shows.",
        "Two lefties pitched the late innings for the visitors on Sunday.",
    ],
)
def test_the_neutral_senses_left_out_of_the_lists_make_no_card(text):
    assert lexicon_spans(tokenize(text)) == []
    assert detect(doc(article([text]))) == []

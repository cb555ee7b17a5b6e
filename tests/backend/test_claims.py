"""The claims stage: threshold, sources, and which claims are key.

The check-worthiness model has its own tests (test_checkworthy.py); here a
stand-in scorer makes the stage's own logic visible.
"""

from __future__ import annotations

import pytest
from handmade import article, doc, quote, span

from sidenote.pipeline import claims as claims_stage
from sidenote.pipeline.claims import content_words, overlap
from sidenote.pipeline.doc import Attribution


@pytest.fixture
def scores(monkeypatch):
    """Score = the number of digits in the sentence / 4, capped at 1."""
    monkeypatch.setattr(
        claims_stage, "score_sentences",
        lambda texts: [min(1.0, sum(ch.isdigit() for ch in t) / 4) for t in texts],
    )
    monkeypatch.setattr(claims_stage, "THRESHOLD", 0.5)


def test_only_sentences_over_the_threshold_are_claims(scores):
    art = article(["Prices rose 12.5% in 2023. I think that is bad. Sales fell by 40 units in May 2024."])
    out = claims_stage.score(doc(art))
    assert [art.text[c.start : c.end] for c in out.claims] == [
        "Prices rose 12.5% in 2023.", "Sales fell by 40 units in May 2024."]
    assert [c.id for c in out.claims] == ["c1", "c2"]


def test_claims_that_restate_the_headline_are_key(scores):
    paragraphs = ["Sales fell by 40 units in May 2024.", "Factory output in Ohio dropped 1234 tonnes."]
    art = article(paragraphs, title="Ohio factory output dropped")
    out = claims_stage.score(doc(art))
    assert [c.key for c in out.claims] == [False, True]


def test_claim_sources_come_from_attributions_and_quotes(scores):
    text = "“We lost 1200 jobs,” the mayor said. Officials said 3400 homes were hit."
    art = article([text])
    t = art.text
    q = quote(t, "We lost 1200 jobs", source="s1")
    d = doc(art, quotes=(q,), attributions=(Attribution("s2", span(t, "3400 homes were hit")),))
    out = claims_stage.score(d)
    assert [c.sources for c in out.claims] == [("s1",), ("s2",)]


def test_no_sentences_no_claims(scores):
    assert claims_stage.score(doc(article([""]))).claims == ()


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("US bombers attacked the army", "The army was attacked by US bombers", True),  # plural and -ed folded
        ("The cat sat on the mat", "Stocks fell sharply in Tokyo", False),
    ],
)
def test_content_overlap(a, b, expected):
    assert (overlap(content_words(a), content_words(b)) >= 0.5) is expected


@pytest.mark.parametrize(
    ("rank", "sources", "n_key", "expected"),
    [
        # The second-best claim repeats the best one's only source: the third,
        # from another source, is key instead.
        ({0: 1.2, 1: 1.15, 2: 1.1}, [("s1",), ("s1",), ("s2",)], 2, {0, 2}),
        # A large lead in rank still wins over source variety.
        ({0: 1.2, 1: 1.15, 2: 0.5}, [("s1",), ("s1",), ("s2",)], 2, {0, 1}),
        # Unsourced claims are never penalised for repeating a source.
        ({0: 1.2, 1: 1.15, 2: 1.1}, [(), (), ("s2",)], 2, {0, 1}),
        # Fewer candidates than key places.
        ({0: 0.9}, [()], 3, {0}),
    ],
)
def test_key_claims_cover_more_than_one_source(rank, sources, n_key, expected):
    assert claims_stage._pick_key(rank, sources, n_key) == expected


def test_sentence_credits_match_credited_sources(seed_html):
    # The one-pass index must give what a scan per sentence gives, in order.
    from sidenote.pipeline import analyze_html
    from sidenote.pipeline.claims import credited_sources, sentence_credits
    from sidenote.pipeline.doc import Span

    d = analyze_html(seed_html)
    expected = [credited_sources(d, Span(s.start, s.end)) for s in d.sentences]
    assert sentence_credits(d) == expected
    assert any(expected)


def test_table_rows_and_short_labels_are_not_claims(scores):
    # Real lines from the news pages that the debate-trained model scored as claims.
    art = article([
        "HD | THE HOME DEPOT INC. | 225.86 | -12.99 | -5.44%",
        "Buyer's Guide: MacBook Pro 2019",
        "1/2 tsp ground cloves",
        "Sales fell by 40 units in May 2024.",
        "Sales fell by 40 units in May 2024 across the three northern stores",
    ])
    out = claims_stage.score(doc(art))
    assert [art.text[c.start : c.end] for c in out.claims] == [
        "Sales fell by 40 units in May 2024.",
        "Sales fell by 40 units in May 2024 across the three northern stores",
    ]


def test_a_short_sentence_ending_in_a_colon_leads_in_and_is_not_a_claim(scores):
    art = article([
        "The band's 2020 tour dates:",
        "Officials gave 3 reasons for the 2019 closure:",
        "All 6 people arrested on Monday were taken to the Bartholomew County Jail in 2019, "
        "where they were held on the following 48 hour charges:",
        "The tour opens on June 6, 2020 in Nashville.",
    ])
    out = claims_stage.score(doc(art))
    assert [art.text[c.start : c.end] for c in out.claims] == [
        "All 6 people arrested on Monday were taken to the Bartholomew County Jail in 2019, "
        "where they were held on the following 48 hour charges:",
        "The tour opens on June 6, 2020 in Nashville.",
    ]

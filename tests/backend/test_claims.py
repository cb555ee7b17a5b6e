"""The claims stage: threshold, sources, and which claims are key.

The check-worthiness model has its own tests (test_checkworthy.py); here a
stand-in scorer makes the stage's own logic visible.
"""

from __future__ import annotations

import pytest
from handmade import article, doc, quote, span

from sidenote.credits import credited_sources, sentence_credits
from sidenote.doc import Attribution, Doc, Sentence, Span
from sidenote.pipeline import analyze_html
from sidenote.pipeline import claims as claims_stage
from sidenote.text import content_words, overlap


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


def _kinds(art, kinds: dict[int, str]):
    """The article with block ``i`` of kind ``kinds[i]`` (handmade blocks are paragraphs)."""
    from dataclasses import replace

    blocks = tuple(replace(b, kind=kinds.get(i, b.kind)) for i, b in enumerate(art.blocks))
    return replace(art, blocks=blocks)


def _claims(out):
    return [out.article.text[c.start : c.end] for c in out.claims]


def _keys(out):
    return [out.article.text[c.start : c.end] for c in out.claims if c.key]


def test_headings_are_not_claims(scores):
    # Real headings from the news pages: a related-stories teaser and a
    # deals listing, both full of the numbers the model rewards.
    art = _kinds(article([
        "SportsLine's computer model simulated every Week 12 NFL game 10,000 times.",
        "PS4 DualShock Controller in Crystal for $39.99",
        "Sales fell by 40 units in May 2024.",
    ]), {0: "heading", 1: "heading"})
    assert _claims(claims_stage.score(doc(art))) == ["Sales fell by 40 units in May 2024."]


@pytest.mark.parametrize("line", [
    "Read more: Alibaba poised to launch record-breaking $13.4bn Hong Kong listing",
    "[Related: Salesforce Dreamforce 2019 Keynote: AI, Integration and Protestors]",
    "Sign up for 4 months of Amazon Music Unlimited for just $1.",
    "Correction, Nov. 15, 2019: This article originally misidentified the 1985 publisher.",
    "Copyright 2019 Hawaii News Now, all rights reserved 2019.",
    "Follow AP's full coverage of Brexit 2019 at https://www.apnews.com/Brexit",
    "Email Tariq Malik at tmalik2019@space.com for the 2019 launch schedule.",
    "LAUREN ALAINA SAYS 'DWTS' HAS HELPED HER LOSE 25 POUNDS",
    "What would have been the reaction in 2012 had a 2009 holdover gone to the IG?",
])
def test_page_furniture_shouting_and_questions_are_not_claims(scores, line):
    art = article([line, "Sales fell by 40 units in May 2024."])
    assert _claims(claims_stage.score(doc(art))) == ["Sales fell by 40 units in May 2024."]


@pytest.mark.parametrize("line", [
    # Openings that only look like furniture.
    "Following the 2019 ruling, 40 stores closed in 2020.",
    "Corrections officers said 1,200 inmates were moved in 2019.",
    "Photos released in 2019 show 40 soldiers at the 2018 border post.",
    # A quote that runs a statement into a question (one sentence to the
    # splitter) still states its first part.
    "“Pollution started in 2010. The question is what happened in 2009?”",
])
def test_lines_that_only_look_like_furniture_stay_claims(scores, line):
    art = article([line])
    d = Doc(article=art, sentences=(Sentence(0, len(line), 0),))
    assert _claims(claims_stage.score(d)) == [line]


def test_the_writers_first_person_anecdote_is_not_a_claim(scores):
    art = article([
        "After 3 tries in 2019, I eventually reached Valerie Smith by phone.",
        "My 2 sons played with the 2019 mouse all summer.",
        "By 2018, when I started digging, only 2 of his 14 novels remained in print.",
        "“I lost 1,200 jobs in 2019,” the mayor said.",
        "In World War I 2 million men died in 1916.",
    ])
    t = art.text
    d = doc(art, quotes=(quote(t, "I lost 1,200 jobs in 2019,"),))
    assert _claims(claims_stage.score(d)) == [
        "By 2018, when I started digging, only 2 of his 14 novels remained in print.",
        "“I lost 1,200 jobs in 2019,” the mayor said.",
        "In World War I 2 million men died in 1916.",
    ]


def test_an_exclamation_is_a_claim_only_when_strong_and_never_key(scores, monkeypatch):
    monkeypatch.setattr(claims_stage, "THRESHOLD", 0.2)
    art = article([
        "“Governor Bevin did a great job for the 1 state!” tweeted Trump.",  # 0.25
        "“ISIS ruled 70% of the city 4 years ago!” wrote Shehabi.",  # 0.75
        "Sales fell by 40 units in May.",  # 0.5
    ])
    out = claims_stage.score(doc(art))
    assert _claims(out) == [
        "“ISIS ruled 70% of the city 4 years ago!” wrote Shehabi.", "Sales fell by 40 units in May."]
    assert _keys(out) == ["Sales fell by 40 units in May."]


def test_photo_credits_and_datelines_are_not_scored(monkeypatch):
    seen: list[str] = []

    def record(texts):
        seen.extend(texts)
        return [0.0] * len(texts)

    monkeypatch.setattr(claims_stage, "score_sentences", record)
    art = _kinds(article([
        "More than 4,000 people are expected to receive notice (Credit: iStock)",
        "Image: Jose Mourinho has replaced Mauricio Pochettino as manager of Tottenham",
        "The border crossing near Nogales, Ariz. (AP)",
        "HAYWARD, Calif. (AP) — A man was stabbed to death on a train.",
        "VIENNA — The house where Hitler was born will be a police station.",
    ]), {0: "caption", 1: "caption", 2: "caption"})
    claims_stage.score(doc(art))
    assert seen == [
        "More than 4,000 people are expected to receive notice",
        "Jose Mourinho has replaced Mauricio Pochettino as manager of Tottenham",
        "The border crossing near Nogales, Ariz.",
        "A man was stabbed to death on a train.",
        "The house where Hitler was born will be a police station.",
    ]


def test_captions_are_never_key(scores):
    art = _kinds(article(
        ["Ohio factory output dropped 1234 tonnes in 2024.", "Sales fell by 40 units in May 2024 in Ohio."],
        title="Ohio factory output dropped"), {0: "caption"})
    out = claims_stage.score(doc(art))
    assert len(out.claims) == 2
    assert _keys(out) == ["Sales fell by 40 units in May 2024 in Ohio."]


def test_the_writers_hedged_view_is_never_key_but_a_sources_is(scores):
    text = ("Perhaps it is the 2019 game of the year, 10 of 10. "
            "US experts claimed the 2017 missile could perhaps reach 8,000 km. "
            "Sales fell by 40 units in May 2024.")
    art = article([text])
    t = art.text
    att = Attribution("s1", span(t, "the 2017 missile could perhaps reach 8,000 km"))
    out = claims_stage.score(doc(art, attributions=(att,)))
    assert len(out.claims) == 3
    assert "Perhaps it is the 2019 game of the year, 10 of 10." not in _keys(out)
    assert "US experts claimed the 2017 missile could perhaps reach 8,000 km." in _keys(out)


def test_a_key_claim_is_more_likely_a_claim_than_not(scores, monkeypatch):
    # Scores 0.25 and 1.0: both claims, room for two key ones, but only the
    # second is strong enough to be key.
    monkeypatch.setattr(claims_stage, "THRESHOLD", 0.2)
    monkeypatch.setattr(claims_stage, "KEY_SHARE", 1.0)
    art = article(["It comes down to 1 thing, focus.", "It was built in 2019, for everyone."],
                  title="It comes down to focus")
    out = claims_stage.score(doc(art))
    assert len(out.claims) == 2
    assert _keys(out) == ["It was built in 2019, for everyone."]

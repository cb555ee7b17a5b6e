"""The shipped check-worthiness model: contract, ordering on clear cases, seed sentences."""

from __future__ import annotations

import math

import pytest

from sidenote.models import checkworthy
from sidenote.models.checkworthy import (
    MODEL_DIR,
    THRESHOLD,
    CheckworthyModel,
    has_claim_word,
    normalize,
    score_sentences,
)

SEED_LEAD = (
    "US air force bombers have attacked Syrian army forces which were attacking ISIS units in "
    "Syria, in what one Syrian MP has called a \u201cclear & direct US protection of ISIS\u201d\u2014while "
    "at the same time, the Russian Ministry of Defense has released video footage of an ISIS weapons "
    "cache seized in Syria\u2019s Homs province which contained a large number of American-supplied "
    "anti-tank missiles."
)
SEED_TOW = (
    "Meanwhile, RT has reported that the Russian Defense Ministry has announced that US-made TOW "
    "(Tube-launched, Optically tracked, Wire-guided) anti-tank missiles, along with other weapons, "
    "have been found in facilities once controlled by ISIS-aligned Al-Nusra terrorists in Syria\u2019s "
    "Homs province."
)


def test_threshold_is_a_probability() -> None:
    assert 0.0 < THRESHOLD < 1.0
    assert CheckworthyModel.load(MODEL_DIR).threshold == pytest.approx(THRESHOLD)


@pytest.mark.parametrize(
    ("factual", "other"),
    [
        # a statistic against a first-person opinion
        ("Unemployment rose to 8.5 percent in March, the highest level since 1983.",
         "I think this is a wonderful country and I love it."),
        # money and a named institution against a question
        ("The Pentagon spent $2.1 billion on the program between 2015 and 2019.",
         "What are we going to do about it?"),
        # a reported event with a count against a feeling
        ("Police arrested 14 people after the protest in Portland on Saturday.",
         "I feel very sad about what happened to those families."),
        # an accusation with a figure against a promise of intent
        ("The company paid no federal income tax on $3 billion of profit last year.",
         "We will work hard to make sure everyone gets a fair chance."),
    ],
)
def test_factual_claim_outscores_opinion_or_question(factual: str, other: str) -> None:
    high, low = score_sentences([factual, other])
    assert high > low
    assert high >= THRESHOLD > low


@pytest.mark.parametrize(
    "sentence",
    [
        "What do you think?",
        "I'm very proud of my family.",
        "Thank you very much.",
    ],
)
def test_non_claims_fall_below_threshold(sentence: str) -> None:
    assert score_sentences([sentence])[0] < THRESHOLD


def test_scores_are_probabilities_and_batch_equals_single() -> None:
    texts = [SEED_LEAD, "Thank you.", "Crime fell by 12% in 2019.", "", "   ", "???", "\u201cRebels\u201d"]
    batch = score_sentences(texts)
    assert len(batch) == len(texts)
    for text, value in zip(texts, batch):
        assert 0.0 <= value <= 1.0 and not math.isnan(value)
        # scoring alone or in a batch must give the same number
        assert score_sentences([text])[0] == pytest.approx(value, abs=1e-9)


def test_empty_batch() -> None:
    assert score_sentences([]) == []


@pytest.mark.parametrize("sentence", [SEED_LEAD, SEED_TOW])
def test_seed_article_key_claims_score_high(sentence: str) -> None:
    assert score_sentences([sentence])[0] >= THRESHOLD


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # trailing news attribution is cut, the claim is kept
        ("Crime fell by 12 percent last year, the police department said on Monday.",
         "Crime fell by 12 percent last year."),
        # a leading "according to" frame is cut
        ("According to a report by the ministry, the strikes hit two army positions.",
         "the strikes hit two army positions."),
        # quotation marks go, words stay
        ("\u201cThe trove was located in a former observation point,\u201d the center said on Monday.",
         "The trove was located in a former observation point."),
        # when the frame is (almost) the whole sentence, nothing is cut
        ("Yes, he said.", "Yes, he said."),
    ],
)
def test_normalize_cuts_attribution_frames(sentence: str, expected: str) -> None:
    assert normalize(sentence) == expected


def test_attribution_frame_alone_does_not_raise_an_opinion() -> None:
    # "X said on Monday" must not by itself make an opinion check-worthy
    bare = "This is a sad day for our country."
    framed = "This is a sad day for our country, the senator said on Monday."
    assert score_sentences([framed])[0] == pytest.approx(score_sentences([bare])[0], abs=1e-6)
    assert score_sentences([framed])[0] < THRESHOLD


def test_model_is_cached() -> None:
    assert checkworthy.default_model() is checkworthy.default_model()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The government blamed the opposition for the violence.", True),
        # a two-word cause ("led to") counts too
        ("The storm led to flooding across the region.", True),
        # a question never gets the bonus, even with the word in it
        ("Who killed him?", False),
        ("The weather was pleasant all week.", False),
    ],
)
def test_news_claim_words(sentence: str, expected: bool) -> None:
    assert has_claim_word(sentence) is expected


def test_features_never_cross_sentences_in_a_batch() -> None:
    # the page is hashed in one numpy pass; no n-gram may join two sentences
    config = checkworthy.default_model().config
    texts = ["Crime fell by 12% in 2019.", "Thank you.", SEED_TOW]
    rows, idx, val = checkworthy.feature_triples(texts, config)
    for row, text in enumerate(texts):
        alone = checkworthy.features(text, config)
        assert idx[rows == row].tolist() == alone[0]
        assert val[rows == row].tolist() == pytest.approx(alone[1])


def test_feature_ids_are_stable_across_processes() -> None:
    # Python's str hash is salted per process; the shipped weights need ids that are not
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "from sidenote.models import checkworthy as c;"
        "print(c.features('Unemployment rose to 8.5 percent in March.', c.default_model().config)[0][:40])"
    )
    backend = str(Path(checkworthy.__file__).resolve().parents[2])
    outs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=backend,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outs) == 1
    config = checkworthy.default_model().config
    here = checkworthy.features("Unemployment rose to 8.5 percent in March.", config)[0][:40]
    assert outs == {f"{here}\n"}


def test_empty_and_symbol_only_sentences_still_score() -> None:
    # no tokens at all: only the length cue and the boundary marks remain
    rows, idx, _ = checkworthy.feature_triples(["", "???", "Thank you."], checkworthy.default_model().config)
    assert set(rows.tolist()) == {0, 1, 2}
    assert len(score_sentences(["", "—", "Thank you."])) == 3


@pytest.mark.parametrize("fragment", ["10 p.m.", "4:14 p.m.", "US FALLS", "\u201cRebels\u201d", "???"])
def test_fragments_with_under_three_words_say_nothing(fragment: str) -> None:
    # time stamps and two-word headings are outside the debate data; no claim
    assert score_sentences([fragment]) == [0.0]


def test_three_word_statement_is_still_scored() -> None:
    assert score_sentences(["Crime fell sharply."])[0] > 0.0

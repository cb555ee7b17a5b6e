"""The text-level loaded-wording finder: what it flags, what it leaves alone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sidenote.framing import FramingSpan, find_loaded_spans
from sidenote.framing.features import TEMPLATES, token_features
from sidenote.framing.model import DEFAULT_VETO, SCORER, Scorer, Weights, read_decoder, read_weights, save_weights
from sidenote.framing.tokens import LONG, OUTSIDE, SHORT, quote_regions, tokenize


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in find_loaded_spans(text)]


def _rule_found(text: str) -> list[tuple[str, str]]:
    """Only the reviewed word lists and rules (what a card can rest on)."""
    return [(text[s.start : s.end], s.label) for s in find_loaded_spans(text, use_model=False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Syrian army units fought despite US airstrikes in support of the terrorists they were fighting.",
         ("terrorists", "name_calling")),
        # A label pinned on a named group takes the name along.
        ("Weapons were found in facilities once controlled by ISIS-aligned Al-Nusra terrorists in Homs.",
         ("Al-Nusra terrorists", "name_calling")),
        # A label adjective takes its head noun: the phrase is the label.
        ("The Obama admin supported the jihadi invasion of the city.", ("jihadi invasion", "name_calling")),
        # Scare quotes around a contested word inside the writer's noun phrase.
        ("Shehabi showed who the American-backed “rebels” in that city were.", ("“rebels”", "scare_quotes")),
        ("They fight in the last remaining “rebel” stronghold of Idleb.", ("“rebel”", "scare_quotes")),
        ("Meet the French connection of the so called ‘Syrian revolution’ today.",
         ("so called ‘Syrian revolution’", "so_called")),
        ("The so-called experts were wrong again.", ("so-called experts", "so_called")),
        ("In yet another disturbing tweet, he showed stills from a video.", ("disturbing", "emotive")),
        ("The stills show nonwhites from France who fight there.", ("nonwhites", "identity")),
        ("It was against the ‘Assad regime’ all along.", ("regime", "name_calling")),
        # "regime" is a noun label: it does not swallow the verb after it.
        ("He said the Assad regime must go.", ("regime", "name_calling")),
        # An intensifier takes the word it intensifies.
        ("The officers were extremely careless with the files.", ("extremely careless", "intensifier")),
        # A singular label takes no relative pronoun after it.
        ("It involves the Syrian Christian crook who helped him buy his house.", ("crook", "name_calling")),
        # Issue #13's own examples of labels it missed.
        ("The migrant horde reached the border town on Monday.", ("migrant horde", "identity")),
        ("The snowflake meltdown on campus went on for a third day.", ("snowflake meltdown", "name_calling")),
    ],
)
def test_loaded_wording_is_found(text, expected):
    assert expected in _rule_found(text)
    assert expected in _found(text)  # the model never displaces a rule's span


@pytest.mark.parametrize(
    "text",
    [
        # Reported official designations are facts about a designation, not labels.
        "The State Department designated the group a terrorist organization in 2012.",
        "The group was listed as a terrorist group by the UN Security Council.",
        "A court convicted two men of financing a group that the European Union lists as a terrorist organization.",
        # Neutral reporting of violence.
        "The attack killed 12 people and wounded 30, police said.",
        "Two people died when a terrorist attack hit the station on Friday.",
        # A designated group named as one (editors: wrong 14 times in 15).
        "A new recruitment video was released by Al-Shabaab, the Somali terrorist group, on Friday.",
        "Officials praised the Saudis for their help in battling terror groups in the region.",
        # A proper name that contains the word is a name.
        "The Terrorist Screening Center keeps the watch list.",
        "Fighters of the Al-Nusra Front held the town until March.",
        # "Regime" as an ordinary word.
        "The country adopted a new tax regime after years of debate.",
        "Critics of regime change in Libya were ignored.",
        # Quotes around a term, and "so-called" introducing a technical term.
        "There is no “end,” because developers keep updating their biggest hits.",
        "He calls it a “side hustle” and earns extra money from it.",
        "So-called neo-banks have grown fast in Europe.",
        # A capitalised word inside a sentence is a name or a title.
        "The 2,812-piece Betrayal at Cloud City set is the largest one yet.",
        # Someone else's label, reported in the outlet's voice.
        "The minister called them thugs at a rally on Sunday.",
    ],
)
def test_neutral_wording_is_left_alone(text):
    assert _rule_found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Heavy rain caused rivers to burst their banks in northern Italy on Tuesday, "
        "forcing about 4,000 people to leave.",
        "Rail operator Trenitalia suspended services on two lines between Bologna and Rimini.",
        "The region was hit by similar floods in May 2023, when 17 people died.",
    ],
)
def test_plain_wire_copy_gets_no_span_at_all(text):
    # The token model too must stay quiet on plain wire copy.
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in what one MP called a “clear & direct US protection of ISIS”", [("clear & direct", "verdict_pair")]),
        ("It was a deliberate and unprovoked attack on civilians.", [("deliberate and unprovoked", "verdict_pair")]),
        # A pair used as a predicate, an idiom of law, or a neutral pairing is ordinary prose.
        ("The new rules were clear and direct.", []),
        ("It was a clear and present danger.", []),
        ("Observers called it a free and fair election.", []),
    ],
)
def test_a_pair_of_verdict_words_before_a_noun_is_loaded(text, expected):
    assert _rule_found(text) == expected


def test_spans_are_sorted_disjoint_and_index_the_text():
    text = ("This is an utterly insane and reckless attempt to smear the president, "
            "say the so-called experts and their “activists”, the regime's thugs.")
    spans = find_loaded_spans(text)
    assert spans and all(isinstance(s, FramingSpan) for s in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert all(0 <= s.start < s.end <= len(text) and 0 < s.score <= 1 for s in spans)


def test_empty_and_blank_texts():
    assert find_loaded_spans("") == []
    assert find_loaded_spans(" \n\n ") == []


def test_nested_curly_quotes_pair_by_direction():
    text = "“The West called them “anti Assad” freedom rebels,” he wrote."
    regions = [text[s:e] for s, e in quote_regions(text)]
    assert regions == ["The West called them “anti Assad” freedom rebels,", "anti Assad"]


def test_a_stray_mark_does_not_quote_the_rest_of_the_article():
    text = "He said “it was over.\n\nNext paragraph with thugs."
    assert quote_regions(text) == []
    toks = tokenize(text)
    assert set(toks.quote) == {OUTSIDE}


def test_quote_context_of_tokens():
    text = "The US-backed “rebels” said “we will hold the city until the end of the war” today."
    toks = tokenize(text)
    kind = dict(zip(toks.words, toks.quote))
    assert kind["rebels"] == SHORT
    assert kind["city"] == LONG
    assert kind["today"] == OUTSIDE


@pytest.mark.parametrize(
    "text",
    [
        ("Al-Nusra terrorists, “moderate rebels” and the so-called experts: an utterly "
         "disgraceful smear, he said. \"It is a witch hunt\" by the regime's thugs!"),
        "Guard Mysteriously Vanished Into Thin Air\n\nBy now, we have all heard of him.\nHe is a hero.",
    ],
)
def test_fast_scorer_equals_the_sum_of_training_features(text: str):
    # The finder sums cached per-word weights; training sees feature strings.
    # Both must give the same logits, or the shipped model is not the trained one.
    weights = read_weights()
    toks = tokenize(text)
    logits = SCORER.logits(toks)
    assert len(logits) == len(toks)
    for i in range(len(toks)):
        expected = 0j
        for feature in token_features(toks, i):
            template, _, key = feature.partition("=")
            assert template in TEMPLATES
            expected += weights[template].get(key, 0j)
        assert abs(expected - logits[i]) < 1e-9


def test_weights_file_round_trip(tmp_path: Path):
    # Keys with a space (bigrams), an empty key (the bias) and non-ASCII
    # words must come back under the right template with their weights.
    weights: Weights = {t: {} for t in TEMPLATES}
    weights["b"][""] = complex(-3.0, -4.0)
    weights["w"]["régime"] = complex(0.5, 1.25)
    weights["w"]["thugs"] = complex(0.0, 2.0)
    weights["bn"]["witch hunt"] = complex(1.5, 0.0)
    path = tmp_path / "m.npz"
    save_weights(weights, path, "test", threshold=0.3, grow=0.2, veto=0.12)
    back = read_weights(path)
    assert {t: d for t, d in back.items() if d} == {t: d for t, d in weights.items() if d}
    assert read_decoder(path) == pytest.approx((0.3, 0.2, 0.12))
    # the bigram is scored through the fast path too
    toks = tokenize("a witch hunt")
    assert Scorer(back).logits(toks)[1] == pytest.approx(complex(-3.0 + 1.5, -4.0))


def test_a_file_without_a_veto_gets_the_default_veto(tmp_path: Path):
    # Model files written before the veto existed (the shipped one among
    # them) get the out-of-fold choice kept in code; a file's own value wins.
    path = tmp_path / "old.npz"
    save_weights({t: {} for t in TEMPLATES}, path, "old", threshold=0.3, grow=0.2, veto=0.05)
    assert read_decoder(path)[2] == pytest.approx(0.05)
    with np.load(path) as z:
        np.savez(path, **{k: z[k] for k in z.files if k != "veto"})
    assert read_decoder(path) == pytest.approx((0.3, 0.2, DEFAULT_VETO))


def test_the_veto_drops_weight_words_the_model_doubts_but_never_labels():
    # Annotators left most "corrupt"/"evil" unmarked in running prose, so a
    # listed weight word needs some model support; a label ("terrorists")
    # rests on the reviewed list and its context rules alone.
    text = "The corrupt officials backed the terrorists in the shocking raid."
    n = len(tokenize(text))
    doubtful = [(0.0, 0.0)] * n
    kept = [text[s.start : s.end] for s in find_loaded_spans(text, probs=doubtful, veto=0.1)]
    assert "terrorists" in kept
    assert "corrupt" not in kept and "shocking" not in kept
    everything = [text[s.start : s.end] for s in find_loaded_spans(text, probs=doubtful, veto=0.0)]
    assert {"corrupt", "terrorists", "shocking"} <= set(everything)
    sure = [(0.5, 0.0)] * n  # every token loaded: the listed words survive (inside model spans)
    spans = find_loaded_spans(text, probs=sure, veto=0.1)
    assert any(s.start <= text.index("corrupt") < s.end for s in spans)



REGIONS_TEXT = (
    "The council met on Tuesday to discuss the budget. "
    "Critics called the disgraceful plan a betrayal by the corrupt regime. "
    "The vote is set for March."
)


def test_the_model_limited_to_regions_scores_them_exactly_as_a_whole_text_pass():
    from sidenote.framing.model import probabilities
    from sidenote.framing.spans import _probabilities_within

    toks = tokenize(REGIONS_TEXT)
    whole = probabilities(SCORER.logits(toks))
    start = REGIONS_TEXT.index("Critics")
    end = REGIONS_TEXT.index(" The vote")
    within = _probabilities_within(SCORER, toks, [(start, end)])
    inside = [k for k, s in enumerate(toks.starts) if start <= s < end]
    assert inside and all(within[k] == pytest.approx(whole[k], abs=1e-12) for k in inside)
    assert all(within[k] == (0.0, 0.0) for k in range(len(toks)) if k not in inside)


def test_model_regions_keep_the_finds_inside_them():
    start = REGIONS_TEXT.index("Critics")
    end = REGIONS_TEXT.index(" The vote")
    whole = find_loaded_spans(REGIONS_TEXT)
    limited = find_loaded_spans(REGIONS_TEXT, model_regions=lambda found: [(start, end)])
    assert [sp for sp in whole if start <= sp.start < end] == [sp for sp in limited if start <= sp.start < end]
    # outside the regions only word-list finds remain
    assert all(sp.score == 1.0 for sp in limited if not start <= sp.start < end)


def test_a_label_starting_a_line_is_not_part_of_a_name_on_the_line_above():
    # "… on Twitter" ends one line; "Globalist billionaire" opens the next:
    # a name does not run across a line break.
    text = "The senator posted the clip on Twitter\nGlobalist billionaire George Soros funded the march again."
    spans = find_loaded_spans(text, use_model=False)
    assert [text[s.start : s.end] for s in spans] == ["Globalist billionaire"]
    # on one line, capitalised words around a listed word still make a name
    assert find_loaded_spans("He chaired the Globalist Forum Council in May.", use_model=False) == []


def test_a_label_after_called_out_is_the_writers():
    # "call out" is to criticise, not to name: the label is not reported
    text = "The sheriff called out the radical leftist mayor for the policy."
    assert [text[s.start : s.end] for s in find_loaded_spans(text, use_model=False)] == ["leftist mayor"]
    # "called" naming someone still reports the label
    assert find_loaded_spans("The sheriff called the mayor a leftist thug.", use_model=False) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The label opens a partial quotation after the cue: the speaker's words.
        ("The senator called the mayor a “thug” at the rally.", ["thug"]),
        # The quotation opens earlier, with the label inside it.
        ("The senator called the mayor a “pathological liar.”", ["liar"]),
        ('The senator called the mayor a "pathological liar."', ["liar"]),
        # A quotation that has closed before the label leaves it reported, not quoted.
        ("The senator called the “reformer” a liar.", []),
    ],
)
def test_a_label_inside_a_quotation_after_the_cue_is_kept_for_its_speaker(text, expected):
    assert [text[s.start : s.end] for s in find_loaded_spans(text, use_model=False)] == expected

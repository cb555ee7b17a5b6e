"""The verifier: which candidate cards a reader sees, and the features it reads."""

from __future__ import annotations

import json
import math
from typing import get_args

import pytest
from handmade import article, doc, span

from sidenote.anchor import make_anchor, make_evidence
from sidenote.doc import Attribution, Card, Evidence, Source
from sidenote.framing.types import FramingLabel
from sidenote.pipeline import analyze_text
from sidenote.verifier import Verifier, card_features, load_verifier
from sidenote.verifier.encoder import EncoderError, load_encoder
from sidenote.verifier.model import MODEL_FILE, SPECIFIED_DENSITY, Scope, read_verifier, specified


def _framing_card(d, words: str, voice: str = "outlet") -> Card:
    text = d.text
    s = span(text, words)
    sentence = next(x for x in d.sentences if x.start <= s.start < x.end)
    return Card(
        id="", kind="loaded_framing", severity="caution", title="t", body="b",
        anchor=make_anchor(text, sentence.start, sentence.end),
        evidence=(make_evidence(text, s.start, s.end, "emotive"),), voice=voice,  # type: ignore[arg-type]
    )


def test_features_name_the_word_its_label_and_voice():
    d = doc(article(["The mayor's plan is disgraceful, residents say."]))
    feats = card_features(d, _framing_card(d, "disgraceful"))
    expected = {"kind=loaded_framing", "lf:w=disgraceful", "lf:lab=outlet:emotive", "loaded_framing:voice=outlet"}
    assert expected <= set(feats)


def test_a_negated_word_is_marked():
    negated = doc(article(["The plan was not so outrageous after all."]))
    plain = doc(article(["The plan was so outrageous after all."]))
    assert "lf:negated" in card_features(negated, _framing_card(negated, "outrageous"))
    assert "lf:negated" not in card_features(plain, _framing_card(plain, "outrageous"))


def test_the_parse_says_what_the_word_does_in_its_sentence():
    named = doc(article(["The corrupt Senator Smith voted against the bill."]))
    feats = card_features(named, _framing_card(named, "corrupt"))
    assert {"lf:dep=amod", "lf:head_is_name"} <= set(feats)  # it judges someone named
    predicate = doc(article(["I think the new budget plan is disgraceful."]))
    feats = card_features(predicate, _framing_card(predicate, "disgraceful"))
    assert "lf:dep=acomp" in feats and "lf:head_is_name" not in feats
    assert "lf:subject=i" in feats  # the writer's own opinion, in the first person


def test_words_inside_credited_content_are_marked_as_attributed():
    text = "She said the decision was disgraceful and wrong."
    art = article([text])
    content = span(text, "the decision was disgraceful and wrong")
    d = doc(art, sources=(Source("s1", "She", "person"),),
            attributions=(Attribution(source="s1", content=content, cue=span(text, "said")),))
    assert "lf:attributed:outlet" in card_features(d, _framing_card(d, "disgraceful"))
    bare = doc(art)
    assert "lf:attributed:outlet" not in card_features(bare, _framing_card(bare, "disgraceful"))


def test_a_card_below_its_kinds_threshold_is_dropped():
    d = doc(article(["A horrific flood destroyed 300 homes.", "The regime lied again, disgracefully."]))
    flood, regime = _framing_card(d, "horrific"), _framing_card(d, "regime")
    verifier = Verifier(bias=0.0, weights={"lf:w=horrific": -5.0, "lf:w=regime": 3.0},
                        thresholds={"loaded_framing": 0.5})
    assert verifier.keep(d, [flood, regime]) == [regime]


def test_a_page_shows_at_most_its_limit_of_a_kind_the_most_probable_first():
    d = doc(article(["The regime lied.", "The thugs marched.", "The traitors spoke.", "A horrific flood came."]))
    regime, thugs, traitors, flood = (_framing_card(d, w) for w in ("regime", "thugs", "traitors", "horrific"))
    weights = {"lf:w=regime": 3.0, "lf:w=thugs": 2.0, "lf:w=traitors": 4.0, "lf:w=horrific": 1.0}
    unlimited = Verifier(weights=weights, thresholds={"loaded_framing": 0.5})
    assert unlimited.keep(d, [regime, thugs, traitors, flood]) == [regime, thugs, traitors, flood]
    limited = Verifier(weights=weights, thresholds={"loaded_framing": 0.5}, page_limits={"loaded_framing": 2})
    # the two most probable, in the page's order
    assert limited.keep(d, [regime, thugs, traitors, flood]) == [regime, traitors]
    other_kind = Verifier(weights=weights, thresholds={"loaded_framing": 0.5}, page_limits={"single_source": 1})
    assert other_kind.keep(d, [regime, thugs]) == [regime, thugs]


def test_a_card_below_its_threshold_does_not_count_against_the_limit():
    d = doc(article(["The regime lied.", "A horrific flood came.", "The thugs marched.", "The traitors spoke."]))
    regime, flood, thugs, traitors = (_framing_card(d, w) for w in ("regime", "horrific", "thugs", "traitors"))
    v = Verifier(weights={"lf:w=regime": 3.0, "lf:w=horrific": -5.0, "lf:w=thugs": 2.0, "lf:w=traitors": 1.0},
                 thresholds={"loaded_framing": 0.5}, page_limits={"loaded_framing": 2})
    assert v.keep(d, [regime, flood, thugs, traitors]) == [regime, thugs]


def test_the_model_file_gives_the_page_limits(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"bias": 0.0, "weights": {}, "thresholds": {"loaded_framing": 0.5},
                                "page_limits": {"loaded_framing": 3}}))
    assert read_verifier(path).page_limits == {"loaded_framing": 3}
    path.write_text(json.dumps({"bias": 0.0, "weights": {}, "thresholds": {}}))
    assert read_verifier(path).page_limits == {}


def test_kinds_without_a_threshold_and_an_empty_model_keep_everything():
    d = doc(article(["A horrific flood destroyed 300 homes."]))
    card = _framing_card(d, "horrific")
    assert Verifier().keep(d, [card]) == [card]
    strict_other_kind = Verifier(weights={"lf:w=horrific": -9.0}, thresholds={"single_source": 0.99})
    assert strict_other_kind.keep(d, [card]) == [card]


def test_model_file_round_trip(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"bias": -1.0, "weights": {"kind=loaded_framing": 2.0},
                                "thresholds": {"loaded_framing": 0.6}}))
    v = read_verifier(path)
    assert v.probability(["kind=loaded_framing"]) == pytest.approx(1 / (1 + 2.718281828 ** -1.0), rel=1e-6)
    assert read_verifier(tmp_path / "absent.json") == Verifier()


def test_the_shipped_model_judges_every_kind():
    assert MODEL_FILE.exists()
    shipped = load_verifier()
    # single_source too since the sixth session, the specification's shapes aside (see train_verifier.py)
    assert set(shipped.thresholds) == {"single_source", "unverified_social_quote", "loaded_framing"}
    assert set(get_args(FramingLabel)) == set(shipped.scope["loaded_framing"].labels)
    assert set(shipped.scope["loaded_framing"].voices) == {"outlet", "quoted"}
    assert shipped.weights


def test_an_older_model_files_scope_reads_as_labels(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"bias": 0.0, "weights": {}, "thresholds": {"loaded_framing": 0.5},
                                "scope": {"loaded_framing": ["emotive"]}}))
    assert read_verifier(path).scope == {"loaded_framing": Scope(labels=("emotive",))}


def _label_card(d, words: str, voice: str) -> Card:
    s = span(d.text, words)
    return Card(
        id="", kind="loaded_framing", severity="caution", title="t", body="b",
        anchor=make_anchor(d.text, 0, len(d.text)), voice=voice,  # type: ignore[arg-type]
        evidence=(make_evidence(d.text, s.start, s.end, "name_calling"),),
    )


def test_a_voice_in_the_scope_puts_the_outlets_labels_before_the_verifier():
    d = doc(article(["The thugs shelled the town."]))
    v = Verifier(weights={"lf:w=thugs": -20.0}, thresholds={"loaded_framing": 0.5},
                 scope={"loaded_framing": Scope(labels=("emotive",), voices=("outlet",))})
    outlet, quoted = _label_card(d, "thugs", "outlet"), _label_card(d, "thugs", "quoted")
    assert v.judges(outlet) and v.keep(d, [outlet]) == []
    # a quoted speaker's label stays as the rules propose it
    assert not v.judges(quoted) and v.keep(d, [quoted]) == [quoted]


def test_a_card_the_specification_requires_is_never_hidden_on_a_page_that_frames_throughout():
    # data/verifier/shown_as_proposed.txt: the seed article's specification
    d = doc(article(["Weapons were found in facilities once held by Al-Nusra terrorists."]))
    card = _label_card(d, "Al-Nusra terrorists", "outlet")
    v = Verifier(weights={"lf:w=al-nusra terrorists": -20.0}, thresholds={"loaded_framing": 0.5},
                 scope={"loaded_framing": Scope(voices=("outlet",))})
    assert specified(card)
    # on a page that frames throughout (the seed's kind), or one whose density is unknown
    dense: dict[str, float] = {"density": SPECIFIED_DENSITY}
    assert not v.judges(card) and not v.judges(card, dense)
    # on plain reporting the verifier decides it like any other card
    assert v.judges(card, {"density": SPECIFIED_DENSITY - 1})
    # one label in a page of 160 plain words is not dense: keep decides it
    plain = "The council met on Tuesday and the budget was read out in full. " * 12
    long = doc(article(["Weapons were found in facilities once held by Al-Nusra terrorists.", plain]))
    assert v.keep(long, [_label_card(long, "Al-Nusra terrorists", "outlet")]) == []
    assert v.keep(d, [card]) == [card]  # one label in a ten-word page is dense
    # a word that merely contains a listed one is not it
    assert not specified(_label_card(doc(article(["The counterterrorists left."])), "counterterrorists", "outlet"))


def test_cards_outside_the_scope_are_shown_as_proposed():
    d = doc(article(["The regime shelled the town, a horrific act."]))
    text = d.text
    regime, horrific = span(text, "regime"), span(text, "horrific")
    card = Card(
        id="", kind="loaded_framing", severity="caution", title="t", body="b",
        anchor=make_anchor(text, 0, len(text)), voice="outlet",
        evidence=(make_evidence(text, regime.start, regime.end, "name_calling"),
                  make_evidence(text, horrific.start, horrific.end, "emotive")),
    )
    v = Verifier(weights={"lf:w=horrific": -20.0}, thresholds={"loaded_framing": 0.5},
                 scope={"loaded_framing": Scope(labels=("emotive",))})
    assert not v.judges(card)
    assert v.keep(d, [card]) == [card]
    weight_only = _framing_card(d, "horrific")
    assert v.judges(weight_only) and v.keep(d, [weight_only]) == []


def test_cards_are_numbered_after_the_verifier_drops_some(monkeypatch):
    import sidenote.pipeline.cards as cards_stage

    text = "The thugs shelled the town. The cowards fled. Officials said the toll rose."
    drop_thugs = Verifier(weights={"lf:w=thugs": -20.0}, thresholds={"loaded_framing": 0.5})
    monkeypatch.setattr(cards_stage, "load_verifier", lambda: drop_thugs)
    d = analyze_text(text)
    assert [c.id for c in d.cards] == [f"k{i}" for i in range(1, len(d.cards) + 1)]
    assert d.cards and not any("thugs" in e.exact for c in d.cards for e in c.evidence)
    flagged = {k for c in d.claims for k in c.flags}
    assert flagged <= {c.kind for c in d.cards}


def test_a_card_judged_for_its_voice_is_held_to_its_own_threshold():
    # "loaded_framing/outlet": labels in the outlet's voice are another
    # population than weight words, and a shared threshold moved both.
    d = doc(article(["The thugs shelled the town, a horrific act."]))
    label, weight = _label_card(d, "thugs", "outlet"), _framing_card(d, "horrific")
    v = Verifier(bias=0.0, thresholds={"loaded_framing": 0.9, "loaded_framing/outlet": 0.4},
                 scope={"loaded_framing": Scope(labels=("emotive",), voices=("outlet",))})
    assert v.threshold(label) == 0.4 and v.threshold(weight) == 0.9
    assert v.keep(d, [label, weight]) == [label]  # both score 0.5
    assert Verifier(thresholds={"loaded_framing": 0.9}).threshold(label) == 0.9


def test_the_encoders_logit_is_blended_with_the_linear_one():
    d = doc(article(["A horrific flood destroyed 300 homes.", "The regime lied again, disgracefully."]))
    flood, regime = _framing_card(d, "horrific"), _framing_card(d, "regime")
    read = []

    def encoder_logits(_doc, cards):
        read.extend(cards)
        return [-4.0 if c is flood else 4.0 for c in cards]

    # alone, the linear model (logit 0, probability 0.5) shows neither at 0.6
    linear = Verifier(thresholds={"loaded_framing": 0.6})
    assert linear.keep(d, [flood, regime]) == []
    blend = Verifier(thresholds={"loaded_framing": 0.6}, encoder_kind="loaded_framing", linear_weight=0.5,
                     encoder_logits=encoder_logits)
    assert blend.keep(d, [flood, regime]) == [regime]  # 0.5 * 0 + 0.5 * 4 = 2: probability 0.88
    assert read == [flood, regime]  # one call for the page's cards


def test_the_encoder_reads_only_its_kinds_judged_cards():
    d = doc(article(["A horrific flood destroyed 300 homes."]))
    card = _framing_card(d, "horrific")
    other_kind = Verifier(thresholds={"loaded_framing": 0.4}, encoder_kind="single_source", linear_weight=0.5,
                          encoder_logits=lambda _d, _c: pytest.fail("read a card of another kind"))
    assert other_kind.keep(d, [card]) == [card]


def test_a_model_file_that_blends_reads_its_encoder_share(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"bias": 0.0, "weights": {}, "thresholds": {"loaded_framing": 0.6},
                                "encoder": {"kind": "loaded_framing", "linear_weight": 0.6,
                                            "logit_range": [-3.0, 6.0]}}))
    v = read_verifier(path)
    assert (v.encoder_kind, v.linear_weight, v.encoder_range) == ("loaded_framing", 0.6, (-3.0, 6.0))
    assert v.probability([], encoder_logit=5.0) == pytest.approx(1 / (1 + math.exp(-2.0)))


def test_a_blending_model_without_its_encoder_names_the_fix(monkeypatch):
    import sidenote.verifier.model as model

    monkeypatch.setattr(model, "load_encoder", lambda: None)
    d = doc(article(["A horrific flood destroyed 300 homes."]))
    v = Verifier(thresholds={"loaded_framing": 0.6}, encoder_kind="loaded_framing", linear_weight=0.5)
    with pytest.raises(EncoderError, match="train_encoder.py"):
        v.keep(d, [_framing_card(d, "horrific")])


def test_the_shipped_model_blends_the_shipped_encoder_for_loaded_framing():
    shipped = load_verifier()
    assert shipped.encoder_kind == "loaded_framing" and 0.0 < shipped.linear_weight < 1.0
    assert shipped.encoder_range is not None and shipped.encoder_range[0] < 0.0 < shipped.encoder_range[1]
    assert load_encoder() is not None


def test_the_encoder_reads_only_cards_its_range_could_move_across_the_threshold():
    d = doc(article(["A horrific flood destroyed 300 homes.", "The regime lied again, disgracefully.",
                     "The plan was outrageous, residents said."]))
    low, high, near = _framing_card(d, "horrific"), _framing_card(d, "regime"), _framing_card(d, "outrageous")
    read = []

    def encoder_logits(_doc, cards):
        read.extend(cards)
        return [2.0 for _ in cards]

    v = Verifier(weights={"lf:w=horrific": -10.0, "lf:w=regime": 10.0}, thresholds={"loaded_framing": 0.6},
                 encoder_kind="loaded_framing", linear_weight=0.5, encoder_range=(-2.0, 2.0),
                 encoder_logits=encoder_logits)
    # linear logits -10, 10 and 0: blended, -6..-4 (hidden whatever the
    # encoder says), 4..6 (shown whatever it says) and -1..1 (its call)
    assert v.keep(d, [low, high, near]) == [high, near]
    assert read == [near]


def _three_cards_and_an_encoder(monkeypatch, horrific: float, **limits):
    """Three loaded_framing cards (linear logits 0, 0.6 and ``horrific``
    against a threshold of 0.5, logit 0: each the encoder's call), a
    verifier whose encoder reads at most two a page and says 2.0, and the
    list of the cards it read."""
    import sidenote.verifier.model as model

    monkeypatch.setattr(model, "MAX_ENCODER_READS", 2)
    d = doc(article(["The plan was outrageous.", "The regime lied again.", "A horrific flood came."]))
    cards = [_framing_card(d, "outrageous"), _framing_card(d, "regime"), _framing_card(d, "horrific")]
    read: list[Card] = []

    def encoder_logits(_doc, chosen):
        read.extend(chosen)
        return [2.0 for _ in chosen]

    v = Verifier(weights={"lf:w=regime": 0.6, "lf:w=horrific": horrific}, thresholds={"loaded_framing": 0.5},
                 encoder_kind="loaded_framing", linear_weight=0.5, encoder_range=(-2.0, 2.0),
                 encoder_logits=encoder_logits, **limits)
    return d, cards, v, read


def test_past_its_page_limit_the_encoder_reads_the_cards_the_linear_model_is_least_sure_of(monkeypatch):
    import sidenote.verifier.model as model

    d, cards, v, read = _three_cards_and_an_encoder(monkeypatch, -1.4)  # the third the least close
    assert v.keep(d, cards) == cards[:2]
    assert read == cards[:2]  # the third was not read, so not shown
    monkeypatch.setattr(model, "MAX_ENCODER_READS", 3)
    read.clear()
    assert v.keep(d, cards) == cards


def test_past_its_page_limit_with_a_limit_on_cards_the_encoder_reads_those_the_linear_model_ranks_highest(
        monkeypatch):
    # the third (-0.3) is closer to the threshold than the second (0.6), but ranks lowest
    d, cards, unlimited, read = _three_cards_and_an_encoder(monkeypatch, -0.3)
    assert unlimited.keep(d, cards) == [cards[0], cards[2]]
    read.clear()
    d, cards, limited, read = _three_cards_and_an_encoder(monkeypatch, -0.3, page_limits={"loaded_framing": 3})
    assert limited.keep(d, cards) == cards[:2]
    assert {id(c) for c in read} == {id(cards[0]), id(cards[1])}


def test_an_encoder_logit_beyond_its_range_is_held_to_it():
    v = Verifier(encoder_kind="loaded_framing", linear_weight=0.5, encoder_range=(-2.0, 2.0))
    assert v.probability([], encoder_logit=50.0) == pytest.approx(v.probability([], encoder_logit=2.0))


def _source_card(d, claim: str, body: str) -> Card:
    s = span(d.text, claim)
    return Card(id="", kind="single_source", severity="warning", title="This claim rests on a single source",
                body=body, anchor=make_anchor(d.text, s.start, s.end), evidence=())


def test_a_single_source_card_of_a_specified_shape_is_shown_as_proposed_on_a_page_that_frames_throughout():
    # data/verifier/specified_single_source.txt: the seed article's specification
    d = doc(article(["The militants shelled the town overnight, an MP said."]))
    claim = "The militants shelled the town overnight"
    account = _source_card(d, claim, "The only support the article gives for this claim is Ann Lee's X (Twitter) "
                                     "account. No other source in the article says the same thing independently.")
    relayed = _source_card(d, claim, "The only support the article gives for this claim is the Defence Ministry, "
                                     "as relayed by RT. No other source in the article says the same thing.")
    unnamed = _source_card(d, claim, "The only support the article gives for this claim is an unnamed source "
                                     "(officials). No other source in the article says the same thing.")
    v = Verifier(weights={"kind=single_source": -20.0}, thresholds={"single_source": 0.5})
    assert specified(account) and specified(relayed) and not specified(unnamed)
    dense: dict[str, float] = {"density": SPECIFIED_DENSITY}
    assert not v.judges(account, dense) and not v.judges(relayed, dense)
    assert v.judges(unnamed, dense)
    # on plain reporting the verifier decides every single_source card of these shapes
    plain: dict[str, float] = {"density": SPECIFIED_DENSITY - 1}
    assert v.judges(account, plain) and v.judges(relayed, plain)


def test_a_claim_resting_only_on_an_unnamed_source_relayed_by_an_outlet_is_shown_on_every_page():
    # data/verifier/relayed_unnamed_source.txt: the rubric's own example of
    # the kind, which the verifier hid on plain news pages.
    d = doc(article(["Senator Mark Ellis will resign next month, the Times reported, citing a person "
                     "familiar with the matter."]))
    claim = "Senator Mark Ellis will resign next month"
    relayed_unnamed = _source_card(d, claim, "The only support the article gives for this claim is an unnamed "
                                             "source (a person familiar with the matter), as relayed by the "
                                             "Times. No other source in the article says the same thing.")
    unnamed = _source_card(d, claim, "The only support the article gives for this claim is an unnamed source "
                                     "(officials). No other source in the article says the same thing.")
    v = Verifier(weights={"kind=single_source": -20.0}, thresholds={"single_source": 0.5})
    plain: dict[str, float] = {"density": 0}
    assert not v.judges(relayed_unnamed, plain) and v.judges(unnamed, plain)
    assert v.keep(d, [relayed_unnamed, unnamed]) == [relayed_unnamed]



def _social_quote_card(d, quoted: str, platform: str | None, body: str = "b") -> Card:
    q = d.text.index(quoted)
    evidence: tuple[Evidence, ...] = ()
    if platform is not None:
        p = d.text.index(platform)
        evidence = (make_evidence(d.text, p, p + len(platform), "platform_attribution"),)
    return Card(id="", kind="unverified_social_quote", severity="caution",
                title="Quoted from X (Twitter), with no link to the post", body=body,
                anchor=make_anchor(d.text, q, q + len(quoted)), evidence=evidence)


@pytest.mark.parametrize(("text", "platform", "tie"), [
    ("Mayor Ann Lee said on Twitter that the plan was “a total disgrace for the city”.", "Twitter", "confirmed"),
    # the platform is where an earlier act went, not the one that credits the words
    ("Months after he savaged her on Twitter, Mayor Lee told reporters the plan was “a total disgrace for the "
     "city”.", "Twitter", "other_clause"),
    ("Mayor Ann Lee posts on Twitter every day. On Monday she called the plan “a total disgrace for the city”.",
     "Twitter", "other_sentence"),
    ("Mayor Ann Lee called the plan “a total disgrace for the city”.", None, "none"),
])
def test_a_social_quotes_features_say_how_the_page_ties_the_words_to_the_post(text, platform, tie):
    d = analyze_text(text)
    feats = card_features(d, _social_quote_card(d, "a total disgrace for the city", platform))
    assert [f for f in feats if f.startswith("sq:tie=")] == [f"sq:tie={tie}"]


def test_the_shipped_model_trusts_a_tie_the_parse_confirms_over_one_in_another_clause():
    # Learned from every judged tuning card (train_verifier.HISTORICAL): the
    # parse-confirmed tie was right 98 times in 110, another clause 5 in 20.
    w = load_verifier().weights
    assert w.get("sq:tie=confirmed", 0.0) > 0 > w.get("sq:tie=other_clause", 0.0)


def test_a_social_quote_credited_by_name_is_shown_as_proposed_on_a_page_that_frames_throughout():
    # data/verifier/specified_social_quote.txt: the seed article's lead quote
    d = analyze_text("Ann Lee posts on Twitter every day. On Monday she called the plan “a total disgrace”.")
    named = _social_quote_card(d, "a total disgrace", "Twitter",
                               body="These words are credited to a post by Ann Lee on X (Twitter), but the page "
                                    "neither links to nor embeds that post.")
    unnamed = _social_quote_card(d, "a total disgrace", "Twitter",
                                 body="These words are credited to a post on X (Twitter), but the page neither "
                                      "links to nor embeds that post.")
    unplaced = _social_quote_card(d, "a total disgrace", None, body=named.body)
    v = Verifier(weights={"kind=unverified_social_quote": -20.0}, thresholds={"unverified_social_quote": 0.5})
    assert specified(named) and not specified(unnamed) and not specified(unplaced)
    dense: dict[str, float] = {"density": SPECIFIED_DENSITY}
    assert not v.judges(named, dense) and v.judges(unnamed, dense) and v.judges(unplaced, dense)
    assert v.judges(named, {"density": SPECIFIED_DENSITY - 1})  # plain reporting: the verifier decides

"""Training the verifier (backend/train/train_verifier.py): how the encoder's share is chosen, and
(verifier_thresholds.py) each kind's threshold and page limit."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from sidenote_train import train_verifier, verifier_thresholds


def _cards(n: int) -> tuple[list[str], list[str], list[str]]:
    """n loaded_framing cards, alternately right and wrong, with their keys."""
    keys = [f"k{i}" for i in range(n)]
    verdicts = ["right" if i % 2 == 0 else "wrong" for i in range(n)]
    return keys, ["loaded_framing"] * n, verdicts


def test_an_encoder_that_separates_right_from_wrong_takes_a_share(monkeypatch):
    keys, kinds, verdicts = _cards(40)
    logits = {k: (2.0 if v == "right" else -2.0) for k, v in zip(keys, verdicts)}
    monkeypatch.setattr(train_verifier, "encoder_oof", lambda: logits)
    linear = np.full(40, 0.5)  # the linear model cannot tell them apart
    share, probs = train_verifier.choose_blend(linear, keys, kinds, verdicts, cost=5.0, debatable_cost=1.0)
    assert share == min(train_verifier.BLEND_SHARES)
    assert probs[0] > 0.5 > probs[1]


def test_an_encoder_that_only_adds_noise_is_left_out(monkeypatch):
    keys, kinds, verdicts = _cards(40)
    rng = np.random.default_rng(0)
    logits = {k: float(rng.normal(0, 3)) for k in keys}
    monkeypatch.setattr(train_verifier, "encoder_oof", lambda: logits)
    linear = np.array([0.8 if v == "right" else 0.2 for v in verdicts])
    share, probs = train_verifier.choose_blend(linear, keys, kinds, verdicts, cost=5.0, debatable_cost=1.0)
    assert share == 1.0
    assert np.allclose(probs, linear)


def test_the_share_is_the_one_with_the_lowest_log_loss_not_the_most_utility(monkeypatch):
    # Eight confident right cards, then the rest undecided: at any threshold
    # the utility is the same for every share, but sharpening the right
    # cards' probabilities lowers the log loss, so a blend is chosen.
    keys, kinds, verdicts = _cards(20)
    verdicts = ["right"] * 8 + verdicts[8:]
    logits = {k: (4.0 if i < 8 else 0.0) for i, k in enumerate(keys)}
    monkeypatch.setattr(train_verifier, "encoder_oof", lambda: logits)
    linear = np.array([0.6] * 8 + [0.5] * 12)
    share, _ = train_verifier.choose_blend(linear, keys, kinds, verdicts, cost=5.0, debatable_cost=1.0)
    assert share < 1.0


def test_log_loss_is_lower_for_better_probabilities():
    y = np.array([1.0, 0.0])
    assert train_verifier.log_loss(np.array([0.9, 0.1]), y) < train_verifier.log_loss(np.array([0.6, 0.4]), y)


def _plateau() -> tuple[np.ndarray, list[str], list[str]]:
    """Ten sure right cards at 0.95, then, at 0.70 down to 0.61, ten cards
    that add nothing on the whole (five right, one wrong), each on its own
    page: a flat stretch of the utility curve below its best."""
    p = np.array([0.95] * 10 + [0.70, 0.69, 0.68, 0.67, 0.66, 0.65, 0.64, 0.63, 0.62, 0.61])
    verdicts = ["right"] * 10 + ["right", "right", "debatable", "right", "right",
                                 "wrong", "debatable", "debatable", "debatable", "right"]
    return p, verdicts, [f"page{i}" for i in range(20)]


def test_the_best_threshold_is_where_the_utility_peaks():
    p, verdicts, _ = _plateau()
    t, stats = verifier_thresholds.choose_threshold(p, verdicts, cost=5.0, debatable_cost=1.0)
    assert t == 0.66 and stats["utility"] == 13  # 10 + 4 right, 1 debatable
    assert verifier_thresholds.choose_threshold(np.array([0.9]), ["wrong"], cost=5.0)[0] == 1.01


def test_within_a_standard_error_the_threshold_that_shows_fewest_cards_is_chosen():
    p, verdicts, groups = _plateau()
    t, stats = verifier_thresholds.choose_threshold(p, verdicts, 5.0, 1.0, groups, standard_errors=1.0)
    # the best, 0.66, shows 15 cards (utility 13, give or take about 3);
    # 0.70 shows 11 (utility 11), within that; 0.95 (10) is not
    assert t == 0.70 and stats["shown"] == 11 and stats["utility"] == 11
    # with no pages to resample, or no error allowed, the best stands
    assert verifier_thresholds.choose_threshold(p, verdicts, 5.0, 1.0, None, 1.0)[0] == 0.66
    assert verifier_thresholds.choose_threshold(p, verdicts, 5.0, 1.0, groups, 0.0)[0] == 0.66


def test_the_area_under_the_curve_is_the_chance_a_right_card_scores_higher():
    y = np.array([1.0, 1.0, 0.0, 0.0])
    assert train_verifier.area_under_curve(np.array([0.9, 0.8, 0.2, 0.1]), y) == 1.0
    assert train_verifier.area_under_curve(np.array([0.1, 0.2, 0.8, 0.9]), y) == 0.0
    assert train_verifier.area_under_curve(np.array([0.5, 0.5, 0.5, 0.5]), y) == 0.5
    assert train_verifier.area_under_curve(np.array([0.9, 0.3, 0.5, 0.1]), y) == 0.75


def test_cards_past_their_pages_limit_are_never_shown_the_most_probable_stay():
    p = np.array([0.9, 0.8, 0.7, 0.95, 0.6, 0.85])
    kinds = ["loaded_framing", "loaded_framing/outlet", "loaded_framing", "unverified_social_quote",
             "loaded_framing", "loaded_framing"]
    groups = ["a", "a", "a", "a", "a", "b"]
    capped = verifier_thresholds.within_page_limits(p, kinds, groups, {"loaded_framing": 2})
    # page a's two most probable loaded_framing cards (either population) stay; the social quote and page b's
    # card are not limited
    assert capped.tolist() == [0.9, 0.8, 0.0, 0.95, 0.0, 0.85]
    assert verifier_thresholds.within_page_limits(p, kinds, groups, {}).tolist() == p.tolist()


def test_a_kind_may_take_the_best_threshold_itself(monkeypatch):
    monkeypatch.setattr(verifier_thresholds, "STANDARD_ERRORS_BY_KIND", {"loaded_framing": 0.0})
    monkeypatch.setattr(verifier_thresholds, "STANDARD_ERRORS", 1.0)
    assert verifier_thresholds.standard_errors_for("loaded_framing/outlet") == 0.0  # a population of the kind
    assert verifier_thresholds.standard_errors_for("unverified_social_quote") == 1.0
    assert verifier_thresholds.standard_errors_for("loaded_framing", 0.5) == 0.5  # --standard-errors for every kind


def test_the_expected_utility_threshold_weighs_wrong_and_debatable_cards_by_how_often_each_is():
    # three wrong (cost 5 each) and one debatable (cost 1): a card that is not right costs 4 on average,
    # so a card is worth showing from p = 4 / 5: p - (1 - p) * 4 >= 0
    verdicts = ["right", "wrong", "wrong", "right", "wrong", "debatable"]
    assert verifier_thresholds.expected_utility_threshold(verdicts, 5.0, 1.0) == 0.8
    assert verifier_thresholds.expected_utility_threshold(["right", "debatable"], 5.0, 1.0) == 0.5  # c = 1
    assert verifier_thresholds.expected_utility_threshold(["wrong"], 5.0, 1.0) == pytest.approx(5 / 6, abs=1e-4)
    # nothing can go wrong
    assert verifier_thresholds.expected_utility_threshold(["right", "right"], 5.0, 1.0) == 0.0


def test_social_quotes_take_the_expected_utility_threshold_and_other_kinds_a_searched_one(monkeypatch):
    monkeypatch.setattr(verifier_thresholds, "EXPECTED_UTILITY_KINDS", frozenset({"unverified_social_quote"}))
    monkeypatch.setattr(verifier_thresholds, "STANDARD_ERRORS_BY_KIND", {})
    p, verdicts, groups = _plateau()  # 1 wrong and 4 debatable: c = (5 + 4) / 5
    expected = verifier_thresholds.threshold_for("unverified_social_quote", p, verdicts, groups, 5.0, 1.0)
    assert expected == round(1.8 / 2.8, 4)  # 0.6429, whatever the curve's peak
    searched = verifier_thresholds.threshold_for("loaded_framing/outlet", p, verdicts, groups, 5.0, 1.0)
    assert searched == 0.70  # within a standard error of the peak, as above
    assert verifier_thresholds.threshold_for("unverified_social_quote", p, verdicts, groups, 5.0, 1.0,
                                             search_all=True) == 0.70  # --search-every-kind


def test_the_shipped_split_is_unsalted_and_a_salt_gives_another(monkeypatch):
    pages = [f"prop/{i}" for i in range(200)]
    shipped = [train_verifier.fold_of(p) for p in pages]
    assert shipped == [int(hashlib.sha1(p.encode()).hexdigest(), 16) % train_verifier.FOLDS for p in pages]
    monkeypatch.setattr(train_verifier, "FOLD_SALT", "a")
    salted = [train_verifier.fold_of(p) for p in pages]
    assert salted != shipped and set(salted) == set(range(train_verifier.FOLDS))

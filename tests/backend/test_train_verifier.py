"""Training the verifier (backend/train/train_verifier.py): how the encoder's share is chosen."""

from __future__ import annotations

import numpy as np

from sidenote_train import train_verifier


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

"""The verifier: which of the detectors' candidate cards a reader sees.

The detectors propose cards by rule. Editors judging those cards under
``shared/EDITOR-RUBRIC.md`` found the rules wrong in shapes a rule does not
see alone (a word that fits the facts, reported speech taken as the
outlet's, a claim's subject named as its source). The verifier is a small
logistic model over features of each candidate (its words, their context,
the voice, the source), trained on those editors' labels
(``backend/train/train_verifier.py``, tuning pages only). A candidate is
shown when its probability of being judged right reaches its kind's
threshold; thresholds were chosen out-of-fold for precision, because a
wrong card costs more than a missing one.
"""

from __future__ import annotations

from .features import card_features
from .model import Verifier, load_verifier

__all__ = ["Verifier", "card_features", "load_verifier"]

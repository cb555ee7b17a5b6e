"""What a credit pattern returns."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from sidenote.attribution.patterns.credit import Credit, plain_credit, token_span
from sidenote.attribution.text import tokenize
from sidenote.doc import Span


def test_plain_credit_names_the_tokens_with_no_description() -> None:
    toks = tokenize("Ana Ruiz said it")
    c = plain_credit(toks, 0, 1, Span(9, 13), Span(14, 16))
    assert c.mention == c.name == Span(0, 8)
    assert (c.description, c.listener, c.phrase) == (None, None, None)


def test_token_span_covers_first_to_last() -> None:
    toks = tokenize("Ana Ruiz said it")
    assert token_span(toks, 2) == Span(9, 13)
    assert token_span(toks, 0, 2) == Span(0, 13)


def test_a_credit_is_frozen() -> None:
    c = Credit(Span(0, 1), Span(0, 1), None, None, Span(2, 3))
    with pytest.raises(FrozenInstanceError):
        c.name = Span(0, 2)  # type: ignore[misc]

"""A statement handed over across a colon reads as a cue."""

from __future__ import annotations

from staged import quotes_of

from sidenote.attribution.patterns.statement import statement_colon, statement_noun
from sidenote.attribution.text import tokenize


def hands_over(text: str, verb: str) -> bool:
    toks = tokenize(text)
    i = next(k for k, t in enumerate(toks) if t.lower == verb)
    return statement_colon(toks, i, quotes_of(text))


def test_the_following_statement_then_a_quotation() -> None:
    assert hands_over("The firm released the following statement: “We regret the delay.”", "released")


def test_a_colon_that_closes_the_sentence() -> None:
    assert hands_over("The firm released the following statement:", "released")


def test_a_few_words_may_stand_between_the_noun_and_the_colon() -> None:
    assert hands_over("The firm sent a statement to the Valley Ledger: “We regret it.”", "sent")


def test_one_adjective_before_the_noun() -> None:
    assert hands_over("The mayor had a blunt reply:", "had")


def test_no_statement_noun_no_hand_over() -> None:
    assert not hands_over("The firm released the following figures: 12, 14.", "released")


def test_no_colon_or_no_quotation_after_it() -> None:
    assert not hands_over("The firm released a statement on Monday.", "released")
    assert not hands_over("The firm released a statement: the plant is shut.", "released")


def test_statement_noun_needs_a_lead_word() -> None:
    toks = tokenize("released statement:")
    assert statement_noun(toks, 0) is None
    toks = tokenize("put out a brief written statement:")
    assert statement_noun(toks, 0) == 5

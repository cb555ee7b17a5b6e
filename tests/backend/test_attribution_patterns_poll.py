"""A poll named after "in" credits the figures it gives."""

from __future__ import annotations

from sidenote.attribution.patterns.poll import in_poll, poll_noun
from sidenote.attribution.text import tokenize
from sidenote.doc import Span


def credit(text: str, nth: int = 0) -> tuple[str, str] | None:
    toks = tokenize(text)
    i = [k for k, t in enumerate(toks) if t.lower == "in"][nth]
    c = in_poll(text, toks, i, Span(0, len(text)))
    if c is None:
        return None
    return text[c.name.start : c.name.end], text[c.content.start : c.content.end]


def test_an_opening_poll_credits_the_clause_after_its_comma() -> None:
    assert credit("In a Valley Ledger poll released Monday, 31% backed the mayor.") == (
        "a Valley Ledger poll", "31% backed the mayor")


def test_a_closing_poll_credits_what_comes_before() -> None:
    assert credit("Ruiz led by nine points in the latest Ledger/WKXT poll.") == (
        "the latest Ledger/WKXT poll", "Ruiz led by nine points")


def test_the_poll_alone_names_no_poll_in_particular() -> None:
    assert credit("Ruiz led in the poll.") is None


def test_a_poll_used_as_a_modifier_credits_nothing() -> None:
    assert credit("Ruiz warned in Iowa poll overhype stories.") is None


def test_a_pronoun_or_a_lower_case_word_after_in_is_no_poll() -> None:
    assert credit("Ruiz led in their poll.") is None
    assert credit("Ruiz led in recent polling.") is None


def test_an_opening_poll_with_no_comma_credits_nothing() -> None:
    assert credit("In a Ledger poll Ruiz led.") is None


def test_poll_noun_stops_at_a_clause_word_or_a_preposition() -> None:
    toks = tokenize("in a poll")
    assert poll_noun(toks, 0) == 2
    toks = tokenize("in the county that polled")
    assert poll_noun(toks, 0) is None
    toks = tokenize("in May after the survey")
    assert poll_noun(toks, 0) is None

"""A passive's "by" agent as the source."""

from __future__ import annotations

from typing import TypeVar

from sidenote.attribution.patterns.passive_agent import passive_agent
from sidenote.attribution.text import tokenize
from sidenote.doc import Span

T = TypeVar("T")


def found(value: T | None) -> T:
    """``value``, which the test expects to be there."""
    assert value is not None
    return value


def credit(text: str) -> tuple[str, str, str] | None:
    toks = tokenize(text)
    i = next(k for k, t in enumerate(toks) if k + 1 < len(toks) and toks[k + 1].lower == "by")
    c = passive_agent(text, toks, i, Span(0, len(text)))
    if c is None:
        return None
    assert c.cue is not None
    return text[c.name.start : c.name.end], text[c.cue.start : c.cue.end], text[c.content.start : c.content.end]


def test_a_full_passive_credits_its_subject() -> None:
    assert credit("The closure was first reported by the Valley Ledger.") == (
        "the Valley Ledger", "reported by", "The closure")


def test_as_reported_by_credits_the_clause_after_the_comma() -> None:
    assert credit("As reported by the Valley Ledger, the mayor resigned.") == (
        "the Valley Ledger", "reported by", "the mayor resigned")


def test_a_reduced_passive_credits_what_comes_before_it() -> None:
    assert found(credit("The mayor resigned, as first reported by WKXT."))[2] == "The mayor resigned"
    assert found(credit("The closure, first reported by WKXT, ended talks."))[2] == "The closure"


def test_no_form_of_be_no_passive() -> None:
    assert credit("The clerk reported by Monday that turnout fell.") is None


def test_a_pronoun_or_a_lower_case_agent_is_no_source() -> None:
    assert credit("The closure was reported by them.") is None
    assert credit("The closure was reported by reporters.") is None

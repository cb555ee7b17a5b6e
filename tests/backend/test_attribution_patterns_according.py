""""According to X": the clause it opens or closes is credited to X."""

from __future__ import annotations

from typing import TypeVar

from staged import quotes_of

from sidenote.attribution.patterns.according import according_to, maker_named
from sidenote.attribution.text import tokenize
from sidenote.doc import Span

T = TypeVar("T")


def found(value: T | None) -> T:
    """``value``, which the test expects to be there."""
    assert value is not None
    return value


def credit(text: str) -> tuple[str, str, str | None, str] | None:
    toks = tokenize(text)
    i = next(k for k, t in enumerate(toks) if t.lower == "according")
    c = according_to(text, toks, i, Span(0, len(text)), quotes_of(text))
    if c is None:
        return None
    return (text[c.name.start : c.name.end], text[c.mention.start : c.mention.end], c.description,
            text[c.content.start : c.content.end])


def test_opening_the_sentence_credits_what_follows_the_comma() -> None:
    name, mention, desc, content = found(credit("According to the county clerk, turnout was low."))
    assert (name, desc, content) == ("the county clerk", None, "turnout was low")


def test_a_description_between_commas_is_kept() -> None:
    _, _, desc, content = found(credit("According to Dana Pryce, a former county clerk, turnout was low."))
    assert desc == "a former county clerk"
    assert content == "turnout was low"


def test_after_a_leading_but_it_still_opens_the_clause() -> None:
    assert found(credit("But according to the clerk, turnout was low."))[3] == "turnout was low"


def test_closing_the_sentence_credits_what_comes_before() -> None:
    assert found(credit("Turnout was low, according to the county clerk."))[3] == "Turnout was low"


def test_the_maker_of_a_claim_is_the_name() -> None:
    name, mention, _, _ = found(credit(
        "The bridge is unsafe, according to a claim made by Senator Ada Kuhn."))
    assert name == "Senator Ada Kuhn"
    assert mention == "a claim made by Senator Ada Kuhn"


def test_no_noun_phrase_after_it_no_credit() -> None:
    assert credit("Turnout was low, according to.") is None


def test_maker_named_needs_a_determiner_and_a_capital_after_by() -> None:
    toks = tokenize("a report written by the clerk")
    assert maker_named(toks, 0, len(toks)) is None
    toks = tokenize("a report written by the Clerk Office")
    span = maker_named(toks, 0, len(toks))
    assert span is not None
    toks = tokenize("Kuhn's report written by Dana Pryce")
    assert maker_named(toks, 0, len(toks)) is None

"""An inverted cue: “...,” said NAME."""

from __future__ import annotations

from typing import TypeVar

import pytest
from staged import quotes_of

from sidenote.attribution.patterns.inverted import after_quote_or_comma, inverted_credit, role_before_name
from sidenote.attribution.text import tokenize
from sidenote.doc import Span

T = TypeVar("T")


def found(value: T | None) -> T:
    """``value``, which the test expects to be there."""
    assert value is not None
    return value


def credit(text: str, cue: str) -> tuple[str, str, str | None, str | None, str] | None:
    """(mention, name, description, phrase, content) after ``cue``."""
    toks = tokenize(text)
    i = next(k for k, t in enumerate(toks) if t.lower == cue)
    assert after_quote_or_comma(toks, i)
    c = inverted_credit(text, toks, i, Span(toks[i].start, toks[i].end), Span(0, len(text)), quotes_of(text))
    if c is None:
        return None
    phrase = text[c.phrase.start : c.phrase.end] if c.phrase else None
    return (text[c.mention.start : c.mention.end], text[c.name.start : c.name.end], c.description, phrase,
            text[c.content.start : c.content.end])


def test_a_name_after_the_cue() -> None:
    assert credit("“The pier is late,” said Ana Ruiz.", "said") == (
        "Ana Ruiz", "Ana Ruiz", None, None, "The pier is late")


def test_a_description_to_the_sentence_end() -> None:
    mention, _, desc, _, _ = found(credit("“It was a good night,” said Kim Wells, a teacher from Aiken.", "said"))
    assert (mention, desc) == ("Kim Wells", "a teacher from Aiken")


def test_a_role_before_the_name() -> None:
    mention, name, desc, _, _ = found(credit("“It was late,” said retired judge Ben Carson.", "said"))
    assert (mention, name, desc) == ("retired judge Ben Carson", "Ben Carson", "retired judge")


def test_after_told_stands_who_heard_it() -> None:
    assert credit("“It was late,” a Ruiz aide, told the Valley Ledger.", "told") is None


def test_a_clause_after_the_cue_is_no_name() -> None:
    assert credit("The pier is late, said the mayor would resign.", "said") is None


def test_a_headline_verb_other_than_say_does_not_invert() -> None:
    assert credit("Ruiz Aims Barb At Kuhn, Slams Harbor Plan", "slams") is None


def test_after_a_plain_comma_only_verbs_of_reporting_invert() -> None:
    assert credit("Ruiz, a candidate, tweeted a warning.", "tweeted") is None
    assert found(credit("The pier is late, said a handful of Democrats.", "said"))[0] == "a handful of Democrats"


def test_after_quote_or_comma() -> None:
    assert after_quote_or_comma(tokenize("“Late,” said Ruiz"), 3)
    assert after_quote_or_comma(tokenize("Late, said Ruiz"), 2)
    assert not after_quote_or_comma(tokenize("Ruiz said"), 1)


@pytest.mark.parametrize(("text", "role"), [
    ("retired judge Ben Carson", True),
    ("former Utah governor Mike Lee", True),
    ("in a statement", False),
    ("repeatedly", False),
    ("business mogul Donald Trump’s refusal", False),
])
def test_role_before_name(text: str, role: bool) -> None:
    toks = tokenize(text)
    assert role_before_name(toks, 0, len(toks)) is role

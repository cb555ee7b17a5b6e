"""An outlet as the subject of any act is credited with what follows."""

from __future__ import annotations

from typing import TypeVar

import pytest

from sidenote.attribution.patterns.outlet_act import names_an_outlet, outlet_act, outlet_verb, person_named
from sidenote.attribution.text import tokenize
from sidenote.doc import Span

T = TypeVar("T")


def found(value: T | None) -> T:
    """``value``, which the test expects to be there."""
    assert value is not None
    return value


def credit(text: str, verb: str) -> tuple[str, str] | None:
    toks = tokenize(text)
    i = next(k for k, t in enumerate(toks) if t.text == verb)
    c = outlet_act(text, toks, i, Span(0, len(text)))
    if c is None:
        return None
    return text[c.name.start : c.name.end], text[c.content.start : c.content.end]


def test_a_known_outlet_making_a_claim() -> None:
    assert credit("The New York Times made these claims about the port.", "made") == (
        "The New York Times", "these claims about the port")


def test_an_outlet_after_its_auxiliary() -> None:
    assert found(credit("Politico has learned that the port will close.", "learned"))[0] == "Politico"


def test_a_name_ending_like_an_outlet() -> None:
    assert found(credit("The Valley Daily News focuses on the harbor plan.", "focuses"))[0] == "The Valley Daily News"


def test_an_act_that_credits_no_words() -> None:
    assert credit("The New York Times interviewed nearly 20 people.", "interviewed") is None


def test_only_where_a_subject_stands() -> None:
    assert credit("Ruiz left, and The New York Times found that the port closed.", "found") is not None
    assert credit("Readers of The New York Times found that the port closed.", "found") is None


def test_a_one_word_outlet_that_is_a_surname_here() -> None:
    text = "Michael Bloomberg spoke. Bloomberg reported that the port closed."
    assert credit(text, "reported") is None


@pytest.mark.parametrize(("word", "verb"), [
    ("focuses", True), ("reported", True), ("made", True), ("does", False),
    ("Reported", False), ("business", False), ("kindness", False), ("runs", False),
])
def test_outlet_verbs_are_lower_case_past_or_third_person_forms(word: str, verb: bool) -> None:
    assert outlet_verb(tokenize(word)[0]) is verb


def test_names_an_outlet_by_its_last_word_as_printed() -> None:
    assert names_an_outlet(tokenize("The Times made it up."))
    assert not names_an_outlet(tokenize("the times made it up."))


def test_person_named_finds_a_first_name_before_the_surname() -> None:
    assert person_named("Michael Bloomberg spoke.", "Bloomberg")
    assert not person_named("And The Bloomberg team spoke.", "Bloomberg")

"""Viewpoint openers: "To NAME, ..." and "To/For many GROUP, ..."."""

from __future__ import annotations

from typing import TypeVar

from sidenote.attribution.patterns.viewpoint import plural_source_word, viewpoint
from sidenote.attribution.text import Token, tokenize
from sidenote.doc import Span

T = TypeVar("T")


def found(value: T | None) -> T:
    """``value``, which the test expects to be there."""
    assert value is not None
    return value


def view(text: str) -> tuple[str, str, str] | None:
    c = viewpoint(text, tokenize(text), Span(0, len(text)))
    if c is None:
        return None
    assert c.cue is not None
    return text[c.name.start : c.name.end], text[c.cue.start : c.cue.end], text[c.content.start : c.content.end]


def test_to_and_a_name_gives_the_named_view() -> None:
    assert view("To Sexton, Tuesday marked a turning point.") == (
        "Sexton", "To", "Tuesday marked a turning point")


def test_a_leading_conjunction_is_skipped() -> None:
    assert found(view("But to Dana Pryce, the vote was a warning."))[0] == "Dana Pryce"


def test_for_or_to_a_quantified_group_of_people() -> None:
    assert found(view("For most voters, the race is over."))[0] == "most voters"
    assert found(view("To many Democrats, the plan looks late."))[0] == "many Democrats"


def test_for_and_a_name_is_about_the_person_not_their_view() -> None:
    assert view("For Sexton, the returns seemed a reminder.") is None


def test_a_quantified_non_person_gives_no_view() -> None:
    assert view("For most years, the river ran dry.") is None


def test_times_figures_and_non_speakers_give_no_view() -> None:
    assert view("To date, nobody has paid the fine.") is None
    assert view("To 2016, the plant ran at half speed.") is None
    assert view("For example, the plant ran at half speed.") is None


def test_a_long_opener_is_no_name() -> None:
    assert view("To Dana and Kim and Lee and Max and Ann, we owe thanks.") is None


def test_plural_source_words_are_lower_case_plurals_naming_people() -> None:
    def word(w: str) -> Token:
        return tokenize(w)[0]
    assert plural_source_word(word("officials"))
    assert not plural_source_word(word("official"))
    assert not plural_source_word(word("Officials"))

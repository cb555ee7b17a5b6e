"""A cue after "to" whose speaker is another verb's subject or object."""

from __future__ import annotations

from typing import TypeVar

from staged import quotes_of

from sidenote.attribution.patterns.control import (
    controlling_subject_end,
    object_control,
    subject_control,
    went_on_to,
)
from sidenote.attribution.text import Token, tokenize
from sidenote.doc import Span

T = TypeVar("T")


def found(value: T | None) -> T:
    """``value``, which the test expects to be there."""
    assert value is not None
    return value


def at(toks: list[Token], word: str) -> int:
    return next(k for k, t in enumerate(toks) if t.lower == word)


def test_went_on_to_say() -> None:
    toks = tokenize("He went on to say the pier was late.")
    assert went_on_to(toks, at(toks, "say"))
    toks = tokenize("He held on to say nothing.")
    assert not went_on_to(toks, at(toks, "say"))


def test_subject_control_finds_the_controlling_verb() -> None:
    toks = tokenize("Ruiz seemed to urge a vote.")
    assert toks[found(subject_control(toks, at(toks, "urge")))].text == "seemed"
    toks = tokenize("Ruiz is choosing not to respond.")
    assert toks[found(subject_control(toks, at(toks, "respond")))].text == "choosing"


def test_an_ing_control_verb_needs_its_auxiliary() -> None:
    toks = tokenize("Trapped in a dead end choosing to respond.")
    assert subject_control(toks, at(toks, "respond")) is None


def test_no_control_verb_before_to() -> None:
    toks = tokenize("Ruiz declined to comment.")
    assert subject_control(toks, at(toks, "comment")) is None


def test_controlling_subject_end_steps_over_auxiliaries() -> None:
    toks = tokenize("Ruiz has been trying to explain it.")
    assert toks[controlling_subject_end(toks, at(toks, "trying"))].text == "Ruiz"
    toks = tokenize("Ruiz seemed to urge it.")
    assert toks[controlling_subject_end(toks, at(toks, "seemed"))].text == "Ruiz"


def object_credit(text: str, verb: str) -> tuple[str, str] | None:
    toks = tokenize(text)
    c = object_control(text, toks, at(toks, verb), Span(0, len(text)), quotes_of(text))
    return None if c is None else (text[c.name.start : c.name.end], text[c.content.start : c.content.end])


def test_the_object_of_led_speaks_through_the_cue() -> None:
    assert object_credit("The win led Party Chairman Eli Ford to declare her the nominee.", "declare") == (
        "Party Chairman Eli Ford", "her the nominee")


def test_a_pronoun_object_or_no_handing_verb_gives_nothing() -> None:
    assert object_credit("The win led him to declare her the nominee.", "declare") is None
    assert object_credit("The win saw Eli Ford to declare her the nominee.", "declare") is None

""""NAME, who said ..." and "voters who say ...": "who" credits its antecedent."""

from __future__ import annotations

from typing import TypeVar

import pytest
from staged import quotes_of

from sidenote.attribution.patterns.relative_who import (
    named_before_description,
    names_people,
    person_of,
    who_before_cue,
    who_credit,
)
from sidenote.attribution.text import tokenize
from sidenote.doc import Span

T = TypeVar("T")


def found(value: T | None) -> T:
    """``value``, which the test expects to be there."""
    assert value is not None
    return value


def credit(text: str, cue: str = "said") -> tuple[str, str, str | None, str] | None:
    """(mention, name, description, content) of the "who" before ``cue``."""
    toks = tokenize(text)
    i = next(k for k, t in enumerate(toks) if t.lower == cue)
    j = i - 1
    assert who_before_cue(toks, j)
    c = who_credit(text, toks, i, j, i, Span(toks[i].start, toks[i].end), Span(0, len(text)),
                   quotes_of(text), topic=False)
    if c is None:
        return None
    return (text[c.mention.start : c.mention.end], text[c.name.start : c.name.end], c.description,
            text[c.content.start : c.content.end])


def test_a_name_then_who() -> None:
    # (the main clause's verb after a comma ends what "who" said)
    assert credit("Ruiz, who said the pier was late, has left.") == ("who", "Ruiz", None, "the pier was late")
    # (a plain past form is not read as the main clause's verb)
    assert found(credit("Ruiz, who said the pier was late, left."))[3] == "the pier was late, left"


def test_a_restrictive_who_takes_the_head_word() -> None:
    assert found(credit("Among those who said the pier was late was Ruiz."))[1] == "those"


def test_the_main_clause_resumes_after_a_comma() -> None:
    _, name, desc, content = found(credit(
        "Douglas Haig, an Arizona man who says he sold the boat, was arrested.", "says"))
    assert (name, desc, content) == ("Douglas Haig", "an Arizona man", "he sold the boat")


def test_the_person_in_a_phrase_about_them() -> None:
    assert found(credit("It was a twist in the story of the young linguist, who said it was late."))[1] == (
        "the young linguist")


def test_a_pronoun_antecedent_credits_nothing() -> None:
    assert credit("It was them, who said the pier was late.") is None


def test_who_before_cue_needs_a_comma_or_a_lower_case_word() -> None:
    toks = tokenize("voters who say")
    assert who_before_cue(toks, 1)
    toks = tokenize("Ruiz who said")
    assert not who_before_cue(toks, 1)


@pytest.mark.parametrize(("text", "people"), [
    ("Ruiz", True), ("officials", True), ("linguist", True), ("senator", True), ("agency", False),
])
def test_names_people(text: str, people: bool) -> None:
    assert names_people(tokenize(text)[0]) is people


def test_person_of_stops_at_the_leader_of_a_group() -> None:
    toks = tokenize("the leader of the group")
    assert person_of(toks, 0, len(toks) - 1) == 0


def test_named_before_description_needs_a_full_name() -> None:
    toks = tokenize("Douglas Haig, an Arizona man")
    assert named_before_description(toks, 3) == 0
    toks = tokenize("Haig, an Arizona man")
    assert named_before_description(toks, 2) is None

"""Where a sentence's subject opens, past its openers."""

from __future__ import annotations

from typing import TypeVar

import pytest

from sidenote.attribution.patterns.openings import (
    dateline_end,
    opening_adjunct,
    place_then_name,
    subject_start,
    verb_like,
)
from sidenote.attribution.text import tokenize

T = TypeVar("T")


def found(value: T | None) -> T:
    """``value``, which the test expects to be there."""
    assert value is not None
    return value


def subject(text: str, participle: str = "saying") -> str | None:
    """The sentence from its subject's first word, or None."""
    toks = tokenize(text)
    i = next(k for k, t in enumerate(toks) if t.lower == participle)
    k = subject_start(toks, i)
    return None if k is None else text[toks[k].start :]


@pytest.mark.parametrize(("text", "rest"), [
    ("Ruiz left early, saying she was tired.", "Ruiz"),
    ("And then Ruiz left early, saying she was tired.", "Ruiz"),
    ("However, Ruiz left early, saying she was tired.", "Ruiz"),
    ("In a statement, Ruiz left the door open, saying she may run.", "Ruiz"),
    ("When the mayor proposed a tax, Ruiz rallied voters, saying it was wrong.", "Ruiz"),
    ("Ultimately, Ruiz left early, saying she was tired.", "Ruiz"),
    ("Last October, Ruiz left early, saying she was tired.", "Ruiz"),
    ("SPRINGFIELD — Ruiz left early, saying she was tired.", "Ruiz"),
    ("SPRINGFIELD, Ohio (AP) — Ruiz left early, saying she was tired.", "Ruiz"),
    ("Speaking in Salem, New Hampshire, Ruiz went after Kuhn, saying he lied.", "Ruiz"),
])
def test_the_subject_opens_past_what_precedes_it(text: str, rest: str) -> None:
    found = subject(text)
    assert found is not None and found.startswith(rest)


def test_an_opening_phrase_with_no_comma_gives_no_subject() -> None:
    assert subject("In the end Ruiz left early saying she was tired.") is None


def test_a_subordinate_clause_with_no_verb_opens_an_appositive() -> None:
    assert subject("When Dana Pryce, the clerk, was asked, saying nothing helped.") is None


def test_dateline_end_reads_places_in_capitals_only() -> None:
    toks = tokenize("FBI Director James Comey — said")
    assert dateline_end(toks, 0, len(toks)) is None
    toks = tokenize("DES MOINES, Iowa (AP) — Ruiz said")
    assert toks[found(dateline_end(toks, 0, len(toks)))].text == "—"


def test_place_then_name_needs_a_name_and_a_lower_case_word() -> None:
    toks = tokenize("Salem, New Hampshire, Ruiz went")
    assert place_then_name(toks, 1, len(toks))
    toks = tokenize("Salem, New Hampshire, The voters")
    assert not place_then_name(toks, 1, len(toks))


@pytest.mark.parametrize(("text", "adjunct"), [
    ("Ultimately, the", True), ("Kelly said", False), ("Walking home", True),
    ("Sterling Bank", False), ("Yesterday the", True), ("Days later", True),
])
def test_opening_adjuncts(text: str, adjunct: bool) -> None:
    assert opening_adjunct(tokenize(text), 0) is adjunct


def test_verb_like_words_follow_a_subject() -> None:
    assert verb_like(tokenize("said")[0])
    assert verb_like(tokenize("would")[0])
    assert verb_like(tokenize("rallied")[0])
    assert not verb_like(tokenize("red")[0])
    assert not verb_like(tokenize("Said")[0])

"""The source a credited "it" stands for."""

from __future__ import annotations

from typing import TypeVar

from sidenote.attribution.it_reference import (
    after_a_verb,
    it_candidate,
    it_noun_phrase,
    phrase_ends_before,
    plural_word,
    quoted_tokens,
    resolve_it,
)
from sidenote.attribution.sources import Entry
from sidenote.attribution.text import tokenize
from sidenote.doc import Span

T = TypeVar("T")


def found(value: T | None) -> T:
    """``value``, which the test expects to be there."""
    assert value is not None
    return value


def phrase(text: str) -> tuple[str, str] | None:
    """The phrase "it" (the last one in ``text``) may stand for, and its kind."""
    at = text.rindex(" it ") + 1
    found = it_noun_phrase(text, 0, at)
    return None if found is None else (text[found[0].start : found[0].end], found[1])


def test_a_determiner_and_a_body_noun() -> None:
    assert found(phrase("The motion passed on Monday, and it said the pier was late."))[0] == "The motion"


def test_a_name_that_reads_as_an_organisation() -> None:
    text = "The Harbor Commission met on Monday and it said the pier was late."
    assert phrase(text) == ("Harbor Commission", "organization")  # (past its "The")


def test_where_a_source_spoke_is_not_who() -> None:
    assert phrase("In a statement, it said the pier was late.") is None


def test_a_verb_s_object_is_not_the_subject() -> None:
    assert phrase("Ruiz issued a statement warning that it said the pier was late.") is None


def test_quoted_words_are_not_read() -> None:
    assert phrase("Ruiz said “the board” would act, and it said so.") is None


def test_resolve_it_takes_the_phrase_as_a_new_source() -> None:
    text = "The motion passed on Monday, and it said the pier was late."
    entries: list[Entry] = []
    at = text.index(" it ") + 1
    idx = resolve_it(text, Span(at, at + 2), entries)
    assert idx == 0 and text[entries[0].names[0].start : entries[0].names[0].end] == "The motion"


def test_resolve_it_falls_back_to_a_credited_body_nearby() -> None:
    text = "The Harbor Board met. Ruiz left early and went home. Then it said no."
    board = Span(0, len("The Harbor Board"))
    entries = [Entry(kind="organization", names=[board], mentions={board})]
    at = text.index(" it ") + 1
    assert resolve_it(text, Span(at, at + 2), entries) == 0


def test_resolve_it_finds_no_person() -> None:
    text = "Ana Ruiz spoke. Then it said no."
    ruiz = Span(0, 8)
    entries = [Entry(kind="person", names=[ruiz], mentions={ruiz})]
    at = text.index(" it ") + 1
    assert resolve_it(text, Span(at, at + 2), entries) is None


def test_it_candidate_is_a_body_or_a_text() -> None:
    text = "a Baton Rouge newspaper; Obama in the call"
    assert it_candidate(text, Entry(kind="organization", names=[Span(0, 1)]))
    assert it_candidate(text, Entry(kind="anonymous", names=[Span(0, 23)]))
    assert not it_candidate(text, Entry(kind="anonymous", names=[Span(25, 42)]))
    assert not it_candidate(text, Entry(kind="person", names=[Span(25, 30)]))


def test_small_token_tests() -> None:
    assert phrase_ends_before(None)
    assert phrase_ends_before(tokenize("voted")[0])
    assert not phrase_ends_before(tokenize("leader")[0])
    toks = tokenize("The board issued a statement")
    assert after_a_verb(toks, 3)
    assert not after_a_verb(toks, 0)
    assert plural_word("boards") and not plural_word("press") and not plural_word("status")
    assert quoted_tokens(tokenize("a “b c” d")) == [False, True, True, True, True, False]

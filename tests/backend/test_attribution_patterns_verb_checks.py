"""Checks on a subject and its cue verb that credit nothing after all."""

from __future__ import annotations

from sidenote.attribution.patterns.verb_checks import (
    a_hope,
    a_statistic,
    absolute_with,
    calls_for,
    done_to_them,
    has_quote_mark,
    headline_noun,
    mentions_a_person,
    no_written_source,
    noun_after_singular,
    only_names,
    plural_or_share,
)
from sidenote.attribution.patterns.verb_subject import Subject
from sidenote.attribution.text import Token, tokenize
from sidenote.doc import Span


def at(toks: list[Token], word: str) -> int:
    return next(k for k, t in enumerate(toks) if t.lower == word)


def test_plural_or_share() -> None:
    assert plural_or_share("officials")
    assert plural_or_share("majority")
    assert not plural_or_share("report")


def test_headline_noun() -> None:
    toks = tokenize("County Audit Report Rips Mayor")
    i = at(toks, "report")
    assert headline_noun(toks, i, i - 1, i - 1)
    toks = tokenize("County Auditors Report Rips Mayor")
    i = at(toks, "report")
    assert not headline_noun(toks, i, i - 1, i - 1)  # a plural subject takes "report"


def test_noun_after_singular() -> None:
    toks = tokenize("a Ledger report on the pier")
    i = at(toks, "report")
    assert noun_after_singular(toks, i, i - 1, Subject(0, 1, 0))
    assert not noun_after_singular(toks, i, i - 1, Subject(0, 1, 0, appositive=True))
    toks = tokenize("the officials report that")
    i = at(toks, "report")
    assert not noun_after_singular(toks, i, i - 1, Subject(0, 1, 0))


def test_no_written_source() -> None:
    toks = tokenize("he showed the house")
    assert no_written_source(toks, 1, 0, 0)
    toks = tokenize("the study found a gap")
    assert not no_written_source(toks, 2, 0, 1)
    toks = tokenize("researchers found that it was late")
    assert not no_written_source(toks, 1, 0, 0)
    toks = tokenize("Gallup finds a gap")
    assert not no_written_source(toks, 1, 0, 0)


def test_a_statistic() -> None:
    toks = tokenize("1 pass defended")
    assert a_statistic(toks, 2, 0)
    toks = tokenize("17-year-old Lena Ortiz echoed")
    assert not a_statistic(toks, 3, 0)


def test_done_to_them() -> None:
    toks = tokenize("with nine new members added, some of whom left")
    i = at(toks, "added")
    assert done_to_them(toks, i, Subject(1, i - 1, 1), i + 1)
    assert absolute_with(toks, 1)
    toks = tokenize("nine new members added, some of whom left")
    i = at(toks, "added")
    assert not done_to_them(toks, i, Subject(0, i - 1, 0), i + 1)


def test_a_hope() -> None:
    toks = tokenize("are hoping the files reveal details")
    assert a_hope(toks, 2)
    toks = tokenize("are hoping that the files reveal details")
    assert a_hope(toks, 3)
    toks = tokenize("say the files reveal details")
    assert not a_hope(toks, 1)


def test_mentions_a_person() -> None:
    toks = tokenize("the authorities mentioned him, and now")
    assert mentions_a_person(toks, 2, 3)
    toks = tokenize("the mayor mentions her granddaughter")
    assert not mentions_a_person(toks, 2, 3)


def test_calls_for_a_demand_not_a_quantity() -> None:
    toks = tokenize("Ruiz called for a vote")
    assert calls_for(toks, 1)
    toks = tokenize("the recipe called for three cups")
    assert not calls_for(toks, 2)


def test_only_names() -> None:
    text = "a group called the Harbor Fund"
    toks = tokenize(text)
    i = at(toks, "called")
    content = Span(toks[i + 1].start, len(text))
    assert only_names(text, toks, i, content, Span(0, len(text)))
    text = "Others call it the nerd prom"
    toks = tokenize(text)
    i = at(toks, "call")
    assert not only_names(text, toks, i, Span(toks[i + 1].start, len(text)), Span(0, len(text)))
    text = "They called it a “disgrace”"
    toks = tokenize(text)
    i = at(toks, "called")
    assert not only_names(text, toks, i, Span(toks[i + 1].start, len(text)), Span(0, len(text)))


def test_has_quote_mark() -> None:
    assert has_quote_mark("a “disgrace”")
    assert has_quote_mark("a ''disgrace''")
    assert not has_quote_mark("a disgrace")

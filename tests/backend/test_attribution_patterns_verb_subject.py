"""The source phrase before a cue verb, in each of its shapes."""

from __future__ import annotations

from typing import TypeVar

import pytest

from sidenote.attribution.patterns.verb_subject import (
    dash_appositive,
    described_after_quote,
    doubled_hyphen,
    is_date,
    past_modifiers,
    role_after_quote,
    subject_before_cue,
)
from sidenote.attribution.subjects import skip_aux_back
from sidenote.attribution.text import tokenize

T = TypeVar("T")


def found(value: T | None) -> T:
    """``value``, which the test expects to be there."""
    assert value is not None
    return value


def subject(text: str, cue: str = "said", right_before: bool = False
            ) -> tuple[str, str, str | None, bool, bool] | None:
    """(name, mention, description, appositive, bracketed) before ``cue``;
    the subject ends past the auxiliaries before it, or ``right_before`` it."""
    toks = tokenize(text)
    i = next(k for k, t in enumerate(toks) if t.lower == cue)
    j = i - 1 if right_before else skip_aux_back(toks, i - 1, 0)
    s = subject_before_cue(text, toks, i, j, plain=True)
    if s is None:
        return None
    return (text[toks[s.first].start : toks[s.last].end], text[toks[s.mention_first].start : toks[s.last].end],
            s.description, s.appositive, s.bracketed)


def test_a_plain_noun_phrase() -> None:
    assert subject("Mayor Tom Reyes said the pier was late.") == (
        "Mayor Tom Reyes", "Mayor Tom Reyes", None, False, False)


def test_a_name_and_its_appositive() -> None:
    assert subject("Jeff Weaver, the campaign manager, said the pier was late.") == (
        "Jeff Weaver", "Jeff Weaver", "the campaign manager", True, False)


def test_an_aside_is_no_description() -> None:
    assert found(subject("Reyes, in turn, said the pier was late."))[2:] == (None, False, False)


def test_a_relative_clause_with_no_credit_of_its_own_is_part_of_the_phrase() -> None:
    name, _, _, appositive, _ = found(subject("Lin Ostrow, who once sold the bonds, said the pier was late."))
    assert (name, appositive) == ("Lin Ostrow", True)


def test_a_role_then_a_name() -> None:
    name, mention, desc, appositive, _ = found(subject("The council leader, Ana Ruiz, said the pier was late."))
    assert (name, mention, desc, appositive) == ("Ana Ruiz", "The council leader, Ana Ruiz", "The council leader", True)


def test_a_name_described_after_a_quotation() -> None:
    text = "“We lost,” Harry Bond, 30, of Raleigh, said."
    name, _, desc, appositive, _ = found(subject(text))
    assert (name, desc, appositive) == ("Harry Bond", "30, of Raleigh", True)


def test_an_aside_between_dashes() -> None:
    name, _, desc, _, bracketed = found(subject("Jason Sims — a teacher from Pine Hill — said the pier was late."))
    assert (name, desc, bracketed) == ("Jason Sims", "a teacher from Pine Hill", True)


def test_a_bracketed_party_tag() -> None:
    name, _, _, _, bracketed = found(subject("Senator Ada Kuhn (D-Ohio) said the pier was late."))
    assert (name, bracketed) == ("Senator Ada Kuhn", True)


def test_a_surname_spelled_like_a_modal() -> None:
    # (verb_cue ends the subject right before the cue when "Will" is a name)
    assert found(subject("“It is late,” George Will wrote.", "wrote", right_before=True))[0] == "George Will"


def test_a_role_between_the_quotation_and_the_name() -> None:
    assert found(subject("“It is late,” former mayor Dan Ruiz said."))[1] == "former mayor Dan Ruiz"


def test_a_date_before_the_comma_is_no_subject() -> None:
    assert subject("Rockets fell from November 10-13, 2012, reports the Valley Ledger.", "reports") is None


def test_described_after_quote_needs_the_quotation_first() -> None:
    toks = tokenize("Harry Bond, 30, said")
    assert described_after_quote(toks, 4) is None


def test_dash_appositive_reads_a_doubled_hyphen_as_a_dash() -> None:
    toks = tokenize("Jason Sims -- a teacher -- said")
    close = next(k for k in range(len(toks) - 1, 0, -1) if toks[k].text == "-")
    assert doubled_hyphen(toks, close)
    assert dash_appositive(toks, close) == (0, 1)


def test_role_after_quote_only_right_after_a_quotation() -> None:
    toks = tokenize("“Late,” former mayor Dan Ruiz said")
    assert role_after_quote(toks, 6) == 4
    toks = tokenize("Today former mayor Dan Ruiz said")
    assert role_after_quote(toks, 3) is None


@pytest.mark.parametrize(("text", "name"), [
    ("the ever-present Michael Avenatti", "Michael Avenatti"),
    ("the rights group Human Rights Watch", "the rights group Human Rights Watch"),
    ("the mayor", "the mayor"),
])
def test_past_modifiers(text: str, name: str) -> None:
    toks = tokenize(text)
    s = past_modifiers(toks, 0, len(toks) - 1)
    assert text[toks[s].start :] == name


def test_is_date() -> None:
    assert is_date(tokenize("Monday")[0])
    assert is_date(tokenize("12")[0])
    assert not is_date(tokenize("Reyes")[0])

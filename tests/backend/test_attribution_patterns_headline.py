"""Title-case headlines and their passive participles."""

from __future__ import annotations

from sidenote.attribution.patterns.headline import headline_passive, title_case
from sidenote.attribution.text import tokenize


def test_title_case_needs_three_long_capitalised_words() -> None:
    assert title_case(tokenize("Mayor Says Harbor Plan Will Pass"))
    assert not title_case(tokenize("Mayor says the harbor plan will pass"))
    assert not title_case(tokenize("Ada Kuhn"))  # a name alone


def test_short_words_may_stay_lower_case() -> None:
    assert title_case(tokenize("Mayor Says the Plan Is Dead on Arrival"))


def test_an_ed_form_before_with_or_by_is_a_passive() -> None:
    toks = tokenize("Guard Credited With Finding Shooter")
    assert headline_passive(toks, 1)
    toks = tokenize("Guard Credited Shooter")
    assert not headline_passive(toks, 1)
    toks = tokenize("Mayor Blasts With Fury")
    assert not headline_passive(toks, 1)

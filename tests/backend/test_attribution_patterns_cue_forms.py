"""Whether a cue word stands as a verb, and in which form."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sidenote.attribution.patterns.cue_forms import (
    adjective_before_noun,
    after_passive_auxiliary,
    base_form,
    cue_is_a_noun,
    function_word_name,
    has_done,
    ing_cue,
    modifies_noun,
    noun_after_preposition,
    progressive_subject_end,
    pronoun_contraction,
    quantifier_subject,
    ran_counter_to,
    reposted_credit_line,
    subjunctive_not,
    uninflected,
)
from sidenote.attribution.text import Token, tokenize


def at(toks: list[Token], word: str) -> int:
    return next(k for k, t in enumerate(toks) if t.lower == word)


def check(fn: Callable[[list[Token], int], bool], text: str, word: str) -> bool:
    toks = tokenize(text)
    return fn(toks, at(toks, word))


@pytest.mark.parametrize(("text", "word", "noun"), [
    ("The report was late.", "report", True),
    ("His claims were false.", "claims", True),
    ("Kuhn's statement was short.", "statement", True),
    ("He’s said it before.", "said", False),
    ("Several said the pier was late.", "said", False),
    ("The mayor is late, several said.", "said", False),
    ("Some accused the mayor.", "accused", False),
    ("Some reports were late.", "reports", True),
    ("Kuhn said it.", "said", False),
])
def test_cue_is_a_noun(text: str, word: str, noun: bool) -> None:
    assert check(cue_is_a_noun, text, word) is noun


@pytest.mark.parametrize(("text", "subject"), [
    ("Some accused the mayor.", True), ("Many said so.", True), ("Another tweeted.", True),
    ("Another reports it.", True), ("Some reports differ.", False), ("Another report came.", False),
])
def test_quantifier_subject(text: str, subject: bool) -> None:
    assert quantifier_subject(tokenize(text), 1) is subject


def test_small_gates() -> None:
    assert check(ran_counter_to, "It ran counter to the plan.", "counter")
    assert check(reposted_credit_line, "Article posted with permission from the Ledger.", "posted")
    assert not check(reposted_credit_line, "Kuhn posted with glee.", "posted")
    assert check(after_passive_auxiliary, "He was told to leave.", "told")
    assert check(noun_after_preposition, "without fear of reprisal", "fear")
    assert not check(noun_after_preposition, "by saying so", "saying")


@pytest.mark.parametrize(("text", "adjective"), [
    ("Ruiz won 758 pledged delegates.", True),
    ("a lead in pledged delegates", True),
    ("enough pledged delegates", True),
    ("Ruiz pledged delegates to Kuhn.", False),
    ("in pledged support of the plan", True),
    ("of pledged the money", False),
])
def test_adjective_before_noun(text: str, adjective: bool) -> None:
    assert check(adjective_before_noun, text, "pledged") is adjective


def test_modifies_noun_needs_a_bare_lower_case_noun_after() -> None:
    assert check(modifies_noun, "pledged delegates", "pledged")
    assert not check(modifies_noun, "pledged to vote", "pledged")
    assert not check(modifies_noun, "pledged the money", "pledged")
    assert not check(modifies_noun, "pledged", "pledged")


@pytest.mark.parametrize(("text", "word", "subjunctive"), [
    ("They asked that he not say it.", "say", True),
    ("that people not begin to think", "begin", True),
    ("He did not say it.", "say", False),
    ("He chose to not say it.", "say", False),
    ("that people not says", "says", False),
    ("He said it.", "said", False),
])
def test_subjunctive_not(text: str, word: str, subjunctive: bool) -> None:
    assert check(subjunctive_not, text, word) is subjunctive


@pytest.mark.parametrize(("word", "pronoun"), [
    ("He’s", "He"), ("they're", "they"), ("She’d", "She"), ("It’s", ""), ("Kuhn’s", ""), ("he", ""),
])
def test_pronoun_contraction(word: str, pronoun: str) -> None:
    assert pronoun_contraction(tokenize(word)[0]) == pronoun


def test_has_done_is_a_contracted_have_before_a_participle_of_saying() -> None:
    assert has_done(tokenize("He’s")[0], "said")
    assert has_done(tokenize("They’ve")[0], "told")
    assert not has_done(tokenize("He’s")[0], "found")  # a passive: "he’s found guilty"
    assert not has_done(tokenize("She’d")[0], "said")  # "would"


def test_ing_cue_is_an_ing_form_of_the_lists() -> None:
    assert ing_cue("saying")
    assert not ing_cue("considering")
    assert not ing_cue("said")


@pytest.mark.parametrize(("text", "subject_end"), [
    ("Marco Rubio is criticizing the plan.", "Rubio"),
    ("Trump has been saying it for weeks.", "Trump"),
    ("He’s also criticizing the plan.", "He’s"),
    ("The mayor was saying so.", "mayor"),
])
def test_progressive_subject_end(text: str, subject_end: str) -> None:
    toks = tokenize(text)
    end = progressive_subject_end(toks, next(k for k, t in enumerate(toks) if t.lower.endswith("ing")))
    assert end is not None and toks[end].text == subject_end


@pytest.mark.parametrize("text", [
    "Ruiz left, saying she was tired.",  # a plain participle
    "He is adding to his wins.",  # a preposition after it
    "He is considering a run.",  # not an -ing form of the cue lists
])
def test_no_progressive(text: str) -> None:
    toks = tokenize(text)
    i = next(k for k, t in enumerate(toks) if t.lower.endswith("ing"))
    assert progressive_subject_end(toks, i) is None


def test_base_and_uninflected_forms() -> None:
    assert base_form("report")
    assert not base_form("reports")
    assert not base_form("reported")
    assert uninflected("reply")
    assert not uninflected("said")
    assert not uninflected("replies")


@pytest.mark.parametrize(("text", "name"), [
    ("“It is late,” Will wrote.", True),
    ("“It is late,” From said.", True),
    ("“It is late,” Will say.", False),  # a bare verb after a modal: "Will" is the modal
    ("From reports of the day", False),  # a preposition before a noun
    ("Mayor Says Will Won Vote", False),  # a headline capitalises its modals
])
def test_function_word_name(text: str, name: bool) -> None:
    toks = tokenize(text)
    j = next(k for k, t in enumerate(toks) if t.text in ("Will", "From"))
    assert function_word_name(toks, j, toks[j + 1].lower) is name

"""Participles that credit the sentence's subject or the phrase after "with"."""

from __future__ import annotations

from typing import TypeVar

import pytest

from sidenote.attribution.patterns.credit import Credit
from sidenote.attribution.patterns.participle import (
    appositive_close,
    only_in_opening,
    participle,
    rest_credited,
    with_participle,
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


def credit(text: str, word: str = "saying") -> tuple[str, str, str | None, str | None] | None:
    """(source phrase, content, description, phrase) of the participle ``word``."""
    toks = tokenize(text)
    c = participle(text, toks, at(toks, word), Span(0, len(text)))
    if c is None:
        return None
    phrase = text[c.phrase.start : c.phrase.end] if c.phrase else None
    return text[c.name.start : c.name.end], text[c.content.start : c.content.end], c.description, phrase


def test_a_name_opening_the_sentence_is_credited() -> None:
    assert credit("Mayor Tom Reyes revised his plans, saying the pier can wait.") == (
        "Mayor Tom Reyes", "the pier can wait", None, None)


def test_a_pronoun_or_the_and_a_role() -> None:
    assert found(credit("She left early, saying she was tired."))[0] == "She"
    assert found(credit("The mayor left early, saying she was tired."))[0] == "The mayor"


def test_a_role_then_a_name_between_commas() -> None:
    name, _, desc, phrase = found(credit("Council president, Ana Ruiz, voiced support, saying it helps."))
    assert (name, desc, phrase) == ("Ana Ruiz", "Council president", "Council president, Ana Ruiz,")


def test_a_description_between_commas_is_part_of_the_phrase() -> None:
    _, _, _, phrase = found(credit("Dana Pryce, a former county clerk, became a judge and said the vote was fair.",
                             "said"))
    assert phrase == "Dana Pryce, a former county clerk,"


def test_an_aside_between_commas_is_not() -> None:
    name, _, _, phrase = found(credit("Mr. Reyes, in an interview, spoke at length, saying the pier can wait."))
    assert (name, phrase) == ("Mr. Reyes", None)


def test_a_possessive_takes_its_noun() -> None:
    assert found(credit("Ana Ruiz’s campaign manager rallied voters, saying they would win."))[0] == (
        "Ana Ruiz’s campaign manager")


def test_a_party_tag_belongs_to_the_name() -> None:
    assert found(credit("Rep. Ada Kuhn (D-Ohio) reacted to the news, saying it was late."))[0] == (
        "Rep. Ada Kuhn (D-Ohio)")


def test_a_short_phrase_after_the_then_its_verb() -> None:
    assert found(credit("The billionaire developer launched a new push, saying the pier can wait."))[0] == (
        "The billionaire developer")


@pytest.mark.parametrize("text", [
    "A few days later, he left, saying he was tired.",  # a time, not a subject
    "Take a look at the pier and accused the mayor, saying it is late.",  # an imperative
    "Dana Pryce in the county office, saying little, left.",  # no verb before the participle
    "Even in the city, saying so is hard.",
])
def test_no_subject_followed_by_its_verb(text: str) -> None:
    assert credit(text) is None


def test_with_a_phrase_then_the_participle() -> None:
    text = "The plan passed, with 30 percent of voters saying they would pay more."
    toks = tokenize(text)
    c = with_participle(text, toks, at(toks, "saying"), Span(0, len(text)))
    assert c is not None and text[c.name.start : c.name.end] == "30 percent of voters"


def test_without_with_there_is_no_with_participle() -> None:
    text = "The plan passed, and voters saying they would pay more were few."
    toks = tokenize(text)
    assert with_participle(text, toks, at(toks, "saying"), Span(0, len(text))) is None


def test_rest_credited_is_the_rest_of_the_sentence() -> None:
    text = "Ruiz left, saying she was tired."
    toks = tokenize(text)
    c = rest_credited(text, toks, 3, Span(0, len(text)), 0, 0)
    assert c is not None and text[c.content.start : c.content.end] == "she was tired"


def test_appositive_close_stops_at_a_quote_or_a_credit_of_its_own() -> None:
    toks = tokenize("Pryce, a former clerk, said")
    assert appositive_close(toks, 1, len(toks)) == 5
    toks = tokenize("Pryce, who said it was late, left")
    assert appositive_close(toks, 1, len(toks)) is None
    toks = tokenize("Pryce, “a clerk”, left")
    assert appositive_close(toks, 1, len(toks)) is None


def test_only_in_opening_lets_a_credit_of_the_opening_clause_pass() -> None:
    text = "After Kuhn said the pier was late, Ruiz rallied voters, saying it was fine."
    toks = tokenize(text)
    i = at(toks, "saying")
    inside = Credit(Span(6, 10), Span(6, 10), None, Span(11, 15), Span(16, 33))
    assert only_in_opening(toks, i, [])
    assert only_in_opening(toks, i, [inside])
    outside = Credit(Span(35, 39), Span(35, 39), None, Span(40, 47), Span(48, 54))
    assert not only_in_opening(toks, i, [outside])


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a capitalised word, a role and the name are one subject
        ("Democratic front-runner Ann Lee was the first to weigh in, saying she was proud of the vote.",
         "Democratic front-runner Ann Lee"),
        ("Republican state senator Tom Reyes spoke first, saying the bill went too far.",
         "Republican state senator Tom Reyes"),
        # one capitalised word is a name after a title
        ("Campaign spokesman Conant reacted to the news, saying the plan was sound.",
         "Campaign spokesman Conant"),
    ],
)
def test_a_role_between_a_capitalised_word_and_a_name_is_part_of_the_subject(text, source):
    assert found(credit(text))[0] == source


def test_a_place_after_the_verb_is_not_a_name_the_subject_runs_to():
    assert found(credit("Tom Reyes took to Facebook, saying the vote was rigged."))[0] == "Tom Reyes"

"""Speaker labels: "NAME: words" at a paragraph's start, and "Full Name:
“...”" inside one."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from staged import quotes_of

from sidenote.attribution.patterns.speaker_label import named_quotes, speaker_label
from sidenote.attribution.text import tokenize
from sidenote.doc import Quote, Span

T = TypeVar("T")


def found(value: T | None) -> T:
    """``value``, which the test expects to be there."""
    assert value is not None
    return value


def label(text: str, start: int = 0) -> tuple[str, str, str] | None:
    """(name, cue, content) of the label of the sentence at ``start``."""
    sent = Span(start, len(text))
    c = speaker_label(text, tokenize(text, start), sent)
    if c is None:
        return None
    assert c.cue is not None
    return text[c.name.start : c.name.end], text[c.cue.start : c.cue.end], text[c.content.start : c.content.end]


def test_a_transcript_line_credits_the_speaker() -> None:
    assert label("MORALES: Well, look, we will fund the schools.") == (
        "MORALES", ":", "Well, look, we will fund the schools")


def test_a_headline_label_credits_the_name() -> None:
    assert label("Governor Hale: Bridge will reopen in May") == ("Governor Hale", ":", "Bridge will reopen in May")


def test_a_quoted_transcript_line_skips_its_opening_mark() -> None:
    assert found(label("“ADAMS: We are ready.”"))[0] == "ADAMS"


def test_from_names_the_outlet_after_it() -> None:
    assert found(label("From Reuters: The port stayed shut."))[0] == "Reuters"


def test_an_inverted_verb_of_saying_is_the_cue() -> None:
    assert label("Stated Morales: We will win.") == ("Morales", "Stated", "We will win")


def test_only_at_the_start_of_a_paragraph() -> None:
    text = "The day went on. Morales: we are ready."
    assert label(text, text.index("Morales")) is None
    text = "The day went on.\nMorales: we are ready."
    assert found(label(text, text.index("Morales")))[0] == "Morales"


def test_page_furniture_determiners_and_figures_name_no_speaker() -> None:
    assert label("The Plan: cut taxes now.") is None
    assert label("2020 Results: the mayor won.") is None


def test_five_capitalised_words_are_no_label() -> None:
    assert label("One Two Three Four Five: the end.") is None


def test_a_colon_that_ends_the_sentence_credits_nothing() -> None:
    assert label("Morales:") is None


def quoted(text: str, quotes: tuple[Quote, ...] | None = None) -> list[tuple[str, str, str | None]]:
    """What ``named_quotes`` credits in ``text``, with the quotes the quotes
    stage finds there unless ``quotes`` are given."""
    out = []
    for c in named_quotes(text, tokenize(text), quotes_of(text) if quotes is None else quotes):
        assert c.cue is not None
        phrase = text[c.phrase.start : c.phrase.end] if c.phrase else None
        out.append((text[c.name.start : c.name.end], text[c.cue.start : c.cue.end], phrase))
    return out


def test_a_full_name_after_a_dash_then_a_quotation() -> None:
    text = "Pollsters agree - Dana Pryce: “The model missed the turnout.”"
    assert quoted(text) == [("Dana Pryce", ":", None)]


def test_a_party_tag_belongs_to_the_phrase_not_the_name() -> None:
    text = "Rep. Ada Kuhn (D-Ohio): “I have not heard a word.”"
    assert quoted(text) == [("Rep. Ada Kuhn", ":", "Rep. Ada Kuhn (D-Ohio)")]


def test_a_name_inside_a_clause_is_no_label() -> None:
    assert quoted("It was the one thing Mayor Hale: “Never again.”") == []


def test_one_word_needs_a_verb_of_saying_before_it() -> None:
    assert quoted("Polls closed. Hale: “We won the county by a mile.”") == []
    assert quoted("Polls closed. Stated Hale: “We won the county by a mile.”") == [("Hale", "Stated", None)]


def test_a_scare_quote_after_the_colon_is_no_credit() -> None:
    text = "Polls closed - Dana Pryce: “Won.”"
    scare = tuple(replace(q, kind="scare") for q in quotes_of(text))
    assert [q.kind for q in scare] == ["scare"]
    assert quoted(text, scare) == []
    # The quotes stage reads a short quotation that ends on its own stop
    # right after a colon as direct (“Shame!”; the crude finder the
    # attribution stage once fell back on called any under four words a
    # scare quote), and the label credits it; the stage then drops this credit: the article names
    # Dana Pryce nowhere else (test_attribution.py: test_label_that_is_not_a_speaker).
    assert quoted(text) == [("Dana Pryce", ":", None)]


def test_no_quotation_after_the_colon_no_credit() -> None:
    assert quoted("Polls closed - Dana Pryce: we won.") == []

""""Spoke" as a cue: only when what follows says what was spoken of."""

from __future__ import annotations

import pytest
from staged import quotes_of

from sidenote.attribution.patterns.speech_topic import infinitive, speech_topic, topic_opens
from sidenote.attribution.text import tokenize


def topic(text: str, end: int | None = None) -> str | None:
    """The cue's text from "spoke" to its last token, or None (the sentence
    ends at ``end``)."""
    toks = tokenize(text, 0, end)
    i = next(k for k, t in enumerate(toks) if t.lower in ("spoke", "speaks"))
    end = speech_topic(text, toks, i, quotes_of(text))
    return None if end is None else text[toks[i].start : toks[end].end]


@pytest.mark.parametrize(("text", "cue"), [
    ("The mayor spoke favorably of the plan.", "spoke favorably of"),
    ("The mayor spoke out against the plan.", "spoke out against"),
    ("The mayor spoke in favor of the plan.", "spoke in favor of"),
    ("The mayor spoke to reporters on Monday about the plan.", "spoke to reporters on Monday about"),
    ("The mayor spoke this week about the plan.", "spoke this week about"),
])
def test_shapes_that_say_what_was_spoken_of(text: str, cue: str) -> None:
    assert topic(text) == cue


@pytest.mark.parametrize("text", [
    "The mayor spoke with investigators four times.",
    "The mayor spoke on condition of anonymity to speak candidly about the plan.",
    "The mayor spoke for about 30 minutes.",
    "The mayor spoke the truth about the plan.",
    "The obliteration the mayor spoke of was changing the city.",
    "The mayor spoke against.",
])
def test_whom_how_or_when_is_no_topic(text: str) -> None:
    assert topic(text) is None


def test_a_colon_closing_the_sentence_after_the_listener_opens_a_quotation() -> None:
    text = "The mayor spoke to reporters:\n\n“We will rebuild the pier this year.”"
    assert topic(text, text.index(":") + 1) == "spoke"
    text = "The mayor spoke to reporters:\n\nThe pier will be rebuilt."
    assert topic(text, text.index(":") + 1) is None


def test_infinitive_is_a_lower_case_verb_not_a_listener() -> None:
    assert infinitive(tokenize("speak")[0])
    assert not infinitive(tokenize("reporters")[0])
    assert not infinitive(tokenize("CNN")[0])
    assert not infinitive(tokenize("the")[0])


def test_topic_opens_rejects_an_amount_after_about() -> None:
    toks = tokenize("about an hour")
    assert topic_opens(toks, 0) is None
    toks = tokenize("about the plan")
    assert topic_opens(toks, 0) == 0

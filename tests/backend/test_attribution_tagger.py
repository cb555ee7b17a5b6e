"""Reading the learned tagger's spans as credits: which phrases and cues are
kept, how a phrase is widened, and how a tagged pronoun is resolved."""

from __future__ import annotations

import pytest

from sidenote.attribution.patterns.credit import Credit
from sidenote.attribution.sources import Entry
from sidenote.attribution.tagger import (
    by_sentence,
    plausible_cue,
    plausible_source,
    resolve_tagged,
    source_phrase,
)
from sidenote.doc import Sentence, Span


@pytest.mark.parametrize(
    ("phrase", "ok"),
    [
        ("The", False), ("July 10", False), ("Never", False), ("We’ve", False),
        ("Cam Heyward, who", False), ("While Richardson", False), ("Schiff’s", False),
        ("Lexus Project Manager Fumihiko Hazama", True), ("The agency", True),
        ("she", True), ("senior officials", True),
    ],
)
def test_tagger_sources_must_read_as_sources(phrase: str, ok: bool) -> None:
    text = f"{phrase} said it."
    assert plausible_source(text, Span(0, len(phrase))) is ok


def test_a_one_word_tagger_source_needs_its_full_name_in_the_article() -> None:
    text = "Dan Howitt studied mice. Howitt found parasites. Oregon voted."
    howitt = text.index("Howitt found")
    oregon = text.index("Oregon")
    assert plausible_source(text, Span(howitt, howitt + 6))
    assert not plausible_source(text, Span(oregon, oregon + 6))
    # A name cut short ("Rep. Frank" of "Rep. Frank Lucas") is not taken.
    t2 = "Rep. Frank Lucas asked them."
    assert not plausible_source(t2, Span(0, len("Rep. Frank")))


@pytest.mark.parametrize(
    ("cue", "source", "ok"),
    [
        ("has since said", "Mr. Trump", True), ("still bemoans", "Gaiman", True),
        ("are said", "Wistron", False), ("was admitted to", "He", False),
        ("opted instead", "Ford", False), ("have showed no", "the other people", False),
        ("showed", "the report", True),
    ],
)
def test_tagger_cues_must_be_known_active_cue_verbs(cue: str, source: str, ok: bool) -> None:
    text = f"{source} {cue} it."
    src = Span(0, len(source))
    c = Span(len(source) + 1, len(source) + 1 + len(cue))
    assert plausible_cue(text, c, src) is ok


def sentence(text: str) -> Sentence:
    return Sentence(0, len(text), 0)


def test_a_tagged_phrase_widens_to_the_name_it_ends() -> None:
    text = "Yesterday the Russian Defense Ministry said the strikes hit."
    tagged = Span(text.index("Ministry"), text.index("Ministry") + len("Ministry"))
    src = source_phrase(text, sentence(text), tagged)
    assert src is not None and text[src.start : src.end] == "the Russian Defense Ministry"
    # A joiner stops the walk: "of Defense" is not widened past "of".
    text = "Yesterday the Russian Ministry of Defense said the strikes hit."
    tagged = Span(text.index("Defense"), text.index("Defense") + len("Defense"))
    assert source_phrase(text, sentence(text), tagged) is None


def test_a_tagged_phrase_must_start_like_a_noun_phrase() -> None:
    text = "We said the strikes hit."
    assert source_phrase(text, sentence(text), Span(0, 2)) is None  # the writer
    text = "He posted a tweet, Shehabi said."
    at = text.index("Shehabi")
    assert source_phrase(text, sentence(text), Span(at, at + 7)) is not None  # after a comma
    text = "He posted a tweet Shehabi said."
    at = text.index("Shehabi")
    assert source_phrase(text, sentence(text), Span(at, at + 7)) is None  # inside a clause


def test_by_sentence_groups_spans_by_the_sentence_they_start_in() -> None:
    starts = [0, 10, 20]
    spans = [Span(1, 3), Span(12, 14), Span(15, 16), Span(25, 30)]
    assert by_sentence(starts, spans) == {0: [Span(1, 3)], 1: [Span(12, 14), Span(15, 16)], 2: [Span(25, 30)]}


def test_a_tagged_pronoun_takes_the_nearest_source_credited_before_it() -> None:
    text = "Ana Ruiz spoke. Kuhn left. Then she said it was late."
    ruiz, kuhn = Span(0, 8), Span(16, 20)
    entries = [Entry(kind="person", names=[ruiz]), Entry(kind="organization", names=[kuhn])]
    credited = [(0, Credit(ruiz, ruiz, None, Span(9, 14), Span(9, 14))),
                (1, Credit(kuhn, kuhn, None, Span(21, 25), Span(21, 25)))]
    she = Span(text.index("she"), text.index("she") + 3)
    assert resolve_tagged(text, she, entries, credited) == 0
    assert she in entries[0].mentions


def test_a_tagged_pronoun_with_no_source_before_it_is_no_one() -> None:
    text = "She said it was late."
    assert resolve_tagged(text, Span(0, 3), [], []) is None


def test_a_tagged_name_is_found_or_added() -> None:
    text = "Ana Ruiz said it was late."
    entries: list[Entry] = []
    assert resolve_tagged(text, Span(0, 8), entries, []) == 0
    assert entries[0].names == [Span(0, 8)]

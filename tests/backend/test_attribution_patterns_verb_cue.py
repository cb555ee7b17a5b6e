"""A cue verb and its source, end to end through the verb-cue steps."""

from __future__ import annotations

from typing import TypeVar

import pytest
from staged import quotes_of

from sidenote.attribution.patterns.verb_cue import opens_told_clause, told_listener, verb_credit
from sidenote.attribution.text import tokenize
from sidenote.doc import Span

T = TypeVar("T")


def found(value: T | None) -> T:
    """``value``, which the test expects to be there."""
    assert value is not None
    return value


def credit(text: str, cue: str, topic: int | None = None) -> dict[str, str | None] | None:
    toks = tokenize(text)
    i = next(k for k, t in enumerate(toks) if t.lower == cue)
    c = verb_credit(text, toks, i, Span(0, len(text)), quotes_of(text), topic)
    if c is None:
        return None

    def cut(s: Span | None) -> str | None:
        return None if s is None else text[s.start : s.end]
    return {"name": cut(c.name), "mention": cut(c.mention), "cue": cut(c.cue), "content": cut(c.content),
            "listener": cut(c.listener), "phrase": cut(c.phrase), "description": c.description}


def test_a_subject_and_its_verb() -> None:
    c = found(credit("Mayor Tom Reyes said the pier was late.", "said"))
    assert (c["mention"], c["cue"], c["content"]) == ("Mayor Tom Reyes", "said", "the pier was late")
    # the title before the name is its description
    assert (c["name"], c["description"]) == ("Tom Reyes", "Mayor")


def test_an_appositive_runs_the_phrase_to_its_comma() -> None:
    c = found(credit("Jeff Weaver, the campaign manager, said the pier was late.", "said"))
    assert (c["name"], c["phrase"], c["description"]) == (
        "Jeff Weaver", "Jeff Weaver, the campaign manager,", "the campaign manager")


def test_told_names_its_listener() -> None:
    c = found(credit("Ruiz told the Valley Ledger she would run.", "told"))
    assert (c["listener"], c["content"]) == ("the Valley Ledger", "she would run")


def test_an_inverted_cue() -> None:
    c = found(credit("“The pier is late,” said Ana Ruiz.", "said"))
    assert (c["name"], c["content"]) == ("Ana Ruiz", "The pier is late")


def test_who_before_the_cue() -> None:
    c = found(credit("Ruiz, who said the pier was late, has left.", "said"))
    assert (c["mention"], c["name"]) == ("who", "Ruiz")


def test_a_contracted_pronoun() -> None:
    c = found(credit("He’s said the pier is late.", "said"))
    assert (c["name"], c["content"]) == ("He", "the pier is late")


def test_went_on_to_spans_the_cue() -> None:
    c = found(credit("Ruiz went on to say the pier was late.", "say"))
    assert (c["name"], c["cue"]) == ("Ruiz", "went on to say")


def test_a_controlling_verb_spans_the_cue() -> None:
    c = found(credit("Ruiz seemed to urge a vote on the pier.", "urge"))
    assert (c["name"], c["cue"]) == ("Ruiz", "seemed to urge")


def test_the_object_of_led_speaks() -> None:
    c = found(credit("The win led Party Chairman Eli Ford to declare her the nominee.", "declare"))
    assert c["name"] == "Party Chairman Eli Ford"


def test_calls_for_takes_its_particle() -> None:
    assert found(credit("Ruiz called for a vote on the pier.", "called"))["cue"] == "called for"


def test_a_topic_runs_the_cue_on() -> None:
    toks = tokenize("Ruiz spoke favorably of the plan.")
    c = found(credit("Ruiz spoke favorably of the plan.", "spoke", topic=3))
    assert toks[3].text == "of" and c["cue"] == "spoke favorably of" and c["content"] == "the plan"


@pytest.mark.parametrize(("text", "cue"), [
    ("The report was late.", "report"),  # a noun after a determiner
    ("The plan ran counter to the charter.", "counter"),
    ("He was told to leave.", "told"),  # a passive
    ("She declined to comment on the pier.", "comment"),
    ("Ruiz won 758 pledged delegates.", "pledged"),
    ("Ruiz might explain that the pier is late.", "explain"),  # hypothetical
    ("a Ledger report on the pier", "report"),  # a noun after "a"
    ("He showed the house to buyers.", "showed"),  # no written source
    ("They are hoping the files reveal the truth.", "reveal"),
    ("a group called the Harbor Fund", "called"),
    ("They asked that he not say it.", "say"),  # a subjunctive
])
def test_no_credit(text: str, cue: str) -> None:
    assert credit(text, cue) is None


def test_told_listener_stops_at_the_told_clause() -> None:
    toks = tokenize("told reporters Ruiz would run")
    listener, after = told_listener(toks, 0, 1)
    assert listener is not None and toks[after].text == "Ruiz"
    toks = tokenize("said reporters")
    assert told_listener(toks, 0, 1) == (None, 1)


def test_opens_told_clause() -> None:
    toks = tokenize("told POLITICO he planned")
    assert opens_told_clause(toks, 1, 2)
    assert not opens_told_clause(toks, 1, 1)


@pytest.mark.parametrize(("text", "content"), [
    # a short clause after a time adjunct was read as the adjunct alone
    ("Mayor Tom Reyes said Tuesday that the pier was late.", "the pier was late"),
    ("Mayor Tom Reyes tweeted Tuesday night he thought the pier was late.", "he thought the pier was late"),
    ("Mayor Tom Reyes said late last week that the pier was late.", "the pier was late"),
])
def test_a_clause_after_a_time_adjunct_is_what_the_cue_credits(text: str, content: str) -> None:
    c = found(credit(text, text.split()[3]))
    assert (c["mention"], c["content"]) == ("Mayor Tom Reyes", content)


@pytest.mark.parametrize("text", [
    "Mayor Tom Reyes said Tuesday.",
    # "that" with a verb after it is a relative pronoun: no clause opens
    "Mayor Tom Reyes spoke Tuesday that was the hottest day.",
])
def test_a_time_adjunct_alone_credits_no_clause(text: str) -> None:
    assert credit(text, text.split()[3]) is None


def test_a_quote_before_a_named_speaker_is_credited_past_a_subordinate_clause() -> None:
    from staged import doc_through

    text = ("“We will win this fight in the courts,” Mayor Tom Reyes said last week after the council "
            "voted to close the pier for the whole of the summer season.")
    doc = doc_through("attribution", text)
    [credit] = [a for a in doc.attributions if a.cue is not None and text[a.cue.start : a.cue.end] == "said"]
    assert text[credit.content.start : credit.content.end].startswith("We will win this fight")


def test_a_pronoun_after_a_quote_is_not_credited_through_a_name_inside_it() -> None:
    from staged import doc_through

    text = ("Then there is Axelrod. “Kind of bewildering as to why @Hillary Clinton folks are laying out "
            "her strategy,” he wrote last October after The New York Times published a story about it.")
    doc = doc_through("attribution", text)
    quote = next(q for q in doc.quotes if q.kind == "direct")
    names = {s.id: s.name for s in doc.sources}
    assert names.get(quote.source or "") != "Hillary Clinton"

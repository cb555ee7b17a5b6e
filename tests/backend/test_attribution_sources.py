"""Finding a known source or adding a new one."""

from __future__ import annotations

import pytest

from sidenote.attribution.sources import Entry, classify, find_or_add
from sidenote.doc import Span


def test_find_or_add_finds_the_same_name_and_adds_a_new_one() -> None:
    text = "Ana Ruiz met Dana Pryce. Ruiz left."
    entries: list[Entry] = []
    assert find_or_add(text, entries, Span(0, 8), "person") == 0
    assert find_or_add(text, entries, Span(13, 23), "person") == 1
    ruiz = Span(text.index("Ruiz left"), text.index("Ruiz left") + 4)
    assert find_or_add(text, entries, ruiz, "person") == 0
    assert entries[0].names == [Span(0, 8), ruiz]


def test_a_merged_entry_is_not_found() -> None:
    text = "Ana Ruiz spoke. Ana Ruiz left."
    entries = [Entry(kind="person", names=[Span(0, 8)], merged_into=1)]
    assert find_or_add(text, entries, Span(16, 24), "person") == 1


@pytest.mark.parametrize(
    ("phrase", "channel"),
    [("one Twitter user", "twitter"), ("a Weibo commenter", "weibo"), ("Facebook users", "facebook"),
     ("one commenter on the city's Facebook page", "facebook")],
)
def test_a_user_of_a_platform_is_an_account_on_it(phrase: str, channel: str) -> None:
    # Issue #13: posts credited to an unnamed user went uncarded, because
    # such a source was typed anonymous and its platform dropped.
    found = classify(phrase, Span(0, len(phrase)))
    assert (found.kind, found.channel) == ("social_media", channel)


@pytest.mark.parametrize("phrase", ["one user", "a Twitter spokesman", "Twitter"])
def test_a_user_with_no_platform_or_the_company_is_no_account(phrase: str) -> None:
    assert classify(phrase, Span(0, len(phrase))).kind != "social_media"


@pytest.mark.parametrize(("phrase", "kind"), [
    # a title, then one capitalised word: a person, whatever body the role names
    ("Campaign spokesman Conant", "person"),
    ("Party chairman Reyes", "person"),
    # after a plain role, one capitalised word may be a body or a place
    ("Party member Reyes", "organization"),
])
def test_one_name_after_a_title_is_a_person(phrase: str, kind: str) -> None:
    assert classify(phrase, Span(0, len(phrase))).kind == kind


def test_an_account_owned_by_name_is_its_owner_posting() -> None:
    phrase = "Donald Trump’s Twitter account"
    found = classify(phrase, Span(0, len(phrase)))
    assert (found.kind, found.channel, phrase[found.name.start : found.name.end]) == (
        "social_media", "twitter", "Donald Trump"
    )
    # owned by a pronoun: no name to give, and "Twitter account" is none
    phrase = "her Twitter account"
    assert classify(phrase, Span(0, len(phrase))).kind != "social_media"

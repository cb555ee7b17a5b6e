"""sidenote.detectors.social_quote_speech: where quoted words went when they were not posted."""

from __future__ import annotations

import pytest
from handmade import article, doc, quote, span

from sidenote.detectors.social_quote_speech import (
    credited_as_said,
    credited_in_another_clause,
    known_only_as_poster,
    member_of_posters,
    said_elsewhere_than,
    sets_speech,
    spoken_elsewhere,
    spoken_turn_between,
)
from sidenote.doc import Source, Span

WORDS = "We will win this fight for every worker"


def _case(text: str):
    art = article([text])
    return doc(art), quote(art.text, WORDS)


def test_a_place_of_speech_in_the_quotes_sentence_says_it_was_spoken():
    d, q = _case(f"“{WORDS},” Ann Lee told a rally in Ohio.")
    assert spoken_elsewhere(d, q)
    d, q = _case(f"“{WORDS},” Ann Lee wrote.")
    assert not spoken_elsewhere(d, q)


def test_said_credits_speech_unless_the_platform_is_where_the_words_went():
    d, q = _case(f"“{WORDS},” said Ann Lee, the founder of a Facebook group.")
    assert credited_as_said(d, q)
    assert said_elsewhere_than(d, q, span(d.text, "Facebook"))
    d, q = _case(f"“{WORDS},” Ann Lee said on Facebook.")
    assert not said_elsewhere_than(d, q, span(d.text, "Facebook"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Weeks after she mocked him on Twitter, Senator Ann Lee told a radio host that “{WORDS}.”", True),
        (f"In a tweet on Monday, Ann Lee said that “{WORDS}.”", False),
    ],
)
def test_the_platform_in_another_clause_than_the_credit(text, expected):
    d, q = _case(text)
    platform = "Twitter" if "Twitter" in text else "tweet"
    assert credited_in_another_clause(d, q, span(d.text, platform)) is expected


@pytest.mark.parametrize(
    ("name", "kind", "channel", "expected"),
    [
        ("one Weibo commenter", "social_media", "weibo", True),
        ("a Twitter user", "social_media", "twitter", True),
        # An account with a name also speaks off the platform.
        ("Fares Shehabi", "social_media", "twitter", False),
        # "a YouTube blogger" gives interviews too.
        ("a YouTube blogger", "social_media", "youtube", False),
        ("one user", "anonymous", None, False),
    ],
)
def test_a_source_named_only_as_a_platform_user_is_known_only_as_a_poster(name, kind, channel, expected):
    assert known_only_as_poster(Source("s1", name, kind, channel=channel)) is expected


@pytest.mark.parametrize(
    ("group_name", "kind", "member_name", "mentioned_after", "expected"),
    [
        ("users on X", "social_media", "one", True, True),
        ("users on X", "social_media", "one of them", True, True),
        # a group that is not a platform's users
        ("officials on X", "social_media", "one", True, False),
        ("users", "anonymous", "one", True, False),
        # a member with a name of its own is not just one of them
        ("users on X", "social_media", "one minister", True, False),
        # the member not mentioned after the group in its sentence
        ("users on X", "social_media", "one", False, False),
    ],
)
def test_one_of_a_platform_s_users_named_just_before_is_a_poster_too(
    group_name, kind, member_name, mentioned_after, expected
):
    group = Source("s1", group_name, kind, channel="twitter" if kind == "social_media" else None)
    member = Source("s2", member_name, "anonymous")
    later = [Span(40, 43)] if mentioned_after else []
    assert member_of_posters(member, group, later) is expected


def test_a_sentence_can_set_words_in_speech():
    art = article(["Speaking to reporters an hour later, Ann Lee was calmer.", "Ann Lee posted a photo."])
    d = doc(art)
    first, second = d.sentences[0], d.sentences[1]
    assert sets_speech(d, first.start, first.end)
    assert not sets_speech(d, second.start, second.end)


def test_a_verb_of_telling_is_a_spoken_turn():
    art = article(["Lee retweeted the post and then told a rally that evening what she thought."])
    d = doc(art)
    text = d.text
    assert spoken_turn_between(d, text.index("retweeted"), text.index("what"))
    assert not spoken_turn_between(d, 0, text.index(" and then"))

"""Platform names in prose, and links to one post versus to a profile."""

from __future__ import annotations

import pytest

from sidenote.platforms import find_platform_names, post_platform


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://twitter.com/fares_shehabi/status/1173920000000000000", "twitter"),
        ("https://x.com/someone/status/123?s=20", "twitter"),
        ("https://twitter.com/fares_shehabi", None),  # a profile is not a post
        ("https://t.me/rybar/41234", "telegram"),
        ("https://t.me/rybar", None),  # a channel, not a post
        ("https://www.facebook.com/somepage/posts/pfbid02abc", "facebook"),
        ("https://www.facebook.com/somepage", None),
        ("https://www.instagram.com/p/C8xYz/", "instagram"),
        ("https://www.tiktok.com/@user/video/7301234567890", "tiktok"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube"),
        ("https://bsky.app/profile/someone.bsky.social/post/3kabc", "bluesky"),
        ("https://truthsocial.com/@realDonaldTrump/posts/112233", "truth_social"),
        ("https://www.reuters.com/world/some-story/", None),  # an ordinary article
    ],
)
def test_post_platform(url, platform):
    assert post_platform(url) == platform


@pytest.mark.parametrize(
    ("text", "platforms"),
    [
        ("Shehabi wrote on Twitter.", ["twitter"]),
        ("In another tweet, he said", ["twitter"]),
        ("she posted on X on Monday", ["twitter"]),
        ("a Telegram channel close to the army", ["telegram"]),
        ("Malcolm X spoke", []),  # the letter X alone is not the platform
        ("the threads of the story", []),  # lower-case "threads" is an ordinary word
        ("He posted a video on TikTok and YouTube.", ["tiktok", "youtube"]),
    ],
)
def test_find_platform_names(text, platforms):
    assert [p for _, _, p in find_platform_names(text)] == platforms

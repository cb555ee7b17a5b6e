"""Social platforms: how prose names them, and what a link to one post looks like."""

from __future__ import annotations

import re
from functools import cache

from .doc import Doc, Source
from .lexicon import load_lines, load_table

# A post embedded in a page and copied as text keeps the embed's signature
# line: "pic.twitter.com/x — Jane Doe (@jdoe) October 6, 2017" for a tweet,
# "Posted by FOX 5 San Diego on Tuesday, November 13, 2018" for a Facebook
# post. The post's own words are the lines just above it.
_MONTH_DAY_YEAR = r"[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}"
TEXT_SIGNATURES = (
    ("twitter", re.compile(
        r"(?:(?:pic\.(?:twitter|x)\.com/|https?://t\.co/)\w+[^\S\n]*)?[—–][^\S\n]*"
        r"(?P<name>[^\n()]{1,80}?)[^\S\n]*\(@\w{1,15}\)[^\S\n]+" + _MONTH_DAY_YEAR + r"[^\S\n]*$",
        re.MULTILINE)),
    ("facebook", re.compile(
        r"^Posted by (?P<name>[^\n]{1,80}?) on (?:[A-Z][a-z]+day, )?" + _MONTH_DAY_YEAR + r"[^\S\n]*$",
        re.MULTILINE)),
)


@cache
def _name_pattern() -> re.Pattern[str]:
    names = sorted(load_table("platforms/names.tsv"), key=len, reverse=True)
    # "X" and "VK" are also ordinary letters: match them case-sensitively by
    # requiring the listed lower-case form to appear as a whole word.
    return re.compile(r"(?<![\w@#])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])", re.I)


@cache
def _post_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for line in load_lines("platforms/post_urls.tsv"):
        platform, _, pattern = line.partition("\t")
        out.append((platform.strip(), re.compile(pattern.strip(), re.I)))
    return tuple(out)


def find_platform_names(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Spans in ``text[start:end]`` that name a platform, with its id."""
    table = load_table("platforms/names.tsv")
    found = []
    for m in _name_pattern().finditer(text, start, len(text) if end is None else end):
        word = m.group(1)
        # "X" is the platform only as "on X", "via X", "X account", "X post".
        if word.lower() == "x" and not (
            word == "X" and re.search(r"\b(?:on|via)\s+$", text[max(0, m.start(1) - 5) : m.start(1)])
        ):
            continue
        if word.lower() in ("x account", "x post") and "X" not in word:
            continue
        if word.lower() == "vk" and word != "VK":
            continue
        if word.lower() == "threads" and word != "Threads":
            continue
        if word.lower() == "gab" and word != "Gab":
            continue
        found.append((m.start(1), m.end(1), table[word.lower()]))
    return found


def post_platform(url: str) -> str | None:
    """The platform whose single post ``url`` addresses, or None (profiles, other pages)."""
    for platform, pattern in _post_patterns():
        if pattern.search(url):
            return platform
    return None


def display_name(platform: str) -> str:
    return load_table("platforms/display.tsv").get(platform, platform.replace("_", " ").title())


def channel_in(doc: Doc, source: Source, start: int, end: int) -> tuple[int, int] | None:
    """Where ``doc.text[start:end]`` names the source's own platform, if it does."""
    for s, e, platform in find_platform_names(doc.text, start, end):
        if platform == source.channel:
            return s, e
    return None


def introduced_on_platform(doc: Doc, source: Source) -> bool:
    """Whether the article introduces ``source`` by its platform: the sentence
    of its first mention by name names it ("a report on the Twitter account of
    Fares Shehabi"). Such a source speaks through posts throughout. A person
    who posted once, paragraphs in, is otherwise a person speaking: what they
    said at a rally or on a TV show is not a post."""
    if not source.channel or not source.mentions:
        return False
    name_words = set(source.name.split())
    named = [m for m in source.mentions if name_words & set(doc.text[m.start : m.end].split())]
    i = doc.sentence_index((named or list(source.mentions))[0].start)
    if i is None:
        return False
    sentence = doc.sentences[i]
    return channel_in(doc, source, sentence.start, sentence.end) is not None

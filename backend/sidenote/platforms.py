"""Social platforms: how prose names them, and what a link to one post looks like."""

from __future__ import annotations

import re
from functools import cache

from .lexicon import load_lines, load_table


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

"""Source names as the cards' sentences say them."""

from __future__ import annotations

import re

from .words import MEDIA

# "The inspector general alleged": the article opened its sentence with it.
_LEADING_ARTICLE = re.compile(r"^(?:The|A|An)(?= )")


def prose_name(name: str, kind: str) -> str:
    """A source's name as a sentence would say it mid-way: "the Post" (the
    outlet list has "the post"), "the Russian Ministry of Defense", "the
    inspector general" (not "The inspector general"), "the report" (a
    document named by a common noun)."""
    name = _LEADING_ARTICLE.sub(lambda m: m.group().lower(), name)
    low = name.lower()
    if low.startswith(("the ", "a ", "an ")) or low.split(" ", 1)[0].endswith(("'s", "’s")):
        return name  # ("Pennsylvania’s Supreme Court" has its determiner)
    if kind == "media" and "the " + low in MEDIA:
        return "the " + name
    if kind == "organization" and " " in name:
        return "the " + name
    if kind == "document" and name[:1].islower():
        return "the " + name  # "report" is what the article calls "the report"
    return name

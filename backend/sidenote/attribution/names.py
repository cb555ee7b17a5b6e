"""Source names as the cards' sentences say them."""

from __future__ import annotations

import re

from .words import ANONYMOUS_HEADS, BARE_SUBJECT_HEADS, MEDIA

# "The inspector general alleged": the article opened its sentence with it.
_LEADING_ARTICLE = re.compile(r"^(?:The|A|An)(?= )")


def uncapitalised(name: str) -> str:
    """A body or group named by one common noun loses the capital its
    sentence's start gave it: "Police say ..." credits "police", not "Police"."""
    if " " not in name and name[:1].isupper() and name[1:].islower() \
            and name.lower() in BARE_SUBJECT_HEADS | ANONYMOUS_HEADS:
        return name.lower()
    return name


def mid_sentence(name: str) -> str:
    """The name as it reads inside a sentence: "The inspector general" and
    "A person familiar with the talks" lose their sentence-opening capital."""
    return uncapitalised(_LEADING_ARTICLE.sub(lambda m: m.group().lower(), name))


def prose_name(name: str, kind: str) -> str:
    """A source's name as a sentence would say it mid-way: "the Post" (the
    outlet list has "the post"), "the Russian Ministry of Defense", "the
    inspector general" (not "The inspector general"), "the report" (a
    document named by a common noun)."""
    name = mid_sentence(name)
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

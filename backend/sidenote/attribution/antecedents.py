"""What a pronoun stands for when no credited source does: the person a
"she" names earlier in the text ("Fiorina was upfront... “...,” she said"),
the plural name before a "they" ("Senate Democrats blocked the bill because
they said ..."), or the subject of the pronoun's own sentence ("Bishop
Tobin ... got an earful when he tweeted")."""

from __future__ import annotations

import re

from ..doc import Span
from .sources import classify
from .text import tokenize
from .words import (
    DETERMINERS,
    LEFT_EDGES,
    MONTHS,
    NAME_JOINERS,
    NOT_NAME_LEAD_WORDS,
    NOT_SOURCES,
    ORG_WORDS,
    SUBORDINATE_LEADS,
    WEEKDAYS,
)

# Runs of capitalised words joined by "of", "for", "in"...: candidate names.
_CAP = r"[A-Z][\w’'‘&-]*"  # ("Al-‘Ayesh": a transliterated ayin)
NAME_RE = re.compile(
    _CAP + r"(?:(?:[ \t]+(?:" + "|".join(sorted(NAME_JOINERS - {"and"})) + r"))*[ \t]+" + _CAP + r")*"
)
# A sentence's end before a pronoun: a stop after a lower-case word or a
# closing mark ("Sen. Barack Obama" is no end), or a line break.
SENTENCE_END_RE = re.compile(r"(\w*)[.!?][\"”’)]*\s+|\n")
# Capitalised words that open a sentence or clause without being a name.
NOT_NAME_LEADS = DETERMINERS | LEFT_EDGES | NOT_NAME_LEAD_WORDS
# Capitalised words that are never a source on their own.
CALENDAR = MONTHS | WEEKDAYS
# How far back (characters) a pronoun looks for a person named in the text.
ANTECEDENT_WINDOW = 600
# How far back (characters) "they" looks for a plural name.
_GROUP_WINDOW = 250
# Most words of a headline's capitalised role ("Muslim Cleric", "Top Anchor").
_MAX_ROLE_WORDS = 3
# Characters before a pronoun that may hold the word opening its clause.
_LEAD_REACH = 20


def previous_sentence_start(text: str, at: int) -> int:
    """Where the sentence before the one holding ``at`` starts."""
    lo = max(0, at - ANTECEDENT_WINDOW)
    ends = [e for e in SENTENCE_END_RE.finditer(text, lo, at)
            if not (e.group(1) or "")[:1].isupper() or len(e.group(1) or "") > 3]
    return ends[-2].end() if len(ends) >= 2 else lo


def common_noun_capitalised(text: str, name: Span) -> bool:
    """The last word of ``name`` is a common noun that title case
    capitalised: the article writes it in lower case somewhere and never
    capitalised after a lower-case word, as a name would be ("said Price")."""
    words = text[name.start : name.end].split()
    if not words or len(words) > _MAX_ROLE_WORDS or not all(w[:1].isupper() for w in words):
        return False
    last = words[-1].strip(".,:;’'")
    if not last.isalpha() or last.lower() == last:
        return False
    if re.search(r"\b" + re.escape(last.lower()) + r"\b", text) is None:
        return False
    return re.search(r"\b[a-z]+[ \t]+" + re.escape(last) + r"\b", text) is None


def group_antecedent(text: str, at: int) -> Span | None:
    """The last plural name ("Senate Democrats", "Republicans") that reads
    as a person or an organisation in the ``_GROUP_WINDOW`` characters
    before ``at``, or None."""
    lo = max(0, at - _GROUP_WINDOW)
    for m in reversed(list(NAME_RE.finditer(text, lo, at))):
        toks = [t for t in tokenize(text, m.start(), m.end()) if t.is_word]
        while toks and toks[0].lower in NOT_NAME_LEADS:
            toks = toks[1:]
        if not toks:
            continue
        last = toks[-1].lower
        if len(last) < 4 or not last.endswith("s") or last.endswith(("ss", "'s", "’s")) \
                or last in CALENDAR or any(t.lower in NOT_SOURCES for t in toks):
            continue
        if classify(text, Span(toks[0].start, toks[-1].end)).kind not in ("person", "organization"):
            continue
        return Span(toks[0].start, toks[-1].end)
    return None


def antecedent(text: str, at: int) -> Span | None:
    """The last full name of a person (two capitalised words or more, no
    organisation word) in the ``ANTECEDENT_WINDOW`` characters before ``at``,
    or the person opening the pronoun's own sentence."""
    opener = sentence_subject(text, at)
    if opener is not None:
        return opener
    # Nearest first: most pronouns find their name in the sentence before.
    for m in reversed(list(NAME_RE.finditer(text, max(0, at - ANTECEDENT_WINDOW), at))):
        if " " not in m.group():
            continue  # one word: a sentence's first word, or a surname we cannot place
        if quoted_name(text, m.start(), m.end()):
            continue  # “Bad Tobin”: a nickname the sentence quotes, not the person
        if inside_quotation(text, m.start(), at):
            continue  # “... Jeb Bush folks ...,” he wrote: a name the quote speaks of
        toks = [t for t in tokenize(text, m.start(), m.end()) if t.is_word]
        while toks and toks[0].lower in NOT_NAME_LEADS:
            toks = toks[1:]
        if len(toks) < 2 or any(t.lower in ORG_WORDS or t.lower in NAME_JOINERS for t in toks):
            continue
        span = Span(toks[0].start, toks[-1].end)
        if classify(text, span).kind == "person":
            return span
    return None


def inside_quotation(text: str, pos: int, at: int) -> bool:
    """``pos`` lies inside quotation marks that close before ``at``: in the
    words someone is quoted saying, not the article's own. Curly marks pair
    up; straight ones are counted from the paragraph's start."""
    para = max(text.rfind("\n\n", 0, pos), max(0, pos - ANTECEDENT_WINDOW))
    opened = text.rfind("“", para, pos)
    if opened != -1 and text.rfind("”", opened, pos) == -1:
        closed = text.find("”", pos, at)
        return closed != -1
    straight = text.count('"', para, pos)
    return straight % 2 == 1 and text.find('"', pos, at) != -1


def quoted_name(text: str, start: int, end: int) -> bool:
    """The name stands alone inside quotation marks (a nickname, a title)."""
    return text[start - 1 : start] in ("“", '"', "‘") and text[end : end + 1] in ("”", '"', "’")


def sentence_subject(text: str, at: int) -> Span | None:
    """The full name of a person that opens the pronoun's own sentence, when
    the pronoun opens a clause inside it: "Bishop Thomas Tobin of
    Providence, nicknamed the “Good Tobin” in contrast to Joseph Tobin of
    Newark, got an earful when he tweeted" is about the bishop, not the last
    name before "he". A place after "of" ("of Providence") is left out of
    the name."""
    lead = text[max(0, at - _LEAD_REACH) : at].split()[-1:]
    if not lead or lead[0].lower() not in SUBORDINATE_LEADS:
        return None
    ends = [e for e in SENTENCE_END_RE.finditer(text, max(0, at - ANTECEDENT_WINDOW), at)
            if not (e.group(1) or "")[:1].isupper()]
    if not ends:
        return None
    start = ends[-1].end()
    m = NAME_RE.match(text, start)
    if m is None or m.end() >= at:
        return None
    follow = text[m.end() : m.end() + 3].lstrip()[:1]
    if not (follow == "," or follow.islower()):
        return None  # a headline's run of capitals ("The Photo That Never Saw The Light of Day:")
    toks = [t for t in tokenize(text, m.start(), m.end()) if t.is_word]
    while toks and toks[0].lower in NOT_NAME_LEADS:
        toks = toks[1:]
    joiner = next((k for k, t in enumerate(toks) if t.lower in NAME_JOINERS), len(toks))
    toks = toks[:joiner]
    if len(toks) < 2 or any(t.lower in ORG_WORDS for t in toks):
        return None
    span = Span(toks[0].start, toks[-1].end)
    return span if classify(text, span).kind == "person" else None

"""Reading the learned tagger's spans (``model.tag``) as credits: its source
phrases widened to the names they end, and kept only when they and their
cues read as a source and a cue. The tagger is switched off in the product
(``pipeline.attribution.USE_TAGGER``); the stage's ``_tagged`` calls these."""

from __future__ import annotations

import bisect
import re

from ..doc import Sentence, Span
from .antecedents import CALENDAR
from .patterns.credit import Credit
from .patterns.vocabulary import PASSIVE_AUXILIARIES
from .sources import GROUP_KINDS, PERSON_KINDS, Entry, classify, find_or_add
from .text import tokenize
from .words import (
    ALL_CUE_VERBS,
    ANONYMOUS_HEADS,
    DETERMINERS,
    DOCUMENT_HEADS,
    LEFT_EDGES,
    NAME_JOINERS,
    ORG_WORDS,
    PRONOUNS,
    RELATIVE_ENDS,
    SELF_WORDS,
    SHOW_VERBS,
)

_WORD_RE = re.compile(r"\w+")
_NEXT_CAP_RE = re.compile(r"[ \t]+[A-Z][a-z]")
# Characters before a tagged phrase read to widen it to the name it ends.
_WIDEN_REACH = 120


def source_phrase(text: str, sent: Sentence, tagged: Span) -> Span | None:
    """The tagged phrase widened to the whole name it ends ("Ministry" ->
    "the Russian Defense Ministry"; the walk stops at a joiner such as
    "of"); None unless it starts like a noun phrase (a capital, a
    determiner, a third-person pronoun)."""
    toks = tokenize(text, max(sent.start, tagged.start - _WIDEN_REACH), tagged.end)
    at = next((j for j, t in enumerate(toks) if t.start >= tagged.start), None)
    if at is None:
        return None
    j = at
    while j > 0 and (toks[j - 1].is_cap or (
        toks[j - 1].lower in NAME_JOINERS and j > 1 and toks[j - 2].is_cap
    )) and toks[j].is_cap:
        j -= 1
    if j > 0 and toks[j - 1].lower == "the" and j < at + 1 and toks[j].is_cap:
        j -= 1
    first = toks[j]
    if first.lower in SELF_WORDS:
        return None  # the writer or the reader, not a credited source
    if not (first.is_cap or first.lower in DETERMINERS or first.lower in PRONOUNS):
        return None
    if j > 0 and first.is_cap and j == at and toks[j - 1].is_word and not toks[j - 1].is_cap \
            and toks[j - 1].lower not in LEFT_EDGES:
        return None  # "tweet, Shehabi" after a lower-case word: a piece of a clause
    return Span(first.start, tagged.end)


def plausible_cue(text: str, cue: Span, src: Span) -> bool:
    """A tagged cue is kept only when it holds a verb the rules know as a cue
    ("has since said", "still bemoans"), not in the passive ("are said to
    be"). On news pages the tagger's other cues were acts that credit no
    view ("was admitted to", "opted instead"). "showed" needs a written
    source, as in the rules ("the other 28 people have showed no signs")."""
    toks = [t for t in tokenize(text, cue.start, cue.end) if t.is_word]
    for k, t in enumerate(toks):
        if t.lower in ALL_CUE_VERBS or t.lower == "according":
            if k > 0 and toks[k - 1].lower in PASSIVE_AUXILIARIES:
                return False
            if t.lower in SHOW_VERBS:
                head = _WORD_RE.findall(text, src.start, src.end)[-1:]
                return bool(head) and head[0].lower() in DOCUMENT_HEADS
            return True
    return False


def plausible_source(text: str, span: Span) -> bool:
    """A tagged phrase is kept only when it reads as a source: a third-person
    pronoun, a name (one word only if the article also gives it in a longer
    name), or a determiner phrase headed by a source noun ("the agency",
    "senior officials"). Read on news pages, the tagger's other phrases were
    sentence openers ("The", "Never", "We’ve"), dates and possessives."""
    toks = [t for t in tokenize(text, span.start, span.end) if t.is_word]
    if not toks:
        return False
    low = [t.lower for t in toks]
    if len(toks) == 1 and low[0] in PRONOUNS:
        return low[0] in ("he", "she", "they")
    if any(w in SELF_WORDS or "'" in w or "’" in w for w in low):
        return False  # "We’ve", "Schiff’s", "I": not a third party's name
    head, last = low[-1], toks[-1]
    if head in RELATIVE_ENDS:
        return False  # "Cam Heyward, who": cut inside a relative clause
    if head in ANONYMOUS_HEADS or head in DOCUMENT_HEADS or head in ORG_WORDS:
        return low[0] in DETERMINERS or toks[0].is_cap
    if not last.is_cap or head in CALENDAR or last.text[:1].isdigit():
        return False
    if low[0] in LEFT_EDGES:
        return False  # "While Richardson", "As Gaiman": a clause, cut short
    phrase = text[span.start : span.end]
    if phrase.count("(") != phrase.count(")"):
        return False  # "R-OK), the ranking member": cut inside a bracket
    if _NEXT_CAP_RE.match(text, span.end):
        return False  # "Rep. Frank" of "Rep. Frank Lucas": the name goes on
    kind = classify(text, span).kind
    if kind not in ("person", "organization", "media"):
        return False
    names = [t for t in toks if t.is_cap and t.lower not in DETERMINERS]
    if len(names) >= 2 or kind == "media":
        return True
    # One capitalised word: a surname or an outlet the article spells out elsewhere.
    return re.search(r"[A-Z][\w’'-]+ " + re.escape(last.text) + r"\b", text) is not None


def by_sentence(starts: list[int], spans: list[Span]) -> dict[int, list[Span]]:
    """The spans grouped by the index of the sentence they start in."""
    out: dict[int, list[Span]] = {}
    for sp in spans:
        out.setdefault(bisect.bisect_right(starts, sp.start) - 1, []).append(sp)
    return out


def resolve_tagged(
    text: str, span: Span, entries: list[Entry], credited: list[tuple[int, Credit]]
) -> int | None:
    """Like ``coreference.resolve``, but a pronoun takes the nearest
    compatible source credited BEFORE it in the text (the tagger's credits
    come out of order)."""
    ph = classify(text, span)
    if ph.kind.startswith("pronoun:"):
        want = PERSON_KINDS if ph.kind.endswith("person") else GROUP_KINDS
        before = [(c.mention.start, idx) for idx, c in credited
                  if c.mention.start < span.start and entries[idx].kind in want
                  and entries[idx].merged_into is None]
        if not before:
            return None
        idx = max(before)[1]
        entries[idx].mentions.add(span)
        return idx
    idx = find_or_add(text, entries, ph.name, ph.kind)
    entries[idx].mentions.add(span)
    return idx

"""The ``claims`` stage: which sentences state a check-worthy fact.

Every sentence is scored by the check-worthiness model; those at or above its
threshold become claims, in reading order. A claim's sources are the sources
credited with words inside it. ``key`` marks the few a reader should weigh
first: the strongest claims, favouring those that restate the headline and
those in the lead paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache

from ..lexicon import load_words
from ..models.checkworthy import THRESHOLD, score_sentences
from .doc import Claim, Doc, Sentence, Span

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+")
STOPWORDS = load_words("claims/stopwords.txt")
# A line of at most this many words without a full stop is a label, not a claim.
MAX_FRAGMENT_WORDS = 6
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
MAX_KEY = 5
KEY_SHARE = 0.15
SAME_SOURCE_PENALTY = 0.15
HEADLINE_WEIGHT = 0.6
LEAD_BONUS = 0.1


def _stem(word: str) -> str:
    """A crude suffix strip: enough to match "attacked" with "attacking"."""
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def _word_forms(raw: str) -> tuple[str, ...]:
    """The content-word forms of one matched word ("state-run" gives two).
    Cached: a page repeats its words, and this runs on every sentence."""
    forms = []
    for part in raw.lower().replace("’", "'").split("-"):
        part = part.removesuffix("'s")
        if len(part) < 2 or part in STOPWORDS:
            continue
        forms.append(_stem(part))
    return tuple(forms)


@lru_cache(maxsize=16384)
def content_words(text: str) -> frozenset[str]:
    """Lower-cased content words, crudely stemmed, for overlaps. Cached:
    the detectors compare every sentence with every key claim."""
    return frozenset(form for raw in WORD.findall(text) for form in _word_forms(raw))


# Up to this many words, a sentence ending in a colon is a lead-in.
MAX_LEAD_IN_WORDS = 12


def _is_prose(sentence: str) -> bool:
    """Whether a sentence reads as a statement at all. The model learned
    from debate speech, where every line is one; a page also has table rows
    ("HD | THE HOME DEPOT INC. | 225.86") and short labels, headings and
    list fragments ("Related Roundup: MacBook Pro", "1/2 tsp ground cloves"),
    which are full of the names and numbers the model rewards. A short
    sentence that ends in a colon only leads in to what follows ("The
    tour's 2020 dates:", "Officials gave three reasons:"): the claim, if
    any, is there. A long one states something before its list ("... were
    taken to the county jail, where they were held on these charges:")."""
    if sentence.count("|") >= 2:
        return False
    if sentence.rstrip().endswith(":") and len(sentence.split()) <= MAX_LEAD_IN_WORDS:
        return False
    return len(sentence.split()) > MAX_FRAGMENT_WORDS or bool(SENTENCE_END.search(sentence))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the other (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def sentence_credits(doc: Doc) -> list[tuple[str, ...]]:
    """``credited_sources`` of every sentence, in one pass over the
    attributions and quotes (a per-sentence scan of all of them is
    quadratic on long texts)."""
    found: list[list[str]] = [[] for _ in doc.sentences]
    starts = doc.sentence_starts

    def credit(start: int, end: int, source: str) -> None:
        i = max(0, bisect_right(starts, start) - 1)
        while i < len(found) and doc.sentences[i].start < end:
            if doc.sentences[i].end > start and source not in found[i]:
                found[i].append(source)
            i += 1

    # The order of credit within a sentence follows credited_sources: all
    # attributions in document order, then quotes.
    for att in doc.attributions:
        credit(att.content.start, att.content.end, att.source)
        if att.source_span is not None:
            i = doc.sentence_index(att.source_span.start)
            if i is not None and att.source_span.end <= doc.sentences[i].end and att.source not in found[i]:
                found[i].append(att.source)
    for quote in doc.quotes:
        if quote.source:
            credit(quote.start, quote.end, quote.source)
    return [tuple(f) for f in found]


def credited_sources(doc: Doc, span: Span) -> tuple[str, ...]:
    """Source ids credited with words inside ``span``, in order of credit:
    attributions whose content or crediting mention falls in it, and the
    speakers of direct quotes in it."""
    found: list[str] = []
    for att in doc.attributions:
        inside = att.content.overlaps(span) or (
            att.source_span is not None and span.contains(att.source_span)
        )
        if inside and att.source not in found:
            found.append(att.source)
    for quote in doc.quotes:
        if quote.source and span.overlaps(Span(quote.start, quote.end)) and quote.source not in found:
            found.append(quote.source)
    return tuple(found)


def _is_heading(doc: Doc, sentence: Sentence) -> bool:
    return doc.article.blocks[sentence.block].kind == "heading"


def _pick_key(rank: dict[int, float], sources: list[tuple[str, ...]], n_key: int) -> set[int]:
    """Greedy: the best-ranked claim first; a claim whose every source is
    already behind a key claim ranks lower, so the key claims cover more of
    the story than one source's several sentences."""
    chosen: set[int] = set()
    covered: set[str] = set()
    while len(chosen) < n_key:
        best = max(
            (i for i in rank if i not in chosen),
            key=lambda i: (rank[i] - (SAME_SOURCE_PENALTY if sources[i] and covered.issuperset(sources[i]) else 0), -i),
            default=None,
        )
        if best is None:
            break
        chosen.add(best)
        covered.update(sources[best])
    return chosen


def score(doc: Doc) -> Doc:
    text = doc.text
    sentences = doc.sentences
    if not sentences:
        return replace(doc, claims=())
    texts = [text[s.start : s.end] for s in sentences]
    scores = [p if _is_prose(t) else 0.0 for t, p in zip(texts, score_sentences(texts))]
    title_words = content_words(doc.article.title)
    first_body_block = next(
        (i for i, b in enumerate(doc.article.blocks) if b.kind == "paragraph"), -1
    )

    credits = sentence_credits(doc)
    chosen = [i for i, p in enumerate(scores) if p >= THRESHOLD]
    picked: list[tuple[Sentence, float]] = [(sentences[i], scores[i]) for i in chosen]
    sources = [credits[i] for i in chosen]
    # Rank for "key": check-worthiness, plus how much of the headline the
    # sentence restates, plus a little for the lead paragraph.
    rank: dict[int, float] = {}
    for i, (s, p) in enumerate(picked):
        if _is_heading(doc, s) or doc.article.blocks[s.block].kind == "embed":
            continue
        weight = p + HEADLINE_WEIGHT * overlap(content_words(text[s.start : s.end]), title_words)
        if s.block == first_body_block:
            weight += LEAD_BONUS
        rank[i] = weight
    # "The few a reader should weigh first": a share of the article's
    # sentences, not of its claims, so a lower claim threshold does not make
    # more of them key.
    n_key = min(MAX_KEY, len(rank), max(1, round(len(sentences) * KEY_SHARE)))
    key_index = _pick_key(rank, sources, n_key)

    claims = tuple(
        Claim(
            id=f"c{n + 1}",
            start=s.start,
            end=s.end,
            score=float(p),
            key=n in key_index,
            sources=sources[n],
        )
        for n, (s, p) in enumerate(picked)
    )
    return replace(doc, claims=claims)

"""The ``claims`` stage: which sentences state a check-worthy fact.

Every sentence is scored by the check-worthiness model; those at or above its
threshold become claims, in reading order. The model learned from debate
speech, so lines a news page has and a debate does not (headings, page
furniture, photo credits, datelines, the writer's own anecdotes) are cut or
ruled out around it. A claim's sources are the sources credited with words
inside it. ``key`` marks the few a reader should weigh first: the strongest
claims, favouring those that restate the headline and those in the lead
paragraph, never a caption, an exclamation or the writer's hedged view.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..credits import sentence_credits
from ..doc import Claim, Doc, Sentence
from ..lexicon import load_lines, load_words
from ..models.checkworthy import THRESHOLD, score_sentences
from ..text import content_words, overlap
from .clutter import (
    MAX_TEASER_CHARS,
    MAX_TEASER_WORDS,
    MIN_LINKED_SHARE,
    is_clutter_text,
    is_short,
    linked_share,
    starts_with_teaser_label,
)

# A line of at most this many words without a full stop is a label, not a claim.
MAX_FRAGMENT_WORDS = 6
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
MAX_KEY = 5
KEY_SHARE = 0.15
SAME_SOURCE_PENALTY = 0.15
HEADLINE_WEIGHT = 0.6
LEAD_BONUS = 0.1
# A key claim is one the model finds more likely a claim than not. Below
# that, on pages with few claims (a blog, a listing, a review), the key
# places were filled with whatever scraped over the claim threshold
# ("It comes down to business focus.", "Meth. We're on it.").
KEY_MIN_SCORE = 0.5


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


def _alternation(name: str) -> str:
    """A regex alternation of a word list, longest entries first (so
    "photo credit" wins over "photo"), spaces matching any white space."""
    entries = sorted(load_words(name), key=len, reverse=True)
    return "|".join(re.escape(e).replace(r"\ ", r"\s+") for e in entries)


# Page furniture the extractor keeps as prose ("Read more: ...", "Sign up
# for ...", "Correction, Nov. 15, 2019: ..."), matched at the start only.
_BOILERPLATE = re.compile(
    r"^[\W_]*(?:" + _alternation("claims/boilerplate_openings.txt") + r")(?![\w'’-])", re.IGNORECASE
)
_CREDIT_LABEL = _alternation("claims/credit_labels.txt")
_AGENCY = _alternation("claims/credit_agencies.txt")
# A photo credit glued to a caption: a labelled one at either end ("Image:
# Jose Mourinho has ...", "... sought treatment. Photograph: AFP via Getty"),
# or a bracketed one at the end ("(Credit: Getty Images)", "(AP Photo/X)").
# The credit is not part of the statement, and its agency names read to the
# model like the named sources of a claim.
_CREDIT_HEAD = re.compile(r"^(?:" + _CREDIT_LABEL + r")\s*:\s*", re.IGNORECASE)
_CREDIT_TAIL = re.compile(
    r"(?:\s*[(\[](?:(?:" + _CREDIT_LABEL + r")\s*:[^()\[\]]*|(?:" + _AGENCY + r")(?:\s*/[^()\[\]]*)?)[)\]]"
    r"|(?<=[.!?])\s+(?:" + _CREDIT_LABEL + r")\s*:.{0,80})\s*$",
    re.IGNORECASE,
)
# A wire dateline: where the story was filed, not part of its first
# statement ("HAYWARD, Calif. (AP) — ", "VIENNA — ").
_DATELINE = re.compile(
    r"^[A-Z][A-Z'’.-]{2,}(?:\s[A-Z][A-Z'’.-]+){0,3}(?:,\s[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){0,2})?"
    r"\s(?:\([A-Za-z.&/ ]{1,30}\)\s)?(?:—|–|--)\s*"
)


def _scored_text(sentence: str) -> str:
    """What the model reads: the sentence without a photo credit or a
    dateline around it."""
    if "(" in sentence or "[" in sentence or ":" in sentence:
        sentence = _CREDIT_TAIL.sub("", sentence)
        if ":" in sentence:
            sentence = _CREDIT_HEAD.sub("", sentence)
    if "—" in sentence or "–" in sentence or "--" in sentence:
        sentence = _DATELINE.sub("", sentence)
    return sentence


# One question: nothing asserted. (A quote that runs a statement into a
# question, "... started in 2010. The question is what happened in 2009?",
# still states its first part, so only a sentence with no earlier stop.)
_QUESTION = re.compile(r"^[^.!?]*\?[\"'”’)\]]*\s*$")
# An exclamation ("GET OUT and VOTE ... @MattBevin!", "Stay tuned for more
# Gift Guides!") is rhetoric or promotion before it is a statement: it is a
# claim only at the score of a clear one, and never key.
_EXCLAIMS = re.compile(r"!(?:[\s\"'”’)\]]|$)")
EXCLAMATION_MIN_SCORE = 0.5
# The writer as the subject, in the first person singular and outside any
# quotation: an anecdote of the reporting or a reviewer's day ("After a few
# tries, I eventually reached Valerie Smith by phone.", "My two-year-old son
# played ..."), which the reader has no way to check and no reason to. Only
# as the subject of the sentence (after a conjunction or a short opening
# phrase): "By 2018, when I started digging, only three novels remained in
# print" and "friends had told me that ..." still state facts. "I" must
# precede a lower-case word, so "World War I" and "Edward I" are not the
# writer.
_FIRST_PERSON = re.compile(
    r"^[\W_]*(?:(?:[Aa]nd|[Bb]ut|[Ss]o|[Tt]hen|[Yy]et|[Ss]till)\s+)?(?:[^,;:\"“”]{1,40},\s*)?"
    r"(?:I(?:['’](?:m|ve|d|ll))?\s+[a-z]|[Mm]y\s)"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_HEDGE = re.compile(r"\b(?:" + _alternation("claims/hedges.txt") + r")\b", re.IGNORECASE)


def _shouted(sentence: str) -> bool:
    """A line in capitals ("CO-FOUNDER 'PROUD' OF HOME DEPOT EMPLOYEES ..."):
    a promoted headline or a section label, not prose."""
    return sentence.upper() == sentence and sentence.lower() != sentence


def _spans_by_sentence(doc: Doc, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The given character spans, listed under every sentence they touch, in
    one pass (a scan of all spans per sentence is quadratic on long texts)."""
    found: list[list[tuple[int, int]]] = [[] for _ in doc.sentences]
    starts = doc.sentence_starts
    for start, end in spans:
        i = max(0, bisect_right(starts, start) - 1)
        while i < len(found) and doc.sentences[i].start < end:
            if doc.sentences[i].end > start:
                found[i].append((start, end))
            i += 1
    return found


def _without(text: str, sentence: Sentence, spans: list[tuple[int, int]]) -> str:
    """The sentence's text with the given spans cut out."""
    pieces = []
    pos = sentence.start
    for start, end in sorted(spans):
        pieces.append(text[pos : max(pos, start)])
        pos = max(pos, end)
    pieces.append(text[pos : sentence.end])
    return " ".join(pieces)


# A footer statement extraction keeps (the benchmark's gold counts a wire
# story's "© 2019 Associated Press. All Rights Reserved." as article text).
_FOOTER = re.compile(
    "|".join(f"(?:{line})" for line in load_lines("claims/footer_lines.txt")), re.IGNORECASE | re.DOTALL
)


def is_furniture(doc: Doc, sentence: Sentence) -> bool:
    """A line of page furniture that extraction let through: a call to
    action or widget label (the extractor's own list, ``clutter.py``), a
    headline promoted in the text ("SEE MORE: ..."), a footer statement, or
    a teaser: a short block that is nearly all link (another story's
    headline, a menu entry). Never a claim, and no card is anchored in it.
    Embedded posts and block quotes are evidence, not furniture."""
    block = doc.article.blocks[sentence.block]
    if block.kind in ("embed", "quote"):
        return False
    text = doc.article.text
    line = text[sentence.start : sentence.end].strip()
    if is_clutter_text(line) or starts_with_teaser_label(line) or _FOOTER.fullmatch(line):
        return True
    # a long block is prose: measured by its length before its text is copied
    if not block.links or block.end - block.start > MAX_TEASER_CHARS:
        return False
    if not is_short(text[block.start : block.end], MAX_TEASER_WORDS):
        return False
    links = tuple((link.start, link.end, link.href) for link in block.links)
    return linked_share(text, links, block.start, block.end) >= MIN_LINKED_SHARE


def _is_heading(doc: Doc, sentence: Sentence) -> bool:
    return doc.article.blocks[sentence.block].kind == "heading"


def _not_a_claim(doc: Doc, sentence: Sentence, scored: str, writer: str) -> bool:
    """Lines a news page has that no debate transcript does, and that the
    model, never having seen them, may score as claims: headings (a label
    for what follows; the body states the claim), page furniture, lines in
    capitals, single questions and the writer's own anecdotes."""
    if _is_heading(doc, sentence) or is_furniture(doc, sentence):
        return True
    if not _is_prose(scored) or _BOILERPLATE.match(scored) or _shouted(scored):
        return True
    if "?" in scored and _QUESTION.match(scored):
        return True
    if "@" in scored and _EMAIL.search(scored):
        return True
    return bool(_FIRST_PERSON.match(writer))


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
    texts = [_scored_text(text[s.start : s.end]) for s in sentences]
    # The writer's own words: outside quotation marks (for the first
    # person), and also outside the content credited to a source (for a
    # hedge: "experts claimed it could perhaps reach San Francisco" is the
    # experts' guess, a reported claim, not the writer's view).
    quoted = _spans_by_sentence(doc, [(q.outer_start, q.outer_end) for q in doc.quotes])
    credited = _spans_by_sentence(doc, [(a.content.start, a.content.end) for a in doc.attributions])
    writer = [_without(text, s, q) for s, q in zip(sentences, quoted)]
    exclaims = [bool(_EXCLAIMS.search(t)) for t in texts]
    scores = [
        0.0 if _not_a_claim(doc, s, t, w) or (x and p < EXCLAMATION_MIN_SCORE) else p
        for s, t, w, x, p in zip(sentences, texts, writer, exclaims, score_sentences(texts))
    ]
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
        # Never key: an embedded post (its own card kind covers it), a
        # caption (it illustrates the body, whose sentences state the claim
        # first-hand), an exclamation, and a claim hedged in the writer's
        # own voice ("Perhaps it's even Star Wars Raider"), a view to weigh
        # rather than a fact to check.
        if doc.article.blocks[s.block].kind in ("embed", "caption"):
            continue
        if p < KEY_MIN_SCORE or exclaims[chosen[i]]:
            continue
        if _HEDGE.search(_without(text, s, quoted[chosen[i]] + credited[chosen[i]])):
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

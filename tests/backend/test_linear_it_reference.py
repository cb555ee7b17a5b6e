"""The body a credited "it" stands for is found through an index of every
entry's names and mentions, kept in step as the attribution stage grows
them (sidenote/attribution/it_reference.py, issue #15), instead of a scan of
every mention of every source for each "it". The answers are the scan's,
ties included; the work per "it" no longer grows with the mentions."""

from __future__ import annotations

import random
from collections.abc import Callable

from workcount import lines_run

from sidenote.attribution import it_reference
from sidenote.attribution.it_reference import it_candidate, resolve_it
from sidenote.attribution.sources import PERSON_KINDS, Entry
from sidenote.doc import Article, Block, Doc, Span
from sidenote.pipeline.attribution import attribute
from sidenote.pipeline.quotes import find as find_quotes
from sidenote.pipeline.sentences import split

WINDOW = 800  # it_reference._IT_WINDOW


# --- the scans the index replaced ---------------------------------------------------------


def nearest_by_scan(text: str, entries: list[Entry], lo: int, at: int) -> tuple[Span, int] | None:
    best: tuple[Span, int] | None = None
    for idx, e in enumerate(entries):
        if not it_candidate(text, e):
            continue
        for m in e.mentions | set(e.names):
            if min(lo, at - WINDOW) <= m.start and m.end <= at and (best is None or m.end > best[0].end):
                best = (m, idx)
    return best


def ending_at_by_scan(entries: list[Entry], end: int) -> int | None:
    return next((k for k, e in enumerate(entries) if e.merged_into is None and e.kind not in PERSON_KINDS
                 and any(m.end == end for m in e.mentions | set(e.names))), None)


def nearest_by_index(text: str, entries: list[Entry], lo: int, at: int) -> tuple[Span, int] | None:
    return it_reference._index_of(text, entries).nearest_body(text, entries, min(lo, at - WINDOW), at)


def ending_at_by_index(text: str, entries: list[Entry], end: int) -> int | None:
    index = it_reference._index_of(text, entries)
    return min((k for k in index.entries_ending_at(end)
                if entries[k].merged_into is None and entries[k].kind not in PERSON_KINDS), default=None)


# --- invented sentences -------------------------------------------------------------------


def _doc(paragraphs: list[str]) -> Doc:
    text = "\n\n".join(paragraphs)
    blocks, pos = [], 0
    for para in paragraphs:
        blocks.append(Block("paragraph", pos, pos + len(para)))
        pos += len(para) + 2
    return attribute(find_quotes(split(Doc(article=Article(text=text, blocks=tuple(blocks))))))


def _credited(doc: Doc, words: str) -> str | None:
    """The name of the source credited with the sentence holding ``words``."""
    at = doc.text.index(words)
    names = {s.id: s.name for s in doc.sources}
    return next((names[a.source] for a in doc.attributions if a.content.start <= at < a.content.end), None)


def test_it_stands_for_the_body_credited_just_before() -> None:
    doc = _doc(["The city council voted on Monday to close the pier, a spokesman said.",
                "It said the repairs would cost $4 million."])
    assert _credited(doc, "the repairs would cost") == "city council"


def test_it_stands_for_the_nearest_of_two_bodies() -> None:
    doc = _doc(["The Harbor Commission said on Monday that the pier was unsafe.",
                "The Port Authority disagreed, and it said the pier would stay open."])
    assert _credited(doc, "the pier would stay open") == "Port Authority"


def test_a_person_is_not_it() -> None:
    doc = _doc(["Mayor Ana Ruiz said on Monday that the pier was unsafe.", "It said so again on Tuesday."])
    assert _credited(doc, "so again on Tuesday") != "Mayor Ana Ruiz"


# --- the index answers as the scans did ------------------------------------------------------

_WORDS = ["the", "council", "ministry", "said", "statement", "a", "Harbor", "Commission", "it",
          "motion", "agency", "voted", "people", "Ruiz", "reports", "on", "Monday", "."]
_KINDS = ["organization", "media", "document", "anonymous", "person", "social_media"]


def _random_span(rnd: random.Random, text: str) -> Span:
    start = rnd.randrange(len(text) - 30)
    return Span(start, start + rnd.choice([2, 5, 9, 9, 14, 20]))


def test_the_index_follows_the_entries_as_they_grow() -> None:
    """Random entries changed between look-ups as the stage changes them (a
    mention added, a name appended, an entry appended, a kind set, one
    merged into another); every look-up gives the scan's answer, ties
    between equal ends included."""
    rnd = random.Random(85)
    for _ in range(40):
        text = " ".join(rnd.choice(_WORDS) for _ in range(900))
        entries = [Entry(kind=rnd.choice(_KINDS), names=[_random_span(rnd, text)]) for _ in range(rnd.randrange(1, 6))]
        for _ in range(60):
            change = rnd.randrange(6)
            e = rnd.choice(entries)
            if change == 0:
                entries.append(Entry(kind=rnd.choice(_KINDS), names=[_random_span(rnd, text)]))
            elif change == 1:
                e.names.append(_random_span(rnd, text))
            elif change == 2:
                e.kind = rnd.choice(_KINDS)
            elif change == 3 and len(entries) > 1:
                e.merged_into = 0
            else:
                for _ in range(rnd.randrange(1, 4)):
                    e.mentions.add(_random_span(rnd, text))
            at = rnd.randrange(len(text))
            lo = max(0, at - rnd.randrange(700))
            assert nearest_by_index(text, entries, lo, at) == nearest_by_scan(text, entries, lo, at)
            end = rnd.choice([m.end for x in entries for m in x.mentions | set(x.names)])
            assert ending_at_by_index(text, entries, end) == ending_at_by_scan(entries, end)


def test_ties_go_to_the_first_entry_and_its_first_span() -> None:
    text = "The agency and the ministry said it would act. " * 3
    agency = Entry(kind="organization", names=[Span(0, 10)], mentions={Span(4, 10)})  # "The agency", "agency"
    ministry = Entry(kind="organization", names=[Span(15, 27)])
    entries = [agency, ministry]
    at = text.index("it would")
    assert nearest_by_index(text, entries, 0, at) == nearest_by_scan(text, entries, 0, at)
    ministry.mentions.add(Span(19, 27))
    assert nearest_by_index(text, entries, 0, at) == nearest_by_scan(text, entries, 0, at)


# --- the work per "it" ---------------------------------------------------------------------------


def _credits_to_it(n: int) -> Callable[[], object]:
    """One agency credited ``n`` times, by name and then by "it" (as in
    "The agency said it would act. It said so again."): its mentions grow
    by two for each "it" resolved."""
    sentence = "The agency said it would act. It said so again on Monday. "
    text = sentence * n

    def run() -> None:
        entries: list[Entry] = [Entry(kind="organization", names=[Span(0, 10)])]
        for i in range(n):
            base = i * len(sentence)
            entries[0].mentions.add(Span(base, base + 10))  # "The agency said"
            it = base + sentence.index("It said")
            assert resolve_it(text, Span(it, it + 2), entries) == 0

    return run


def test_resolving_many_its_is_not_quadratic() -> None:
    small, large = lines_run(_credits_to_it(500)), lines_run(_credits_to_it(2_000))
    # linear: 4 times the work for 4 times the credits (the scan: 16)
    assert large < 6 * small

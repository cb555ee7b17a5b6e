"""The source a credited "it" stands for. The most recent credited source
of any group kind was wrong too often ("the new House majority did not, as
it promised" went to "Obama in the call", credited a paragraph before), so
"it" takes the nearest singular organisation or document in its own or the
previous sentence, named ("Southern New Hampshire University") or not ("the
motion"), or already credited there (an earlier "it"); failing that, the
nearest credited body in the last ``_IT_WINDOW`` characters; failing that,
no one."""

from __future__ import annotations

import bisect
import re
import threading
import weakref
from functools import lru_cache
from itertools import compress
from operator import attrgetter, itemgetter, ne

from ..doc import Span
from .antecedents import NOT_NAME_LEADS, previous_sentence_start
from .sources import PERSON_KINDS, Entry, classify, find_or_add
from .text import Token, tokenize
from .words import (
    ALL_CUE_VERBS,
    ANONYMOUS_HEADS,
    AUXILIARIES,
    CHANNEL_OPENERS,
    CLAUSE_STOPS,
    DOCUMENT_HEADS,
    FINITE,
    IT_DETERMINERS,
    IT_HEADS,
    LEFT_EDGES,
    MEDIA_HEADS,
    NAME_JOINERS,
    ORG_WORDS,
    PHRASE_PREPOSITIONS,
    PLATFORMS,
    RELATIVE_ENDS,
    TITLES,
)

_WORD_RE = re.compile(r"\w+")
# Kinds of source "it" may stand for: a body or a text, never a person nor a
# phrase typed anonymous only because nothing else fitted ("Obama in the call").
_IT_KINDS = ("organization", "media", "document")
# How far back (characters) "it" looks for a credited body when its own and
# the previous sentence name none.
_IT_WINDOW = 800
# How many modifiers may stand between a determiner and the head "it" may
# stand for ("the new House majority").
_IT_MODIFIERS = 3
_IT_HEAD_WORDS = ORG_WORDS | DOCUMENT_HEADS | MEDIA_HEADS | frozenset(IT_HEADS)
# Words that may follow a noun phrase's head: a verb's auxiliary, a clause's
# or preposition's first word. Another word there is most often a second
# noun ("a majority vote", "the council leader"), whose phrase is not a body.
_AFTER_HEAD = AUXILIARIES | FINITE | CLAUSE_STOPS | ALL_CUE_VERBS | NAME_JOINERS | PHRASE_PREPOSITIONS
# Lower-case words a subject phrase may follow: a clause's first word or a
# preposition. Another word there is most often a verb, and the phrase its object.
_BEFORE_PHRASE = CLAUSE_STOPS | NAME_JOINERS | LEFT_EDGES | PHRASE_PREPOSITIONS
# Opening and closing marks of a quotation, curly or straight.
_QUOTE_MARKS = ("“", "”", '"')


def resolve_it(text: str, mention: Span, entries: list[Entry]) -> int | None:
    """The index of the entry the credited "it" at ``mention`` stands for
    (added to its mentions), or None."""
    at = mention.start
    lo = previous_sentence_start(text, at)
    # The credited mention of a body ending last before ``at``, in the
    # previous sentence or the last ``_IT_WINDOW`` characters, and its entry.
    index = _index_of(text, entries)
    best = index.nearest_body(text, entries, min(lo, at - _IT_WINDOW), at)
    phrase = it_noun_phrase(text, lo, at)
    if phrase is not None and (best is None or best[0].start < lo or phrase[0].end > best[0].end):
        span, kind = phrase
        # The phrase may already be a source ("A London borough ... voted"):
        # the first entry, not merged nor a person, with a name or mention
        # ending where it does.
        idx = min((k for k in index.entries_ending_at(span.end)
                   if entries[k].merged_into is None and entries[k].kind not in PERSON_KINDS), default=None)
        if idx is None:
            idx = find_or_add(text, entries, span, kind)
        entries[idx].mentions.add(mention)
        return idx
    if best is None:
        return None
    entries[best[1]].mentions.add(mention)
    return best[1]


_MENTIONS = attrgetter("mentions")
_NAMES = attrgetter("names")
_KIND = attrgetter("kind")
_MERGED = attrgetter("merged_into")
_END = itemgetter(0)


class _SpanIndex:
    """Every name and mention of every entry, ordered by end, kept in step
    with ``entries`` as the attribution stage grows them.

    Finding the body an "it" stands for scanned every mention of every
    source for each "it" (issue #15: quadratic; a paragraph of 40,000
    credits to "it" held one source with as many mentions). Entries only
    grow (a mention added, a name appended, a source appended; a kind or
    ``merged_into`` set), so at each call the index reads what changed: the
    sizes of every entry's sets compared at C speed, then only the changed
    entries' new spans (a set difference) are added. A query then walks
    back from ``at`` over the spans that end within the window only."""

    def __init__(self, entries: list[Entry]) -> None:
        self.list_id = id(entries)
        self.first = weakref.ref(entries[0])
        self.ends: list[int] = []  # sorted
        self.items: list[tuple[int, int, Span]] = []  # (end, entry, span), in the order of ``ends``
        self.seen: list[set[Span]] = []  # per entry, its spans already here (by value)
        # per entry, the very objects of its ``mentions`` already read: the set
        # difference with them meets each object itself, never calling __eq__
        self.mentions_read: list[set[Span]] = []
        self.names_seen: list[int] = []  # per entry, how many of its names are here
        self.sizes: list[int] = []  # per entry, len(mentions) when last read
        self.kinds: list[str] = []
        self.merged: list[int | None] = []
        self.candidate: list[bool] = []  # it_candidate, per entry

    def matches(self, entries: list[Entry]) -> bool:
        return self.list_id == id(entries) and bool(entries) and self.first() is entries[0]

    def sync(self, text: str, entries: list[Entry]) -> None:
        known = len(self.seen)
        sizes = list(map(len, map(_MENTIONS, entries)))
        names = list(map(len, map(_NAMES, entries)))
        kinds = list(map(_KIND, entries))
        merged = list(map(_MERGED, entries))
        changed = set(compress(range(known), map(ne, sizes, self.sizes)))
        changed.update(compress(range(known), map(ne, names, self.names_seen)))
        retyped = set(compress(range(known), map(ne, kinds, self.kinds)))
        retyped.update(compress(range(known), map(ne, merged, self.merged)))
        for k in range(known, len(entries)):
            self.seen.append(set())
            self.mentions_read.append(set())
            self.names_seen.append(0)
            self.candidate.append(False)
            changed.add(k)
        new: list[tuple[int, int, Span]] = []
        for k in sorted(changed):
            e = entries[k]
            if len(e.names) < self.names_seen[k]:  # (names are only appended; if not, read them all)
                self.names_seen[k] = 0
            fresh = e.names[self.names_seen[k] :]
            unread = e.mentions - self.mentions_read[k]
            self.mentions_read[k] |= unread
            fresh += unread
            for m in fresh:
                if m in self.seen[k]:
                    continue  # (a name also among the mentions)
                self.seen[k].add(m)
                new.append((m.end, k, m))
            self.names_seen[k] = len(e.names)
            retyped.add(k)  # (an anonymous entry's names decide whether it is a body)
        self._insert(new)
        for k in retyped:
            self.candidate[k] = it_candidate(text, entries[k])
        self.sizes, self.kinds, self.merged = sizes, kinds, merged

    def _insert(self, new: list[tuple[int, int, Span]]) -> None:
        """Add items, keeping them by end. A few go in one at a time (mostly
        at the end: the stage reads the text in order); many at once, such
        as every source known when the first "it" comes, are merged."""
        if len(new) > 64:
            self.items = sorted(self.items + new, key=_END)
            self.ends = [item[0] for item in self.items]
            return
        for item in new:
            at = bisect.bisect_right(self.ends, item[0])
            self.ends.insert(at, item[0])
            self.items.insert(at, item)

    def nearest_body(self, text: str, entries: list[Entry], lo: int, at: int) -> tuple[Span, int] | None:
        """The span ending last at or before ``at`` and starting at or after
        ``lo`` of a candidate body; on a tie of ends, the first such entry
        and, in it, the span met first in ``mentions | set(names)``, as the
        scan over entries this replaces took them."""
        i = bisect.bisect_right(self.ends, at) - 1
        best_end: int | None = None
        tied: list[tuple[int, Span]] = []
        while i >= 0 and self.ends[i] >= lo:  # (a span in the window ends there)
            end, k, m = self.items[i]
            if best_end is not None and end < best_end:
                break
            if m.start >= lo and self.candidate[k]:
                best_end = end
                tied.append((k, m))
            i -= 1
        if best_end is None:
            return None
        k = min(k for k, _ in tied)
        spans = [m for j, m in tied if j == k]
        if len(spans) > 1:  # which of them the set would have given first
            e = entries[k]
            spans = [m for m in e.mentions | set(e.names) if m in spans]
        return spans[0], k

    def entries_ending_at(self, end: int) -> set[int]:
        """The entries with a name or mention ending at ``end``."""
        i = bisect.bisect_left(self.ends, end)
        found = set()
        while i < len(self.ends) and self.ends[i] == end:
            found.add(self.items[i][1])
            i += 1
        return found


class _NoEntries:
    """The index of no entries."""

    def nearest_body(self, text: str, entries: list[Entry], lo: int, at: int) -> None:
        return None

    def entries_ending_at(self, end: int) -> set[int]:
        return set()


# Per thread, the index of the entries its attribution stage is reading: a
# one-item list, emptied when the first of those entries is freed (so a
# page's index does not outlive its stage).
_LOCAL = threading.local()


def _index_of(text: str, entries: list[Entry]) -> _SpanIndex | _NoEntries:
    """The span index of ``entries``, brought up to date."""
    if not entries:
        return _NoEntries()
    holder: list[_SpanIndex] | None = getattr(_LOCAL, "holder", None)
    if holder is None:
        holder = _LOCAL.holder = []
    if not holder or not holder[0].matches(entries):
        holder[:] = [_SpanIndex(entries)]
        weakref.finalize(entries[0], _forget, holder, holder[0])
    index = holder[0]
    index.sync(text, entries)
    return index


def _forget(holder: list[_SpanIndex], index: _SpanIndex) -> None:
    if holder and holder[0] is index:
        holder.clear()


def it_candidate(text: str, e: Entry) -> bool:
    """A credited source "it" may stand for: a body or a text, or a phrase
    typed anonymous whose head is one ("a Baton Rouge newspaper", "the
    editorial"), but not one typed anonymous for want of a better kind
    ("Obama in the call")."""
    if e.merged_into is not None:
        return False
    if e.kind in _IT_KINDS:
        return True
    if e.kind != "anonymous":
        return False
    heads = (_WORD_RE.findall(text, n.start, n.end)[-1:] for n in e.names)
    return any(h and h[0].lower() in _IT_HEAD_WORDS and not plural_word(h[0].lower()) for h in heads)


def it_noun_phrase(text: str, lo: int, at: int) -> tuple[Span, str] | None:
    """The last singular organisation or document phrase between ``lo`` and
    ``at``, outside quotation marks, with the kind it names: a determiner
    and a head noun ("the motion", "the new House majority") or a name that
    reads as an organisation or outlet. Not a possessive ("INSIDER's
    request"), a plural ("Democrats") nor a role ("the council leader")."""
    # Quotation marks are counted from the paragraph's start: ``lo`` may
    # fall inside a quote the sentence splitter cut at a full stop.
    para = text.rfind("\n", 0, lo) + 1
    toks, quoted = _tokens_before(text, para, lo, at)
    first = next((j for j, t in enumerate(toks) if t.start >= lo), len(toks))
    k = len(toks) - 1
    while k >= first:
        t = toks[k]
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if quoted[k] or not t.is_word or "'" in t.text or "’" in t.text or _before_more_of_a_phrase(nxt):
            k -= 1
            continue
        if t.lower in _IT_HEAD_WORDS and not t.is_cap and not plural_word(t.lower) \
                and t.lower not in RELATIVE_ENDS and phrase_ends_before(nxt):
            found = _determined_head(toks, quoted, first, k)
            if found is not None:
                return found
        elif t.is_cap:
            j = _name_start(toks, quoted, first, k)
            found = _named_body(text, toks, j, k)
            if found is not None:
                return found
            k = j
        k -= 1
    return None


# How far before ``lo`` the tokens are read from: the rules look one token
# back from the phrase; this leaves room for a few.
_READ_BACK = 300
_SPACE_RE = re.compile(r"\s")


def _tokens_before(text: str, para: int, lo: int, at: int) -> tuple[list[Token], list[bool]]:
    """The tokens of ``text[para:at]`` that the rules read (those from a
    little before ``lo``), and which stand inside quotation marks. Tokenizing
    the whole paragraph for every "it" was quadratic in a long paragraph
    (issue #15): the tokens start at a space a little before ``lo`` instead
    (tokens never hold a space, so they are the same tokens), and the quote
    state there comes from the paragraph's marks, folded once per paragraph."""
    start = para
    if lo - para > _READ_BACK:
        spaces = list(_SPACE_RE.finditer(text, max(para, lo - _READ_BACK - 1000), lo - _READ_BACK))
        if spaces:
            start = spaces[-1].end()
    toks = tokenize(text, start, at)
    if start > para and (not toks or toks[0].start >= lo):
        start, toks = para, tokenize(text, para, at)  # nothing before lo to read back to
    inside = _inside_quote_at(text, para, start)
    return toks, quoted_tokens(toks, inside)


def _inside_quote_at(text: str, para: int, pos: int) -> bool:
    """Whether ``pos`` stands inside quotation marks opened since ``para``,
    as quoted_tokens counts them."""
    if pos <= para:
        return False
    marks, states = _quote_states(text, para)
    i = bisect.bisect_left(marks, pos) - 1
    return states[i] if i >= 0 else False


@lru_cache(maxsize=8)
def _quote_states(text: str, para: int) -> tuple[list[int], list[bool]]:
    """Positions of the paragraph's quotation marks (from ``para`` to its
    end), and the quote state after each, as quoted_tokens folds them."""
    end = text.find("\n", para)
    marks: list[int] = []
    states: list[bool] = []
    inside = False
    for m in _QUOTE_MARK_RE.finditer(text, para, len(text) if end < 0 else end):
        mark = m.group()
        inside = mark == "“" or (mark == '"' and not inside)
        marks.append(m.start())
        states.append(inside)
    return marks, states


_QUOTE_MARK_RE = re.compile("[“”\"]")


def _before_more_of_a_phrase(nxt: Token | None) -> bool:
    """The word after is a capital or a head noun: the phrase goes on past
    this word ("the council leader", "the House majority")."""
    return nxt is not None and nxt.is_word and (nxt.is_cap or nxt.lower in _IT_HEAD_WORDS
                                                or nxt.lower in TITLES or nxt.lower in ANONYMOUS_HEADS)


def _determined_head(toks: list[Token], quoted: list[bool], first: int, k: int) -> tuple[Span, str] | None:
    """A determiner up to ``_IT_MODIFIERS`` words before the head at
    ``toks[k]``, opening a subject phrase: the phrase and the kind its head
    names. None when the phrase says where a source spoke ("In a statement,
    it said") or is a verb's object ("issued a statement warning that ...
    it pointed out")."""
    t = toks[k]
    for j in range(k - 1, max(first - 1, k - 2 - _IT_MODIFIERS), -1):
        if not toks[j].is_word or quoted[j]:
            return None
        if toks[j].lower in IT_DETERMINERS:
            if j > 0 and toks[j - 1].lower in CHANNEL_OPENERS:
                return None
            if after_a_verb(toks, j):
                return None
            kind = "document" if t.lower in DOCUMENT_HEADS else "media" if t.lower in MEDIA_HEADS \
                else IT_HEADS.get(t.lower, "organization")
            return Span(toks[j].start, t.end), kind
    return None


def _name_start(toks: list[Token], quoted: list[bool], first: int, k: int) -> int:
    """The first word of the capitalised name ending at ``toks[k]`` (joined
    by "of", "for", ...), past the words that open a clause ("In", "The")."""
    j = k
    while j > first and toks[j - 1].is_word and not quoted[j - 1] and (
        toks[j - 1].is_cap or (toks[j - 1].lower in NAME_JOINERS and j > 1 and toks[j - 2].is_cap)
    ):
        j -= 1
    while j < k and (toks[j].lower in NOT_NAME_LEADS or toks[j].lower in NAME_JOINERS):
        j += 1
    return j


def _named_body(text: str, toks: list[Token], j: int, k: int) -> tuple[Span, str] | None:
    """The name ``toks[j..k]`` and its kind when it reads as an outlet or a
    singular organisation; not a platform where words were posted ("said on
    Twitter that it ...")."""
    t = toks[k]
    channel = text[toks[j].start : t.end].lower() in PLATFORMS or (j > 0 and toks[j - 1].lower in ("on", "via"))
    if toks[j].lower in NOT_NAME_LEADS or channel:
        return None
    span = Span(toks[j].start, t.end)
    kind = classify(text, span).kind
    if j == k and t.lower in IT_HEADS:
        return span, IT_HEADS[t.lower]  # "How true Scripture is when it declares"
    if kind == "media" or (kind == "organization" and not plural_word(t.lower)):
        return span, kind
    return None


def phrase_ends_before(nxt: Token | None) -> bool:
    """A noun phrase's head may stand before ``nxt``: punctuation, a verb
    ("the motion begins", "the majority voted") or a function word."""
    if nxt is None or not nxt.is_word:
        return True
    return nxt.lower in _AFTER_HEAD or nxt.lower.endswith(("ed", "s"))


def after_a_verb(toks: list[Token], j: int) -> bool:
    """The phrase opening at token ``j`` follows a lower-case word that is
    no preposition, conjunction or clause opener: most likely a verb whose
    object it is ("the Commission issued a statement"). "it" stands for the
    subject more often than for an object."""
    if j == 0 or not toks[j - 1].is_word or toks[j - 1].is_cap:
        return False
    return toks[j - 1].lower not in _BEFORE_PHRASE


def plural_word(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def quoted_tokens(toks: list[Token], inside: bool = False) -> list[bool]:
    """Which tokens stand inside quotation marks (curly or straight);
    ``inside``: whether the first token starts inside them."""
    out: list[bool] = []
    for t in toks:
        if t.text in _QUOTE_MARKS:
            inside = t.text == "“" or (t.text == '"' and not inside)
            out.append(True)
            continue
        out.append(inside)
    return out

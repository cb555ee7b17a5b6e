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
from functools import lru_cache

from ..pipeline.doc import Span
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
    best = _nearest_credited_body(text, entries, lo, at)
    phrase = it_noun_phrase(text, lo, at)
    if phrase is not None and (best is None or best[0].start < lo or phrase[0].end > best[0].end):
        span, kind = phrase
        # The phrase may already be a source ("A London borough ... voted").
        idx = next((k for k, e in enumerate(entries) if e.merged_into is None
                    and e.kind not in PERSON_KINDS
                    and any(m.end == span.end for m in e.mentions | set(e.names))), None)
        if idx is None:
            idx = find_or_add(text, entries, span, kind)
        entries[idx].mentions.add(mention)
        return idx
    if best is None:
        return None
    entries[best[1]].mentions.add(mention)
    return best[1]


def _nearest_credited_body(text: str, entries: list[Entry], lo: int, at: int) -> tuple[Span, int] | None:
    """The credited mention of a body ending last before ``at``, in the
    previous sentence or the last ``_IT_WINDOW`` characters, and its entry."""
    best: tuple[Span, int] | None = None
    for idx, e in enumerate(entries):
        if not it_candidate(text, e):
            continue
        for m in e.mentions | set(e.names):
            if min(lo, at - _IT_WINDOW) <= m.start and m.end <= at and (best is None or m.end > best[0].end):
                best = (m, idx)
    return best


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

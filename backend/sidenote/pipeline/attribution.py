"""The attribution stage: who is credited with what.

Fills ``Doc.sources`` (ids "s1", "s2", ... in order of first mention),
``Doc.attributions`` and ``Quote.source`` for direct quotes whose speaker is
found. Reads ``Doc.sentences`` and ``Doc.quotes``: the sentences and quotes
stages run first (its contract in ``pipeline/__init__.py``); a Doc they have
not been through has no sentences to read, and nothing is credited.

The stage reads each sentence for credits (``attribution.patterns``), keeps
those that credit someone, resolves each source phrase to a source
(``attribution.coreference``), carries credit across sentences and
paragraphs, and builds the sources. The learned tagger's spans, when it is
switched on, are read by ``attribution.tagger``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urlsplit

from ..attribution import model
from ..attribution.coreference import merge_roles, resolve, scan_mentions
from ..attribution.patterns import POLL_WORDS, Credit, find_credits, title_case
from ..attribution.sources import Entry, classify, find_or_add, name_key, platform_at
from ..attribution.tagger import by_sentence, plausible_cue, plausible_source, resolve_tagged, source_phrase
from ..attribution.text import Token, tokenize
from ..attribution.words import (
    AFFILIATION_WORDS,
    ALL_CUE_VERBS,
    CHANNEL_OPENERS,
    DETERMINERS,
    FIND_FORMS,
    NAME_END_PREPOSITIONS,
    NOT_SOURCES,
    OUTLET_NAME_FORMS,
    PLATFORM_HOSTS,
    PLATFORMS,
    SELF_WORDS,
    SPEAK_VERBS,
    STATEMENT_VERBS,
)
from ..doc import Attribution, Doc, Link, Quote, Sentence, Source, Span
from ..intervals import Intervals
from .nearby import DirectQuotes, NearbyQuotes, direct_quotes

# A sentence is read only if one of these words is in it (an outlet's name
# too: "The New York Times made these allegations"). A set lookup over
# its words: a regex alternation of every cue verb grew slow with the list.
# Title-case forms too: a headline's verbs are capitalised ("Trump Says ...",
# "Another GOP Figure Endorses Clinton").
_CUE_WORDS = (
    ALL_CUE_VERBS | {w.capitalize() for w in ALL_CUE_VERBS} | POLL_WORDS | {"according", "According"}
    | OUTLET_NAME_FORMS | STATEMENT_VERBS | SPEAK_VERBS  # ("released the following statement:", "spoke of")
)
# A sentence opening "To Sexton, ..." or "For most Democrats, ..." may give a view.
_VIEW_OPENERS = ("To ", "For ")
# How far into a sentence a colon makes it a speaker label to read ("PENCE: ...").
_LABEL_REACH = 40
_WORD_RE = re.compile(r"\w+")
# A phrase led by these is not a source: the writer or reader, or a
# relative "that" ("bottles that said ..."); on PolNeAR train fewer than one
# in five such credits is a gold source.
_NOT_SOURCE_LEAD = SELF_WORDS | {"that"}
# Kinds of source a platform the sentence names makes a social-media account.
_ACCOUNT_KINDS = ("person", "organization", "social_media", "anonymous")
# How many blocks back a paragraph of continued quotation may look for its speaker.
_CONTINUE_BLOCKS = 1
# "16 pm A journalist announced": a dateline's clock time run into the sentence.
_CLOCK_TIME_RE = re.compile(r"(?:\d{1,2}:)?\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)\s+", re.IGNORECASE)
_REFLEXIVE_RE = re.compile(r"\s+(?:himself|herself|itself|themselves)\b")
# How far after its cue a platform still says where the words were posted
# ("wrote about it on Twitter", "suggested in a subsequent tweet").
_CHANNEL_AFTER_CUE = 5


# The learned tagger raises PolNeAR source recall a little. Unfiltered, about
# half the sources it added on real news pages were not sources ("The", "July
# 10", "Never", "The book"); its phrases and cues now pass plausible_source /
# plausible_cue, and on the 134 extraction pages about four in five of the
# 22 it still adds read as sources. It stays off because it costs several ms
# per page (more than the stage itself) for a gain of ~0.015 F1 on PolNeAR
# train; `make eval` still measures it.
USE_TAGGER = False


class _Found(NamedTuple):
    """A credit kept from a sentence, with what the sentence says of it."""

    credit: Credit
    channel: tuple[str, Span] | None  # the platform it was said on, and where it is named
    headline: bool  # the sentence is a title-case headline


def attribute(doc: Doc) -> Doc:
    """The rules (and the learned tagger, when switched on) on ``doc``."""
    return _attribute(doc, learned=USE_TAGGER)


def attribute_with_tagger(doc: Doc) -> Doc:
    """The rules, then the learned tagger for sources the rules missed."""
    return _attribute(doc, learned=True)


def attribute_rules(doc: Doc) -> Doc:
    """The rules alone: what the tagger reads as features (training, eval)."""
    return _attribute(doc, learned=False)


def _attribute(doc: Doc, learned: bool) -> Doc:
    text = doc.text
    sentences, quotes = doc.sentences, doc.quotes
    # Indexed once: the rules ask of these for every credit (issue #15).
    direct = DirectQuotes(q for q in quotes if q.kind == "direct")
    nearby = NearbyQuotes(quotes)
    found = [f for sent in sentences if _may_credit(text, sent) for f in _credits_in(text, sent, nearby, direct)]
    entries: list[Entry] = []
    cue_channels: dict[int, list[Span]] = {}
    credited = _resolved(text, found, entries, cue_channels)
    _relay_chains(entries, credited)
    credited = merge_roles(text, entries, credited)
    credited += _continued_paragraphs(text, doc, credited, direct)
    if learned:
        credited += _tagged(text, sentences, entries, credited)
    scan_mentions(text, entries)
    return _build(doc, text, entries, credited, cue_channels)


def _may_credit(text: str, sent: Sentence) -> bool:
    """Most sentences credit no one: only those with a cue word, a colon
    near the start or a viewpoint opener are read."""
    words = _WORD_RE.findall(text, sent.start, sent.end)
    return not _CUE_WORDS.isdisjoint(words) or ":" in text[sent.start : sent.start + _LABEL_REACH] \
        or text.startswith(_VIEW_OPENERS, sent.start)


def _credits_in(text: str, sent: Sentence, quotes: NearbyQuotes, direct: list[Quote]) -> list[_Found]:
    """The credits of one sentence that credit someone."""
    stoks = tokenize(text, sent.start, sent.end)
    out: list[_Found] = []
    # The rules read only the quotes near their sentence (nearby.py): not
    # every quote of the article for every cue.
    for c in find_credits(text, stoks, Span(sent.start, sent.end), quotes.around(sent.start, sent.end)):
        kept = _kept(text, c, direct)
        if kept is not None:
            out.append(_Found(kept, _sentence_channel(stoks, kept, direct), title_case(stoks)))
    return out


def _kept(text: str, c: Credit, direct: list[Quote]) -> Credit | None:
    """``c`` (its source phrase past a clock time) when it credits someone;
    None for the credits that do not."""
    if c.cue and _inside_quote(c.cue, direct) and not (
        text[c.cue.start : c.cue.end] == ":" and direct_quotes(direct).starts_at(c.mention.start)
    ):
        # A credit inside quoted words is the speaker's, not the outlet's;
        # only a transcript line ("“PENCE: ...”") opens its quote with a
        # speaker. A cue verb there ("“Anna Cole said ...,” Rob Lane
        # wrote") is the quoted speaker's words: on PolNeAR train, 135
        # such credits were kept and none was a gold source.
        return None
    if c.content.start == c.content.end or _lead_word(text, c.mention) in _NOT_SOURCE_LEAD:
        return None
    c = _past_clock_time(text, c)
    if text[c.name.start : c.name.end].strip().lower() in NOT_SOURCES or _not_a_credit(text, c):
        return None
    if c.cue and text[c.cue.start : c.cue.end] == ":" and not _named_elsewhere(text, c):
        return None  # "Contributing: ...", "Twitter: ...": a label, not a speaker
    return c


def _resolved(
    text: str, found: list[_Found], entries: list[Entry], cue_channels: dict[int, list[Span]]
) -> list[tuple[int, Credit]]:
    """Each credit with the index of the entry its source phrase names
    (entries are added as new sources appear); a platform the credit names
    makes its source a social-media account (``cue_channels``: where)."""
    credited: list[tuple[int, Credit]] = []
    recent: list[int] = []
    for c, chan, headline in found:
        idx = resolve(text, c, entries, recent, headline)
        if idx is None:
            continue
        e = entries[idx]
        if c.description and not e.description:
            e.description = c.description
        channel = _phrase_channel(text, c, chan)
        if channel and e.kind in _ACCOUNT_KINDS:
            e.kind, e.channel = "social_media", channel[0]
            cue_channels.setdefault(idx, []).append(channel[1])
        if c.listener is not None:
            _relayed_by_listener(text, c.listener, idx, entries)
        credited.append((idx, c))
        recent.append(idx)
    return credited


def _phrase_channel(text: str, c: Credit, chan: tuple[str, Span] | None) -> tuple[str, Span] | None:
    """The platform the source phrase names ("Shehabi's Twitter account"),
    else the one the sentence names."""
    ph = classify(text, c.name)
    if ph.channel and ph.channel_span:
        return ph.channel, ph.channel_span
    return chan


def _relayed_by_listener(text: str, listener: Span, idx: int, entries: list[Entry]) -> None:
    """"told RT": an outlet that heard the words relays the source."""
    lst = classify(text, listener)
    if lst.kind != "media":
        return
    li = find_or_add(text, entries, lst.name, "media")
    entries[li].mentions.add(lst.name)
    if li != idx:
        entries[idx].relayed_by = li


# (eval_attribution_nn.py rebuilds this function from its source, with one
# condition dropped, over this module's names: keep it here, named so.)
def _tagged(
    text: str, sentences: tuple[Sentence, ...], entries: list[Entry],
    credited: list[tuple[int, Credit]],
) -> list[tuple[int, Credit]]:
    """Credits the learned tagger finds where the rules found no source: a
    tagged source phrase with a tagged cue in its sentence and tagged content
    in or next to that sentence."""
    rule_view = tuple(
        Attribution("", c.content, c.cue, c.mention if c.cue else None) for _, c in credited
    )
    starts = [s.start for s in sentences]
    spans = model.tag(text, starts, rule_view)
    if not spans["Source"]:
        return []
    taken = [c.mention for _, c in credited] + [c.name for _, c in credited]
    # A sentence the rules read is theirs: the tagger's extra phrases there
    # are mostly pieces of what the rules already credited.
    ruled = {bisect.bisect_right(starts, c.cue.start) - 1 for _, c in credited if c.cue}
    cues_by = by_sentence(starts, spans["Cue"])
    contents = spans["Content"]
    out: list[tuple[int, Credit]] = []
    for tagged in spans["Source"]:
        k = bisect.bisect_right(starts, tagged.start) - 1
        if k < 0 or k in ruled:
            continue
        sent = sentences[k]
        src = source_phrase(text, sent, tagged)
        if src is None or any(src.overlaps(t) for t in taken):
            continue
        if not plausible_source(text, src):
            continue
        cues = [c for c in cues_by.get(k, []) if not c.overlaps(src)]
        if not cues:
            continue
        cue = min(cues, key=lambda c: abs(c.start - src.end) if c.start >= src.end
                  else abs(src.start - c.end) + 20)
        if not plausible_cue(text, cue, src):
            continue
        near = [c for c in contents if c.start < sent.end + 1 and sent.start < c.end + 1
                and not c.overlaps(src)]
        if not near:
            continue
        content = min(near, key=lambda c: min(abs(c.start - cue.end), abs(cue.start - c.end)))
        idx = resolve_tagged(text, src, entries, credited + out)
        if idx is None:
            continue
        out.append((idx, Credit(src, src, None, cue, content)))
        taken.append(src)
    return out


def _past_clock_time(text: str, c: Credit) -> Credit:
    """The credit with a leading clock time cut off its source phrase."""
    m = _CLOCK_TIME_RE.match(text, c.name.start)
    if m is None or m.end() >= c.name.end:
        return c
    start = m.end()

    def cut(span: Span) -> Span:
        return Span(start, span.end) if span.start <= start < span.end else span
    return replace(c, name=cut(c.name), mention=cut(c.mention), phrase=None if c.phrase is None else cut(c.phrase))


def _not_a_credit(text: str, c: Credit) -> bool:
    """Phrases the credit finder takes for a source and a cue that are
    neither: a name ending in a preposition ("the men in charge") or a cue
    turned on its subject ("Sentiment ... finds himself"). A capitalised one
    next to its cue may be a surname ("“...,” From said")."""
    words = text[c.name.start : c.name.end].split()  # (whole words: "Moon Jae-in")
    if words and words[-1] in NAME_END_PREPOSITIONS:
        return True
    if len(words) == 1 and words[0].lower() in NAME_END_PREPOSITIONS and c.cue is not None \
            and text[c.name.end : c.cue.start].strip():
        return True  # "To keep up morale, the staff ... describing": not "From said"
    return c.cue is not None and text[c.cue.start : c.cue.end].lower() in FIND_FORMS \
        and _REFLEXIVE_RE.match(text, c.cue.end) is not None


def _lead_word(text: str, span: Span) -> str:
    """The first word of a phrase, lower-cased ("I don’t" -> "i"); an
    acronym stays as it is ("US officials" is not "us")."""
    m = _WORD_RE.search(text, span.start, span.end)
    if not m:
        return ""
    word = m.group()
    return word if len(word) > 1 and word.isupper() else word.lower()


def _named_elsewhere(text: str, c: Credit) -> bool:
    """A "NAME: words" line counts only when the article names NAME again
    (PENCE: ... / Mike Pence) and NAME is not a platform."""
    name = text[c.name.start : c.name.end]
    last = name.split()[-1]
    if name.lower() in PLATFORMS or last.lower() in PLATFORMS:
        return False
    pattern = re.compile(r"\b" + re.escape(last) + r"\b", re.IGNORECASE)
    own = c.name.end - len(last)
    if _ASCII_WORD.fullmatch(last):
        # A whole ASCII word matches \bLAST\b exactly where a word of the text
        # is LAST in any case: counted once per text, not searched per label
        # (quadratic on a transcript of "NAME: ..." lines).
        return _word_counts(text).get(last.lower(), 0) - (1 if pattern.match(text, own) else 0) > 0
    return any(m.start() != own for m in pattern.finditer(text))


_ASCII_WORD = re.compile(r"\w+", re.ASCII)


@lru_cache(maxsize=2)
def _word_counts(text: str) -> dict[str, int]:
    """How often each word (\\w+, lower-cased) occurs in ``text``."""
    counts: dict[str, int] = {}
    for m in _WORD_RE.finditer(text):
        w = m.group().lower()
        counts[w] = counts.get(w, 0) + 1
    return counts


def _inside_quote(span: Span, direct: list[Quote]) -> bool:
    return direct_quotes(direct).any_containing(span.start, span.end)


def _sentence_channel(
    stoks: list[Token], c: Credit, direct: list[Quote]
) -> tuple[str, Span] | None:
    """The platform the sentence says the source spoke on: the cue itself
    ("tweeted"), a platform just after it ("wrote on Twitter"), or an opening
    phrase before the source ("In another tweet, Shehabi ..."). Not a platform
    elsewhere in the sentence ("Although the White House has said that
    Trump's tweets are official, his lawyer responded"), nor the platform as
    the source itself ("Instagram declined to say") or as an employer ("a
    spokesperson for Instagram"): that is the company."""
    cue_k = next((k for k, t in enumerate(stoks) if c.cue is not None and t.start == c.cue.start), None)
    # The opening phrase runs to the first comma, and the source follows it.
    comma = next((k for k, t in enumerate(stoks) if t.text == ","), None)
    opening_end = comma if (
        comma is not None and stoks[0].lower in CHANNEL_OPENERS
        and comma + 1 < len(stoks) and stoks[comma + 1].start == c.mention.start
    ) else 0
    for k, t in enumerate(stoks):
        if c.content.start <= t.start < c.content.end or c.mention.start <= t.start < c.mention.end:
            continue
        if k > 0 and stoks[k - 1].lower in AFFILIATION_WORDS:
            continue
        near_cue = cue_k is not None and cue_k <= k <= cue_k + _CHANNEL_AFTER_CUE
        if not near_cue and k >= opening_end:
            continue
        ch = platform_at(stoks, k)
        if ch and not _inside_quote(Span(t.start, t.end), direct):
            return ch, Span(t.start, t.end)
    return None


def _relay_chains(entries: list[Entry], credited: list[tuple[int, Credit]]) -> None:
    """RT reporting that the ministry announced X: the ministry is relayed by RT."""
    for outer_idx, outer in credited:
        if entries[outer_idx].kind != "media":
            continue
        for inner_idx, inner in credited:
            if inner_idx == outer_idx or inner.cue is None:
                continue
            if outer.content.start <= inner.cue.start and inner.cue.end <= outer.content.end:
                if entries[inner_idx].relayed_by is None:
                    entries[inner_idx].relayed_by = outer_idx


def _continued_paragraphs(
    text: str, doc: Doc, credited: list[tuple[int, Credit]], direct: list[Quote]
) -> list[tuple[int, Credit]]:
    """A paragraph that opens with a quote and names no one continues the
    quotation of the previous paragraph's speaker."""
    blocks = doc.article.blocks
    if not blocks:
        return []
    bstarts = [b.start for b in blocks]
    speaker_by_block: dict[int, int] = {}
    covered: list[Span] = [c.content for _, c in credited]
    # Indexed, not scanned per credit and per quote (issue #15).
    quoted = direct_quotes(direct)
    covered_at = Intervals(covered, lambda s: (s.start, s.end))
    for idx, c in credited:
        if quoted.any_overlapping(c.content.start, c.content.end):
            speaker_by_block[bisect.bisect_right(bstarts, c.content.start) - 1] = idx
    out: list[tuple[int, Credit]] = []
    for q in direct:
        qs = Span(q.start, q.end)
        if covered_at.any_overlapping(qs.start, qs.end):
            continue
        b = bisect.bisect_right(bstarts, q.outer_start) - 1
        # (words before the quote in its block: found from the block's first
        # non-space character, not by slicing the block for every quote)
        if b < 0 or _first_word_at(text, blocks[b].start) < q.outer_start:
            continue
        for back in range(1, _CONTINUE_BLOCKS + 1):
            if b - back in speaker_by_block:
                idx = speaker_by_block[b - back]
                out.append((idx, Credit(qs, qs, None, None, qs)))
                speaker_by_block[b] = idx
                break
    return out


_NON_SPACE_RE = re.compile(r"\S")


def _first_word_at(text: str, start: int) -> int:
    """Where the first non-space character at or after ``start`` is."""
    m = _NON_SPACE_RE.search(text, start)
    return m.start() if m else len(text)


def _display_name(text: str, e: Entry) -> str:
    if e.kind in ("anonymous", "document"):
        return text[e.names[0].start : e.names[0].end]
    spans = list(e.names) + [m for m in e.mentions if text[m.start : m.end][:1].isupper()]
    best = max(spans, key=lambda s: (len(name_key(text, s)), -s.start))
    toks = tokenize(text, best.start, best.end)
    while len(toks) > 1 and toks[0].lower in DETERMINERS:
        toks = toks[1:]
    return text[toks[0].start : toks[-1].end]


def _platform_links(doc: Doc) -> Intervals[tuple[int, Link]]:
    """The article's links to a platform, numbered in reading order and
    indexed by their words' span: looked up per source, not scanned."""
    found: list[tuple[int, Link]] = []
    for b in doc.article.blocks:
        for link in b.links:
            host = (urlsplit(link.href).hostname or "").lower().removeprefix("www.")
            if host in PLATFORM_HOSTS:
                found.append((len(found), link))
    return Intervals(found, lambda nl: (nl[1].start, nl[1].end))


def _source_url(links: Intervals[tuple[int, Link]], spans: list[Span]) -> str | None:
    """The first platform link (in reading order) on any of ``spans``."""
    hits = [hit for s in spans for hit in links.overlapping(s.start, s.end)[:1]]
    return min(hits, key=lambda nl: nl[0])[1].href if hits else None


def _build(
    doc: Doc, text: str, entries: list[Entry], credited: list[tuple[int, Credit]],
    cue_channels: dict[int, list[Span]],
) -> Doc:
    used = sorted({idx for idx, _ in credited}
                  | {e.relayed_by for e in entries if e.relayed_by is not None})
    first = {idx: min(entries[idx].mentions or set(entries[idx].names), key=lambda s: s.start).start
             for idx in used}
    order = sorted(used, key=lambda i: first[i])
    ids = {idx: f"s{n + 1}" for n, idx in enumerate(order)}
    cues: dict[int, list[Span]] = {}
    for j, c in credited:
        if c.cue:
            cues.setdefault(j, []).append(c.cue)
    sources: list[Source] = []
    platform_links = _platform_links(doc)
    for idx in order:
        e = entries[idx]
        spans = list(e.mentions) + cue_channels.get(idx, [])
        spans += cues.get(idx, [])
        sources.append(Source(
            id=ids[idx],
            name=_display_name(text, e),
            kind=e.kind,  # type: ignore[arg-type]
            description=e.description,
            channel=e.channel,
            url=_source_url(platform_links, spans),
            mentions=tuple(sorted(e.mentions, key=lambda s: (s.start, s.end))),
            relayed_by=ids.get(e.relayed_by) if e.relayed_by is not None else None,
        ))
    attributions = tuple(
        Attribution(source=ids[idx], content=c.content, cue=c.cue,
                    source_span=(c.phrase or c.mention) if c.cue else None)
        for idx, c in sorted(credited, key=lambda ic: (ic[1].content.start, ic[1].content.end))
    )
    by_content = Intervals(attributions, lambda a: (a.content.start, a.content.end))
    quotes = tuple(_credit_quote(q, by_content) for q in doc.quotes)
    return replace(doc, sources=tuple(sources), attributions=attributions, quotes=quotes)


def _credit_quote(q: Quote, attributions: Intervals[Attribution]) -> Quote:
    if q.kind != "direct" or q.source is not None:
        return q
    inner = Span(q.start, q.end)
    # The credit closest to the quoted words is the speaker's: "According to
    # the Daily Wire, Omar tweeted: “...”" credits the outlet with the whole
    # clause ("Omar tweeted" included) and Omar with the quote alone.
    crediting = attributions.overlapping(inner.start, inner.end)
    if not crediting:
        return q

    def fit(a: Attribution) -> tuple[int, int]:
        outside = max(0, inner.start - a.content.start) + max(0, a.content.end - inner.end)
        shared = min(a.content.end, inner.end) - max(a.content.start, inner.start)
        return outside, -shared

    return replace(q, source=min(crediting, key=fit).source)

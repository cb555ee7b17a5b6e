"""The attribution stage: who is credited with what.

Fills ``Doc.sources`` (ids "s1", "s2", ... in order of first mention),
``Doc.attributions`` and ``Quote.source`` for direct quotes whose speaker is
found. Uses ``Doc.sentences``/``Doc.quotes`` when the earlier stages filled
them, and crude spans of its own otherwise.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from urllib.parse import urlsplit

from ..attribution import model
from ..attribution.phrases import POLL_WORDS, Credit, find_credits, title_case
from ..attribution.sources import (
    Entry,
    classify,
    name_key,
    platform_at,
    role_match,
    same_named,
    surname,
    title_of,
    titles_held,
)
from ..attribution.text import Token, find_quotes, split_sentences, tokenize
from ..attribution.words import (
    ALL_CUE_VERBS, ANONYMOUS_HEADS, AUXILIARIES, CLAUSE_STOPS, CUE_VERBS, DETERMINERS,
    DOCUMENT_HEADS, FINITE, IT_HEADS, MEDIA_HEADS, MONTHS, NAME_JOINERS, NOT_SOURCES, ORG_WORDS,
    OUTLET_NAME_FORMS, PLATFORM_HOSTS, PLATFORMS, PRONOUNS,
    SPEAK_VERBS, STATEMENT_VERBS, TITLES, WEEKDAYS,
)
from .doc import Attribution, Doc, Quote, Sentence, Source, Span

# A sentence is read only if one of these words is in it (an outlet's name
# too: "The New York Times made these allegations"). A set lookup over
# its words: a regex alternation of every cue verb grew slow with the list.
# Title-case forms too: a headline's verbs are capitalised ("Trump Says ...",
# "Another GOP Figure Endorses Clinton").
_CUE_WORDS = ALL_CUE_VERBS | {w.capitalize() for w in ALL_CUE_VERBS} | POLL_WORDS | {
    "according", "According"} | OUTLET_NAME_FORMS | STATEMENT_VERBS | SPEAK_VERBS  # ("released the following statement:", "spoke of")
# A sentence opening "To Sexton, ..." or "For most Democrats, ..." may give a view.
_VIEW_OPENERS = ("To ", "For ")
_WORD_RE = re.compile(r"\w+")
# Runs of capitalised words joined by "of", "for", "in"...: candidate names.
_CAP = r"[A-Z][\w’'‘&-]*"  # ("Al-‘Ayesh": a transliterated ayin)
_NAME_RE = re.compile(
    _CAP + r"(?:(?:[ \t]+(?:" + "|".join(sorted(NAME_JOINERS - {"and"})) + r"))*[ \t]+" + _CAP + r")*"
)
_THE_NOUN_RE = re.compile(r"\bthe[ \t]+([a-z]+)\b")
_PERSONS = ("person", "social_media")
_GROUPS = ("organization", "media", "anonymous", "document")
# First and second person: the writer or the reader, never a credited source.
_SELF = frozenset("i me my we us our you your".split())
# A phrase led by these is not a source: the writer or reader (_SELF), or a
# relative "that" ("bottles that said ..."); on PolNeAR train fewer than one
# in five such credits is a gold source.
_NOT_SOURCE_LEAD = _SELF | {"that"}
# Words a source phrase may follow: "and", a preposition before the clause...
_LEFT_EDGES = frozenset("and but as while that when because after before since if so "
                        "though although where then".split())
# How many blocks back a paragraph of continued quotation may look for its speaker.
_CONTINUE_BLOCKS = 1


# The learned tagger raises PolNeAR source recall a little. Unfiltered, about
# half the sources it added on real news pages were not sources ("The", "July
# 10", "Never", "The book"); its phrases and cues now pass _plausible_source /
# _plausible_cue, and on the 134 extraction pages about four in five of the
# 22 it still adds read as sources. It stays off because it costs several ms
# per page (more than the stage itself) for a gain of ~0.015 F1 on PolNeAR
# train; `make eval` still measures it.
USE_TAGGER = False


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
    blocks = tuple((b.start, b.end) for b in doc.article.blocks) or ((0, len(text)),)
    sentences = doc.sentences or split_sentences(text, blocks)
    quotes = doc.quotes or find_quotes(text)
    direct = [q for q in quotes if q.kind == "direct"]

    found: list[tuple[Credit, Sentence, tuple[str, Span] | None, bool]] = []
    for sent in sentences:
        # Most sentences credit no one: only those with a cue word are read.
        words = _WORD_RE.findall(text, sent.start, sent.end)
        if _CUE_WORDS.isdisjoint(words) and ":" not in text[sent.start : sent.start + 40] \
                and not text.startswith(_VIEW_OPENERS, sent.start):
            continue
        stoks = tokenize(text, sent.start, sent.end)
        for c in find_credits(text, stoks, Span(sent.start, sent.end), quotes):
            # A credit inside quoted words is the speaker's, not the outlet's;
            # only a transcript line ("“PENCE: ...”") opens its quote with a
            # speaker. A cue verb there ("“Anna Cole said ...,” Rob Lane
            # wrote") is the quoted speaker's words: on PolNeAR train, 135
            # such credits were kept and none was a gold source.
            if c.cue and _inside_quote(c.cue, direct) and not (
                text[c.cue.start : c.cue.end] == ":"
                and any(q.start == c.mention.start for q in direct)
            ):
                continue
            if c.content.start == c.content.end:
                continue
            if _lead_word(text, c.mention) in _NOT_SOURCE_LEAD:
                continue
            c = _past_clock_time(text, c)
            if text[c.name.start : c.name.end].strip().lower() in NOT_SOURCES:
                continue
            if _not_a_credit(text, c):
                continue
            if c.cue and text[c.cue.start : c.cue.end] == ":" and not _named_elsewhere(text, c):
                continue  # "Contributing: ...", "Twitter: ...": a label, not a speaker
            found.append((c, sent, _sentence_channel(stoks, c, direct), title_case(stoks)))

    entries: list[Entry] = []
    credited: list[tuple[int, Credit]] = []
    cue_channels: dict[int, list[Span]] = {}
    recent: list[int] = []
    for c, _sent, chan, headline in found:
        idx = _resolve(text, c, entries, recent, headline)
        if idx is None:
            continue
        e = entries[idx]
        if c.description and not e.description:
            e.description = c.description
        ph_channel = chan
        ph = classify(text, c.name)
        if ph.channel and ph.channel_span:
            ph_channel = (ph.channel, ph.channel_span)
        if ph_channel and e.kind in ("person", "organization", "social_media", "anonymous"):
            e.kind, e.channel = "social_media", ph_channel[0]
            cue_channels.setdefault(idx, []).append(ph_channel[1])
        if c.listener is not None:
            lst = classify(text, c.listener)
            if lst.kind == "media":
                li = _find_or_add(text, entries, lst.name, "media")
                entries[li].mentions.add(lst.name)
                if li != idx:
                    e.relayed_by = li
        credited.append((idx, c))
        recent.append(idx)

    _relay_chains(entries, credited)
    credited = _merge_roles(text, entries, credited)
    credited += _continued_paragraphs(text, doc, credited, direct)
    if learned:
        credited += _tagged(text, sentences, entries, credited)
    _scan_mentions(text, entries)
    return _build(doc, text, entries, credited, cue_channels, quotes)


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
    cues_by = _by_sentence(starts, spans["Cue"])
    contents = spans["Content"]
    out: list[tuple[int, Credit]] = []
    for tagged in spans["Source"]:
        k = bisect.bisect_right(starts, tagged.start) - 1
        if k < 0 or k in ruled:
            continue
        sent = sentences[k]
        src = _source_phrase(text, sent, tagged)
        if src is None or any(src.overlaps(t) for t in taken):
            continue
        if not _plausible_source(text, src):
            continue
        cues = [c for c in cues_by.get(k, []) if not c.overlaps(src)]
        if not cues:
            continue
        cue = min(cues, key=lambda c: abs(c.start - src.end) if c.start >= src.end
                  else abs(src.start - c.end) + 20)
        if not _plausible_cue(text, cue, src):
            continue
        near = [c for c in contents if c.start < sent.end + 1 and sent.start < c.end + 1
                and not c.overlaps(src)]
        if not near:
            continue
        content = min(near, key=lambda c: min(abs(c.start - cue.end), abs(cue.start - c.end)))
        idx = _resolve_tagged(text, src, entries, credited + out)
        if idx is None:
            continue
        out.append((idx, Credit(src, src, None, cue, content)))
        taken.append(src)
    return out


def _source_phrase(text: str, sent: Sentence, tagged: Span) -> Span | None:
    """The tagged phrase widened to the whole name it ends ("Defense" ->
    "the Russian Ministry of Defense"); None unless it starts like a noun
    phrase (a capital, a determiner, a third-person pronoun)."""
    toks = tokenize(text, max(sent.start, tagged.start - 120), tagged.end)
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
    if first.lower in _SELF:
        return None  # the writer or the reader, not a credited source
    if not (first.is_cap or first.lower in DETERMINERS or first.lower in PRONOUNS):
        return None
    if j > 0 and first.is_cap and j == at and toks[j - 1].is_word and not toks[j - 1].is_cap \
            and toks[j - 1].lower not in _LEFT_EDGES:
        return None  # "tweet, Shehabi" after a lower-case word: a piece of a clause
    return Span(first.start, tagged.end)


# Capitalised words that are never a source on their own.
_CALENDAR = MONTHS | WEEKDAYS


_NEXT_CAP_RE = re.compile(r"[ \t]+[A-Z][a-z]")
_RELATIVE_ENDS = frozenset("who whom whose which that".split())
# Auxiliaries that make the verb after them passive ("was admitted", "are said").
_SHOW_VERBS = frozenset("show shows showed shown".split())
_PASSIVE_AUX = frozenset("is are was were be been being".split())


def _plausible_cue(text: str, cue: Span, src: Span) -> bool:
    """A tagged cue is kept only when it holds a verb the rules know as a cue
    ("has since said", "still bemoans"), not in the passive ("are said to
    be"). On news pages the tagger's other cues were acts that credit no
    view ("was admitted to", "opted instead"). "showed" needs a written
    source, as in the rules ("the other 28 people have showed no signs")."""
    toks = [t for t in tokenize(text, cue.start, cue.end) if t.is_word]
    for k, t in enumerate(toks):
        if t.lower in ALL_CUE_VERBS or t.lower == "according":
            if k > 0 and toks[k - 1].lower in _PASSIVE_AUX:
                return False
            if t.lower in _SHOW_VERBS:
                head = _WORD_RE.findall(text, src.start, src.end)[-1:]
                return bool(head) and head[0].lower() in DOCUMENT_HEADS
            return True
    return False


def _plausible_source(text: str, span: Span) -> bool:
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
    if any(w in _SELF or "'" in w or "’" in w for w in low):
        return False  # "We’ve", "Schiff’s", "I": not a third party's name
    head, last = low[-1], toks[-1]
    if head in _RELATIVE_ENDS:
        return False  # "Cam Heyward, who": cut inside a relative clause
    if head in ANONYMOUS_HEADS or head in DOCUMENT_HEADS or head in ORG_WORDS:
        return low[0] in DETERMINERS or toks[0].is_cap
    if not last.is_cap or head in _CALENDAR or last.text[:1].isdigit():
        return False
    if low[0] in _LEFT_EDGES:
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


def _by_sentence(starts: list[int], spans: list[Span]) -> dict[int, list[Span]]:
    out: dict[int, list[Span]] = {}
    for sp in spans:
        out.setdefault(bisect.bisect_right(starts, sp.start) - 1, []).append(sp)
    return out


def _resolve_tagged(
    text: str, span: Span, entries: list[Entry], credited: list[tuple[int, Credit]]
) -> int | None:
    """Like _resolve, but a pronoun takes the nearest compatible source
    credited BEFORE it in the text (the tagger's credits come out of order)."""
    ph = classify(text, span)
    if ph.kind.startswith("pronoun:"):
        want = _PERSONS if ph.kind.endswith("person") else _GROUPS
        before = [(c.mention.start, idx) for idx, c in credited
                  if c.mention.start < span.start and entries[idx].kind in want
                  and entries[idx].merged_into is None]
        if not before:
            return None
        idx = max(before)[1]
        entries[idx].mentions.add(span)
        return idx
    idx = _find_or_add(text, entries, ph.name, ph.kind)
    entries[idx].mentions.add(span)
    return idx


# "16 pm A journalist announced": a dateline's clock time run into the sentence.
_CLOCK_TIME_RE = re.compile(r"(?:\d{1,2}:)?\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)\s+", re.IGNORECASE)
# A source's name ending in a preposition was cut inside a phrase ("the men in
# charge": "charge" is a noun there, not a cue).
_PREPOSITIONS = frozenset("in of for at on to with by from into".split())
# "finds himself standing": "find" turned on its own subject credits nothing
# (unlike a stance, "distanced himself from the plan").
_FIND_FORMS = frozenset("find finds found finding".split())
_REFLEXIVE_RE = re.compile(r"\s+(?:himself|herself|itself|themselves)\b")


def _past_clock_time(text: str, c: Credit) -> Credit:
    """The credit with a leading clock time cut off its source phrase."""
    m = _CLOCK_TIME_RE.match(text, c.name.start)
    if m is None or m.end() >= c.name.end:
        return c
    start = m.end()

    def cut(span: Span | None) -> Span | None:
        return Span(start, span.end) if span is not None and span.start <= start < span.end else span
    return replace(c, name=cut(c.name), mention=cut(c.mention), phrase=cut(c.phrase))


def _not_a_credit(text: str, c: Credit) -> bool:
    """Phrases the credit finder takes for a source and a cue that are
    neither: a name ending in a preposition ("the men in charge") or a cue
    turned on its subject ("Sentiment ... finds himself"). A capitalised one
    next to its cue may be a surname ("“...,” From said")."""
    words = text[c.name.start : c.name.end].split()  # (whole words: "Moon Jae-in")
    if words and words[-1] in _PREPOSITIONS:
        return True
    if len(words) == 1 and words[0].lower() in _PREPOSITIONS and c.cue is not None \
            and text[c.name.end : c.cue.start].strip():
        return True  # "To keep up morale, the staff ... describing": not "From said"
    return c.cue is not None and text[c.cue.start : c.cue.end].lower() in _FIND_FORMS \
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
    return any(m.start() != c.name.end - len(last) for m in pattern.finditer(text))


def _inside_quote(span: Span, direct: list[Quote]) -> bool:
    return any(q.start <= span.start and span.end <= q.end for q in direct)


# "a spokesperson for Instagram", "an engineer at Facebook".
_AFFILIATION_WORDS = frozenset("for at of from".split())


# How far after its cue a platform still says where the words were posted
# ("wrote about it on Twitter", "suggested in a subsequent tweet").
_CHANNEL_AFTER_CUE = 5
# A sentence opening with these and a platform says where the source spoke
# ("In another tweet, Shehabi ...", "On Telegram, the ministry ...").
_CHANNEL_OPENERS = frozenset("in on via through".split())


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
        comma is not None and stoks[0].lower in _CHANNEL_OPENERS
        and comma + 1 < len(stoks) and stoks[comma + 1].start == c.mention.start
    ) else 0
    for k, t in enumerate(stoks):
        if c.content.start <= t.start < c.content.end or c.mention.start <= t.start < c.mention.end:
            continue
        if k > 0 and stoks[k - 1].lower in _AFFILIATION_WORDS:
            continue
        near_cue = cue_k is not None and cue_k <= k <= cue_k + _CHANNEL_AFTER_CUE
        if not near_cue and k >= opening_end:
            continue
        ch = platform_at(stoks, k)
        if ch and not _inside_quote(Span(t.start, t.end), direct):
            return ch, Span(t.start, t.end)
    return None


def _resolve(
    text: str, c: Credit, entries: list[Entry], recent: list[int], headline: bool = False
) -> int | None:
    ph = classify(text, c.name)
    if headline and ph.kind in ("person", "anonymous") and _common_noun_capitalised(text, c.name):
        # A headline's "Muslim Cleric: ...": title case capitalises a role the
        # article writes in lower case ("a Kuwaiti cleric"). The article names
        # that person below; a card calling him "an unnamed source" or
        # "Muslim Cleric" would be wrong, so the headline credits no one.
        return None
    if ph.kind.startswith("pronoun:"):
        if text[c.mention.start : c.mention.end].lower() == "it":
            return _resolve_it(text, c.mention, entries)
        want = _PERSONS if ph.kind.endswith("person") else _GROUPS
        for idx in reversed(recent):
            if entries[idx].kind in want:
                entries[idx].mentions.add(c.mention)
                return idx
        # No credited source to stand for: "she" may still name the person
        # the article last named ("Fiorina was upfront... “...,” she said").
        if ph.kind.endswith("person"):
            ante = _antecedent(text, c.mention.start)
            if ante is not None and not _common_noun_capitalised(text, ante):
                # (not a headline's role, "Muslim Cleric", which names no one)
                idx = next((k for k, e in enumerate(entries) if ante in e.names), None)
                if idx is None:
                    idx = _find_or_add(text, entries, ante, "person")
                entries[idx].mentions.add(c.mention)
                return idx
        elif text[c.mention.start : c.mention.end].lower() == "they":
            # "Senate Democrats blocked the bill because they said ...": a
            # plural name just before stands for "they".
            group = _group_antecedent(text, c.mention.start)
            if group is not None:
                idx = _find_or_add(text, entries, group, "organization")
                entries[idx].mentions.add(c.mention)
                return idx
        return None
    idx = _find_or_add(text, entries, ph.name, ph.kind)
    mention = c.mention if ph.name == c.name else ph.name
    entries[idx].mentions.add(mention)
    if not c.mention.contains(c.name) and ph.name == c.name:
        entries[idx].mentions.add(c.name)  # "Trump, who said": both stand for him
    return idx


# Kinds of source "it" may stand for: a body or a text, never a person nor a
# phrase typed anonymous only because nothing else fitted ("Obama in the call").
_IT_KINDS = ("organization", "media", "document")
# How far back (characters) "it" looks for a credited body when its own and
# the previous sentence name none.
_IT_WINDOW = 800
# Determiners that open a noun phrase "it" may stand for, and how many
# modifiers may stand between one and its head ("the new House majority").
_IT_DETERMINERS = frozenset("the a an this that its".split())
_IT_MODIFIERS = 3
_IT_HEAD_WORDS = ORG_WORDS | DOCUMENT_HEADS | MEDIA_HEADS | frozenset(IT_HEADS)


def _it_candidate(text: str, e: Entry) -> bool:
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
    return any(h and h[0].lower() in _IT_HEAD_WORDS and not _plural_word(h[0].lower()) for h in heads)


def _resolve_it(text: str, mention: Span, entries: list[Entry]) -> int | None:
    """The source a credited "it" stands for. The most recent credited source
    of any group kind was wrong too often ("the new House majority did not,
    as it promised" went to "Obama in the call", credited a paragraph
    before), so "it" takes the nearest singular organisation or document
    in its own or the previous sentence, named ("Southern New Hampshire
    University") or not ("the motion"), or already credited there (an
    earlier "it"); failing that, the nearest credited body in the last
    ``_IT_WINDOW`` characters; failing that, no one."""
    at = mention.start
    lo = _previous_sentence_start(text, at)
    best: tuple[Span, int] | None = None  # the nearest credited mention, its entry
    for idx, e in enumerate(entries):
        if not _it_candidate(text, e):
            continue
        for m in e.mentions | set(e.names):
            if min(lo, at - _IT_WINDOW) <= m.start and m.end <= at and (best is None or m.end > best[0].end):
                best = (m, idx)
    phrase = _it_noun_phrase(text, lo, at)
    if phrase is not None and (best is None or best[0].start < lo or phrase[0].end > best[0].end):
        span, kind = phrase
        # The phrase may already be a source ("A London borough ... voted").
        idx = next((k for k, e in enumerate(entries) if e.merged_into is None
                    and e.kind not in _PERSONS
                    and any(m.end == span.end for m in e.mentions | set(e.names))), None)
        if idx is None:
            idx = _find_or_add(text, entries, span, kind)
        entries[idx].mentions.add(mention)
        return idx
    if best is None:
        return None
    entries[best[1]].mentions.add(mention)
    return best[1]


def _previous_sentence_start(text: str, at: int) -> int:
    """Where the sentence before the one holding ``at`` starts."""
    lo = max(0, at - _ANTECEDENT_WINDOW)
    ends = [e for e in _SENTENCE_END_RE.finditer(text, lo, at)
            if not (e.group(1) or "")[:1].isupper() or len(e.group(1) or "") > 3]
    return ends[-2].end() if len(ends) >= 2 else lo


def _it_noun_phrase(text: str, lo: int, at: int) -> tuple[Span, str] | None:
    """The last singular organisation or document phrase between ``lo`` and
    ``at``, outside quotation marks, with the kind it names: a determiner
    and a head noun ("the motion", "the new House majority") or a name that
    reads as an organisation or outlet. Not a possessive ("INSIDER's
    request"), a plural ("Democrats") nor a role ("the council leader")."""
    # Quotation marks are counted from the paragraph's start: ``lo`` may
    # fall inside a quote the sentence splitter cut at a full stop.
    para = text.rfind("\n", 0, lo) + 1
    toks = tokenize(text, para, at)
    quoted = _quoted_tokens(toks)
    first = next((j for j, t in enumerate(toks) if t.start >= lo), len(toks))
    k = len(toks) - 1
    while k >= first:
        t = toks[k]
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if quoted[k] or not t.is_word or "'" in t.text or "’" in t.text or (
            nxt is not None and nxt.is_word and (nxt.is_cap or nxt.lower in _IT_HEAD_WORDS
                                                 or nxt.lower in TITLES or nxt.lower in ANONYMOUS_HEADS)
        ):
            k -= 1
            continue
        if t.lower in _IT_HEAD_WORDS and not t.is_cap and not _plural_word(t.lower) \
                and t.lower not in _RELATIVE_ENDS \
                and _phrase_ends_before(nxt):
            for j in range(k - 1, max(first - 1, k - 2 - _IT_MODIFIERS), -1):
                if not toks[j].is_word or quoted[j]:
                    break
                if toks[j].lower in _IT_DETERMINERS:
                    if j > 0 and toks[j - 1].lower in _CHANNEL_OPENERS:
                        break  # "In a statement, it said": where it spoke, not who
                    if _after_a_verb(toks, j):
                        break  # "issued a statement warning that ... it pointed out"
                    kind = "document" if t.lower in DOCUMENT_HEADS else "media" if t.lower in MEDIA_HEADS \
                        else IT_HEADS.get(t.lower, "organization")
                    return Span(toks[j].start, t.end), kind
        elif t.is_cap:
            j = k
            while j > first and toks[j - 1].is_word and not quoted[j - 1] and (
                toks[j - 1].is_cap or (toks[j - 1].lower in NAME_JOINERS and j > 1 and toks[j - 2].is_cap)
            ):
                j -= 1
            while j < k and (toks[j].lower in _NOT_NAME_LEADS or toks[j].lower in NAME_JOINERS):
                j += 1
            channel = text[toks[j].start : t.end].lower() in PLATFORMS or (
                j > 0 and toks[j - 1].lower in ("on", "via"))
            if toks[j].lower not in _NOT_NAME_LEADS and not channel:
                # (not "said on Twitter that it ...": a platform, not who spoke)
                span = Span(toks[j].start, t.end)
                kind = classify(text, span).kind
                if j == k and t.lower in IT_HEADS:
                    return span, IT_HEADS[t.lower]  # "How true Scripture is when it declares"
                if kind == "media" or (kind == "organization" and not _plural_word(t.lower)):
                    return span, kind
            k = j
        k -= 1
    return None


# Words that may follow a noun phrase's head: a verb's auxiliary, a clause's
# or preposition's first word. Another word there is most often a second
# noun ("a majority vote", "the council leader"), whose phrase is not a body.
_PHRASE_PREPOSITIONS = frozenset("to at by with from about against into".split())
_AFTER_HEAD = AUXILIARIES | FINITE | CLAUSE_STOPS | ALL_CUE_VERBS | NAME_JOINERS | _PHRASE_PREPOSITIONS
# Lower-case words a subject phrase may follow: a clause's first word or a
# preposition. Another word there is most often a verb, and the phrase its object.
_BEFORE_PHRASE = CLAUSE_STOPS | NAME_JOINERS | _LEFT_EDGES | _PHRASE_PREPOSITIONS


def _phrase_ends_before(nxt: Token | None) -> bool:
    """A noun phrase's head may stand before ``nxt``: punctuation, a verb
    ("the motion begins", "the majority voted") or a function word."""
    if nxt is None or not nxt.is_word:
        return True
    return nxt.lower in _AFTER_HEAD or nxt.lower.endswith(("ed", "s"))


def _after_a_verb(toks: list[Token], j: int) -> bool:
    """The phrase opening at token ``j`` follows a lower-case word that is
    no preposition, conjunction or clause opener: most likely a verb whose
    object it is ("the Commission issued a statement"). "it" stands for the
    subject more often than for an object."""
    if j == 0 or not toks[j - 1].is_word or toks[j - 1].is_cap:
        return False
    w = toks[j - 1].lower
    return w not in _BEFORE_PHRASE


def _plural_word(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _quoted_tokens(toks: list[Token]) -> list[bool]:
    """Which tokens stand inside quotation marks (curly or straight)."""
    out, inside = [], False
    for t in toks:
        if t.text in ("“", "”", '"'):
            inside = t.text == "“" or (t.text == '"' and not inside)
            out.append(True)
            continue
        out.append(inside)
    return out


# Most words of a headline's capitalised role ("Muslim Cleric", "Top Anchor").
_MAX_ROLE_WORDS = 3


def _common_noun_capitalised(text: str, name: Span) -> bool:
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


# How far back (characters) a pronoun looks for a person named in the text.
_ANTECEDENT_WINDOW = 600
# Capitalised words that open a sentence or clause without being a name.
_NOT_NAME_LEADS = DETERMINERS | _LEFT_EDGES | frozenset(
    "in on at for with by from to of during under over about it he she they this "
    "there here what who how why yes no now".split()
)


# How far back (characters) "they" looks for a plural name.
_GROUP_WINDOW = 250


def _group_antecedent(text: str, at: int) -> Span | None:
    """The last plural name ("Senate Democrats", "Republicans") that reads
    as a person or an organisation in the ``_GROUP_WINDOW`` characters
    before ``at``, or None."""
    lo = max(0, at - _GROUP_WINDOW)
    for m in reversed(list(_NAME_RE.finditer(text, lo, at))):
        toks = [t for t in tokenize(text, m.start(), m.end()) if t.is_word]
        while toks and toks[0].lower in _NOT_NAME_LEADS:
            toks = toks[1:]
        if not toks:
            continue
        last = toks[-1].lower
        if len(last) < 4 or not last.endswith("s") or last.endswith(("ss", "'s", "’s")) \
                or last in _CALENDAR or any(t.lower in NOT_SOURCES for t in toks):
            continue
        if classify(text, Span(toks[0].start, toks[-1].end)).kind not in ("person", "organization"):
            continue
        return Span(toks[0].start, toks[-1].end)
    return None


def _antecedent(text: str, at: int) -> Span | None:
    """The last full name of a person (two capitalised words or more, no
    organisation word) in the ``_ANTECEDENT_WINDOW`` characters before ``at``."""
    opener = _sentence_subject(text, at)
    if opener is not None:
        return opener
    # Nearest first: most pronouns find their name in the sentence before.
    for m in reversed(list(_NAME_RE.finditer(text, max(0, at - _ANTECEDENT_WINDOW), at))):
        if " " not in m.group():
            continue  # one word: a sentence's first word, or a surname we cannot place
        if _quoted_name(text, m.start(), m.end()):
            continue  # “Bad Tobin”: a nickname the sentence quotes, not the person
        toks = [t for t in tokenize(text, m.start(), m.end()) if t.is_word]
        while toks and toks[0].lower in _NOT_NAME_LEADS:
            toks = toks[1:]
        if len(toks) < 2 or any(t.lower in ORG_WORDS or t.lower in NAME_JOINERS for t in toks):
            continue
        span = Span(toks[0].start, toks[-1].end)
        if classify(text, span).kind == "person":
            return span
    return None


# A sentence's end before a pronoun: a stop after a lower-case word or a
# closing mark ("Sen. Barack Obama" is no end), or a line break.
_SENTENCE_END_RE = re.compile(r"(\w*)[.!?][\"”’)]*\s+|\n")
# Words that open a clause inside the sentence: "got an earful when he
# tweeted" is about the sentence's subject.
_SUBORDINATE_LEADS = frozenset("when as while because after before since until although though once".split())


def _quoted_name(text: str, start: int, end: int) -> bool:
    """The name stands alone inside quotation marks (a nickname, a title)."""
    return text[start - 1 : start] in ("“", '"', "‘") and text[end : end + 1] in ("”", '"', "’")


def _sentence_subject(text: str, at: int) -> Span | None:
    """The full name of a person that opens the pronoun's own sentence, when
    the pronoun opens a clause inside it: "Bishop Thomas Tobin of Providence, nicknamed the “Good Tobin” in
    contrast to Joseph Tobin of Newark, got an earful when he tweeted" is
    about the bishop, not the last name before "he". A place after "of"
    ("of Providence") is left out of the name."""
    lead = text[max(0, at - 20) : at].split()[-1:]
    if not lead or lead[0].lower() not in _SUBORDINATE_LEADS:
        return None
    ends = [e for e in _SENTENCE_END_RE.finditer(text, max(0, at - _ANTECEDENT_WINDOW), at)
            if not (e.group(1) or "")[:1].isupper()]
    if not ends:
        return None
    start = ends[-1].end()
    m = _NAME_RE.match(text, start)
    if m is None or m.end() >= at:
        return None
    follow = text[m.end() : m.end() + 3].lstrip()[:1]
    if not (follow == "," or follow.islower()):
        return None  # a headline's run of capitals ("The Photo That Never Saw The Light of Day:")
    toks = [t for t in tokenize(text, m.start(), m.end()) if t.is_word]
    while toks and toks[0].lower in _NOT_NAME_LEADS:
        toks = toks[1:]
    joiner = next((k for k, t in enumerate(toks) if t.lower in NAME_JOINERS), len(toks))
    toks = toks[:joiner]
    if len(toks) < 2 or any(t.lower in ORG_WORDS for t in toks):
        return None
    span = Span(toks[0].start, toks[-1].end)
    return span if classify(text, span).kind == "person" else None


# How many of the most recent sources a new mention is compared with. An
# article names far fewer; the bound keeps a pathological text (thousands of
# "officials said") linear instead of quadratic.
_LOOKBACK = 200


def _find_or_add(text: str, entries: list[Entry], name: Span, kind: str) -> int:
    for idx in range(len(entries) - 1, max(-1, len(entries) - 1 - _LOOKBACK), -1):
        e = entries[idx]
        if e.merged_into is None and same_named(text, e, name, kind):
            if name not in e.names:
                e.names.append(name)
            return idx
    entries.append(Entry(kind=kind, names=[name]))
    return len(entries) - 1


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


def _merge_roles(
    text: str, entries: list[Entry], credited: list[tuple[int, Credit]]
) -> list[tuple[int, Credit]]:
    """"one Syrian MP" is Fares Shehabi when exactly one source is described
    as a member of the Syrian parliament; "the president" is President Donald
    Trump when he is the one source with that title in its name or
    description."""
    # Only described people can match a role: find them once, not per role.
    described = [j for j, o in enumerate(entries) if o.description and o.kind in ("person", "social_media")]
    titled: dict[int, frozenset[str]] | None = None
    for idx, e in enumerate(entries):
        if len(e.names) != 1:
            continue
        title = title_of(text, e.names[0])
        # "The president suggested in a tweet": a bare title typed by its platform.
        if e.kind != "anonymous" and not (e.kind == "social_media" and title is not None):
            continue
        matches = [j for j in described
                   if j != idx and entries[j].merged_into is None and role_match(text, e.names[0], entries[j])]
        if matches:
            title = None
        if title is not None:
            # "the president" is President Donald Trump when he is the one
            # person the article gives that title.
            if titled is None:
                titled = {j: titles_held(text, o) for j, o in enumerate(entries)}
            matches = [j for j, held in titled.items()
                       if j != idx and entries[j].merged_into is None and title in held]
        if len(matches) == 1:
            target = entries[matches[0]]
            target.mentions |= e.mentions
            if e.channel and not target.channel:
                target.kind, target.channel = "social_media", e.channel
                target.url = target.url or e.url
            e.merged_into = matches[0]
    out = []
    for idx, c in credited:
        while entries[idx].merged_into is not None:
            idx = entries[idx].merged_into  # type: ignore[assignment]
        out.append((idx, c))
    return out


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
    for idx, c in credited:
        if any(c.content.overlaps(Span(q.start, q.end)) for q in direct):
            speaker_by_block[bisect.bisect_right(bstarts, c.content.start) - 1] = idx
    out: list[tuple[int, Credit]] = []
    for q in direct:
        qs = Span(q.start, q.end)
        if any(qs.overlaps(s) for s in covered):
            continue
        b = bisect.bisect_right(bstarts, q.outer_start) - 1
        if b < 0 or text[blocks[b].start : q.outer_start].strip():
            continue
        for back in range(1, _CONTINUE_BLOCKS + 1):
            if b - back in speaker_by_block:
                idx = speaker_by_block[b - back]
                out.append((idx, Credit(qs, qs, None, None, qs)))
                speaker_by_block[b] = idx
                break
    return out


def _scan_mentions(text: str, entries: list[Entry]) -> None:
    """Every other place the article names a known source: surnames, the name
    in another word order, "the center" for the only center we know."""
    live = [(i, e) for i, e in enumerate(entries) if e.merged_into is None]
    named = [(i, e) for i, e in live if e.kind in ("person", "social_media", "organization", "media")]
    keys = {i: [name_key(text, n) for n in e.names] for i, e in named}
    surnames = {i: {surname(text, n) for n in e.names} - {None}
                for i, e in named if e.kind in _PERSONS}
    taken = bytearray(len(text))  # 1 where a mention already is
    for _, e in live:
        for m in e.mentions:
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    for m in _NAME_RE.finditer(text):
        chunk = Span(m.start(), m.end())
        if 1 in taken[chunk.start : chunk.end]:
            continue
        key = name_key(text, chunk)
        if not key:
            continue
        hits = [i for i, _ in named if key in keys[i]
                or (len(key) == 1 and next(iter(key)) in surnames.get(i, set()))]
        if len(hits) == 1:
            entries[hits[0]].mentions.add(chunk)
            taken[chunk.start : chunk.end] = b"\x01" * (chunk.end - chunk.start)
    orgs = [(i, e) for i, e in named if e.kind == "organization"]
    if not orgs:
        return
    for m in _THE_NOUN_RE.finditer(text):
        head = m.group(1)
        if head not in ORG_WORDS:
            continue
        span = Span(m.start(), m.end())
        if 1 in taken[span.start : span.end]:
            continue
        hits = [i for i, _ in orgs if any(head in kk for kk in keys[i])]
        if len(hits) == 1:
            entries[hits[0]].mentions.add(span)
            taken[span.start : span.end] = b"\x01" * (span.end - span.start)


def _display_name(text: str, e: Entry) -> str:
    if e.kind in ("anonymous", "document"):
        return text[e.names[0].start : e.names[0].end]
    spans = list(e.names) + [m for m in e.mentions if text[m.start : m.end][:1].isupper()]
    best = max(spans, key=lambda s: (len(name_key(text, s)), -s.start))
    toks = tokenize(text, best.start, best.end)
    while len(toks) > 1 and toks[0].lower in DETERMINERS:
        toks = toks[1:]
    return text[toks[0].start : toks[-1].end]


def _source_url(doc: Doc, spans: list[Span]) -> str | None:
    for b in doc.article.blocks:
        for link in b.links:
            ls = Span(link.start, link.end)
            if not any(ls.overlaps(s) for s in spans):
                continue
            host = (urlsplit(link.href).hostname or "").lower().removeprefix("www.")
            if host in PLATFORM_HOSTS:
                return link.href
    return None


def _build(
    doc: Doc, text: str, entries: list[Entry], credited: list[tuple[int, Credit]],
    cue_channels: dict[int, list[Span]], quotes: tuple[Quote, ...],
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
            url=_source_url(doc, spans),
            mentions=tuple(sorted(e.mentions, key=lambda s: (s.start, s.end))),
            relayed_by=ids.get(e.relayed_by) if e.relayed_by is not None else None,
        ))
    attributions = tuple(
        Attribution(source=ids[idx], content=c.content, cue=c.cue,
                    source_span=(c.phrase or c.mention) if c.cue else None)
        for idx, c in sorted(credited, key=lambda ic: (ic[1].content.start, ic[1].content.end))
    )
    new_quotes = tuple(_credit_quote(q, attributions) for q in (doc.quotes or ()))
    return replace(doc, sources=tuple(sources), attributions=attributions,
                   quotes=new_quotes if doc.quotes else doc.quotes)


def _credit_quote(q: Quote, attributions: tuple[Attribution, ...]) -> Quote:
    if q.kind != "direct" or q.source is not None:
        return q
    inner = Span(q.start, q.end)
    # The credit closest to the quoted words is the speaker's: "According to
    # the Daily Wire, Omar tweeted: “...”" credits the outlet with the whole
    # clause ("Omar tweeted" included) and Omar with the quote alone.
    crediting = [a for a in attributions if a.content.overlaps(inner)]
    if not crediting:
        return q

    def fit(a: Attribution) -> tuple[int, int]:
        outside = max(0, inner.start - a.content.start) + max(0, a.content.end - inner.end)
        shared = min(a.content.end, inner.end) - max(a.content.start, inner.start)
        return outside, -shared

    return replace(q, source=min(crediting, key=fit).source)

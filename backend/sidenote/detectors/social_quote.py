"""``unverified_social_quote``: words quoted from a post the reader cannot reach.

A direct quotation is "social" only where the article says it was posted:
the platform is named in the sentence that carries it (and not as someone
else's post: "Omar's tweet came after “...”, reports the library"), or in a lead-in
sentence just before a bare "she said" ("Lew shared the experience on
Facebook. “...,” wrote Lew.", "Above the posting, Zakkout wrote"), or its
speaker is a source the article introduces through its account (unless the
quote's sentence says the words were spoken elsewhere, "according to NBC").
Someone who posted once is otherwise a person speaking. A paragraph that only runs on from a post's
quoted words gets no card of its own: one card for the post is enough.

It is checkable when the page embeds a post of that platform with the same
words (or the source's own picture post), carries the words beside the
post's own address (a flattened embed's ``pic.twitter.com/…``), or links to
one specific post (a ``/status/`` or ``/posts/`` address, not a profile)
from the quote's paragraph or from the mention that credits it
(``social_quote_posts``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from functools import cached_property

from ..anchor import make_anchor, make_evidence
from ..attribution.names import prose_name
from ..attribution.words import NAMING_WORDS, PRONOUNS, WEEKDAYS
from ..doc import Attribution, Card, Doc, Evidence, Quote, Source, Span
from ..intervals import Intervals
from ..lexicon import load_words
from ..platforms import channel_in, display_name, find_platform_names, introduced_on_platform, post_platform
from ..text import content_words
from .social_quote_posts import NAME_WORD, AddressedCopies, Embeds
from .social_quote_speech import (
    GAP_WORD,
    WHERE_POSTED,
    credited_as_said,
    credited_in_another_clause,
    known_only_as_poster,
    said_elsewhere_than,
    spoken_elsewhere,
)

# More lower-case words than this (beyond name particles) and a source's
# "name" is a run-in headline or sentence, not a name or a short description
# ("Taliban spokesman Zabihullah Mujahid" has one).
MAX_LOWER_WORDS = 2


class _Index:
    """One Doc's look-ups, built once per :func:`detect`: which mentions,
    quotes and attributions lie at a place, which embeds and post links a
    platform has. Asking each quote's questions of every mention, quote,
    attribution or block was quadratic (issue #15: over a second of a
    request's three on a hostile text with 1,754 quotes in 68 sentences,
    one source mentioned at each); these answer them by bisection, in the
    order the scans gave, so the cards are the same."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sources = {s.id: s for s in doc.sources}
        self._own: dict[int, tuple[list[int], list[tuple[int, Span]]]] = {}
        self._memo: dict[tuple[str, int, str | None], object] = {}
        self._block_posts: dict[int, frozenset[str | None]] = {}
        self._embeds: dict[str, Embeds] = {}
        self._platform_names: dict[int, list[tuple[int, int, str]]] = {}

    # Each look-up is built when first asked: most pages have no quote
    # that gets this far.
    @cached_property
    def mentions(self) -> Intervals[tuple[Span, Source]]:
        return Intervals(self._pairs, lambda p: (p[0].start, p[0].end))

    @cached_property
    def _pairs(self) -> list[tuple[Span, Source]]:
        return [(m, s) for s in self.doc.sources for m in s.mentions]

    @cached_property
    def _by_start(self) -> tuple[list[int], list[tuple[Span, Source]]]:
        ranked = sorted(self._pairs, key=lambda p: p[0].start)  # (stable: ties keep source order)
        return [m.start for m, _ in ranked], ranked

    @cached_property
    def quotes(self) -> Intervals[Quote]:
        return Intervals(self.doc.quotes, lambda q: (q.start, q.end))

    @cached_property
    def attributions(self) -> Intervals[Attribution]:
        return Intervals(self.doc.attributions, lambda a: (a.content.start, a.content.end))

    def mentions_starting(self, lo: int, hi: int) -> list[tuple[Span, Source]]:
        """Every (mention, source) with ``lo <= mention.start < hi``."""
        starts, ranked = self._by_start
        return ranked[bisect_left(starts, lo) : bisect_left(starts, hi)]

    def own_mentions(self, source: Source, lo: int, hi: int, *, hi_inclusive: bool = False) -> Iterator[Span]:
        """The mentions of ``source`` that start in ``[lo, hi)`` (``[lo, hi]``
        with ``hi_inclusive``), by start, one at a time (so that ``any``
        stops at the first that does)."""
        own = self._own.get(id(source))
        if own is None:
            ranked = sorted(enumerate(source.mentions), key=lambda km: km[1].start)
            own = self._own[id(source)] = ([m.start for _, m in ranked], ranked)
        starts, ranked = own
        j = bisect_right(starts, hi) if hi_inclusive else bisect_left(starts, hi)
        return (ranked[k][1] for k in range(bisect_left(starts, lo), j))

    def own_mentions_in_order(self, source: Source, lo: int, hi: int, *, hi_inclusive: bool = False) -> list[Span]:
        """:meth:`own_mentions` in the order of ``source.mentions``."""
        self.own_mentions(source, lo, hi)  # (builds the source's index)
        starts, ranked = self._own[id(source)]
        j = bisect_right(starts, hi) if hi_inclusive else bisect_left(starts, hi)
        return [m for _, m in sorted(ranked[bisect_left(starts, lo) : j], key=lambda km: km[0])]

    def platform_names(self, sentence: int) -> list[tuple[int, int, str]]:
        """find_platform_names over sentence ``sentence``, once per sentence."""
        found = self._platform_names.get(sentence)
        if found is None:
            s = self.doc.sentences[sentence]
            found = self._platform_names[sentence] = find_platform_names(self.doc.text, s.start, s.end)
        return found

    def memo(self, what: str, source: Source, platform: str | None, compute: Callable[[], object]) -> object:
        """``compute()`` once per question about one source in this Doc."""
        key = (what, id(source), platform)
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def block_post_platforms(self, i: int) -> frozenset[str | None]:
        """The platforms of the posts block ``i`` links to (None for a link
        to no single post)."""
        found = self._block_posts.get(i)
        if found is None:
            found = self._block_posts[i] = frozenset(
                post_platform(link.href) for link in self.doc.article.blocks[i].links
            )
        return found

    @cached_property
    def addressed_copies(self) -> AddressedCopies:
        return AddressedCopies(self.doc)

    def embeds(self, platform: str) -> Embeds:
        found = self._embeds.get(platform)
        if found is None:
            found = self._embeds[platform] = Embeds(self.doc, platform)
        return found


def _platform_near(
    idx: _Index, span: Span, outside: Span | None = None, keep: Callable[[Span], bool] | None = None
) -> tuple[str, Span] | None:
    """A platform named in the sentence holding ``span``, not inside
    ``outside`` (the quoted words) and not as a speaker's own name
    ("Twitter said it would act" is the company, not a post) unless that
    speaker is an account on it ("one user on Weibo posted")."""
    i = idx.doc.sentence_index(span.start)
    if i is None:
        return None
    for start, end, platform in idx.platform_names(i):
        where = Span(start, end)
        if outside is not None and outside.contains(where):
            continue
        if keep is not None and not keep(where):
            continue
        if _part_of_a_name(idx, where, platform) or _the_company(idx.doc.text, where):
            continue
        return platform, where
    return None


_NEXT_WORD = re.compile(r"(['’]s\b)?\s*([\w-]*)")
_LAST_WORD = re.compile(r"([\w-]+)\s+$")


def _the_company(text: str, where: Span) -> bool:
    """The platform's name names the company, not where words were posted:
    its possessive ("Twitter's director of political ad sales"), a role or
    business word after it ("the LinkedIn chief executive", "Facebook
    executives") or a verb of owning or running before it ("run LinkedIn as
    a fully independent entity")."""
    after = _NEXT_WORD.match(text, where.end)
    if after is not None and (after.group(1) or after.group(2).lower() in load_words("social_quote/company_words.txt")):
        return True
    before = _LAST_WORD.search(text, max(0, where.start - 30), where.start)
    return before is not None and before.group(1).lower() in load_words("social_quote/company_verbs.txt")


def _part_of_a_name(idx: _Index, where: Span, platform: str) -> bool:
    """The platform word is in a source's name ("Twitter said it would act"
    is the company), unless that source is an account on it ("one user on
    Weibo posted")."""
    return any(
        not _is_account_on_memo(idx, src, platform) for _, src in idx.mentions.overlapping(where.start, where.end)
    )


def _inside_quoted_words(idx: _Index, where: Span) -> bool:
    return idx.quotes.any_containing(where.start, where.end)


def _channel_evidence(idx: _Index, source: Source) -> Span | None:
    """Where the article first ties ``source`` to its platform (the same
    for every quote of the source: computed once)."""

    def first() -> Span | None:
        for mention in source.mentions:
            found = _platform_near(idx, mention)
            if found and found[0] == source.channel:
                return found[1]
        return None

    return idx.memo("channel_evidence", source, None, first)  # type: ignore[return-value]


# "the people we still call “the good bishops”": the writer's own naming
# (a first- or second-person subject, up to one adverb between), or "so-called".
_WRITERS_NAMING = re.compile(r"(?:\b(?:we|I|you)\s+(?:[a-z]+\s+)?)?([\w-]+)\W*$", re.IGNORECASE)
_WRITERS = ("we", "i", "you")


def _named_by_quote(text: str, quote: Quote) -> bool:
    """The quotation is the writer's name for something ("the people we still
    call “the good bishops”", "the so-called “experts”"), not words anyone
    posted. "the man she called “scum bag of the year”" quotes her post."""
    m = _WRITERS_NAMING.search(text, max(0, quote.outer_start - 40), quote.outer_start)
    if m is None or m.group(1).lower() not in NAMING_WORDS:
        return False
    lead = m.group(0).split(None, 1)[0].lower()
    return m.group(1).lower() == "so-called" or lead in _WRITERS


def _quote_platform(idx: _Index, quote: Quote) -> tuple[str, Span | None] | None:
    doc = idx.doc
    inner = Span(quote.start, quote.end)
    source = idx.sources.get(quote.source or "")

    # "The Twitter exchange marks a twist for Winner, who ... said she takes
    # “full responsibility”": a platform word tied to none of the quote is
    # the sentence's topic, not where these words were posted.
    def tied(where: Span) -> bool:
        return _tied(idx, quote, where, source)

    here = _platform_near(idx, Span(quote.outer_end - 1, quote.outer_end), inner, tied) or _platform_near(
        idx, inner, inner, tied
    )
    if here is not None:
        # "one Weibo commenter said": the platform is in the speaker's own
        # name, and the article gives them nowhere else to speak.
        poster = known_only_as_poster(source) and any(
            src is source for _, src in idx.mentions.overlapping(here[1].start, here[1].end)
        )
        if _someone_elses_post(doc.text, here[1], source):
            return None
        if not poster and (
            said_elsewhere_than(doc, quote, here[1]) or credited_in_another_clause(doc, quote, here[1])
        ):
            return None
        return here
    if source is not None and source.channel and _is_account_on_memo(idx, source, source.channel):
        introduced = idx.memo("introduced", source, None, lambda: introduced_on_platform(doc, source))
        if introduced and not spoken_elsewhere(doc, quote) and (
            not credited_as_said(doc, quote) or known_only_as_poster(source)
        ):
            return source.channel, _channel_evidence(idx, source)
    return _lead_in_platform(idx, quote, source) or _posted_just_before(idx, quote, source)


# Most words between a platform word and what it ties to: the quotation
# itself ("a tweet by Igor Sadikov, an elected representative of students in
# McGill’s faculty of arts, saying: “...”") or the cue that credits it
# ("Trump wrote on Twitter"). A mention of the speaker ties it only when
# next to it ("a tweet from Jon Ralston", "In a tweet, it said"): a speaker
# named inside the sentence's object ("The Twitter exchange marks a twist
# in the story of the linguist") did not post there.
TIE_WORDS = 15
TIE_MENTION_WORDS = 3


def _gap_words(text: str, a: Span, b: Span) -> int:
    """How many words stand between two spans of one sentence."""
    lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
    return len(GAP_WORD.findall(text, lo, hi)) if lo < hi else 0


def _tied(idx: _Index, quote: Quote, where: Span, source: Source | None) -> bool:
    """Whether the platform word at ``where`` is tied to this quotation: near
    the quoted words, the speaker's mention or the cue that credits them, and
    not inside other quoted words ("told CBS’ “Face the Nation”: “Obstruction
    by tweet is not ...”" was said on television)."""
    if _inside_quoted_words(idx, where):
        return False
    doc = idx.doc
    text = doc.text
    if _gap_words(text, where, Span(quote.outer_start, quote.outer_end)) <= TIE_WORDS:
        return True  # (the quote may open in a sentence before the platform's)
    if source is None:
        return False
    i = doc.sentence_index(where.start)
    cues = [
        a.cue for a in idx.attributions.overlapping(quote.start, quote.end)
        if a.source == source.id and a.cue is not None
    ]
    if any(doc.sentence_index(c.start) == i and _gap_words(text, where, c) <= TIE_WORDS for c in cues):
        return True
    if i is None:  # (a platform word outside every sentence: no index for that)
        return any(
            doc.sentence_index(m.start) is None and _gap_words(text, where, m) <= TIE_MENTION_WORDS
            for m in source.mentions
        )
    # A mention in sentence i starts inside it.
    sentence = doc.sentences[i]
    return any(
        doc.sentence_index(m.start) == i and _gap_words(text, where, m) <= TIE_MENTION_WORDS
        for m in idx.own_mentions(source, sentence.start, sentence.end)
    )


# "Omar’s initial tweet": a name's possessive just before the platform word.
_OWNER = re.compile(r"\b([A-Z][\w-]+)['’]s\s+(?:[a-z][\w-]*\s+){0,2}$")


def _someone_elses_post(text: str, platform_word: Span, source: Source | None) -> bool:
    """The platform word names another person's post than the quote's
    source: "Omar’s initial tweet came three days after “...”, reports the
    Jewish Virtual Library" quotes the library, not the tweet."""
    if source is None:
        return False
    owner = _OWNER.search(text, max(0, platform_word.start - 40), platform_word.start)
    return owner is not None and owner.group(1).lower() not in source.name.lower()


# How many sentences back a lead-in may name where the quoted words were
# posted ("Swift posted on Twitter accusing the label. She claimed ... “I just
# want to perform my own music,” she said.").
LEAD_IN_SENTENCES = 2
# "she said.", "Trump wrote.", "the actor added."
BARE_CREDIT_WORDS = 3


def _lead_in_platform(idx: _Index, quote: Quote, source: Source | None) -> tuple[str, Span | None] | None:
    """The platform a sentence just before the quote names for its speaker.
    A quote nobody is credited with counts only when it opens a paragraph
    right after a sentence that names a platform ("In his initial Instagram
    announcement, Van Der Beek noted..." and then the post's words)."""
    doc = idx.doc
    i = doc.sentence_index(quote.outer_start)
    if not i:
        return None
    sentence = doc.sentences[i]
    # Only for a quote that is its sentence ("“...,” she said."): one that
    # says more ("Trump said at a rally") has told where it was said.
    if doc.text[sentence.start : quote.outer_start].strip() or len(
        doc.text[quote.outer_end : sentence.end].split()
    ) > BARE_CREDIT_WORDS:
        return None
    if source is None:
        if doc.block_index(quote.outer_start) == doc.block_index(doc.sentences[i - 1].start):
            return None
        return _platform_near(idx, Span(doc.sentences[i - 1].start, doc.sentences[i - 1].start))
    if not source.channel or not _is_account_on_memo(idx, source, source.channel):
        return None
    for lead in doc.sentences[max(0, i - LEAD_IN_SENTENCES) : i]:
        where = channel_in(doc, source, lead.start, lead.end)
        if where is None:
            continue
        # It names the speaker ("Swift posted on Twitter accusing Big
        # Machine"), or nobody ("The tweet, along with several others, ...").
        named = {o.id for _, o in idx.mentions_starting(lead.start, lead.end)}
        if source.id in named or not named:
            return source.channel, Span(*where)
    return None


# "He said: “...”", "But O’Gorman added: “...”": a credit this short before
# the quote leaves it as bare as one after it.
_SHORT_LEAD = re.compile(rf"^\s*(?:\S+\s+){{0,{BARE_CREDIT_WORDS - 1}}}\S+[:,]\s*$")
# "Above the posting, Zakkout wrote of Duke, “...”": the sentence points back
# at the post the sentence before named; the credit may then run to one more
# word. (It may follow a run-in title the splitter kept in its sentence:
# "...titled ‘Dr. David Duke Exposes …’ Above the posting, Zakkout wrote".)
_BACK_TO_POST = re.compile(
    r"(?:^|[.!?…][’”\"']?)\s*(?:in|above|below|under|with)\s+(?:the|that|this|his|her|their|its)\s+"
    rf"(?:post|posting|tweet|caption|message)\s*,\s*((?:\S+\s+){{0,{BARE_CREDIT_WORDS}}}\S+[:,])\s*$",
    re.IGNORECASE,
)
# How far a posting verb may stand from the platform's name ("shared the
# experience on Facebook", "hailed the House's vote in a tweet", "publicized on
# his Facebook page"), and how the platform word must be introduced: as where
# the words went ("on", "to", "in a", "via": social_quote_speech.WHERE_POSTED).
# ("Lew tweeted" makes Lew an account, which the lead-in rule above already
# covers.)
POSTING_VERB_WORDS = 5


def _bare_around(doc: Doc, quote: Quote, sentence_start: int, sentence_end: int) -> bool:
    """The quote's sentence is the quote and a bare credit ("“...,” wrote
    Lew.", "He said: “...”", "Above the posting, Zakkout wrote of Duke, “...”")."""
    before = doc.text[sentence_start : quote.outer_start]
    after = doc.text[quote.outer_end : sentence_end]
    if len(after.split()) > BARE_CREDIT_WORDS:
        return False
    if not before.strip():
        return True
    if after.strip(" .!?”\"'"):
        return False
    return bool(_SHORT_LEAD.match(before) or _BACK_TO_POST.search(before))


def _posted_just_before(idx: _Index, quote: Quote, source: Source | None) -> tuple[str, Span | None] | None:
    """The platform the sentence just before names as where the quote's own
    speaker posted, when the quote's sentence is only it and a bare credit:
    "Lew shared the experience on Facebook. “...,” wrote Lew." The speaker
    need not be typed an account: the lead says it posted. The lead must
    name the speaker, put a posting verb of theirs next to the platform, and
    not make it someone else's post ("Trump’s tweets"); the quote's sentence
    must not say the words were spoken elsewhere."""
    if source is None:
        return None
    doc = idx.doc
    i = doc.sentence_index(quote.outer_start)
    if not i:
        return None
    sentence, lead = doc.sentences[i], doc.sentences[i - 1]
    qb, lb = doc.block_index(quote.outer_start), doc.block_index(lead.start)
    if qb is None or lb is None or qb - lb > 1:
        return None
    if qb != lb and doc.text[doc.article.blocks[qb].start : sentence.start].strip():
        return None  # the lead is a paragraph back and the quote's sentence does not open its own
    if not _bare_around(doc, quote, sentence.start, sentence.end) or spoken_elsewhere(doc, quote):
        return None
    text = doc.text
    mentions = [
        m for m in idx.own_mentions_in_order(source, lead.start, lead.end, hi_inclusive=True) if m.end <= lead.end
    ]
    if not mentions:
        return None
    verbs = load_words("social_quote/posting_verbs.txt")
    for start, end, platform in idx.platform_names(i - 1):  # (the lead's)
        where = Span(start, end)
        if _inside_quoted_words(idx, where):
            continue
        if _part_of_a_name(idx, where, platform) or _the_company(text, where):
            continue
        if _someone_elses_post(text, where, source):
            continue
        mention = next((m for m in reversed(mentions) if m.end <= start), None)
        if mention is None or _gap_words(text, mention, where) > TIE_WORDS:
            continue
        if any(
            o is not source and m.end <= start for m, o in idx.mentions_starting(mention.end, start + 1)
        ):
            continue  # "Dershowitz said Trump posted it on Twitter": another poster in between
        if not WHERE_POSTED.search(text, max(mention.end, start - 40), start):
            continue
        between = [w.lower() for w in GAP_WORD.findall(text, mention.end, start)]
        if any(w in verbs for w in between[-(POSTING_VERB_WORDS + 1) :]):
            return platform, where
    return None


def _named_nearby(idx: _Index, quote: Quote, source: Source) -> bool:
    """Whether the quote's sentence or the one before names its source by
    name. Credit carried from paragraphs away, or by a pronoun ("He had
    tweeted"), is right for the attribution stage's purposes but too weak to
    name a poster in a card: "one Weibo commenter said" must not read as a
    post by the official quoted two paragraphs up, and "he" may be another
    man than the one coreference chose. The card then says "a post on X"."""
    doc = idx.doc
    i = doc.sentence_index(quote.outer_start)
    if i is None:
        return False
    lo = doc.sentences[max(0, i - 1)].start
    hi = doc.sentences[i].end
    return any(
        doc.text[m.start : m.end].strip().lower() not in PRONOUNS
        for m in idx.own_mentions(source, lo, hi) if m.end <= hi
    )


def _reads_as_name(name: str) -> bool:
    """Whether a source's name can stand in a card as the poster's name."""
    words = NAME_WORD.findall(name)
    if not any(w[0].isupper() for w in words):
        return False  # "group": a common noun the attribution stage could not resolve
    particles = load_words("social_quote/name_particles.txt")
    if words[0][0].islower() and words[0] not in particles:
        return False  # "her ICE would", "founded One in Four": cut mid-sentence
    if any(w.lower() in WEEKDAYS for w in words):
        return False  # "Trump on Monday morning": the time of the post run into the name
    return sum(1 for w in words if w[0].islower() and w not in particles) <= MAX_LOWER_WORDS


def _is_account_on(source: Source, platform: str) -> bool:
    """``source`` is an account posting on ``platform`` ("one user on
    Weibo"); a source named only by the platform's name is the company
    ("Twitter pledged to take action"), not an account."""
    if source.kind != "social_media" or source.channel != platform:
        return False
    name = source.name.strip()
    return not any(start == 0 and end == len(name) for start, end, _ in find_platform_names(name))


def _is_account_on_memo(idx: _Index, source: Source, platform: str) -> bool:
    return idx.memo("account_on", source, platform, lambda: _is_account_on(source, platform))  # type: ignore[return-value]


def _checkable(idx: _Index, quote: Quote, platform: str, source: Source | None) -> bool:
    doc = idx.doc
    # The quoted words with the post's address beside them, here or in a
    # copy of the post elsewhere on the page.
    words = content_words(doc.text[quote.start : quote.end])
    if idx.addressed_copies.words and idx.addressed_copies.carry(words):
        return True
    # An embed of the platform that carries the quote's words, or the
    # source's own picture post.
    embeds = idx.embeds(platform)
    if embeds.carry(words):
        return True
    if source is not None and embeds.signed_by(source):
        return True
    # A link to a post of the platform from the quote's block ...
    b = doc.block_index(quote.start)
    if b is not None and platform in idx.block_post_platforms(b):
        return True
    if source is None:
        return False
    # ... or from the mention that credits this quote ("Trump tweeted"), not
    # every mention of the source: a link to one of Trump's posts paragraphs
    # away does not check a different post quoted here.
    crediting = [
        a.source_span for a in idx.attributions.overlapping(quote.start, quote.end)
        if a.source == source.id and a.source_span is not None
    ]
    if crediting:
        return any(
            platform in idx.block_post_platforms(i) for m in crediting if (i := doc.block_index(m.start)) is not None
        )
    return platform in idx.memo("linked_posts", source, None, lambda: _linked_posts(idx, source))  # type: ignore[operator]


def _linked_posts(idx: _Index, source: Source) -> frozenset[str | None]:
    """The platforms of the posts linked from any block that mentions ``source``."""
    doc = idx.doc
    blocks = {i for m in source.mentions if (i := doc.block_index(m.start)) is not None}
    return frozenset(p for i in blocks for p in idx.block_post_platforms(i))


def _relaying_outlet(idx: _Index, quote: Quote, source: Source | None) -> Source | None:
    """An outlet credited with the clause that carries the quote around its
    speaker's own credit ("According to Breitbart, in the mother’s post on
    Facebook, ... she called “...”"): the reader has the post only through it."""
    for a in idx.attributions.overlapping(quote.start, quote.end):
        other = idx.sources.get(a.source)
        if other is None or other is source or other.kind != "media":
            continue
        if a.content.start < quote.outer_start:
            return other
    return None


# A title runs to a few words at most ("Midday with Charlie Sykes").
MAX_TITLE_WORDS = 6
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _a_title(quoted: str) -> bool:
    """The quoted words are a name ("Consumer Advocate TV", "Midday with
    Charlie Sykes"): every word capitalised but a title's small words, and
    nothing after them but a comma or a full stop. Such a quotation names a
    show, a book or a campaign; it is not words anyone posted."""
    body = quoted.rstrip().rstrip(",.")
    if any(ch in body for ch in ".!?:;"):
        return False
    words = _TITLE_WORD.findall(body)
    small = load_words("social_quote/title_small_words.txt")
    big = [w for w in words if w.lower() not in small]
    # (all capitals is a post shouting, "GROWING PARTY", not a title)
    return (0 < len(words) <= MAX_TITLE_WORDS and bool(big) and all(w[0].isupper() for w in big)
            and any(not w.isupper() for w in big))


# Shorter quotes are a word or two of colour, not a statement a reader needs
# to check against the post.
MIN_WORDS = 3


def detect(doc: Doc) -> list[Card]:
    idx = _Index(doc)
    sources = idx.sources
    cards: list[Card] = []
    for quote in doc.quotes:
        if quote.kind != "direct" or len(doc.text[quote.start : quote.end].split()) < MIN_WORDS:
            continue
        if _named_by_quote(doc.text, quote) or _a_title(doc.text[quote.start : quote.end]):
            continue
        found = _quote_platform(idx, quote)
        if found is None:
            continue
        platform, platform_span = found
        source = sources.get(quote.source or "")
        if _checkable(idx, quote, platform, source):
            continue
        where = display_name(platform)
        named = source is not None and _named_nearby(idx, quote, source) and _reads_as_name(source.name)
        if named and source is not None and source.kind == "media":
            # "According to AFP, one user on Weibo posted": the outlet relays the post.
            credited = f"a post on {where}, as relayed by {prose_name(source.name, source.kind)}"
        else:
            if known_only_as_poster(source):
                # "one Weibo commenter": "a post by Weibo commenter" reads as
                # if it were a name, and "a user the page does not name" was
                # judged debatable where a name follows ("a Twitter user,
                # Pulvermann from Hanover, wrote").
                credited = f"a post on {where}"
            elif named and source is not None:
                credited = f"a post by {source.name} on {where}"
            else:
                credited = f"a post on {where}"
            relay = _relaying_outlet(idx, quote, source)
            if relay is not None:
                credited += f", as relayed by {prose_name(relay.name, relay.kind)}"
        evidence: list[Evidence] = []
        if platform_span is not None:
            evidence.append(
                make_evidence(doc.text, platform_span.start, platform_span.end, "platform_attribution")
            )
        cards.append(
            Card(
                id="",
                kind="unverified_social_quote",
                severity="caution",
                title=f"Quoted from {where}, with no link to the post",
                body=(
                    f"These words are credited to {credited}, "
                    "but the page neither links to nor embeds that post. "
                    "Without the original, a reader cannot see its exact wording, date or context; "
                    f"look for it on the account itself or in a report that links to it."
                ),
                anchor=make_anchor(doc.text, quote.start, quote.end),
                evidence=tuple(evidence),
            )
        )
    return cards

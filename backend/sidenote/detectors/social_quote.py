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
from collections.abc import Iterator
from dataclasses import replace

from ..attribution.words import NAMING_WORDS
from ..doc import Card, Doc, Quote, Source, Span
from ..lexicon import load_words
from ..platforms import introduced_on_platform
from ..text import content_words
from .social_quote_card import social_quote_card
from .social_quote_index import QuoteIndex
from .social_quote_lead_in import lead_in_platform, posted_just_before
from .social_quote_platform_word import (
    is_account_on_memo,
    platform_near,
    relays_an_excerpt,
    someone_elses_post,
    spoken_to_between,
    tied,
)
from .social_quote_speech import (
    a_post,
    credited_as_said,
    credited_in_another_clause,
    known_only_as_poster,
    medium_of_the_credit,
    member_of_posters,
    said_elsewhere_than,
    spoken_elsewhere,
)


def _channel_evidence(idx: QuoteIndex, source: Source) -> Span | None:
    """Where the article first ties ``source`` to its platform (the same
    for every quote of the source: computed once)."""

    def first() -> Span | None:
        for mention in source.mentions:
            found = platform_near(idx, mention)
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


def _quote_platform(idx: QuoteIndex, quote: Quote) -> tuple[str, Span | None] | None:
    doc = idx.doc
    inner = Span(quote.start, quote.end)
    source = idx.sources.get(quote.source or "")

    # "The Twitter exchange marks a twist for Winner, who ... said she takes
    # “full responsibility”": a platform word tied to none of the quote is
    # the sentence's topic, not where these words were posted.
    def to_this_quote(where: Span) -> bool:
        return tied(idx, quote, where, source)

    here = platform_near(idx, Span(quote.outer_end - 1, quote.outer_end), inner, to_this_quote) or platform_near(
        idx, inner, inner, to_this_quote
    )
    if here is not None:
        # "one Weibo commenter said": the platform is in the speaker's own
        # name, and the article gives them nowhere else to speak; so for
        # "Many users on X criticised it, with one writing": one of them.
        holders = [src for _, src in idx.mentions.overlapping(here[1].start, here[1].end)]
        # ("One tweet said": the post itself speaks, and "said" credits it.)
        poster = (
            source is not None and any(src is source for src in holders)
            and (known_only_as_poster(source) or a_post(source))
        ) or any(
            member_of_posters(source, group, _later_in_sentence(idx, source, here[1])) for group in holders
        )
        if someone_elses_post(doc.text, here[1], source):
            return None
        if spoken_to_between(doc, quote, here[1]) or relays_an_excerpt(doc, quote, here[1]):
            return None
        if not poster and source is not None and any(src is source for src in holders) and not (
            is_account_on_memo(idx, source, here[0]) or a_post(source)
        ):
            # "After lawmakers leaned on Twitter, “...,” Twitter said": the
            # platform's name, after "on", is the speaker's own, the company's.
            return None
        if not poster and (
            said_elsewhere_than(doc, quote, here[1]) or credited_in_another_clause(doc, quote, here[1])
        ):
            return None
        return here
    if source is not None and source.channel and is_account_on_memo(idx, source, source.channel):
        introduced = idx.memo("introduced", source, None, lambda: introduced_on_platform(doc, source))
        if introduced and not spoken_elsewhere(doc, quote) and (
            not credited_as_said(doc, quote) or known_only_as_poster(source)
        ):
            return source.channel, _channel_evidence(idx, source)
    return lead_in_platform(idx, quote, source) or posted_just_before(idx, quote, source)


def _later_in_sentence(idx: QuoteIndex, source: Source | None, where: Span) -> Iterator[Span]:
    """The mentions of ``source`` after ``where`` in its sentence (by bisection)."""
    i = idx.doc.sentence_index(where.start)
    if source is None or i is None:
        return iter(())
    return idx.own_mentions(source, where.end, idx.doc.sentences[i].end)



def _checkable(idx: QuoteIndex, quote: Quote, platform: str, source: Source | None) -> bool:
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


def _linked_posts(idx: QuoteIndex, source: Source) -> frozenset[str | None]:
    """The platforms of the posts linked from any block that mentions ``source``."""
    doc = idx.doc
    blocks = {i for m in source.mentions if (i := doc.block_index(m.start)) is not None}
    return frozenset(p for i in blocks for p in idx.block_post_platforms(i))


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


# A quote this short is a word or two of colour ("the system is “rigged”"):
# it gets a card only where nothing else could be meant (``_short_enough``).
MIN_WORDS = 3


def _short_enough(idx: QuoteIndex, quote: Quote, platform_word: Span | None) -> bool:
    """Whether a quote of fewer than MIN_WORDS words is still a post's
    words: it is credited to a speaker, it is the only direct quotation of
    its sentence, and a parse of that sentence says the platform word is
    where the crediting act went ("Trump called the system “rigged” in a
    tweet Tuesday", "posted on his Facebook page that refugees should “burn
    alive”"), or the speaker is known only as the platform's user. A bare
    one ("messages later deemed “top secret,” saying in a post on Twitter:
    “...”") is someone else's term; one of several in a
    sentence is often half of a split quote ("“Word is,” Trump said on
    Twitter, “that Ford ...”"), whose longer half carries the card; and a
    post that is only the act's topic ("denied ‘sensational’ claims made in
    a viral Weibo post") did not carry the words."""
    doc = idx.doc
    i = doc.sentence_index(quote.outer_start)
    if quote.source is None or platform_word is None or i is None:
        return False
    sentence = doc.sentences[i]
    if not sentence.start <= platform_word.start < sentence.end or quote.end > sentence.end:
        return False
    if any(
        o is not quote and o.kind == "direct" and sentence.start <= o.outer_start < sentence.end for o in doc.quotes
    ):
        return False
    # A speaker the article knows only as a platform's user ("said another
    # Twitter user, Johanna Bayer") has nowhere else to speak: the platform
    # word describes them, and their words are a post all the same.
    return (
        medium_of_the_credit(doc, quote, platform_word) is True
        or known_only_as_poster(idx.sources.get(quote.source))
        or _posting_cue(idx, quote, platform_word)
    )


def _posting_cue(idx: QuoteIndex, quote: Quote, platform_word: Span) -> bool:
    """The platform word is itself the verb that credits the quote to its
    speaker ("“Debate recap,” tweeted Rubio spokesman Alex Conant"): no
    parse is needed to tell where the words went."""
    if idx.doc.text[platform_word.start : platform_word.end].lower() not in load_words(
        "social_quote/posting_verbs.txt"
    ):
        return False
    return any(
        a.source == quote.source and a.cue == platform_word
        for a in idx.attributions.overlapping(quote.start, quote.end)
    )


def _partial_quotes(idx: QuoteIndex) -> Iterator[Quote]:
    """The words a clause of reported speech quotes from its speaker
    ("Bush tweeted Monday that Trump is a “loser,” a “liar” and a
    “whiner.”"): the quote stage calls a word or two in marks a scare
    quote when no verb of speech stands right before it, but inside the
    content a cue credits to a source they are that source's words. Only
    the first of a clause's quotes: one card per credited act. A quote
    nested in another quotation is the outer speaker's."""
    doc = idx.doc
    taken: set[Span] = set()
    for quote in doc.quotes:
        if quote.kind != "scare" or any(
            o is not quote for o in idx.quotes.overlapping(quote.outer_start, quote.outer_end)
            if o.outer_start <= quote.outer_start and quote.outer_end <= o.outer_end
        ):
            continue
        i = doc.sentence_index(quote.outer_start)
        for a in idx.attributions.overlapping(quote.start, quote.end):
            if a.cue is None or a.content in taken or doc.sentence_index(a.cue.start) != i:
                continue
            if not (a.content.start <= quote.outer_start and quote.start < a.content.end):
                continue
            if not _REPORTED_CLAUSE.match(doc.text, a.cue.end, quote.outer_start):
                continue
            taken.add(a.content)
            yield replace(quote, kind="direct", source=a.source)
            break


# How the credited act reaches the quoted words: through a clause of what was
# said ("tweeted Monday that Trump is a “loser”", "posted on his Facebook
# page that refugees should “burn alive”") or a naming ("responded on
# Twitter, calling the charge “pathetic”"). Not through an object of its own
# ("tweeted out photos ... citing the reports about plans to “rush” the
# border": those are the reports' words).
_REPORTED_CLAUSE = re.compile(
    r"[\s,]*(?:[\w'’@#.-]+[\s,]+){0,8}?(?:that|calling|saying)\b[^.;:!?“”\"]*$", re.IGNORECASE
)


def detect(doc: Doc) -> list[Card]:
    idx = QuoteIndex(doc)
    sources = idx.sources
    cards: list[Card] = []
    partial = tuple(_partial_quotes(idx))
    for quote in (*doc.quotes, *partial):
        short = len(doc.text[quote.start : quote.end].split()) < MIN_WORDS or quote in partial
        if quote.kind != "direct" or (short and quote.source is None):
            continue
        if _named_by_quote(doc.text, quote) or _a_title(doc.text[quote.start : quote.end]):
            continue
        found = _quote_platform(idx, quote)
        if found is None:
            continue
        platform, platform_span = found
        if short and not _short_enough(idx, quote, platform_span):
            continue
        source = sources.get(quote.source or "")
        if _checkable(idx, quote, platform, source):
            continue
        cards.append(social_quote_card(idx, quote, platform, platform_span, source))
    return cards

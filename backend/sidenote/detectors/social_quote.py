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
from collections.abc import Callable, Iterator
from dataclasses import replace

from ..attribution.words import NAMING_WORDS
from ..doc import Card, Doc, Quote, Source, Span
from ..lexicon import load_words
from ..platforms import channel_in, find_platform_names, introduced_on_platform
from ..text import content_words
from .social_quote_card import social_quote_card
from .social_quote_index import QuoteIndex
from .social_quote_speech import (
    GAP_WORD,
    WHERE_POSTED,
    a_post,
    credited_as_said,
    credited_in_another_clause,
    known_only_as_poster,
    medium_of_the_credit,
    member_of_posters,
    said_elsewhere_than,
    sets_speech,
    spoken_elsewhere,
    spoken_turn_between,
)


def _platform_near(
    idx: QuoteIndex, span: Span, outside: Span | None = None, keep: Callable[[Span], bool] | None = None
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
    if before is not None and before.group(1).lower() in load_words("social_quote/company_verbs.txt"):
        return True
    # "the pressure on Twitter, which said “...”": the relative clause makes
    # the name its speaker, the company (a post noun is the post speaking:
    # "a tweet, which said").
    said = _WHICH_SAID.match(text, where.end)
    return said is not None and text[where.start : where.start + 1].isupper() and not (
        load_words("social_quote/spoken_credits.txt").isdisjoint(said.group(1).split())
    )


_WHICH_SAID = re.compile(r",?\s+(?:which|who)\s+((?:[a-z]+\s+){0,2}[a-z]+)\b")


# "wrote on Twitter", "posted on her Instagram": the platform as the place
# words went, whatever else its name stands for elsewhere in the article.
_ON_THE_PLATFORM = re.compile(r"\b(?:on|via)\s+(?:(?:his|her|their|its|the)\s+)?$", re.IGNORECASE)


def _part_of_a_name(idx: QuoteIndex, where: Span, platform: str) -> bool:
    """The platform word is in a source's name ("Twitter said it would act"
    is the company), unless that source is an account on it ("one user on
    Weibo posted") or is the post itself ("One tweet said: “...”"), or the
    word names the place words went ("wrote on Twitter"): an article that
    also quotes the company ("Twitter declined to comment") counts every
    "Twitter" as a mention of it."""
    if _ON_THE_PLATFORM.search(idx.doc.text, max(0, where.start - 12), where.start):
        return False
    return any(
        not _is_account_on_memo(idx, src, platform) and not a_post(src)
        for _, src in idx.mentions.overlapping(where.start, where.end)
    )


def _inside_quoted_words(idx: QuoteIndex, where: Span) -> bool:
    return idx.quotes.any_containing(where.start, where.end)


def _channel_evidence(idx: QuoteIndex, source: Source) -> Span | None:
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


def _quote_platform(idx: QuoteIndex, quote: Quote) -> tuple[str, Span | None] | None:
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
        if _someone_elses_post(doc.text, here[1], source):
            return None
        if _spoken_to_between(doc, quote, here[1]):
            return None
        if not poster and source is not None and any(src is source for src in holders) and not (
            _is_account_on_memo(idx, source, here[0]) or a_post(source)
        ):
            # "After lawmakers leaned on Twitter, “...,” Twitter said": the
            # platform's name, after "on", is the speaker's own, the company's.
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


def _later_in_sentence(idx: QuoteIndex, source: Source | None, where: Span) -> Iterator[Span]:
    """The mentions of ``source`` after ``where`` in its sentence (by bisection)."""
    i = idx.doc.sentence_index(where.start)
    if source is None or i is None:
        return iter(())
    return idx.own_mentions(source, where.end, idx.doc.sentences[i].end)


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


def _tied(idx: QuoteIndex, quote: Quote, where: Span, source: Source | None) -> bool:
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
    if _opens_the_sentence_as_a_post(doc, where, quote):
        return True
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


# "In a Tumblr post at the time": a sentence that opens by naming a post.
_POST_OPENING = re.compile(
    r"\W*(?:in|on)\s+(?:a|an|another|the|this|that|his|her|their|its|one)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE
)


def _opens_the_sentence_as_a_post(doc: Doc, where: Span, quote: Quote) -> bool:
    """The sentence holding the quote opens with the post it is from ("In a
    Tumblr post at the time she described this as the “worst case scenario”
    and accused him of years of “incessant, manipulative bullying”"): the
    opening phrase sets where everything the sentence quotes was written,
    however far the quote lies from it."""
    i = doc.sentence_index(where.start)
    if i is None or doc.sentence_index(quote.outer_start) != i:
        return False
    sentence = doc.sentences[i]
    if not _POST_OPENING.fullmatch(doc.text, sentence.start, where.start):
        return False
    # the platform word names the post ("tweet"), or the word after it does ("Tumblr post")
    post_nouns = load_words("syntax/post_nouns.txt")
    after = _NEXT_WORD.match(doc.text, where.end)
    return doc.text[where.start : where.end].lower() in post_nouns or (
        after is not None and not after.group(1) and after.group(2).lower() in post_nouns
    )


# "Omar’s initial tweet": a name's possessive just before the platform word.
_OWNER = re.compile(r"\b([A-Z][\w-]+)['’]s\s+(?:[a-z][\w-]*\s+){0,2}$")


def _spoken_to_between(doc: Doc, quote: Quote, platform_word: Span) -> bool:
    """A verb handing words to listeners stands between the platform word
    and the quotation in their sentence: it, not the platform, credits the
    words ("retweeting Rendell's post and then telling a rally that evening,
    “...”"; "“...,” he told reporters after tweeting about it"). Not where
    the platform is where the words went: "In a tweet, he told supporters,
    “...”"."""
    if WHERE_POSTED.search(doc.text, max(0, platform_word.start - 40), platform_word.start):
        return False
    if platform_word.end <= quote.outer_start:
        return spoken_turn_between(doc, platform_word.end, quote.outer_start)
    return quote.outer_end <= platform_word.start and spoken_turn_between(doc, quote.outer_end, platform_word.start)


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


def _lead_in_platform(idx: QuoteIndex, quote: Quote, source: Source | None) -> tuple[str, Span | None] | None:
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
    # says more ("Trump said at a rally") has told where it was said, and so
    # has a short credit that names a listener ("“...,” he told POLITICO").
    if doc.text[sentence.start : quote.outer_start].strip() or len(
        doc.text[quote.outer_end : sentence.end].split()
    ) > BARE_CREDIT_WORDS or spoken_elsewhere(doc, quote):
        return None
    # "Speaking to reporters an hour later, Rendell was more measured. “...,”
    # he said.": the sentence just before sets the words in speech, whoever
    # coreference took "he" for.
    before = doc.sentences[i - 1]
    if credited_as_said(doc, quote) and doc.block_index(before.start) == doc.block_index(quote.outer_start) and (
        sets_speech(doc, before.start, before.end) and not idx.platform_names(i - 1)
    ):
        return None
    if source is None:
        if doc.block_index(quote.outer_start) == doc.block_index(before.start):
            return None
        return _platform_near(idx, Span(before.start, before.start))
    if not source.channel or not _is_account_on_memo(idx, source, source.channel):
        return None
    leads = doc.sentences[max(0, i - LEAD_IN_SENTENCES) : i]
    # Words credited with "said": the nearest of these sentences that names
    # the speaker is their lead-in, and one that names no platform sets them
    # somewhere else ("Trump wrote on Twitter ... Hours later, before 2,000
    # people in Marshalltown, Trump went further. “...,” he said."). ("Trump
    # also took swipes at Jeb Bush. “...,” he wrote." still reads as a post.)
    if credited_as_said(doc, quote):
        for lead in reversed(leads):
            if any(o is source for _, o in idx.mentions_starting(lead.start, lead.end)):
                # ("Asked about the retweet on CNN, Trump said ...": the
                # platform word is the topic of a place of speech.)
                if channel_in(doc, source, lead.start, lead.end) is None or sets_speech(doc, lead.start, lead.end):
                    return None
                break
    for lead in leads:
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


def _posted_just_before(idx: QuoteIndex, quote: Quote, source: Source | None) -> tuple[str, Span | None] | None:
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


def _is_account_on(source: Source, platform: str) -> bool:
    """``source`` is an account posting on ``platform`` ("one user on
    Weibo"); a source named only by the platform's name is the company
    ("Twitter pledged to take action"), not an account."""
    if source.kind != "social_media" or source.channel != platform:
        return False
    name = source.name.strip()
    return not any(start == 0 and end == len(name) for start, end, _ in find_platform_names(name))


def _is_account_on_memo(idx: QuoteIndex, source: Source, platform: str) -> bool:
    return idx.memo("account_on", source, platform, lambda: _is_account_on(source, platform))  # type: ignore[return-value]


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

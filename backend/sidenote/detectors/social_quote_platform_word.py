"""Where a platform word in a sentence stands with respect to a quotation.

``social_quote`` asks of every "Twitter", "tweet" or "Facebook post" near
quoted words whether it says where those words were posted. These are the
questions it asks: is the word the company's name or part of a source's
name, is it tied to this quotation (near it, its speaker or the cue that
credits it), is it somebody else's post, and does a verb of telling stand
between it and the quote. They are kept apart from the detector because the
lead-in rules (``social_quote_lead_in``) ask them too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ..doc import Doc, Quote, Source, Span
from ..lexicon import load_words
from ..platforms import find_platform_names
from .social_quote_index import QuoteIndex
from .social_quote_speech import GAP_WORD, WHERE_POSTED, a_post, spoken_turn_between


def platform_near(
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
        if part_of_a_name(idx, where, platform) or the_company(idx.doc.text, where):
            continue
        return platform, where
    return None


_NEXT_WORD = re.compile(r"(['’]s\b)?\s*([\w-]*)")
_LAST_WORD = re.compile(r"([\w-]+)\s+$")


def the_company(text: str, where: Span) -> bool:
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


def part_of_a_name(idx: QuoteIndex, where: Span, platform: str) -> bool:
    """The platform word is in a source's name ("Twitter said it would act"
    is the company), unless that source is an account on it ("one user on
    Weibo posted") or is the post itself ("One tweet said: “...”"), or the
    word names the place words went ("wrote on Twitter"): an article that
    also quotes the company ("Twitter declined to comment") counts every
    "Twitter" as a mention of it."""
    if _ON_THE_PLATFORM.search(idx.doc.text, max(0, where.start - 12), where.start):
        return False
    return any(
        not is_account_on_memo(idx, src, platform) and not a_post(src)
        for _, src in idx.mentions.overlapping(where.start, where.end)
    )


def inside_quoted_words(idx: QuoteIndex, where: Span) -> bool:
    return idx.quotes.any_containing(where.start, where.end)



# Most words between a platform word and what it ties to: the quotation
# itself ("a tweet by Igor Sadikov, an elected representative of students in
# McGill’s faculty of arts, saying: “...”") or the cue that credits it
# ("Trump wrote on Twitter"). A mention of the speaker ties it only when
# next to it ("a tweet from Jon Ralston", "In a tweet, it said"): a speaker
# named inside the sentence's object ("The Twitter exchange marks a twist
# in the story of the linguist") did not post there.
TIE_WORDS = 15
TIE_MENTION_WORDS = 3


def gap_words(text: str, a: Span, b: Span) -> int:
    """How many words stand between two spans of one sentence."""
    lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
    return len(GAP_WORD.findall(text, lo, hi)) if lo < hi else 0


def tied(idx: QuoteIndex, quote: Quote, where: Span, source: Source | None) -> bool:
    """Whether the platform word at ``where`` is tied to this quotation: near
    the quoted words, the speaker's mention or the cue that credits them, and
    not inside other quoted words ("told CBS’ “Face the Nation”: “Obstruction
    by tweet is not ...”" was said on television)."""
    if inside_quoted_words(idx, where):
        return False
    doc = idx.doc
    text = doc.text
    if gap_words(text, where, Span(quote.outer_start, quote.outer_end)) <= TIE_WORDS:
        return True  # (the quote may open in a sentence before the platform's)
    if opens_the_sentence_as_a_post(doc, where, quote):
        return True
    if source is None:
        return False
    i = doc.sentence_index(where.start)
    cues = [
        a.cue for a in idx.attributions.overlapping(quote.start, quote.end)
        if a.source == source.id and a.cue is not None
    ]
    if any(doc.sentence_index(c.start) == i and gap_words(text, where, c) <= TIE_WORDS for c in cues):
        return True
    if i is None:  # (a platform word outside every sentence: no index for that)
        return any(
            doc.sentence_index(m.start) is None and gap_words(text, where, m) <= TIE_MENTION_WORDS
            for m in source.mentions
        )
    # A mention in sentence i starts inside it.
    sentence = doc.sentences[i]
    return any(
        doc.sentence_index(m.start) == i and gap_words(text, where, m) <= TIE_MENTION_WORDS
        for m in idx.own_mentions(source, sentence.start, sentence.end)
    )

# "In a Tumblr post at the time": a sentence that opens by naming a post.
_POST_OPENING = re.compile(
    r"\W*(?:in|on)\s+(?:a|an|another|the|this|that|his|her|their|its|one)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE
)


def opens_the_sentence_as_a_post(doc: Doc, where: Span, quote: Quote) -> bool:
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


def spoken_to_between(doc: Doc, quote: Quote, platform_word: Span) -> bool:
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


def someone_elses_post(text: str, platform_word: Span, source: Source | None) -> bool:
    """The platform word names another person's post than the quote's
    source: "Omar’s initial tweet came three days after “...”, reports the
    Jewish Virtual Library" quotes the library, not the tweet."""
    if source is None:
        return False
    owner = _OWNER.search(text, max(0, platform_word.start - 40), platform_word.start)
    return owner is not None and owner.group(1).lower() not in source.name.lower()


def is_account_on(source: Source, platform: str) -> bool:
    """``source`` is an account posting on ``platform`` ("one user on
    Weibo"); a source named only by the platform's name is the company
    ("Twitter pledged to take action"), not an account."""
    if source.kind != "social_media" or source.channel != platform:
        return False
    name = source.name.strip()
    return not any(start == 0 and end == len(name) for start, end, _ in find_platform_names(name))


def is_account_on_memo(idx: QuoteIndex, source: Source, platform: str) -> bool:
    return idx.memo("account_on", source, platform, lambda: is_account_on(source, platform))  # type: ignore[return-value]


@cache
def _excerpt_re() -> re.Pattern[str]:
    nouns = "|".join(sorted(load_words("social_quote/excerpt_nouns.txt"), key=len, reverse=True))
    return re.compile(rf"\b(?:{nouns})\s+from\b", re.IGNORECASE)


# Most words between "a line from" and the quotation it introduces ("a
# passage from a Wall Street Journal editorial that called the governor
# “...”").
EXCERPT_WORDS = 15


def relays_an_excerpt(doc: Doc, quote: Quote, platform_word: Span) -> bool:
    """The platform word introduces a post that relays words from somewhere
    else, and these are those words: "tweeted a line from Dancy's Monday
    speech — “...”", "shared on Twitter a passage from a Wall Street Journal
    editorial that called him “...”". The words are the speech's or the
    editorial's, which is where a reader checks them; a card naming the
    poster would credit the wrong source. Not when the poster adds words of
    their own after the excerpt ("tweeted a clip from the speech and added,
    “...”")."""
    if platform_word.end > quote.outer_start or doc.sentence_index(platform_word.start) != doc.sentence_index(
        quote.outer_start
    ):
        return False
    found = list(_excerpt_re().finditer(doc.text, platform_word.end, quote.outer_start))
    if not found:
        return False
    after = [w.lower() for w in GAP_WORD.findall(doc.text, found[-1].end(), quote.outer_start)]
    own = (load_words("social_quote/own_words_after_excerpt.txt") | load_words("social_quote/posting_verbs.txt")
           | load_words("social_quote/spoken_credits.txt"))
    return len(after) <= EXCERPT_WORDS and own.isdisjoint(after)

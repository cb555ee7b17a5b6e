"""Where a quotation's words went when they were not posted: said aloud,
in an interview, at a rally, or credited with a verb of speech while the
platform the sentence names is somewhere else in it. ``social_quote``
asks these before it calls a quote a post.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ..attribution.words import POST_NOUNS
from ..doc import Doc, Quote, Source, Span
from ..lexicon import load_lines, load_words
from ..syntax import credited_with

# A word of the text, for counting the words between two places.
GAP_WORD = re.compile(r"[^\W_][\w'’-]*")
# The platform's name introduced as where words went ("on", "to", "in a",
# "via"): "said on Twitter", "posted to his Facebook page".
WHERE_POSTED = re.compile(r"\b(?:on|to|in|via|onto)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)


@cache
def _spoken_venue_re() -> re.Pattern[str]:
    phrases = sorted(load_lines("social_quote/spoken_venues.txt"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


def _around_quote(doc: Doc, quote: Quote) -> str:
    """The quote's sentence without the quoted words ("" outside every sentence)."""
    i = doc.sentence_index(quote.outer_start)
    if i is None:
        return ""
    sentence = doc.sentences[i]
    return doc.text[sentence.start : quote.outer_start] + " " + doc.text[quote.outer_end : sentence.end]


def spoken_elsewhere(doc: Doc, quote: Quote) -> bool:
    """The quote's sentence, outside the quoted words, says they were spoken
    or relayed off the platform ("..., Schaaf said Friday, according to NBC")."""
    return bool(_spoken_venue_re().search(_around_quote(doc, quote)))


def sets_speech(doc: Doc, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names a place or act of speech ("Speaking
    to reporters outside his office, Rendell was more measured", "told
    POLITICO", "at a rally")."""
    return _spoken_venue_re().search(doc.text, start, end) is not None


def spoken_turn_between(doc: Doc, start: int, end: int) -> bool:
    """Whether a verb that hands words to listeners ("telling a rally",
    "told reporters") stands in ``text[start:end]``: between a platform word
    and a quotation, it is what credits the quotation ("retweeting Rendell's
    post and then telling a rally that evening, “...”")."""
    words = load_words("social_quote/spoken_turns.txt")
    return not words.isdisjoint(w.lower() for w in GAP_WORD.findall(doc.text, start, end))


def credited_as_said(doc: Doc, quote: Quote) -> bool:
    """The quote's sentence, outside the quoted words, credits them with a
    verb of speech ("“Maybe he should have been roughed up,” he said on
    Sunday"): for a speaker who also posts, nothing ties these words to a
    post unless the sentence says where they went (``said_elsewhere_than``)."""
    words = load_words("social_quote/spoken_credits.txt")
    return not words.isdisjoint(w.lower() for w in GAP_WORD.findall(_around_quote(doc, quote)))


def known_only_as_poster(source: Source | None) -> bool:
    """The article names the source only as a user of its platform ("one
    Weibo commenter", "a Twitter user"): the only place it gives them to
    speak is the platform, so "said" credits a post."""
    if source is None or source.kind != "social_media" or not source.channel:
        return False
    return not load_words("social_quote/platform_users.txt").isdisjoint(GAP_WORD.findall(source.name.lower()))


def said_elsewhere_than(doc: Doc, quote: Quote, platform_word: Span) -> bool:
    """The quote is credited with "said" and the platform's name is not
    where the words went: "“...,” said Laurie Cestnick, the founder of a
    Facebook group" quotes speech; "said on Twitter", "said in a tweet"
    quote a post, and so does a posting verb ("he tweeted that he “...”",
    whatever else the sentence says)."""
    if not credited_as_said(doc, quote):
        return False
    if doc.text[platform_word.start : platform_word.end].lower() in load_words("social_quote/posting_verbs.txt"):
        return False
    return not WHERE_POSTED.search(doc.text, max(0, platform_word.start - 40), platform_word.start)


def medium_of_the_credit(doc: Doc, quote: Quote, platform_word: Span) -> bool | None:
    """What a parse of the platform word's sentence says (``syntax.credited_with``,
    the quote clipped to that sentence): True when the platform is where the
    act crediting the quote went ("said in a tweet"), False when it is not,
    None when the parse cannot tell."""
    i = doc.sentence_index(platform_word.start)
    if i is None:
        return None
    sentence = doc.sentences[i]
    start, end = max(quote.start, sentence.start), min(quote.end, sentence.end)
    if start >= end:
        return None
    at = sentence.start
    return credited_with(
        doc.text[at : sentence.end],
        (start - at, end - at),
        (platform_word.start - at, platform_word.end - at),
        venues=load_words("social_quote/spoken_venues.txt"),
    )


def credited_in_another_clause(doc: Doc, quote: Quote, platform_word: Span) -> bool:
    """A parse of the sentence puts the platform word in another clause than
    the act that credits the quote: "Months after he savaged her on Twitter,
    Trump tells Kelly that people “gotta get over it”" was said on
    television; "Coulter tweeted ..., and Trump called Haley “very weak”"
    was not tweeted. False when the parse cannot tell."""
    return medium_of_the_credit(doc, quote, platform_word) is False


def member_of_posters(source: Source | None, group: Source, later_in_sentence: Iterable[Span]) -> bool:
    """``source`` is named only as one of ``group`` ("with one writing"),
    a group the article knows only as a platform's users ("Many users on
    X"), and is mentioned (``later_in_sentence``: its mentions after the
    platform's name, in the same sentence) just after it: the member's
    words are a post there too."""
    if source is None or group is source or not known_only_as_poster(group):
        return False
    if source.name.strip().lower() not in load_words("social_quote/group_members.txt"):
        return False
    return any(True for _ in later_in_sentence)


def a_post(source: Source) -> bool:
    """The source is named by a post's noun ("One tweet", "the school's
    Facebook post"): the words it "said" are the post's, and it is no one to
    name as their author."""
    words = source.name.lower().split()
    return bool(words) and words[-1] in POST_NOUNS

"""The platform a sentence just before a quotation names for it.

A quote whose own sentence is only the words and a bare credit ("“...,”
she said.") was posted where a lead-in sentence says its speaker posted
("Lew shared the experience on Facebook. “...,” wrote Lew."), unless that
lead-in, or the quote's sentence, sets the words in speech somewhere else
("Speaking to reporters an hour later, ..."). Split from ``social_quote``,
which asks these two questions last, when the quote's own sentence names
no platform.
"""

from __future__ import annotations

import re

from ..doc import Doc, Quote, Source, Span
from ..lexicon import load_words
from ..platforms import channel_in
from .social_quote_index import QuoteIndex
from .social_quote_platform_word import (
    TIE_WORDS,
    gap_words,
    inside_quoted_words,
    is_account_on_memo,
    part_of_a_name,
    platform_near,
    someone_elses_post,
    the_company,
)
from .social_quote_speech import GAP_WORD, WHERE_POSTED, credited_as_said, sets_speech, spoken_elsewhere

# How many sentences back a lead-in may name where the quoted words were
# posted ("Swift posted on Twitter accusing the label. She claimed ... “I just
# want to perform my own music,” she said.").
LEAD_IN_SENTENCES = 2
# "she said.", "Trump wrote.", "the actor added."
BARE_CREDIT_WORDS = 3


def lead_in_platform(idx: QuoteIndex, quote: Quote, source: Source | None) -> tuple[str, Span | None] | None:
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
        return platform_near(idx, Span(before.start, before.start))
    if not source.channel or not is_account_on_memo(idx, source, source.channel):
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


def posted_just_before(idx: QuoteIndex, quote: Quote, source: Source | None) -> tuple[str, Span | None] | None:
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
        if inside_quoted_words(idx, where):
            continue
        if part_of_a_name(idx, where, platform) or the_company(text, where):
            continue
        if someone_elses_post(text, where, source):
            continue
        mention = next((m for m in reversed(mentions) if m.end <= start), None)
        if mention is None or gap_words(text, mention, where) > TIE_WORDS:
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

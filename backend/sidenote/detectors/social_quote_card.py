"""The wording of an ``unverified_social_quote`` card: whose post it names.

The detector (``social_quote``) decides that a quote is an unlinked post;
this says so in a reader's words. A poster is named only where the quote's
own passage names them by a name; a source known only as a platform's user
("one Weibo commenter") stays "a post on Weibo", and so does a post that
speaks for itself ("One tweet said"); an outlet that carries the post is
named as relaying it.
"""

from __future__ import annotations

from ..anchor import make_anchor, make_evidence
from ..attribution.names import prose_name
from ..attribution.words import PRONOUNS, WEEKDAYS
from ..doc import Card, Evidence, Quote, Source, Span
from ..lexicon import load_words
from ..platforms import display_name
from .social_quote_index import QuoteIndex
from .social_quote_posts import NAME_WORD
from .social_quote_speech import a_post, known_only_as_poster

# More lower-case words than this (beyond name particles) and a source's
# "name" is a run-in headline or sentence, not a name or a short description
# ("Taliban spokesman Zabihullah Mujahid" has one).
MAX_LOWER_WORDS = 2



def social_quote_card(idx: QuoteIndex, quote: Quote, platform: str, platform_span: Span | None,
                      source: Source | None) -> Card:
    """The card for ``quote``, a post on ``platform`` (named at
    ``platform_span``, when the page names it) credited to ``source``."""
    doc = idx.doc
    where = display_name(platform)
    named = source is not None and _named_nearby(idx, quote, source) and _reads_as_name(source.name)
    if named and source is not None and source.kind == "media":
        # "According to AFP, one user on Weibo posted": the outlet relays the post.
        credited = f"a post on {where}, as relayed by {prose_name(source.name, source.kind)}"
    else:
        if platform_span is not None and any(
            a_post(src) for _, src in idx.mentions.overlapping(platform_span.start, platform_span.end)
        ):
            # "One tweet said", "According to the school's Facebook post, al
            # Ashry said": the post speaks or relays; it has no author to
            # name, and its speaker is not its poster.
            credited = f"a post on {where}"
        elif known_only_as_poster(source):
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
        evidence.append(make_evidence(doc.text, platform_span.start, platform_span.end, "platform_attribution"))
    return Card(
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


def _named_nearby(idx: QuoteIndex, quote: Quote, source: Source) -> bool:
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


def _relaying_outlet(idx: QuoteIndex, quote: Quote, source: Source | None) -> Source | None:
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

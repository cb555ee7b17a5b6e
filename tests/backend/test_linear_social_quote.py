"""``unverified_social_quote`` answers each quote's questions (which source
mention holds the platform's name, which quote holds a word, which
attributions credit the quote, which embeds carry its words, which blocks
link to a post) from look-ups built once per page (sidenote/detectors/
social_quote_index.py ``QuoteIndex``), not by scanning every mention, quote,
attribution or block for each quote (issue #15). The cards are the same;
the work grows with the page, not with its square.

Work is counted (Python lines run), not timed, at ``n`` and ``4 n``; the
larger page holds 100,000 mentions of one source.
"""

from __future__ import annotations

import re

from handmade import article, doc, quote, span
from workcount import lines_run

from sidenote.detectors import social_quote_index
from sidenote.detectors.social_quote import detect
from sidenote.doc import Attribution, Doc, Embed, Quote, Source, Span

# --- invented sentences --------------------------------------------------------------------

QUOTE = "The council has betrayed every nurse in this city"


def _reyes(text: str, kind: str = "person") -> Source:
    return Source("s1", "Dana Reyes", kind,  # type: ignore[arg-type]
                  mentions=tuple(Span(m.start(), m.end()) for m in re.finditer(r"(?:Dana )?Reyes", text)))


def test_a_platform_word_inside_a_source_s_name_is_not_where_it_was_posted() -> None:
    # "Twitter" is part of a source's mention ("Twitter Inc"): the company, not a post.
    paragraphs = [f"“{QUOTE},” Twitter Inc said in a filing on Monday."]
    art = article(paragraphs)
    company = Source("s2", "Twitter Inc", "organization", mentions=(span(art.text, "Twitter Inc"),))
    q = quote(art.text, QUOTE, source="s2")
    d = doc(art, quotes=(q,), sources=(company,), attributions=(Attribution("s2", Span(q.start, q.end)),))
    assert detect(d) == []


def test_a_platform_named_inside_other_quoted_words_is_not_tied() -> None:
    # told “Face the Twitter Hour”: the platform's name is inside a show's quoted title
    paragraphs = [f"Dana Reyes told “Face the Twitter Hour” on Sunday that “{QUOTE}.”"]
    art = article(paragraphs)
    show = quote(art.text, "Face the Twitter Hour", kind="title")
    q = quote(art.text, QUOTE, source="s1")
    credit = Attribution("s1", Span(q.start, q.end))
    d = doc(art, quotes=(show, q), sources=(_reyes(art.text),), attributions=(credit,))
    assert detect(d) == []


def test_an_embed_carrying_the_words_makes_the_quote_checkable() -> None:
    paragraphs = [f"“{QUOTE},” Dana Reyes wrote on Twitter.", f"{QUOTE}. — Dana Reyes (@dreyes) May 2, 2024"]
    art = article(paragraphs, embeds={1: Embed("twitter", "https://twitter.com/dreyes/status/1")})
    q = quote(art.text, QUOTE, source="s1")
    d = doc(art, quotes=(q,), sources=(_reyes(art.text),), attributions=(Attribution("s1", Span(q.start, q.end)),))
    assert detect(d) == []
    unrelated = "Nothing about nurses here, only the weather. — Dana Reyes (@dreyes) May 2, 2024"
    other = article(paragraphs[:1] + [unrelated], embeds={1: Embed("twitter", "https://twitter.com/dreyes/status/1")})
    q = quote(other.text, QUOTE, source="s1")
    d = doc(other, quotes=(q,), sources=(_reyes(other.text),),
            attributions=(Attribution("s1", Span(q.start, q.end)),))
    assert [c.kind for c in detect(d)] == ["unverified_social_quote"]


def test_a_link_from_the_crediting_mention_s_paragraph_makes_it_checkable() -> None:
    paragraphs = ["Dana Reyes posted about the vote on Twitter.", f"“{QUOTE},” she wrote."]
    art = article(paragraphs, links={0: [("posted", "https://twitter.com/dreyes/status/99")]})
    q = quote(art.text, QUOTE, source="s1")
    source = _reyes(art.text, kind="social_media")
    source = Source(source.id, source.name, "social_media", channel="twitter", mentions=source.mentions)
    credit = Attribution("s1", Span(q.start, q.end), source_span=span(art.text, "Dana Reyes"))
    assert detect(doc(art, quotes=(q,), sources=(source,), attributions=(credit,))) == []
    # without the link: a card
    bare = article(paragraphs)
    q = quote(bare.text, QUOTE, source="s1")
    credit = Attribution("s1", Span(q.start, q.end), source_span=span(bare.text, "Dana Reyes"))
    cards = detect(doc(bare, quotes=(q,), sources=(source,), attributions=(credit,)))
    assert [c.kind for c in cards] == ["unverified_social_quote"]


def test_an_outlet_credited_around_the_quote_relays_it() -> None:
    text = f"According to the Harbour Herald, Dana Reyes wrote on Facebook that “{QUOTE}.”"
    art = article([text])
    herald = Source("s2", "Harbour Herald", "media", mentions=(span(art.text, "Harbour Herald"),))
    q = quote(art.text, QUOTE, source="s1")
    credits = (Attribution("s2", Span(span(art.text, "Dana").start, q.end + 1)),
               Attribution("s1", Span(q.start, q.end), source_span=span(art.text, "Dana Reyes")))
    [card] = detect(doc(art, quotes=(q,), sources=(_reyes(art.text), herald), attributions=credits))
    assert "as relayed by Harbour Herald" in card.body


# --- the work per quote ---------------------------------------------------------------------

MENTIONS_PER_PARAGRAPH = 40


def _page(paragraphs: int) -> Doc:
    """``paragraphs`` paragraphs, each 39 times "Reyes said so." and a quote
    posted on Twitter: one source mentioned 40 times a paragraph, one
    attribution per mention, one quote and card per paragraph."""
    said = "Reyes said so. " * (MENTIONS_PER_PARAGRAPH - 1)
    texts = [said + f"“Nurses will remember this vote {i},” Reyes wrote on Twitter." for i in range(paragraphs)]
    art = article(texts)
    text = art.text
    mentions = tuple(Span(m.start(), m.end()) for m in re.finditer("Reyes", text))
    source = Source("s1", "Dana Reyes", "person", mentions=mentions)
    quotes: list[Quote] = []
    credits: list[Attribution] = []
    for m in re.finditer(r"“([^”]*),”", text):
        quotes.append(Quote(m.start(1), m.end(1), m.start(), m.end(), "direct", "s1"))
    for m in re.finditer(r"Reyes (said|wrote)", text):
        credits.append(Attribution("s1", Span(m.end(), m.end() + 4), cue=Span(m.start(1), m.end(1)),
                                   source_span=Span(m.start(), m.start() + 5)))
    for q in quotes:
        credits.append(Attribution("s1", Span(q.start, q.end), cue=None, source_span=None))
    return doc(art, quotes=tuple(quotes), sources=(source,), attributions=tuple(credits))


def test_the_invented_page_gives_one_card_per_quote() -> None:
    page = _page(5)
    cards = detect(page)
    assert len(cards) == 5
    assert all("posted" not in c.title and "X (Twitter)" in c.title for c in cards)


def test_a_page_of_100_000_mentions_is_not_quadratic() -> None:
    small_page, large_page = _page(625), _page(2_500)  # 25,000 and 100,000 mentions
    assert sum(len(s.mentions) for s in large_page.sources) == 100_000
    small = lines_run(lambda: detect(small_page))
    large = lines_run(lambda: detect(large_page))
    # n log n: about 4.5 times the work for 4 times the page (a scan of every
    # mention and attribution for each quote: 16 times)
    assert large < 6 * small


def test_the_index_is_built_only_when_a_quote_gets_that_far() -> None:
    # A page of mentions and no quote of three words: no look-up is built.
    built: list[str] = []
    original = social_quote_index.Intervals

    class Counting(original):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs) -> None:
            built.append("x")
            super().__init__(*args, **kwargs)

    social_quote_index.Intervals = Counting  # type: ignore[misc]
    try:
        page = _page(3)
        no_quotes = Doc(article=page.article, sentences=page.sentences, sources=page.sources,
                        attributions=page.attributions)
        assert detect(no_quotes) == []
    finally:
        social_quote_index.Intervals = original  # type: ignore[misc]
    assert built == []

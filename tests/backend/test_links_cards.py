"""Tying quotations to links, and the quote_not_in_source cards
(sidenote/links/tie.py, cards.py), on hand-made Docs: no network here."""

from __future__ import annotations

from dataclasses import replace

from handmade import article, doc, quote, span

from sidenote.anchor import make_anchor
from sidenote.doc import Attribution, Card, Claim
from sidenote.links import cards, tie
from sidenote.links.compare import comparable
from sidenote.links.fetch import FetchResult

STATEMENT = "https://ministry.example/statement"
OTHER = "https://ministry.example/report"


def ok(url: str, text: str, conclusive: bool = True) -> FetchResult:
    return FetchResult(url, "ok", 200, "A page", comparable(text), conclusive, 1.0)


def budget_doc():
    paras = [
        "\u201cWe will never raise taxes on working families,\u201d the ministry said in a statement.",
        "The minister spoke at a rally on Monday. Read the report here.",
    ]
    art = article(paras, links={0: [("a statement", STATEMENT)], 1: [("the report", OTHER)]})
    text = art.text
    return doc(art, quotes=(quote(text, "We will never raise taxes on working families,"),))


def test_a_link_in_the_quotations_sentence_is_tied_and_one_elsewhere_is_not():
    d = budget_doc()
    ties = tie.tie(d)
    assert len(ties) == 1
    assert [link.href for link in ties[0].links] == [STATEMENT]


def test_a_link_in_the_sentence_that_credits_a_run_on_quotation_is_tied():
    paras = [
        "The ministry said in a statement on Monday that it had a plan.",
        "\u201cWe will never raise taxes on working families.\u201d",
    ]
    art = article(paras, links={0: [("a statement", STATEMENT)]})
    text = art.text
    q = quote(text, "We will never raise taxes on working families.")
    credit = Attribution(source="s1", content=span(text, "We will never raise taxes on working families"),
                         cue=span(text, "said"), source_span=span(text, "The ministry"))
    ties = tie.tie(doc(art, quotes=(q,), attributions=(credit,)))
    assert [link.href for t in ties for link in t.links] == [STATEMENT]


def test_links_that_cannot_hold_a_quotation_are_not_tied():
    words = "\u201cWe will fight for every job in this town,\u201d said"
    cases = {
        "https://en.wikipedia.org/wiki/John_Smith": False,  # who he is, not what he said
        "https://ministry.example/": False,  # a home page
        "https://x.com/johnsmith": False,  # a profile
        "https://x.com/johnsmith/status/1234567890": True,  # one post
        "https://social.example/@johnsmith/109876": True,  # one Mastodon post
        "https://www.youtube.com/@johnsmith": False,
        "mailto:john@example.org": False,
        "https://paper.example/story#comments": False,  # the article itself
    }
    for href, tied in cases.items():
        art = article([f"{words} John Smith."], links={0: [("John Smith", href)]})
        art = replace(art, url="https://paper.example/story")
        d = doc(art, quotes=(quote(art.text, "We will fight for every job in this town,"),))
        assert bool(tie.tie(d)) is tied, href


def test_links_followed_are_at_most_ten_distinct_with_the_tied_ones_first():
    paras = [f"Background item {i} is here." for i in range(12)]
    paras.append("\u201cWe will never raise taxes on working families,\u201d the ministry said in a statement.")
    links = {i: [(f"item {i}", f"https://site{i}.example/page")] for i in range(12)}
    links[0].append(("Background", "https://site0.example/page#top"))  # the same page
    links[1].append(("is here", "ftp://files.example/x"))  # not http(s)
    links[12] = [("a statement", STATEMENT)]
    art = article(paras, links=links)
    d = doc(art, quotes=(quote(art.text, "We will never raise taxes on working families,"),))
    urls = tie.links_to_follow(d, tie.tie(d), 10)
    assert len(urls) == 10
    assert STATEMENT in urls  # tied, though it comes last
    reading_order = list(dict.fromkeys(link.href.split("#")[0] for b in art.blocks for link in b.links))
    assert urls == [u for u in reading_order if u in urls]  # reported in reading order
    assert "ftp://files.example/x" not in urls and len(set(urls)) == 10
    # one tied link, then the first nine others
    assert "https://site8.example/page" in urls and "https://site9.example/page" not in urls


def test_a_quotation_missing_from_every_tied_page_read_in_full_gets_a_card():
    d = budget_doc()
    ties = tie.tie(d)
    new, found = cards.judge(d, ties, {STATEMENT: ok(STATEMENT, "We will cut taxes for small firms.")})
    assert found == {}
    (card,) = new
    assert card.kind == "quote_not_in_source" and card.severity == "warning"
    assert card.title == "These words are not on the linked page"
    assert card.body.startswith("The article quotes these words from a page it links to")
    assert card.anchor.exact == "We will never raise taxes on working families,"
    (ev,) = card.evidence
    assert (ev.exact, ev.label, ev.url) == ("a statement", "link", STATEMENT)
    assert d.text[ev.start : ev.end] == "a statement"


def test_no_card_when_found_unknown_or_unreadable():
    d = budget_doc()
    ties = tie.tie(d)
    page_with = ok(STATEMENT, "Officials said: We will never raise TAXES on working families.")
    new, found = cards.judge(d, ties, {STATEMENT: page_with})
    assert new == [] and list(found.values()) == [[STATEMENT]]
    for result in (
        FetchResult(STATEMENT, "timeout"),
        FetchResult(STATEMENT, "refused"),
        FetchResult(STATEMENT, "not_html", 200),
        FetchResult(STATEMENT, "http_error", 404),
        ok(STATEMENT, "JavaScript is not available.", conclusive=False),
    ):
        assert cards.judge(d, ties, {STATEMENT: result}) == ([], {}), result.status
    assert cards.judge(d, ties, {}) == ([], {})  # not fetched at all (over the limit)


def test_with_two_tied_links_one_holding_the_words_is_enough_and_one_unknown_silences():
    paras = [
        "\u201cWe will never raise taxes on working families,\u201d the ministry said in a statement and a report."
    ]
    art = article(paras, links={0: [("a statement", STATEMENT), ("a report", OTHER)]})
    d = doc(art, quotes=(quote(art.text, "We will never raise taxes on working families,"),))
    ties = tie.tie(d)
    missing = ok(STATEMENT, "Something else entirely was said here.")
    holding = ok(OTHER, "we will never raise taxes on working families")
    assert cards.judge(d, ties, {STATEMENT: missing, OTHER: holding})[0] == []
    assert cards.judge(d, ties, {STATEMENT: missing, OTHER: FetchResult(OTHER, "timeout")})[0] == []
    (card,) = cards.judge(d, ties, {STATEMENT: missing, OTHER: ok(OTHER, "Nothing like it.")})[0]
    assert [(e.exact, e.url) for e in card.evidence] == [("a statement", STATEMENT), ("a report", OTHER)]


def test_apply_numbers_new_cards_after_existing_ones_and_marks_what_was_found():
    paras = [
        "\u201cWe will never raise taxes on working families,\u201d the ministry said in a statement.",
        "\u201cThe budget will pass by Friday at the latest,\u201d an aide said in a briefing note.",
    ]
    art = article(paras, links={0: [("a statement", STATEMENT)], 1: [("a briefing note", OTHER)]})
    text = art.text
    q1 = quote(text, "We will never raise taxes on working families,")
    q2 = quote(text, "The budget will pass by Friday at the latest,")
    s2 = span(text, paras[1])
    existing = Card(
        "k1", "single_source", "caution", "One source", "...", make_anchor(text, s2.start, s2.end), claim="c1"
    )
    claim = Claim("c1", s2.start, s2.end, 0.9, True, (), ("single_source",))
    d = doc(art, quotes=(q1, q2), cards=(existing,), claims=(claim,))
    results = {
        STATEMENT: ok(STATEMENT, "No such words."),
        OTHER: ok(OTHER, "An aide wrote: the budget will pass by Friday at the latest."),
    }
    out = cards.apply(d, [STATEMENT, OTHER], results, tie.tie(d))
    assert [(c.id, c.kind) for c in out.cards] == [("k2", "quote_not_in_source"), ("k1", "single_source")]
    assert out.cards[1].found_on == (OTHER,)
    assert out.cards[0].found_on == ()
    assert out.claims[0].flags == ("single_source",)  # the new card is not in c1's sentence
    assert out.followed_links is not None
    assert [(f.url, f.status, f.http_status, f.title) for f in out.followed_links] == [
        (STATEMENT, "ok", 200, "A page"),
        (OTHER, "ok", 200, "A page"),
    ]

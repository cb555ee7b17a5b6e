"""Quoted words against a fetched page (sidenote/links/compare.py, page.py)."""

from __future__ import annotations

import pytest
from local_servers import page

from sidenote.links.compare import comparable, contains, quote_parts, words
from sidenote.links.page import read_page

PAGE = comparable(
    "The Minister said: \u201cWe will never\u2014ever\u2014raise taxes on working families.\u201d "
    "She added that the budget \u2018doesn't  hurt\u2019 anyone, and that the plan was fair.\u00a0"
    "Officials will publish the figures on Friday."
)


@pytest.mark.parametrize(
    "quotation",
    [
        "We will never\u2014ever\u2014raise taxes on working families",
        "we will never - ever - raise taxes on working families.",  # case, dashes, spacing
        'WE WILL NEVER -- EVER -- RAISE TAXES ON "WORKING" FAMILIES,',
        "the budget doesn't hurt anyone",  # a straight apostrophe against a curly one
        "the budget doesn\u2019t hurt anyone",
        "We will never \u2026 raise taxes",  # an elision: both parts are there
        "We will never... raise taxes on working families",
        "the plan was fair . . . Officials will publish the figures",
        "[She] added that the budget",  # a bracketed insertion splits too
        "publish the figures on Friday \u2026 We will never",  # parts need not be in order
    ],
)
def test_quotations_on_the_page_are_found_however_they_are_typed(quotation):
    assert contains(PAGE, quote_parts(quotation))


@pytest.mark.parametrize(
    "quotation",
    [
        "We will never raise taxes on families",  # a word left out without an elision mark
        "We will always raise taxes on working families",
        "We will never \u2026 cut taxes",  # one part is not there
        "the plan was unfair",
        "never ever raise taxes on working people",
    ],
)
def test_quotations_not_on_the_page_are_not_found(quotation):
    assert not contains(PAGE, quote_parts(quotation))


def test_words_are_whole_words():
    assert not contains(comparable("the unfairness of it"), quote_parts("the fairness of it"))
    assert words("Don\u2019t  STOP\u2014now!") == ["don't", "stop", "now"]


def test_too_short_quotations_are_not_checked():
    assert quote_parts("rebels") == ()
    assert quote_parts("so-called") == ()  # two words
    assert quote_parts("\u2026") == ()
    assert quote_parts("a total disgrace") == (("a", "total", "disgrace"),)


def test_a_page_reads_its_visible_text_and_title_not_its_scripts():
    p = read_page(page("We will cut taxes for small firms.", title="  The   statement "), "http://x.example/s")
    assert p.title == "The statement"
    assert contains(p.text, quote_parts("we will cut taxes for small firms"))
    assert not contains(p.text, quote_parts("words only a script holds"))
    assert p.conclusive


def test_a_page_built_by_scripts_can_confirm_but_never_refute():
    shell = b"<html><head><title>X</title></head><body><div id=app>JavaScript is not available.</div></body></html>"
    p = read_page(shell, "http://x.example/status/1")
    assert p.conclusive is False


def test_a_page_in_another_language_or_a_video_cannot_refute():
    french = read_page(page("Nous ne monterons pas les imp\u00f4ts.", lang="fr"), "http://x.example/fr")
    assert french.conclusive is False
    video = read_page(page("A clip.", head='<meta property="og:type" content="video.other">'), "http://x.example/v")
    assert video.conclusive is False
    youtube = read_page(page("A clip."), "https://www.youtube.com/watch?v=abc")
    assert youtube.conclusive is False


def test_a_post_page_is_read_from_the_text_it_states():
    head = (
        '<meta property="og:type" content="article">'
        '<meta property="og:description" content="Taxes are going down for everyone this year.">'
    )
    post = (
        f"<html><head><title>Minister (@minister@social.example)</title>{head}</head>"
        "<body><div id=mastodon></div></body></html>"
    ).encode()
    p = read_page(post, "https://social.example/@minister/109876")
    assert contains(p.text, quote_parts("taxes are going down for everyone"))
    assert p.conclusive  # the whole post is stated, so a miss would count

    cut = post.replace(b"this year.", b"this\xe2\x80\xa6")
    assert read_page(cut, "https://social.example/@minister/109876").conclusive is False


def test_json_ld_article_body_counts_as_the_whole_text():
    body = (
        b'<html><head><script type="application/ld+json">'
        b'{"@context": "https://schema.org", "@type": "NewsArticle", '
        b'"articleBody": "The minister said the budget would pass on Friday."}'
        b"</script></head><body><div id=root></div></body></html>"
    )
    p = read_page(body, "https://news.example/story")
    assert contains(p.text, quote_parts("the budget would pass on Friday"))
    assert p.conclusive


def test_the_encoding_from_the_header_or_the_page_is_used():
    latin = page("Le ministre a d\u00e9clar\u00e9 que le budget \u00e9tait pr\u00eat.").decode().replace(
        'charset="utf-8"', 'charset="iso-8859-1"'
    ).encode("iso-8859-1")
    p = read_page(latin, "http://x.example/latin")
    assert contains(p.text, quote_parts("le budget \u00e9tait pr\u00eat"))
    q = read_page("<p>caf\u00e9 au lait for everyone</p>".encode("cp1252"), "http://x.example/", "cp1252")
    assert contains(q.text, quote_parts("caf\u00e9 au lait"))

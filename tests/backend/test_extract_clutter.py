"""Clutter kept out of Article.text, and the article kept in: each shape on an invented page.

Every page here is made up; the shapes are the ones seen on news pages
(issue #14): teaser lists and menus, calls to action, widget stubs,
shortcodes, struck-through corrections, stacked gallery captions; and the
parts of an article trafilatura misses (a split body, a lead paragraph
before the body, posts after the line that introduces them).
"""

from __future__ import annotations

import pytest

from sidenote.doc import Article
from sidenote.pipeline.clutter import is_clutter_text, is_teaser_label
from sidenote.pipeline.extract import extract
from sidenote.pipeline.structure import introduced_embeds

URL = "https://news.example.org/2024/05/02/ferry-strike/"

PARAGRAPHS = [
    "Ferry crews on the northern islands walked out on Monday morning after talks over a new pay "
    "deal broke down late on Sunday night, leaving thousands of commuters stranded at the piers.",
    "The union said its members had been offered a raise of two percent, well below the rate of "
    "inflation, and that the operator had refused to discuss the length of the working week.",
    "A spokesperson for the ferry company said the offer was fair and that managers remained ready "
    "to meet union leaders at any time, adding that a skeleton service would run on weekdays.",
    "Island councillors warned that a long strike would hurt shops and clinics that depend on "
    "daily deliveries, and asked the regional government to step in before the weekend.",
    "Passengers queuing at the harbour office said they had not been told about the strike until "
    "they arrived, and several said they would miss hospital appointments on the mainland.",
]


def page(body: str, title: str = "Ferry crews strike over pay", head_extra: str = "", before: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<title>{title} - Example News</title><meta property="og:title" content="{title}">{head_extra}</head><body>'
        '<header><nav class="main-nav"><ul><li><a href="/world/">World</a></li>'
        '<li><a href="/sport/">Sport</a></li></ul></nav></header>'
        f"<main><article><h1>{title}</h1>{before}"
        f'<div class="entry-content">{body}</div></article></main></body></html>'
    )


def para(i: int) -> str:
    return f"<p>{PARAGRAPHS[i]}</p>"


def body(*extra: str, at: int = 3) -> str:
    """The five paragraphs with ``extra`` markup after paragraph ``at``."""
    parts = [para(i) for i in range(len(PARAGRAPHS))]
    return "".join(parts[:at]) + "".join(extra) + "".join(parts[at:])


def texts(article: Article, kind: str | None = None) -> list[str]:
    return [article.text[b.start : b.end] for b in article.blocks if kind is None or b.kind == kind]


def assert_article_whole(article: Article) -> None:
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    joined = "\n\n".join(t for t in texts(article) if t)
    assert joined == article.text
    for block in article.blocks:
        for link in block.links:
            assert block.start <= link.start < link.end <= block.end


# --- calls to action, labels, stubs, footers: a whole block ------------------------

CLUTTER_LINES = [
    "CLICK HERE TO GET THE EXAMPLE NEWS APP",
    "Visit Example News's homepage for more stories.",
    "SEE MORE: Island ferries through the years",
    "DON'T MISS: The best beaches on the northern islands",
    "Sign up for our morning newsletter and get the day's news in your inbox.",
    "Subscribe to Example News on YouTube for more videos:",
    "Get the latest updates right in your inbox. Sign up now.",
    "If you value our reporting, please consider becoming a member and support us today.",
    "Like this story? Share it with a friend!",
    "Follow Example News on Twitter, Facebook and Instagram.",
    "Have a tip? Jane Doe may be reached at jdoe@example.org.",
    "Write to Jane Doe at jdoe@example.org",
    "Filed under: Islands, Transport, Unions",
    "Tags: ferries, strikes",
    "Comments",
    "12 Comments",
    "Leave a comment",
    "FILE PHOTO",
    "(Graphic: Ferry passengers since 2010 - here)",
    "412 votes",
    "Poll: Should the regional government step in?",
    "Updated at 1:23 p.m.",
    "Published 18 November 2019",
    "5:45 AM PST 11/19/2019 by Jane Doe",
    "John Smith contributed reporting from the islands.",
    "SOURCE: News agencies",
    "Copyright © 2024 Example Media Group. All rights reserved. | Privacy Policy | Terms of Use",
    "Example Weekly ISSN 1234-567X",
    "https://news.example.org/2024/05/02/ferry-strike/",
    "Advertisement",
    "Story continues below advertisement",
    "You may also like...",
    "Top stories",
    "Partner news",
    "Popular on Example News",
]


@pytest.mark.parametrize("line", CLUTTER_LINES)
def test_call_to_action_and_stub_lines_are_dropped(line: str) -> None:
    article = extract(page(body(f"<p>{line}</p>")), URL)
    assert line not in article.text
    assert_article_whole(article)


@pytest.mark.parametrize(
    "line",
    [
        # prose that opens like furniture: long, or a sentence about the thing itself
        "Sign up numbers for the island ferry pass fell by a third last year, the operator said, "
        "and officials blamed the price rise that came into force in January.",
        "Published in 1998, the harbour master's report warned that the piers would need repair.",
        "Comments made by the ferry company's chief executive on Friday angered the union.",
        "Copyright holders of the ferry timetable app have sued the operator over the new tickets.",
        "Click the link above so you can see the timetable.",
        "4:14 p.m.",  # a live blog's time stamp heads the entry under it
        "© 2024 Example Wire. All Rights Reserved. This material may not be published, broadcast or rewritten.",
    ],
)
def test_prose_that_opens_like_furniture_stays(line: str) -> None:
    article = extract(page(body(f"<p>{line}</p>")), URL)
    assert line in article.text


def test_clutter_line_list_is_matched_whole() -> None:
    assert is_clutter_text("READ MORE: Ferry fares to rise")
    assert not is_clutter_text("The union said it would read more of the offer before voting.")
    assert is_teaser_label("More from Example News »")
    assert not is_teaser_label("More from the union's statement came on Monday")


# --- teaser lists, menus, archive lists ----------------------------------------------


def teaser_list(label: str, items: list[str]) -> str:
    links = "".join(f'<li><a href="/2024/05/0{i + 1}/story-{i}/">{t}</a></li>' for i, t in enumerate(items))
    return f"<h3>{label}</h3><ul>{links}</ul>"


HEADLINES = [
    "Island school reopens after storm damage",
    "Harbour master retires after forty years",
    "Why the mainland bridge plan stalled again",
]


def test_teaser_list_with_its_label_is_dropped() -> None:
    article = extract(page(body(teaser_list("Top stories", HEADLINES))), URL)
    for headline in [*HEADLINES, "Top stories"]:
        assert headline not in article.text
    assert_article_whole(article)


def test_teaser_headlines_with_standfirsts_are_dropped() -> None:
    pairs = "".join(
        f'<li><a href="/s/{i}/">{h}</a></li><li>{s}</li>'
        for i, (h, s) in enumerate(
            [
                (HEADLINES[0], "Pupils return to classrooms on Monday"),
                (HEADLINES[1], "The island's longest-serving official says goodbye"),
                (HEADLINES[2], "Engineers and budgets are both to blame"),
            ]
        )
    )
    article = extract(page(body(f"<ul>{pairs}</ul>", at=5)), URL)
    assert "Pupils return" not in article.text
    assert "longest-serving official" not in article.text
    assert "Engineers and budgets" not in article.text
    assert_article_whole(article)


def test_deal_links_between_product_descriptions_stay() -> None:
    deals = "".join(
        f"<p>{text}</p><p><a href='https://shop.example.com/{i}'>{link}</a></p>"
        for i, (text, link) in enumerate(
            [
                (
                    "The waterproof ferry jacket is down to its lowest price of the year.",
                    "Get it at Example Shop for $39.99",
                ),
                ("A pair of island walking boots with a two-year guarantee.", "Get it at Example Shop for $59.99"),
            ]
        )
    )
    article = extract(page(body(deals)), URL)
    for words in [
        "Get it at Example Shop for $39.99", "A pair of island walking boots", "Get it at Example Shop for $59.99"
    ]:
        assert words in article.text


def test_site_menu_and_archive_list_are_dropped_from_a_short_page() -> None:
    # a page too short for trafilatura is read from its own blocks: a menu
    # and an archive list outside <nav> come with them
    menu = "".join(f'<li><a href="/{w.lower()}/">{w}</a></li>' for w in ["Home", "News", "Sport", "Weather", "Travel"])
    months = ["April", "March", "February", "January"]
    archive = "".join(f'<li><a href="/2024/{m.lower()}/">{m} 2024</a></li>' for m in months)
    story = (
        "<p>Ferry crews on the northern islands walked out on Monday after pay talks broke down.</p>"
        "<p>The union said the offer was too low.</p>"
    )
    html = (
        '<!DOCTYPE html><html lang="en"><head><title>Ferry strike</title></head><body>'
        f'<div class="top"><ul>{menu}</ul></div><div class="story"><h1>Ferry strike</h1>{story}</div>'
        f'<div class="side"><h4>Archives</h4><ul>{archive}</ul></div></body></html>'
    )
    article = extract(html, URL)
    assert article.text == (
        "Ferry crews on the northern islands walked out on Monday after pay talks broke down.\n\n"
        "The union said the offer was too low."
    )


def test_labelled_list_of_unlinked_headlines_ending_the_article_is_dropped() -> None:
    tail = "<p>You may also like...</p>" + "".join(f"<p>{h}</p>" for h in HEADLINES)
    article = extract(page(body(tail, at=5)), URL)
    for headline in HEADLINES:
        assert headline not in article.text
    assert_article_whole(article)


def test_linked_sentences_in_the_body_stay() -> None:
    # sentences that link to their source, each ending with a full stop, are prose
    items = [
        "The union published its full pay claim on Friday.",
        "The operator answered with a two percent offer.",
    ]
    links = "".join(f'<p><a href="/docs/{i}.pdf">{t}</a></p>' for i, t in enumerate(items))
    article = extract(page(body(links)), URL)
    for item in items:
        assert item in article.text


# --- inside a paragraph ----------------------------------------------------------------


def test_promoted_headline_spliced_into_a_quotation_is_cut_out() -> None:
    spliced = (
        '<p>\u201cWe have been patient for two years. <strong>SEE MORE:</strong> '
        '<a href="/2024/04/30/ferry-timetable/">New ferry timetable explained</a> '
        'Now the company has to listen to us,\u201d the union\u2019s regional secretary said at the pier on Monday.</p>'
    )
    article = extract(page(body(spliced)), URL)
    assert "SEE MORE" not in article.text
    assert "timetable explained" not in article.text
    assert (
        "\u201cWe have been patient for two years. Now the company has to listen to us,\u201d the union\u2019s"
        in article.text
    )
    assert_article_whole(article)


def test_labelled_related_link_at_a_paragraphs_start_is_cut_out() -> None:
    line = (
        '<p>Related: <a href="/2024/04/01/ports/">Ports face staff shortage</a></p>'
    )
    article = extract(page(body(line)), URL)
    assert "Ports face" not in article.text
    assert_article_whole(article)


def test_unexpanded_shortcodes_are_cut_and_button_text_goes() -> None:
    shortcodes = (
        '<p>[caption id="attachment_12" align="alignnone"]The ferry terminal at dawn on Monday, empty of '
        'passengers for the first time in years.[/caption]</p>'
        "<p>The strike is the first on the route since 1998 "
        '[button link="/subscribe" color="red"]Subscribe now[/button] '
        "and the union says it could last [sic] until the end of the month.</p>"
    )
    article = extract(page(body(shortcodes)), URL)
    assert "[caption" not in article.text and "[/caption]" not in article.text
    assert "The ferry terminal at dawn on Monday" in article.text
    assert "Subscribe now" not in article.text and "[button" not in article.text
    assert "since 1998 and the union says it could last [sic] until" in article.text
    assert_article_whole(article)


# --- markup --------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["del", "s", "strike"])
def test_struck_through_words_are_not_merged_into_the_sentence(tag: str) -> None:
    correction = (
        f"<p>The island team won <{tag}>two</{tag}> three of its four games this season before the "
        "ferries stopped running, and now cannot reach the mainland league.</p>"
    )
    article = extract(page(body(correction)), URL)
    assert "The island team won three of its four games" in article.text
    assert "two three" not in article.text
    assert_article_whole(article)


@pytest.mark.parametrize(
    "wrapper",
    [
        '<div role="complementary">{}</div>',
        '<div class="box dn-print">{}</div>',
        '<div class="poll">{}</div>',
        '<div class="partner-content">{}</div>',
        '<section class="recirc">{}</section>',
    ],
)
def test_furniture_marked_by_role_or_class_is_dropped(wrapper: str) -> None:
    inner = (
        "<p>Readers were asked whether they had ever missed an appointment because of a cancelled "
        "ferry, and what the regional government should do about it.</p>"
    )
    article = extract(page(body(wrapper.format(inner))), URL)
    assert "Readers were asked" not in article.text
    assert_article_whole(article)


# --- captions ----------------------------------------------------------------------------


def figure(caption: str, n: int) -> str:
    return f'<figure><img src="/img/{n}.jpg" alt=""><figcaption>{caption}</figcaption></figure>'


GALLERY = [
    "Commuters wait at the northern pier on the first morning of the strike.",
    "A ferry sits idle at the harbour while crews gather outside the depot.",
    "Union members hold banners outside the operator's head office on Monday.",
]


def test_gallery_captions_stacked_above_the_body_are_dropped() -> None:
    gallery = "".join(figure(c, i) for i, c in enumerate(GALLERY))
    article = extract(page(body(), before=gallery), URL)
    for caption in GALLERY:
        assert caption not in article.text
    assert_article_whole(article)


def test_a_gallery_inside_the_body_is_dropped_but_a_single_caption_stays() -> None:
    gallery = "".join(figure(c, i) for i, c in enumerate(GALLERY))
    single = figure("The union's regional secretary said the offer was an insult to crews.", 9)
    article = extract(page(body(gallery, at=2) + single), URL)
    for caption in GALLERY:
        assert caption not in article.text
    assert "The union's regional secretary said the offer was an insult to crews." in texts(article, "caption")


def test_file_photo_label_is_cut_from_a_caption() -> None:
    caption = figure("FILE PHOTO: Ferry crews vote on strike action at the union hall in March.", 1)
    article = extract(page(body(caption)), URL)
    assert texts(article, "caption") == ["Ferry crews vote on strike action at the union hall in March."]


# --- the headline repeated --------------------------------------------------------------


def test_headline_repeated_in_the_body_with_its_kicker_is_dropped() -> None:
    top = "<p>TRANSPORT</p><h2>Ferry crews strike over pay</h2><p>May 2, 2024 9:15 AM by Jane Doe</p>"
    article = extract(page(top + body()), URL)
    assert article.title == "Ferry crews strike over pay"
    assert "TRANSPORT" not in article.text
    assert "Ferry crews strike over pay" not in article.text
    assert "Jane Doe" not in article.text
    assert_article_whole(article)


# --- what trafilatura misses ---------------------------------------------------------------


def test_lead_paragraph_in_its_own_element_before_the_body_is_kept() -> None:
    lead = (
        "Thousands of island commuters were stranded on Monday as ferry crews walked out in a dispute "
        "over pay that has lasted two years."
    )
    html = (
        '<!DOCTYPE html><html lang="en"><head><title>Ferry crews strike - Example News</title></head><body>'
        '<div class="article"><h1>Ferry crews strike</h1><div class="article__date">2 May 2024</div>'
        f'<div class="article__summary summary">{lead}</div>'
        f'<div class="article__text">{body()}</div></div></body></html>'
    )
    article = extract(html, URL)
    assert lead in article.text
    assert article.text.index(lead) < article.text.index(PARAGRAPHS[0])
    assert_article_whole(article)


def test_standfirst_in_the_header_block_is_not_taken_for_a_lead() -> None:
    standfirst = (
        "A long-running dispute over pay has left the islands cut off, and neither side is ready to "
        "give way before the summer season."
    )
    html = (
        '<!DOCTYPE html><html lang="en"><head><title>Ferry crews strike - Example News</title></head><body>'
        f'<div class="article"><h1>Ferry crews strike</h1><div class="article__summary summary">{standfirst}</div>'
        '<div class="byline">By Jane Doe, Islands correspondent</div>'
        f'<div class="article__text">{body()}</div></div></body></html>'
    )
    article = extract(html, URL)
    assert standfirst not in article.text


SECOND_HALF = [
    "By Tuesday the strike had spread to the southern routes, where crews said they had the same "
    "complaints about pay and hours and would stay out until the operator improved its offer.",
    "Business owners on the smaller islands said stocks of fresh food were running low, and the "
    "largest clinic said it had postponed all but urgent appointments until the boats returned.",
    "The regional transport minister said she would meet both sides on Wednesday, the first time "
    "the government has intervened in the dispute since it began two years ago this month.",
]


def split_body_page(rail: str) -> str:
    first = "".join(para(i) for i in range(len(PARAGRAPHS)))
    second = "".join(f"<p>{t}</p>" for t in SECOND_HALF)
    cls = "grid-item body body__container article-body"
    return (
        '<!DOCTYPE html><html lang="en"><head><title>Ferry crews strike - Example News</title></head><body>'
        '<article><h1>Ferry crews strike</h1>'
        f'<div class="grid"><div class="{cls}">{first}</div>'
        '<div class="rail"><div class="most-popular"><ul>'
        '<li><a href="/a/">Island school reopens after the storm</a></li>'
        '<li><a href="/b/">Harbour master retires after forty years</a></li></ul></div></div></div>'
        f'{rail}<div class="grid"><div class="{cls}">{second}</div></div>'
        "</article></body></html>"
    )


def test_body_split_by_an_ad_row_is_read_to_its_end() -> None:
    ad_row = '<div class="row full-bleed-ad"><div class="ad ad--mid">Advertisement</div></div>'
    article = extract(split_body_page(ad_row), URL)
    for paragraph in SECOND_HALF:
        assert paragraph in article.text
    assert "Island school reopens" not in article.text
    assert_article_whole(article)


def test_same_class_container_after_other_text_is_not_the_article() -> None:
    # an infinite-scroll page: the next story's body has the same class, but
    # the next story's headline and standfirst come in between
    between = (
        "<h2>Next story: Harbour master retires after forty years of service</h2>"
        "<p>Colleagues gathered on the quay on Friday to say goodbye to the island's longest-serving "
        "official, who first took charge of the harbour in 1984.</p>"
    )
    article = extract(split_body_page(between), URL)
    for paragraph in SECOND_HALF:
        assert paragraph not in article.text


def tweet(text: str, n: int) -> str:
    return (
        f'<blockquote class="twitter-tweet"><p lang="en">{text}</p>&mdash; Reader {n} (@reader{n}) '
        f'<a href="https://twitter.com/reader{n}/status/{1000 + n}?ref_src=twsrc%5Etfw">May 2, 2024</a></blockquote>'
    )


def test_posts_after_the_line_that_introduces_them_are_kept() -> None:
    intro = "<p>The strike split opinion on the islands, and readers reacted online:</p>"
    # WordPress's embed block: trafilatura drops the posts, and they end the article
    wrapped = (
        '<figure class="wp-block-embed is-provider-twitter"><div class="wp-block-embed__wrapper">{}</div></figure>'
    )
    posts = (
        wrapped.format(tweet("Stuck at the pier again, third time this month. Pay the crews what they are worth.", 1))
        + '<div class="ad">Advertisement</div>'
        + wrapped.format(tweet("No ferry means no school for my kids today. Both sides should be ashamed.", 2))
    )
    article = extract(page(body(at=5) + intro + posts), URL)
    urls = [b.embed.url for b in article.blocks if b.embed is not None]
    assert urls == ["https://twitter.com/reader1/status/1001", "https://twitter.com/reader2/status/1002"]
    assert "third time this month" in article.text
    assert "no school for my kids" in article.text


def test_posts_are_taken_after_a_colon_only_and_over_a_label_only() -> None:
    stream = (
        " readers reacted online Advertisement Stuck at the pier again Next story"
        " Harbour master retires after forty years of service on the quay No ferry today "
    )
    first = stream.index("Stuck")
    second = stream.index("No ferry")
    posts = [(first, first + 22), (second, second + 12)]
    end = stream.index("Advertisement")
    assert introduced_embeds("... and readers reacted online:", end, posts, stream, []) == {0}
    assert introduced_embeds("... and readers reacted online.", end, posts, stream, []) == set()

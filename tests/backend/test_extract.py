"""Article extraction: blocks, links, captions, embeds, metadata, plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from sidenote.doc import Article, Block
from sidenote.pipeline.extract import extract, from_text

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"
URL = "https://news.example.org/2024/05/02/story/"

# Enough prose for trafilatura to treat the page as an article (it dumps the
# whole page for tiny ones); every sentence is distinct so no block is a duplicate.
PARAGRAPHS = [
    "The city council voted on Tuesday to close the old harbour bridge to heavy traffic "
    "after engineers found cracks in two of its supporting piers.",
    "Officials said the closure would last at least six months while the piers are "
    "repaired, and that buses would be diverted through the northern ring road.",
    "Residents of the harbour district told reporters that the detour adds up to twenty "
    "minutes to a commute that already takes most of them an hour each way.",
    "The engineering firm that inspected the bridge said the damage was caused by decades "
    "of salt water seeping into the concrete around the steel reinforcement.",
]


def page(body: str, head: str = "", lang: str = "en") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>Harbour bridge closes - Example News</title>{head}</head><body>"
        '<header><nav class="main-nav"><ul><li><a href="/world/">World</a></li>'
        '<li><a href="/sport/">Sport</a></li></ul></nav></header>'
        f'<main><article><h1>Harbour bridge closes</h1><div class="entry-content">{body}</div></article>'
        "</main></body></html>"
    )


def para(i: int) -> str:
    return f"<p>{PARAGRAPHS[i]}</p>"


def block_texts(article: Article, kind: str | None = None) -> list[str]:
    return [article.text[b.start : b.end] for b in article.blocks if kind is None or b.kind == kind]


def embeds(article: Article) -> list[Block]:
    return [b for b in article.blocks if b.kind == "embed"]


# --- invariants -----------------------------------------------------------------


def assert_well_formed(article: Article) -> None:
    """Article.text is the non-empty blocks joined by blank lines; links sit inside their block."""
    texts = [article.text[b.start : b.end] for b in article.blocks if b.end > b.start]
    assert "\n\n".join(texts) == article.text
    for block in article.blocks:
        for link in block.links:
            assert block.start <= link.start < link.end <= block.end


# --- embeds -----------------------------------------------------------------------

EMBED_CASES = [
    # the tweet's own address is the LAST status link (the date); the first is a quoted tweet
    (
        '<blockquote class="twitter-tweet"><p lang="en">Bridge inspection results are in. '
        'See <a href="https://twitter.com/other/status/111">this</a></p>&mdash; City Council (@council) '
        '<a href="https://twitter.com/council/status/1234567890?ref_src=twsrc%5Etfw">May 2, 2024</a></blockquote>',
        "twitter",
        "https://twitter.com/council/status/1234567890",
        "Bridge inspection results are in.",
    ),
    (
        '<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc/app.bsky.feed.post/3kq">'
        "<p>Traffic on the ring road is already backed up for miles this morning.</p>&mdash; Jo "
        '<a href="https://bsky.app/profile/jo.example/post/3kq?ref_src=embed">May 2, 2024</a></blockquote>',
        "bluesky",
        "https://bsky.app/profile/jo.example/post/3kq",
        "Traffic on the ring road is already backed up",
    ),
    (
        '<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/C6abc/?utm_source=ig_embed">'
        '<div><a href="https://www.instagram.com/p/C6abc/">'
        "A post shared by the harbour museum about the old bridge</a></div>"
        "</blockquote>",
        "instagram",
        "https://www.instagram.com/p/C6abc/",
        "A post shared by the harbour museum",
    ),
    (
        '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@cityvlog/video/7364">'
        '<section><a href="https://www.tiktok.com/@cityvlog">@cityvlog</a> Walking across the bridge '
        "one last time before it closes for repairs</section></blockquote>",
        "tiktok",
        "https://www.tiktok.com/@cityvlog/video/7364",
        "Walking across the bridge one last time",
    ),
]

FRAME_CASES = [
    (
        '<iframe src="https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fcitycouncil'
        '%2Fposts%2F98765&amp;width=500"></iframe>',
        "facebook",
        "https://www.facebook.com/citycouncil/posts/98765",
    ),
    (
        '<iframe src="https://platform.twitter.com/embed/Tweet.html?id=1234567890&amp;theme=light"></iframe>',
        "twitter",
        "https://twitter.com/i/status/1234567890",
    ),
    ('<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0"></iframe>', "youtube",
     "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
    # protocol-relative src, as embed snippets are often pasted
    ('<iframe src="//www.youtube-nocookie.com/embed/abcDEF12345"></iframe>', "youtube",
     "https://www.youtube.com/watch?v=abcDEF12345"),
    ('<iframe src="https://t.me/citynews/4321?embed=1"></iframe>', "telegram", "https://t.me/citynews/4321"),
    (
        '<script async src="https://telegram.org/js/telegram-widget.js" data-telegram-post="citynews/4322"></script>',
        "telegram",
        "https://t.me/citynews/4322",
    ),
]


def single_embed_between_paragraphs(markup: str, platform: str, post_url: str) -> tuple[Article, Block]:
    """``markup`` placed after two paragraphs: the one embed block it gives,
    checked for its platform and post URL."""
    article = extract(page(para(0) + para(1) + markup + para(2) + para(3)), URL)
    found = embeds(article)
    assert len(found) == 1
    block = found[0]
    assert block.embed is not None
    assert (block.embed.platform, block.embed.url) == (platform, post_url)
    return article, block


@pytest.mark.parametrize(("markup", "platform", "post_url", "words"), EMBED_CASES)
def test_blockquote_embed_kept_with_text_and_url(markup: str, platform: str, post_url: str, words: str) -> None:
    article, block = single_embed_between_paragraphs(markup, platform, post_url)
    # the post's text is article text, once, in the embed block and in place
    assert words in article.text[block.start : block.end]
    assert article.text.count(words) == 1
    kinds = [b.kind for b in article.blocks]
    assert kinds.index("embed") == 2
    assert_well_formed(article)


@pytest.mark.parametrize(("markup", "platform", "post_url"), FRAME_CASES)
def test_frame_embed_is_zero_width_block_in_place(markup: str, platform: str, post_url: str) -> None:
    article, block = single_embed_between_paragraphs(markup, platform, post_url)
    # no text of its own: it sits between the second and third paragraphs
    assert block.start == block.end
    third = article.text.index(PARAGRAPHS[2])
    assert article.text.index(PARAGRAPHS[1]) < block.start <= third
    assert_well_formed(article)


def test_embed_in_related_box_is_not_the_articles() -> None:
    related = (
        '<section class="related-stories"><h3>More from us</h3>'
        '<blockquote class="twitter-tweet"><p>Follow us for more news from the harbour.</p>'
        '<a href="https://twitter.com/news/status/555">May 1</a></blockquote></section>'
    )
    article = extract(page(para(0) + para(1) + para(2) + para(3) + related), URL)
    assert embeds(article) == []
    assert "Follow us" not in article.text


# --- links ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/reports/bridge.pdf", "https://news.example.org/reports/bridge.pdf"),
        ("../../01/earlier/", "https://news.example.org/2024/05/01/earlier/"),
        ("https://council.example.gov/minutes", "https://council.example.gov/minutes"),
    ],
)
def test_links_resolved_and_anchored_on_linked_words(href: str, expected: str) -> None:
    body = (
        f'<p>According to <a href="{href}">the engineers\u2019 report</a>, the damage was found in March '
        "and grew worse over the winter months despite temporary repairs by city crews.</p>"
        + para(0) + para(1) + para(2)
    )
    article = extract(page(body), URL)
    links = [link for b in article.blocks for link in b.links if link.href == expected]
    assert len(links) == 1
    assert article.text[links[0].start : links[0].end] == "the engineers\u2019 report"
    assert_well_formed(article)


def test_links_left_as_given_without_page_url() -> None:
    body = '<p>See <a href="/reports/bridge.pdf">the report</a> for details of the damage.</p>' + "".join(
        para(i) for i in range(4)
    )
    article = extract(page(body))
    hrefs = [link.href for b in article.blocks for link in b.links]
    assert "/reports/bridge.pdf" in hrefs


# --- captions ----------------------------------------------------------------------


def test_figcaption_is_a_caption_block_in_place_without_credit() -> None:
    figure = (
        '<figure><img src="/img/bridge.jpg" alt=""><figcaption>Engineers inspect cracks in the '
        'northern pier of the harbour bridge on Monday. <span class="credit">Photo: Jane Roe/Agency</span>'
        "</figcaption></figure>"
    )
    article = extract(page(para(0) + figure + para(1) + para(2) + para(3)), URL)
    captions = block_texts(article, "caption")
    assert captions == ["Engineers inspect cracks in the northern pier of the harbour bridge on Monday."]
    assert [b.kind for b in article.blocks][:3] == ["paragraph", "caption", "paragraph"]
    assert "Jane Roe" not in article.text


@pytest.mark.parametrize(
    "caption",
    [
        "Photo: Jane Roe/Agency",  # a credit says nothing about the world
        "The bridge",  # a label, not a statement
    ],
)
def test_caption_without_a_statement_is_left_out(caption: str) -> None:
    figure = f'<figure><img src="/img/b.jpg"><figcaption>{caption}</figcaption></figure>'
    article = extract(page(para(0) + figure + para(1) + para(2) + para(3)), URL)
    assert block_texts(article, "caption") == []
    assert caption not in article.text


# --- boilerplate --------------------------------------------------------------------

BOILERPLATE = [
    '<section class="related-posts"><h3>Recommended For You</h3><ul>'
    '<li><a href="/a/">Mayor opens new library in the western suburbs</a></li>'
    '<li><a href="/b/">Ferry timetable changes for the summer season</a></li></ul></section>',
    '<div id="comments" class="comments-area"><h3 class="comment-reply-title">Leave a Reply</h3>'
    '<form class="comment-form"><p class="comment-notes">Your email address will not be published. '
    "Required fields are marked *</p><textarea name=comment></textarea></form></div>",
    '<div class="newsletter-signup"><p>Get the morning briefing delivered to your inbox every day.</p>'
    '<input type="email"><button>Sign up</button></div>',
    '<div class="share-bar"><a href="https://facebook.com/share">Share on Facebook</a>'
    '<a href="https://twitter.com/intent/tweet">Share on Twitter</a></div>',
]


@pytest.mark.parametrize("furniture", BOILERPLATE)
def test_boilerplate_left_out(furniture: str) -> None:
    html = page("".join(para(i) for i in range(4))).replace(
        "</article>", "</article>" + furniture
    ).replace(
        "</body>", '<footer class="site-footer"><p>&copy; 2024 Example News. All rights reserved.</p></footer></body>'
    )
    article = extract(html, URL)
    for i in range(4):
        assert PARAGRAPHS[i] in article.text
    for marker in ("Recommended", "Mayor opens", "Leave a Reply", "email address", "morning briefing",
                   "Share on", "All rights reserved", "World", "Sport"):
        assert marker not in article.text


def test_paragraphs_marked_as_behind_the_paywall_are_the_article() -> None:
    # WIRED marks every paragraph after the first with class="paywall"; the
    # paywall's own widgets ("paywall-modal") stay furniture.
    body = para(0) + "".join(f'<p class="paywall">{PARAGRAPHS[i]}</p>' for i in range(1, 4))
    modal = '<div class="paywall-modal"><p>Subscribe to keep reading the best stories of the week.</p></div>'
    article = extract(page(body + modal), URL)
    for i in range(4):
        assert PARAGRAPHS[i] in article.text
    assert "Subscribe to keep reading" not in article.text


def test_hover_card_beside_a_name_is_not_read_into_the_sentence() -> None:
    # thehill.com puts a person's latest headlines in a box shown on hover,
    # inside the sentence that names them.
    hover = (
        'Councillor <span class="rollover-people"><a class="rollover-people-link" href="/people/ann-lee">'
        'Ann Lee</a><span class="rollover-people-block"><span class="rollover-block"><a class="name" '
        'href="/people/ann-lee">Ann Lee</a><a class="people-articles" href="/x">Lee backs ferry fare '
        "freeze as budget talks stall</a> MORE</span></span></span> (Labour) opposed the closure."
    )
    article = extract(page(para(0) + f"<p>{hover}</p>" + para(1) + para(2) + para(3)), URL)
    assert "Councillor Ann Lee (Labour) opposed the closure." in article.text
    assert "ferry fare" not in article.text and "MORE" not in article.text


# --- metadata ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "body_extra", "published"),
    [
        ('<meta property="article:published_time" content="2024-05-02T09:30:00+02:00">', "",
         "2024-05-02T09:30:00+02:00"),
        ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
         '"headline": "Harbour bridge closes", "datePublished": "2024-05-02T07:30:00Z"}</script>', "",
         "2024-05-02T07:30:00+00:00"),
        ("", '<p class="byline"><time datetime="2024-05-02" class="published">2 May</time></p>', "2024-05-02"),
        # only the footer's copyright year: no date rather than a guess
        ("", '<p>&copy; 2024 Example News</p>', None),
        # a date that is not machine-readable is not parsed into one
        ('<meta property="article:published_time" content="last Tuesday">', "", None),
    ],
)
def test_published_date(head: str, body_extra: str, published: str | None) -> None:
    html = page(body_extra + "".join(para(i) for i in range(4)), head=head)
    html = html.replace("</body>", '<footer><p>Copyright 2023 Example News</p></footer></body>')
    assert extract(html, URL).published == published


def test_metadata_fields() -> None:
    head = (
        '<meta property="og:title" content="Harbour bridge closes for six months">'
        '<meta property="og:site_name" content="Example News">'
        '<meta name="author" content="By Jane Roe and John Doe">'
    )
    article = extract(page("".join(para(i) for i in range(4)), head=head, lang="en-GB"), URL)
    assert article.title == "Harbour bridge closes for six months"
    assert article.site == "Example News"
    assert article.byline == ("Jane Roe", "John Doe")
    assert article.language == "en"
    assert article.url == URL


def test_site_falls_back_to_host_and_headline_not_in_text() -> None:
    article = extract(page("".join(para(i) for i in range(4))), URL)
    assert article.site == "news.example.org"
    # the headline is Article.title, not a block of the body
    assert article.title
    assert not article.text.startswith("Harbour bridge closes")


# --- odd input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    ["", "   \n", "<<<>>>", "<html></html>", "<html><body></body></html>", "\x00\x01\x02", "<p>", "plain words"],
)
def test_bad_or_empty_html_gives_empty_article(html: str) -> None:
    article = extract(html, URL)
    assert isinstance(article, Article)
    assert_well_formed(article)
    if html.strip() in ("", "<<<>>>", "<html></html>", "<html><body></body></html>", "<p>", "\x00\x01\x02"):
        assert article.text == ""
        assert article.blocks == ()


def test_small_page_uses_its_own_paragraphs_not_a_page_dump() -> None:
    # under trafilatura's minimum size: its fallback would glue nav and footer in
    html = page("<p>A short note on the bridge closure.</p>").replace(
        "</body>", "<footer><p>Contact us</p></footer></body>"
    )
    article = extract(html, URL)
    assert block_texts(article) == ["A short note on the bridge closure."]


# --- plain text --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Harbour bridge closes\n\nThe council voted on Tuesday.\n\nOfficials said it would take months.",
        # odd whitespace: CRLF, tabs, non-breaking spaces, blank lines holding spaces, trailing newlines
        "  Title line \r\n\r\nFirst\tparagraph\u00a0here.\r\n   \r\nSecond  one.\n \n\n\n",
        "One paragraph only, no title at all.",
        "",
        "\n\n   \n",
    ],
)
def test_from_text_keeps_text_unchanged(text: str) -> None:
    article = from_text(text)
    assert article.text == text
    for block in article.blocks:
        segment = text[block.start : block.end]
        assert segment == segment.strip() and segment
        assert "\n\n" not in segment.replace("\r", "")
    starts = [b.start for b in article.blocks]
    assert starts == sorted(starts)


def test_from_text_blocks_and_title() -> None:
    text = "Harbour bridge closes\n\nThe council voted on Tuesday.\n  \nOfficials said it would take months."
    article = from_text(text)
    assert [(b.kind, text[b.start : b.end]) for b in article.blocks] == [
        ("heading", "Harbour bridge closes"),
        ("paragraph", "The council voted on Tuesday."),
        ("paragraph", "Officials said it would take months."),
    ]
    assert article.title == "Harbour bridge closes"


def test_from_text_first_sentence_is_not_a_title() -> None:
    # ends with a full stop: a paragraph, not a headline
    article = from_text("The council voted on Tuesday.\n\nOfficials said it would take months.")
    assert article.title == ""
    assert [b.kind for b in article.blocks] == ["paragraph", "paragraph"]


TWEET_AS_TEXT = (
    "Mayor quits\n\n"
    "The mayor resigned on Friday.\n"
    "The city's spokesman confirmed it, Doe said.\n"
    "Jane Doe had posted the news first.\n"
    "I am stepping down today.\n"
    "Thank you, #Springfield.\n"
    "pic.twitter.com/Ab12Cd — Jane Doe (@janedoe) October 6, 2017\n"
    "The council meets on Monday."
)


def test_from_text_a_post_copied_with_its_signature_is_an_embed_block() -> None:
    article = from_text(TWEET_AS_TEXT)
    text = article.text
    assert [(b.kind, text[b.start : b.end]) for b in article.blocks] == [
        ("heading", "Mayor quits"),
        # the line naming the author is the article introducing the post
        ("paragraph", "The mayor resigned on Friday.\nThe city's spokesman confirmed it, Doe said.\n"
                      "Jane Doe had posted the news first."),
        ("embed", "I am stepping down today.\nThank you, #Springfield.\n"
                  "pic.twitter.com/Ab12Cd — Jane Doe (@janedoe) October 6, 2017"),
        ("paragraph", "The council meets on Monday."),
    ]
    embed = article.blocks[2].embed
    assert embed is not None and embed.platform == "twitter" and embed.url is None


def test_from_text_a_post_is_no_longer_than_a_post() -> None:
    long_line = "The council had argued about the budget for months before the vote. " * 5
    text = f"{long_line.strip()}\nWe did it!\n— Springfield Council (@sfcouncil) May 2, 2021"
    article = from_text(text)
    assert [(b.kind, text[b.start : b.end]) for b in article.blocks] == [
        ("paragraph", long_line.strip()),
        ("embed", "We did it!\n— Springfield Council (@sfcouncil) May 2, 2021"),
    ]


def test_from_text_a_facebook_post_signature_and_two_posts_in_a_row() -> None:
    text = (
        "Our bakery is closed until Monday.\n"
        "Posted by Main Street Bakery on Tuesday, November 13, 2018\n"
        "First post.\n— Ann Lee (@annlee) May 2, 2021\n"
        "Second post.\n— Ann Lee (@annlee) May 3, 2021"
    )
    article = from_text(text)
    assert [(b.kind, b.embed.platform if b.embed else None, text[b.start : b.end]) for b in article.blocks] == [
        ("embed", "facebook", "Our bakery is closed until Monday.\n"
                              "Posted by Main Street Bakery on Tuesday, November 13, 2018"),
        ("embed", "twitter", "First post.\n— Ann Lee (@annlee) May 2, 2021"),
        ("embed", "twitter", "Second post.\n— Ann Lee (@annlee) May 3, 2021"),
    ]


# --- the seed page -----------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Article:
    html = (FIXTURES / "seed-article.html").read_text(encoding="utf-8")
    return extract(html, "https://dailydispatch.example/2019/09/17/us-bombs-syrian-army/")


def test_seed_metadata(seed: Article) -> None:
    assert seed.title == "US Bombs Syrian Army Units Battling ISIS; American Missiles Discovered in ISIS Cache"
    assert seed.published == "2019-09-17T08:12:00+00:00"
    assert seed.site == "The Daily Dispatch"
    assert seed.language == "en"


def test_seed_blocks_match_the_fixture_text(seed: Article) -> None:
    expected = (FIXTURES / "seed-article.txt").read_text(encoding="utf-8").split("\n\n")
    # the fixture's text starts with the headline and ends with the page furniture;
    # extracted text has plain spaces where the page has no-break ones
    expected = [chunk.replace("\u00a0", " ") for chunk in expected]
    body = expected[1 : expected.index("Recommended For You")]
    assert block_texts(seed) == body
    kinds = [b.kind for b in seed.blocks]
    assert kinds.count("paragraph") == 10
    assert kinds.count("caption") == 2
    assert kinds[1] == "caption" and kinds[6] == "caption"
    assert_well_formed(seed)


def test_seed_leaves_out_the_furniture(seed: Article) -> None:
    for marker in ("World", "Politics", "Recommended For You", "Oil Prices Jump", "Leave a Reply",
                   "email address will not be published", "Akismet", "Posted in", "\u00a9 2019"):
        assert marker not in seed.text


def test_trafilatura_fast_path_first_and_the_full_comparison_only_for_a_fragment(monkeypatch) -> None:
    import trafilatura

    calls: list[bool] = []
    real = trafilatura.bare_extraction

    def spy(*args, **kwargs):
        calls.append(kwargs.get("fast", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    article = extract(page("".join(para(i) for i in range(4))), URL)
    assert calls == [True]  # an article-sized answer: no comparison run
    assert PARAGRAPHS[3] in article.text
    calls.clear()
    extract(page("<p>The harbour bridge closed on Tuesday.</p>"), URL)
    assert calls == [True, False]  # a fragment: the full extraction too


def test_a_page_for_the_justext_fallback_reads_with_the_english_stop_list():
    # A page too short for trafilatura's own extraction goes to its jusText
    # fallback, which with no language builds a stop list of every language
    # (154,000 words, 31 MB kept for the life of the worker). The analysis
    # is English-only, so the fallback is given English: the page's words
    # still come through.
    import trafilatura.external

    html = page("<article><p>The council voted on Tuesday to close the library for repairs, "
                "officials said.</p></article>")
    article = extract(html, URL)
    assert "The council voted on Tuesday to close the library" in article.text
    stop_list = trafilatura.external.JT_STOPLIST
    assert stop_list is not None and "the" in stop_list and len(stop_list) < 1000

"""Posts copied into an article as text, with their embed signature and no link."""

from __future__ import annotations

import pytest
from handmade import article, doc

from sidenote.detectors.pasted_posts import detect
from sidenote.doc import Article, Block, Embed, Link
from sidenote.pipeline import analyze_html, analyze_text
from sidenote.pipeline.cards import candidates

POST = "The mayor lied to every one of us about the budget."
SIGNATURE = "— Jane Doe (@janedoe) October 6, 2017"


FILLER = ("<p>The council met on Monday evening to discuss the budget for the coming year, and members "
          "argued for hours about the cost of roads, schools and the new library.</p>") * 3


def _html_cards(body: str) -> list:
    """The post cards of a page whose HTML holds ``body`` between ordinary paragraphs."""
    html = (f"<html><head><title>Council row</title></head><body><article><h1>Council row</h1>"
            f"{FILLER}{body}{FILLER}</article></body></html>")
    # the detectors' proposals: the learned verifier decides separately what a reader sees
    return [c for c in candidates(analyze_html(html)) if c.title.startswith("A post from")]


def test_a_post_copied_as_text_gets_a_card_naming_its_author():
    cards = _html_cards(
        f"<p>The mayor answered critics on Monday.</p><p>{POST}<br>pic.twitter.com/Ab12Cd {SIGNATURE}</p>"
    )
    assert len(cards) == 1
    card = cards[0]
    assert (card.kind, card.severity) == ("unverified_social_quote", "caution")
    assert card.anchor.exact == POST  # the post's line, not the article's lead-in above it
    assert "a post by Jane Doe on X (Twitter)" in card.body
    assert [e.label for e in card.evidence] == ["post_signature"]
    assert card.evidence[0].exact.endswith("(@janedoe) October 6, 2017")


def test_words_on_the_signature_line_are_the_post():
    [card] = _html_cards(f"<p>{POST} {SIGNATURE}</p>")
    assert card.anchor.exact == POST


def test_a_facebook_post_copied_with_its_signature():
    [card] = _html_cards("<p>The station said nothing more.</p><p>We are cooperating fully with the police "
                         "investigation tonight.<br>Posted by FOX 5 San Diego on Tuesday, November 13, 2018</p>")
    assert "a post by FOX 5 San Diego on Facebook" in card.body


def test_a_signature_in_plain_text_makes_no_card():
    # Plain text keeps the embed's signature but not the link its date was:
    # whether the page linked the post is unknown, so no card.
    text = (
        f"Council row\n\nThe mayor answered critics on Monday.\n{POST}\n"
        f"pic.twitter.com/Ab12Cd {SIGNATURE}\nThe council meets again."
    )
    assert [c for c in candidates(analyze_text(text)) if c.title.startswith("A post from")] == []


def test_a_lead_in_line_is_not_taken_for_the_post():
    # Only a signature with nothing above but the article's "He tweeted:".
    assert _html_cards(f"<p>The mayor answered critics on Monday. He tweeted:<br>{SIGNATURE}</p>") == []


def _page(block_kind: str, links: tuple[Link, ...] = (), embed: Embed | None = None) -> Article:
    text = f"{POST} {SIGNATURE}"
    return Article(text=text, blocks=(Block(block_kind, 0, len(text), links, embed),))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("page", "expect_card"),
    [
        (_page("paragraph"), True),  # a page's paragraph holding a pasted post
        (_page("embed", embed=Embed("twitter", None)), False),  # plain text's reconstruction: unknown
        (_page("embed", embed=Embed("twitter", "https://twitter.com/janedoe/status/1")), False),  # embedded
        (_page("paragraph", links=(Link(0, 4, "https://twitter.com/janedoe/status/1"),)), False),  # linked
        (_page("paragraph", links=(Link(0, 4, "https://twitter.com/janedoe"),)), True),  # a profile is no post
    ],
)
def test_a_post_the_reader_can_open_gets_no_card(page, expect_card):
    assert bool(detect(doc(page))) is expect_card


def test_prose_without_a_signature_gets_no_card():
    assert detect(doc(article(["The mayor (@janedoe) said on October 6, 2017 that the budget was fine."]))) == []

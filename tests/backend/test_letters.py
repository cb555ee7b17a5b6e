"""Readers' letters: the paragraphs a page prints over each writer's name."""

from __future__ import annotations

from handmade import article, doc

from sidenote.letters import signed_paragraphs

INTRO = "Readers sound off on the governor's new stadium deal, which the council approved on Tuesday night."
LETTER_1 = "The governor is a con artist who sold this deal to people who will never use the stadium."
LETTER_2a = "I have lived in this city for forty years and never seen a worse use of public money."
LETTER_2b = "The council should be ashamed of signing it without a single public hearing."


def _signed(blocks: list[str]) -> list[str]:
    d = doc(article(blocks))
    return [d.text[a:b] for a, b in signed_paragraphs(d)]


def test_each_letter_is_signed_by_the_name_under_it():
    signed = _signed([INTRO, LETTER_1, "Debby James.", LETTER_2a, LETTER_2b, "Bruce R. Gary."])
    assert signed == [LETTER_1, LETTER_2a, LETTER_2b]  # not the page's own introduction


def test_a_place_line_after_a_signature_is_not_the_next_letter():
    signed = _signed([INTRO, LETTER_1, "Debby James.", "Mission Viejo, Calif.", LETTER_2a, "Bruce R. Gary."])
    assert signed == [LETTER_1, LETTER_2a]


def test_one_name_line_is_not_a_letters_page():
    assert _signed([INTRO, LETTER_1, "Debby James.", LETTER_2a]) == []


def test_names_heading_paragraphs_about_them_are_not_signatures():
    blocks = [
        "Here is where each candidate stands on the stadium deal after Tuesday's vote.",
        "Hillary Clinton.",
        "Clinton has said the city should not pay for private stadiums of any kind.",
        "Bernie Sanders.",
        "Sanders calls the deal corporate welfare and wants the money spent on schools.",
    ]
    assert _signed(blocks) == []


def test_headings_that_are_not_names_are_not_signatures():
    blocks = [INTRO, LETTER_1, "Rising Tensions.", LETTER_2a, "Division Over Iran.", LETTER_2b]
    assert _signed(blocks) == []


def test_a_page_of_more_name_lines_than_a_letters_page_has_is_not_one():
    from sidenote.letters import MAX_SIGNATURES

    def page(n: int) -> list[str]:
        blocks = [INTRO]
        for i in range(n):
            blocks += [LETTER_1, f"Ann B{'abcdefghijklmnopqrstuvwxyz'[i % 26]}{'abcdefghijklmnopqrstuvwxyz'[i // 26]}."]
        return blocks

    assert len(_signed(page(MAX_SIGNATURES))) == MAX_SIGNATURES
    assert _signed(page(MAX_SIGNATURES + 1)) == []

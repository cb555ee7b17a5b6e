"""English or not: the analysis runs on English articles only."""

from __future__ import annotations

import pytest

from sidenote.doc import Article, Block
from sidenote.pipeline.language import with_detected_language


def _article(text: str, language: str = "en") -> Article:
    return Article(text=text, blocks=(Block("paragraph", 0, len(text)),), language=language)


@pytest.mark.parametrize(
    ("text", "markup", "expected"),
    [
        ("The council voted on Tuesday to approve the budget, which was passed by a wide margin.", "en", "en"),
        # The template says "en" but the article is Portuguese.
        ("O professor apresenta, neste vídeo, uma loja incrível repleta de materiais didáticos.", "en", "und"),
        # The markup names the language: keep its code.
        ("Il governo ha approvato la legge di bilancio martedì con un ampio margine.", "it", "it"),
        # A mislabelled English page is English.
        ("The company said that it had raised prices in all of its stores in the region.", "de", "en"),
        ("서울시는 화요일 예산안을 승인했다.", "ko", "ko"),
    ],
)
def test_language_from_the_text(text, markup, expected):
    assert with_detected_language(_article(text, markup)).language == expected


def test_non_english_articles_get_no_claims_or_cards(client):
    text = "O professor apresenta, neste vídeo, uma loja incrível nos EUA, repleta de materiais didáticos e livros."
    body = client.post("/api/v1/analyze", json={"text": text}).get_json()
    assert body["claims"] == [] and body["cards"] == []
    assert body["article"]["text"] == text
    assert "English" in body["summary"]["headline"]

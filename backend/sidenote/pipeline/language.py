"""Is the article English? Sidenote's analysis is English-only for now.

Markup ``lang`` attributes are often wrong (templates say "en" on every
page), so the text decides: in English prose about a third of the words are
common function words; in other languages almost none are.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..doc import Article
from ..lexicon import load_words

WORD = re.compile(r"[^\W\d_]+")
MIN_SHARE = 0.12
SAMPLE_WORDS = 400


def english_share(text: str) -> float:
    words = WORD.findall(text[: SAMPLE_WORDS * 12])[:SAMPLE_WORDS]
    if not words:
        return 0.0
    common = load_words("language/english_function_words.txt")
    return sum(1 for w in words if w.lower() in common) / len(words)


def is_english(article: Article) -> bool:
    return article.language.lower().startswith("en")


def with_detected_language(article: Article) -> Article:
    """``article`` with ``language`` set from its text: "en" when it reads as
    English, else the markup's code when that is not English, else "und"."""
    if not article.text.strip():
        return article
    if english_share(article.text) >= MIN_SHARE:
        return article if article.language == "en" else replace(article, language="en")
    markup = article.language.lower()
    return replace(article, language=markup if markup and not markup.startswith("en") else "und")

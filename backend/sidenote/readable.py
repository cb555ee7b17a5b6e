"""The ``/analyze`` answer as text for a terminal (``sidenote analyze``).

It reads the very JSON the API sends (``serialize.to_json``), so the command
line never shows anything the extension would not: the summary first, then
the cards grouped by kind in reading order, each with the words it is
anchored on and its evidence.
"""

from __future__ import annotations

import textwrap
from typing import Any

from .serialize import CARD_KINDS, LINK_CARD_KINDS

WIDTH = 78
INDENT = "     "
# Anchors longer than this are shown by their two ends: the words are in
# the article, the reader needs enough to find them.
MAX_QUOTE = 160

HEADINGS = {
    "single_source": "Key claims resting on a single source",
    "unverified_social_quote": "Social-media quotes the page does not link to",
    "loaded_framing": "Loaded wording",
    "quote_not_in_source": "Quotations not on the page they link to",
}


def _shorten(text: str, limit: int = MAX_QUOTE) -> str:
    """``text`` on one line; when long, its first and last words around "…"."""
    words = text.split()
    if len(" ".join(words)) <= limit:
        return " ".join(words)
    head: list[str] = []
    tail: list[str] = []
    half = (limit - 3) // 2
    for word in words:
        if len(" ".join([*head, word])) > half:
            break
        head.append(word)
    for word in reversed(words[len(head) :]):
        if len(" ".join([word, *tail])) > half:
            break
        tail.insert(0, word)
    return " ".join(head) + " … " + " ".join(tail)


def _wrap(text: str, indent: str = INDENT) -> list[str]:
    lines = textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False)
    return lines or [indent.rstrip()]


def _evidence(card: dict[str, Any]) -> list[str]:
    items = []
    for e in card.get("evidence", []):
        item = f"“{_shorten(e['exact'], 60)}” ({e['label'].replace('_', ' ')})"
        if e.get("url"):
            item += f" → {e['url']}"
        items.append(item)
    return _wrap("Evidence: " + "; ".join(items)) if items else []


def _card(card: dict[str, Any]) -> list[str]:
    voice = {"outlet": ", the outlet's words", "quoted": ", a quoted speaker's words"}.get(card.get("voice") or "", "")
    lines = [f"  {card['id']:<4} [{card['severity']}{voice}] {card['title']}"]
    # The anchored words, as they stand in the article (quote marks and all).
    lines += _wrap(_shorten(card["anchor"]["exact"]), INDENT + "> ")
    lines += _wrap(card["body"])
    lines += _evidence(card)
    if card.get("found_on"):
        lines += _wrap("The quoted words are on the linked page: " + ", ".join(card["found_on"]))
    return lines


def _header(answer: dict[str, Any]) -> list[str]:
    article = answer["article"]
    lines = textwrap.wrap(article["title"] or "(no title)", WIDTH, break_on_hyphens=False)
    about = [article.get("site"), ", ".join(article.get("byline") or []), article.get("published"), article.get("url")]
    if any(about):
        lines.append(" · ".join(str(a) for a in about if a))
    return lines


def _links(answer: dict[str, Any]) -> list[str]:
    if "links" not in answer:
        return []
    lines = ["", f"Links followed ({len(answer['links'])})"]
    for link in answer["links"]:
        status = link["status"] + (f" {link['http_status']}" if link["http_status"] else "")
        title = f"  {link['title']}" if link["title"] else ""
        lines.append(f"  {status:<16} {link['url']}{title}")
    return lines


def render(answer: dict[str, Any]) -> str:
    """The answer of ``POST /api/v1/analyze`` as readable text."""
    lines = _header(answer) + [""] + textwrap.wrap(answer["summary"]["headline"], WIDTH, break_on_hyphens=False)
    known = CARD_KINDS + LINK_CARD_KINDS
    kinds = list(known) + sorted({c["kind"] for c in answer["cards"]} - set(known))
    for kind in kinds:
        cards = [c for c in answer["cards"] if c["kind"] == kind]
        if not cards:
            continue
        lines += ["", f"{HEADINGS.get(kind, kind.replace('_', ' ').capitalize())} ({len(cards)})"]
        for card in cards:
            lines += _card(card)
    lines += _links(answer)
    return "\n".join(lines) + "\n"

"""Run the product over the editors' pages and give every card a stable key.

A card's key is a hash of what a reader sees of it (page, kind, anchored
span, voice, title, body, evidence): a label holds only while the card reads
the same, so a card whose wording a change alters has no label until an
editor judges it again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sidenote.doc import Card, Doc
from sidenote.pipeline import analyze_html, analyze_text
from sidenote.pipeline import cards as cards_stage
from sidenote_eval.editor.pages import Page


@dataclass(frozen=True)
class ShownCard:
    key: str
    page: str
    kind: str
    start: int
    end: int
    record: dict


def analyse(page: Page) -> Doc:
    return analyze_html(page.body, page.url) if page.kind == "html" else analyze_text(page.body)


def card_record(page_id: str, card: Card) -> dict:
    evidence = [{"exact": e.exact, "start": e.start, "end": e.end, "label": e.label} for e in card.evidence]
    seen = {
        "page": page_id,
        "kind": card.kind,
        "start": card.anchor.start,
        "end": card.anchor.end,
        "voice": getattr(card, "voice", None),
        "severity": card.severity,
        "title": card.title,
        "body": card.body,
        "evidence": evidence,
    }
    key = hashlib.sha1(json.dumps(seen, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
    return {"key": key, **seen, "anchor": card.anchor.exact}


def shown_cards(page: Page, doc: Doc, candidates: bool = False) -> Iterator[ShownCard]:
    """The cards a reader sees on ``page``; with ``candidates``, every card
    the detectors proposed, before the verifier chose."""
    for card in cards_stage.candidates(doc) if candidates else doc.cards:
        rec = card_record(page.id, card)
        yield ShownCard(rec["key"], page.id, card.kind, card.anchor.start, card.anchor.end, rec)


def review_text(page: Page, doc: Doc, records: Iterable[dict]) -> str:
    """One page as an editor reads it: the article text, then its cards."""
    records = list(records)
    lines = [
        f"=== PAGE {page.id} ({len(records)} cards) ===", f"TITLE: {doc.article.title}", "TEXT:", doc.text, "CARDS:"
    ]
    for r in records:
        lines.append(f"[{r['key']}] kind={r['kind']} severity={r['severity']} voice={r['voice']}")
        lines.append(f"  title: {r['title']}")
        lines.append(f"  body: {r['body']}")
        lines.append(f"  anchor: «{r['anchor']}»")
        for e in r["evidence"]:
            lines.append(f"  evidence: «{e['exact']}» ({e['label']})")
    if not records:
        lines.append("(none)")
    return "\n".join(lines) + "\n\n"

"""Doc -> the JSON body of ``POST /api/v1/analyze`` (shared/API.md)."""

from __future__ import annotations

from typing import Any

from .doc import Card, Claim, Coverage, Doc, FollowedLink, Source
from .pipeline.language import is_english

CARD_KINDS = ("single_source", "unverified_social_quote", "loaded_framing")
# Kinds that only a follow_links request can produce; counted only then, so a
# plain answer is exactly what it was before links could be followed.
LINK_CARD_KINDS = ("quote_not_in_source",)

# How the summary names each kind, singular and plural.
KIND_PHRASES = {
    "single_source": ("claim rests on one source or none", "claims rest on one source or none"),
    "unverified_social_quote": (
        "social-media quote can't be checked from the page",
        "social-media quotes can't be checked from the page",
    ),
    "loaded_framing": ("passage uses loaded wording", "passages use loaded wording"),
    "quote_not_in_source": (
        "quotation is not on the page it links to",
        "quotations are not on the pages they link to",
    ),
}


def _source(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "name": source.name,
        "kind": source.kind,
        "description": source.description,
        "channel": source.channel,
        "url": source.url,
        "relayed_by": source.relayed_by,
        "mentions": [{"start": m.start, "end": m.end} for m in source.mentions],
    }


def _claim(claim: Claim, text: str) -> dict[str, Any]:
    return {
        "id": claim.id,
        "text": text[claim.start : claim.end],
        "start": claim.start,
        "end": claim.end,
        "score": round(claim.score, 4),
        "key": claim.key,
        "sources": list(claim.sources),
        "flags": list(claim.flags),
    }


def _card(card: Card) -> dict[str, Any]:
    a = card.anchor
    return {
        "id": card.id,
        "kind": card.kind,
        "severity": card.severity,
        "title": card.title,
        "body": card.body,
        "claim": card.claim,
        "anchor": {"exact": a.exact, "prefix": a.prefix, "suffix": a.suffix, "start": a.start, "end": a.end},
        "evidence": [
            {"exact": e.exact, "start": e.start, "end": e.end, "label": e.label, **({"url": e.url} if e.url else {})}
            for e in card.evidence
        ],
        "voice": card.voice,
        **({"found_on": list(card.found_on)} if card.found_on else {}),
    }


def _followed(link: FollowedLink) -> dict[str, Any]:
    return {"url": link.url, "status": link.status, "http_status": link.http_status, "title": link.title}


def headline(doc: Doc) -> str:
    findings, note = _findings(doc), coverage_note(doc.coverage)
    return f"{findings.rstrip('.')}. {note}" if note else findings


def coverage_note(coverage: Coverage | None) -> str:
    """What a limit of pipeline/budget.py left out, in words ("" when nothing)."""
    if coverage is None or coverage.complete:
        return ""
    notes = []
    if "page_too_large" in coverage.limits:
        notes.append("The page is very large: only its first part was read.")
    if "text_too_long" in coverage.limits:
        notes.append(
            f"Only the first {coverage.analysed_chars:,} of {coverage.text_chars:,} characters were analysed."
        )
    if "deadline" in coverage.limits:
        notes.append(f"The analysis ran out of time before: {', '.join(coverage.skipped_stages)}.")
    return " ".join(notes)


def _coverage(doc: Doc) -> dict[str, Any]:
    c = doc.coverage or Coverage(len(doc.article.text), len(doc.article.text))
    return {
        "complete": c.complete,
        "analysed_chars": c.analysed_chars,
        "text_chars": c.text_chars,
        "limits": list(c.limits),
        "skipped_stages": list(c.skipped_stages),
    }


def _findings(doc: Doc) -> str:
    if doc.coverage is not None and {"claims", "cards"} & set(doc.coverage.skipped_stages):
        return "Only partly analysed: this page took too long"
    if not doc.article.text.strip():
        return "No article text found on this page."
    if not is_english(doc.article):
        return "This article is not in English; Sidenote analyses English articles only, for now."
    n_claims = len(doc.claims)
    checked = f"{n_claims} claim{'s' if n_claims != 1 else ''} checked"
    if not doc.cards:
        return f"{checked}, no sourcing or framing issues found"
    parts = []
    for kind in CARD_KINDS + LINK_CARD_KINDS:
        n = sum(1 for c in doc.cards if c.kind == kind)
        if n:
            one, many = KIND_PHRASES[kind]
            parts.append(f"{n} {one if n == 1 else many}")
    return f"{checked}: " + "; ".join(parts)


def to_json(doc: Doc, version: str, url: str | None) -> dict[str, Any]:
    article = doc.article
    text = article.text
    kinds = CARD_KINDS + (LINK_CARD_KINDS if doc.followed_links is not None else ())
    counts = {kind: sum(1 for c in doc.cards if c.kind == kind) for kind in kinds}
    return {
        "version": version,
        "article": {
            "url": article.url or url,
            "title": article.title,
            "byline": list(article.byline),
            "published": article.published,
            "site": article.site,
            "language": article.language,
            "text": text,
            "blocks": [
                {
                    "kind": b.kind,
                    "start": b.start,
                    "end": b.end,
                    "links": [{"start": link.start, "end": link.end, "href": link.href} for link in b.links],
                    "embed": (
                        {"platform": b.embed.platform, "url": b.embed.url} if b.embed else None
                    ),
                }
                for b in article.blocks
            ],
        },
        "claims": [_claim(c, text) for c in doc.claims],
        "sources": [_source(s) for s in doc.sources],
        "cards": [_card(c) for c in doc.cards],
        "summary": {"headline": headline(doc), "counts": counts, "coverage": _coverage(doc)},
        **({"links": [_followed(link) for link in doc.followed_links]} if doc.followed_links is not None else {}),
    }

"""The JSON Schemas (draft 2020-12) of the HTTP API: the one description of
what ``/api/v1`` takes and sends.

``openapi.py`` publishes them as ``GET /api/v1/openapi.json``; nothing else
describes the API's shapes. The tests hold the code to them: real answers
(the seed article, a text request, a follow_links answer, every error) are
validated against :func:`strict` copies, which forbid any field not
described here, so ``serialize.py`` cannot add, drop or rename a field
without this file following. Enumerations are read from the code's own
``Literal`` types (``sidenote/doc.py``), so a new card kind or link status
appears here by itself.

The published schemas leave objects open: the contract (shared/API.md) says
more fields may be added, and clients must ignore the ones they do not know.
"""

from __future__ import annotations

import copy
from typing import Any, get_args

from .doc import BlockKind, CardKind, CoverageLimit, LinkStatus, Severity, SourceKind, Voice

JSONSchema = dict[str, Any]

REF = "#/components/schemas/"


def ref(name: str) -> JSONSchema:
    return {"$ref": REF + name}


def _enum(literal: Any) -> list[str]:
    return list(get_args(literal))


OFFSET: JSONSchema = {
    "type": "integer",
    "minimum": 0,
    "description": "A Python str index (Unicode code point) into article.text.",
}
NULLABLE_STRING: JSONSchema = {"type": ["string", "null"]}
STRINGS: JSONSchema = {"type": "array", "items": {"type": "string"}}


def _span(description: str, **more: JSONSchema) -> JSONSchema:
    """An object with ``start``/``end`` offsets (start inclusive, end exclusive)."""
    return {
        "type": "object",
        "description": description,
        "required": ["start", "end", *more],
        "properties": {"start": OFFSET, "end": OFFSET, **more},
    }


ANALYZE_REQUEST: JSONSchema = {
    "type": "object",
    "description": (
        "Exactly one of html and text. Other fields are ignored. "
        "The body as sent is the cache key: the same bytes get the same answer."
    ),
    "properties": {
        "html": {"type": "string", "description": "The page's full HTML as the browser has it."},
        "text": {
            "type": "string",
            "description": (
                "Plain text instead of html, paragraphs separated by blank lines. Extraction is "
                "skipped and article.text is this text unchanged."
            ),
        },
        "url": {
            "type": ["string", "null"],
            "description": "The page's address: resolves relative links; part of the cache key. Never fetched.",
        },
        "follow_links": {
            "type": ["boolean", "null"],
            "description": (
                "Open up to 10 of the article's own public http(s) links (3 s in all) and check the "
                "quotations credited to them: adds links[] and quote_not_in_source cards. Off unless true."
            ),
        },
    },
    "oneOf": [{"required": ["html"]}, {"required": ["text"]}],
}

LINK: JSONSchema = _span("A hyperlink inside a block: the linked words and where they point.", href={"type": "string"})

EMBED: JSONSchema = {
    "type": "object",
    "description": "An embedded social post or video.",
    "required": ["platform", "url"],
    "properties": {"platform": {"type": "string"}, "url": NULLABLE_STRING},
}

BLOCK: JSONSchema = _span(
    "A paragraph, heading, caption, quote, list item or embed of article.text.",
    kind={"enum": _enum(BlockKind)},
    links={"type": "array", "items": ref("Link"), "description": "Added by this backend."},
    embed={"anyOf": [ref("Embed"), {"type": "null"}], "description": "Added by this backend."},
)

ARTICLE: JSONSchema = {
    "type": "object",
    "required": ["url", "title", "byline", "published", "site", "language", "text", "blocks"],
    "properties": {
        "url": NULLABLE_STRING,
        "title": {"type": "string"},
        "byline": STRINGS,
        "published": {"type": ["string", "null"], "description": "ISO 8601, or null rather than a guess."},
        "site": NULLABLE_STRING,
        "language": {"type": "string", "description": "\"en\", another language's code, or \"und\"."},
        "text": {"type": "string", "description": "The text that was analysed: blocks joined by two newlines."},
        "blocks": {"type": "array", "items": ref("Block")},
    },
}

CLAIM: JSONSchema = _span(
    "A sentence that states a check-worthy fact.",
    id={"type": "string", "pattern": "^c[0-9]+$"},
    text={"type": "string", "description": "article.text[start:end]"},
    score={"type": "number", "minimum": 0, "maximum": 1},
    key={"type": "boolean", "description": "One of the few a reader should look at first."},
    sources={"type": "array", "items": {"type": "string", "pattern": "^s[0-9]+$"}},
    flags=STRINGS,
)

SOURCE: JSONSchema = {
    "type": "object",
    "description": "Who or what the article credits.",
    "required": ["id", "name", "kind", "description", "channel", "url", "relayed_by", "mentions"],
    "properties": {
        "id": {"type": "string", "pattern": "^s[0-9]+$"},
        "name": {"type": "string"},
        "kind": {"enum": _enum(SourceKind)},
        "description": NULLABLE_STRING,
        "channel": {"type": ["string", "null"], "description": "The platform of a social_media source."},
        "url": {"type": ["string", "null"], "description": "A link to the original, when the page gives one."},
        "relayed_by": {
            "type": ["string", "null"],
            "description": "Added by this backend: the id of the media source relaying this one (one chain).",
        },
        "mentions": {"type": "array", "items": _span("Words that name the source.")},
    },
}

ANCHOR: JSONSchema = _span(
    "Where the card goes: article.text[start:end] == exact.",
    exact={"type": "string"},
    prefix={"type": "string", "maxLength": 32},
    suffix={"type": "string", "maxLength": 32},
)

EVIDENCE: JSONSchema = _span(
    "Words that support the card, each with a label.",
    exact={"type": "string"},
    label={"type": "string"},
)
EVIDENCE["properties"]["url"] = {
    "type": "string",
    "description": "quote_not_in_source only: where the linked words point.",
}

CARD: JSONSchema = {
    "type": "object",
    "required": ["id", "kind", "severity", "title", "body", "claim", "anchor", "evidence", "voice"],
    "properties": {
        "id": {"type": "string", "pattern": "^k[0-9]+$"},
        "kind": {
            "enum": _enum(CardKind),
            "description": "quote_not_in_source comes only with follow_links.",
        },
        "severity": {"enum": _enum(Severity)},
        "title": {"type": "string"},
        "body": {"type": "string"},
        "claim": {"type": ["string", "null"], "description": "The id of the claim the card is about."},
        "anchor": ref("Anchor"),
        "evidence": {"type": "array", "items": ref("Evidence")},
        "voice": {
            "enum": [*_enum(Voice), None],
            "description": "Added by this backend. loaded_framing: the outlet's own words, or a quoted speaker's.",
        },
        "found_on": {
            "type": "array",
            "items": {"type": "string"},
            "description": "follow_links only: linked pages found to hold the quotation this card covers.",
        },
    },
}

SUMMARY: JSONSchema = {
    "type": "object",
    "required": ["headline", "counts", "coverage"],
    "properties": {
        "headline": {"type": "string", "description": "One line a reader sees first."},
        "counts": {
            "type": "object",
            "description": "Cards per kind; quote_not_in_source is counted only with follow_links.",
            "required": ["single_source", "unverified_social_quote", "loaded_framing"],
            "propertyNames": {"enum": _enum(CardKind)},
            "additionalProperties": {"type": "integer", "minimum": 0},
        },
        "coverage": {
            "type": "object",
            "description": (
                "How much of the article was analysed (docs/robustness.md): the first analysed_chars of "
                "article.text, cut short by the limits named, with the stages named not run."
            ),
            "required": ["complete", "analysed_chars", "text_chars", "limits", "skipped_stages"],
            "properties": {
                "complete": {"type": "boolean"},
                "analysed_chars": {"type": "integer", "minimum": 0},
                "text_chars": {"type": "integer", "minimum": 0},
                "limits": {"type": "array", "items": {"enum": _enum(CoverageLimit)}},
                "skipped_stages": {"type": "array", "items": {"type": "string"}},
            },
        },
    },
}

FOLLOWED_LINK: JSONSchema = {
    "type": "object",
    "description": "One of the article's links as the backend fetched it (follow_links only).",
    "required": ["url", "status", "http_status", "title"],
    "properties": {
        "url": {"type": "string"},
        "status": {"enum": _enum(LinkStatus)},
        "http_status": {"type": ["integer", "null"]},
        "title": NULLABLE_STRING,
    },
}

ANALYZE_RESPONSE: JSONSchema = {
    "type": "object",
    "required": ["version", "article", "claims", "sources", "cards", "summary"],
    "properties": {
        "version": {"type": "string", "description": "The pipeline version; part of every cache key."},
        "article": ref("Article"),
        "claims": {"type": "array", "items": ref("Claim")},
        "sources": {"type": "array", "items": ref("Source")},
        "cards": {"type": "array", "items": ref("Card")},
        "summary": ref("Summary"),
        "links": {
            "type": "array",
            "items": ref("FollowedLink"),
            "description": "Present exactly when the request asked for follow_links.",
        },
    },
}

HEALTH: JSONSchema = {
    "type": "object",
    "required": ["status", "version", "cache"],
    "properties": {
        "status": {"const": "ok"},
        "version": {"type": "string"},
        "cache": {"enum": ["redis", "memory"], "description": "Where answers are cached now."},
    },
}

ERROR: JSONSchema = {
    "type": "object",
    "description": "Every error. A 500 never carries a traceback.",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {
                    "type": "string",
                    "pattern": "^[a-z][a-z0-9_]*$",
                    "description": (
                        "snake_case, e.g. malformed_json, invalid_request, payload_too_large, "
                        "unsupported_media_type, rate_limited, unavailable, deadline_reached, internal_error, "
                        "stage_failed."
                    ),
                },
                "message": {"type": "string", "minLength": 1, "description": "What a person can do about it."},
            },
        }
    },
}

OPENAPI_DOCUMENT: JSONSchema = {
    "type": "object",
    "description": "This document.",
    "required": ["openapi", "info", "paths", "components"],
    "properties": {"openapi": {"const": "3.1.0"}, "info": {"type": "object"}, "paths": {"type": "object"}},
}

SCHEMAS: dict[str, JSONSchema] = {
    "AnalyzeRequest": ANALYZE_REQUEST,
    "AnalyzeResponse": ANALYZE_RESPONSE,
    "Article": ARTICLE,
    "Block": BLOCK,
    "Link": LINK,
    "Embed": EMBED,
    "Claim": CLAIM,
    "Source": SOURCE,
    "Card": CARD,
    "Anchor": ANCHOR,
    "Evidence": EVIDENCE,
    "Summary": SUMMARY,
    "FollowedLink": FOLLOWED_LINK,
    "Health": HEALTH,
    "Error": ERROR,
    "OpenAPIDocument": OPENAPI_DOCUMENT,
}

# Answers the tests check strictly; the request and this document itself are
# open by design (the API ignores unknown request fields).
OPEN_BY_DESIGN = frozenset({"AnalyzeRequest", "OpenAPIDocument"})


def _close(schema: Any) -> Any:
    if isinstance(schema, dict):
        out = {k: _close(v) for k, v in schema.items()}
        if "properties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [_close(v) for v in schema]
    return schema


def strict(schemas: dict[str, JSONSchema] = SCHEMAS) -> dict[str, JSONSchema]:
    """``schemas`` with every described object closed to undescribed fields
    (``additionalProperties: false``), except those open by design."""
    return {name: copy.deepcopy(s) if name in OPEN_BY_DESIGN else _close(s) for name, s in schemas.items()}


def root(name: str, schemas: dict[str, JSONSchema] = SCHEMAS) -> JSONSchema:
    """A self-contained schema for ``name``: its ``$ref`` s resolve inside it,
    laid out as in the OpenAPI document (``#/components/schemas/...``)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": REF + name,
        "components": {"schemas": schemas},
    }

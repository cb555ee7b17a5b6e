"""The OpenAPI 3.1 document of ``/api/v1``, served at ``/api/v1/openapi.json``.

Built from :mod:`sidenote.schema` (the shapes) and the statuses the API
answers with; nothing here restates a field. The prose of the contract is
shared/API.md.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from .pipeline import VERSION
from .schema import SCHEMAS, JSONSchema, ref

JSON = "application/json"

# Status -> (component name, description): the error shape and statuses of
# shared/API.md, "Errors".
ERRORS: dict[int, tuple[str, str]] = {
    400: (
        "BadRequest",
        "Malformed JSON, a body that is not an object, neither or both of html and text, or a field of the wrong type.",
    ),
    413: ("PayloadTooLarge", "The body is over the limit (5 MB by default; SIDENOTE_MAX_CONTENT_LENGTH)."),
    415: ("UnsupportedMediaType", "The body was not sent as application/json."),
    429: ("RateLimited", "Too many requests from this client (SIDENOTE_RATE_LIMIT per minute; 0 turns it off)."),
    503: (
        "Unavailable",
        "Overloaded, shutting down, or out of time (unavailable, deadline_reached): try again shortly.",
    ),
    500: ("InternalError", "A bug in Sidenote. The message names the failing stage; never a traceback."),
}

# Which errors each operation can answer with.
ANALYZE_ERRORS = (400, 413, 415, 429, 503, 500)
GET_ERRORS = (503, 500)


def _json(schema: JSONSchema, description: str, **more: Any) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": schema}}, **more}


def _errors(statuses: tuple[int, ...]) -> dict[str, Any]:
    return {str(s): {"$ref": f"#/components/responses/{ERRORS[s][0]}"} for s in statuses}


ANALYZE_HEADERS = {
    "X-Sidenote-Cache": {
        "description": "Whether the answer came from the cache.",
        "required": True,
        "schema": {"enum": ["hit", "miss"]},
    },
    "Server-Timing": {
        "description": "Standard Server-Timing: request, analysis (and links), total, in ms.",
        "required": True,
        "schema": {"type": "string"},
    },
}

EXAMPLE_TEXT = (
    "City council approves new budget\n\nThe city council voted 7-2 on Tuesday to approve a "
    "$4.2 billion budget, the mayor's office said."
)


def _paths() -> dict[str, Any]:
    return {
        "/api/v1/analyze": {
            "post": {
                "operationId": "analyze",
                "summary": "Context cards for a news page (or plain text).",
                "description": (
                    "Extracts the article, finds its check-worthy claims and who they are credited to, "
                    "and returns context cards anchored to article.text. A page with no article text is "
                    "a 200 with no claims and no cards. With follow_links, also fetches the article's "
                    "own public links and adds links[] and quote_not_in_source cards."
                ),
                "requestBody": {
                    "required": True,
                    "content": {
                        JSON: {
                            "schema": ref("AnalyzeRequest"),
                            "examples": {
                                "html": {"value": {"url": "https://example.org/story", "html": "<html>…</html>"}},
                                "text": {"value": {"text": EXAMPLE_TEXT}},
                                "follow_links": {
                                    "value": {
                                        "url": "https://example.org/story",
                                        "html": "<html>…</html>",
                                        "follow_links": True,
                                    }
                                },
                            },
                        }
                    },
                },
                "responses": {
                    "200": _json(ref("AnalyzeResponse"), "The analysis.", headers=ANALYZE_HEADERS),
                    **_errors(ANALYZE_ERRORS),
                },
            }
        },
        "/api/v1/health": {
            "get": {
                "operationId": "health",
                "summary": "Is the backend up, which pipeline version, which cache.",
                "responses": {"200": _json(ref("Health"), "Up."), **_errors(GET_ERRORS)},
            }
        },
        "/api/v1/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "This document.",
                "responses": {
                    "200": _json(ref("OpenAPIDocument"), "This OpenAPI 3.1 document."),
                    **_errors(GET_ERRORS),
                },
            }
        },
    }


@cache
def _document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Sidenote backend",
            "version": "1",
            "summary": "Context cards for news articles: sourcing and wording, never a verdict on truth.",
            "description": (
                "The contract is shared/API.md; this document is generated from the backend's own "
                f"schemas (sidenote/schema.py). Pipeline version: {VERSION}. All offsets are Python str "
                "indices (Unicode code points) into article.text, start inclusive, end exclusive."
            ),
        },
        "paths": _paths(),
        "components": {
            "schemas": SCHEMAS,
            "responses": {
                name: _json(ref("Error"), description) for name, description in ERRORS.values()
            },
        },
    }


def document() -> dict[str, Any]:
    """The OpenAPI document (a fresh copy: callers may change it freely)."""
    return copy.deepcopy(_document())

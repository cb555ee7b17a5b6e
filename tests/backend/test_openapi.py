"""``GET /api/v1/openapi.json``: a valid OpenAPI 3.1 document, built from
sidenote/schema.py, and real answers of every kind held to those schemas."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator

import pytest
from api_contract import assert_valid, problems
from local_servers import LocalServer, page
from openapi_spec_validator import OpenAPIV31SpecValidator, validate
from werkzeug.exceptions import ServiceUnavailable

from sidenote import create_app, openapi, pipeline, schema, serialize

SEED_URL = "https://dispatch.example/2019/09/17/us-bombs/"
TEXT = (
    "City council approves new budget\n\n"
    "The city council voted 7-2 on Tuesday to approve a $4.2 billion budget, "
    "the mayor's office said.\n\n"
    "Critics called the plan a “reckless” giveaway, an official wrote on Twitter.\n\n"
    "The so-called reformers on the council, a gang of globalist thugs, stayed silent."
)


def make_app(**config: object):
    return create_app({"TESTING": True, "REDIS_URL": None, "RATE_LIMIT": 0, **config})


@pytest.fixture(scope="module")
def doc() -> dict:
    r = make_app().test_client().get("/api/v1/openapi.json")
    assert r.status_code == 200 and r.mimetype == "application/json"
    return r.get_json()


# --- the document ----------------------------------------------------------------


def test_the_document_is_valid_openapi_3_1(doc):
    validate(doc, cls=OpenAPIV31SpecValidator)  # raises on any fault
    assert doc["openapi"] == "3.1.0"
    assert_valid("OpenAPIDocument", doc)


def test_the_document_lists_every_endpoint_with_its_statuses(doc):
    paths = doc["paths"]
    assert set(paths) == {"/api/v1/analyze", "/api/v1/health", "/api/v1/openapi.json"}
    analyze = paths["/api/v1/analyze"]["post"]
    assert set(analyze["responses"]) == {"200", "400", "413", "415", "429", "503", "500"}
    schema = analyze["requestBody"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/AnalyzeRequest"}
    assert set(analyze["responses"]["200"]["headers"]) == {"X-Sidenote-Cache", "Server-Timing"}
    for path in ("/api/v1/health", "/api/v1/openapi.json"):
        assert set(paths[path]["get"]["responses"]) == {"200", "503", "500"}
    for name in (
        "BadRequest", "PayloadTooLarge", "UnsupportedMediaType", "RateLimited", "Unavailable", "InternalError"
    ):
        response = doc["components"]["responses"][name]
        assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}


def test_the_document_describes_follow_links_and_the_fields_this_backend_adds(doc):
    schemas = doc["components"]["schemas"]
    assert "follow_links" in schemas["AnalyzeRequest"]["properties"]
    assert schemas["AnalyzeResponse"]["properties"]["links"]["items"] == {"$ref": "#/components/schemas/FollowedLink"}
    assert "quote_not_in_source" in schemas["Card"]["properties"]["kind"]["enum"]
    assert {"url", "found_on"} <= set(schemas["Evidence"]["properties"]) | set(schemas["Card"]["properties"])
    # README, "The API in brief": the fields this backend adds to the contract.
    assert {"links", "embed"} <= set(schemas["Block"]["properties"])
    assert "relayed_by" in schemas["Source"]["properties"]
    assert "voice" in schemas["Card"]["properties"]


def test_the_served_document_is_the_built_one(doc):
    assert doc == json.loads(json.dumps(openapi.document()))


def test_enumerations_are_the_codes_own():
    card_kinds = schema.SCHEMAS["Card"]["properties"]["kind"]["enum"]
    assert card_kinds == list(serialize.CARD_KINDS + serialize.LINK_CARD_KINDS)
    assert schema.SCHEMAS["Summary"]["properties"]["counts"]["required"] == list(serialize.CARD_KINDS)


# --- real answers, held to the strict schemas -------------------------------------


def test_the_seed_answer_matches_the_schema(seed_html):
    r = make_app().test_client().post("/api/v1/analyze", json={"url": SEED_URL, "html": seed_html})
    assert r.status_code == 200
    body = r.get_json()
    assert body["cards"] and body["claims"] and body["sources"]
    assert {c["kind"] for c in body["cards"]} == {"single_source", "unverified_social_quote", "loaded_framing"}
    assert any(c["voice"] for c in body["cards"])
    assert_valid("AnalyzeResponse", body)


def test_a_text_answer_and_an_empty_page_match_the_schema():
    client = make_app().test_client()
    text = client.post("/api/v1/analyze", json={"text": TEXT}).get_json()
    assert text["claims"]
    assert_valid("AnalyzeResponse", text)
    empty = client.post("/api/v1/analyze", json={"html": "<html><body></body></html>"}).get_json()
    assert empty["cards"] == [] and empty["article"]["text"] == ""
    assert_valid("AnalyzeResponse", empty)


@pytest.fixture
def linked() -> Iterator[LocalServer]:
    server = LocalServer()
    yield server
    server.close()


def test_a_follow_links_answer_matches_the_schema(linked):
    quote = "We will never raise taxes on working families"
    url = linked.route("/statement", page("We will cut taxes for small firms.", title="Statement"))
    html = (
        "<html><head><title>Budget row</title></head><body><article><h1>Budget row</h1>"
        "<p>The finance ministry defended the plan on Tuesday.</p>"
        f"<p>\u201c{quote},\u201d the ministry said in <a href=\"{url}\">a statement</a>.</p></article></body></html>"
    )
    client = make_app(FETCH_ALLOW=linked.hostport).test_client()
    request = {"url": "https://paper.example/a", "html": html, "follow_links": True}
    body = client.post("/api/v1/analyze", json=request).get_json()
    assert body["links"] == [{"url": url, "status": "ok", "http_status": 200, "title": "Statement"}]
    (card,) = [c for c in body["cards"] if c["kind"] == "quote_not_in_source"]
    assert card["evidence"][0]["url"] == url
    assert_valid("AnalyzeResponse", body)


def test_health_matches_the_schema():
    r = make_app().test_client().get("/api/v1/health")
    assert r.status_code == 200
    assert_valid("Health", r.get_json())


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert_valid("Error", body)
    return body["error"]


@pytest.mark.parametrize(
    ("data", "content_type", "code"),
    [
        (b"{not json", "application/json", "malformed_json"),
        (b"[1, 2]", "application/json", "invalid_request"),
        (b'{"html": "<p>x</p>", "text": "x"}', "application/json", "invalid_request"),
        (b'{"text": "x", "follow_links": "yes"}', "application/json", "invalid_request"),
    ],
)
def test_400s_match_the_schema(data, content_type, code):
    r = make_app().test_client().post("/api/v1/analyze", data=data, content_type=content_type)
    assert _error(r, 400)["code"] == code


def test_413_matches_the_schema():
    r = make_app(MAX_CONTENT_LENGTH=1000).test_client().post("/api/v1/analyze", json={"html": "x" * 2000})
    assert _error(r, 413)["code"] == "payload_too_large"


def test_415_matches_the_schema():
    r = make_app().test_client().post("/api/v1/analyze", data=b"text=x", content_type="text/plain")
    assert _error(r, 415)["code"] == "unsupported_media_type"


def test_429_matches_the_schema():
    client = make_app(RATE_LIMIT=1).test_client()
    assert client.post("/api/v1/analyze", json={"text": "Hello."}).status_code == 200
    assert _error(client.post("/api/v1/analyze", json={"text": "Hello."}), 429)["code"] == "rate_limited"


def test_500_matches_the_schema(monkeypatch):
    def broken(doc):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(pipeline, "STAGES", tuple((n, broken if n == "claims" else f) for n, f in pipeline.STAGES))
    r = make_app().test_client().post("/api/v1/analyze", json={"text": TEXT})
    error = _error(r, 500)
    assert error["code"] == "stage_failed" and "secret" not in error["message"]


def test_503_matches_the_schema(monkeypatch):
    # Nothing in the app sheds load yet; a 503 raised anywhere inside a
    # request leaves through the same handler as any other HTTP error.
    def overloaded(*args: object, **kwargs: object):
        raise ServiceUnavailable()

    monkeypatch.setattr(pipeline, "analyze_text", overloaded)
    r = make_app().test_client().post("/api/v1/analyze", json={"text": "Hello."})
    assert _error(r, 503)["code"] == "unavailable"


def test_404_and_405_match_the_error_schema():
    client = make_app().test_client()
    _error(client.get("/api/v1/nowhere"), 404)
    _error(client.get("/api/v1/analyze"), 405)


def test_a_405_names_the_methods_the_endpoint_takes():
    # Found by schemathesis (RFC 9110: a 405 carries Allow); it was missing.
    client = make_app().test_client()
    assert set(client.get("/api/v1/analyze").headers["Allow"].split(", ")) == {"POST", "OPTIONS"}
    assert set(client.post("/api/v1/health").headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "Allow" not in client.get("/api/v1/nowhere").headers


# --- the strict check does catch drift -------------------------------------------


def test_an_undescribed_or_missing_field_breaks_the_strict_schema(seed_html):
    # The seed article: its specified cards are shown whatever the learned
    # verifier decides, so there is always a card to alter.
    body = make_app().test_client().post("/api/v1/analyze", json={"html": seed_html}).get_json()
    assert body["cards"], "the text must make at least one card"
    assert problems("AnalyzeResponse", body) == []

    added = copy.deepcopy(body)
    added["cards"][0]["confidence"] = 0.9
    assert any("confidence" in p for p in problems("AnalyzeResponse", added))

    dropped = copy.deepcopy(body)
    del dropped["article"]["blocks"][0]["embed"]
    assert any("embed" in p for p in problems("AnalyzeResponse", dropped))

    renamed = copy.deepcopy(body)
    renamed["cards"][0]["kind"] = "single-source"
    assert problems("AnalyzeResponse", renamed)

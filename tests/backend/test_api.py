"""The HTTP contract (shared/API.md), through Flask's test client."""

from __future__ import annotations

import json

import pytest

from sidenote import create_app, pipeline

EXT_ORIGIN = "chrome-extension://" + "a" * 32
FIREFOX_ORIGIN = "moz-extension://0b5e8c1a-7f0e-4a57-9d55-1c2f3e4a5b6c"

SIMPLE_TEXT = (
    "City council approves new budget\n\n"
    "The city council voted 7-2 on Tuesday to approve a $4.2 billion budget, "
    "the mayor's office said.\n\n"
    "The budget raises spending on transit by 12 percent."
)


def _assert_offsets(body: dict) -> None:
    text = body["article"]["text"]
    for block in body["article"]["blocks"]:
        assert 0 <= block["start"] <= block["end"] <= len(text)
    for claim in body["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]
    for source in body["sources"]:
        for m in source["mentions"]:
            assert 0 <= m["start"] < m["end"] <= len(text)
    for card in body["cards"]:
        a = card["anchor"]
        assert text[a["start"] : a["end"]] == a["exact"]
        assert text[max(0, a["start"] - len(a["prefix"])) : a["start"]] == a["prefix"]
        assert text[a["end"] : a["end"] + len(a["suffix"])] == a["suffix"]
        for e in card["evidence"]:
            assert text[e["start"] : e["end"]] == e["exact"]


def test_health_names_the_cache(client):
    r = client.get("/api/v1/health")
    assert r.status_code == 200
    assert r.get_json() == {"status": "ok", "version": pipeline.VERSION, "cache": "memory"}


def test_analyze_text_keeps_text_unchanged(client):
    r = client.post("/api/v1/analyze", json={"text": SIMPLE_TEXT})
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_json()
    assert body["article"]["text"] == SIMPLE_TEXT
    assert body["version"] == pipeline.VERSION
    assert set(body) >= {"version", "article", "claims", "sources", "cards", "summary"}
    assert set(body["summary"]["counts"]) == {"single_source", "unverified_social_quote", "loaded_framing"}
    _assert_offsets(body)


def test_analyze_html_returns_article_and_valid_offsets(client, seed_html):
    r = client.post("/api/v1/analyze", json={"html": seed_html, "url": "https://dispatch.example/2019/09/17/us-bombs/"})
    assert r.status_code == 200
    body = r.get_json()
    assert body["article"]["title"].startswith("US Bombs Syrian Army Units")
    assert body["article"]["url"] == "https://dispatch.example/2019/09/17/us-bombs/"
    assert body["claims"] and body["cards"]
    _assert_offsets(body)


def test_second_identical_request_is_a_cache_hit(client):
    first = client.post("/api/v1/analyze", json={"text": SIMPLE_TEXT})
    second = client.post("/api/v1/analyze", json={"text": SIMPLE_TEXT})
    assert first.headers["X-Sidenote-Cache"] == "miss"
    assert second.headers["X-Sidenote-Cache"] == "hit"
    assert first.get_json() == second.get_json()


def _timing(header: str) -> dict[str, float]:
    parts = (part.strip().split(";dur=") for part in header.split(","))
    return {name: float(ms) for name, ms in parts}


def test_server_timing_splits_analysis_from_the_whole_request(client):
    miss = client.post("/api/v1/analyze", json={"text": SIMPLE_TEXT, "url": "https://t.example/st"})
    hit = client.post("/api/v1/analyze", json={"text": SIMPLE_TEXT, "url": "https://t.example/st"})
    timing = _timing(miss.headers["Server-Timing"])
    assert set(timing) == {"request", "analysis", "total"}
    assert 0 < timing["analysis"] <= timing["total"]
    assert timing["request"] + timing["analysis"] <= timing["total"]
    assert set(_timing(hit.headers["Server-Timing"])) == {"total"}


def test_the_url_is_part_of_the_cache_key(client):
    client.post("/api/v1/analyze", json={"text": SIMPLE_TEXT, "url": "https://a.example/1"})
    r = client.post("/api/v1/analyze", json={"text": SIMPLE_TEXT, "url": "https://a.example/2"})
    assert r.headers["X-Sidenote-Cache"] == "miss"


@pytest.mark.parametrize(
    "html",
    [
        "",  # an empty page
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",  # navigation only
        "<<<>>>",  # not HTML at all
    ],
)
def test_page_without_article_text_is_not_an_error(client, html):
    r = client.post("/api/v1/analyze", json={"html": html})
    assert r.status_code == 200
    body = r.get_json()
    assert body["claims"] == [] and body["cards"] == []
    assert "no article text" in body["summary"]["headline"].lower()


@pytest.mark.parametrize(
    ("data", "content_type", "status", "code"),
    [
        ("{not json", "application/json", 400, "malformed_json"),
        ("[1, 2]", "application/json", 400, "invalid_request"),  # JSON but not an object
        ("{}", "application/json", 400, "invalid_request"),  # neither html nor text
        ('{"html": "<p>x</p>", "text": "x"}', "application/json", 400, "invalid_request"),  # both
        ('{"html": 42}', "application/json", 400, "invalid_request"),  # wrong type
        ('{"text": "x", "url": 7}', "application/json", 400, "invalid_request"),
        ("html=<p>x</p>", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        ('{"text": "x"}', "text/plain", 415, "unsupported_media_type"),
        ("\xff\xfe", "application/json", 400, "malformed_json"),  # not UTF-8
    ],
)
def test_bad_requests_get_json_errors(client, data, content_type, status, code):
    r = client.post("/api/v1/analyze", data=data.encode("latin-1"), content_type=content_type)
    assert r.status_code == status
    assert r.mimetype == "application/json"
    error = r.get_json()["error"]
    assert error["code"] == code
    assert error["message"]


def test_body_over_the_limit_is_413():
    app = create_app({"TESTING": True, "REDIS_URL": None, "MAX_CONTENT_LENGTH": 1000})
    r = app.test_client().post("/api/v1/analyze", json={"html": "x" * 2000})
    assert r.status_code == 413
    assert r.get_json()["error"]["code"] == "payload_too_large"


def test_rate_limit_is_429_with_json():
    app = create_app({"TESTING": True, "REDIS_URL": None, "RATE_LIMIT": 2})
    client = app.test_client()
    codes = [client.post("/api/v1/analyze", json={"text": "Hello."}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    r = client.post("/api/v1/analyze", json={"text": "Hello."})
    assert r.get_json()["error"]["code"] == "rate_limited"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("get", "/api/v1/nowhere", 404), ("get", "/api/v1/analyze", 405), ("post", "/api/v1/health", 405)],
)
def test_http_errors_are_json(client, method, path, status):
    r = getattr(client, method)(path)
    assert r.status_code == status
    assert r.get_json()["error"]["code"]


def test_a_failing_stage_gives_500_without_traceback(client, monkeypatch):
    def broken(doc):
        raise RuntimeError("secret internal detail")

    stages = tuple((name, broken if name == "claims" else fn) for name, fn in pipeline.STAGES)
    monkeypatch.setattr(pipeline, "STAGES", stages)
    r = client.post("/api/v1/analyze", json={"text": SIMPLE_TEXT})
    assert r.status_code == 500
    body = r.get_data(as_text=True)
    assert "Traceback" not in body and "secret internal detail" not in body
    error = json.loads(body)["error"]
    assert error["code"] == "stage_failed"
    assert "'claims' stage" in error["message"]


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        (EXT_ORIGIN, True),
        (FIREFOX_ORIGIN, True),
        ("https://evil.example", False),  # a web page must not read the answers
        ("chrome-extension://short", False),  # not a real extension id
    ],
)
def test_cors_only_for_extension_origins(client, origin, allowed):
    r = client.options(
        "/api/v1/analyze",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"},
    )
    assert (r.headers.get("Access-Control-Allow-Origin") == origin) is allowed


def test_cors_origins_are_configurable():
    app = create_app({"TESTING": True, "REDIS_URL": None, "CORS_ORIGINS": ["https://reader.example"]})
    r = app.test_client().get("/api/v1/health", headers={"Origin": "https://reader.example"})
    assert r.headers.get("Access-Control-Allow-Origin") == "https://reader.example"

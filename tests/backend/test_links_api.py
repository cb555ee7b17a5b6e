"""``follow_links`` through ``POST /api/v1/analyze`` (shared/API.md), with
every linked page on a loopback server named in SIDENOTE_FETCH_ALLOW."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis
from local_servers import LocalServer, page

from sidenote import _from_environment, create_app

QUOTE = "We will never raise taxes on working families"
URL = "https://paper.example/2024/05/budget-row"


def article(*paragraphs: str, title: str = "Budget row deepens") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>The finance ministry defended the plan on Tuesday.</p>{body}</article></body></html>"
    )


def credited(href: str, words: str = QUOTE, linked: str = "a statement") -> str:
    return f"\u201c{words},\u201d the ministry said in <a href=\"{href}\">{linked}</a>."


@pytest.fixture
def linked() -> Iterator[LocalServer]:
    s = LocalServer()
    yield s
    s.close()


@pytest.fixture
def refused_server() -> Iterator[LocalServer]:
    """A local server that is NOT named in SIDENOTE_FETCH_ALLOW."""
    s = LocalServer()
    s.route("/internal", page(f"{QUOTE}."))
    yield s
    s.close()


def make_app(monkeypatch, *servers: LocalServer, **config):
    """An app whose allow list comes from SIDENOTE_FETCH_ALLOW, read the way
    production reads it; no Redis unless a test brings its own."""
    monkeypatch.setenv("SIDENOTE_FETCH_ALLOW", ",".join(s.hostport for s in servers))
    allow = _from_environment()["FETCH_ALLOW"]
    return create_app({"TESTING": True, "REDIS_URL": None, "RATE_LIMIT": 0, "FETCH_ALLOW": allow, **config})


@pytest.fixture
def client(monkeypatch, linked):
    return make_app(monkeypatch, linked).test_client()


def analyze(client, html: str, follow: bool | None = True, url: str = URL):
    body: dict[str, object] = {"url": url, "html": html}
    if follow is not None:
        body["follow_links"] = follow
    t0 = time.perf_counter()
    r = client.post("/api/v1/analyze", json=body)
    elapsed = time.perf_counter() - t0
    assert r.status_code == 200, r.get_data(as_text=True)
    return r, r.get_json(), elapsed


def kinds(body: dict) -> list[str]:
    return [c["kind"] for c in body["cards"]]


def assert_offsets(body: dict) -> None:
    text = body["article"]["text"]
    for card in body["cards"]:
        a = card["anchor"]
        assert text[a["start"] : a["end"]] == a["exact"]
        for e in card["evidence"]:
            assert text[e["start"] : e["end"]] == e["exact"]


# --- found and not found ----------------------------------------------------------------


def test_a_quotation_found_on_its_linked_page_gets_no_card(client, linked):
    url = linked.route("/statement", page(f"The minister said: \u201c{QUOTE}.\u201d", title="Statement"))
    _, body, _ = analyze(client, article(credited(url)))
    assert body["links"] == [{"url": url, "status": "ok", "http_status": 200, "title": "Statement"}]
    assert "quote_not_in_source" not in kinds(body)
    assert body["summary"]["counts"]["quote_not_in_source"] == 0


def test_a_quotation_missing_from_its_linked_page_gets_a_warning_card(client, linked):
    url = linked.route("/statement", page("We will cut taxes for small firms.", title="Statement"))
    _, body, _ = analyze(client, article(credited(url)))
    assert body["links"] == [{"url": url, "status": "ok", "http_status": 200, "title": "Statement"}]
    (card,) = [c for c in body["cards"] if c["kind"] == "quote_not_in_source"]
    assert card["severity"] == "warning"
    assert card["title"] == "These words are not on the linked page"
    assert card["body"].startswith(
        "The article quotes these words from a page it links to (127.0.0.1), but the page does not contain them."
    )
    assert card["anchor"]["exact"].rstrip(",") == QUOTE
    assert card["evidence"] == [
        {"exact": "a statement", "start": card["evidence"][0]["start"], "end": card["evidence"][0]["end"],
         "label": "link", "url": url}
    ]
    assert body["summary"]["counts"]["quote_not_in_source"] == 1
    assert "1 quotation is not on the page it links to" in body["summary"]["headline"]
    assert_offsets(body)


def test_an_elided_quotation_is_found_when_each_part_is_on_the_page(client, linked):
    url = linked.route(
        "/speech",
        page(
            "This budget, which we drafted over the winter, will hurt the poorest households.",
            "It also protects pensions.",
        ),
    )
    elided = "This budget \u2026 will hurt the poorest households"
    _, body, _ = analyze(client, article(credited(url, elided, "a speech")))
    assert "quote_not_in_source" not in kinds(body)

    other = linked.route("/speech2", page("This budget, which we drafted over the winter, is fair to all."))
    _, body, _ = analyze(client, article(credited(other, elided, "a speech")))
    assert "quote_not_in_source" in kinds(body)


def test_quote_marks_dashes_case_and_spacing_do_not_matter(client, linked):
    url = linked.route(
        "/statement", page("WE WILL NEVER \u2014 EVER \u2014 RAISE\n TAXES on \u2018working\u2019 families.")
    )
    words = "We will never - ever - raise taxes on 'working' families"
    _, body, _ = analyze(client, article(credited(url, words)))
    assert body["links"][0]["status"] == "ok"
    assert "quote_not_in_source" not in kinds(body)


def test_a_post_is_compared_with_its_text_where_the_page_holds_it(client, linked):
    head = (
        '<meta property="og:type" content="article">'
        '<meta property="og:description" content="Taxes are going down for everyone this year.">'
    )
    shell = (
        f"<html><head><title>Minister on Social</title>{head}</head><body><div id=app></div></body></html>"
    ).encode()
    post = linked.route("/@minister/1098765", shell)
    found = (
        f"\u201cTaxes are going down for everyone this year,\u201d the minister wrote in <a href=\"{post}\">a post</a>."
    )
    _, body, _ = analyze(client, article(found))
    assert body["links"][0]["status"] == "ok" and "quote_not_in_source" not in kinds(body)

    missing = found.replace("going down for everyone", "going up for the rich")
    _, body, _ = analyze(client, article(missing))
    assert "quote_not_in_source" in kinds(body)

    # A script-only post page holds no text: nothing is said.
    empty = linked.route(
        "/@minister/1098766", b"<html><body><div id=app>JavaScript is not available.</div></body></html>"
    )
    _, body, _ = analyze(client, article(missing.replace(post, empty)))
    assert body["links"][0]["status"] == "ok"
    assert "quote_not_in_source" not in kinds(body)


# --- failures say nothing ------------------------------------------------------------------


def test_statuses_of_failed_links_and_no_card_for_any_of_them(monkeypatch, linked):
    linked.route("/missing", b"", status=404)
    linked.route("/file.pdf", b"%PDF-1.7", content_type="application/pdf")
    linked.route("/huge", stream=3 * 1024 * 1024)
    closed = LocalServer()
    closed_url = closed.url("/gone")
    closed.close()  # allowed, but its port is closed now: nothing answers there
    client = make_app(monkeypatch, linked, closed).test_client()
    cases = {
        linked.url("/missing"): ("http_error", 404),
        linked.url("/file.pdf"): ("not_html", 200),
        linked.url("/huge"): ("too_large", 200),
        closed_url: ("unreachable", None),
    }
    for url, (status, http_status) in cases.items():
        _, body, _ = analyze(client, article(credited(url)))
        assert [(link["status"], link["http_status"]) for link in body["links"]] == [(status, http_status)], url
        assert "quote_not_in_source" not in kinds(body)


def test_refused_links_are_reported_never_contacted_and_make_no_card(client, linked, refused_server):
    linked.route("/moved", status=302, headers={"Location": refused_server.url("/internal")})
    port = refused_server.port
    refused = [
        refused_server.url("/internal"),  # another local server, not allowed
        "http://169.254.169.254/latest/meta-data/",
        f"http://2130706433:{port}/internal",  # 127.0.0.1 as a decimal integer
        f"http://0177.0.0.1:{port}/internal",  # and in octal
        f"http://[::1]:{port}/internal",  # IPv6 loopback
        f"http://[::ffff:127.0.0.1]:{port}/internal",
        linked.url("/moved"),  # a redirect into the refused server
    ]
    paragraphs = [credited(u, f"{QUOTE} number {i}", f"statement {i}") for i, u in enumerate(refused)]
    _, body, _ = analyze(client, article(*paragraphs))
    assert [(link["url"], link["status"]) for link in body["links"]] == [(u, "refused") for u in refused]
    assert all(link["http_status"] is None and link["title"] is None for link in body["links"])
    assert "quote_not_in_source" not in kinds(body)
    assert refused_server.connections == 0
    assert linked.hits("/moved") == 1  # the allowed first hop only


def test_an_answer_never_waits_for_slow_links_past_the_budget(client, linked):
    # Ten links that would take 10 s each, and one that drips a byte at a time.
    urls = [linked.route(f"/slow{i}", page("late"), delay=10) for i in range(9)]
    urls.append(linked.route("/drip", page("slowly") * 5, drip=0.02))
    paragraphs = [credited(u, f"{QUOTE} at stop {i}", f"statement {i}") for i, u in enumerate(urls)]
    r, body, elapsed = analyze(client, article(*paragraphs))
    assert [link["status"] for link in body["links"]] == ["timeout"] * 10
    assert "quote_not_in_source" not in kinds(body)
    assert 2.9 < elapsed < 6.0, elapsed
    timing = dict(part.strip().split(";dur=") for part in r.headers["Server-Timing"].split(","))
    assert 2900 < float(timing["links"]) < 3600, timing


# --- cache -----------------------------------------------------------------------------------


def test_a_second_analysis_contacts_no_linked_server(client, linked):
    url = linked.route("/statement", page("We will cut taxes for small firms."))
    r1, first, _ = analyze(client, article(credited(url)))
    assert linked.hits("/statement") == 1 and r1.headers["X-Sidenote-Cache"] == "miss"

    # The same request: the whole answer is remembered.
    r2, second, _ = analyze(client, article(credited(url)))
    assert r2.headers["X-Sidenote-Cache"] == "hit" and second == first

    # Another article linking the same page: analysed afresh, page not refetched.
    r3, third, _ = analyze(client, article("Another story.", credited(url)))
    assert r3.headers["X-Sidenote-Cache"] == "miss"
    assert third["links"] == first["links"] and "quote_not_in_source" in kinds(third)
    assert linked.hits("/statement") == 1
    assert linked.connections == 1


def test_fetched_pages_are_fetched_again_after_the_ttl(monkeypatch, linked):
    client = make_app(monkeypatch, linked, FETCH_TTL=1).test_client()
    url = linked.route("/statement", page("We will cut taxes for small firms."))
    analyze(client, article(credited(url)))
    analyze(client, article("Second story.", credited(url)))
    assert linked.hits("/statement") == 1
    time.sleep(1.2)
    analyze(client, article("Third story.", credited(url)))
    assert linked.hits("/statement") == 2  # the page had expired: fetched again
    # The first answer expired with its page: built again, from the page
    # the third story just fetched.
    r, again, _ = analyze(client, article(credited(url)))
    assert r.headers["X-Sidenote-Cache"] == "miss"
    assert linked.hits("/statement") == 2
    assert again["links"][0]["status"] == "ok"


def test_without_follow_links_nothing_changes_and_nothing_is_fetched(client, linked, seed_html):
    url = linked.route("/statement", page("We will cut taxes for small firms."))
    html = article(credited(url))
    r_plain, plain, _ = analyze(client, html, follow=None)
    assert "links" not in plain
    assert set(plain["summary"]["counts"]) == {"single_source", "unverified_social_quote", "loaded_framing"}
    assert all("found_on" not in c and all("url" not in e for e in c["evidence"]) for c in plain["cards"])
    _, explicit_false, _ = analyze(client, html, follow=False)
    assert explicit_false == plain
    assert linked.connections == 0
    # Not even the link store (and its Redis connection) was made.
    assert client.application.extensions["sidenote.links"]._store is None

    # The same page with follow_links: not the plain answer from the cache.
    r_links, with_links, _ = analyze(client, html)
    assert r_links.headers["X-Sidenote-Cache"] == "miss"
    assert "links" in with_links and "quote_not_in_source" in kinds(with_links)
    assert [c for c in with_links["cards"] if c["kind"] != "quote_not_in_source"] == plain["cards"]
    # ... and the plain request again: the plain answer, never the one with links.
    r_again, again, _ = analyze(client, html, follow=None)
    assert r_again.headers["X-Sidenote-Cache"] == "hit" and again == plain

    # The seed article, whose answer the other tests pin down, is unchanged.
    seed = client.post("/api/v1/analyze", json={"html": seed_html, "url": "https://dispatch.example/s"}).get_json()
    fresh = make_app_plain().test_client().post(
        "/api/v1/analyze", json={"html": seed_html, "url": "https://dispatch.example/s"}
    ).get_json()
    assert seed == fresh and "links" not in seed


def make_app_plain():
    return create_app({"TESTING": True, "REDIS_URL": None, "RATE_LIMIT": 0})


@pytest.mark.parametrize("value", ["yes", 1, 0, [], {}])
def test_follow_links_must_be_a_boolean(client, value):
    r = client.post("/api/v1/analyze", json={"html": article("x"), "follow_links": value})
    assert r.status_code == 400
    assert r.get_json()["error"]["code"] == "invalid_request"
    assert "follow_links" in r.get_json()["error"]["message"]


def test_plain_text_input_has_no_links_to_follow(client):
    r = client.post("/api/v1/analyze", json={"text": f"\u201c{QUOTE},\u201d the ministry said.", "follow_links": True})
    assert r.status_code == 200
    assert r.get_json()["links"] == []


def test_at_most_ten_links_are_followed_and_a_credited_one_is_among_them(client, linked):
    others = [linked.route(f"/other{i}", page(f"Other page {i}.")) for i in range(12)]
    statement = linked.route("/statement", page("We will cut taxes for small firms."))
    paragraphs = [f'See <a href="{u}">item {i}</a> for background.' for i, u in enumerate(others)]
    _, body, _ = analyze(client, article(*paragraphs, credited(statement)))
    assert len(body["links"]) == 10
    assert statement in [link["url"] for link in body["links"]]
    assert len(linked.requests) == 10
    assert "quote_not_in_source" in kinds(body)


# --- Redis, when there --------------------------------------------------------------------------


@pytest.fixture
def private_redis() -> Iterator[str]:
    """A Redis server of our own on a free port (`make test` installs redis-server)."""
    server = shutil.which("redis-server")
    assert server, "redis-server is not installed; `make test` installs it"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_fetched_pages_are_shared_through_redis_between_workers(monkeypatch, linked, private_redis):
    url = linked.route("/statement", page("We will cut taxes for small firms."))
    worker_a = make_app(monkeypatch, linked, REDIS_URL=private_redis).test_client()
    worker_b = make_app(monkeypatch, linked, REDIS_URL=private_redis).test_client()
    _, first, _ = analyze(worker_a, article(credited(url)))
    r, second, _ = analyze(worker_b, article("Elsewhere.", credited(url)))
    assert linked.hits("/statement") == 1
    assert second["links"] == first["links"]
    keys = redis.Redis.from_url(private_redis).keys("sidenote:links-1:page:*")
    assert len(keys) == 1
    ttl = redis.Redis.from_url(private_redis).ttl(keys[0])
    assert 3500 < ttl <= 3600
    assert json.loads(json.dumps(second))["links"][0]["status"] == "ok"

"""The fetcher (sidenote/links/fetch.py) against servers on loopback.

Every server is local; the ones a test may reach are named in the policy's
allow list (what SIDENOTE_FETCH_ALLOW sets). A spy on urllib3's
create_connection records every address the fetcher dials, and a fake
resolver every name it looks up.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from local_servers import LocalServer, free_port, page, self_signed, tls_server

from sidenote.links import fetch as fetch_module
from sidenote.links.compare import contains, quote_parts
from sidenote.links.fetch import MAX_BYTES, FetchPolicy, fetch_all, fetch_one
from sidenote.links.safety import Unresolvable, parse_allow


@pytest.fixture
def site() -> Iterator[LocalServer]:
    s = LocalServer()
    yield s
    s.close()


@pytest.fixture
def other() -> Iterator[LocalServer]:
    """A second local server, never named in the allow list."""
    s = LocalServer()
    s.route("/secret", page("internal data"))
    yield s
    s.close()


@pytest.fixture
def dialled(monkeypatch) -> list[tuple[str, int]]:
    """Every (address, port) the fetcher connects to."""
    calls: list[tuple[str, int]] = []
    real = fetch_module.u3_connection.create_connection

    def spy(address, *args, **kwargs):
        calls.append((address[0], address[1]))
        return real(address, *args, **kwargs)

    monkeypatch.setattr(fetch_module.u3_connection, "create_connection", spy)
    return calls


def policy(*servers: LocalServer, **kw) -> FetchPolicy:
    return FetchPolicy(allow=parse_allow(",".join(s.hostport for s in servers)), **kw)


def soon(seconds: float = 3.0) -> float:
    return time.monotonic() + seconds


# --- what comes back ---------------------------------------------------------------


def test_an_html_page_is_fetched_with_its_title_and_text(site, dialled):
    url = site.route("/statement", page("We will cut taxes for small firms.", title="Statement"))
    result = fetch_one(url, policy(site), soon())
    assert (result.status, result.http_status, result.title) == ("ok", 200, "Statement")
    assert result.text and contains(result.text, quote_parts("we will cut taxes for small firms"))
    assert result.conclusive and result.fetched_at > 0
    assert dialled == [("127.0.0.1", site.port)]
    path, headers = site.requests[0]
    assert headers["host"] == site.hostport
    assert headers["user-agent"].startswith("Sidenote/")


def test_statuses_for_errors_non_html_and_oversized_pages(site):
    p = policy(site)
    assert fetch_one(site.url("/missing"), p, soon()).status == "http_error"
    assert fetch_one(site.url("/missing"), p, soon()).http_status == 404
    site.route("/gone", b"", status=410)
    assert (fetch_one(site.url("/gone"), p, soon()).status, fetch_one(site.url("/gone"), p, soon()).http_status) == (
        "http_error",
        410,
    )
    site.route("/doc.pdf", b"%PDF-1.7", content_type="application/pdf")
    site.route("/data.json", b"{}", content_type="application/json")
    site.route("/untyped", b"%PDF-1.7 binary", content_type=None)
    site.route("/untyped.html", page("Some words here."), content_type=None)
    assert fetch_one(site.url("/doc.pdf"), p, soon()).status == "not_html"
    assert fetch_one(site.url("/data.json"), p, soon()).status == "not_html"
    assert fetch_one(site.url("/untyped"), p, soon()).status == "not_html"
    assert fetch_one(site.url("/untyped.html"), p, soon()).status == "ok"


def test_too_large_by_declared_length_and_by_what_actually_arrives(site):
    p = policy(site)
    site.route("/declared", b"<p>" + b"x" * (MAX_BYTES + 10) + b"</p>")
    site.route("/streamed", stream=MAX_BYTES + 500_000)  # no Content-Length
    site.route("/just-under", b"<html><p>" + b"y" * (MAX_BYTES - 100) + b"</p></html>")
    assert fetch_one(site.url("/declared"), p, soon()).status == "too_large"
    assert fetch_one(site.url("/streamed"), p, soon()).status == "too_large"
    assert fetch_one(site.url("/just-under"), p, soon()).status == "ok"


def test_a_closed_port_is_unreachable_and_an_unknown_name_too(site):
    closed = free_port()
    p = FetchPolicy(allow=parse_allow(f"127.0.0.1:{closed},nowhere.example:80"))
    assert fetch_one(f"http://127.0.0.1:{closed}/", p, soon()).status == "unreachable"

    def no_dns(host, port):
        raise Unresolvable("no such host")

    p2 = FetchPolicy(allow=p.allow, resolve=no_dns)
    assert fetch_one("http://nowhere.example/", p2, soon()).status == "unreachable"


# --- time -----------------------------------------------------------------------


def test_a_server_that_does_not_answer_times_out_at_the_deadline(site):
    site.route("/slow", page("late"), delay=5)
    t0 = time.monotonic()
    result = fetch_one(site.url("/slow"), policy(site), soon(0.6))
    took = time.monotonic() - t0
    assert result.status == "timeout"
    assert took < 1.5, took


def test_a_server_that_drips_one_byte_at_a_time_times_out_at_the_deadline(site):
    # Each byte comes well within any read timeout: only the overall
    # deadline can stop this one.
    site.route("/drip", page("slowly") * 3, drip=0.05)
    t0 = time.monotonic()
    result = fetch_one(site.url("/drip"), policy(site), soon(1.0))
    took = time.monotonic() - t0
    assert result.status == "timeout"
    assert took < 1.8, took


def test_a_fetch_still_running_at_the_deadline_is_cut_off_not_left_running(site):
    # The server drips its headers: every read gets a byte in time, so only
    # cutting the socket ends the thread that waits for them.
    site.route("/slow-headers", drip_headers=0.05)
    before = {t.ident for t in threading.enumerate()}
    t0 = time.monotonic()
    results = fetch_all([site.url("/slow-headers")], policy(site, budget=0.5))
    assert results[site.url("/slow-headers")].status == "timeout"
    assert time.monotonic() - t0 < 0.9

    def fetch_threads() -> list[threading.Thread]:
        return [t for t in threading.enumerate() if t.ident not in before and t.name.startswith("sidenote-fetch")]

    for _ in range(40):
        if not fetch_threads():
            break
        time.sleep(0.025)
    assert fetch_threads() == []
    assert time.monotonic() - t0 < 1.6  # the drip alone would last 10 s


def test_chunked_and_compressed_pages_are_read_and_a_compression_bomb_is_too_large(site):
    p = policy(site)
    text = page("We will cut taxes for small firms.")
    site.route("/chunked", text, chunked=True)
    site.route("/gzip", text, gzip=True)
    site.route("/both", text, gzip=True, chunked=True)
    for path in ("/chunked", "/gzip", "/both"):
        result = fetch_one(site.url(path), p, soon())
        assert result.status == "ok", path
        assert contains(result.text or "", quote_parts("we will cut taxes for small firms")), path
    bomb = b"<html><body><p>" + b"0" * (40 * MAX_BYTES) + b"</p></body></html>"
    url = site.route("/bomb", bomb, gzip=True)
    assert len(site.routes["/bomb"].body) > MAX_BYTES  # 80 MB inflated ...
    t0 = time.monotonic()
    assert fetch_one(url, p, soon()).status == "too_large"  # ... from about 80 kB sent
    assert time.monotonic() - t0 < 1.0


def test_links_are_fetched_in_parallel_within_one_budget(site):
    for i in range(6):
        site.route(f"/p{i}", page(f"page {i}"), delay=0.4)
    site.route("/never", page("never"), delay=10)
    urls = [site.url(f"/p{i}") for i in range(6)] + [site.url("/never")]
    t0 = time.monotonic()
    results = fetch_all(urls, policy(site, budget=1.5))
    took = time.monotonic() - t0
    assert [results[u].status for u in urls] == ["ok"] * 6 + ["timeout"]
    assert 1.4 < took < 2.0, took  # six 0.4 s pages side by side, then the budget ends


# --- refused: never contacted ------------------------------------------------------------


def test_a_local_server_not_in_the_allow_list_is_refused_and_never_contacted(site, other, dialled):
    result = fetch_one(other.url("/secret"), policy(site), soon())
    assert result.status == "refused"
    assert other.connections == 0
    assert dialled == []


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://[::1]:{port}/secret",
        "http://2130706433:{port}/secret",
        "http://0177.0.0.1:{port}/secret",
        "http://0x7f000001:{port}/secret",
        "http://localhost:{port}/secret",
        "http://[::ffff:127.0.0.1]:{port}/secret",
        "file:///etc/passwd",
    ],
)
def test_refused_addresses_are_never_dialled(url, site, other, dialled, monkeypatch):
    looked_up: list[str] = []
    real = fetch_module.FetchPolicy().resolve

    def resolver(host, port):
        looked_up.append(host)
        return real(host, port)

    # ``site`` is allowed: the same machine, spelled another way, is not.
    p = FetchPolicy(allow=parse_allow(site.hostport), resolve=resolver)
    result = fetch_one(url.format(port=other.port), p, soon())
    assert result.status == "refused"
    assert dialled == []
    assert other.connections == 0
    assert looked_up in ([], ["localhost"])  # only a name is ever looked up


def test_an_ipv6_loopback_server_is_refused_and_never_contacted(dialled):
    try:
        six = LocalServer("::1")
    except OSError:
        # A host without IPv6 loopback: no server can listen there, so what
        # is left to prove is that the address is refused and never dialled.
        result = fetch_one("http://[::1]:8765/secret", FetchPolicy(), soon())
        assert result.status == "refused" and dialled == []
        return
    try:
        six.route("/secret", page("internal"))
        result = fetch_one(six.url("/secret"), FetchPolicy(), soon())
        assert result.status == "refused"
        assert six.connections == 0 and dialled == []
        # Named in the allow list, the same server is fetched: the refusal
        # above was the policy, not a broken IPv6 stack.
        assert fetch_one(six.url("/secret"), FetchPolicy(allow=parse_allow(six.hostport)), soon()).status == "ok"
        assert six.connections == 1
    finally:
        six.close()


@pytest.mark.parametrize(
    "location",
    [
        "http://127.0.0.1:{other}/secret",  # another local server, not allowed
        "http://169.254.169.254/latest/meta-data/",
        "http://2130706433:{other}/secret",
        "http://[::1]:{other}/secret",
        "http://localhost:{other}/secret",
        "file:///etc/passwd",
        "gopher://127.0.0.1:{other}/",
    ],
)
def test_a_redirect_into_a_refused_address_is_refused_before_connecting(location, site, other, dialled):
    url = site.route("/moved", status=302, headers={"Location": location.format(other=other.port)})
    result = fetch_one(url, policy(site), soon())
    assert result.status == "refused"
    assert other.connections == 0
    assert dialled == [("127.0.0.1", site.port)]  # the first hop only


def test_redirects_are_followed_hop_by_hop_up_to_five(site, dialled):
    site.route("/end", page("The end of the chain.", title="End"))
    for i in range(1, 6):
        site.route(f"/r{i}", status=301 if i % 2 else 307, headers={"Location": f"/r{i + 1}" if i < 5 else "/end"})
    result = fetch_one(site.url("/r1"), policy(site), soon())
    assert (result.status, result.title) == ("ok", "End")
    assert len(dialled) == 6

    site.route("/loop", status=302, headers={"Location": "/loop"})
    looped = fetch_one(site.url("/loop"), policy(site), soon())
    assert (looped.status, looped.http_status) == ("http_error", 302)
    assert site.hits("/loop") == 6  # the first request and five redirects, then no more


def test_a_redirect_body_is_never_read(site):
    # requests would read a redirect's whole body even with
    # allow_redirects=False; this one never ends.
    site.route("/endless-redirect", status=302, headers={"Location": "/end"}, stream=50 * MAX_BYTES)
    site.route("/end", page("Arrived."))
    t0 = time.monotonic()
    result = fetch_one(site.url("/endless-redirect"), policy(site), soon())
    assert result.status == "ok"
    assert time.monotonic() - t0 < 2.0


# --- pinning: connect to the address that was checked ---------------------------------------


def test_the_checked_address_is_dialled_and_the_name_is_not_resolved_again(site, dialled):
    site.route("/statement", page("Pinned."))
    asked: list[str] = []

    def rebinding(host, port):
        # First answer: the allowed server. Any later look-up would get an
        # address the fetcher must never reach.
        asked.append(host)
        return ["127.0.0.1"] if len(asked) == 1 else ["169.254.169.254"]

    p = FetchPolicy(allow=frozenset({("news.example", site.port)}), resolve=rebinding)
    result = fetch_one(f"http://news.example:{site.port}/statement", p, soon())
    assert result.status == "ok"
    assert asked == ["news.example"]
    assert dialled == [("127.0.0.1", site.port)]
    assert site.requests[0][1]["host"] == f"news.example:{site.port}"


def test_a_public_name_is_dialled_at_its_checked_address(monkeypatch):
    dialled: list[tuple[str, int]] = []

    def no_network(address, *args, **kwargs):
        dialled.append((address[0], address[1]))
        raise ConnectionRefusedError("the test network stops here")

    monkeypatch.setattr(fetch_module.u3_connection, "create_connection", no_network)
    p = FetchPolicy(resolve=lambda host, port: ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
    result = fetch_one("https://public.example/story", p, soon())
    assert result.status == "unreachable"
    assert dialled == [("93.184.215.14", 443), ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", 443)]


def test_tls_goes_to_the_pinned_address_with_the_name_in_sni_and_the_certificate_check(tmp_path: Path):
    cert, key = self_signed(tmp_path, "pinned.example")
    server = tls_server(cert, key)
    try:
        server.route("/statement", page("Over TLS.", title="Secure"))
        p = FetchPolicy(
            allow=frozenset({("pinned.example", server.port)}),
            resolve=lambda host, port: ["127.0.0.1"],
            ca_bundle=str(cert),
        )
        result = fetch_one(f"https://pinned.example:{server.port}/statement", p, soon())
        assert (result.status, result.title) == ("ok", "Secure")
        assert server.sni == ["pinned.example"]
        assert server.requests[0][1]["host"] == f"pinned.example:{server.port}"

        # A certificate for another name fails the check: the name, not the
        # address, is what TLS verifies.
        wrong = FetchPolicy(
            allow=frozenset({("other.example", server.port)}),
            resolve=lambda host, port: ["127.0.0.1"],
            ca_bundle=str(cert),
        )
        assert fetch_one(f"https://other.example:{server.port}/statement", wrong, soon()).status == "unreachable"
        assert len(server.requests) == 1
    finally:
        server.close()


def test_proxies_in_the_environment_are_never_used(site, monkeypatch, dialled):
    monkeypatch.setenv("HTTP_PROXY", "http://169.254.169.254:3128")
    monkeypatch.setenv("http_proxy", "http://169.254.169.254:3128")
    url = site.route("/statement", page("Direct."))
    assert fetch_one(url, policy(site), soon()).status == "ok"
    assert dialled == [("127.0.0.1", site.port)]

"""Following the article's links, in a real Chromium against the real backend.

The article is served by the local "news site"; the page it links to is
served by another loopback server, which the backend may fetch only because
its backend process is started with SIDENOTE_FETCH_ALLOW naming it. The
linked page does not hold the quoted words, so with the option on the reader
gets a quote_not_in_source note on them; with it off, nothing is fetched.
"""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from e2e_support import Site, serve_backend, set_settings

ARTICLE_PATH = "/2024/05/14/budget-row-deepens/"
QUOTE = "We will never raise taxes on working families"
FINISHED = "['done','empty','unreachable','error'].includes(document.documentElement.dataset.sidenoteStatus)"
HIGHLIGHTS = "() => Object.fromEntries([...CSS.highlights].map(([name, h]) => [name, [...h].map(r => r.toString())]))"
RECT_OF = """([name, needle]) => {
  const h = CSS.highlights.get(name);
  for (const r of h || []) if (r.toString().includes(needle)) {
    r.startContainer.parentElement.scrollIntoView({block: 'center', behavior: 'instant'});
    const q = r.getClientRects()[0]; return {x: q.left + q.width / 2, y: q.top + q.height / 2}; }
  return null;
}"""


class LinkedPages:
    """The server the article links to; it counts the requests it gets."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        owner = self
        prose = " ".join(["The ministry published its annual report on public finances today, with tables."] * 8)
        body = (
            "<!DOCTYPE html><html lang='en'><head><title>Ministry statement</title></head><body><article>"
            f"<p>{prose}</p><p>We will cut taxes for small firms next year.</p></article></body></html>"
        ).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # (http.server's naming)
                owner.hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.server.server_address[1])
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def linked() -> Iterator[LinkedPages]:
    server = LinkedPages()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def links_backend(linked: LinkedPages) -> Iterator[str]:
    """The real backend under gunicorn, allowed to fetch the linked server."""
    yield from serve_backend(SIDENOTE_FETCH_ALLOW=f"127.0.0.1:{linked.port}")


def article(linked: LinkedPages) -> bytes:
    statement = linked.url("/statement")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Budget row deepens</title>
<meta property="og:type" content="article"></head>
<body><article><h1>Budget row deepens</h1>
<p>The finance ministry defended its spending plan on Tuesday as opposition parties prepared a vote against it in parliament.</p>
<p>\u201c{QUOTE},\u201d the ministry said in <a href="{statement}">a statement</a>.</p>
<p>The plan would raise spending on transit and schools, the ministry said, and would be paid for by cuts elsewhere.</p>
</article></body></html>""".encode()  # noqa: E501 (the page as served)


def run_on(ctx: Any, url: str) -> Any:
    page = ctx.new_page()
    page.goto(url)
    page.wait_for_function(FINISHED, timeout=60000)
    return page


def test_a_quotation_missing_from_its_linked_page_gets_a_note_only_with_the_option_on(
    browser_context: Any, service_worker: Any, links_backend: str, linked: LinkedPages, site: Site, output_dir: Path
) -> None:
    site.pages[ARTICLE_PATH] = article(linked)

    # Off (the default): the request does not ask, nothing is fetched.
    set_settings(service_worker, backendUrl=links_backend)
    page = run_on(browser_context, site.url(ARTICLE_PATH))
    try:
        assert "sidenote-quote_not_in_source" not in page.evaluate(HIGHLIGHTS)
        assert linked.hits == []
    finally:
        page.close()

    # On: the backend fetches the linked page and the note is on the quoted words.
    set_settings(service_worker, backendUrl=links_backend, followLinks=True)
    page = run_on(browser_context, site.url(ARTICLE_PATH))
    try:
        state = page.evaluate("Object.assign({}, document.documentElement.dataset)")
        assert state["sidenoteStatus"] == "done", state
        assert linked.hits == ["/statement"]
        marked = page.evaluate(HIGHLIGHTS).get("sidenote-quote_not_in_source", [])
        assert any(QUOTE in words for words in marked), marked

        pos = page.evaluate(RECT_OF, ["sidenote-quote_not_in_source", QUOTE])
        assert pos
        page.mouse.click(pos["x"], pos["y"])
        page.wait_for_function("document.documentElement.hasAttribute('data-sidenote-note')", timeout=5000)
        opened = page.evaluate("document.documentElement.getAttribute('data-sidenote-note')")
        page.screenshot(path=str(output_dir / "follow-links-note.png"))

        # The note that opened is the quote_not_in_source card: ask the
        # backend directly for the same page (the linked page is now cached,
        # so this contacts nobody) and compare ids.
        request = urllib.request.Request(
            links_backend + "/api/v1/analyze",
            data=json.dumps(
                {"url": site.url(ARTICLE_PATH), "html": article(linked).decode(), "follow_links": True}
            ).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as r:
            answer = json.load(r)
        ids = {c["id"] for c in answer["cards"] if c["kind"] == "quote_not_in_source"}
        assert opened in ids, (opened, answer["cards"])
        assert answer["links"] == [
            {"url": linked.url("/statement"), "status": "ok", "http_status": 200, "title": "Ministry statement"}
        ]
        assert linked.hits == ["/statement"]
    finally:
        page.close()

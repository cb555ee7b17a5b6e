"""Article detection in Chromium: the extension runs by itself on news pages
that carry no article metadata (og:type "website", no <article>), found by
Readability's isProbablyReaderable, and stays quiet on a page that is not an
article until the reader asks.

The real page is one of the Zyte benchmark's news pages in
shared/datasets/extraction; its page requests go to the local site only:
anything addressed elsewhere is aborted before it leaves the browser.
"""

from __future__ import annotations

import gzip
from typing import Any

from e2e_support import SEED_HTML, SHARED, SITE_HOST, Site, set_settings

FINISHED = "['done','empty','unreachable','error'].includes(document.documentElement.dataset.sidenoteStatus)"
# Main world: every value data-sidenote-status takes (content scripts run at
# document_idle, after DOMContentLoaded).
RECORD_STATUSES = """
window.__statuses = [];
document.addEventListener('DOMContentLoaded', () => {
  new MutationObserver(() => window.__statuses.push(document.documentElement.dataset.sidenoteStatus || null))
    .observe(document.documentElement, {attributes: true, attributeFilter: ['data-sidenote-status']});
});
"""
# A Zyte benchmark page: a press release served with og:type "website" and
# no <article>, which the metadata checks alone did not take for an article.
REAL_PAGE = (
    SHARED / "datasets" / "extraction" / "html"
    / "c69e539d689a8335a69042727f1b58edab09d5d99fb607ec625a63151a537dc2.html.gz"
)
REAL_PATH = (
    "/news-and-events/Ascom-business-news/"
    "ascom-and-draeger-introduce-integrated-clinical-alarm-management-solution.html"
)
WEBSITE_SEED_PATH = "/2019/09/17/us-bombs-syrian-army-units-website/"
CONTACT_PATH = "/contact/"

CONTACT_PAGE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Contact us - The Daily Dispatch</title>
<meta property="og:type" content="website"></head><body>
<header><a href="/">The Daily Dispatch</a><nav><a href="/category/world/">World</a> <a href="/about/">About</a></nav></header>
<main><h1>Contact us</h1><p>Write to the newsroom at news@dailydispatch.example.</p><p>Call us on weekdays, nine to five.</p>
<form><label>Name <input name="name"></label><label>Message <textarea name="message"></textarea></label><button>Send</button></form>
</main><footer>&copy; 2019 The Daily Dispatch</footer></body></html>"""  # noqa: E501 (the page as served)


def seed_as_website() -> bytes:
    html = SEED_HTML.read_text(encoding="utf-8")
    html = html.replace('<meta property="og:type" content="article">', '<meta property="og:type" content="website">', 1)
    html = html.replace("<article ", "<div ", 1).replace("</article>", "</div>", 1)
    assert "<article" not in html and 'content="article"' not in html
    return html.encode("utf-8")


def open_local(ctx: Any, site: Site, path: str) -> Any:
    page = ctx.new_page()
    local = f"http://{SITE_HOST}:{site.port}/"
    # A real page names other hosts (scripts, fonts, trackers): none is contacted.
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(local) else route.abort())
    page.add_init_script(RECORD_STATUSES)
    page.goto(site.url(path))
    return page


def test_runs_by_itself_on_news_pages_without_article_metadata(
    browser_context: Any, service_worker: Any, backend_url: str, site: Site
) -> None:
    set_settings(service_worker, backendUrl=backend_url)
    site.pages[WEBSITE_SEED_PATH] = seed_as_website()
    site.pages[REAL_PATH] = gzip.decompress(REAL_PAGE.read_bytes())
    assert b'og:type" content="website"' in site.pages[REAL_PATH] and b"<article" not in site.pages[REAL_PATH]

    page = open_local(browser_context, site, WEBSITE_SEED_PATH)
    try:
        page.wait_for_function(FINISHED, timeout=60000)
        state = page.evaluate("Object.assign({}, document.documentElement.dataset)")
        assert state["sidenoteStatus"] == "done", state
        assert int(state["sidenotePlaced"]) >= 3
        assert page.evaluate("window.__statuses")[0] == "running"
    finally:
        page.close()

    page = open_local(browser_context, site, REAL_PATH)
    try:
        page.wait_for_function(FINISHED, timeout=60000)
        # The backend found claims and nothing to flag: it ran, and said so.
        assert page.evaluate("document.documentElement.dataset.sidenoteStatus") == "empty"
        assert page.evaluate("window.__statuses")[0] == "running"
    finally:
        page.close()


def test_stays_quiet_on_a_page_that_is_not_an_article_until_asked(
    browser_context: Any, service_worker: Any, backend_url: str, site: Site
) -> None:
    set_settings(service_worker, backendUrl=backend_url)
    site.pages[CONTACT_PATH] = CONTACT_PAGE
    page = open_local(browser_context, site, CONTACT_PATH)
    try:
        page.wait_for_load_state("load")
        page.wait_for_timeout(2000)  # document_idle has long passed: the content script has decided
        assert page.evaluate("window.__statuses") == []
        assert page.evaluate("document.documentElement.hasAttribute('data-sidenote-status')") is False
        # The toolbar button's message reaches the content script that was
        # there all along, and the reader's request is honoured.
        page.bring_to_front()
        sent = service_worker.evaluate(
            """async () => {
              const [tab] = await chrome.tabs.query({active: true, lastFocusedWindow: true});
              return chrome.tabs.sendMessage(tab.id, {type: self.Sidenote.messages.MSG.run});
            }"""
        )
        assert sent == {"ok": True}
        page.wait_for_function(FINISHED, timeout=60000)
        assert page.evaluate("window.__statuses")[0] == "running"
    finally:
        page.close()

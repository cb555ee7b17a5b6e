"""Run an unpacked Chromium archive of the extension on one page; print the
content script's final status. A script of its own, run as a subprocess by
test_package.py: Playwright's sync API runs one instance per process, and
the e2e session already holds one for the unpacked source tree.

    python archive_run.py EXTENSION_DIR CHROMIUM BACKEND_URL PAGE_URL HOST_RULE
"""

from __future__ import annotations

import shutil
import sys
import tempfile

from playwright.sync_api import sync_playwright

FINISHED = "['done','empty','unreachable','error'].includes(document.documentElement.dataset.sidenoteStatus)"
SETTINGS = (
    "s => chrome.storage.local.set({settings: Object.assign({autoRun: true, toolbarRun: true, disabledSites: []}, s)})"
)


def main(extension: str, chromium: str, backend_url: str, page_url: str, host_rule: str) -> int:
    profile = tempfile.mkdtemp(prefix="sidenote-archive-")
    try:
        with sync_playwright() as pw:
            ctx = pw.chromium.launch_persistent_context(
                profile,
                executable_path=chromium,
                headless=True,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--no-first-run",
                    f"--disable-extensions-except={extension}",
                    f"--load-extension={extension}",
                    f"--host-resolver-rules={host_rule}",
                ],
            )
            try:
                if ctx.service_workers:
                    worker = ctx.service_workers[0]
                else:
                    worker = ctx.wait_for_event("serviceworker", timeout=15000)
                print("worker", worker.url)
                worker.evaluate(SETTINGS, {"backendUrl": backend_url})
                page = ctx.new_page()
                page.goto(page_url)
                page.wait_for_function(FINISHED, timeout=60000)
                print("status", page.evaluate("document.documentElement.dataset.sidenoteStatus"))
            finally:
                ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:6]))

"""Lint the Firefox archive with web-ext (Mozilla's addons-linter).

    python3 tools/package/lint.py dist/sidenote-firefox-<version>.zip

The archive is unpacked into a temporary folder (web-ext lints folders) and
linted as it will be installed. Fails on any error, and on any warning not
accepted below, so a new warning is read by a person, not scrolled past.

Accepted warnings, and why (also in docs/extension.md):

- MISSING_DATA_COLLECTION_PERMISSIONS: declaring
  ``browser_specific_settings.gecko.data_collection_permissions`` needs
  Firefox 140 (142 on Android) while the extension supports 128 ESR, and
  the linter then warns about that instead. What to declare is also a
  statement to readers: the page's HTML goes to the backend the reader
  configures (their own machine by default), never to us.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

WEB_EXT = Path(__file__).resolve().parent / "node_modules" / ".bin" / "web-ext"
ACCEPTED_WARNINGS = frozenset({"MISSING_DATA_COLLECTION_PERMISSIONS"})


def lint(archive: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sidenote-lint-") as unpacked:
        with zipfile.ZipFile(archive) as z:
            z.extractall(unpacked)
        # No update check: web-ext would ask the npm registry on every run.
        env = {**os.environ, "NO_UPDATE_NOTIFIER": "1"}
        run = subprocess.run(
            [str(WEB_EXT), "lint", "--source-dir", unpacked, "--output", "json", "--no-config-discovery"],
            capture_output=True,
            text=True,
            env=env,
        )
    try:
        report: dict[str, Any] = json.loads(run.stdout)
        return report
    except ValueError:
        raise SystemExit(f"lint.py: web-ext gave no report (exit {run.returncode}): {run.stderr.strip()[-2000:]}")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: lint.py FIREFOX_ZIP", file=sys.stderr)
        return 2
    report = lint(Path(argv[1]))
    for kind in ("errors", "warnings", "notices"):
        for m in report[kind]:
            accepted = " (accepted: see tools/package/lint.py)" if kind == "warnings" and m["code"] in ACCEPTED_WARNINGS else ""
            print(f"web-ext lint {kind[:-1]}: {m['code']}: {m['message']} [{m.get('file') or '-'}]{accepted}")
    summary = report["summary"]
    print(f"web-ext lint: {summary['errors']} errors, {summary['warnings']} warnings, {summary['notices']} notices")
    unaccepted = [m["code"] for m in report["warnings"] if m["code"] not in ACCEPTED_WARNINGS]
    if report["errors"] or unaccepted:
        print(f"web-ext lint failed: errors {[m['code'] for m in report['errors']]}, new warnings {unaccepted}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

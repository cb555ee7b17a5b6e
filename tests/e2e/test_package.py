"""``make package``'s archives (tools/package/build.py and lint.py): what is
in them, that the lint gate holds, and that Chromium runs its archive."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from e2e_support import REPO, SITE_HOST, Site, chromium_path

TOOLS = REPO / "tools" / "package"
SEED_PATH = "/2019/09/17/us-bombs-syrian-army-units/"


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"sidenote_package_{name}", TOOLS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def archives() -> Iterator[dict[str, Path]]:
    out = Path(tempfile.mkdtemp(prefix="sidenote-dist-"))
    try:
        paths = _module("build").build(out)
        yield {p.name.split("-")[1]: p for p in paths}
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _manifest(archive: Path) -> dict[str, Any]:
    with zipfile.ZipFile(archive) as z:
        return json.loads(z.read("manifest.json"))


def test_one_archive_per_browser_with_the_manifest_at_the_root(archives):
    version = json.loads((REPO / "extension" / "manifest.json").read_text(encoding="utf-8"))["version"]
    expected = {f"sidenote-chromium-{version}.zip", f"sidenote-firefox-{version}.zip"}
    assert {p.name for p in archives.values()} == expected
    for archive in archives.values():
        with zipfile.ZipFile(archive) as z:
            names = z.namelist()
        assert names[0] == "manifest.json"
        assert {n.split("/")[0] for n in names} == {"manifest.json", "content.css", "icons", "src"}
        # Nothing from tests or tooling, no documentation but the vendored licence.
        assert not [
            n for n in names if "test" in n or "node_modules" in n or (n.endswith(".md") and "LICENSE" not in n)
        ]
        assert "src/vendor/Readability-readerable.js" in names and "src/vendor/Readability-LICENSE.md" in names
        m = _manifest(archive)
        scripts = m["content_scripts"][0]
        listed = [*scripts["js"], *scripts["css"], m["options_ui"]["page"], *m["icons"].values()]
        background = m["background"]
        listed += background.get("scripts", [])
        listed += [background["service_worker"]] if "service_worker" in background else []
        assert [f for f in listed if f not in names] == []


def test_each_manifest_keeps_its_own_browsers_keys(archives):
    chromium, firefox = _manifest(archives["chromium"]), _manifest(archives["firefox"])
    assert chromium["background"] == {"service_worker": "src/background.js"}
    assert "browser_specific_settings" not in chromium and chromium["minimum_chrome_version"] == "121"
    assert firefox["background"] == {"scripts": ["src/lib/settings.js", "src/lib/messages.js", "src/background.js"]}
    assert firefox["browser_specific_settings"]["gecko"]["id"] == "sidenote@sidenote.example"
    assert "minimum_chrome_version" not in firefox
    for key in ("permissions", "host_permissions", "content_scripts", "version"):
        assert chromium[key] == firefox[key]


def _lint(archive: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(TOOLS / "lint.py"), str(archive)], capture_output=True, text=True, timeout=300
    )


def test_web_ext_lint_passes_on_the_firefox_archive_and_would_fail_on_errors(archives):
    firefox = _lint(archives["firefox"])
    assert firefox.returncode == 0, firefox.stdout + firefox.stderr
    assert "web-ext lint: 0 errors" in firefox.stdout
    # The gate is real: Chromium's archive is not a Firefox add-on.
    chromium = _lint(archives["chromium"])
    assert chromium.returncode == 1
    assert "ADDON_ID_REQUIRED" in chromium.stdout


def test_chromium_runs_its_archive(archives, backend_url: str, site: Site) -> None:
    unpacked = Path(tempfile.mkdtemp(prefix="sidenote-chromium-"))
    with zipfile.ZipFile(archives["chromium"]) as z:
        z.extractall(unpacked)
    try:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).with_name("archive_run.py")), str(unpacked), chromium_path(),
             backend_url, site.url(SEED_PATH), f"MAP {SITE_HOST} 127.0.0.1"],
            capture_output=True, text=True, timeout=180,
        )
    finally:
        shutil.rmtree(unpacked, ignore_errors=True)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    assert lines["worker"].startswith("chrome-extension://") and lines["worker"].endswith("/src/background.js")
    assert lines["status"] == "done"

"""Build the extension's archives: one zip for Chromium, one for Firefox.

    python3 tools/package/build.py [OUT_DIR]     (``make package``; OUT_DIR defaults to dist)

Each archive holds ``manifest.json`` at its root and the files the extension
loads (``content.css``, ``icons/``, ``src/``, with the vendored Readability
and its licence), nothing else: no README, no tests, no tooling. The one
source tree carries keys for both browsers; each archive's manifest keeps
only its own browser's, so neither store nor linter sees keys it does not
know:

- Chromium: ``background.service_worker``; no ``background.scripts``, no
  ``browser_specific_settings``.
- Firefox: ``background.scripts`` (an event page) and
  ``browser_specific_settings.gecko``; no ``background.service_worker``, no
  ``minimum_chrome_version``.

Archives are reproducible: entries sorted, fixed timestamps and modes.
Standard library only, so it runs before any virtual environment exists.
"""

from __future__ import annotations

import copy
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
EXTENSION = REPO / "extension"
# What the extension loads; everything else in extension/ stays out.
SHIPPED = ("manifest.json", "content.css", "icons", "src")
LEFT_OUT_SUFFIXES = (".md",)  # documentation; licences are kept by name below
KEPT_DOCS = ("LICENSE",)  # a vendored file's licence travels with it
FIXED_TIME = (2026, 1, 1, 0, 0, 0)

Manifest = dict[str, Any]


def chromium_manifest(manifest: Manifest) -> Manifest:
    out = copy.deepcopy(manifest)
    out["background"].pop("scripts", None)
    out.pop("browser_specific_settings", None)
    return out


def firefox_manifest(manifest: Manifest) -> Manifest:
    out = copy.deepcopy(manifest)
    out["background"].pop("service_worker", None)
    out.pop("minimum_chrome_version", None)
    return out


TARGETS = {"chromium": chromium_manifest, "firefox": firefox_manifest}


def shipped_files() -> list[Path]:
    """The extension's files that go into every archive, manifest excepted."""
    files: list[Path] = []
    for name in SHIPPED[1:]:
        path = EXTENSION / name
        found = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in found:
            if f.suffix in LEFT_OUT_SUFFIXES and not any(k in f.name for k in KEPT_DOCS):
                continue
            files.append(f)
    return files


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def build(out_dir: Path) -> list[Path]:
    manifest = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
    version = manifest["version"]
    files = shipped_files()
    missing = [p for p in manifest["content_scripts"][0]["js"] if not (EXTENSION / p).is_file()]
    if missing:
        raise SystemExit(f"build.py: the manifest lists files that are not there: {missing} (make vendor?)")
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("sidenote-*.zip"):
        old.unlink()
    written = []
    for target, tailor in TARGETS.items():
        path = out_dir / f"sidenote-{target}-{version}.zip"
        with zipfile.ZipFile(path, "w") as archive:
            _add(archive, "manifest.json", (json.dumps(tailor(manifest), indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
            for f in files:
                _add(archive, f.relative_to(EXTENSION).as_posix(), f.read_bytes())
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else REPO / "dist"
    for path in build(out_dir):
        with zipfile.ZipFile(path) as archive:
            print(f"{path}  ({len(archive.namelist())} files, {path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

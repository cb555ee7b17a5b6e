"""backend/pyproject.toml lists every package: the product's, and the script
folders' (sidenote_eval, sidenote_train, sidenote_bench), which import one
another as packages rather than through sys.path."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[2] / "backend"


def test_every_package_folder_is_listed() -> None:
    config = tomllib.loads((BACKEND / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {name: BACKEND / path for name, path in config["package-dir"].items()}
    folders.setdefault("sidenote", BACKEND / "sidenote")
    found = set()
    for top, root in folders.items():
        for init in root.rglob("__init__.py"):
            if "__pycache__" not in init.parts:
                rel = init.parent.relative_to(root).parts
                found.add(".".join((top, *rel)))
    assert sorted(found) == sorted(config["packages"])


def test_no_module_puts_itself_on_sys_path() -> None:
    """The backend is installed (pip install -e backend) and pytest.ini puts
    the tests' helper folders on the path: no module edits sys.path."""
    tests = BACKEND.parent / "tests"
    edit = "sys.path." + "insert"
    offenders = [str(p.relative_to(BACKEND.parent)) for folder in (BACKEND, tests / "backend", tests / "e2e")
                 for p in folder.rglob("*.py") if edit in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_the_script_packages_import_in_a_fresh_interpreter() -> None:
    code = ("import sidenote_eval.editor.pages, sidenote_eval.eval_attribution, "
            "sidenote_train.own_spans, sidenote_bench.hostile")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120, cwd="/")

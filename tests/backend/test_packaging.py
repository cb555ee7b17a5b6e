"""backend/pyproject.toml lists every package: the product's, and the script
folders' (sidenote_eval, sidenote_train, sidenote_bench), which import one
another as packages rather than through sys.path; and every module of the
product imports on its own."""

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


# Each sidenote module imported first, in a process where no other sidenote
# module is loaded yet (the others are dropped from sys.modules before each).
_IMPORT_EACH_FIRST = """
import importlib, pkgutil, sys
import sidenote
failed = []
for info in sorted(pkgutil.walk_packages(sidenote.__path__, "sidenote."), key=lambda m: m.name):
    for name in [m for m in sys.modules if m == "sidenote" or m.startswith("sidenote.")]:
        del sys.modules[name]
    try:
        importlib.import_module(info.name)
    except Exception as exc:
        failed.append(f"{info.name}: {type(exc).__name__}: {exc}")
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""


def test_every_module_imports_first() -> None:
    """No import cycle: a module that meets a half-initialised one fails here.
    The shared types and helpers (sidenote.doc, anchor, text, credits,
    intervals) import nothing of the stages, so the stages, the detectors and
    the attribution parts import them plainly, and nothing defers an import
    to dodge a cycle (issue #18)."""
    done = subprocess.run([sys.executable, "-c", _IMPORT_EACH_FIRST], capture_output=True, text=True,
                          timeout=300, cwd="/")
    assert done.returncode == 0, done.stdout + done.stderr

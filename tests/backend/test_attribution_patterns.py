"""find_credits: every pattern, tried in order over one sentence."""

from __future__ import annotations

import pytest
from staged import quotes_of

from sidenote.attribution.patterns import find_credits
from sidenote.attribution.text import tokenize
from sidenote.doc import Span


def credits(text: str) -> list[tuple[str, str]]:
    """(source name, content) of every credit in ``text``, one sentence."""
    found = find_credits(text, tokenize(text), Span(0, len(text)), quotes_of(text))
    return [(text[c.name.start : c.name.end], text[c.content.start : c.content.end]) for c in found]


@pytest.mark.parametrize(("text", "name"), [
    ("MORALES: We will fund the schools.", "MORALES"),  # speaker label
    ("To Sexton, Tuesday marked a turning point.", "Sexton"),  # viewpoint
    ("Turnout was low, according to the county clerk.", "the county clerk"),
    ("In a Valley Ledger poll released Monday, 31% backed the mayor.", "a Valley Ledger poll"),
    ("The closure was first reported by the Valley Ledger.", "the Valley Ledger"),
    ("The New York Times made these claims about the port.", "The New York Times"),
    ("The firm released the following statement: “We regret the long delay at the pier.”", "The firm"),
    ("Ruiz spoke favorably of the harbor plan.", "Ruiz"),
    ("Ana Ruiz said the pier was late.", "Ana Ruiz"),
    ("“The pier is late,” said Ana Ruiz.", "Ana Ruiz"),
    ("Ruiz left the hall early, saying she was tired.", "Ruiz"),
    ("Ruiz met the workers and said the pier was late.", "Ruiz"),
    ("The plan passed, with 30 percent of voters saying they would pay.", "30 percent of voters"),
])
def test_each_pattern_through_the_dispatcher(text: str, name: str) -> None:
    assert name in [n for n, _ in credits(text)]


def test_a_headline_verb_in_title_case_is_read() -> None:
    assert credits("Another County Official Endorses Ruiz")[0][0] == "Another County Official"


def test_a_passive_participle_in_a_headline_is_not() -> None:
    assert credits("Security Guard Credited With Finding Shooter") == []


def test_by_after_an_ed_form_skips_the_passive() -> None:
    assert credits("The violations alleged by the inspector were serious.") == []


def test_a_sentence_with_no_cue_credits_no_one() -> None:
    assert credits("The pier opened in 1908 and closed in 2001.") == []


@pytest.mark.parametrize("module", [
    "sidenote.attribution.patterns.verb_cue", "sidenote.attribution.coreference", "sidenote.attribution.text",
])
def test_each_module_imports_on_its_own(module: str) -> None:
    # The stage imports these modules, and they import sidenote.doc, which
    # imports nothing of the stages: a fresh interpreter importing one of
    # them first must not meet a half-initialised module.
    import subprocess
    import sys
    from pathlib import Path

    backend = Path(__file__).resolve().parents[2] / "backend"
    done = subprocess.run([sys.executable, "-c", f"import {module}"], cwd=backend,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr

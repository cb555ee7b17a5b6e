"""The editors' pages (backend/eval/editor/pages.py): the fixed PolNeAR split."""

from __future__ import annotations

import hashlib

import pytest

from sidenote_eval.editor import pages as pages_module
from sidenote_eval.editor.pages import polnear_split


@pytest.fixture
def polnear(tmp_path, monkeypatch):
    """Two dev articles and ten train articles; 2 train held out, 5 for tuning."""
    for part, names in (("dev", ["d1", "d2"]), ("train", [f"t{i}" for i in range(10)])):
        folder = tmp_path / "attribution" / part / "text"
        folder.mkdir(parents=True)
        for name in names:
            (folder / f"{name}.txt").write_text(f"Article {name}.\n", encoding="utf-8")
    monkeypatch.setattr(pages_module, "DATASETS", tmp_path)
    monkeypatch.setattr(pages_module, "POLNEAR_TRAIN_HELDOUT", 2)
    monkeypatch.setattr(pages_module, "POLNEAR_TRAIN_TUNING", 5)
    return sorted((f"t{i}" for i in range(10)), key=lambda n: hashlib.sha1(n.encode()).hexdigest())


def test_the_train_articles_after_the_tuning_ones_are_fresh_and_held_out(polnear):
    paths, held, fresh = polnear_split()
    assert set(paths) == {"d1", "d2", *polnear}
    assert fresh == set(polnear[7:])
    assert held == {"d1", "d2", *polnear[:2], *polnear[7:]}


def test_the_tuning_articles_are_the_ones_chosen_before_the_fresh_pages(polnear):
    paths, held, _ = polnear_split()
    assert sorted(set(paths) - held) == sorted(polnear[2:7])


def test_a_fresh_page_reports_its_own_corpus():
    fresh = pages_module.Page("polnear/x", "text", "", None, True, True)
    earlier = pages_module.Page("polnear/y", "text", "", None, True)
    assert (fresh.corpus, earlier.corpus) == ("polnear-fresh", "polnear")

"""The page bootstrap of the editors' figures (backend/eval/editor/bootstrap.py)."""

from __future__ import annotations

from sidenote_eval.editor.bootstrap import PageCounts, describe, page_bootstrap


def test_identical_pages_give_an_interval_of_one_point():
    pages = [PageCounts(shown=4, right=3, wrong=1, misses=1)] * 30
    got = page_bootstrap(pages)
    assert got.precision == (0.75, 0.75)
    assert got.wrong_share == (0.25, 0.25)
    assert got.recall == (0.75, 0.75)


def test_the_interval_holds_the_figure_and_narrows_with_more_pages():
    few = [PageCounts(2, 2, 0, 1), PageCounts(2, 0, 2, 1)] * 5
    many = few * 20
    small, large = page_bootstrap(few), page_bootstrap(many)
    assert small.precision is not None and large.precision is not None
    assert small.precision[0] < 0.5 < small.precision[1]
    assert large.precision[0] <= 0.5 <= large.precision[1]
    assert large.precision[1] - large.precision[0] < small.precision[1] - small.precision[0]


def test_it_is_the_same_every_run_and_says_when_there_is_nothing_to_count():
    pages = [PageCounts(3, 1, 1, 2), PageCounts(0, 0, 0, 3), PageCounts(1, 1, 0, 0)]
    assert page_bootstrap(pages) == page_bootstrap(pages)
    nothing = page_bootstrap([PageCounts(0, 0, 0, 0)])
    assert nothing.precision is None and nothing.recall is None
    assert describe(nothing) == "precision -, wrong share -, recall -"
    assert describe(page_bootstrap([])) == "precision -, wrong share -, recall -"

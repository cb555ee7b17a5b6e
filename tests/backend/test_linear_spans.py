"""``framing.spans._resolve`` keeps the same spans as the scan it replaced
(each span compared with every span kept so far), in ``O(n log n)``
(issue #15). Work is counted (Python lines run), not timed."""

from __future__ import annotations

import random
from collections.abc import Callable

from workcount import lines_run

from sidenote.framing import FramingSpan, find_loaded_spans
from sidenote.framing.spans import _resolve


def resolve_by_scan(spans: list[FramingSpan]) -> list[FramingSpan]:
    """The resolution as it was: each span against every span kept."""
    kept: list[FramingSpan] = []
    for sp in sorted(spans, key=lambda s: (-s.score, -(s.end - s.start), s.start)):
        if all(sp.end <= k.start or k.end <= sp.start for k in kept):
            kept.append(sp)
    return sorted(kept, key=lambda s: s.start)


def test_a_rule_span_wins_over_the_model_spans_it_overlaps() -> None:
    text = "The so-called experts were utterly wrong about the regime."
    rule = FramingSpan(4, 21, "so_called", 1.0)  # "so-called experts"
    inside = FramingSpan(14, 21, "name_calling", 0.8)  # "experts", the model's
    across = FramingSpan(18, 26, "emotive", 0.9)  # "erts were": overlaps the rule's end
    after = FramingSpan(27, 40, "intensifier", 0.7)  # "utterly wrong", apart
    kept = _resolve([inside, after, across, rule])
    assert [text[s.start : s.end] for s in kept] == ["so-called experts", "utterly wrong"]
    assert kept == resolve_by_scan([inside, after, across, rule])


def test_touching_and_empty_spans_do_not_overlap() -> None:
    a, b = FramingSpan(0, 5, "emotive", 0.9), FramingSpan(5, 9, "emotive", 0.8)  # "brutal" "regime": touching
    empty_at_start = FramingSpan(0, 0, "emotive", 0.7)
    empty_inside = FramingSpan(2, 2, "emotive", 0.95)  # inside a, preferred over it
    spans = [a, b, empty_at_start, empty_inside]
    assert _resolve(spans) == resolve_by_scan(spans)
    assert b in _resolve(spans) and empty_at_start in _resolve(spans)


def test_resolution_agrees_with_the_scan_on_random_spans() -> None:
    rnd = random.Random(102)
    for _ in range(2000):
        spans = []
        for _ in range(rnd.randrange(25)):
            start = rnd.randrange(50)
            spans.append(FramingSpan(start, start + rnd.choice([0, 1, 2, 4, 9, 30]), "emotive",
                                     rnd.choice([1.0, 1.0, 0.9, 0.6, 0.6])))
        assert _resolve(spans) == resolve_by_scan(spans)


def test_find_loaded_spans_on_an_invented_article_gives_disjoint_sorted_spans() -> None:
    text = ("The so-called “peace activists” marched again. Critics called the regime brutal, "
            "and the thugs who attacked the reporters were never charged. ") * 20
    found = find_loaded_spans(text)
    assert found, "the invented article holds loaded wording"
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def _many_spans(n: int) -> Callable[[], object]:
    """``n`` words each found by the model, and rule phrases over every
    tenth stretch of them: half are dropped as overlaps."""
    spans = [FramingSpan(10 * i, 10 * i + 6, "emotive", 0.5 + (i % 7) / 20) for i in range(n)]
    spans += [FramingSpan(10 * i, 10 * i + 25, "name_calling", 1.0) for i in range(0, n, 10)]

    def run() -> None:
        _resolve(spans)

    return run


def test_resolving_many_spans_is_not_quadratic() -> None:
    small, large = lines_run(_many_spans(2_000)), lines_run(_many_spans(8_000))
    # n log n: about 4.5 times the work for 4 times the spans (the scan: 16)
    assert large < 6 * small

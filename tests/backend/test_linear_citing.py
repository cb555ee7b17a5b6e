"""``attribution.patterns.citing``: a sentence of many ", citing" after an
outlet's credit is read in linear work, not in its square (issue #15).
Work is counted (Python lines run), not timed."""

from __future__ import annotations

from workcount import lines_run

from sidenote.attribution.patterns.citing import citing_relay
from sidenote.attribution.patterns.credit import Credit
from sidenote.attribution.text import tokenize
from sidenote.doc import Span

LEAD = "Hiring slowed in May, the New York Times reported"


def _work(n: int, tail: str) -> int:
    text = LEAD + tail * n + "."
    toks = tokenize(text, 0, len(text))
    times = Span(LEAD.index("the New York Times"), LEAD.index(" reported"))
    cue = Span(LEAD.index("reported"), len(LEAD))
    outer = Credit(times, times, None, cue, Span(0, LEAD.index(",")))
    return lines_run(lambda: [citing_relay(text, toks, i, [outer]) for i, t in enumerate(toks) if t.lower == "citing"])


def test_many_citings_cost_linear_work() -> None:
    for tail in (", citing", " , , citing", ", citing people close to the talks and"):
        small, large = _work(200, tail), _work(800, tail)
        assert large <= 4.5 * small, (tail, small, large)


def test_the_first_citing_still_reads_its_unnamed_source() -> None:
    text = LEAD + ", citing people close to the talks."
    toks = tokenize(text, 0, len(text))
    times = Span(LEAD.index("the New York Times"), LEAD.index(" reported"))
    outer = Credit(times, times, None, Span(LEAD.index("reported"), len(LEAD)), Span(0, LEAD.index(",")))
    i = next(k for k, t in enumerate(toks) if t.lower == "citing")
    found = citing_relay(text, toks, i, [outer])
    assert found is not None and text[found.name.start : found.name.end] == "people close to the talks"
    assert found.listener == times

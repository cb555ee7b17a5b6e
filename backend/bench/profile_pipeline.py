"""Where ``analyze_html`` spends its time, over the same pages as ``make bench``.

    .venv/bin/python backend/bench/profile_pipeline.py [--rounds N] [--tree FILE]

Runs the pipeline in-process on every page under pyinstrument (a sampling
profiler: install it into .venv by hand for this; it is not a runtime
dependency) or, without it, under the stdlib's cProfile, whose tracing
overhead inflates small, often-called functions. Prints, as markdown:
time per stage (from the pipeline's own timings), then the top functions by
cumulative time (a function counted once per sample however deep it recurses)
and by self time. ``--tree`` also writes pyinstrument's call tree as text.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from sidenote_bench.pages import Page, load_pages, shared_dir

TOP = 30
STAGE_ORDER = ("extract", "sentences", "quotes", "attribution", "claims", "cards")


def short(path: str) -> str:
    """A file path from the package or library root on, readable in a table."""
    for marker in ("site-packages/", "/backend/", "/lib/python3"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def run_pages(pages: list[Page], rounds: int, stages: Counter[str]) -> float:
    from sidenote.pipeline import analyze_html

    t0 = time.perf_counter()
    for _ in range(rounds):
        for page in pages:
            timings: dict[str, float] = {}
            try:
                analyze_html(page.html, page.url, timings=timings)
            except Exception as exc:  # noqa: BLE001 - a failing page is reported, the rest profiled
                print(f"<!-- {page.name}: {exc} -->", file=sys.stderr)
            stages.update(timings)
    return time.perf_counter() - t0


def table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def stage_table(stages: Counter[str], wall: float) -> str:
    names = [s for s in STAGE_ORDER if s in stages] + [s for s in stages if s not in STAGE_ORDER]
    rows = [(name, f"{stages[name]:.2f} s", f"{100 * stages[name] / wall:.1f}%") for name in names]
    return table(("stage", "total", "share of wall time"), rows)


def with_pyinstrument(pages: list[Page], rounds: int, tree: Path | None) -> tuple[str, str]:
    from pyinstrument import Profiler
    from pyinstrument.frame_info import frame_info_get_identifier

    stages: Counter[str] = Counter()
    profiler = Profiler(interval=0.0005)
    profiler.start()
    wall = run_pages(pages, rounds, stages)
    profiler.stop()
    session = profiler.last_session
    assert session is not None
    if tree is not None:
        tree.write_text(profiler.output_text(unicode=True, show_all=False), encoding="utf-8")

    cumulative: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for stack, seconds in session.frame_records:
        ids = [frame_info_get_identifier(info) for info in stack]
        for ident in set(ids):
            cumulative[ident] += seconds
        if ids:
            own[ids[-1]] += seconds
    total = session.duration

    def rows(counter: Counter[str]) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = []
        for ident, seconds in counter.most_common():
            function, path, line = (ident.split("\x00") + ["", ""])[:3]
            if function.startswith("<") or "<thread>" in path or "pyinstrument" in path or "profile_pipeline" in path:
                continue  # the module-level and profiler frames hold everything
            out.append((f"`{function}`", f"{short(path)}:{line}", f"{seconds:.2f} s", f"{100 * seconds / total:.1f}%"))
            if len(out) == TOP:
                break
        return out

    head = ("function", "where", "time", "share")
    report = "\n\n".join((
        f"pyinstrument, {len(session.frame_records)} stacks, {total:.1f} s sampled",
        "By stage:\n\n" + stage_table(stages, wall),
        "Top functions by cumulative time:\n\n" + table(head, rows(cumulative)),
        "Top functions by self time:\n\n" + table(head, rows(own)),
    ))
    return report, f"{wall:.1f} s"


def with_cprofile(pages: list[Page], rounds: int) -> tuple[str, str]:
    stages: Counter[str] = Counter()
    profiler = cProfile.Profile()
    wall = profiler.runcall(run_pages, pages, rounds, stages)
    stats = pstats.Stats(profiler)

    def rows(key: Callable[[tuple[int, int, float, float]], float]) -> list[tuple[str, ...]]:
        raw = stats.stats.items()  # type: ignore[attr-defined]
        entries = sorted(raw, key=lambda item: key(item[1][:4]), reverse=True)
        out: list[tuple[str, ...]] = []
        for (path, line, function), (_, calls, tottime, cumtime, _) in entries:
            if function.startswith("<") or "profile_pipeline" in path or path == "~":
                continue
            out.append((f"`{function}`", f"{short(path)}:{line}", f"{calls}", f"{cumtime:.2f} s", f"{tottime:.2f} s"))
            if len(out) == TOP:
                break
        return out

    head = ("function", "where", "calls", "cumulative", "self")
    report = "\n\n".join((
        "cProfile (tracing: its overhead inflates small, often-called functions)",
        "By stage:\n\n" + stage_table(stages, wall),
        "Top functions by cumulative time:\n\n" + table(head, rows(lambda s: s[3])),
        "Top functions by self time:\n\n" + table(head, rows(lambda s: s[2])),
    ))
    return report, f"{wall:.1f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=shared_dir())
    parser.add_argument("--rounds", type=int, default=1, help="passes over the pages (more samples)")
    parser.add_argument("--tree", type=Path, help="write pyinstrument's call tree here")
    parser.add_argument("--cprofile", action="store_true", help="use cProfile even if pyinstrument is there")
    parser.add_argument("--pages", type=int, default=0, help="use only the first N pages (0 = all)")
    args = parser.parse_args(argv)

    pages = load_pages(args.shared)
    if args.pages:
        pages = pages[: args.pages]
    from sidenote.pipeline import analyze_html

    for page in pages[:3]:  # lazy imports and model loading are start-up cost, not per-page cost
        analyze_html(page.html, page.url)
    try:
        import pyinstrument  # noqa: F401
    except ImportError:
        args.cprofile = True
    if args.cprofile:
        report, wall = with_cprofile(pages, args.rounds)
    else:
        report, wall = with_pyinstrument(pages, args.rounds, args.tree)
    print(f"analyze_html on {len(pages)} pages × {args.rounds} round(s): {wall} under the profiler; {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

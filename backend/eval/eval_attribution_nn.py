"""Measure the neural attribution tagger on PolNeAR 1.0 (dev by default).

Prints figures; asserts nothing. Run from the repo root:

    .venv/bin/python backend/eval/eval_attribution_nn.py [--split dev|train] [--heldout]
        [--weights PATH] [--compare]

Scoring, gold and matching are eval_attribution.py's own (its ``score``,
predictors and loaders are imported, not copied). Predictors:
- neural: the neural tagger (sidenote/attribution/neural.py) alone, its
  Source spans scored as sources (eval_attribution's ``tagger`` predictor
  with ``model.tag`` swapped for ``neural.tag``);
- stage_neural: the stage with the neural tagger in the linear one's place
  (``attribute_with_tagger`` with ``model.tag`` swapped for ``neural.tag``);
- union: the rules' sources plus the neural tagger's sources that overlap
  none of them (Source spans only: what a looser stage could reach);
- with ``--compare`` also the stage with the neural tagger allowed in
  sentences the rules read, the linear tagger alone, the stage with the
  linear tagger and the rules alone, on the same articles.
None of these is in the product: the neural tagger costs about 8 ms per
article, more than the speed budget has left (see the README).
``--heldout`` scores only the train articles the trainers hold out (every
10th by name): the figures settings were chosen on. Dev is for reporting.
Besides the predictor time eval_attribution prints (which includes the rules
the taggers read), the time inside ``neural.tag`` alone is printed.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sidenote.attribution import model, neural
from sidenote.doc import Doc
from sidenote.pipeline.attribution import attribute_rules
from sidenote_eval import eval_attribution as ea

_spent = {"seconds": 0.0, "calls": 0}


def _timed_neural_tag(*args, **kwargs):
    t0 = time.perf_counter()
    try:
        return neural.tag(*args, **kwargs)
    finally:
        _spent["seconds"] += time.perf_counter() - t0
        _spent["calls"] += 1


@contextmanager
def neural_in_place_of_linear() -> Iterator[None]:
    """``model.tag`` is read at call time by the stage (``_tagged``) and by
    eval_attribution's tagger predictor: swapping it swaps the tagger."""
    linear = model.tag
    model.tag = _timed_neural_tag
    try:
        yield
    finally:
        model.tag = linear


def with_neural(predict: Callable[[Doc], dict[str, set[ea.Frag]]]
                ) -> Callable[[Doc], dict[str, set[ea.Frag]]]:
    def run(doc: Doc) -> dict[str, set[ea.Frag]]:
        with neural_in_place_of_linear():
            return predict(doc)
    return run


def predict_rules(doc: Doc) -> dict[str, set[ea.Frag]]:
    return ea._from_attributions(attribute_rules(doc))


def predict_union(doc: Doc) -> dict[str, set[ea.Frag]]:
    """The rules' sources, plus the neural tagger's sources that overlap none
    of them (what a simpler merge in the stage would give; Source only)."""
    out = attribute_rules(doc)
    pred = ea._from_attributions(out)
    tagged = _timed_neural_tag(doc.text, [s.start for s in out.sentences], out.attributions)
    ruled = [f[0] for f in pred["Source"]]
    for sp in tagged["Source"]:
        if not any(sp.start < e and s < sp.end for s, e in ruled):
            pred["Source"].add(((sp.start, sp.end),))
    return pred


@cache
def _proposed_tagged() -> Callable[..., list]:
    """pipeline.attribution._tagged with the one change proposed for the
    stage: a tagged source is considered in every sentence, also in those the
    rules read (a sentence can credit two sources; the overlap test against
    the rules' own mentions stays). Built from the function's current source
    with that one condition removed, so it follows any other edit to it."""
    import inspect
    import textwrap

    from sidenote.pipeline import attribution as stage

    src = textwrap.dedent(inspect.getsource(stage._tagged))
    changed = src.replace("if k < 0 or k in ruled:", "if k < 0:")
    if changed == src:
        raise RuntimeError("_tagged changed: the proposed edit no longer applies")
    scope: dict = {}
    exec(compile(changed, "<proposed _tagged>", "exec"), vars(stage).copy(), scope)
    # Rebuilt over the live module globals, so patches to its helpers show.
    fn = scope["_tagged"]
    return types.FunctionType(fn.__code__, vars(stage), "_tagged", fn.__defaults__, fn.__closure__)


def predict_stage_proposed(doc: Doc) -> dict[str, set[ea.Frag]]:
    """The stage with the neural tagger and the proposed _tagged."""
    from sidenote.pipeline import attribution as stage

    original = stage._tagged
    stage._tagged = _proposed_tagged()
    try:
        with neural_in_place_of_linear():
            return ea.predict_with_tagger(doc)
    finally:
        stage._tagged = original


def heldout_folder(folder: Path, into: Path) -> Path:
    """A folder of links to the held-out train articles (every 10th name,
    as the trainers split), so eval_attribution's ``score`` reads only them."""
    names = sorted({a.stem.rsplit("_", 1)[0] for a in (folder / "attributions").glob("*.ann")})
    keep = {n for i, n in enumerate(names) if i % 10 == 9}
    for sub in ("text", "attributions"):
        (into / sub).mkdir(parents=True)
        for f in (folder / sub).iterdir():
            name = f.stem.rsplit("_", 1)[0] if sub == "attributions" else f.stem
            if name in keep:
                (into / sub / f.name).symlink_to(f)
    return into


def timing(folder: Path, prep: Callable[[Doc], Doc], repeats: int) -> None:
    """neural.tag alone, best of ``repeats`` runs per article (the machine is
    shared: the best run is the one least disturbed), over every article."""
    calls = []
    for f in sorted((folder / "text").glob("*.txt")):
        doc = prep(ea.make_doc(f.read_text(encoding="utf-8")))
        out = attribute_rules(doc)
        calls.append((doc.text, [s.start for s in out.sentences], out.attributions))
    for c in calls:
        neural.tag(*c)  # warm: weights loaded, word facts cached (as in a running server)
    best = []
    cpu = []
    for c in calls:
        runs = []
        cpus = []
        for _ in range(repeats):
            t0, c0 = time.perf_counter(), time.thread_time()
            neural.tag(*c)
            runs.append(time.perf_counter() - t0)
            cpus.append(time.thread_time() - c0)
        best.append(min(runs))
        cpu.append(min(cpus))
    words = sum(len(c[0].split()) for c in calls)
    # Wall time suffers from whatever else runs; this thread's CPU time much less.
    for what, secs in (("wall", best), ("thread CPU", cpu)):
        per_k = 1e6 * sum(secs) / words
        print(f"neural.tag alone, {what}, best of {repeats}: {1000 * sum(secs) / len(calls):.2f} "
              f"ms/article ({words / len(calls):.0f} words), {per_k:.2f} ms per 1,000 words "
              f"= {0.7 * per_k:.2f} ms for 700 words")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--heldout", action="store_true",
                    help="only the held-out 10%% of train (implies --split train)")
    ap.add_argument("--data", type=Path, default=ea.DATA)
    ap.add_argument("--weights", type=Path, default=None, help="a candidate neural.npz")
    ap.add_argument("--compare", action="store_true",
                    help="also the linear tagger alone, the stage with it, and the rules")
    ap.add_argument("--time", type=int, default=0, metavar="N",
                    help="also time neural.tag alone, best of N runs per article")
    ap.add_argument("--errors", type=int, default=0, help="print this many source errors")
    args = ap.parse_args()
    if args.weights:
        neural.use(args.weights)
    if args.heldout:
        args.split = "train"
    prep, how = ea.earlier_stages, ea.EARLIER_STAGES
    predictors: list[tuple[str, Callable[[Doc], dict[str, set[ea.Frag]]], str]] = [
        ("neural", with_neural(ea.predict_tagger), "neural tagger alone"),
        ("stage_neural", with_neural(ea.predict_with_tagger), "rules + neural tagger"),
        ("union", predict_union, "rules' sources + neural sources they miss (Source only)"),
    ]
    if args.compare:
        predictors += [
            ("stage_neural_proposed", predict_stage_proposed,
             "rules + neural tagger, tagged sources also in sentences the rules read"),
            ("linear", ea.predict_tagger, "linear tagger alone"),
            ("stage_linear", ea.predict_with_tagger, "rules + linear tagger"),
            ("rules", predict_rules, "rules alone"),
        ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.data / args.split
        if args.heldout:
            folder = heldout_folder(folder, Path(tmp))
            args.split = "train-heldout"
        words = sum(len(f.read_text(encoding="utf-8").split())
                    for f in (folder / "text").glob("*.txt"))
        for n, (_key, predict, label) in enumerate(predictors):
            if n:
                print("\n" + "=" * 72 + "\n")
            _spent.update(seconds=0.0, calls=0)
            ea.score(args, folder, prep, how, predict, label)
            if _spent["calls"]:
                print(f"inside neural.tag: {1000 * _spent['seconds'] / _spent['calls']:.2f} "
                      f"ms/article, {1e6 * _spent['seconds'] / max(1, words):.2f} ms per 1,000 words")
        if args.time:
            print()
            timing(folder, prep, args.time)


if __name__ == "__main__":
    main()

"""The neural attribution tagger (numpy inference) on hand-made paragraphs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
from staged import doc_through

from sidenote.attribution import model, neural
from sidenote.doc import Span
from sidenote.pipeline.attribution import attribute_rules


def run(text: str) -> tuple[dict[str, list[Span]], dict[str, list[Span]]]:
    """(neural spans, linear spans) with the rules' output as input, as the stage calls them:
    on the text after extraction and the sentences and quotes stages."""
    out = attribute_rules(doc_through("quotes", text))
    starts = [s.start for s in out.sentences]
    return (neural.tag(text, starts, out.attributions),
            model.tag(text, starts, out.attributions))


def check_shape(text: str, spans: dict[str, list[Span]]) -> None:
    assert set(spans) == {"Source", "Cue", "Content"}
    every = sorted((sp.start, sp.end) for v in spans.values() for sp in v)
    for s, e in every:
        assert 0 <= s < e <= len(text)
    for (_, e1), (s2, _) in zip(every, every[1:]):
        assert e1 <= s2, "spans of one tagger never overlap (one label per token)"


def test_senator_said() -> None:
    text = "The senator said the bill would fail."
    spans, _ = run(text)
    check_shape(text, spans)
    assert any(sp.start <= text.index("The senator") and sp.end >= len("The senator")
               for sp in spans["Source"]), [sp.text(text) for sp in spans["Source"]]
    assert any("said" in sp.text(text) for sp in spans["Cue"])
    assert any("bill" in sp.text(text) for sp in spans["Content"])


def test_according_to_named_source() -> None:
    text = ("The state will cut the budget by 4 percent next year, according to "
            "Governor Maria Lopez.")
    spans, _ = run(text)
    check_shape(text, spans)
    assert any("Lopez" in sp.text(text) for sp in spans["Source"])


def test_empty_and_uncredited_text() -> None:
    assert run("")[0] == {"Source": [], "Cue": [], "Content": []}
    # No sentence with a live word: nothing is run, nothing is found.
    text = "The river rose overnight. Rain fell on the hills until dawn."
    spans, _ = run(text)
    assert spans == {"Source": [], "Cue": [], "Content": []}


def test_spans_inside_text_and_disjoint_on_a_longer_article() -> None:
    text = (
        "WASHINGTON — Senate leaders said Tuesday that a vote on the measure could come "
        "next week. “We are not there yet,” said Senator John Smith, a Republican from Ohio.\n\n"
        "Officials at the Treasury Department, who spoke on condition of anonymity, told "
        "reporters the plan would cost $2 billion. The White House declined to comment. "
        "Critics argue the bill favours large banks, and a report released Monday found "
        "that fees rose sharply last year."
    )
    spans, _ = run(text)
    check_shape(text, spans)
    assert spans["Source"], "several credited sources here"


def test_same_contract_as_linear_tagger() -> None:
    text = "Smith told reporters the deal was dead. Jones disagreed."
    nn_spans, lin_spans = run(text)
    assert set(nn_spans) == set(lin_spans)
    assert all(isinstance(sp, Span) for v in nn_spans.values() for sp in v)


def test_sentences_without_live_words_are_blanked_but_keep_quotes() -> None:
    net = neural.load_net()
    text = "“It rained. ” He said “yes.”"
    live = neural._live_text(text, [0, 12], net.live_words)
    assert len(live) == len(text)
    assert live[:12].strip() == "“"  # no live word: blanked, quotation mark kept
    assert live[12:] == text[12:]


def test_weights_load_once() -> None:
    assert neural.load_net() is neural.load_net()
    w = neural.load_net().w
    assert w["E"].dtype == np.float32 and w["remap"].dtype.kind == "i"


def test_inference_never_imports_torch() -> None:
    backend = Path(neural.__file__).resolve().parents[2]
    code = ("import sys; from sidenote.attribution import neural; "
            "neural.tag('He said it would rain.', [0], ()); "
            "assert 'torch' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], cwd=backend, check=True, timeout=120)

"""The verifier's sentence encoder: all-MiniLM-L6-v2 in numpy, its fine-tuned
top, and what it reads of a card."""

from __future__ import annotations

import dataclasses
import json
import math
import threading
from pathlib import Path

import numpy as np
import pytest
from handmade import article, doc, span

from sidenote.anchor import make_anchor, make_evidence
from sidenote.doc import Card
from sidenote.verifier import encoder as enc

REFERENCE = Path(__file__).with_name("minilm_reference.json")


def test_numpy_forward_pass_matches_the_reference_implementation():
    ref = json.loads(REFERENCE.read_text())
    pairs = [tuple(p) for p in ref["pairs"]]
    ids, types, mask = enc.encode(pairs)
    assert [[int(i) for i, m in zip(row, ms) if m] for row, ms in zip(ids, mask)] == ref["input_ids"]
    hidden = enc.published_encoder().hidden(ids, types, mask)
    pooled = (hidden * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
    assert np.abs(pooled - np.array(ref["mean_hidden"])).max() < 1e-4


def test_gelu_uses_an_erf_accurate_to_a_millionth():
    xs = np.linspace(-6, 6, 241)
    exact = np.array([0.5 * x * (1 + math.erf(x / math.sqrt(2))) for x in xs])
    assert np.abs(enc.gelu(xs) - exact).max() < 1e-6


def test_padding_does_not_change_a_texts_logit():
    e = enc.load_encoder()
    assert e is not None
    short = ("wording outlet: The [corrupt] mayor resigned.", ".")
    long = ("wording outlet: " + "The council met again on Tuesday evening to hear residents. " * 5, ".")
    alone = e.logits([short])[0]
    beside_a_long_text = e.logits([short, long])[0]
    assert alone == pytest.approx(beside_a_long_text, abs=1e-4)


def test_the_top_layer_is_zero_at_padding():
    # The dense layers read only the real word pieces; padding gets no state.
    ids, types, mask = enc.encode([("The mayor resigned.", "."), ("The council met again on Tuesday evening.", ".")])
    hidden = enc.published_encoder(2).hidden(ids, types, mask)
    assert mask[0].min() == 0  # the short text is padded
    assert not hidden[mask == 0].any()
    assert hidden[mask == 1].any()


def test_gelu_of_more_rows_than_one_step_matches_row_by_row():
    x = np.linspace(-4, 4, (enc.GELU_ROWS * 2 + 3) * 5, dtype=np.float32).reshape(-1, 5)
    assert np.array_equal(enc.gelu(x), np.vstack([enc.gelu(row[None, :]) for row in x]))


def _texts(n: int) -> list[tuple[str, str]]:
    return [(f"wording outlet: The [corrupt] mayor of town {i} resigned {'again ' * i}today.", ".") for i in range(n)]


def test_many_texts_split_between_two_threads_give_each_texts_own_logit(monkeypatch):
    e = enc.load_encoder()
    assert e is not None
    texts = _texts(5)
    alone = [e.logits([t])[0] for t in texts]
    threads: set[str] = set()
    encode = enc.encode

    def recording(pairs):
        threads.add(threading.current_thread().name)
        return encode(pairs)

    monkeypatch.setattr(enc, "encode", recording)
    together = e.logits(texts)
    assert together == pytest.approx(alone, abs=1e-4)
    assert len(threads) == 2 and "encoder" in threads


def test_a_failure_in_the_second_thread_reaches_the_caller(monkeypatch):
    e = enc.load_encoder()
    assert e is not None
    encode = enc.encode

    def failing_in_the_helper(pairs):
        if threading.current_thread().name == "encoder":
            raise MemoryError("no room")
        return encode(pairs)

    monkeypatch.setattr(enc, "encode", failing_in_the_helper)
    with pytest.raises(MemoryError, match="no room"):
        e.logits(_texts(4))


def test_the_shipped_top_layers_are_the_fine_tuned_ones():
    e = enc.load_encoder()
    published = enc.published_encoder()
    assert e is not None
    assert len(e.members) == 3
    assert all(np.array_equal(a.q, b.q) for a, b in zip(e.layers, published.layers))  # lower layers as published
    first_tuned = len(e.layers)
    for member in e.members:
        assert len(e.layers) + len(member.layers) == enc.LAYERS
        assert not np.allclose(member.layers[-1].q, published.layers[-1].q)  # top layer trained
        assert np.abs(member.head_w).sum() > 0  # the head was trained from zero
    # each member from its own seed
    assert not np.allclose(e.members[0].layers[0].q, e.members[1].layers[0].q)
    assert first_tuned < enc.LAYERS


def test_the_logit_is_the_members_mean():
    e = enc.load_encoder()
    assert e is not None
    text = [("wording outlet: The [corrupt] mayor resigned.", ".")]
    first = e.members[0]
    one = enc.Encoder(e.word, e.position, e.token_type, e.ln_w, e.ln_b, e.layers, (first,))
    shifted = enc.Member(first.layers, first.head_w, first.head_b + 2.0)
    two = enc.Encoder(e.word, e.position, e.token_type, e.ln_w, e.ln_b, e.layers, (first, shifted))
    assert two.logits(text)[0] == pytest.approx(one.logits(text)[0] + 1.0, abs=1e-5)
    alone = [enc.Encoder(e.word, e.position, e.token_type, e.ln_w, e.ln_b, e.layers, (m,)).logits(text)[0]
             for m in e.members]
    assert e.logits(text)[0] == pytest.approx(sum(alone) / len(alone), abs=1e-5)


def test_the_tops_are_held_as_float32_and_score_as_their_float16_file_does():
    e = enc.load_encoder()
    assert e is not None
    assert all(layer.q.dtype == np.float32 and layer.up.dtype == np.float32
               for member in e.members for layer in member.layers)  # no widening inside every product
    halves = tuple(enc.Member(tuple(dataclasses.replace(layer, **{f.name: getattr(layer, f.name).astype(np.float16)
                                                                  for f in dataclasses.fields(layer)
                                                                  if getattr(layer, f.name).ndim == 2})
                                    for layer in m.layers), m.head_w, m.head_b) for m in e.members)
    as_stored = enc.Encoder(e.word, e.position, e.token_type, e.ln_w, e.ln_b, e.layers, halves)
    text = [("wording outlet: The [corrupt] mayor resigned.", "The council met.")]
    assert e.logits(text) == as_stored.logits(text)  # the file holds float16: the copies lose nothing


def test_no_fine_tuned_file_means_no_encoder(tmp_path):
    assert enc.read_encoder(tmp_path / "absent.npz") is None


def test_weights_that_are_not_the_pinned_ones_fail_loudly(monkeypatch):
    monkeypatch.setattr(enc, "WEIGHTS_SHA256", "0" * 64)
    with pytest.raises(enc.EncoderError, match="make deps"):
        enc.read_encoder()


def _card(d, sentence_words: str, loaded: str, voice: str = "outlet") -> Card:
    s = span(d.text, sentence_words)
    w = span(d.text, loaded)
    return Card(id="", kind="loaded_framing", severity="caution", title="t", body="b",
                anchor=make_anchor(d.text, s.start, s.end),
                evidence=(make_evidence(d.text, w.start, w.end, "emotive"),), voice=voice)  # type: ignore[arg-type]


def test_card_text_marks_the_loaded_words_and_gives_the_sentence_before():
    d = doc(article(["The flood destroyed 300 homes. It was a devastating week for the town."]))
    card = _card(d, "It was a devastating week for the town.", "devastating")
    first, before = enc.card_text(d, card)
    assert first == "wording outlet: It was a [devastating] week for the town."
    assert before == "The flood destroyed 300 homes."


def test_card_text_of_a_first_sentence_has_a_placeholder_before():
    d = doc(article(["The corrupt mayor resigned."]))
    first, before = enc.card_text(d, _card(d, "The corrupt mayor resigned.", "corrupt", voice="quoted"))
    assert first == "wording quoted: The [corrupt] mayor resigned."
    assert before == "."

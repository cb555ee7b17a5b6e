"""Check-worthiness: how likely a sentence states a factual claim worth checking.

A logistic-regression model over hashed features, trained by
``train/train_checkworthy.py`` on the CheckThat! debate sentences:

- word uni- and bigrams, and character 3- to 5-grams (what is said);
- "shape" 1- to 3-grams, where closed-class words stay themselves and every
  other word becomes its suffix class ("we _ed the _"), which carry tense,
  person, negation and modality without the debates' topics, and so travel
  to news best (they were the largest gain on dev);
- cues: digits, years, number words, percentages, money, capitalised names,
  a closing question mark, a first-person opening, length.

The weights are one float array. Each word, shape and cue string gets a
CRC32 id once (cached); the n-grams of those ids, and the character n-grams
of the bytes, are hashed for a whole page of sentences in one numpy pass and
scored with one gather and one ``bincount``: about a tenth of a millisecond a
sentence, with nothing but numpy. Score a page in one call: most of the
numpy cost is per call, not per sentence.

The model learned from debate speech but scores news prose, so the text is
normalised first (see :func:`normalize`): the attribution frame of a news
sentence ("..., officials said on Monday.") is cut away, because who said it
is the attribution stage's business, and quotation marks are dropped so a
quoted sentence is judged on its words.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from ..lexicon import load_words

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "checkworthy"
META_FILE = "model.json"
WEIGHTS_FILE = "weights.npz"

# Curly quotes and dashes to their plain forms, so the debate transcripts and
# typeset news prose produce the same tokens.
_PUNCT_MAP = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2013": "-", "\u2014": " - ", "\u2212": "-", "\u00a0": " ",
    }
)
_QUOTE_CHARS = re.compile(r'"+')
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)*|\d+(?:[.,:]\d+)*|[%$\u20ac\u00a3?!]")
_CAP_WORD = re.compile(r"(?<![\w'])[A-Z][a-z]+|(?<![\w'])[A-Z]{2,}\b")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_NUMBER_WORDS_FILE = "checkworthy/number_words.txt"
_FUNCTION_WORDS_FILE = "checkworthy/function_words.txt"
_CLAIM_WORDS_FILE = "checkworthy/news_claim_words.txt"
# A hand-set (not learned) logit bonus for news words of accusation, violence,
# legal action and cause, which the debate training data under-weights. It
# moves a borderline sentence over the threshold, never a question.
CLAIM_WORD_LOGIT = 1.0
# Fewer alphabetic words than this and a "sentence" is a time stamp, a byline
# or a heading fragment ("10 p.m.", "4:14 p.m."). The debates the model learned
# from hold none (6 of 22,500 train sentences, all No), so its score there is
# a guess, and it says nothing rather than guess.
MIN_WORDS = 3
_ALPHA_WORD = re.compile(r"[^\W\d_]+")
# Suffixes that stand in for part of speech and tense (past "-ed", "-ing", plural
# "-s", adverb "-ly", abstract nouns "-tion"/"-ment"), longest first.
_SHAPE_SUFFIXES = ("tion", "ment", "ing", "ed", "ly", "er", "s")

# News attribution frames, cut so that "X said on Monday" adds nothing by itself.
# A trailing frame: ', the ministry said on Monday.' / ', Shehabi wrote.'
# A leading frame: 'According to a report by X, ...'
_SPEECH = (
    r"(?:said|says|say|told|wrote|writes|tweeted|posted|stated|added|noted|claimed|"
    r"argued|insisted|explained|warned|announced|reported|declared|confirmed|alleged|"
    r"according to)"
)
# What may follow the verb in a frame: when, where, to whom, in what medium;
# anything else ("..., the report said was false") is content and stays.
_FRAME_TAIL = (
    r"(?:on|in|at|to|last|this|earlier|later|late|early|yesterday|today|tonight|during|"
    r"after|before|via|through|from|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
# Matched against the lower-cased text: an IGNORECASE alternation is about
# 2.5 times slower, and this test runs on every sentence.
_SPEECH_ANY = re.compile(r"\b" + _SPEECH + r"\b|^citing\b|^as reported\b|^in a ")
_TRAILING_FRAME = re.compile(
    r"[,;]\s*(?:[^,;.!?]{1,80}?\s)?" + _SPEECH + r"(?:\s" + _FRAME_TAIL + r"\b[^,;.!?\"]{0,60})?\s*([.!?]?)\s*$",
    re.IGNORECASE,
)
_TRAILING_FRAME_INVERTED = re.compile(
    r"[,;]\s*" + _SPEECH + r"\s[^,;.!?\"]{1,80}\s*([.!?]?)\s*$", re.IGNORECASE
)
_LEADING_FRAME = re.compile(
    r"^(?:according to|citing|as reported by|in a (?:statement|tweet|post|report)(?: on [^,]{1,40})?)"
    r"\s?[^,]{0,120},\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FeatureConfig:
    """How text becomes hashed features; stored beside the weights it was trained with."""

    n_bits: int = 18
    word_ngrams: int = 2
    char_min: int = 3
    char_max: int = 5
    scale_word: float = 1.0
    scale_char: float = 1.0
    scale_cue: float = 1.0
    scale_shape: float = 3.0
    shape_ngrams: int = 3
    strip_frames: bool = True

    @property
    def dim(self) -> int:
        return 1 << self.n_bits


def _plain(text: str) -> str:
    """Plain punctuation and single spaces (``str.split`` splits on the same
    white space as ``\\s+``; ASCII text skips the slow ``translate``)."""
    return " ".join((text if text.isascii() else text.translate(_PUNCT_MAP)).split())


def normalize(text: str, strip_frames: bool = True) -> str:
    """Plain punctuation, no quotation marks, and (for news) no attribution frame."""
    text = _plain(text)
    if '"' in text:
        text = _QUOTE_CHARS.sub("", text).strip()
    if strip_frames and _SPEECH_ANY.search(text.lower()):
        for pattern in (_TRAILING_FRAME_INVERTED, _TRAILING_FRAME):
            cut = pattern.sub(r"\1", text).strip()
            # keep the frame when cutting it would leave almost nothing: then
            # the frame *is* the sentence ("He said so.")
            if cut != text and len(cut) >= 20:
                text = cut
                break
        cut = _LEADING_FRAME.sub("", text).strip()
        if cut != text and len(cut) >= 20:
            text = cut
    return text


def _bucket(value: int, edges: Sequence[int]) -> int:
    for i, edge in enumerate(edges):
        if value <= edge:
            return i
    return len(edges)


def _cue_features(raw: str, tokens: list[str]) -> list[str]:
    """A few interpretable cues that generalise beyond the debate vocabulary."""
    cues: list[str] = []
    n = len(tokens)
    cues.append(f"len:{_bucket(n, (3, 6, 10, 15, 22, 30, 45))}")
    numbers = [t for t in tokens if t[0].isdigit()]
    number_words = load_words(_NUMBER_WORDS_FILE)
    if numbers:
        cues.append("has_digit")
        cues.append(f"n_digit:{_bucket(len(numbers), (1, 2, 4))}")
        if any(_YEAR.match(t) for t in numbers):
            cues.append("has_year")
    if not number_words.isdisjoint(tokens):
        cues.append("has_number_word")
    if "%" in tokens or "percent" in tokens:
        cues.append("has_percent")
    if "$" in tokens or "\u20ac" in tokens or "\u00a3" in tokens or "dollars" in tokens:
        cues.append("has_money")
    # Capitalised words not at the sentence start: names, places, institutions.
    caps = len(_CAP_WORD.findall(raw)) - (1 if _CAP_WORD.match(raw) else 0)
    cues.append(f"caps:{_bucket(caps, (0, 1, 3, 6))}")
    if raw.endswith("?"):
        cues.append("question")
    if n and tokens[0] in load_words("checkworthy/first_person.txt"):
        cues.append("starts_first_person")
    return cues


def _shape(token: str) -> str:
    """A closed-class word as itself, any other word as its suffix class."""
    if token in load_words(_FUNCTION_WORDS_FILE):
        return token
    if token[0].isdigit():
        return "0"
    for suffix in _SHAPE_SUFFIXES:
        if token.endswith(suffix) and len(token) > len(suffix) + 2:
            return "_" + suffix
    return "_"


def has_claim_word(text: str) -> bool:
    """Does the sentence (not a question) carry a news word of accusation, violence or cause?"""
    raw = _plain(text).rstrip("\"' ")
    if not raw or raw.endswith("?"):
        return False
    words = _TOKEN.findall(raw.lower())
    vocab = load_words(_CLAIM_WORDS_FILE)
    return not vocab.isdisjoint(words) or any(
        f"{a} {b}" in vocab for a, b in zip(words, words[1:])
    )


# Feature hashing, vectorised over a whole batch (a page's sentences) at once.
# Every token, shape and cue gets a 32-bit CRC id once (cached: news reuses its
# words); n-grams of ids and of bytes are then combined with integer arithmetic
# in numpy and spread over the table by a 64-bit multiply-xorshift mix. That
# replaces a Python-level CRC32 call per character n-gram (~400 per sentence),
# which was most of the claims stage's time. The ids are stable across processes
# (CRC32 and fixed constants; never Python's salted ``hash``).
_U64 = np.uint64
_MIX1 = _U64(0xFF51AFD7ED558CCD)
_MIX2 = _U64(0xC4CEB9FE1A85EC53)
# Multiplier of the n-gram polynomials: odd, so successive positions never cancel.
_POLY = _U64(0x100000001B3)
# A different seed per feature family and order, so "a b" as words, as shapes
# and as characters land on unrelated buckets.
_SEED_WORD, _SEED_CHAR, _SEED_SHAPE, _SEED_CUE = 0x1000, 0x2000, 0x3000, 0x4000
_BOS, _EOS = "<s>", "</s>"


@lru_cache(maxsize=65536)
def _token_id(token: str) -> int:
    """A stable 32-bit id of a word, shape or cue string."""
    return zlib.crc32(token.encode())


@lru_cache(maxsize=65536)
def _shape_id(token: str) -> int:
    return _token_id(_shape(token))


def _mix(h: np.ndarray, n_bits: int) -> np.ndarray:
    """Spread uint64 keys over ``2**n_bits`` buckets (murmur3's finaliser, then the top bits)."""
    h = (h ^ (h >> _U64(33))) * _MIX1
    h = (h ^ (h >> _U64(33))) * _MIX2
    h = h ^ (h >> _U64(33))
    return (h >> _U64(64 - n_bits)).astype(np.int64)


@cache
def _seed(family: int, n: int) -> np.uint64:
    return _U64((family + n) * 0x9E3779B97F4A7C15 & 0xFFFFFFFFFFFFFFFF)


def _ngram_keys(
    ids: np.ndarray, rows: np.ndarray, family: int, orders: range, skip: np.ndarray | None = None
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Keys (seeded per family and order) of the n-grams of a flat id sequence that
    stay within one row, and their rows. Each order extends the previous one by a
    position, so ``k`` orders cost ``k`` multiply-adds, not ``k * n``. ``skip``
    masks the unigrams: the sentence-boundary marks only count inside longer grams."""
    keys: list[np.ndarray] = []
    out_rows: list[np.ndarray] = []
    h = ids
    for n in range(1, orders.stop):
        if n > 1:
            h = h[:-1] * _POLY + ids[n - 1 :]
        if n < orders.start:
            continue
        m = len(h)
        if m <= 0:
            break
        keep = (rows[:m] == rows[n - 1 :]) if n > 1 else skip
        k, r = (h, rows) if keep is None else (h[keep], rows[:m][keep])
        keys.append(k ^ _seed(family, n))
        out_rows.append(r)
    return keys, out_rows


def _tokens(text: str, strip_frames: bool) -> tuple[str, list[str]]:
    raw = normalize(text, strip_frames)
    return raw, _TOKEN.findall(raw.lower())


def feature_triples(
    texts: Sequence[str], config: FeatureConfig
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hashed features of a batch as ``(rows, indices, values)``.

    Every row has at least one feature (the length cue). Within a row the
    features come in a fixed order (words, characters, cues, shapes), so a
    sentence scores the same alone or in a batch, to the last bit. The numpy
    work is a fixed number of array operations per batch, whatever its size,
    which is why a page should be scored in one call.
    """
    n_rows = len(texts)
    word_ids: list[int] = []
    word_rows: list[int] = []
    shape_ids: list[int] = []
    cue_ids: list[int] = []
    cue_rows: list[int] = []
    chars: list[bytes] = []
    char_lens: list[int] = []
    bos, eos = _token_id(_BOS), _token_id(_EOS)
    use_shape = bool(config.scale_shape)
    for row, text in enumerate(texts):
        raw, tokens = _tokens(text, config.strip_frames)
        word_ids.append(bos)
        word_ids += [_token_id("0" * min(len(t), 4) if t[0].isdigit() else t) for t in tokens]
        word_ids.append(eos)
        word_rows += [row] * (len(tokens) + 2)
        if use_shape:
            shape_ids.append(bos)
            shape_ids += [_shape_id(t) for t in tokens]
            shape_ids.append(eos)
        cues = _cue_features(raw, tokens)
        cue_ids += [_token_id(c) for c in cues]
        cue_rows += [row] * len(cues)
        joined = (" " + " ".join(tokens) + " ").encode()
        chars.append(joined)
        char_lens.append(len(joined))

    # (rows, keys, scale) per block, in the fixed within-row order
    blocks: list[tuple[list[np.ndarray], list[np.ndarray], float]] = []
    w_ids = np.array(word_ids, dtype=_U64)
    w_rows = np.array(word_rows, dtype=np.int64)
    inner = (w_ids != _U64(bos)) & (w_ids != _U64(eos))
    keys, rows = _ngram_keys(w_ids, w_rows, _SEED_WORD, range(1, config.word_ngrams + 1), inner)
    blocks.append((rows, keys, config.scale_word))

    # characters: n-grams of the bytes of " tok tok tok ", never across sentences
    c_bytes = np.frombuffer(b"".join(chars), dtype=np.uint8).astype(_U64)
    c_rows = np.repeat(np.arange(n_rows, dtype=np.int64), char_lens)
    keys, rows = _ngram_keys(c_bytes, c_rows, _SEED_CHAR, range(config.char_min, config.char_max + 1))
    blocks.append((rows, keys, config.scale_char))

    c_ids = np.array(cue_ids, dtype=_U64) ^ _seed(_SEED_CUE, 1)
    blocks.append(([np.array(cue_rows, dtype=np.int64)], [c_ids], config.scale_cue))

    if use_shape:
        s_ids = np.array(shape_ids, dtype=_U64)
        keys, rows = _ngram_keys(s_ids, w_rows, _SEED_SHAPE, range(1, config.shape_ngrams + 1))
        blocks.append((rows, keys, config.scale_shape))

    all_rows: list[np.ndarray] = []
    all_keys: list[np.ndarray] = []
    all_val: list[np.ndarray] = []
    # Each block is scaled to unit L2 norm per row so long sentences do not win by length.
    for b_rows, b_keys, scale in blocks:
        if not scale or not b_rows:
            continue
        r = np.concatenate(b_rows) if len(b_rows) > 1 else b_rows[0]
        if not len(r):
            continue
        counts = np.bincount(r, minlength=n_rows)
        per_row = scale / np.sqrt(np.maximum(counts, 1))
        all_rows.append(r)
        all_keys += b_keys
        all_val.append(per_row[r])
    if not all_rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float64)
    # one hashing pass over every key of the batch
    return np.concatenate(all_rows), _mix(np.concatenate(all_keys), config.n_bits), np.concatenate(all_val)


def features(text: str, config: FeatureConfig) -> tuple[list[int], list[float]]:
    """Hashed feature indices and values of one sentence (never empty: the length cue is always there)."""
    _, idx, val = feature_triples([text], config)
    return idx.tolist(), val.tolist()


def featurize(texts: Sequence[str], config: FeatureConfig) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A batch as CSR arrays: (indptr, indices, values), each row's features in their fixed order."""
    rows, idx, val = feature_triples(texts, config)
    order = np.argsort(rows, kind="stable")
    indptr = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=len(texts)), out=indptr[1:])
    return indptr, idx[order], val[order].astype(np.float32)


def csr_dot(indptr: np.ndarray, indices: np.ndarray, values: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Row-wise sparse dot product with ``w`` (rows are never empty: length cue)."""
    if len(indptr) <= 1:
        return np.zeros(0, dtype=np.float64)
    prod = w[indices].astype(np.float64) * values
    return np.add.reduceat(prod, indptr[:-1]) if len(prod) else np.zeros(len(indptr) - 1)


def linear_scores(texts: Sequence[str], config: FeatureConfig, weights: np.ndarray) -> np.ndarray:
    """``x @ weights`` for every text, computed straight from the feature triples."""
    rows, idx, val = feature_triples(texts, config)
    # bincount adds in array order, which per row is the fixed feature order
    return np.bincount(rows, weights=weights[idx] * val, minlength=len(texts))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


@dataclass(frozen=True)
class CheckworthyModel:
    """Linear weights over hashed features, their config, and the tuned threshold."""

    weights: np.ndarray
    bias: float
    config: FeatureConfig
    threshold: float

    @classmethod
    def load(cls, path: Path | str = MODEL_DIR) -> CheckworthyModel:
        path = Path(path)
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
        with np.load(path / WEIGHTS_FILE) as arrays:
            weights = arrays["weights"].astype(np.float32)
        config = FeatureConfig(**meta["config"])
        if weights.shape != (config.dim,):
            raise ValueError(f"weights shape {weights.shape} does not match 2**{config.n_bits}")
        return cls(weights=weights, bias=float(meta["bias"]), config=config, threshold=float(meta["threshold"]))

    def save(self, path: Path | str, extra_meta: dict[str, object] | None = None) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        config = {k: getattr(self.config, k) for k in self.config.__dataclass_fields__}
        meta = {"bias": self.bias, "threshold": self.threshold, "config": config, **(extra_meta or {})}
        (path / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        np.savez_compressed(path / WEIGHTS_FILE, weights=self.weights.astype(np.float16))

    def score(self, texts: Sequence[str]) -> list[float]:
        """Probability-like scores in [0, 1], one per text."""
        if not texts:
            return []
        z = linear_scores(texts, self.config, self.weights) + self.bias
        z += CLAIM_WORD_LOGIT * np.fromiter((has_claim_word(t) for t in texts), dtype=np.float64, count=len(texts))
        p = _sigmoid(z)
        # fragments out of the training data's range say nothing (see MIN_WORDS)
        p[[i for i, t in enumerate(texts) if len(_ALPHA_WORD.findall(t)) < MIN_WORDS]] = 0.0
        return [float(v) for v in p]


@cache
def default_model() -> CheckworthyModel:
    """The shipped model, loaded once on first use."""
    return CheckworthyModel.load(MODEL_DIR)


def _shipped_threshold() -> float:
    try:
        meta = json.loads((MODEL_DIR / META_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:  # only while the first model is being trained
        return 0.5
    return float(meta["threshold"])


# The decision threshold, read from the shipped artifact's metadata (a few
# hundred bytes) so it always matches the weights. The training script chooses
# it on the newest debates of train, scored by a fit on the older ones, because
# the product reads text newer than its training data (see train_checkworthy.py).
THRESHOLD: float = _shipped_threshold()


def score_sentences(texts: Sequence[str]) -> list[float]:
    """Scores in [0, 1] that each sentence states a check-worthy factual claim."""
    return default_model().score(texts)

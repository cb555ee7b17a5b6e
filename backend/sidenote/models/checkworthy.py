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

The weights are one float array; scoring a sentence is a few hundred CRC32
hashes and one gather, well under a millisecond, with nothing but numpy.

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
from functools import cache
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
_SPACES = re.compile(r"\s+")
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
_SPEECH_ANY = re.compile(r"\b" + _SPEECH + r"\b|^citing\b|^as reported\b|^in a ", re.IGNORECASE)
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


def normalize(text: str, strip_frames: bool = True) -> str:
    """Plain punctuation, no quotation marks, and (for news) no attribution frame."""
    text = _SPACES.sub(" ", text.translate(_PUNCT_MAP)).strip()
    text = _QUOTE_CHARS.sub("", text).strip()
    if strip_frames and _SPEECH_ANY.search(text):
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
    n_numwords = sum(1 for t in tokens if t in number_words)
    if numbers:
        cues.append("has_digit")
        cues.append(f"n_digit:{_bucket(len(numbers), (1, 2, 4))}")
        if any(_YEAR.match(t) for t in numbers):
            cues.append("has_year")
    if n_numwords:
        cues.append("has_number_word")
    if "%" in tokens or "percent" in tokens:
        cues.append("has_percent")
    if "$" in tokens or "\u20ac" in tokens or "\u00a3" in tokens or "dollars" in tokens:
        cues.append("has_money")
    # Capitalised words not at the sentence start: names, places, institutions.
    caps = sum(1 for m in _CAP_WORD.finditer(raw) if m.start() > 0)
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
    raw = text.translate(_PUNCT_MAP).strip().rstrip("\"' ")
    if not raw or raw.endswith("?"):
        return False
    words = _TOKEN.findall(raw.lower())
    vocab = load_words(_CLAIM_WORDS_FILE)
    return any(w in vocab for w in words) or any(
        f"{a} {b}" in vocab for a, b in zip(words, words[1:])
    )


def features(text: str, config: FeatureConfig) -> tuple[list[int], list[float]]:
    """Hashed feature indices and values of one sentence (never empty: the length cue is always there)."""
    raw = normalize(text, config.strip_frames)
    lower = raw.lower()
    tokens = _TOKEN.findall(lower)
    mask = config.dim - 1
    crc = zlib.crc32

    words = ["<s>", *("0" * min(len(t), 4) if t[0].isdigit() else t for t in tokens), "</s>"]
    word_feats: list[int] = []
    for n in range(1, config.word_ngrams + 1):
        seed = crc(b"w%d" % n)
        grams = [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
        word_feats += [crc(g.encode(), seed) & mask for g in grams if g != "<s>" and g != "</s>"]

    char_feats: list[int] = []
    joined = (" " + " ".join(tokens) + " ").encode()
    for n in range(config.char_min, config.char_max + 1):
        seed = crc(b"c%d" % n)
        char_feats += [crc(joined[i : i + n], seed) & mask for i in range(len(joined) - n + 1)]

    shape_feats: list[int] = []
    if config.scale_shape:
        shapes = ["<s>", *(_shape(t) for t in tokens), "</s>"]
        for n in range(1, config.shape_ngrams + 1):
            seed = crc(b"s%d" % n)
            grams = [" ".join(shapes[i : i + n]) for i in range(len(shapes) - n + 1)]
            shape_feats += [crc(g.encode(), seed) & mask for g in grams]

    cue_seed = crc(b"cue")
    cue_feats = [crc(c.encode(), cue_seed) & mask for c in _cue_features(raw, tokens)]

    idx: list[int] = []
    val: list[float] = []
    # Each block is scaled to unit L2 norm so that long sentences do not win by length.
    for block, scale in (
        (word_feats, config.scale_word),
        (char_feats, config.scale_char),
        (cue_feats, config.scale_cue),
        (shape_feats, config.scale_shape),
    ):
        if block and scale:
            idx.extend(block)
            val.extend([scale / len(block) ** 0.5] * len(block))
    return idx, val


def featurize(texts: Sequence[str], config: FeatureConfig) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A batch as CSR arrays: (indptr, indices, values)."""
    indptr = np.zeros(len(texts) + 1, dtype=np.int64)
    indices: list[int] = []
    values: list[float] = []
    for row, text in enumerate(texts, 1):
        idx, val = features(text, config)
        indices += idx
        values += val
        indptr[row] = len(indices)
    return indptr, np.asarray(indices, dtype=np.int64), np.asarray(values, dtype=np.float32)


def csr_dot(indptr: np.ndarray, indices: np.ndarray, values: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Row-wise sparse dot product with ``w`` (rows are never empty: length cue)."""
    if len(indptr) <= 1:
        return np.zeros(0, dtype=np.float64)
    prod = w[indices].astype(np.float64) * values
    return np.add.reduceat(prod, indptr[:-1]) if len(prod) else np.zeros(len(indptr) - 1)


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
        indptr, indices, values = featurize(texts, self.config)
        z = csr_dot(indptr, indices, values, self.weights) + self.bias
        z += CLAIM_WORD_LOGIT * np.fromiter((has_claim_word(t) for t in texts), dtype=np.float64, count=len(texts))
        return [float(p) for p in _sigmoid(z)]


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

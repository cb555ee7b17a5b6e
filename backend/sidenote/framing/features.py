"""Feature templates of the token model, shared by training and the finder.

Every feature is a (template, key) pair. Templates whose key depends on the
word alone are "intrinsic": the finder caches their summed weight per word,
so that scoring an article costs a handful of dict look-ups per token.
"""

from __future__ import annotations

from functools import cache

from ..lexicon import load_words
from .tokens import Tokens

LEXICON_FILES: tuple[tuple[str, str], ...] = (
    ("framing/name_calling.txt", "name_calling"),
    ("framing/identity.txt", "identity"),
    ("framing/emotive.txt", "emotive"),
    ("framing/intensifier.txt", "intensifier"),
    ("framing/hyperbole.txt", "hyperbole"),
)

# Suffixes and prefixes of several lengths let a word unseen in training
# borrow weight from its relatives ("demonising" from "demonise",
# "warmongers" from "warmonger"); they added about one point of
# out-of-fold span F1.
INTRINSIC = ("b", "w", "st", "s3", "p4", "sh", "lx", "ev", "s4", "s5", "p3")
CONTEXT = ("pw", "nw", "pw2", "nw2", "bp", "bn", "q", "plx", "nlx", "pev", "nev")
EVALUATIVE_FILE = "framing/evaluative.txt"
# Crude stemming so that "smeared", "smears" and "smearing" share weight.
SUFFIXES = ("ingly", "edly", "ness", "ment", "ing", "ed", "ly", "es", "s")
TEMPLATES = INTRINSIC + CONTEXT

BOUNDARY = "<s>"  # the word before the first and after the last token


@cache
def word_labels() -> dict[str, str]:
    """Single-word lexicon entries -> label (the first file listing a word wins)."""
    table: dict[str, str] = {}
    for name, label in LEXICON_FILES:
        for entry in load_words(name):
            if " " not in entry:
                table.setdefault(entry, label)
    return table


@cache
def evaluative() -> frozenset[str]:
    return load_words(EVALUATIVE_FILE)


def stem(low: str) -> str:
    for suffix in SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            return low[: -len(suffix)]
    return low


def evaluative_key(low: str) -> str:
    return "1" if low in evaluative() or stem(low) in evaluative() else ""


def lexicon_key(low: str) -> str:
    return word_labels().get(low, "")


def shape(word: str) -> str:
    if word[0].isupper():
        kind = "X" if word.isupper() and len(word) > 1 else "Xx"
    elif word[0].isalpha():
        kind = "x"
    elif word[0].isdigit():
        kind = "d"
    else:
        return "p" + word  # punctuation is informative as itself
    return kind + ("-" if "-" in word else "")


def intrinsic_keys(word: str) -> tuple[str, ...]:
    """Keys of the INTRINSIC templates, in order, for one word as written."""
    low = word.lower()
    return ("", low, stem(low), low[-3:] if len(low) > 4 else "", low[:4] if len(low) > 5 else "",
            shape(word), lexicon_key(low), evaluative_key(low),
            low[-4:] if len(low) > 5 else "", low[-5:] if len(low) > 6 else "", low[:3] if len(low) > 4 else "")


def context_keys(toks: Tokens, i: int) -> tuple[str, ...]:
    """Keys of the CONTEXT templates, in order, for token i."""
    lowers = toks.lowers
    n = len(lowers)
    prev = lowers[i - 1] if i > 0 else BOUNDARY
    nxt = lowers[i + 1] if i + 1 < n else BOUNDARY
    prev2 = lowers[i - 2] if i > 1 else BOUNDARY
    nxt2 = lowers[i + 2] if i + 2 < n else BOUNDARY
    low = lowers[i]
    return (prev, nxt, prev2, nxt2, prev + " " + low, low + " " + nxt, str(toks.quote[i]),
            lexicon_key(prev), lexicon_key(nxt), evaluative_key(prev), evaluative_key(nxt))


def token_features(toks: Tokens, i: int) -> list[str]:
    """All features of token i as 'template=key' strings (training's view)."""
    keys = intrinsic_keys(toks.words[i]) + context_keys(toks, i)
    return [f"{t}={k}" for t, k in zip(TEMPLATES, keys)]

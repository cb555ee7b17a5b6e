"""The crude sentence and quote spans the attribution taggers were trained on.

The attribution stage once fell back to these when the sentences and quotes
stages had not run; it no longer does (issue #18: it reads what those
stages fill). The trainers keep them so that training does not depend on
other stages' code of the day, and so that the shipped weights
(``data/attribution/tagger.npz``, ``neural.npz``) are what these scripts
learn: :func:`own_spans` gives a Doc these spans, as the stage's fallback
did. Not used by the product.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from sidenote.attribution.text import Token, tokenize
from sidenote.doc import Doc, Quote, QuoteKind, Sentence

_MARKS_RE = re.compile(r"\n\n|[“”\"]")


def own_spans(doc: Doc) -> Doc:
    """``doc`` with the crude sentences (each block, or the whole text when
    there are none) and quotes, where the stage's fallback used to put them."""
    text = doc.text
    blocks = tuple((b.start, b.end) for b in doc.article.blocks) or ((0, len(text)),)
    return replace(doc, sentences=doc.sentences or split_sentences(text, blocks),
                   quotes=doc.quotes or find_quotes(text))


def split_sentences(
    text: str, blocks: tuple[tuple[int, int], ...], toks: list[Token] | None = None
) -> tuple[Sentence, ...]:
    """Split each block at ., ! or ? followed by space, keeping
    abbreviation dots ("Mr. Trump") inside the sentence."""
    out: list[Sentence] = []
    toks = tokenize(text) if toks is None else toks
    starts = [t.start for t in toks]
    for b, (bs, be) in enumerate(blocks):
        pos = bs
        lo = bisect.bisect_left(starts, bs)
        hi = bisect.bisect_left(starts, be)
        for tok in toks[lo:hi]:
            if tok.text in {".", "!", "?"}:
                end = tok.end
                while end < be and text[end] in "”\"’'":
                    end += 1
                if end >= be or text[end].isspace():
                    s = _lstrip(text, pos, end)
                    if s < end:
                        out.append(Sentence(s, end, b))
                    pos = end
        s = _lstrip(text, pos, be)
        e = be
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append(Sentence(s, e, b))
    return tuple(out)


def _lstrip(text: str, s: int, e: int) -> int:
    while s < e and text[s].isspace():
        s += 1
    return s


def find_quotes(text: str) -> tuple[Quote, ...]:
    """Curly marks paired with a stack (so a quote may hold a
    quote), straight marks paired within a paragraph; four words or more is a
    direct quote."""
    out: list[Quote] = []
    stack: list[int] = []
    straight: int | None = None
    for m in _MARKS_RE.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n\n":
            stack.clear()
            straight = None
        elif ch == "“":
            stack.append(i)
        elif ch == "”" and stack:
            out.append(_quote(text, stack.pop(), i))
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                out.append(_quote(text, straight, i))
                straight = None
    return tuple(sorted(out, key=lambda q: q.outer_start))


def _quote(text: str, open_at: int, close_at: int) -> Quote:
    inner = text[open_at + 1 : close_at]
    kind: QuoteKind = "direct" if len(inner.split()) >= 4 else "scare"
    return Quote(open_at + 1, close_at, open_at, close_at + 1, kind)

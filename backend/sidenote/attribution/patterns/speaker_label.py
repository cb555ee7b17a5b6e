"""Speaker labels: a name, a colon, the words.

"PENCE: Well, look, ..." in a transcript, a headline "Pence: Flowers
won't be at debate", and inside a paragraph "Pollsters agree - Carl
Bialik: “...”". (The stage keeps a label only when the article names the
speaker again: "Contributing: ..." is page furniture.)"""

from __future__ import annotations

from ...doc import Quote, Span
from ..edges import strip_span
from ..lexical import OPEN_QUOTES
from ..subjects import bracket_back
from ..text import Token
from ..words import COLON_CUES, DETERMINERS, NOT_SPEAKERS
from .credit import Credit, plain_credit, token_span
from .vocabulary import QUOTED_FROM

# Most capitalised words a speaker's name has before its colon.
_MAX_LABEL_WORDS = 4
# Marks a "Name: “words”" item may follow inside a paragraph ("Pollsters
# agree - Carl Bialik: “...”"): punctuation, so it stays in code.
_ITEM_MARKS = frozenset("- – — .".split())


def speaker_label(text: str, toks: list[Token], sent: Span) -> Credit | None:
    """A short capitalised name opening a paragraph, then a colon and the
    words: the name is credited with the rest of the sentence."""
    first = 1 if toks and toks[0].text in OPEN_QUOTES else 0  # a quoted transcript line
    k = _label_end(toks, first)
    if k is None or not _opens_paragraph(text, sent):
        return None
    if toks[first].lower in QUOTED_FROM and k - first > 1:
        first += 1  # "From Reuters: ...": quoted from the outlet after the word
    cue = token_span(toks, k)
    if k - first > 1 and toks[first].lower in COLON_CUES:
        # "Stated Stone: ...": an inverted verb of saying, not part of the name.
        cue = token_span(toks, first)
        first += 1
    if _not_a_speaker(toks[first]):
        return None
    content = strip_span(text, toks[k].end, sent.end)
    if content is None:
        return None
    return plain_credit(toks, first, k - 1, cue, content)


def _label_end(toks: list[Token], first: int) -> int | None:
    """The colon after up to four capitalised words from ``first``, when
    words follow it; None otherwise."""
    k = first
    while k < len(toks) and k - first < _MAX_LABEL_WORDS and toks[k].is_word and toks[k].is_cap:
        k += 1
    if k == first or k >= len(toks) - 1 or toks[k].text != ":":
        return None
    return k


def _opens_paragraph(text: str, sent: Span) -> bool:
    """The sentence starts the text, a line, or a quotation."""
    return sent.start == 0 or text[sent.start - 1] in "\n\"“"


def _not_a_speaker(head: Token) -> bool:
    """A label's first word that names no one: a word of page furniture
    ("Photo", "Source"), a determiner, or a figure."""
    return head.lower in NOT_SPEAKERS or head.lower in DETERMINERS or head.text[:1].isdigit()


def named_quotes(text: str, toks: list[Token], quotes: tuple[Quote, ...]) -> list[Credit]:
    """"Pollsters agree - Carl Bialik: “One of the biggest lessons ...”",
    "Rep. Trey Gowdy (R-S.C.): “I have not heard ...”": a full name (two
    capitalised words or more), a colon, and a quotation opening right
    after it, inside a paragraph. The name must open the sentence or follow
    a dash or a full stop: "the one thing Clinton: “...”" is no speaker
    label."""
    out: list[Credit] = []
    for k in range(1, len(toks) - 1):
        if toks[k].text != ":" or toks[k + 1].text not in OPEN_QUOTES:
            continue
        e = bracket_back(toks, k - 1, 0)  # "Rep. Trey Gowdy (R-S.C.):"
        s = _name_start(toks, e)
        if not (toks[e].is_cap and toks[e].is_word) or e - s < 1:
            continue
        if s > 0 and toks[s - 1].text not in _ITEM_MARKS:
            continue
        cue = token_span(toks, k)
        if toks[s].lower in COLON_CUES:
            # "Stated Stone: “...”": the verb of saying leads, the name
            # follows it (one word is enough: the verb makes it a credit).
            cue = token_span(toks, s)
            s += 1
        if toks[s].lower in NOT_SPEAKERS or toks[s].lower in DETERMINERS:
            continue
        q = _direct_quote_at(quotes, toks[k + 1].start)
        if q is None:
            continue
        name = token_span(toks, s, e)
        phrase = token_span(toks, s, k - 1) if e < k - 1 else None
        out.append(Credit(name, name, None, cue, Span(q.start, q.end), phrase=phrase))
    return out


def _name_start(toks: list[Token], e: int) -> int:
    """The first of up to five capitalised words ending at ``toks[e]``."""
    s = e
    while s - 1 >= 0 and e - s < _MAX_LABEL_WORDS and toks[s - 1].is_word and toks[s - 1].is_cap:
        s -= 1
    return s


def _direct_quote_at(quotes: tuple[Quote, ...], outer_start: int) -> Quote | None:
    return next((q for q in quotes if q.kind == "direct" and q.outer_start == outer_start), None)

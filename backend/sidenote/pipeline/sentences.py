"""The sentences stage: sentence spans that hold up in news prose.

A sentence never crosses a block (so headings, captions and list items with
no final stop are sentences of their own) nor a line break inside a block.
Inside a line, a break comes after a run of ``. ! ? … ..`` and any closing
quote marks or brackets (which stay with the sentence), before whitespace and
a word that may open a sentence (not a lower-case letter). It is cancelled when:

- the full stop ends an abbreviation (data/sentences/abbreviations.txt): a
  title (Mr., Gen.) never ends a sentence, a number word (No., Jan.) does not
  before a digit, and an abbreviation that may end one (U.S., Inc., a.m.)
  does so only before a common sentence opener (data/sentences/
  sentence_openers.txt); single capital initials (J. K. Rowling) never do;
- the break falls inside a quotation of at most ``LONG_QUOTE`` characters.
  “He left. We stayed,” she said. is ONE sentence: a short quotation is one
  remark, and keeping it whole keeps the speaker's tag in the same sentence
  as the words credited to them (which is what the claim and framing stages
  need). A quotation longer than that (about two news sentences) is a
  statement in its own right, and its sentences are split like any others,
  so each can be scored as a claim;
- a quotation ends the sentence's words but a speech tag follows it:
  “We won!” Smith said. / ...needed..!” Shehabi wrote. (A tag that opens
  with a sentence opener - "Then Smith said", "He said" - starts a new one.)

Also: a number opening a line is a list marker ("7. The ..."), and a
lower-case single letter with a stop ("d.", "p.") is treated like U.S.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..doc import Doc, Sentence
from ..lexicon import load_table, load_words
from .quotes import pair_marks, speech_cue_pattern

# Quotations up to this many characters (marks included) are never split;
# longer ones are split at their own sentence ends. See the module docstring.
LONG_QUOTE = 300

# A run of text longer than this with no sentence end is cut into pieces of
# at most this many characters (at the last sentence end, clause mark or
# space that fits). Later stages do, for each quote, credit or platform name
# in a sentence, work proportional to the sentence's length, so unbounded
# sentences made them quadratic on text that never ends one (a table run
# together, 100,000 `Officials said "no."` joined by speech tags). News
# sentences stay far below it: the longest on the editors' 442 pages is 817.
MAX_SENTENCE = 1500

_ABBREVIATIONS = load_table("sentences/abbreviations.txt")
_OPENERS = load_words("sentences/sentence_openers.txt")

_CLOSERS = "\"'\u201d\u2019\u00bb)]}"
_QUOTE_CLOSERS = "\"'\u201d\u2019\u00bb"
# Terminal punctuation, then closing marks, then whitespace.
_BOUNDARY = re.compile(r"[.!?\u2026]+[" + re.escape(_CLOSERS) + r"]*(?=\s)")
_LINE = re.compile(r"[^\n]+")
_HEAD = re.compile(r"\s*(\S)")
_MARK = re.compile("[\"'\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u00ab\u00bb]")
# Besides letters and digits, what may open a sentence: quotation marks,
# brackets, currency, a dash or an ellipsis (a sign-off "— Name", "… It was"),
# a bullet, a byte-order mark left in the text.
_OPENING = "\"'\u201c\u2018\u201e\u00ab([{\u00bf\u00a1$\u00a3\u20ac#@*\u2022|\u2014\u2013\u2026\ufeff"
_LEADING = "\"'\u201c\u2018\u201e\u00ab([{"
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_NEXT_WORD = re.compile(r"\s+[" + re.escape(_LEADING) + r"]*([^\W\d_]+)")
# A speech tag after a quotation: up to six capitalised words (a name,
# "Fares Shehabi", "Ministry of Defense") then a speech verb.
_TAG = re.compile(
    r"\s+((?:[A-Z][\w\u2019'.-]*|of|the|for|and|de|al|bin)(?:\s+(?:[A-Z][\w\u2019'.-]*|of|the|for|and|de|al|bin)){0,5}?)"
    r"\s+(?i:" + speech_cue_pattern() + r")\b"
)


def _is_tag(text: str, pos: int) -> bool:
    m = _TAG.match(text, pos)
    if m is None:
        return False
    # "Then Smith said" and "He said" open a new sentence (after a closed
    # quotation a tag pronoun is written in lower case); "Smith said" does not.
    return m.group(1).split()[0].lower() not in _OPENERS


def _token_before(text: str, lo: int, pos: int) -> str:
    """The word that the punctuation at ``pos`` ends, without leading marks."""
    i = pos
    while i > lo and not text[i - 1].isspace():
        i -= 1
    return text[i:pos].lstrip(_LEADING)


def _abbreviation_holds(token: str, head: str, text: str, pos: int, end: int, at_line_start: bool) -> bool:
    """Does the full stop at ``pos - 1`` belong to an abbreviation rather
    than end the sentence? ``pos`` is just after the stop, ``head`` the next
    non-space character."""
    if not token:
        return False
    nxt = _NEXT_WORD.match(text, pos, end)
    next_word = nxt.group(1).lower() if nxt else ""
    starts_digit = head.isdigit()
    if len(token) == 1 and token.isupper():
        # An initial (J. K. Rowling, George W. Bush); "Plan B. The" still breaks.
        return not (len(next_word) > 1 and next_word in _OPENERS)
    if at_line_start and token.isdigit() and len(token) <= 3:
        return True  # a numbered list item: "7. The Giuliani problem"
    kind = _ABBREVIATIONS.get(token.lower())
    if kind is None and (_DOTTED.fullmatch(token) or (len(token) == 1 and token.islower())):
        kind = "maybe"  # U.S., a.m., U.N., "Melbourne d. Space Coast": may end a sentence
    if kind == "title":
        return True
    if kind == "number":
        return starts_digit
    if kind == "maybe":
        return next_word not in _OPENERS
    return False


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for pair in pair_marks(text, start, end):
        close = pair.outer_end(end)
        if close - pair.open <= LONG_QUOTE:
            spans.append((pair.open, close))
    return spans


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The union of open intervals ``(start, end)`` as sorted, disjoint
    starts and ends, so that "is pos inside any?" is one bisection instead
    of a scan of every quotation (quadratic on a line of many quotes)."""
    starts: list[int] = []
    ends: list[int] = []
    for qs, qe in sorted(spans):
        if starts and qs < ends[-1]:
            ends[-1] = max(ends[-1], qe)
        else:
            starts.append(qs)
            ends.append(qe)
    return starts, ends


def _inside(merged: tuple[list[int], list[int]], pos: int) -> bool:
    starts, ends = merged
    i = bisect_right(starts, pos - 1) - 1  # the last interval with start < pos
    return i >= 0 and pos < ends[i]


def _breaks(text: str, start: int, end: int) -> list[int]:
    quoted: tuple[list[int], list[int]] | None = None  # paired only when first needed
    first_word = _HEAD.match(text, start, end)
    first_word_at = first_word.start(1) if first_word else end
    out: list[int] = []
    for m in _BOUNDARY.finditer(text, start, end):
        pos = m.end()
        nxt = _HEAD.match(text, pos, end)
        if nxt is None:
            continue  # the end of the line
        head = nxt.group(1)
        if head.islower() or not (head.isalnum() or head in _OPENING):
            continue  # “Why?” he asked. / spaced ellipses / a comma
        if quoted is None:
            quoted = _merged(_quoted_spans(text, start, end) if _MARK.search(text, start, end) else [])
        if _inside(quoted, pos):
            continue  # inside a short quotation
        if m.group() == ".":
            token = _token_before(text, start, m.start())
            # only white space before the number on its line (compared with
            # the line's first word, not by slicing the line for every stop)
            at_line_start = token.isdigit() and first_word_at >= m.start() - len(token)
            if _abbreviation_holds(token, head, text, pos, end, at_line_start):
                continue
        if m.group()[-1] in _QUOTE_CLOSERS and _is_tag(text, pos):
            continue
        out.append(pos)
    return out


def split_text(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text[start:end]``, in order,
    trimmed of surrounding whitespace. Lines never share a sentence."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text, start, end):
        s = line.start()
        for cut in [*_breaks(text, line.start(), line.end()), line.end()]:
            a, b = s, cut
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b - a > MAX_SENTENCE:
                spans.extend(_pieces(text, a, b))
            elif a < b:
                spans.append((a, b))
            s = cut
    return spans


_CLAUSE_END = re.compile(r"[,;:\u2014\u2013][" + re.escape(_CLOSERS) + r"]*\s+")
_SPACE = re.compile(r"\s+")


def _last_end(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int | None:
    last = None
    for match in pattern.finditer(text, lo, hi):
        last = match
    return last.end() if last is not None else None


def _pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """``text[a:b]``, longer than MAX_SENTENCE, as trimmed pieces of at most
    that length: each ends at the last stop, else clause mark, else space
    in the second half of its window, else (one endless word) at the limit.
    Each window is read once, so this is linear in ``b - a``."""
    out: list[tuple[int, int]] = []
    while b - a > MAX_SENTENCE:
        lo, hi = a + MAX_SENTENCE // 2, a + MAX_SENTENCE
        cut = (
            _last_end(_BOUNDARY, text, lo, hi)
            or _last_end(_CLAUSE_END, text, lo, hi)
            or _last_end(_SPACE, text, lo, hi)
            or hi
        )
        e = cut
        while e > a and text[e - 1].isspace():
            e -= 1
        out.append((a, e))
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if a < b:
        out.append((a, b))
    return out


def split(doc: Doc) -> Doc:
    """The pipeline stage: fill ``doc.sentences``, every one inside a block."""
    text = doc.text
    sentences = tuple(
        Sentence(s, e, i)
        for i, block in enumerate(doc.article.blocks)
        for s, e in split_text(text, block.start, block.end)
    )
    return replace(doc, sentences=sentences)

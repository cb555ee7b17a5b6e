"""The quotes stage: every quoted span in the article, told apart as
``direct`` (words someone is credited with), ``scare`` (a word or two held at
arm's length by the writer) or ``title`` (the name of a work or campaign).

How marks are paired
--------------------
Each mark is first given a role from its neighbours alone: an opening mark
follows a space, a bracket, a dash or another mark and precedes a word; a
closing mark follows a word and precedes a space or punctuation. A mark with a
word on both sides is an apostrophe (don't, Syria's); a mark before a known
elision is too ('90s, rock 'n' roll, 'em). Roles are then paired with a stack,
one block at a time, so the same-shaped nested quote in “... called them
“anti Assad” freedom rebels ...” pairs from the inside out. A single closing
mark may only close the single quote on top of the stack (otherwise it is an
apostrophe such as "the teachers' union"); a double closing mark drops any
single quote left open inside it. A close with nothing to close is ignored,
and an open left at the block's end is dropped, so an unbalanced mark never
stretches a quote across the page.

Quotes that run across paragraphs
---------------------------------
News style leaves the closing mark off a paragraph whose quotation goes on in
the next paragraph, which then opens with a fresh mark. We keep one
:class:`Quote` per paragraph (a quote never crosses a block, like a sentence,
so its anchor stays inside one element of the page). The unclosed part runs
to the end of its block (``outer_end == end``: there is no closing mark) and
is always ``direct``; the attribution stage can credit the paragraphs of the
run to one speaker. An open double mark that is NOT followed by a paragraph
opening with a mark is a typo, and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..doc import Doc, Quote, QuoteKind
from ..lexicon import load_lines

# Roles of a mark.
_OPEN = 1
_CLOSE = 2

# Families: marks pair only within a family. ``s`` (single) marks double as
# apostrophes, so they are handled with more suspicion.
_DOUBLE = "d"
_GUILLEMET = "g"
_SINGLE = "s"

# A quote longer than this (in characters, marks included) is not believed:
# the open was probably a stray mark. Single quotes nest inside speech or mark
# a word or two, so their cap is far lower.
_CAP = {_DOUBLE: 4000, _GUILLEMET: 4000, _SINGLE: 400}

# One character class, so the regex engine can skip ahead fast.
_MARKS = re.compile("[\"'\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u00ab\u00bb]")
_QUOTE_CHARS = "\"'\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u00ab\u00bb"
# What may stand right before an opening mark (besides whitespace).
_BEFORE_OPEN = "([{<\u2014\u2013-/" + _QUOTE_CHARS
# What may stand right after a closing mark (besides whitespace).
_AFTER_CLOSE = ".,;:!?)]}>\u2014\u2013-/\u2026*" + _QUOTE_CHARS


def _cue_pattern(name: str) -> str:
    """An alternation of every form in ``data/quotes/<name>``, longest first
    so that "according to" wins over a shorter prefix."""
    forms: set[str] = set()
    for line in load_lines(name):
        for form in line.split():
            forms.add(re.escape(form.lower().replace("_", " ")).replace(r"\ ", r"\s+"))
    return "|".join(sorted(forms, key=len, reverse=True))


_ELISION = re.compile(
    r"(?:\d0s\b|\d\d\b(?![\u2019'])|n[\u2019']|(?:"
    + "|".join(sorted((w for w in load_lines("quotes/elisions.txt") if w != "n"), key=len, reverse=True))
    + r")\b(?![\u2019']))",
    re.IGNORECASE,
)
_SPEECH = _cue_pattern("quotes/speech_cues.txt")


def _cue_set(name: str) -> frozenset[str]:
    """Every form in ``data/quotes/<name>``, lower case, words joined by one space."""
    return frozenset(
        form.lower().replace("_", " ") for line in load_lines(name) for form in line.split()
    )


_SPEECH_CUES = _cue_set("quotes/speech_cues.txt")
_REPORTING_CUES = _cue_set("quotes/reporting_cues.txt")
_NAMING_CUES = _cue_set("quotes/naming_cues.txt")
_DISTANCING_CUES = _cue_set("quotes/distancing_cues.txt")
_TITLE_CUES = _cue_set("quotes/title_cues.txt")
_CUE_WORDS = 3  # the longest cue ("quoted as saying")
# Last words of the multi-word cues ("according to" -> "to").
_MULTI_LAST = frozenset(
    cue.rsplit(" ", 1)[1]
    for cues in (_SPEECH_CUES, _REPORTING_CUES, _NAMING_CUES, _DISTANCING_CUES, _TITLE_CUES)
    for cue in cues
    if " " in cue
)
# Words that may stand between a speech verb and the quote it introduces:
# `told reporters: “...”`, `describes himself as “...”`.
_CONNECTORS = frozenset(
    "that this it him her them me us you himself herself themselves itself as reporters journalists".split()
)
_TOKEN = re.compile(r"[\w\u2019'-]+")
_AFTER_LEAD = re.compile(r"\s*[,;]?\s*(?:[\u2014\u2013-]+\s*)?")


def _cue_ends_at(words: list[str], j: int, cues: frozenset[str]) -> bool:
    """Does a cue of ``cues`` end with ``words[j]``?"""
    if words[j] in cues:
        return True
    if words[j] not in _MULTI_LAST:
        return False  # most words end no multi-word cue: skip the joins
    return any(" ".join(words[j - k + 1 : j + 1]) in cues for k in range(2, min(_CUE_WORDS, j + 1) + 1))


def _cue_before(before: str, cues: frozenset[str], gap: int, connectors_only: bool = False) -> bool:
    """A cue followed by at most ``gap`` words, then only spaces or ``:,``,
    right before the quotation."""
    # Only spaces, a colon or a comma may stand between the last word and the mark.
    stripped = before[-80:].rstrip(" :,\t\n")
    if not stripped or not (stripped[-1].isalnum() or stripped[-1] in "-\u2019'"):
        return False
    words = [w.lower() for w in _TOKEN.findall(stripped)]
    for g in range(min(gap, len(words) - 1) + 1):
        if connectors_only and g and words[-g] not in _CONNECTORS:
            break
        if _cue_ends_at(words, len(words) - 1 - g, cues):
            return True
    return False


def _speech_before_tight(before: str) -> bool:
    return _cue_before(before, _SPEECH_CUES, 2, connectors_only=True)


def _speech_in(before: str) -> bool:
    words = [w.lower() for w in _TOKEN.findall(before)]
    return any(_cue_ends_at(words, j, _REPORTING_CUES) for j in range(len(words)))


def _speech_after(after: str) -> bool:
    """A speech cue within the first few words after the quotation."""
    lead = _AFTER_LEAD.match(after)
    # ,” the Russian Center for Reconciliation in Syria said: up to 8 words first.
    words = [w.lower() for w in _TOKEN.findall(after, lead.end() if lead else 0)][: 8 + _CUE_WORDS]
    return any(_cue_ends_at(words, j, _SPEECH_CUES) for j in range(len(words)))


def _naming_before(before: str) -> bool:
    return _cue_before(before, _NAMING_CUES, 3)


def _distancing_before(before: str) -> bool:
    return _cue_before(before, _DISTANCING_CUES, 1)


def _title_before(before: str) -> bool:
    return _cue_before(before, _TITLE_CUES, 2)


def speech_cue_pattern() -> str:
    """A regex alternation (no group) of every speech cue form, for other
    stages that look for "said"/"wrote"/"according to" next to words."""
    return _SPEECH


_WORD = re.compile(r"\w[\w\u2019'.&-]*")
# A sentence end, but not the stop of a short capitalised abbreviation
# (Mr., Mrs., Gov., U.S.), which would cut `,” Mrs. Clinton said` short.
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<![A-Z][a-z])(?<![A-Z][a-z]{2})(?<![A-Z][a-z]{3})[.!?\u2026][\"'\u201d\u2019)\]]*\s+"
)
_BLOCK_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n\s*")

# Words that stay lower case inside a title ("Fire and Fury", "Game of Thrones").
_TITLE_SMALL = frozenset(
    "a an the of and or nor but in on at to for by with from as vs via de la le du da von van".split()
)
_CONTEXT = 120  # characters of context read on each side when classifying


@dataclass(frozen=True)
class _Mark:
    pos: int
    family: str
    role: int
    weak: bool = False  # a single close that may be a plural possessive (teachers')
    length: int = 1  # characters of the mark: 2 for ''


@dataclass(frozen=True)
class QuotePair:
    """Marks paired inside one block: ``close`` is None when the quotation
    is still open at the end of the block."""

    open: int
    close: int | None
    family: str
    open_len: int = 1
    close_len: int = 1

    @property
    def inner_start(self) -> int:
        return self.open + self.open_len

    def outer_end(self, block_end: int) -> int:
        """Just past the closing mark, or the block's end when unclosed."""
        return self.close + self.close_len if self.close is not None else block_end


def _is_open_ctx(ch: str) -> bool:
    return ch.isspace() or ch in _BEFORE_OPEN


def _is_close_ctx(ch: str) -> bool:
    return ch.isspace() or ch in _AFTER_CLOSE


def _role(text: str, i: int, start: int, end: int, length: int = 1) -> _Mark | None:
    ch = text[i]
    if length == 2:
        # '' as a double mark: decided like a straight double quote.
        left = text[i - 1] if i > start else " "
        right = text[i + 2] if i + 2 < end else " "
        opens, closes = _is_open_ctx(left), _is_close_ctx(right)
        if opens != closes:
            return _Mark(i, _DOUBLE, _OPEN if opens else _CLOSE, length=2)
        return None
    left = text[i - 1] if i > start else " "
    right = text[i + 1] if i + 1 < end else " "
    if ch in "\u201c\u201e\u201f":
        # A left mark glued to the preceding word and followed by a space is a
        # mistyped closing mark.
        if ch == "\u201c" and not _is_open_ctx(left) and right.isspace():
            return _Mark(i, _DOUBLE, _CLOSE)
        return _Mark(i, _DOUBLE, _OPEN)
    if ch == "\u201d":
        if _is_open_ctx(left) and right.isalnum():
            return _Mark(i, _DOUBLE, _OPEN)  # a mistyped opening mark
        return _Mark(i, _DOUBLE, _CLOSE)
    if ch == "\u00ab":
        return _Mark(i, _GUILLEMET, _OPEN)
    if ch == "\u00bb":
        return _Mark(i, _GUILLEMET, _CLOSE)
    if ch == '"':
        opens, closes = _is_open_ctx(left), _is_close_ctx(right)
        if opens and not closes:
            return _Mark(i, _DOUBLE, _OPEN)
        if closes and not opens:
            return _Mark(i, _DOUBLE, _CLOSE)
        return None  # between two spaces, or inside a word: cannot tell
    # Single marks: ‘ ’ ‚ '
    if left.isalnum() and right.isalnum():
        return None  # don't, Syria's
    if _is_open_ctx(left) and not right.isspace():
        if _ELISION.match(text, i + 1, end):
            return None  # '90s, 'em, rock 'n' roll
        return _Mark(i, _SINGLE, _OPEN)
    if ch in "\u2018\u201a":
        return None  # an opening shape in a closing position: an apostrophe typo
    if not left.isspace() and _is_close_ctx(right):
        if i - 2 >= start and text[i - 1] in "nN" and text[i - 2] in "\u2019'":
            return None  # the second mark of 'n'
        # "the teachers' union": a mark after -s before a word may be a
        # possessive; it closes a quote only if no better close follows.
        weak = left in "sS" and right == " " and i + 2 < end and text[i + 2].isalpha()
        return _Mark(i, _SINGLE, _CLOSE, weak)
    return None


def _scan(text: str, start: int, end: int) -> list[_Mark]:
    marks: list[_Mark] = []
    skip = -1
    for m in _MARKS.finditer(text, start, end):
        i = m.start()
        if i == skip:
            continue  # the second half of ''
        ch = text[i]
        if ch in "'\u2019" and start < i < end - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
            continue  # don't, Syria's: most marks in English text, so cut short
        # Two apostrophes stand for a double mark in some wire copy (''So terrible'').
        length = 2 if ch == "'" and i + 1 < end and text[i + 1] == "'" else 1
        if length == 2:
            skip = i + 1
        mark = _role(text, i, start, end, length)
        if mark is not None:
            marks.append(mark)
    return marks


def _decisive_singles(marks: list[_Mark]) -> list[_Mark | None]:
    """For each mark, the first single mark after it that is an open or a
    non-possessive close (None if there is none): what
    :func:`_strong_close_ahead` looks for, found for every mark in one
    backward pass instead of a forward scan per weak close (quadratic on a
    run of possessive-looking marks)."""
    ahead: list[_Mark | None] = [None] * len(marks)
    nxt: _Mark | None = None
    for k in range(len(marks) - 1, -1, -1):
        ahead[k] = nxt
        mark = marks[k]
        if mark.family == _SINGLE and (mark.role == _OPEN or not mark.weak):
            nxt = mark
    return ahead


def _strong_close_ahead(later: _Mark | None, open_pos: int) -> bool:
    """Is there a better (non-possessive) single close for the quote opened at
    ``open_pos`` before any other single mark? ``later`` is the mark's
    entry of :func:`_decisive_singles`."""
    if later is None or later.role == _OPEN:
        return False
    return later.pos - open_pos <= _CAP[_SINGLE]


def pair_marks(text: str, start: int = 0, end: int | None = None) -> list[QuotePair]:
    """Pair the quotation marks of one block ``text[start:end]``.

    Returns closed pairs and, last, at most one outermost double quotation
    still open at the block's end (``close is None``), in order of their
    opening mark."""
    end = len(text) if end is None else end
    marks = _scan(text, start, end)
    ahead = _decisive_singles(marks)
    stack: list[_Mark] = []
    # Positions in ``stack`` of its double and guillemet opens, so that a
    # double close finds the innermost one without stepping over every
    # single open above it (quadratic on a run of unclosed single marks).
    doubles: list[int] = []
    pairs: list[QuotePair] = []
    for k, mark in enumerate(marks):
        if mark.role == _OPEN:
            if mark.family != _SINGLE:
                doubles.append(len(stack))
            stack.append(mark)
            continue
        if mark.family == _SINGLE:
            if not stack or stack[-1].family != _SINGLE:
                continue  # an apostrophe after a word (the dogs' bowl)
            opener = stack[-1]
            if mark.weak and _strong_close_ahead(ahead[k], opener.pos):
                continue
            stack.pop()
            if mark.pos - opener.pos <= _CAP[_SINGLE]:
                pairs.append(QuotePair(opener.pos, mark.pos, _SINGLE, opener.length, mark.length))
            continue
        # A double close drops single quotes left open inside it, but never
        # closes across an open of the other double family.
        depth = doubles[-1] if doubles else -1
        if depth < 0 or stack[depth].family != mark.family:
            continue
        opener = stack[depth]
        del stack[depth:]
        doubles.pop()
        if mark.pos - opener.pos <= _CAP[mark.family]:
            pairs.append(QuotePair(opener.pos, mark.pos, mark.family, opener.length, mark.length))
    pairs.sort(key=lambda p: p.open)
    for mark in stack:
        if mark.family != _SINGLE:
            pairs.append(QuotePair(mark.pos, None, mark.family, mark.length))
            break  # only the outermost: inner unclosed opens are noise
    return pairs


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens_with_mark(text: str, start: int, end: int) -> bool:
    """Does the block open with an opening double quotation mark?"""
    s, e = _trim(text, start, end)
    if s >= e:
        return False
    mark = _role(text, s, s, e, 2 if text.startswith("''", s) else 1)
    return mark is not None and mark.role == _OPEN and mark.family != _SINGLE


def _is_title_case(words: list[str]) -> bool:
    if not words or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_SMALL for w in words)


def _sentence_before(text: str, lo: int, pos: int) -> str:
    """The text of the current sentence before ``pos`` (at most _CONTEXT chars)."""
    window = text[max(lo, pos - _CONTEXT) : pos]
    last = None
    for match in _SENTENCE_END.finditer(window):
        last = match
    return window[last.end() :] if last else window


def _sentence_after(text: str, pos: int, hi: int) -> str:
    window = text[pos : min(hi, pos + _CONTEXT)]
    m = _SENTENCE_END.search(window)
    return window[: m.start() + 1] if m else window


def classify(
    text: str,
    start: int,
    end: int,
    outer_start: int,
    outer_end: int,
    lo: int,
    hi: int,
    nested: bool = False,
) -> QuoteKind:
    """Tell a quotation's kind from its words and the words around it.
    ``lo``/``hi`` bound the context (the block, or the enclosing quotation
    for a ``nested`` one)."""
    inner = text[start:end]
    words = _WORD.findall(inner)
    n = len(words)
    before = _sentence_before(text, lo, outer_start)
    after = _sentence_after(text, outer_end, hi)
    stripped = inner.rstrip(" .,;:")
    last_char = inner.rstrip()[-1:] if inner.strip() else ""
    ends_punct = last_char in ",.!?\u2026" or after[:1] == ","

    title_case = _is_title_case(_WORD.findall(stripped))
    if title_case and _title_before(before):
        return "title"  # the book “Fire and Fury”
    if title_case:
        # Title Case words in quotes that nobody says: the name of a work
        # (“Saturday Night Live”, “America’s Bitter Pill,”).
        if (
            n >= 2
            and not _speech_before_tight(before)
            and not _speech_after(after)
            and not _naming_before(before)
        ):
            return "title"
    if n <= 3 and _distancing_before(before):
        return "scare"  # the so-called “rebels”: nobody is credited
    if n <= 3 and _naming_before(before):
        # what critics called “a witch hunt”: the label is the critics' words;
        # inside a quotation it is the speaker's own arm's-length label.
        return "scare" if nested else "direct"
    if n >= 4:
        return "direct"  # long-ish: a remark, not a label
    if _speech_before_tight(before) or (ends_punct and before.rstrip().endswith(":")):
        return "direct"  # he said “no.” / heckles the crowd: “Shame!”
    if n >= 2 and _speech_in(before):
        return "direct"  # a partial quotation inside reported speech
    if ends_punct and _speech_after(after):
        return "direct"  # “No,” she said.
    if last_char in ".!?" and not before.strip() and words and words[0][0].isupper():
        return "direct"  # a quotation standing as its own sentence: “Never.”
    return "scare"


def _enclosing(pairs: list[QuotePair], block_end: int) -> list[QuotePair | None]:
    """For each pair, the pair with the latest opening mark that encloses
    it: opens before it, and closes at or after its close.

    One sweep with a stack of pairs still open at the current position,
    instead of a scan of every pair for each (quadratic on a block of many
    quotes). Every candidate is on the stack: a pair leaves it only once
    some later pair opens at or after its close, and then it cannot enclose
    any pair opened later still. Paired marks nest (they come off a stack),
    so the top of the stack is almost always the answer."""
    parents: list[QuotePair | None] = [None] * len(pairs)
    stack: list[tuple[QuotePair, int]] = []  # (pair, outer end), in order of open
    # In order of opening mark: pair_marks lists an unclosed quotation last.
    for i in sorted(range(len(pairs)), key=lambda i: pairs[i].open):
        pair = pairs[i]
        while stack and stack[-1][1] <= pair.open:
            stack.pop()
        close = pair.outer_end(block_end)
        for other, other_end in reversed(stack):
            if other.open < pair.open < other_end and close <= other_end:
                parents[i] = other
                break
        stack.append((pair, close))
    return parents


def _block_quotes(text: str, start: int, end: int, continues: bool) -> list[Quote]:
    """Quotes of one block. ``continues``: the next block opens with a mark,
    so a quotation left open here runs on into it."""
    pairs = pair_marks(text, start, end)
    parents = _enclosing(pairs, end)
    quotes: list[Quote] = []
    for pair, parent in zip(pairs, parents):
        if pair.close is None and not continues:
            continue
        outer_end = pair.outer_end(_trim(text, start, end)[1])
        inner_start, inner_end = _trim(text, pair.inner_start, pair.close if pair.close is not None else outer_end)
        if inner_start >= inner_end:
            continue
        if pair.close is None:
            kind: QuoteKind = "direct"  # a paragraph of someone's words, continued below
        else:
            lo, hi = (parent.inner_start, parent.close if parent.close is not None else end) if parent else (start, end)
            kind = classify(text, inner_start, inner_end, pair.open, outer_end, lo, hi, parent is not None)
        quotes.append(Quote(inner_start, inner_end, pair.open, outer_end, kind))
    return quotes


def _find(text: str, blocks: list[tuple[int, int]]) -> list[Quote]:
    quotes: list[Quote] = []
    for i, (start, end) in enumerate(blocks):
        continues = i + 1 < len(blocks) and _opens_with_mark(text, *blocks[i + 1])
        quotes.extend(_block_quotes(text, start, end, continues))
    quotes.sort(key=lambda q: (q.outer_start, -q.outer_end))
    return quotes


def text_blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph spans of a plain text (blocks joined by blank lines)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BLOCK_SPLIT.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [s for s in spans if s[0] < s[1]]


def find_quotes(text: str) -> list[Quote]:
    """Every quoted span of a plain text whose paragraphs are separated by
    blank lines, in reading order (an enclosing quote before the ones nested
    in it)."""
    return _find(text, text_blocks(text))


def find(doc: Doc) -> Doc:
    """The pipeline stage: fill ``doc.quotes`` (``source`` left None for the
    attribution stage)."""
    blocks = [(b.start, b.end) for b in doc.article.blocks]
    return replace(doc, quotes=tuple(_find(doc.text, blocks)))

"""Readers' letters: paragraphs a page prints over each writer's name.

A letters page ("Readers sound off") runs each letter as one or more plain
paragraphs followed by a line that is only the writer's name:

    Don't really feel too bad for people this ignorant losing their money.

    Daniel Hamilton.

There are no quote marks, so without this every letter reads as the
outlet's own prose, and a reader's "con artist" would be carded as the
outlet's label. Editors judged all 7 such loaded-wording candidates on the
tuning pages wrong (backend/eval/editor/labels): a letter is its writer's
voice.

A name line is a signature only where the page signs at least
``MIN_SIGNATURES`` paragraphs so, and only when the paragraph after it does
not go on about that name: "Hillary Clinton." over a paragraph on what
Clinton proposes is a section heading, not a signature. A signature signs
the paragraphs back to the signature before it (or a place line after it:
"Mission Viejo, Calif."); the first signs only the paragraph right before
it, so the page's own introduction is not swept in.
"""

from __future__ import annotations

import re

from .doc import Doc
from .syntax import parse

# A person's name alone on its line, ending in a full stop: two to four
# capitalised words or initials ("Debby James.", "Bruce R. Gary.",
# "Richard Hays Powell."), perhaps after a dash. Not "The Facts." or an
# upper-case heading ("TOP STORIES.").
NAME_LINE = re.compile(
    r"\s*(?:—|–|--?)?\s*(?!(?:The|A|An|In|On|Full|Top|Related|Correction)\b)"
    r"(?P<first>[A-Z][a-z'’-]+)(?:\s+(?:[A-Z]\.|[A-Z][a-z'’-]+)){0,2}\s+(?P<last>[A-Z][a-z'’-]+)\.\s*"
)
# "Mission Viejo, Calif.", "Deerfield Beach, Fla.": where the writer lives.
PLACE_LINE = re.compile(r"\s*[A-Z][\w .'’-]{1,40},\s+[A-Z][\w.]{1,10}\s*")
MIN_SIGNATURES = 2
# Most name lines a letters page has: a page of more is a list (a roll
# call, a hostile text), and parsing each would cost more than a page may.
MAX_SIGNATURES = 60
# Fewest words in a paragraph a name line may sign.
MIN_LETTER_WORDS = 8


def _a_name(line: str) -> bool:
    """Every word of the line is tagged a singular proper noun ("Debby
    James."), as no heading such as "Rising Tensions." or "Division Over
    Iran." is. (A heading of two such nouns, "Settlement Issue.", passes:
    MIN_SIGNATURES and the paragraph after keep those out.)"""
    parsed = parse(line.strip().lstrip("—–-").strip())
    return parsed is not None and all(t.tag_ == "NNP" for t in parsed if not t.is_punct)


def signed_paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every paragraph a reader's signature signs,
    in order; none on a page with fewer than MIN_SIGNATURES signatures or
    more than MAX_SIGNATURES name lines."""
    text = doc.text
    blocks = [(b.start, b.end) for b in doc.article.blocks if text[b.start : b.end].strip()]
    lines: list[int] = []
    for i, (start, end) in enumerate(blocks):
        name = NAME_LINE.fullmatch(text, start, end)
        if name is None or i == 0 or NAME_LINE.fullmatch(text, *blocks[i - 1]):
            continue
        if len(text[blocks[i - 1][0] : blocks[i - 1][1]].split()) < MIN_LETTER_WORDS:
            continue
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if after is not None and re.search(rf"\b{re.escape(name['last'])}\b", text[after[0] : after[1]]):
            continue  # a heading over a paragraph about that person
        lines.append(i)
        if len(lines) > MAX_SIGNATURES:
            return []
    # (last: it parses each line)
    signatures = [i for i in lines if _a_name(text[blocks[i][0] : blocks[i][1]])]
    if len(signatures) < MIN_SIGNATURES:
        return []
    out: list[tuple[int, int]] = []
    previous: int | None = None
    for i in signatures:
        first = i - 1 if previous is None else previous + 1
        if previous is not None and PLACE_LINE.fullmatch(text, *blocks[first]) and first < i - 1:
            first += 1
        out += blocks[first:i]
        previous = i
    return out

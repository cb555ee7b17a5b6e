"""Interview transcripts: the stretches of text each tagged speaker says.

A page that prints an interview as a transcript gives each turn a tag line:

    DB: The corporate press has a major responsibility, don't you agree?
    JP: As you know, governments do respond to pressure ...
    It rarely happens but when it does governments do change their tune.
    DB: ...

There are no quote marks, so without this every answer reads as the
outlet's own prose, and a loaded word the guest uses ("the so-called free
media") would be carded as the outlet's. Editors judged such cards wrong 7
times in 9 on the tuning pages (backend/eval/editor/labels): an interview
answer is the guest's voice.

A transcript is recognised only where two tags take turns: at least
``MIN_TAG_LINES`` tag lines in a row alternating between the same two tags
(A, B, A, B). A turn runs from its tag line to the next tag line; the run's
last turn, whose end nothing marks, is given at most as many lines as the
longest turn before it, so the article's own closing lines are not swept in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# A tag: "Q"/"A", initials ("DB", "JP"), an upper-case surname ("PILGER")
# or a titled name ("Mr. Smith", "Dr Jones"), then a colon and the turn's
# first words on the same line. A plain capitalised word is not a tag:
# headings such as "Region: North", "Outlook: Dry" can alternate too.
TAG_LINE = re.compile(
    r"^[ \t]*(?P<tag>Q|A|[A-Z]{2,12}|(?:Mr|Ms|Mrs|Dr|Prof)\.?\s[A-Z][a-z]+)[ \t]?:[ \t]+\S",
    re.MULTILINE,
)
# Two exchanges: one question and answer is too little to tell a
# transcript from a pair of labelled lines.
MIN_TAG_LINES = 4


@dataclass(frozen=True)
class Turn:
    """``text[start:end]`` is what the speaker tagged ``tag`` says."""

    start: int
    end: int
    tag: str


def transcript_turns(text: str) -> tuple[Turn, ...]:
    """Every turn of every interview transcript in ``text``, in order."""
    lines = list(TAG_LINE.finditer(text))
    turns: list[Turn] = []
    i = 0
    while i < len(lines):
        j = i + 1
        # extend the run while the tags alternate between two speakers
        while j < len(lines) and lines[j]["tag"] != lines[j - 1]["tag"] and (
            j - i < 2 or lines[j]["tag"] == lines[j - 2]["tag"]
        ):
            j += 1
        if j - i >= MIN_TAG_LINES:
            turns += _run(text, lines[i:j], lines[j].start() if j < len(lines) else len(text))
            i = j
        else:
            i += 1
    return tuple(turns)


def _run(text: str, tags: list[re.Match[str]], limit: int) -> list[Turn]:
    out = [Turn(m.start(), nxt.start(), m["tag"]) for m, nxt in zip(tags, tags[1:])]
    longest = max(_line_count(text, t.start, t.end) for t in out)
    pos = end = tags[-1].start()
    count = 0
    while pos < limit and count < longest:
        newline = text.find("\n", pos, limit)
        line_end = limit if newline < 0 else newline
        if text[pos:line_end].strip():  # blank lines inside a turn are not its lines
            count += 1
            end = line_end
        pos = line_end + 1
    out.append(Turn(tags[-1].start(), end, tags[-1]["tag"]))
    return out


def _line_count(text: str, start: int, end: int) -> int:
    return sum(1 for line in text[start:end].split("\n") if line.strip())


class TurnIndex:
    """The turns of one text, for asking of many spans whether a turn holds
    them (one bisection each: a hostile text may have thousands of tags)."""

    def __init__(self, turns: tuple[Turn, ...]) -> None:
        self.turns = turns  # in order and not overlapping, as transcript_turns gives them
        self._starts = [t.start for t in turns]

    def holding(self, start: int, end: int) -> Turn | None:
        """The turn that holds ``text[start:end]``, if any."""
        k = bisect_right(self._starts, start) - 1
        if k >= 0 and end <= self.turns[k].end:
            return self.turns[k]
        return None

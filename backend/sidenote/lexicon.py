"""Word lists live as data files in ``sidenote/data``; this reads them.

Format: one entry per line, blank lines ignored. ``#`` starts a comment at
the start of a line or after white space (so ``[^/?#]`` in a pattern stays).
An entry may carry tab-separated fields (``word<TAB>label``).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_COMMENT = re.compile(r"(?:^|\s)#.*$")

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """Entries of ``data/<name>`` in file order, comments and blanks dropped."""
    path = DATA_DIR / name
    out: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = _COMMENT.sub("", raw.rstrip("\n"))
            if line.strip():
                out.append(line.strip())
    return tuple(out)


@cache
def load_words(name: str) -> frozenset[str]:
    """A lower-cased set of the first field of each entry."""
    return frozenset(line.split("\t", 1)[0].lower() for line in load_lines(name))


@cache
def load_table(name: str) -> dict[str, str]:
    """``first field (lower-cased) -> second field`` for tab-separated entries."""
    table: dict[str, str] = {}
    for line in load_lines(name):
        key, _, value = line.partition("\t")
        table[key.strip().lower()] = value.strip()
    return table

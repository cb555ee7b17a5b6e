"""Loaded-wording cards whose only label is a designation the facts give.

The editors' rubric: "terrorists" for a designated group's attack fits
established facts and is not loaded framing. A card whose every evidence
item is a designation's word ("terrorist group", "hate group":
``data/verifier/designation_words.tsv``), said in a sentence that names a
group designated as such (``data/verifier/designated_groups.tsv``), is
never shown: "Al-Shabaab, the terrorist group based in Somalia", "battling
terrorist groups such as al-Qaeda", "ISIS and other jihadists".

The words before the designation's, if any, must lie inside the group's
name as the sentence gives it ("Islamic State terrorists"): "Islamic
terrorists" beside ISIS puts an identity word to the label, which is
weight, and stays for the verifier to judge. The designation must match
the group's: "the terror group, the Nation of Islam" is not a terror
designation's words for a group designated a hate group.
"""

from __future__ import annotations

import re
from functools import cache

from ..doc import Card, Doc, Evidence
from ..lexicon import load_lines, load_table
from .features import QUOTE_MARKS

_WORD = re.compile(r"[\w'’-]+")


@cache
def _group_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(whole-word pattern, designation) for each designated group's name;
    a name in capitals matches only in capitals."""
    out = []
    for line in load_lines("verifier/designated_groups.tsv"):
        name, _, designation = line.partition("\t")
        name, designation = name.strip(), designation.strip()
        flags = 0 if name.isupper() else re.IGNORECASE
        body = r"\s+".join(re.escape(w) for w in name.split())
        out.append((re.compile(r"(?<![\w-])" + body + r"(?![\w-])", flags), designation))
    return tuple(out)


def _mentions(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Designated groups named in ``text[start:end]``: (start, end, designation)."""
    return [(start + m.start(), start + m.end(), designation)
            for pattern, designation in _group_patterns()
            for m in pattern.finditer(text, start, end)]


def _designation(evidence: Evidence, mentions: list[tuple[int, int, str]]) -> bool:
    """Whether the evidence is a designation's words for a group named in
    its sentence, with nothing before them but part of that group's name."""
    inner = evidence.exact.strip(QUOTE_MARKS)
    at = evidence.start + evidence.exact.index(inner)
    found = list(_WORD.finditer(inner))
    words = [m.group().lower() for m in found]
    table = load_table("verifier/designation_words.tsv")
    for k in range(len(words)):
        designation = table.get(" ".join(words[k:]))
        if designation is None:
            continue
        if k == 0:
            return any(d == designation for _, _, d in mentions)
        # the words before it must sit inside a mention of a group so designated
        prefix_end = at + found[k - 1].end()
        return any(d == designation and a <= at and prefix_end <= b for a, b, d in mentions)
    return False


def fits_a_designation(doc: Doc, card: Card) -> bool:
    """A loaded_framing card whose every evidence item is a designation's
    words for a group its sentence names as so designated."""
    if card.kind != "loaded_framing" or not card.evidence:
        return False
    for e in card.evidence:
        i = doc.sentence_index(e.start)
        start, end = (doc.sentences[i].start, doc.sentences[i].end) if i is not None else (card.anchor.start,
                                                                                        card.anchor.end)
        if not _designation(e, _mentions(doc.text, start, end)):
            return False
    return True

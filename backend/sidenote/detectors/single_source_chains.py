"""Source chains for ``single_source``: a relay is not a second witness.

Sources are merged into chains:

* a medium relaying another source is one chain with it (RT reporting what
  the ministry announced);
* a person described as part of another source is that source ("an official
  at the center");
* state bodies of one country speak for one side (the "Russian Defense
  Ministry" and the "Russian Center for Reconciliation").
"""

from __future__ import annotations

import re

from ..doc import Doc, Source
from ..lexicon import load_words


class Chains:
    """Union-find over source ids."""

    def __init__(self, sources: tuple[Source, ...]) -> None:
        self.parent = {s.id: s.id for s in sources}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        if a in self.parent and b in self.parent:
            self.parent[self.find(a)] = self.find(b)


def state_of(source: Source) -> str | None:
    """The country a state body belongs to, from its name ("Russian ...")."""
    if source.kind not in ("organization", "media"):
        return None
    name = source.name.lower()
    state_words = load_words("single_source/state_words.txt")
    if not any(w in state_words for w in re.findall(r"[a-z]+", name)):
        return None
    for nation in sorted(load_words("single_source/nationalities.txt"), key=len, reverse=True):
        if re.search(r"(?<![\w.])" + re.escape(nation) + r"(?![\w])", name):
            return {"us": "american", "u.s.": "american", "united states": "american"}.get(
                nation, nation.removesuffix("n") if nation.endswith("ian") else nation
            )
    return None


def build_chains(doc: Doc) -> Chains:
    chains = Chains(doc.sources)
    text = doc.text
    by_state: dict[str, str] = {}
    mention_text = {
        s.id: {text[m.start : m.end].lower() for m in s.mentions if m.end - m.start > 3} for s in doc.sources
    }
    for source in doc.sources:
        if source.relayed_by:
            chains.union(source.id, source.relayed_by)
        state = state_of(source)
        if state:
            if state in by_state:
                chains.union(source.id, by_state[state])
            else:
                by_state[state] = source.id
        if source.description:
            desc = source.description.lower()
            for other in doc.sources:
                if other.id != source.id and any(
                    re.search(r"\b" + re.escape(t) + r"\b", desc) for t in mention_text[other.id]
                ):
                    chains.union(source.id, other.id)
    return chains

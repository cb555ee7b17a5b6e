"""Credited words that are the speaker's own stance, not a report to check.

The rubric: "a person's or body's own words about itself or its own
decisions" are not a single_source problem. Editors judged two cards wrong
on the tuning pages for missing that: a bar's Facebook post on its own
decision ("We have since terminated this employee") and Trump's tweets
stating his own demands ("saying he needed to investigate ..."). What
such words claim is only that the speaker said, did or wants it, and the
post is the primary record of that.

Two shapes are read from a parse of the credited words (their first
sentence, ``sidenote.syntax``):

* its own act: the words' main clause has a first-person subject ("we",
  "I") and a verb that is not seeing, knowing or believing
  (``data/single_source/witness_verbs.txt``: "I saw two gunmen" is a
  witness, who may need a second one) and reports no clause about others
  ("we have information that ...");
* a demand or a duty: the reported clause carries "should", "must",
  "ought", or "need(s) to" (``demand_words.txt``);
* the act of posting itself: the credit is a posting verb
  (``data/single_source/posting_act_verbs.txt``) whose object is the
  thing posted, not a clause ("Trump tweeted a similar image", "the
  reporter tweeted the transcript"): the claim is that the post was made,
  and the post is its record. "Avenatti tweeted that he had information
  from anonymous sources" reports a clause about others and keeps its card.

The caller asks this only of named speakers: what an unnamed source says
a party "must" do is a report resting on that source. The seed article's
cards stay: "a clear & direct US protection of ISIS" and the ministry's
announcement about missiles are neither.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..doc import Doc, Span
from ..lexicon import load_table, load_words
from ..syntax import parse

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parsed
    from spacy.tokens import Token

FIRST_PERSON = frozenset({"i", "we"})
# Arcs that hang a clause about something else on the verb ("we said
# that they ...", "we told him they ...").
CLAUSE_ARCS = frozenset({"ccomp", "parataxis"})
# Credited words are read up to their first sentence end, at most this long.
MAX_CHARS = 400
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’]?\s")


def _first_sentence(text: str) -> str:
    text = text.lstrip("…. \"'“‘")
    m = _SENTENCE_END.search(text)
    return (text[: m.start()] if m else text)[:MAX_CHARS]


def _own_act(root: Token) -> bool:
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in FIRST_PERSON:
        return False
    if root.lower_ in load_words("single_source/witness_verbs.txt"):
        return False
    return not any(c.dep_ in CLAUSE_ARCS for c in root.children)


def _demand(parsed: Parsed) -> bool:
    duty = load_table("single_source/demand_words.txt")
    for token in parsed:
        how = duty.get(token.lower_)
        if how == "modal" and token.dep_ == "aux":
            return True
        if how == "need" and token.tag_.startswith("VB") and any(
            c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in c.children) for c in token.children
        ):
            return True
    return False


def _posting_act(doc: Doc, cue: Span) -> bool:
    """The cue is a posting verb whose object is the thing posted and which
    reports no clause (read from a parse of the cue's sentence)."""
    if doc.text[cue.start : cue.end].lower() not in load_words("single_source/posting_act_verbs.txt"):
        return False
    i = doc.sentence_index(cue.start)
    if i is None:
        return False
    sentence = doc.sentences[i]
    parsed = parse(doc.text[sentence.start : sentence.end])
    if parsed is None:
        return False
    verb = next((t for t in parsed if t.idx == cue.start - sentence.start), None)
    if verb is None:
        return False
    arcs = {c.dep_ for c in verb.children}
    return "dobj" in arcs and not arcs & CLAUSE_ARCS


def own_stance(doc: Doc, span: Span, chain_ids: list[str]) -> bool:
    """Whether every credit of the chain inside ``span`` (a claim) is the
    speaker's own act or demand, or the act of posting, so the claim does
    not rest on it as a report."""
    credits = [a for a in doc.attributions if a.source in chain_ids and a.content.overlaps(span)]
    if credits and all(a.cue is not None and _posting_act(doc, a.cue) for a in credits):
        return True
    pieces = [a.content for a in credits]
    if not pieces:
        return False
    for piece in pieces:
        parsed = parse(_first_sentence(doc.text[piece.start : piece.end]))
        if parsed is None:
            return False
        root = next((t for t in parsed if t.dep_ == "ROOT"), None)
        if root is None or not (_own_act(root) or _demand(parsed)):
            return False
    return True

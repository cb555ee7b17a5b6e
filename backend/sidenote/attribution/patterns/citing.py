"""An outlet's report that cites unnamed people: "..., the New York Times
reported, citing a person familiar with the matter." The outlet is credited
with the clause before its cue (``content``: a ``citing`` tail is an
adjunct); the people it cites are credited with the same clause, heard by
the outlet (``Credit.listener``), so the pipeline marks them relayed by it
and ``single_source`` sees one chain, not two witnesses.
"""

from __future__ import annotations

from ..sources import classify
from ..text import Token
from ..words import ANONYMOUS_HEADS
from .credit import Credit, token_span

# Most words between the outlet's cue and the comma before "citing"
# ("reported on Tuesday, citing").
MAX_CUE_TAIL = 3
MAX_GAP_TOKENS = 3 * (MAX_CUE_TAIL + 1)  # its tokens, punctuation included
# Most words of the cited phrase ("two people familiar with the company's plans").
MAX_CITED_WORDS = 10
# Words that end the cited phrase: what follows them says more of it
# ("quoted by the Washington Post", "who asked not to be named") or cites
# another source ("and a document seen by Reuters").
_ENDS = frozenset("quoted who whom that which and but as because while after before saying according".split())
_END_MARKS = frozenset(",;:.—–()")


def citing_relay(text: str, toks: list[Token], i: int, found: list[Credit]) -> Credit | None:
    """At ``toks[i]`` ("citing"): the unnamed people the outlet of the
    sentence's last credit cites, or None when that credit is no outlet's
    trailing cue, or what is cited names no unnamed person."""
    if not found or i < 1 or toks[i - 1].text != ",":
        return None
    outer = found[-1]
    if outer.cue is None or outer.content.end > outer.mention.start or outer.cue.end > toks[i - 1].start:
        return None
    # Both walks are bounded (a few tokens each way): a sentence of many
    # "citing"s is still read in linear time (issue #15).
    k = i - 2
    while k >= 0 and toks[k].start >= outer.cue.end:
        if i - 2 - k >= MAX_GAP_TOKENS:
            return None
        k -= 1
    if sum(t.is_word for t in toks[k + 1 : i - 1]) > MAX_CUE_TAIL:
        return None
    if classify(text, outer.name).kind != "media":
        return None
    last, words = i, 0
    for k in range(i + 1, len(toks)):
        if toks[k].text in _END_MARKS or toks[k].lower in _ENDS:
            break
        words += toks[k].is_word
        if words > MAX_CITED_WORDS or k - i > 2 * MAX_CITED_WORDS:
            return None
        last = k
    cited = toks[i + 1 : last + 1]
    if not words or not any(t.is_word and t.lower in ANONYMOUS_HEADS for t in cited):
        return None
    name = token_span(toks, i + 1, last)
    return Credit(name, name, None, token_span(toks, i), outer.content, listener=outer.name)

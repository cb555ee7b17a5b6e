"""A passive's "by" agent: "The move was first reported by MSNBC." credits
MSNBC with the subject before the verb; "As reported by Western
Journalism, ..." and "..., as first reported by The New York Times" with
the clause on the other side."""

from __future__ import annotations

from ...doc import Span
from ..edges import strip_span
from ..subjects import np_forward
from ..text import Token
from ..words import AUXILIARIES, DETERMINERS, PRONOUNS
from .credit import Credit, plain_credit, token_span
from .vocabulary import FIRST_ADVERBS, PASSIVE_AUXILIARIES


def passive_agent(text: str, toks: list[Token], i: int, sent: Span) -> Credit | None:
    """The credit of the agent verb at ``toks[i]`` ("reported") followed by
    "by" and a capitalised or determined noun phrase."""
    s = i + 2
    if not (toks[s].is_cap or toks[s].lower in DETERMINERS) or toks[s].lower in PRONOUNS:
        return None
    e = np_forward(toks, s, len(toks))
    if e <= s:
        return None
    k = _before_verb_group(toks, i)
    if k == 0 and toks[0].lower == "as" and e < len(toks) and toks[e].text == ",":
        # "As reported by Western Journalism, the secretary was ...": the
        # clause after the agent's comma is what it reported.
        content = strip_span(text, toks[e].end, sent.end)
    elif _reduced_passive(toks, k, i):
        # "..., as first reported by The New York Times", "The move, first
        # reported by MSNBC, ...": what comes before it is what the agent reported.
        content = strip_span(text, sent.start, toks[k].start)
    elif _full_passive(toks, k, i):
        content = strip_span(text, sent.start, toks[k].end)  # "was (first) reported by"
    else:
        return None
    if content is None:
        return None
    return plain_credit(toks, s, e - 1, token_span(toks, i, i + 1), content)


def _before_verb_group(toks: list[Token], i: int) -> int:
    """The token before the auxiliaries and adverbs that lead up to the verb
    at ``toks[i]`` (-1 when they open the sentence)."""
    k = i - 1
    while k >= 0 and (toks[k].lower in AUXILIARIES or toks[k].lower in PASSIVE_AUXILIARIES
                      or toks[k].lower in FIRST_ADVERBS):
        k -= 1
    return k


def _reduced_passive(toks: list[Token], k: int, i: int) -> bool:
    """", as first reported by", ", first reported by": after "as" or a comma
    only adverbs stand before the verb."""
    return k > 0 and (toks[k].lower == "as" or toks[k].text == ",") \
        and all(toks[m].lower in FIRST_ADVERBS for m in range(k + 1, i))


def _full_passive(toks: list[Token], k: int, i: int) -> bool:
    """A form of "be" stands between ``toks[k]`` and the verb ("was reported")."""
    return k != i - 1 and k >= 0 and any(toks[m].lower in PASSIVE_AUXILIARIES for m in range(k + 1, i))

"""A cue after "to" whose speaker is another verb's subject or object:
"Rubio seemed to urge" and "He went on to say" (the subject's),
"The victory led Priebus to declare him the nominee" (the object's)."""

from __future__ import annotations

from ...doc import Quote, Span
from ..content import content_after_or_before
from ..lexical import MAX_NP
from ..subjects import skip_aux_back
from ..text import Token
from ..words import CLAUSE_STOPS, CONTROL_VERBS, CUE_VERBS, DETERMINERS, PRONOUNS, TO_CLAUSE_VERBS
from .credit import Credit, plain_credit, token_span
from .vocabulary import GO_ON, PROGRESSIVE_AUXILIARIES


def went_on_to(toks: list[Token], i: int) -> bool:
    """"He went on to say ...": the cue at ``i`` continues the subject's words."""
    return i > 2 and toks[i - 1].lower == "to" and toks[i - 2].lower == "on" \
        and toks[i - 3].lower in GO_ON and toks[i].lower in CUE_VERBS


def subject_control(toks: list[Token], i: int) -> int | None:
    """Index of a verb that hands its subject to the cue at ``i`` through
    "to" ("seemed to urge", "has tried to explain", "is choosing not to
    respond"), or None."""
    if i < 3 or toks[i - 1].lower != "to":
        return None
    k = i - 2
    if toks[k].lower == "not":
        k -= 1
    if CONTROL_VERBS.get(toks[k].lower) != "subject" or k < 1:
        return None
    if toks[k].lower.endswith("ing") and toks[skip_aux_back(toks, k - 1, 0)].lower not in PROGRESSIVE_AUXILIARIES:
        return None  # "trapped in a cul-de-sac choosing to ...": no finite verb
    return k


def controlling_subject_end(toks: list[Token], control: int) -> int:
    """The last token of the subject of the controlling verb at
    ``toks[control]``, past its auxiliaries ("is choosing", "has been trying")."""
    j = skip_aux_back(toks, control - 1, 0)
    if j >= 1 and toks[j].lower in PROGRESSIVE_AUXILIARIES:
        j = skip_aux_back(toks, j - 1, 0)
        if j >= 0 and toks[j].lower == "has":
            j = skip_aux_back(toks, j - 1, 0)
    return j


def object_control(
    text: str, toks: list[Token], i: int, sent: Span, quotes: tuple[Quote, ...]
) -> Credit | None:
    """The object of a verb that hands it on ("led", "prompted", "forced")
    is who speaks through the cue after "to" at ``toks[i]``. Only a
    capitalised name or a determiner's phrase is an object here."""
    end = i - 2
    if end < 1 or not toks[end].is_word:
        return None
    start = _object_start(toks, end)
    if start is None:
        return None
    if not (toks[start].is_cap or toks[start].lower in DETERMINERS) or toks[start].lower in PRONOUNS:
        return None
    content = content_after_or_before(text, toks, i + 1, start, sent, quotes,
                                       to_clause=toks[i].lower in TO_CLAUSE_VERBS)
    if content is None or content.start < toks[i].end:
        return None
    return plain_credit(toks, start, end, token_span(toks, i), content)


def _object_start(toks: list[Token], end: int) -> int | None:
    """The object runs back from ``toks[end]`` to the verb that hands it on
    (the subject walk would read on past it: "The decisive victory led
    ..."); None when no such verb is near or a clause break comes between."""
    start = next((k for k in range(end, max(0, end - MAX_NP), -1)
                  if CONTROL_VERBS.get(toks[k - 1].lower) == "object"), None)
    if start is None or any(not t.is_word or t.lower in CLAUSE_STOPS for t in toks[start : end + 1]):
        return None
    return start

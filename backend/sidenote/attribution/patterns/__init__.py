"""Finding credits inside one sentence: a cue, the phrase naming the source,
and the content credited to it. Pure token heuristics, no parser.

One module per credit pattern, tried in this order:

==================  =====================================================
speaker_label       "PENCE: Well, ...", "Carl Bialik: “...”"
viewpoint           "To Sexton, Tuesday marked a turning point"
according           "according to X"
poll                "In a CNN/ORC poll released Monday, ..."
passive_agent       "The move was first reported by MSNBC."
outlet_act          "The New York Times made these allegations"
statement           "released the following statement:" (read as a cue)
speech_topic        "spoke favorably of" (read as a cue)
verb_cue            a cue verb and its subject, or its inverted source
participle          ", saying ...", "and said ...", "with X saying ..."
==================  =====================================================

The verb cue leans on ``cue_forms`` (noun or verb, which form),
``control`` ("seemed to urge", "led X to declare"), ``verb_subject`` (the
subject's shapes), ``relative_who``, ``inverted`` and ``verb_checks``; the
participle on ``openings`` (where the subject opens). All of them lean on
``..subjects`` (walking a noun phrase), ``..edges`` (trimming spans,
descriptions), ``..content`` (what is credited) and ``..lexical``.
"""

from __future__ import annotations

from ...doc import Quote, Span
from ..lexical import adverb, closes_quote
from ..subjects import skip_aux_back
from ..text import Token
from ..words import ALL_CUE_VERBS, CUE_VERBS, SPEAK_VERBS, STATEMENT_VERBS
from .according import according_to
from .citing import citing_relay
from .credit import Credit
from .cue_forms import base_form
from .headline import headline_passive, title_case
from .outlet_act import names_an_outlet, outlet_act, outlet_verb
from .participle import only_in_opening, participle, with_participle
from .passive_agent import passive_agent
from .poll import in_poll
from .speaker_label import named_quotes, speaker_label
from .speech_topic import speech_topic
from .statement import statement_colon
from .verb_cue import verb_credit
from .viewpoint import viewpoint
from .vocabulary import AGENT_VERBS, POLL_WORDS, SHARED_SUBJECT_PAST

__all__ = ["POLL_WORDS", "Credit", "find_credits", "title_case"]

# Marks after which a participle credits the sentence's subject (", saying").
_PARTICIPLE_BREAKS = (",", "–", "—")


def find_credits(
    text: str, toks: list[Token], sent: Span, quotes: tuple[Quote, ...]
) -> list[Credit]:
    """Every crediting in one sentence (``toks`` are its tokens)."""
    out: list[Credit] = []
    label = speaker_label(text, toks, sent)
    if label is not None:
        out.append(label)
    elif text.find(":", sent.start, sent.end) >= 0:
        out += named_quotes(text, toks, quotes)
    view = viewpoint(text, toks, sent)
    if view is not None:
        out.append(view)
    outlet = names_an_outlet(toks)
    i = 0
    while i < len(toks):
        c, read = _credit_at(text, toks, i, sent, quotes, out, outlet)
        if c is not None:
            out.append(c)
        i += read
    return out


def _credit_at(
    text: str, toks: list[Token], i: int, sent: Span, quotes: tuple[Quote, ...], found: list[Credit],
    outlet: bool,
) -> tuple[Credit | None, int]:
    """The credit of the pattern that starts at ``toks[i]`` (None if none
    does) and how many tokens it reads. ``found``: the credits found so far
    in the sentence; ``outlet``: the sentence names an outlet."""
    n = len(toks)
    t = toks[i]
    low = t.lower
    if low == "according" and i + 1 < n and toks[i + 1].lower == "to":
        return according_to(text, toks, i, sent, quotes), 2
    if low == "in" and i + 2 < n and (c := in_poll(text, toks, i, sent)) is not None:
        return c, 2
    if low in AGENT_VERBS and i + 2 < n and toks[i + 1].lower == "by" and not found \
            and (c := passive_agent(text, toks, i, sent)) is not None:
        return c, 2
    if low.endswith("ed") and i + 1 < n and toks[i + 1].lower == "by":
        # "The violations alleged by the inspector general": a passive; what
        # comes before it is what was said, not who said it.
        return None, 1
    if outlet and not found and i > 0 and low not in ALL_CUE_VERBS and outlet_verb(t) \
            and (c := outlet_act(text, toks, i, sent)) is not None:
        return c, 1
    if low in STATEMENT_VERBS and not t.is_cap and statement_colon(toks, i, quotes):
        # "The company released the following statement: “...”"
        return verb_credit(text, toks, i, sent, quotes), 1
    if low in SPEAK_VERBS and not t.is_cap:
        # "Obama spoke of his faith", not "spoke with investigators".
        topic = speech_topic(text, toks, i, quotes)
        return (verb_credit(text, toks, i, sent, quotes, topic=topic) if topic is not None else None), 1
    if low == "citing" and (c := citing_relay(text, toks, i, found)) is not None:
        return c, 1
    if low in ALL_CUE_VERBS and _read_as_cue(toks, i):
        return _cue_credit(text, toks, i, sent, quotes, found), 1
    return None, 1


def _read_as_cue(toks: list[Token], i: int) -> bool:
    """A cue word in lower case, or capitalised in a title-case headline
    when it is inflected ("Another GOP Figure Endorses Clinton"; a bare
    "Claim", "Plan" there is mostly a noun) and not a passive participle."""
    t = toks[i]
    low = t.lower
    return not t.is_cap or (
        i > 0 and (low in CUE_VERBS or not base_form(low)) and title_case(toks)
        and not headline_passive(toks, i))


def _cue_credit(
    text: str, toks: list[Token], i: int, sent: Span, quotes: tuple[Quote, ...], found: list[Credit]
) -> Credit | None:
    """The cue verb at ``toks[i]`` with its own subject, or else as a
    participle that credits another's: the sentence's subject (", saying"),
    the phrase after "with" ("with X saying"), or the subject of the verb
    before "and" ("met survivors ... and said")."""
    low = toks[i].lower
    c = verb_credit(text, toks, i, sent, quotes)
    if c is None and low.endswith("ing") and i > 0 and only_in_opening(toks, i, found) \
            and _participle_after_break(toks, i):
        c = participle(text, toks, i, sent)
    if c is None and low.endswith("ing") and low in CUE_VERBS and i > 1:
        c = with_participle(text, toks, i, sent)
    if c is None and not found and _second_verb(toks, i):
        c = participle(text, toks, i, sent)
    return c


def _participle_after_break(toks: list[Token], i: int) -> bool:
    """", saying", "– saying", "... by saying he is ready", ", falsely
    suggesting", "called it “a disgrace,” saying": a participle after a
    break, which credits the subject's words."""
    prev = toks[i - 1]
    return prev.text in _PARTICIPLE_BREAKS or prev.lower == "by" \
        or (i > 1 and adverb(prev) and toks[i - 2].text == ",") \
        or (i > 1 and closes_quote(toks, i - 1) and toks[i - 2].text == ",")


def _second_verb(toks: list[Token], i: int) -> bool:
    """"Obama met survivors ... and said the United States must act": a
    finite verb after "and"/"but" shares the sentence's subject."""
    low = toks[i].lower
    return (low.endswith(("s", "ed")) or low in SHARED_SUBJECT_PAST) \
        and i > 1 and toks[skip_aux_back(toks, i - 1, 0)].lower in ("and", "but")

""""Spoke" and "speaks" as cues: only in the shapes that say what was
spoken of ("spoke favorably of", "spoke out against", "spoke in favor of",
"spoke to reporters Monday about"), or a quotation after "spoke to
reporters:". What follows is otherwise only whom, how or when ("spoke with
investigators four times", "spoke on condition of anonymity")."""

from __future__ import annotations

from ...doc import Quote
from ..content import quote_after_colon
from ..lexical import NUMBER_WORDS, OPEN_QUOTES, PREPOSITIONS, adverb
from ..subjects import TIME_WORDS
from ..text import Token
from ..words import ALL_CUE_VERBS, CLAUSE_STOPS, DETERMINERS, FINITE, PRONOUNS, SPEECH_TOPICS, WEEKDAYS
from .vocabulary import PASSIVE_AUXILIARIES, SPEECH_PARTICLES, TIME_OPENERS, TIME_UNITS

# Most tokens "spoke" may stand from an "about" that says what was spoken
# of, past the listener and a time or place ("spoke to CNN on Monday about").
_MAX_TO_ABOUT = 10


def speech_topic(text: str, toks: list[Token], i: int, quotes: tuple[Quote, ...]) -> int | None:
    """The last token of the cue when "spoke" at ``i`` is followed by what
    was spoken of, or ``i`` itself when a colon closing "spoke to
    reporters:" opens a quotation; None when what follows names no topic."""
    n = len(toks)
    k, out = _past_particles(toks, i)
    if k >= n:
        return None
    kind = SPEECH_TOPICS.get(toks[k].lower)
    if kind in ("topic", "about") or (kind == "out" and out):
        return topic_opens(toks, k)  # "spoke favorably of", "spoke out against"
    if toks[k].lower == "in" and k + 2 < n and SPEECH_TOPICS.get(toks[k + 1].lower) == "favor" \
            and toks[k + 2].lower == "of":
        return topic_opens(toks, k + 2)  # "spoke in favor of"
    if not _listener_place_or_time(toks[k]):
        # "spoke the truth about" is the writer's verdict on the words, not a topic.
        return None
    about = _about_later(toks, k)
    if about is not None:
        return topic_opens(toks, about)
    if toks[i + 1].lower in ("to", "with") and quote_after_colon(text, toks, i + 1, quotes) is not None:
        return i
    return None


def _past_particles(toks: list[Token], i: int) -> tuple[int, bool]:
    """The first token after "spoke" at ``i`` and its adverbs and particles,
    and whether "out" was among them."""
    k = i + 1
    out = False
    while k < len(toks) and not toks[k].is_cap and (adverb(toks[k]) or toks[k].lower in SPEECH_PARTICLES):
        out = out or toks[k].lower == "out"
        k += 1
    return k, out


def _listener_place_or_time(t: Token) -> bool:
    """Only a listener, a place or a time may stand before "about"."""
    low = t.lower
    return low in PREPOSITIONS or low == "to" or low in WEEKDAYS or low in TIME_WORDS or low in TIME_OPENERS


def _about_later(toks: list[Token], k: int) -> int | None:
    """An "about" within a few words from ``toks[k]`` in the same clause (not
    "for about"), or None."""
    n = len(toks)
    for m in range(k, min(n, k + _MAX_TO_ABOUT)):
        t = toks[m]
        if SPEECH_TOPICS.get(t.lower) == "about" and toks[m - 1].lower != "for":
            return m
        if not t.is_word or t.lower in CLAUSE_STOPS or t.lower in FINITE or t.lower in ALL_CUE_VERBS:
            return None
        if t.lower == "to" and m + 1 < n and infinitive(toks[m + 1]):
            return None  # "spoke on condition of anonymity to speak candidly about": that verb's topic
    return None


def infinitive(t: Token) -> bool:
    """A word after "to" that reads as a verb, not as whom one spoke to
    ("to speak", not "to reporters", "to CNN", "to the crowd")."""
    return t.is_word and not t.is_cap and t.lower not in DETERMINERS and t.lower not in PRONOUNS \
        and not t.lower.endswith("s")


def topic_opens(toks: list[Token], p: int) -> int | None:
    """``p`` when the words after the particle at ``p`` can be what was
    spoken of: not a clause's verb ("the obliteration Johnson spoke of was
    changing") and not an amount ("spoke for about 30 minutes")."""
    if p + 1 >= len(toks):
        return None
    t = toks[p + 1]
    if not (t.is_word or t.text in OPEN_QUOTES) or t.lower in PASSIVE_AUXILIARIES or t.lower in FINITE:
        return None
    if toks[p].lower == "about" and _an_amount(toks, p):
        return None
    return p


def _an_amount(toks: list[Token], p: int) -> bool:
    """"about 30", "about three", "about an hour": an amount, not a topic."""
    t = toks[p + 1]
    return t.text[:1].isdigit() or t.lower in NUMBER_WORDS or (
        t.lower in ("a", "an") and p + 2 < len(toks) and toks[p + 2].lower.rstrip("s") in TIME_UNITS)

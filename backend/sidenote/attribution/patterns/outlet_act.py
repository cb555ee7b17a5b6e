"""An outlet's act: "The New York Times made these allegations", "the Daily
News focuses on ...", "POLITICO has learned that ...". A news outlet as the
subject of any act credits it with what follows, whatever the verb
(PolNeAR, and a reader, count an outlet's reporting as a source)."""

from __future__ import annotations

from ...doc import Span
from ..edges import strip_span
from ..lexical import OPEN_QUOTES, PREPOSITIONS
from ..text import Token
from ..words import AUXILIARIES, MEDIA, MEDIA_HEADS, NOT_OUTLET_ACTS, OUTLET_ACTS, OUTLET_NAME_FORMS
from .credit import Credit, plain_credit, token_span
from .vocabulary import ACT_OBJECT_LEADS, SUBJECT_LEADS

# Endings of a past or third-person verb ("reported", "focuses", "runs").
_ACT_ENDINGS = ("ed", "es", "ts", "ns", "ds", "ls", "ks")
# Most auxiliaries between an outlet's name and its act ("has recently learned").
_MAX_AUXILIARIES = 2
# Most capitalised words in an outlet's name before its last one.
_MAX_NAME_WORDS = 5
# Characters before a surname that may show a person's first name.
_FIRST_NAME_WINDOW = 20


def names_an_outlet(toks: list[Token]) -> bool:
    """The sentence holds an outlet's last word as printed ("Times",
    "POLITICO"): only such a sentence is read for an outlet's act."""
    return any(t.text in OUTLET_NAME_FORMS for t in toks)


def outlet_verb(t: Token) -> bool:
    """A lower-case word that reads as a finite verb in the past or the
    third person ("focuses", "reported", "made")."""
    low = t.lower
    if t.is_cap or not t.is_word or low in NOT_OUTLET_ACTS:
        return False
    if low in OUTLET_ACTS:
        return True
    return len(low) > 4 and low.endswith(_ACT_ENDINGS) and not low.endswith(("ss", "ness"))


def outlet_act(text: str, toks: list[Token], i: int, sent: Span) -> Credit | None:
    """The credit of the act at ``toks[i]`` when a known outlet (media.txt) or
    a name ending like one (media_heads.txt) is its subject, standing where
    a subject stands: at the start of the sentence or after "and", "as"."""
    e = _name_end(toks, i)
    if e is None:
        return None
    s = _name_start(toks, e)
    if s > 0 and toks[s - 1].lower not in SUBJECT_LEADS and toks[s - 1].text not in (":", ","):
        return None
    words = [t.lower for t in toks[s : e + 1]]
    if not _known_outlet(words) or _one_ambiguous_word(text, toks, words, e):
        return None
    if not _credits_what_follows(toks, i):
        return None
    content = strip_span(text, toks[i].end, sent.end)
    if content is None:
        return None
    return plain_credit(toks, s, e, token_span(toks, i), content)


def _name_end(toks: list[Token], i: int) -> int | None:
    """The outlet name's last word before the act at ``toks[i]``, past up to
    two auxiliaries ("POLITICO has learned", "The Post recently ran")."""
    e = i - 1
    while e >= 0 and not toks[e].is_cap and toks[e].lower in AUXILIARIES and i - e <= _MAX_AUXILIARIES:
        e -= 1
    if e < 0 or not (toks[e].is_cap and toks[e].is_word):
        return None
    return e


def _name_start(toks: list[Token], e: int) -> int:
    """The capitalised run ending at ``toks[e]``, with a "the" before it."""
    s = e
    while s - 1 >= 0 and s - 1 >= e - _MAX_NAME_WORDS and toks[s - 1].is_word and toks[s - 1].is_cap:
        s -= 1
    if s - 1 >= 0 and toks[s - 1].lower == "the":
        s -= 1
    return s


def _known_outlet(words: list[str]) -> bool:
    """The name, with or without its "the", is a known outlet, or its last
    word is an outlet's ("the Daily News")."""
    name_low = " ".join(words[1:] if words[0] == "the" else words)
    return name_low in MEDIA or " ".join(words) in MEDIA or words[-1] in MEDIA_HEADS


def _one_ambiguous_word(text: str, toks: list[Token], words: list[str], e: int) -> bool:
    """"Time created a poll", "Bloomberg turned 74": a one-word name that is
    also a common word or a person's surname in this article."""
    return len(words) == 1 and (words[0] in MEDIA_HEADS or f" {words[0]} " in text
                                or person_named(text, toks[e].text))


def _credits_what_follows(toks: list[Token], i: int) -> bool:
    """A credited act goes on with "that", an object's determiner, a
    preposition or a quotation ("made these allegations", "focuses on").
    "The Fox News results arrive", "Bloomberg snagged 13 percent",
    "Politico interviewed nearly 20": a noun, or an act that credits no words."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return nxt is not None and (nxt.lower in ACT_OBJECT_LEADS or nxt.lower in PREPOSITIONS
                                or nxt.text in OPEN_QUOTES)


def person_named(text: str, word: str) -> bool:
    """The article names a person with this surname ("Michael Bloomberg"):
    a capitalised word other than "The" stands right before it."""
    at = text.find(" " + word)
    while at > 0:
        before = text[max(0, at - _FIRST_NAME_WINDOW) : at].split()
        if before and before[-1][:1].isupper() and before[-1].isalpha() and before[-1] != "The":
            return True
        at = text.find(" " + word, at + 1)
    return False

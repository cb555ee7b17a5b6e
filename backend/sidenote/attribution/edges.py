"""The edges of what a credit spans: trimming a span, splitting a title off
a name ("Syrian MP Fares Shehabi"), and where a description around a source
phrase begins and ends."""

from __future__ import annotations

from ..doc import Span
from .lexical import CLOSE_QUOTES, MAX_NP, OPEN_QUOTES
from .subjects import credits_of_its_own
from .text import Token
from .words import CUE_VERBS, DETERMINERS, PRONOUNS, TITLES


def strip_span(text: str, s: int, e: int) -> Span | None:
    """Trim spaces, commas and quote marks from both ends."""
    junk = " \t\n,;:—–-“”\"‘’"
    while s < e and text[s] in junk:
        s += 1
    while e > s and text[e - 1] in junk + ".":
        e -= 1
    # Keep a closing mark whose opening mark is inside: "a “clear & direct ...”".
    if e > s and text.count("“", s, e) > text.count("”", s, e) and text[e : e + 1] == "”":
        e += 1
    return Span(s, e) if e > s else None


def prenominal(toks: list[Token], s: int, e: int) -> tuple[int, str | None]:
    """Split "Syrian MP Fares Shehabi" into (index of "Fares", "Syrian MP")."""
    last_title = -1
    for k in range(s, e):
        if toks[k].lower in TITLES:
            last_title = k
    if last_title < 0 or last_title >= e - 1 or not toks[last_title + 1].is_cap:
        return s, None
    # An honorific alone ("Mr.") belongs to the name; a role describes.
    if toks[last_title].text.endswith(".") and last_title == s:
        return s, None
    lead = s + 1 if toks[s].lower in DETERMINERS else s
    desc_toks = toks[lead : last_title + 1]
    return last_title + 1, " ".join(t.text for t in desc_toks) if desc_toks else None


def trailing_appositive(toks: list[Token], e: int) -> int:
    """One past the end of ", DESC[,]" after a name ending before token ``e``
    ("said Kim Wells, a schoolteacher from Aiken." / "said Jim Hodges, a
    Clinton backer, referring to ..."), or ``e`` when there is none. The
    closing comma belongs to the phrase; a sentence's final stop does not."""
    n = len(toks)
    if e >= n - 1 or toks[e].text != ",":
        return e
    first = toks[e + 1]
    # ", adding that ...", ", he said": a new clause, not a description.
    if not first.is_word or first.lower.endswith("ing") or first.lower in PRONOUNS \
            or first.lower in CUE_VERBS:
        return e
    k = e + 1
    while k < n and k - e <= MAX_NP + 8:
        t = toks[k].text
        if t == ",":
            return e if credits_of_its_own(toks, e + 1, k) else k + 1
        if t in (";", ":", "—", "–", "(", ")") or t in OPEN_QUOTES or t in CLOSE_QUOTES:
            return e
        if t in (".", "!", "?") and k >= n - 2:
            # the sentence's stop ("Fla." inside it is an abbreviation)
            return e if credits_of_its_own(toks, e + 1, k) else k
        k += 1
    return k if k >= n and not credits_of_its_own(toks, e + 1, k) else e


def tail_description(text: str, toks: list[Token], e: int, sent: Span) -> str | None:
    """", DESC." closing the sentence after the source phrase ending at token ``e``."""
    if e < len(toks) and toks[e].text == ",":
        tail = strip_span(text, toks[e].end, sent.end)
        if tail and len(text[tail.start : tail.end].split()) <= MAX_NP:
            return text[tail.start : tail.end]
    return None


def next_comma(toks: list[Token], s: int, n: int) -> int | None:
    for k in range(s, min(n, s + MAX_NP + 8)):
        if toks[k].text == ",":
            return k
        if toks[k].text in (";", ".", ":", "“", "”", '"'):
            return None
    return None


def looks_like_description(toks: list[Token], s: int, e: int) -> bool:
    """An appositive starts with an article or a capitalised role and has no verb we know."""
    if e <= s:
        return False
    first = toks[s]
    if not (first.lower in DETERMINERS or first.is_cap):
        return False
    return not any(t.lower in CUE_VERBS for t in toks[s:e])

"""Participles that credit the sentence's subject: "Mr. Obama revised his
plans, saying that ...", "Obama met survivors ... and said the United States
must act" (a second verb shares the subject), and "with 30 percent of
voters saying they ..." (the phrase after "with")."""

from __future__ import annotations

from dataclasses import replace

from ...doc import Span
from ..edges import strip_span
from ..lexical import MAX_NP, OPEN_QUOTES, PREPOSITIONS, closes_quote, percent_sign
from ..subjects import bracket_forward, is_aside, np_backward, role_then_name
from ..text import Token
from ..words import ALL_CUE_VERBS, ANONYMOUS_HEADS, DETERMINERS, FINITE, TITLES
from .credit import Credit, plain_credit, token_span
from .openings import subject_start, verb_like
from .vocabulary import ARTICLES, FOCUS_ADVERBS, PARTICIPLE_LEADS, RELATIVE_LEADS, TIME_UNITS

# Most tokens in a description between a subject's commas.
_MAX_APPOSITIVE = 25
# Most lower-case words between a possessive and the noun it owns
# ("Hillary Clinton’s right-hand woman").
_MAX_POSSESSED_WORDS = 3
# Most words of a short noun phrase after "The", "One" ("The billionaire businessman").
_MAX_LEAD_NP = 4
# Marks that end an appositive's stretch: a clause break or a bracket.
_APPOSITIVE_BREAKS = (";", ":", "—", "–", "(", ")")


def participle(text: str, toks: list[Token], i: int, sent: Span) -> Credit | None:
    """The participle at ``toks[i]`` credits the subject of the sentence,
    when the sentence opens with a name, a pronoun or "the" + a role ("the
    justice sounded off ..."), and that subject is followed by its verb."""
    k = subject_start(toks, i)
    if k is None or k >= i:
        return None
    while k + 1 < i and toks[k].is_cap and toks[k].lower in FOCUS_ADVERBS:
        k += 1  # "Even SSMU president, Muna Tojiboeva, voiced ...": not part of the name
    role = _opening_role_then_name(toks, k, i)
    if role is not None:
        return _role_then_name_credit(text, toks, i, sent, k, role)
    t = toks[k]
    if t.lower in ("he", "she", "they"):
        end = k
    elif t.is_cap and t.is_word and t.lower not in DETERMINERS:
        end = _past_role_to_name(toks, k, _capitalised_run_end(toks, k, i), i)
        end = _past_party_tag(toks, _past_possessed_noun(toks, end, i), i)
        closing = appositive_close(toks, end + 1, i)
        if closing is not None:
            return _described_subject_credit(text, toks, i, sent, k, end, closing)
    elif t.lower == "the" and k + 1 < i and (toks[k + 1].lower in TITLES
                                             or toks[k + 1].lower in ANONYMOUS_HEADS):
        end = k + 1
    elif t.lower in PARTICIPLE_LEADS and k + 2 < i:
        found = _short_phrase_end(toks, k, i)
        if found is None:
            return None
        end = found
    else:
        return None
    if not _verb_follows(toks, end + 1, i):
        return None
    return rest_credited(text, toks, i, sent, k, end)


def _role_then_name_credit(
    text: str, toks: list[Token], i: int, sent: Span, k: int, role: tuple[int, int, int]
) -> Credit | None:
    """"SSMU president, Muna Tojiboeva, voiced support and said": the name
    between the commas is the subject; the role describes it."""
    name_s, name_e, comma = role
    cred = rest_credited(text, toks, i, sent, name_s, name_e)
    if cred is None:
        return None
    return replace(cred, mention=Span(toks[k].start, toks[name_e].end),
                   description=text[toks[k].start : toks[name_s - 2].end],
                   phrase=token_span(toks, k, comma))


def _capitalised_run_end(toks: list[Token], k: int, i: int) -> int:
    end = k
    while end + 1 < i and toks[end + 1].is_cap and toks[end + 1].is_word:
        end += 1
    return end


# Most lower-case words of a role between a capitalised word and a name
# ("Democratic front-runner Hillary Clinton"), and most capitalised words
# before it ("White House press secretary ..."; a run-in title is longer).
_MAX_ROLE_WORDS = 3
_MAX_ROLE_LEAD = 2


def _past_role_to_name(toks: list[Token], k: int, end: int, i: int) -> int:
    """"Democratic front-runner Hillary Clinton was the first to weigh in,
    tweeting": a capitalised word or two (``toks[k:end + 1]``), a role in
    lower case and then a name are one subject; it ends with the name, not
    with "Democratic"."""
    if end - k + 1 > _MAX_ROLE_LEAD:
        return end
    j = end + 1
    while j < i and j - end <= _MAX_ROLE_WORDS and toks[j].is_word and not toks[j].is_cap \
            and not verb_like(toks[j]) and toks[j].lower not in PREPOSITIONS and toks[j].lower not in ARTICLES:
        j += 1
    if j == end + 1 or j >= i or not (toks[j].is_cap and toks[j].is_word):
        return end
    name_end = _capitalised_run_end(toks, j, i)
    # A name is two capitalised words at least ("Zakkout took to Facebook,
    # writing": a place, not a name), or one after a title ("Campaign
    # spokesman Conant reacted, saying"), and owns nothing.
    titled = any(t.lower in TITLES for t in toks[end + 1 : j])
    if (name_end == j and not titled) or any(t.lower.endswith(("'s", "’s")) for t in toks[j : name_end + 1]):
        return end
    return name_end if _verb_follows(toks, name_end + 1, i) else end


def _past_possessed_noun(toks: list[Token], end: int, i: int) -> int:
    """"Hillary Clinton’s right-hand woman rallied supporters, saying": the
    possessive's noun is the subject; it ends before the verb."""
    if not toks[end].lower.endswith(("'s", "’s")):
        return end
    head = end
    while head + 1 < i and head - end < _MAX_POSSESSED_WORDS and toks[head + 1].is_word \
            and not toks[head + 1].is_cap and not verb_like(toks[head + 1]):
        head += 1
    if head > end and head + 1 < i and (verb_like(toks[head + 1]) or toks[head + 1].text == ","):
        return head
    return end


def _past_party_tag(toks: list[Token], end: int, i: int) -> int:
    """"Rep. Hakeem Jeffries (D-N.Y.) reacted to the news, saying": the party
    tag belongs to the name; the verb follows the bracket."""
    bracket_end = bracket_forward(toks, end + 1)
    if bracket_end > end + 1 and bracket_end < i and toks[bracket_end].is_word \
            and toks[bracket_end].lower not in ("and", "or"):
        return bracket_end - 1
    return end


def _described_subject_credit(
    text: str, toks: list[Token], i: int, sent: Span, k: int, end: int, closing: int
) -> Credit | None:
    """"Gary Emineth, a former state party chairman, became a delegate and
    said ...": the description between commas belongs to the subject; its
    verb follows the second comma."""
    nxt = closing + 1
    if nxt >= i or not toks[nxt].is_word or toks[nxt].is_cap \
            or toks[nxt].lower in PREPOSITIONS or toks[nxt].lower in DETERMINERS:
        return None
    cred = rest_credited(text, toks, i, sent, k, end)
    if cred is None or is_aside(toks[end + 2]):
        return cred  # "Mr. Trump, in an interview, said": the aside is no part of him
    return replace(cred, phrase=token_span(toks, k, closing))


def _short_phrase_end(toks: list[Token], k: int, i: int) -> int | None:
    """"The billionaire businessman began ...", "The Post intervened ...",
    "One operative inside Trump Tower tried ...": a short noun phrase, then
    a word that reads as its verb. Its last token, or None."""
    end = k + 1
    while end + 1 < i and end - k < _MAX_LEAD_NP and toks[end + 1].is_word \
            and not verb_like(toks[end + 1]):
        end += 1
    if end + 1 >= i or not verb_like(toks[end + 1]) or not toks[end].is_word:
        return None
    if toks[end].lower.rstrip("s") in TIME_UNITS:
        return None  # "A few days later, he said": a time, not a subject
    return end


def _verb_follows(toks: list[Token], nxt: int, i: int) -> bool:
    """The subject is followed by its verb (a lower-case word before the
    participle at ``toks[i]``), not a phrase inside a longer clause."""
    if nxt >= i or not toks[nxt].is_word or toks[nxt].is_cap:
        return False
    if toks[nxt].lower in PREPOSITIONS and toks[nxt].lower != "on":
        return False
    return toks[nxt].lower not in ARTICLES  # "Take a look ... and accused ...": an imperative


def _opening_role_then_name(toks: list[Token], k: int, i: int) -> tuple[int, int, int] | None:
    """``ROLE , NAME ,`` opening the sentence at ``toks[k]`` and followed by a
    lower-case verb before ``toks[i]``: (name_start, name_end, closing comma)."""
    for m in range(k + 3, min(i, k + MAX_NP)):
        if toks[m].text != ",":
            continue
        found = role_then_name(toks, m)
        if found is not None and found[0] == k and m + 1 < i and toks[m + 1].is_word \
                and not toks[m + 1].is_cap:
            return found[1], found[2], m
    return None


def appositive_close(toks: list[Token], comma: int, stop: int) -> int | None:
    """The comma closing a description that opens at the comma ``comma``
    ("NAME, a former state chairman, ..."), or None: no such comma before
    ``stop``, or the stretch between holds a quotation, a clause break or a
    credit of its own."""
    if comma >= stop or toks[comma].text != ",":
        return None
    first = toks[comma + 1] if comma + 1 < stop else None
    if first is None or not first.is_word:
        return None
    relative = first.lower in RELATIVE_LEADS
    for m in range(comma + 1, min(stop, comma + _MAX_APPOSITIVE)):
        t = toks[m]
        if t.text in _APPOSITIVE_BREAKS or t.text in OPEN_QUOTES or closes_quote(toks, m):
            return None
        # A verb of saying inside is a credit of its own; a finite verb
        # outside a relative clause ends the subject's phrase.
        if t.lower in ALL_CUE_VERBS or (t.lower in FINITE and not relative):
            return None
        if t.text == ",":
            return m
    return None


def with_participle(text: str, toks: list[Token], i: int, sent: Span) -> Credit | None:
    """"with 30 percent of voters saying they ...", "with Senator John McCain
    telling reporters ...": the phrase between "with" and the participle."""
    j = i - 1
    if not (toks[j].is_word or percent_sign(toks, j, 0)):
        return None
    s = np_backward(toks, j, 0)
    if s > j or s == 0 or toks[s - 1].lower != "with":
        return None
    return rest_credited(text, toks, i, sent, s, j)


def rest_credited(text: str, toks: list[Token], i: int, sent: Span, first: int, last: int) -> Credit | None:
    """``toks[first..last]`` credited, through the participle ``toks[i]``,
    with the rest of the sentence."""
    content = strip_span(text, toks[i].end, sent.end)
    if content is None:
        return None
    return plain_credit(toks, first, last, token_span(toks, i), content)


def only_in_opening(toks: list[Token], i: int, found: list[Credit]) -> bool:
    """No credit found so far, or only inside the clause opening the sentence
    ("After Trump proposed a ban, Clinton's aide rallied supporters, saying
    ..."): the participle at ``toks[i]`` may still credit the main subject."""
    if not found:
        return True
    k = subject_start(toks, i)
    if k is None or k == 0 or k >= i:
        return False
    return all(c.cue is not None and c.content.end <= toks[k - 1].end for c in found)

"""An inverted cue: “...,” said Shehabi. The source follows the verb, and
the words before it are what it is credited with."""

from __future__ import annotations

from ...doc import Quote, Span
from ..content import widen_to_quote
from ..edges import prenominal, strip_span, tail_description, trailing_appositive
from ..lexical import PREPOSITIONS, adverb, closes_quote
from ..subjects import TIME_WORDS, before_where_posted, bracket_forward, np_forward
from ..text import Token
from ..words import CLAUSE_STOPS, CUE_VERBS, DETERMINERS, FINITE
from .credit import Credit, token_span
from .verb_subject import MAX_ROLE_WORDS
from .vocabulary import DOCUMENT_VERBS, INVERTING_VERBS, SAY_VERBS, TOLD_FORMS


def after_quote_or_comma(toks: list[Token], i: int) -> bool:
    """The cue at ``toks[i]`` follows a comma or a closing quotation mark
    (or an opening mark typed for a closing one: “It's unusual,“ said ...)."""
    return i > 0 and (toks[i - 1].text == "," or closes_quote(toks, i - 1)
                      or (i > 1 and toks[i - 1].text == "“" and toks[i - 2].text == ","))


def inverted_credit(
    text: str, toks: list[Token], i: int, cue: Span, sent: Span, quotes: tuple[Quote, ...]
) -> Credit | None:
    """The credit of the cue at ``toks[i]`` when its source is the noun phrase
    after it."""
    s = i + 1
    e = before_where_posted(toks, s, np_forward(toks, s, len(toks)))
    if not _source_follows(toks, i, s, e):
        return None
    pre_s, pre_desc = prenominal(toks, s, e)
    named_e = e
    e = bracket_forward(toks, e)
    desc = tail_description(text, toks, e, sent) or pre_desc
    content = widen_to_quote(strip_span(text, sent.start, toks[i].start), quotes)
    if content is None:
        return None
    tail = trailing_appositive(toks, e)
    return Credit(
        token_span(toks, s, named_e - 1), token_span(toks, pre_s, named_e - 1), desc, cue, content,
        phrase=token_span(toks, s, tail - 1) if tail > named_e else None,
    )


def _source_follows(toks: list[Token], i: int, s: int, e: int) -> bool:
    """``toks[s:e]`` after the cue at ``toks[i]`` is who said it, not whom
    it was said to, the verb's object, or a clause."""
    low = toks[i].lower
    if e <= s or low in DOCUMENT_VERBS or low in TOLD_FORMS:
        # (“...,” a Hunter aide, told POLITICO: after "told" stands who
        # heard it, never who said it)
        return False
    if any(toks[m].lower in FINITE and not toks[m].is_cap for m in range(s, e)):
        return False  # ", said the United States should refuse": a clause, not a name
    role_first = low in CUE_VERBS and role_before_name(toks, s, e)
    if not (toks[s].is_cap or toks[s].lower in DETERMINERS or role_first):
        return False
    if toks[i].is_cap and low not in SAY_VERBS:
        return False  # a headline's "Biden Aims Insult At Trump, Slams Japanese Pride"
    if toks[i - 1].text == "," and not toks[s].is_cap and low not in INVERTING_VERBS and not role_first \
            and not any(closes_quote(toks, m) for m in range(i - 1)):
        # "Sen. Ted Cruz (R-Tex.), a candidate ..., tweeted a warning": after
        # a plain comma with no quotation before it, a verb's object ("a
        # warning") is what was said, not who said it. Only verbs of
        # reporting invert so ("..., said a handful of Democrats").
        return False
    return True


def role_before_name(toks: list[Token], s: int, e: int) -> bool:
    """``toks[s:e]`` is a lower-case role, then a name ("said retired
    neurosurgeon Ben Carson", "says political scientist Dossym Satpayev"),
    not an adjunct ("said in a statement", "said repeatedly").
    A role is at most three words and a name follows it."""
    if toks[s].is_cap:
        return False
    last = _role_last_word(toks, s, e)
    if last is None:
        return False
    name = last + 1
    if toks[last].lower == "and" or name - s > MAX_ROLE_WORDS + 1:
        return False
    # "suggested business mogul Donald Trump’s refusal": the name owns a noun.
    return name + 1 < e and toks[name].is_cap and toks[name + 1].is_cap \
        and not any(t.lower.endswith(("'s", "’s")) for t in toks[name:e])


def _role_last_word(toks: list[Token], s: int, e: int) -> int | None:
    """The role's last lower-case word from ``toks[s]``. Capitalised words may
    stand inside the role ("former Utah governor Michael Leavitt", "lobbyist
    and GOP strategist Charlie Black"); two capitals after the role begin
    the name. None when a word there is no part of a role."""
    last = s
    k = s
    while k < e and k - s < MAX_ROLE_WORDS + 2:
        t = toks[k]
        if not t.is_word:
            return None
        if not t.is_cap:
            low = t.lower
            if low in PREPOSITIONS or (low in CLAUSE_STOPS and low != "and") or low in TIME_WORDS \
                    or low == "of" or adverb(t) or low in DETERMINERS:
                return None
            last = k
        elif k + 1 < e and toks[k + 1].is_cap and last == k - 1 and k > s:
            break  # two capitals after the role: the name begins
        k += 1
    return last

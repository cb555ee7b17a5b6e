"""A cue verb ("said", "wrote", "rejected", "declined to") and its source:
the subject before it, found in the shapes of :mod:`.verb_subject`, or the
phrase after it when the cue is inverted (“...,” said Shehabi). Each step
either rules the cue out (a noun, a passive, a hope, ...) or narrows where
its subject ends."""

from __future__ import annotations

from ...doc import Quote, Span
from ..content import content_after_or_before
from ..edges import prenominal
from ..lexical import PREPOSITIONS
from ..subjects import np_backward, skip_aux_back
from ..text import Token
from ..words import CLAUSE_STOPS, DETERMINERS, FINITE, MONTHS, TO_CLAUSE_VERBS, WEEKDAYS
from .control import controlling_subject_end, object_control, subject_control, went_on_to
from .credit import Credit, token_span
from .cue_forms import (
    adjective_before_noun,
    after_passive_auxiliary,
    cue_is_a_noun,
    function_word_name,
    has_done,
    noun_after_preposition,
    progressive_subject_end,
    pronoun_contraction,
    ran_counter_to,
    reposted_credit_line,
    subjunctive_not,
)
from .inverted import after_quote_or_comma, inverted_credit
from .relative_who import who_before_cue, who_credit
from .verb_checks import (
    a_hope,
    a_statistic,
    calls_for,
    done_to_them,
    headline_noun,
    mentions_a_person,
    no_written_source,
    noun_after_singular,
    only_names,
)
from .verb_subject import Subject, past_modifiers, subject_before_cue
from .vocabulary import (
    ARTICLES,
    HYPOTHETICAL_MODALS,
    LEADING_CONJUNCTIONS,
    RELATIVE_LEADS,
    SUBJECT_PRONOUNS,
    TELL_VERBS,
)

# Most words a listener after "told" may have ("told the Senate committee").
_MAX_LISTENER = 6


def verb_credit(
    text: str, toks: list[Token], i: int, sent: Span, quotes: tuple[Quote, ...],
    topic: int | None = None,
) -> Credit | None:
    """The credit of the cue verb at ``i``. ``topic``: the cue's last token
    when it runs on past the verb ("spoke favorably of"); what it credits
    starts after that."""
    low = toks[i].lower
    if cue_is_a_noun(toks, i) or ran_counter_to(toks, i) or reposted_credit_line(toks, i):
        return None
    progressive_end = progressive_subject_end(toks, i) if low.endswith("ing") else None
    if after_passive_auxiliary(toks, i) and progressive_end is None:
        return None
    went_on = went_on_to(toks, i)
    control = subject_control(toks, i) if not went_on else None
    if subjunctive_not(toks, control if control is not None else i):
        # "concerned that British people not begin to think that ...": a
        # wish about what they might think, not a credit.
        return None
    if i > 0 and toks[i - 1].lower == "to" and not went_on and control is None:
        # "declined to say", "to tell the truth": not a credit of the
        # subject's; "led Priebus to declare" may credit the object.
        return None if low.endswith("ing") else object_control(text, toks, i, sent, quotes)
    if noun_after_preposition(toks, i) or adjective_before_noun(toks, i):
        return None
    if low.endswith("ing") and progressive_end is None:
        return None  # "by calling him", ", saying": whose words needs a parser
    cue_end = topic if topic is not None else i
    found = _subject_end(toks, i, cue_end, progressive_end, went_on, control)
    if found is None:
        return None
    j, cue = found
    if j >= 0 and pronoun_contraction(toks[j]) and (progressive_end is not None or has_done(toks[j], low)):
        return _contracted_pronoun_credit(text, toks, i, j, cue_end, cue, sent, quotes, topic is not None)
    if who_before_cue(toks, j):
        return who_credit(text, toks, i, j, cue_end, cue, sent, quotes, topic is not None)
    subject = subject_before_cue(text, toks, i, j, progressive_end is None and not went_on)
    if subject is not None:
        if subject.first == subject.last and toks[subject.first].lower in ARTICLES:
            return None  # "a poorly described article": an article alone names no one
        return _subject_credit(text, toks, i, j, cue_end, cue, subject, sent, quotes, topic is not None)
    if topic is None and after_quote_or_comma(toks, i):
        return inverted_credit(text, toks, i, cue, sent, quotes)
    return None


def _subject_end(
    toks: list[Token], i: int, cue_end: int, progressive_end: int | None, went_on: bool, control: int | None,
) -> tuple[int, Span] | None:
    """Where the subject before the cue at ``toks[i]`` ends, and the cue's
    span (which takes in "went on to" and a controlling verb). None when a
    modal makes the cue hypothetical ("might explain")."""
    cue = Span(toks[i].start, toks[cue_end].end)
    j = skip_aux_back(toks, i - 1, 0) if progressive_end is None else progressive_end
    if progressive_end is None and _time_after_relative(toks, j):
        # "Sadikov, who in February posted ...": the time is an adjunct; the
        # relative pronoun before it is the subject. ("A poll in June
        # showed": there the time belongs to the poll.)
        j = j - 2
    if went_on:
        # "He went on to say ...": the subject said it; the cue is the whole phrase.
        return skip_aux_back(toks, i - 4, 0), Span(toks[i - 3].start, toks[i].end)
    if j < i - 1 and function_word_name(toks, i - 1, toks[i].lower):
        return i - 1, cue  # "George Will wrote": not the auxiliary "will"
    if j >= 1 and toks[j].lower in FINITE and not toks[j].is_cap and progressive_end is None:
        # "Grassley hasn't expressed", "Some students may have thought": a
        # modal or a negated auxiliary before the cue.
        if any(t.lower in HYPOTHETICAL_MODALS for t in toks[j:i]):
            return None  # "Sean Ragan might explain to us that ...": nobody said it
        return _past_sentence_modal(toks, j), cue
    if control is not None:
        # "Rubio seemed to urge", "Sanders is choosing not to respond": the
        # subject of the verb before "to" is the source; the cue spans both.
        return controlling_subject_end(toks, control), Span(toks[control].start, toks[i].end)
    return j, cue


def _time_after_relative(toks: list[Token], j: int) -> bool:
    """``toks[j]`` is a month or weekday after "in"/"on" after a relative
    pronoun ("who in February")."""
    return j >= 2 and (toks[j].lower in MONTHS or toks[j].lower in WEEKDAYS) \
        and toks[j - 1].lower in ("in", "on") and toks[j - 2].lower in RELATIVE_LEADS


def _past_sentence_modal(toks: list[Token], j: int) -> int:
    """Past the modal or auxiliary at ``toks[j]`` when what stands before it
    is the sentence's own subject; inside a clause ("said he didn't think")
    the credit is the outer cue's content, and ``j`` stays."""
    k = skip_aux_back(toks, j - 1, 0)
    start = np_backward(toks, k, 0) if k >= 0 and toks[k].is_word else k + 1
    lead = 0
    while lead < start and toks[lead].lower in LEADING_CONJUNCTIONS:
        lead += 1
    return k if start <= k and start == lead else j


def _contracted_pronoun_credit(
    text: str, toks: list[Token], i: int, j: int, cue_end: int, cue: Span, sent: Span,
    quotes: tuple[Quote, ...], topic: bool,
) -> Credit | None:
    """"He’s said he will run", "She’s predicting a win": the pronoun and its
    auxiliary are one token; the pronoun alone names the source."""
    content = content_after_or_before(text, toks, cue_end + 1, j, sent, quotes,
                                       to_clause=toks[i].lower in TO_CLAUSE_VERBS, topic=topic)
    if content is None or content.start < toks[i].end:
        return None
    name = Span(toks[j].start, toks[j].start + len(pronoun_contraction(toks[j])))
    return Credit(name, name, None, cue, content)


def _subject_credit(
    text: str, toks: list[Token], i: int, j: int, cue_end: int, cue: Span, subject: Subject,
    sent: Span, quotes: tuple[Quote, ...], topic: bool,
) -> Credit | None:
    """The credit of the cue at ``toks[i]`` to the subject before it, unless
    a check finds it credits nothing."""
    low = toks[i].lower
    name_s, desc = subject.first, subject.description
    pre_s, pre_desc = prenominal(toks, name_s, subject.last + 1)
    if pre_desc and desc is None:
        desc = pre_desc
        name_s = pre_s
    name_s = past_modifiers(toks, name_s, subject.last)
    listener, after = told_listener(toks, i, cue_end + 1)
    if headline_noun(toks, i, j, subject.last) or noun_after_singular(toks, i, j, subject) \
            or no_written_source(toks, i, subject.mention_first, subject.last) \
            or a_statistic(toks, i, subject.mention_first) or done_to_them(toks, i, subject, after) \
            or a_hope(toks, subject.mention_first) or mentions_a_person(toks, i, after):
        return None
    content = content_after_or_before(text, toks, after, subject.mention_first, sent, quotes,
                                       to_clause=low in TO_CLAUSE_VERBS, topic=topic)
    if content is None:
        return None
    if calls_for(toks, i):
        cue = token_span(toks, i, i + 1)  # "Ryan called for a vote"
    elif only_names(text, toks, i, content, sent):
        return None
    mention = token_span(toks, subject.mention_first, subject.last)
    name = token_span(toks, name_s, subject.last)
    # "Jeff Weaver, Sanders' campaign manager, said": the appositive and its
    # closing comma belong to the phrase that credits.
    phrase = Span(mention.start, toks[j].end) if subject.appositive or subject.bracketed else None
    return Credit(mention, name, desc, cue, content, listener, phrase)


def told_listener(toks: list[Token], i: int, after: int) -> tuple[Span | None, int]:
    """"told RT", "told the Senate committee": who heard the words after a
    verb of telling at ``toks[i]`` (a relay candidate), and where the words
    start. (None, ``after``) for other verbs."""
    n = len(toks)
    if toks[i].lower not in TELL_VERBS or after >= n or not toks[after].is_word:
        return None, after
    l_end = after
    while (l_end < n and l_end - after < _MAX_LISTENER and toks[l_end].is_word
           and toks[l_end].lower not in PREPOSITIONS
           and toks[l_end].lower not in CLAUSE_STOPS
           and not opens_told_clause(toks, after, l_end)):
        l_end += 1
    if l_end == after:
        return None, after
    return Span(toks[after].start, toks[l_end - 1].end), l_end


def opens_told_clause(toks: list[Token], first: int, k: int) -> bool:
    """``toks[k]`` ends the listener of "told": a subject pronoun or a
    finite word ("told POLITICO he planned", "told reporters Trump would"),
    or a capital after a lower-case word ("told reporters Trump ...")."""
    t = toks[k]
    if k == first:
        return False
    if t.lower in SUBJECT_PRONOUNS or t.lower in FINITE:
        return True
    prev = toks[k - 1]
    return t.is_cap and prev.is_word and not prev.is_cap and prev.lower not in DETERMINERS

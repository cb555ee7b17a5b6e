"""Finding credits inside one sentence: a cue, the phrase naming the source,
and the content credited to it. Pure token heuristics, no parser.

This module holds the credit patterns (a cue verb, "according to", "in a
poll", a passive "by" agent, a speaker label, participles). They lean on
``subjects`` (walking the source's noun phrase), ``edges`` (trimming spans,
descriptions), ``content`` (what is credited) and ``lexical`` (token tests)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..pipeline.doc import Quote, Span
from .content import content_after_or_before, quote_after_colon, widen_to_quote
from .edges import (
    looks_like_description,
    next_comma,
    prenominal,
    strip_span,
    tail_description,
    trailing_appositive,
)
from .lexical import MAX_NP, NUMBER_WORDS, OPEN_QUOTES, PREPOSITIONS, adverb, closes_quote, percent_sign
from .subjects import (
    TIME_WORDS,
    bracket_back,
    bracket_forward,
    credits_of_its_own,
    is_aside,
    name_appositive,
    np_backward,
    np_ending_at,
    np_forward,
    opening_name_aside,
    relative_clause,
    role_then_name,
    skip_aux_back,
)
from .text import Token
from .words import (
    ALL_CUE_VERBS,
    ANONYMOUS_HEADS,
    AUXILIARIES,
    CLAUSE_STOPS,
    COLON_CUES,
    CONTROL_VERBS,
    CUE_VERBS,
    DETERMINERS,
    DOCUMENT_HEADS,
    FINITE,
    MEDIA,
    MEDIA_HEADS,
    MONTHS,
    NAME_JOINERS,
    NOT_OUTLET_ACTS,
    NOT_SPEAKERS,
    ORG_WORDS,
    OUTLET_ACTS,
    OUTLET_NAME_FORMS,
    POLLSTERS,
    PRONOUNS,
    REPOSTED_ITEMS,
    SHARE_WORDS,
    SPEAK_VERBS,
    SPEECH_TOPICS,
    STATEMENT_NOUNS,
    STATEMENT_VERBS,
    TITLES,
    TO_CLAUSE_VERBS,
    WEEKDAYS,
    WISH_VERBS,
)

# "told RT": the listener of these verbs is an object, not the content.
_TELL_VERBS = frozenset("tell tells told telling ask asks asked".split())
# Verbs of reporting that stand before their source after a plain comma
# ("..., said a handful of Democrats", "..., reports the Jewish Virtual Library").
_INVERTING = frozenset("say says said report reports reported "
                       "add adds added note notes noted".split())
# After a comma, "told X" names who heard the words, not who said them.
_TOLD_FORMS = frozenset("tell tells told telling".split())
# Verbs whose subject must be a written source ("court filings show").
_DOCUMENT_VERBS = frozenset("show shows showed shown find finds found".split())
# "called it a “disaster”" credits words; "a group called X" only names X.
_NAMING_VERBS = frozenset("call calls called describe describes described".split())
# Verbs whose pronoun object is who or what was named, not a view.
_MENTION_VERBS = frozenset("mention mentions mentioned".split())
# Objects of "call" that make it a judgement ("called him a liar").
_OBJECT_PRONOUNS = frozenset("him her it them me us".split())
# Words after "called her" that make it a telephone call ("called her to
# say", "called him back", "called them and").
_PHONE_WORDS = frozenset("to back and up again".split())
# Verbs of plain saying: any bare plural before them is its source.
_SAY_VERBS = frozenset("say says said".split())
# Determiners that stand for people on their own before a verb of saying
# ("Several said", "Two in three said", "some say"), not before a noun
# ("wanted some say in"): only where a subject starts, or in a share.
_PRONOMINAL_QUANTIFIERS = frozenset("one two three four several many some".split())
_SHARE_LEADS = frozenset("in of and but while that".split())
# Determiners that open a sentence's subject before its verb and a participle.
_PARTICIPLE_LEADS = frozenset("the a an one".split())
# Units of time: "A few days later, ..." opens with a time, not a subject.
_TIME_UNITS = frozenset("minute hour day week month year".split())
# Determiners of one thing: "a report" is a noun, "the report" too.
_SINGULAR_DETERMINERS = frozenset("a an the this that".split())
# Words before an adjective, never a subject before its verb ("of pledged delegates").
_QUANTITY_LEADS = frozenset("of both enough most more include includes".split())
_PASSIVE = frozenset("was were been being is are be".split())
# Passive verbs whose "by" agent is a source: "first reported by MSNBC".
_AGENT_VERBS = frozenset("reported announced confirmed disclosed revealed published alleged claimed".split())
# A poll named after "in": "in a CNN/ORC poll released Monday".
POLL_WORDS = frozenset("poll survey".split())
_POLL_TAILS = frozenset("released conducted taken published last this of by from for".split())


@dataclass(frozen=True)
class Credit:
    """One crediting found in a sentence, before sources are resolved."""

    mention: Span  # the whole phrase that names the source here
    name: Span  # the naming part of it (without an appositive)
    description: str | None
    cue: Span | None
    content: Span
    listener: Span | None = None  # "told RT": RT heard it (relay candidate)
    # The whole phrase that credits, description included ("Phil Lovas, the
    # state's campaign chairman,"): what a reader (and PolNeAR) calls the
    # source span. None when it is just ``mention``.
    phrase: Span | None = None


def find_credits(
    text: str, toks: list[Token], sent: Span, quotes: tuple[Quote, ...]
) -> list[Credit]:
    """Every crediting in one sentence (``toks`` are its tokens)."""
    out: list[Credit] = []
    n = len(toks)
    label = _speaker_label(text, toks, sent)
    if label:
        out.append(label)
    elif text.find(":", sent.start, sent.end) >= 0:
        out += _named_quotes(text, toks, quotes)
    view = _viewpoint(text, toks, sent)
    if view:
        out.append(view)
    # Only a sentence naming an outlet is read for an outlet's act.
    outlet = any(t.text in OUTLET_NAME_FORMS for t in toks)
    i = 0
    while i < n:
        t = toks[i]
        low = t.lower
        if low == "according" and i + 1 < n and toks[i + 1].lower == "to":
            c = _according(text, toks, i, sent, quotes)
            if c:
                out.append(c)
            i += 2
            continue
        if low == "in" and i + 2 < n:
            c = _in_poll(text, toks, i, sent)
            if c:
                out.append(c)
                i += 2
                continue
        if low in _AGENT_VERBS and i + 2 < n and toks[i + 1].lower == "by" and not out:
            c = _passive_agent(text, toks, i, sent)
            if c:
                out.append(c)
                i += 2
                continue
        if low.endswith("ed") and i + 1 < n and toks[i + 1].lower == "by":
            # "The violations alleged by the inspector general": a passive; what
            # comes before it is what was said, not who said it.
            i += 1
            continue
        if outlet and not out and i > 0 and low not in ALL_CUE_VERBS and _outlet_verb(t):
            c = _outlet_act(text, toks, i, sent)
            if c:
                out.append(c)
                i += 1
                continue
        if low in STATEMENT_VERBS and not t.is_cap and _statement_colon(text, toks, i, quotes):
            # "The company released the following statement: “...”"
            c = _verb(text, toks, i, sent, quotes)
            if c:
                out.append(c)
            i += 1
            continue
        if low in SPEAK_VERBS and not t.is_cap:
            # "Obama spoke of his faith", not "spoke with investigators".
            topic = _speech_topic(text, toks, i, quotes)
            c = _verb(text, toks, i, sent, quotes, topic=topic) if topic is not None else None
            if c:
                out.append(c)
            i += 1
            continue
        if low in ALL_CUE_VERBS and (not t.is_cap or (
                i > 0 and (low in CUE_VERBS or not _base_form(low)) and _title_case(toks)
                and not _headline_passive(toks, i))):
            # (a headline's stance verb inflected: "Another GOP Figure Endorses
            # Clinton"; a bare "Claim", "Plan" there is mostly a noun)
            c = _verb(text, toks, i, sent, quotes)
            if c is None and low.endswith("ing") and i > 0 and _only_in_opening(toks, i, out) and (
                    toks[i - 1].text in (",", "–", "—") or toks[i - 1].lower == "by"
                    # ", falsely suggesting", ", eventually saying"
                    or (i > 1 and adverb(toks[i - 1]) and toks[i - 2].text == ",")
                    or (i > 1 and closes_quote(toks, i - 1) and toks[i - 2].text == ",")):
                # ", saying", "– saying", "called it “a disgrace,” saying":
                # ", saying that ...", "... by saying he is ready": the subject's words.
                c = _participle(text, toks, i, sent)
            if c is None and low.endswith("ing") and low in CUE_VERBS and i > 1:
                c = _with_participle(text, toks, i, sent)
            if c is None and not out \
                    and (low.endswith(("s", "ed")) or low in ("said", "told", "wrote")) \
                    and i > 1 and toks[skip_aux_back(toks, i - 1, 0)].lower in ("and", "but"):
                # "Obama met survivors ... and said the United States must act":
                # the second verb shares the sentence's subject.
                c = _participle(text, toks, i, sent)
            if c:
                out.append(c)
        i += 1
    return out


# Words between a statement verb and its noun ("released the following
# statement:", "put out a brief written statement:").
_STATEMENT_LEADS = frozenset("out a an the this its his her their following brief short written new".split())
# Most words after the noun before the colon ("sent a statement to Fox News:").
_MAX_STATEMENT_TAIL = 5


def _statement_colon(text: str, toks: list[Token], i: int, quotes: tuple[Quote, ...]) -> bool:
    """Whether the verb at ``toks[i]`` hands over a statement across a colon
    that closes the sentence or opens a quotation: "released the following
    statement:", "sent a statement to Fox News: “...”"."""
    n = len(toks)
    k = i + 1
    while k < n and k - i <= 4 and toks[k].lower in _STATEMENT_LEADS:
        k += 1
    if k > i + 1 and k + 1 < n and toks[k].is_word and not toks[k].is_cap \
            and toks[k].lower not in STATEMENT_NOUNS and toks[k + 1].lower in STATEMENT_NOUNS:
        k += 1  # one adjective after the determiner: "had a blunt reply:"
    if k == i + 1 or k >= n or toks[k].lower not in STATEMENT_NOUNS:
        return False
    colon = next((m for m in range(k + 1, min(n, k + 2 + _MAX_STATEMENT_TAIL)) if toks[m].text == ":"), None)
    if colon is None or any(not toks[m].is_word for m in range(k + 1, colon)):
        return False
    if colon + 1 < n:
        return toks[colon + 1].text in OPEN_QUOTES or any(
            q.kind == "direct" and q.outer_start == toks[colon + 1].start for q in quotes)
    return True


def _only_in_opening(toks: list[Token], i: int, found: list[Credit]) -> bool:
    """No credit found so far, or only inside the clause opening the sentence
    ("After Trump proposed a ban, Clinton's aide rallied supporters, saying
    ..."): the participle at ``toks[i]`` may still credit the main subject."""
    if not found:
        return True
    k = _subject_start(toks, i)
    if k is None or k == 0 or k >= i:
        return False
    return all(c.cue is not None and c.content.end <= toks[k - 1].end for c in found)


# Words a sentence's subject may follow ("and Breitbart News responded").
_SUBJECT_LEADS = frozenset("and but as while so yet".split())
# Endings of a past or third-person verb ("reported", "focuses", "runs").
_ACT_ENDINGS = ("ed", "es", "ts", "ns", "ds", "ls", "ks")
# Words that may follow an outlet's act that credits it with something.
_ACT_OBJECT_LEADS = frozenset("that these those the a an this its his her their".split())


def _person_named(text: str, word: str) -> bool:
    """The article names a person with this surname ("Michael Bloomberg")."""
    at = text.find(" " + word)
    while at > 0:
        before = text[max(0, at - 20) : at].split()
        if before and before[-1][:1].isupper() and before[-1].isalpha() and before[-1] != "The":
            return True
        at = text.find(" " + word, at + 1)
    return False


def _outlet_verb(t: Token) -> bool:
    """A lower-case word that reads as a finite verb in the past or the
    third person ("focuses", "reported", "made")."""
    low = t.lower
    if t.is_cap or not t.is_word or low in NOT_OUTLET_ACTS:
        return False
    if low in OUTLET_ACTS:
        return True
    return len(low) > 4 and low.endswith(_ACT_ENDINGS) and not low.endswith(("ss", "ness"))


def _outlet_act(text: str, toks: list[Token], i: int, sent: Span) -> Credit | None:
    """"The New York Times made these allegations", "the Daily News focuses
    on ...", "POLITICO has learned that ...": a news outlet as the subject of
    any act credits it with what follows, whatever the verb (PolNeAR, and a
    reader, count an outlet's reporting as a source). Only a known outlet
    (media.txt) or a name ending like one (media_heads.txt), standing where
    a subject stands: at the start of the sentence or after "and", "as"."""
    e = i - 1
    while e >= 0 and not toks[e].is_cap and toks[e].lower in AUXILIARIES and i - e <= 2:
        e -= 1  # "POLITICO has learned", "The Post recently ran"
    if e < 0 or not (toks[e].is_cap and toks[e].is_word):
        return None
    s = e
    while s - 1 >= 0 and s - 1 >= e - 5 and toks[s - 1].is_word and toks[s - 1].is_cap:
        s -= 1
    if s - 1 >= 0 and toks[s - 1].lower == "the":
        s -= 1
    if s > 0 and toks[s - 1].lower not in _SUBJECT_LEADS and toks[s - 1].text not in (":", ","):
        return None
    words = [t.lower for t in toks[s : e + 1]]
    name_low = " ".join(words[1:] if words[0] == "the" else words)
    if name_low not in MEDIA and " ".join(words) not in MEDIA and words[-1] not in MEDIA_HEADS:
        return None
    if len(words) == 1 and (words[0] in MEDIA_HEADS or f" {words[0]} " in text
                            or _person_named(text, toks[e].text)):
        # "Time created a poll", "Bloomberg turned 74": one word that is also
        # a common word or a person's surname in this article.
        return None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None or not (nxt.lower in _ACT_OBJECT_LEADS or nxt.lower in PREPOSITIONS
                           or nxt.text in OPEN_QUOTES):
        # "The Fox News results arrive", "Bloomberg snagged 13 percent",
        # "Politico interviewed nearly 20": a noun, or an act that credits
        # no words; a credited act goes on with "that", an object's
        # determiner or a preposition ("made these allegations", "focuses on").
        return None
    content = strip_span(text, toks[i].end, sent.end)
    if content is None:
        return None
    name = Span(toks[s].start, toks[e].end)
    return Credit(name, name, None, Span(toks[i].start, toks[i].end), content)


def _title_case(toks: list[Token]) -> bool:
    """A headline in title case ("Trump Says He Would Win"): its verbs are
    capitalised like its names."""
    long_words = [t for t in toks if t.is_word and len(t.text) > 3]
    return len(long_words) >= 3 and all(t.is_cap for t in long_words)


# "The Security Guard Credited With Finding Shooter": in a headline an -ed
# form before one of these is a passive participle; the guard is credited,
# not crediting.
_PASSIVE_NEXT = frozenset("with by for as".split())


def _headline_passive(toks: list[Token], i: int) -> bool:
    return toks[i].lower.endswith("ed") and i + 1 < len(toks) and toks[i + 1].lower in _PASSIVE_NEXT


# The stage reads a headline's sources with less trust in capitals.
title_case = _title_case


def _verb_like(t: Token) -> bool:
    """A lower-case word that reads as a finite verb after a subject."""
    low = t.lower
    return not t.is_cap and (low in ALL_CUE_VERBS or low in AUXILIARIES or low in FINITE
                             or (low.endswith("ed") and len(low) > 4))


def _with_participle(text: str, toks: list[Token], i: int, sent: Span) -> Credit | None:
    """"with 30 percent of voters saying they ...", "with Senator John McCain
    telling reporters ...": the phrase between "with" and the participle."""
    j = i - 1
    if not (toks[j].is_word or percent_sign(toks, j, 0)):
        return None
    s = np_backward(toks, j, 0)
    if s > j or s == 0 or toks[s - 1].lower != "with":
        return None
    return _rest_credited(text, toks, i, sent, s, j)


def _participle(text: str, toks: list[Token], i: int, sent: Span) -> Credit | None:
    """"Mr. Obama revised his plans, saying that ...": a participle after a
    comma credits the subject of the sentence, when the sentence opens with
    a name, a pronoun or "the" + a role ("the justice sounded off ...")."""
    k = _subject_start(toks, i)
    if k is None or k >= i:
        return None
    while k + 1 < i and toks[k].is_cap and toks[k].lower in _FOCUS_ADVERBS:
        k += 1  # "Even SSMU president, Muna Tojiboeva, voiced ...": not part of the name
    t = toks[k]
    role = _opening_role_then_name(toks, k, i)
    if role is not None:
        # "SSMU president, Muna Tojiboeva, voiced support and said": the
        # name between the commas is the subject; the role describes it.
        name_s, name_e, comma = role
        cred = _rest_credited(text, toks, i, sent, name_s, name_e)
        if cred is None:
            return None
        return replace(cred, mention=Span(toks[k].start, toks[name_e].end),
                       description=text[toks[k].start : toks[name_s - 2].end],
                       phrase=Span(toks[k].start, toks[comma].end))
    if t.lower in ("he", "she", "they"):
        end = k
    elif t.is_cap and t.is_word and t.lower not in DETERMINERS:
        end = k
        while end + 1 < i and toks[end + 1].is_cap and toks[end + 1].is_word:
            end += 1
        if toks[end].lower.endswith(("'s", "’s")):
            # "Hillary Clinton’s right-hand woman rallied supporters, saying":
            # the possessive's noun is the subject; it ends before the verb.
            head = end
            while head + 1 < i and head - end < 3 and toks[head + 1].is_word \
                    and not toks[head + 1].is_cap and not _verb_like(toks[head + 1]):
                head += 1
            if head > end and head + 1 < i and (_verb_like(toks[head + 1]) or toks[head + 1].text == ","):
                end = head
        bracket_end = bracket_forward(toks, end + 1)
        if bracket_end > end + 1 and bracket_end < i and toks[bracket_end].is_word \
                and toks[bracket_end].lower not in ("and", "or"):
            # "Rep. Hakeem Jeffries (D-N.Y.) reacted to the news, saying": the
            # party tag belongs to the name; the verb follows the bracket.
            end = bracket_end - 1
        closing = _appositive_close(toks, end + 1, i)
        if closing is not None:
            # "Gary Emineth, a former state party chairman, became a delegate
            # and said ...": the description between commas belongs to the
            # subject; its verb follows the second comma.
            nxt = closing + 1
            if nxt >= i or not toks[nxt].is_word or toks[nxt].is_cap \
                    or toks[nxt].lower in PREPOSITIONS or toks[nxt].lower in DETERMINERS:
                return None
            cred = _rest_credited(text, toks, i, sent, k, end)
            if cred is None or is_aside(toks[end + 2]):
                return cred  # "Mr. Trump, in an interview, said": the aside is no part of him
            return replace(cred, phrase=Span(toks[k].start, toks[closing].end))
    elif t.lower == "the" and k + 1 < i and (toks[k + 1].lower in TITLES
                                             or toks[k + 1].lower in ANONYMOUS_HEADS):
        end = k + 1
    elif t.lower in _PARTICIPLE_LEADS and k + 2 < i:
        # "The billionaire businessman began ...", "The Post intervened ...",
        # "One operative inside Trump Tower tried ...": a short noun phrase,
        # then a word that reads as its verb.
        end = k + 1
        while end + 1 < i and end - k < 4 and toks[end + 1].is_word \
                and not _verb_like(toks[end + 1]):
            end += 1
        if end + 1 >= i or not _verb_like(toks[end + 1]) or not toks[end].is_word:
            return None
        if toks[end].lower.rstrip("s") in _TIME_UNITS:
            return None  # "A few days later, he said": a time, not a subject
    else:
        return None
    # The subject must be followed by its verb (a lower-case word), not be a
    # phrase inside a longer clause.
    nxt = end + 1
    if nxt >= i or not toks[nxt].is_word or toks[nxt].is_cap:
        return None
    if toks[nxt].lower in PREPOSITIONS and toks[nxt].lower != "on":
        return None
    if toks[nxt].lower in ("a", "an", "the"):
        return None  # "Take a look ... and accused ...": an imperative, not a subject
    return _rest_credited(text, toks, i, sent, k, end)


# Focus adverbs that may open a sentence before its subject ("Even SSMU
# president ...", "Only Trump ...").
_FOCUS_ADVERBS = frozenset("even only".split())


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


def _subject_start(toks: list[Token], i: int) -> int | None:
    """Where the sentence's subject opens, for a participle at ``toks[i]``:
    past leading conjunctions ("And then Trump went on the attack"), a
    dateline ("WASHINGTON (AP) — ...") and an opening phrase or clause that a
    comma closes ("In a statement, ...", "After the vote, ...", "When the
    mayor proposed a tax, ..."). None when the opening has no comma."""
    k = 0
    while k < i and toks[k].lower in _OPENING_CONJUNCTIONS:
        k += 1
    dash = _dateline_end(toks, k, i)
    if dash is not None:
        k = dash + 1
    if k + 1 < i and toks[k].lower in _OPENING_ADVERBS and toks[k + 1].text == ",":
        return k + 2  # "However, he held his fire on Carson, calling him ..."
    if k < i and (toks[k].lower in PREPOSITIONS | {"here", "there", "later", "earlier"}
                  or toks[k].lower in _OPENING_SUBORDINATORS or _opening_adjunct(toks, k)):
        comma = next((m for m in range(k, i) if toks[m].text == ","), None)
        while comma is not None and _place_then_name(toks, comma, i):
            # "Speaking in Salem, New Hampshire, Trump went after Bush": the
            # place's own comma comes before the one that ends the opening.
            comma = next(m for m in range(comma + 1, i) if toks[m].text == ",")
        if comma is None:
            return None
        if toks[k].lower in _OPENING_SUBORDINATORS and not any(
                _verb_like(t) or t.lower.endswith("s") for t in toks[k + 1 : comma]):
            # "When Robby Mook, Clinton's campaign manager, was asked": no verb
            # before the comma, so it opens an appositive, not the clause's end.
            return None
        k = comma + 1  # "In three separate interviews, the justice ...", "Ultimately, Mr. X ..."
    return k


def _place_then_name(toks: list[Token], comma: int, stop: int) -> bool:
    """After ``comma`` a run of capitalised words and another comma, then a
    name and a lower-case word ("Salem, New Hampshire, Trump went"): the run is
    the place's state, the name after it the subject."""
    m = comma + 1
    while m < stop and toks[m].is_cap and toks[m].is_word:
        m += 1
    if m == comma + 1 or m - comma > 4 or m >= stop or toks[m].text != ",":
        return False
    name = m + 1
    if name >= stop or not (toks[name].is_cap and toks[name].is_word) \
            or toks[name].lower in DETERMINERS or toks[name].lower.endswith(("'s", "’s")):
        return False
    nxt = name
    while nxt + 1 < stop and toks[nxt + 1].is_cap and toks[nxt + 1].is_word:
        nxt += 1
    nxt += 1
    return nxt < stop and toks[nxt].is_word and not toks[nxt].is_cap \
        and toks[nxt].lower not in PREPOSITIONS


# Adverbs opening a sentence before a comma and its subject ("However, he ...").
_OPENING_ADVERBS = frozenset("however meanwhile instead indeed still now then yesterday today".split())
# Words before a sentence's subject that are no part of it ("And then Trump ...").
_OPENING_CONJUNCTIONS = frozenset("but and so yet still then".split())
# Words opening a subordinate clause before the subject ("When the mayor
# proposed a tax, Senator X rallied supporters, saying ...").
_OPENING_SUBORDINATORS = frozenset("when as while though although because since once".split())
# Most tokens of a dateline before its dash ("DES MOINES, Iowa (AP) —").
_MAX_DATELINE = 8


def _dateline_end(toks: list[Token], k: int, stop: int) -> int | None:
    """The dash closing a dateline that opens at ``toks[k]`` ("WASHINGTON —",
    "DES MOINES, Iowa (AP) —"): a place in capitals, maybe a state and an
    agency, then a dash. None when there is none."""
    if k >= stop or not (toks[k].is_word and toks[k].text.isupper() and len(toks[k].text) > 1):
        return None
    place = True  # still in the place's own words, all in capitals
    for m in range(k + 1, min(stop, k + _MAX_DATELINE)):
        if toks[m].text in _DASHES:
            return m
        if toks[m].text in ",(":
            place = False  # then a state ("Iowa") or an agency ("(AP)")
        elif not (toks[m].is_cap or toks[m].text in ")."):
            return None
        elif place and toks[m].is_word and not toks[m].text.isupper():
            return None  # "FBI Director James Comey —": a name, not a place
    return None


# Most tokens in a description between a subject's commas.
_MAX_APPOSITIVE = 25


def _opening_adjunct(toks: list[Token], k: int) -> bool:
    """``toks[k]`` opens an adjunct before the subject that a comma ends: an
    adverb ("Ultimately,"), a participle ("Walking to the next address,") or
    a time ("Last October,")."""
    t = toks[k]
    low = t.lower
    if not (t.is_cap and t.is_word):
        return False
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None:
        return False
    # A name may end the same way ("Kelly", "Sterling Bank"): an adverb is
    # followed by its comma, a participle by a lower-case word.
    return (low.endswith("ly") and len(low) > 4 and nxt.text == ",") \
        or (low.endswith("ing") and len(low) > 5 and nxt.is_word and not nxt.is_cap) \
        or low in TIME_WORDS or low in _TIME_OPENERS \
        or (low.rstrip("s") in _TIME_UNITS and nxt.lower in ("later", "earlier", "ago"))


# Words that open a time before the subject ("Last October, ...", "Earlier this week, ...").
_TIME_OPENERS = frozenset("last this earlier later".split())


def _appositive_close(toks: list[Token], comma: int, stop: int) -> int | None:
    """The comma closing a description that opens at the comma ``comma``
    ("NAME, a former state chairman, ..."), or None: no such comma before
    ``stop``, or the stretch between holds a quotation, a clause break or a
    credit of its own."""
    if comma >= stop or toks[comma].text != ",":
        return None
    first = toks[comma + 1] if comma + 1 < stop else None
    if first is None or not first.is_word:
        return None
    relative = first.lower in _RELATIVE_LEADS
    for m in range(comma + 1, min(stop, comma + _MAX_APPOSITIVE)):
        t = toks[m]
        if t.text in (";", ":", "—", "–", "(", ")") or t.text in OPEN_QUOTES or closes_quote(toks, m):
            return None
        # A verb of saying inside is a credit of its own; a finite verb
        # outside a relative clause ends the subject's phrase.
        if t.lower in ALL_CUE_VERBS or (t.lower in FINITE and not relative):
            return None
        if t.text == ",":
            return m
    return None


# "NAME, who ...": a relative clause, which may credit words of its own.
_RELATIVE_LEADS = frozenset("who whose which that".split())


def _rest_credited(text: str, toks: list[Token], i: int, sent: Span, first: int, last: int) -> Credit | None:
    """``toks[first..last]`` credited, through the participle ``toks[i]``,
    with the rest of the sentence."""
    content = strip_span(text, toks[i].end, sent.end)
    if content is None:
        return None
    name = Span(toks[first].start, toks[last].end)
    return Credit(name, name, None, Span(toks[i].start, toks[i].end), content)


def _in_poll(text: str, toks: list[Token], i: int, sent: Span) -> Credit | None:
    """"In a CNN/ORC poll released Monday, 31% backed ...", "Cruz led in the
    latest Fox poll": a named or indefinite poll credits the figures it gives.
    "in the polls" (plural, no poll in particular) credits nothing."""
    n = len(toks)
    first = toks[i + 1]
    if not (first.lower in ("a", "an", "the") or first.is_cap) or first.lower in PRONOUNS:
        return None
    k = i + 1
    while k < n and k - i <= 9 and toks[k].lower not in POLL_WORDS:
        if not (toks[k].is_word or toks[k].text in ("/", "&", "-")) \
                or toks[k].lower in CLAUSE_STOPS or toks[k].lower in PREPOSITIONS:
            return None
        k += 1
    if k >= n or toks[k].lower not in POLL_WORDS or k - i < 2:
        return None
    if k - i == 2 and first.lower == "the":
        return None  # "in the poll": which one is another sentence's business
    after = toks[k + 1] if k + 1 < n else None
    if after is not None and after.is_word and after.lower not in _POLL_TAILS:
        return None  # "in Iowa poll overhype": the poll is a modifier
    lead = 0
    while lead < i and toks[lead].lower in ("but", "and", "so", "yet"):
        lead += 1
    if lead == i:  # "In a ... poll, content."
        comma = next((m for m in range(k + 1, n) if toks[m].text == ","), None)
        if comma is None:
            return None
        content = strip_span(text, toks[comma].end, sent.end)
    else:  # "Content in a ... poll."
        content = strip_span(text, sent.start, toks[i].start)
    if content is None:
        return None
    name = Span(toks[i + 1].start, toks[k].end)
    return Credit(name, name, None, Span(toks[i].start, toks[i].end), content)


def _passive_agent(text: str, toks: list[Token], i: int, sent: Span) -> Credit | None:
    """"The move was first reported by MSNBC.": the agent after "by" is the
    source, the subject before the verb what it is credited with."""
    s = i + 2
    if not (toks[s].is_cap or toks[s].lower in DETERMINERS) or toks[s].lower in PRONOUNS:
        return None
    e = np_forward(toks, s, len(toks))
    if e <= s:
        return None
    k = i - 1
    while k >= 0 and (toks[k].lower in AUXILIARIES or toks[k].lower in _PASSIVE
                      or toks[k].lower in ("first", "originally", "widely")):
        k -= 1
    if k == 0 and toks[0].lower == "as" and e < len(toks) and toks[e].text == ",":
        # "As reported by Western Journalism, the secretary was ...": the
        # clause after the agent's comma is what it reported.
        content = strip_span(text, toks[e].end, sent.end)
        if content is None:
            return None
        name = Span(toks[s].start, toks[e - 1].end)
        return Credit(name, name, None, Span(toks[i].start, toks[i + 1].end), content)
    reduced = k >= 0 and (toks[k].lower == "as" or toks[k].text == ",") and k > 0 \
        and all(toks[m].lower in ("first", "originally", "widely") for m in range(k + 1, i))
    if not reduced and (k == i - 1 or k < 0 or not any(toks[m].lower in _PASSIVE for m in range(k + 1, i))):
        return None  # only a real passive: "was (first) reported by"
    if reduced:
        # "..., as first reported by The New York Times", "The move, first
        # reported by MSNBC, ...": a reduced passive; what comes before it
        # is what the agent reported.
        content = strip_span(text, sent.start, toks[k].start)
        if content is None:
            return None
        name = Span(toks[s].start, toks[e - 1].end)
        return Credit(name, name, None, Span(toks[i].start, toks[i + 1].end), content)
    content = strip_span(text, sent.start, toks[k].end)
    if content is None:
        return None
    name = Span(toks[s].start, toks[e - 1].end)
    return Credit(name, name, None, Span(toks[i].start, toks[i + 1].end), content)


def _speaker_label(text: str, toks: list[Token], sent: Span) -> Credit | None:
    """"PENCE: Well, look, ..." in a transcript, or a headline "Pence: Flowers
    won't be at debate": a short capitalised name, a colon, the words."""
    first = 1 if toks and toks[0].text in OPEN_QUOTES else 0  # a quoted transcript line
    k = first
    while k < len(toks) and k - first < 4 and toks[k].is_word and toks[k].is_cap:
        k += 1
    if k == first or k >= len(toks) - 1 or toks[k].text != ":":
        return None
    if sent.start > 0 and text[sent.start - 1] not in "\n\"“":
        return None  # only at the start of a paragraph
    if toks[first].lower in ("from", "via") and k - first > 1:
        first += 1  # "From Reuters: ...": quoted from the outlet after the word
    cue = Span(toks[k].start, toks[k].end)
    if k - first > 1 and toks[first].lower in COLON_CUES:
        # "Stated Stone: ...": an inverted verb of saying, not part of the name.
        cue = Span(toks[first].start, toks[first].end)
        first += 1
    head = toks[first]
    if head.lower in NOT_SPEAKERS or head.lower in DETERMINERS or head.text[:1].isdigit():
        return None
    content = strip_span(text, toks[k].end, sent.end)
    if content is None:
        return None
    name = Span(head.start, toks[k - 1].end)
    return Credit(name, name, None, cue, content)


# Quantifiers that may lead a group whose view a sentence gives ("For many
# Democrats, ...").
_VIEW_QUANTIFIERS = frozenset("many most some".split())
# Longest name or group a viewpoint opener holds, in tokens.
_MAX_VIEW_NAME = 6


def _viewpoint(text: str, toks: list[Token], sent: Span) -> Credit | None:
    """"To Sexton, Tuesday marked a turning point", "For most Democrats, the
    Clinton years remain the good old days": a sentence opening with "To"
    and a name, or "To"/"For" and a quantified plural group, then a comma,
    gives the view of that name. Not "For years," "To date," "For
    example,", nor "For Trump, the returns seemed ...", which is about the
    person as often as it is his view (27 of 33 such credits on PolNeAR
    train were not gold sources)."""
    k = 0
    while k < len(toks) and toks[k].lower in ("but", "and", "so", "yet"):
        k += 1
    if k + 3 >= len(toks) or toks[k].lower not in ("to", "for"):
        return None
    s = k + 1
    comma = next((m for m in range(s, min(len(toks), s + _MAX_VIEW_NAME + 1)) if toks[m].text == ","), None)
    if comma is None or comma == s:
        return None
    words = toks[s:comma]
    if not all(t.is_word for t in words):
        return None
    first, last = words[0], words[-1]
    if first.lower in _VIEW_QUANTIFIERS:
        if not (_plural_source_word(last) or (last.is_cap and last.lower.endswith("s"))):
            return None
    elif toks[k].lower == "for" or not (first.is_cap and last.is_cap and first.lower not in DETERMINERS):
        # "For Trump, the returns seemed a reminder": about the person, as
        # often as from them; only "For many Democrats" gives a view.
        return None
    if any(t.lower in TIME_WORDS or t.text[:1].isdigit() for t in words) \
            or last.lower in NOT_SPEAKERS or first.lower in NOT_SPEAKERS:
        return None
    content = strip_span(text, toks[comma].end, sent.end)
    if content is None:
        return None
    name = Span(first.start, last.end)
    return Credit(name, name, None, Span(toks[k].start, toks[k].end), content)


def _plural_source_word(t: Token) -> bool:
    """A lower-case plural that names people ("voters", "officials")."""
    return not t.is_cap and (t.lower in ANONYMOUS_HEADS and t.lower.endswith("s"))


# Marks a "Name: “words”" item may follow inside a paragraph ("Pollsters
# agree - Carl Bialik: “...”").
_ITEM_MARKS = frozenset("- – — .".split())


def _named_quotes(text: str, toks: list[Token], quotes: tuple[Quote, ...]) -> list[Credit]:
    """"Pollsters agree - Carl Bialik: “One of the biggest lessons ...”",
    "Rep. Trey Gowdy (R-S.C.): “I have not heard ...”": a full name (two
    capitalised words or more), a colon, and a quotation opening right
    after it, inside a paragraph. The name must open the sentence or follow
    a dash or a full stop: "the one thing Clinton: “...”" is no speaker
    label. (The stage keeps it only when the article names NAME again.)"""
    out: list[Credit] = []
    n = len(toks)
    for k in range(1, n - 1):
        if toks[k].text != ":" or toks[k + 1].text not in OPEN_QUOTES:
            continue
        e = bracket_back(toks, k - 1, 0)  # "Rep. Trey Gowdy (R-S.C.):"
        s = e
        while s - 1 >= 0 and e - s < 4 and toks[s - 1].is_word and toks[s - 1].is_cap:
            s -= 1
        if not (toks[e].is_cap and toks[e].is_word) or e - s < 1:
            continue
        if s > 0 and toks[s - 1].text not in _ITEM_MARKS:
            continue
        cue = Span(toks[k].start, toks[k].end)
        if toks[s].lower in COLON_CUES:
            # "Stated Stone: “...”": the verb of saying leads, the name
            # follows it (one word is enough: the verb makes it a credit).
            cue = Span(toks[s].start, toks[s].end)
            s += 1
        if toks[s].lower in NOT_SPEAKERS or toks[s].lower in DETERMINERS:
            continue
        q = next((q for q in quotes if q.kind == "direct" and q.outer_start == toks[k + 1].start), None)
        if q is None:
            continue
        name = Span(toks[s].start, toks[e].end)
        phrase = Span(toks[s].start, toks[k - 1].end) if e < k - 1 else None
        out.append(Credit(name, name, None, cue, Span(q.start, q.end), phrase=phrase))
    return out


def _according(
    text: str, toks: list[Token], i: int, sent: Span, quotes: tuple[Quote, ...]
) -> Credit | None:
    n = len(toks)
    np_s = i + 2
    np_e = np_forward(toks, np_s, n)
    if np_e <= np_s:
        return None
    mention = Span(toks[np_s].start, toks[np_e - 1].end)
    name = _maker_named(toks, np_s, np_e) or mention
    cue = Span(toks[i].start, toks[i + 1].end)
    desc: str | None = None
    head_start = 0
    # Where does the clause with "according to" start?  Skip a leading "But".
    while head_start < i and toks[head_start].lower in ("but", "and", "so", "yet"):
        head_start += 1
    if head_start == i:  # "According to X, [DESC,] content."
        j = np_e
        if j < n and toks[j].text == ",":
            nxt = next_comma(toks, j + 1, n)
            if nxt is not None and looks_like_description(toks, j + 1, nxt):
                desc = text[toks[j + 1].start : toks[nxt - 1].end]
                j = nxt
        content = strip_span(text, toks[j].end if j < n else sent.end, sent.end)
    else:  # "Content, according to X[, DESC]."
        desc = tail_description(text, toks, np_e, sent)
        content = widen_to_quote(strip_span(text, sent.start, toks[i].start), quotes)
    if content is None:
        return None
    return Credit(mention, name, desc, cue, content)


def _maker_named(toks: list[Token], s: int, e: int) -> Span | None:
    """"according to a surprising claim made by Pennsylvania Congressman
    Scott Perry": the name after "by" in a phrase that opens with a
    determiner is who made the claim, the source a reader should see."""
    if toks[s].lower not in ("a", "an", "the"):
        return None
    for k in range(s + 2, e - 1):
        if toks[k].lower == "by":
            first = k + 1
            while first < e and toks[first].lower in ("a", "an", "the"):
                first += 1
            if first < e and toks[first].is_cap:
                return Span(toks[k + 1].start, toks[e - 1].end)
            return None
    return None


# Most tokens "spoke" may stand from an "about" that says what was spoken
# of, past the listener and a time or place ("spoke to CNN on Monday about").
_MAX_TO_ABOUT = 10
# "spoke out for", "spoke instead about": words between the verb and its topic.
_SPEECH_PARTICLES = frozenset("out instead".split())


def _speech_topic(text: str, toks: list[Token], i: int, quotes: tuple[Quote, ...]) -> int | None:
    """The last token of the cue when "spoke" at ``i`` is followed by what was
    spoken of ("spoke favorably of", "spoke out against", "spoke in favor
    of", "spoke to reporters Monday about"), or ``i`` itself when a colon
    closing "spoke to reporters:" opens a quotation; None when what follows
    is only whom, how or when ("spoke with investigators four times",
    "spoke on condition of anonymity", "spoke for about 30 minutes")."""
    n = len(toks)
    k = i + 1
    out = False
    while k < n and not toks[k].is_cap and (adverb(toks[k]) or toks[k].lower in _SPEECH_PARTICLES):
        out = out or toks[k].lower == "out"
        k += 1
    if k >= n:
        return None
    kind = SPEECH_TOPICS.get(toks[k].lower)
    if kind in ("topic", "about") or (kind == "out" and out):
        return _topic_opens(toks, k)
    if toks[k].lower == "in" and k + 2 < n and SPEECH_TOPICS.get(toks[k + 1].lower) == "favor" \
            and toks[k + 2].lower == "of":
        return _topic_opens(toks, k + 2)
    if not (toks[k].lower in PREPOSITIONS or toks[k].lower == "to" or toks[k].lower in WEEKDAYS or toks[k].lower in TIME_WORDS
            or toks[k].lower in _TIME_OPENERS):
        # Only a listener, a place or a time may stand before "about": "spoke
        # the truth about" is the writer's verdict on the words, not a topic.
        return None
    for m in range(k, min(n, k + _MAX_TO_ABOUT)):
        t = toks[m]
        if SPEECH_TOPICS.get(t.lower) == "about" and toks[m - 1].lower != "for":
            return _topic_opens(toks, m)
        if not t.is_word or t.lower in CLAUSE_STOPS or t.lower in FINITE or t.lower in ALL_CUE_VERBS:
            break
        if t.lower == "to" and m + 1 < n and _infinitive(toks[m + 1]):
            break  # "spoke on condition of anonymity to speak candidly about": that verb's topic
    if toks[i + 1].lower in ("to", "with") and quote_after_colon(text, toks, i + 1, quotes) is not None:
        return i
    return None


# Most tokens between "with" and the noun phrase of its absolute clause
# ("with some members reappointed and nine new members added").
_MAX_WITH_BACK = 8


def _absolute_with(toks: list[Token], s: int) -> bool:
    """The noun phrase starting at ``s`` stands in a "with" phrase (after
    "with", or after "and" inside one), so a participle after it is no verb
    of its own."""
    for m in range(s - 1, max(-1, s - 1 - _MAX_WITH_BACK), -1):
        low = toks[m].lower
        if low == "with":
            return True
        if not toks[m].is_word or (low in CLAUSE_STOPS and low != "and") or low in FINITE:
            return False
    return False


def _infinitive(t: Token) -> bool:
    """A word after "to" that reads as a verb, not as whom one spoke to
    ("to speak", not "to reporters", "to CNN", "to the crowd")."""
    return t.is_word and not t.is_cap and t.lower not in DETERMINERS and t.lower not in PRONOUNS \
        and not t.lower.endswith("s")


def _topic_opens(toks: list[Token], p: int) -> int | None:
    """``p`` when the words after the particle at ``p`` can be what was
    spoken of: not a clause's verb ("the obliteration Johnson spoke of was
    changing") and not an amount ("spoke for about 30 minutes")."""
    if p + 1 >= len(toks):
        return None
    t = toks[p + 1]
    if not (t.is_word or t.text in OPEN_QUOTES) or t.lower in _PASSIVE or t.lower in FINITE:
        return None
    if toks[p].lower == "about" and (t.text[:1].isdigit() or t.lower in NUMBER_WORDS or (
            t.lower in ("a", "an") and p + 2 < len(toks)
            and toks[p + 2].lower.rstrip("s") in _TIME_UNITS)):
        return None
    return p


def _verb(
    text: str, toks: list[Token], i: int, sent: Span, quotes: tuple[Quote, ...],
    topic: int | None = None,
) -> Credit | None:
    """The credit of the cue verb at ``i``. ``topic``: the cue's last token
    when it runs on past the verb ("spoke favorably of"); what it credits
    starts after that."""
    n = len(toks)
    low = toks[i].lower
    if i > 0 and (toks[i - 1].lower in DETERMINERS or toks[i - 1].lower.endswith(("'s", "’s"))) \
            and not _pronoun_contraction(toks[i - 1]) \
            and not (toks[i - 1].lower in _PRONOMINAL_QUANTIFIERS and low in _SAY_VERBS
                     and (i == 1 or toks[i - 2].text in (",", ";", "—", "–")
                          or toks[i - 2].lower in _SHARE_LEADS)) \
            and not _quantifier_subject(toks, i):
        return None  # a noun: "the report", "his claims", "Trump's statement"
    if low == "counter" and i + 1 < len(toks) and toks[i + 1].lower == "to":
        return None  # "efforts ... ran counter to the constitution": contrary to, not a rebuttal
    if i == 1 and low.endswith("ed") and toks[0].lower in REPOSTED_ITEMS and len(toks) > 2 \
            and toks[2].lower in ("with", "by"):
        return None  # "Article posted with permission from ...": a passive credit line
    progressive_end = _progressive_subject_end(toks, i) if low.endswith("ing") else None
    if i > 0 and toks[i - 1].lower in _PASSIVE and progressive_end is None:
        return None  # "was told", "is expected": the subject did not say it
    went_on = i > 2 and toks[i - 1].lower == "to" and toks[i - 2].lower == "on" \
        and toks[i - 3].lower in _GO_ON and low in CUE_VERBS
    control = _subject_control(toks, i) if not went_on else None
    if _subjunctive_not(toks, control if control is not None else i):
        # "concerned that British people not begin to think that ...": a
        # wish about what they might think, not a credit.
        return None
    if i > 0 and toks[i - 1].lower == "to" and not went_on and control is None:
        if not low.endswith("ing"):
            obj = _object_control(text, toks, i, sent, quotes)
            if obj is not None:
                return obj
        return None  # "declined to say", "to tell the truth": not a credit
    if low not in CUE_VERBS and i > 0 and toks[i - 1].lower in PREPOSITIONS:
        return None  # "without fear of": a noun after a preposition
    if i > 0 and low.endswith("ed") and _modifies_noun(toks, i) and (
            toks[i - 1].lower in PREPOSITIONS or toks[i - 1].lower in _QUANTITY_LEADS
            or toks[i - 1].text[:1].isdigit()):
        # "won 758 pledged delegates", "a lead in pledged delegates", "a
        # majority of pledged delegates", "enough pledged delegates"
        return None
    if low.endswith("ing") and progressive_end is None:
        return None  # "by calling him", ", saying": whose words needs a parser
    cue_end = topic if topic is not None else i
    cue = Span(toks[i].start, toks[cue_end].end)
    j = skip_aux_back(toks, i - 1, 0) if progressive_end is None else progressive_end
    if progressive_end is None and j >= 2 and toks[j].lower in MONTHS | WEEKDAYS \
            and toks[j - 1].lower in ("in", "on") and toks[j - 2].lower in _RELATIVE_LEADS:
        # "Sadikov, who in February posted ...": the time is an adjunct; the
        # relative pronoun before it is the subject. ("A poll in June
        # showed": there the time belongs to the poll.)
        j = j - 2
    if went_on:
        # "He went on to say ...": the subject said it; the cue is the whole phrase.
        cue = Span(toks[i - 3].start, toks[i].end)
        j = skip_aux_back(toks, i - 4, 0)
    elif j < i - 1 and _function_word_name(toks, i - 1, low):
        j = i - 1  # "George Will wrote": not the auxiliary "will"
    elif j >= 1 and toks[j].lower in FINITE and not toks[j].is_cap and progressive_end is None:
        # "Grassley hasn't expressed", "Some students may have thought": a
        # modal or a negated auxiliary before the cue. Only the sentence's
        # own subject is read so: inside a clause ("said he didn't think")
        # the credit is the outer cue's content.
        if any(t.lower in _HYPOTHETICAL_MODALS for t in toks[j:i]):
            return None  # "Sean Ragan might explain to us that ...": nobody said it
        k = skip_aux_back(toks, j - 1, 0)
        start = np_backward(toks, k, 0) if k >= 0 and toks[k].is_word else k + 1
        lead = 0
        while lead < start and toks[lead].lower in ("but", "and", "so", "yet"):
            lead += 1
        if start <= k and start == lead:
            j = k
    elif control is not None:
        # "Rubio seemed to urge", "Sanders is choosing not to respond": the
        # subject of the verb before "to" is the source; the cue spans both.
        cue = Span(toks[control].start, toks[i].end)
        j = skip_aux_back(toks, control - 1, 0)
        if j >= 1 and toks[j].lower in _PROGRESSIVE_AUX:
            j = skip_aux_back(toks, j - 1, 0)  # "is choosing", "has been trying"
            if j >= 0 and toks[j].lower == "has":
                j = skip_aux_back(toks, j - 1, 0)
    if j >= 0 and _pronoun_contraction(toks[j]) and (progressive_end is not None or _has_done(toks[j], low)):
        # "He’s said he will run", "She’s predicting a win": the pronoun and
        # its auxiliary are one token; the pronoun alone names the source.
        content = content_after_or_before(text, toks, cue_end + 1, j, sent, quotes,
                                           to_clause=low in TO_CLAUSE_VERBS, topic=topic is not None)
        if content is None or content.start < toks[i].end:
            return None
        name = Span(toks[j].start, toks[j].start + len(_pronoun_contraction(toks[j])))
        return Credit(name, name, None, cue, content)
    desc: str | None = None
    name_s = name_e = -1
    mention_s = -1
    appositive = False
    post = _described_after_quote(toks, j) if progressive_end is None and not went_on else None
    if post is not None:
        # “...,” Harry Bond, 30, of Raleigh, N.C., who was polled, said.
        name_s, name_e = post
        mention_s = name_s
        appositive = True
        desc = text[toks[name_e + 2].start : toks[j - 1].end] if name_e + 2 < j else None
    elif j >= 0 and toks[j].text == ",":
        # A relative clause first: its own commas would pass for an appositive's.
        rel = relative_clause(toks, j)
        app = None if rel else name_appositive(toks, j, 0)
        role = None if rel or app else role_then_name(toks, j)
        aside = None if rel or app or role else opening_name_aside(text, toks, j)
        if aside:
            name_s, name_e, described = aside
            mention_s = name_s
            appositive = described
            if described:
                desc = text[toks[bracket_forward(toks, name_e + 1) + 1].start : toks[j - 1].end]
        elif role:
            appositive = True
            mention_s, name_s, name_e = role
            desc = text[toks[mention_s].start : toks[name_s - 2].end]
        elif rel:
            name_s, name_e = rel
            appositive = not credits_of_its_own(toks, name_e + 2, j)
            mention_s = name_s
        elif app:
            name_s, desc_s = app
            name_e = bracket_back(toks, desc_s - 2, 0)
            mention_s = name_s
            # "Trump, in turn, said": an aside about the moment is not part of
            # the phrase naming the source; a description ("a Clinton aide") is.
            appositive = not is_aside(toks[desc_s])
            if appositive:
                desc = text[toks[desc_s].start : toks[j - 1].end]
    if name_s >= 0 and toks[j].text == "," \
            and any(_is_date(t) for t in toks[name_s : name_e + 1] if t.lower not in NUMBER_WORDS) \
            and i + 1 < n and (toks[i + 1].is_cap or toks[i + 1].lower in ("the", "a", "an")) \
            and all(not t.is_word for t in toks[np_forward(toks, i + 1, n):]):
        # "... rockets at Israel” from November 10-13, 2012, reports the
        # Jewish Virtual Library.": a date before the comma is no subject;
        # the cue is inverted and its source follows it.
        name_s = name_e = mention_s = -1
        appositive = False
        desc = None
    if j >= 1 and toks[j].lower == "who" and (
            toks[j - 1].text == "," or (toks[j - 1].is_word and not toks[j - 1].is_cap)):
        # "Trump, who said ...", "voters who say ...": "who" credits the
        # phrase before it (PolNeAR's source span is the "who" itself).
        restrictive = toks[j - 1].text != ","
        ante_e = j - 1 if restrictive else j - 2
        if ante_e >= 0 and toks[ante_e].is_word:
            ante_s = np_backward(toks, ante_e, 0)
            if restrictive and ante_s > ante_e and toks[ante_e].lower not in PRONOUNS:
                ante_s = ante_e  # "Among those who said": the head word alone
            ante_s = _person_of(toks, ante_s, ante_e)
            if ante_s <= ante_e and toks[ante_s].lower not in PRONOUNS:
                content = content_after_or_before(text, toks, cue_end + 1, j, sent, quotes,
                                                   topic=topic is not None)
                if content is None or content.start < toks[i].end:
                    return None
                resumed = next((m for m in range(cue_end + 1, n - 1) if toks[m].text == ","
                                and toks[m].end <= content.end and toks[m + 1].lower in _PASSIVE | FINITE), None)
                if resumed is not None and toks[resumed].start > content.start:
                    # "Haig, an Arizona man who says he sold ammunition to the
                    # gunman, was arrested": the relative clause ends where
                    # the main clause's verb resumes.
                    content = strip_span(text, content.start, toks[resumed].start)
                name = Span(toks[ante_s].start, toks[ante_e].end)
                desc = None
                named = _named_before_description(toks, ante_s)
                if named is not None:
                    # "Douglas Haig, an Arizona man who says": the man is the
                    # name before the comma, the rest describes him.
                    desc = text[toks[ante_s].start : toks[ante_e].end]
                    name = Span(toks[named].start, toks[ante_s - 2].end)
                return Credit(Span(toks[j].start, toks[j].end), name, desc, cue, content)
        return None
    bracketed = False
    if name_s < 0 and j >= 0 and toks[j].text in _DASHES:
        dashed = _dash_appositive(toks, j)
        if dashed is not None:
            # "Jason Sims — a teacher from Mount Pleasant — says": the aside
            # between the dashes describes the name before them.
            name_s, name_e = dashed
            mention_s = name_s
            # "Trump - who previously said ... - said": a relative clause
            # with a credit of its own is no part of the source phrase.
            bracketed = not credits_of_its_own(toks, name_e + 2, j)
            if bracketed and not is_aside(toks[name_e + 2]):
                desc = text[toks[name_e + 2].start : toks[j - 1].end]
    if name_s < 0 and j >= 0 and toks[j].text == ")":
        last = bracket_back(toks, j, 0)
        s = np_backward(toks, last, 0) if last < j else last + 1
        if s <= last:
            name_s, name_e, mention_s = s, last, s
            bracketed = True
    if name_s < 0 and j == i - 1 and _function_word_name(toks, j, low):
        # “...,” Will wrote. / From said ...: George Will, Al From.
        s = j
        while s > 0 and toks[s - 1].is_cap and toks[s - 1].is_word and toks[s - 1].lower not in DETERMINERS:
            s -= 1
        name_s, name_e, mention_s = s, j, s
    if name_s < 0 and j >= 0 and (toks[j].is_word or percent_sign(toks, j, 0)):
        s = np_backward(toks, j, 0, speech=low in _SAY_VERBS)
        if s <= j:
            name_s, name_e, mention_s = s, j, s
            role = _role_after_quote(toks, s)
            if role is not None:
                mention_s = role
    listener: Span | None = None
    if name_s >= 0 and name_s == name_e and toks[name_s].lower in ("a", "an", "the"):
        return None  # "a poorly described article": an article alone names no one
    if name_s >= 0:
        pre_s, pre_desc = prenominal(toks, name_s, name_e + 1)
        if pre_desc and desc is None:
            desc = pre_desc
            name_s = pre_s
        name_s = _past_modifiers(toks, name_s, name_e)
        after = cue_end + 1
        if low in _TELL_VERBS and after < n and toks[after].is_word:
            l_end = after
            while (l_end < n and l_end - after < 6 and toks[l_end].is_word
                   and toks[l_end].lower not in PREPOSITIONS
                   and toks[l_end].lower not in CLAUSE_STOPS
                   and not _opens_told_clause(toks, after, l_end)):
                l_end += 1
            if l_end > after:
                listener = Span(toks[after].start, toks[l_end - 1].end)
                after = l_end
        head = toks[name_e].lower
        if j == i - 1 and _base_form(low) and toks[i].is_cap and toks[name_e].is_cap \
                and i + 1 < n and toks[i + 1].is_cap and toks[i + 1].lower.endswith("s") \
                and not toks[i + 1].lower.endswith("ss") \
                and not head.endswith(("s", "men", "people", "children")) and head not in SHARE_WORDS:
            # A headline's "Clinton Email IG Report Rips FBI": the verb is the
            # "-s" word after; the bare "Report" is a noun ending the name.
            return None
        if j == i - 1 and (_base_form(low) or (_uninflected(low) and toks[mention_s].lower in ("a", "an"))) \
                and toks[mention_s].lower in _SINGULAR_DETERMINERS \
                and not head.endswith(("s", "men", "people", "children")) and head not in SHARE_WORDS \
                and not bracketed and not appositive:
            # "a CNN report", "The October report": a singular subject takes
            # "reports"; the bare form after it is a noun, not its verb.
            return None
        if low in _DOCUMENT_VERBS and head not in DOCUMENT_HEADS \
                and not (head in POLLSTERS and toks[name_e].is_cap) \
                and not any(t.lower in DOCUMENT_HEADS for t in toks[mention_s:name_e]) \
                and not (low.startswith("f") and i + 1 < n and toks[i + 1].lower == "that"):
            # "a study by Media Matters found", "researchers found that ...";
            # "he showed the house", "they found the keys" credit nothing.
            return None
        if low not in CUE_VERBS and toks[mention_s].text[:1].isdigit() \
                and not toks[mention_s].lower.endswith("-old"):
            # "1 pass defended": a statistic, not a stance ("17-year-old Jared
            # Potts echoed" is an age before a name).
            return None
        if low.endswith("ed") and name_e == i - 1 and (after >= n or toks[after].text in (",", ";", ".")) \
                and _absolute_with(toks, mention_s):
            # "relaunched it with some members reappointed and nine new
            # members added, some of whom ...": a participle of what was done
            # to them, not their words.
            return None
        before = mention_s - 1 if mention_s > 0 and toks[mention_s - 1].lower != "that" else mention_s - 2
        if before >= 0 and toks[before].lower in WISH_VERBS:
            return None  # "are hoping the files reveal details": a hope, not a credit
        if low in _MENTION_VERBS and after < n and toks[after].lower in _OBJECT_PRONOUNS and (
                after + 1 == n or not toks[after + 1].is_word or toks[after + 1].lower in PREPOSITIONS
                or toks[after + 1].lower in CLAUSE_STOPS):  # ("mentions her granddaughter": her noun)
            # "since the authorities mentioned him, and now ...": what is
            # mentioned is a person, and no words are credited to the subject
            # ("endorsed him", "denied it" are stances, and stay).
            return None
        content = content_after_or_before(text, toks, after, mention_s, sent, quotes,
                                           to_clause=low in TO_CLAUSE_VERBS, topic=topic is not None)
        if content is None:
            return None
        calls_for = low in _NAMING_VERBS and low.startswith("call") and i + 1 < n \
            and toks[i + 1].lower in ("for", "on") and not toks[i + 1].is_cap \
            and not (i + 2 < n and (toks[i + 2].text.isdigit()
                                    or toks[i + 2].lower in NUMBER_WORDS))
        if calls_for:
            # "Ryan called for a vote", "called on Congress to act": a demand,
            # credited; the cue is the verb with its particle.
            cue = Span(toks[i].start, toks[i + 1].end)
        elif low in _NAMING_VERBS and low.startswith("call") and content.start < sent.end \
                and not _has_quote_mark(text[content.start : content.end]) \
                and not (i + 2 < n and toks[i + 1].lower in _OBJECT_PRONOUNS and toks[i + 2].is_word
                         and toks[i + 2].lower not in PREPOSITIONS and toks[i + 2].lower not in _PHONE_WORDS):
            # "a group called the Foundation" names, it does not credit. "Others
            # call it the nerd prom" judges (a pronoun object, then what it is
            # called) and does; so does a content past the sentence, the
            # quotation its colon opens ("Cruz called them on it:" then “...”).
            # "describe" needs no quote marks ("Mr. Cruz described how ..."):
            # on PolNeAR train that found 27 more gold sources for 5 false ones.
            return None
        mention = Span(toks[mention_s].start, toks[name_e].end)
        name = Span(toks[name_s].start, toks[name_e].end)
        # "Jeff Weaver, Sanders' campaign manager, said": the appositive and its
        # closing comma belong to the phrase that credits.
        phrase = Span(mention.start, toks[j].end) if appositive or bracketed else None
        return Credit(mention, name, desc, cue, content, listener, phrase)
    # Inverted: “...,” said Shehabi.
    if topic is None and i > 0 and (toks[i - 1].text == "," or closes_quote(toks, i - 1)
                  or (i > 1 and toks[i - 1].text == "“" and toks[i - 2].text == ",")):
        # (“It's unusual,“ said ...: an opening mark typed for a closing one)
        s = i + 1
        e = np_forward(toks, s, n)
        if e <= s or low in _DOCUMENT_VERBS or low in _TOLD_FORMS:
            # (“...,” a Hunter aide, told POLITICO: after "told" stands who
            # heard it, never who said it)
            return None
        if any(toks[m].lower in FINITE and not toks[m].is_cap for m in range(s, e)):
            return None  # ", said the United States should refuse": a clause, not a name
        if not (toks[s].is_cap or toks[s].lower in DETERMINERS
                or (low in CUE_VERBS and _role_before_name(toks, s, e))):
            return None
        if toks[i].is_cap and low not in _SAY_VERBS:
            return None  # a headline's "Biden Aims Insult At Trump, Slams Japanese Pride"
        if toks[i - 1].text == "," and not toks[s].is_cap and low not in _INVERTING \
                and not (low in CUE_VERBS and _role_before_name(toks, s, e)) \
                and not any(closes_quote(toks, m) for m in range(i - 1)):
            # "Sen. Ted Cruz (R-Tex.), a candidate ..., tweeted a warning": after
            # a plain comma with no quotation before it, a verb's object ("a
            # warning") is what was said, not who said it. Only verbs of
            # reporting invert so ("..., said a handful of Democrats").
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
            Span(toks[s].start, toks[named_e - 1].end),
            Span(toks[pre_s].start, toks[named_e - 1].end), desc, cue, content,
            phrase=Span(toks[s].start, toks[tail - 1].end) if tail > named_e else None,
        )
    return None


def _past_modifiers(toks: list[Token], s: int, e: int) -> int:
    """Where the name in ``toks[s..e]`` opens past a determiner and the
    writer's lower-case adjectives before a full name: "the ever-present
    Michael Avenatti" is Michael Avenatti. ``s`` when no full name of two
    capitalised words or more ends the phrase."""
    k = s + 1 if toks[s].lower in DETERMINERS else s
    m = k
    while m < e and toks[m].is_word and not toks[m].is_cap and toks[m].lower not in PREPOSITIONS \
            and toks[m].lower not in NAME_JOINERS and toks[m].lower not in CLAUSE_STOPS:
        m += 1
    if m == k or e - m < 1 or not all(t.is_word and t.is_cap for t in toks[m : e + 1]):
        return s
    if any(t.lower in ORG_WORDS for t in toks[k:m]):
        return s  # "the rights group Human Rights Watch": the group word says what it is
    return m


def _named_before_description(toks: list[Token], s: int) -> int | None:
    """Where a full name (two capitalised words or more) opens when the
    description at ``s`` ("an Arizona man") follows it after a comma:
    "Douglas Haig, an Arizona man who says". None otherwise."""
    if s < 3 or toks[s - 1].text != "," or toks[s].lower not in ("a", "an"):
        return None
    k = s - 2
    while k >= 0 and toks[k].is_word and toks[k].is_cap and toks[k].lower not in DETERMINERS:
        k -= 1
    start = k + 1
    if s - 2 - start < 1 or any(t.lower in MONTHS or t.lower in WEEKDAYS for t in toks[start : s - 1]):
        return None
    return start


def _person_of(toks: list[Token], s: int, e: int) -> int:
    """Where the person "who" stands for opens in ``toks[s..e]``: "a bizarre
    twist in the story of the 26-year-old linguist, who said" is about the
    linguist, since a twist says nothing. Past the last preposition whose
    noun before it names no one, when the phrase after it does (not "the
    leader of the group", nor "the head of the agency")."""
    if not _names_people(toks[e]):
        return s
    for p in range(e - 1, s, -1):
        if (toks[p].lower not in PREPOSITIONS and toks[p].lower != "of") or not toks[p + 1].is_word:
            continue
        return s if _names_people(toks[p - 1]) or not toks[p - 1].is_word else p + 1
    return s


# Endings of nouns for people ("linguist", "director", "historian").
_PERSON_ENDINGS = ("er", "or", "ist", "ian")


def _names_people(t: Token) -> bool:
    """A word that may name a person: a capitalised word, a role, an unnamed
    source's head, or a noun with a person's ending ("who" is never "the
    agency" of "the head of the agency, who said")."""
    low = t.lower
    return t.is_cap or low in ANONYMOUS_HEADS or low in TITLES \
        or (len(low) > 5 and low.endswith(_PERSON_ENDINGS))


# Auxiliaries of a progressive ("is saying", "was criticizing", "has been
# telling"): the -ing word after them is the finite verb of the clause.
# Modals that make the cue hypothetical or normative ("might explain", "should
# say"): no one is credited. "would later say" and "could not say" are left
# to the other rules.
_HYPOTHETICAL_MODALS = frozenset(("might", "should"))
_PROGRESSIVE_AUX = frozenset("is are was were am been".split())
# What a pronoun may be contracted with ("he’s", "they’re", "she’d", "they’ve").
_CONTRACTED_AUX = frozenset("s re ve d".split())
# Pronouns that name a third party: the writer and the reader never do.
_THIRD_PERSON = frozenset("he she they".split())


# Subject pronouns: one after a listener opens what was told ("told POLITICO he planned").
_SUBJECT_PRONOUNS = frozenset("he she they it we i".split())


def _opens_told_clause(toks: list[Token], first: int, k: int) -> bool:
    """``toks[k]`` ends the listener of "told": a subject pronoun or a
    finite word ("told POLITICO he planned", "told reporters Trump would"),
    or a capital after a lower-case word ("told reporters Trump ...")."""
    t = toks[k]
    if k == first:
        return False
    if t.lower in _SUBJECT_PRONOUNS or t.lower in FINITE:
        return True
    prev = toks[k - 1]
    return t.is_cap and prev.is_word and not prev.is_cap and prev.lower not in DETERMINERS


def _pronoun_contraction(t: Token) -> str:
    """The pronoun of a contracted token ("He’s" -> "He"), or ""."""
    low = t.lower.replace("’", "'")
    head, apostrophe, tail = low.partition("'")
    if not apostrophe or head not in _THIRD_PERSON or tail not in _CONTRACTED_AUX:
        return ""
    return t.text[: len(head)]


# Dashes that close an aside between a name and its verb.
_DASHES = frozenset("— – - --".split())
# Longest aside between two dashes, in tokens.
_MAX_DASH_ASIDE = 30


def _dash_appositive(toks: list[Token], close: int) -> tuple[int, int] | None:
    """``NAME — ASIDE —`` ending at the dash ``close``: (first, last) token of
    NAME, a capitalised name or a noun phrase led by a determiner."""
    dash = toks[close].text
    # "--" typed for a dash comes as two "-" tokens: read the pair as one.
    doubled = _doubled_hyphen(toks, close)
    last_inside = close - 3 if doubled else close - 2
    for k in range(last_inside, max(0, close - _MAX_DASH_ASIDE) - 1, -1):
        t = toks[k].text
        if t in (";", ":") or t in OPEN_QUOTES or closes_quote(toks, k):
            return None
        if t == dash:
            if doubled:
                if not _doubled_hyphen(toks, k):
                    return None
                k -= 1
            return np_ending_at(toks, bracket_back(toks, k - 1, 0) if k >= 1 else -1)
    return None


# Most tokens between a quotation and the cue of the speaker it names.
_MAX_AFTER_QUOTE = 30


def _described_after_quote(toks: list[Token], j: int) -> tuple[int, int] | None:
    """“...,” NAME, DESCRIPTION, said: the subject between a quotation's
    closing ",”" and the cue at ``j`` + 1 (``toks[j]`` the comma before the
    cue) is a name with its description, however many commas the
    description holds ("R-Ky.", "30, of Raleigh, N.C., who was polled").
    (first, last) token of the name, or None."""
    if j < 3 or toks[j].text != ",":
        return None
    q = j - 1
    while q > 0 and j - q <= _MAX_AFTER_QUOTE and not closes_quote(toks, q):
        t = toks[q]
        if t.text in (";", ":", "(", ")") or t.text in OPEN_QUOTES or t.lower in ALL_CUE_VERBS:
            return None
        q -= 1
    if q <= 0 or not closes_quote(toks, q) or toks[q - 1].text != ",":
        return None
    first = q + 1
    comma = next((m for m in range(first, j) if toks[m].text == ","), None)
    if comma is None or comma == first or not toks[first].is_cap or toks[first].lower in PRONOUNS:
        return None
    if any(t.lower in FINITE for t in toks[first:comma]):
        return None
    name_e = bracket_back(toks, comma - 1, first)
    if name_e < first or not toks[name_e].is_cap:
        return None
    name_s = np_backward(toks, name_e, first)
    return (name_s, name_e) if name_s == first else None


# Quantifiers that stand for people as a sentence's whole subject ("Some
# accused Trump", "Many speculated that", "Another tweeted"); the singular
# ones take a verb in "-s".
_PLURAL_QUANTIFIERS = frozenset("some many several others both most".split())
_SINGULAR_QUANTIFIERS = frozenset("another one".split())


def _quantifier_subject(toks: list[Token], i: int) -> bool:
    """The cue at ``i`` follows a quantifier that opens the sentence and is
    its subject. Only a past form (or "-s" after "another") is read as the
    verb: "Some reports", "Many claims", "Another report" are nouns."""
    if i != 1:
        return False
    q = toks[0].lower
    low = toks[i].lower
    past = low.endswith("ed") or low in ("said", "told", "wrote", "thought")
    if q in _PLURAL_QUANTIFIERS:
        return past
    return q in _SINGULAR_QUANTIFIERS and (past or (low.endswith("s") and not low.endswith("ss")))


def _subject_control(toks: list[Token], i: int) -> int | None:
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
    if toks[k].lower.endswith("ing") and toks[skip_aux_back(toks, k - 1, 0)].lower not in _PROGRESSIVE_AUX:
        return None  # "trapped in a cul-de-sac choosing to ...": no finite verb
    return k


def _object_control(
    text: str, toks: list[Token], i: int, sent: Span, quotes: tuple[Quote, ...]
) -> Credit | None:
    """"The victory led Republican National Committee Chairman Reince
    Priebus to declare him the nominee": the object of a verb that hands it
    on ("led", "prompted", "forced") is who speaks through the cue after
    "to". Only a capitalised name or a determiner's phrase is an object here."""
    end = i - 2
    if end < 1 or not toks[end].is_word:
        return None
    # The object runs back to the verb (the subject walk would read on past
    # it: "The decisive victory led ...").
    start = next((k for k in range(end, max(0, end - MAX_NP), -1)
                  if CONTROL_VERBS.get(toks[k - 1].lower) == "object"), None)
    if start is None or any(not t.is_word or t.lower in CLAUSE_STOPS for t in toks[start : end + 1]):
        return None
    if not (toks[start].is_cap or toks[start].lower in DETERMINERS) or toks[start].lower in PRONOUNS:
        return None
    content = content_after_or_before(text, toks, i + 1, start, sent, quotes,
                                       to_clause=toks[i].lower in TO_CLAUSE_VERBS)
    if content is None or content.start < toks[i].end:
        return None
    name = Span(toks[start].start, toks[end].end)
    return Credit(name, name, None, Span(toks[i].start, toks[i].end), content)


def _subjunctive_not(toks: list[Token], v: int) -> bool:
    """``toks[v]`` is a bare verb after "not" with no auxiliary before it
    ("that people not begin", "asked that he not say"): a subjunctive, what
    someone wants to happen or not, not a verb of its subject's."""
    if v < 2 or toks[v - 1].lower != "not":
        return False
    verb = toks[v].lower
    if verb.endswith(("s", "ed", "ing")) or verb in _IRREGULAR_PAST:
        return False
    before = toks[v - 2]
    return before.is_word and before.lower not in AUXILIARIES and before.lower not in FINITE \
        and before.lower not in ("to", "do", "and", "or", "but", "if", "why") \
        and not _pronoun_contraction(before) and not before.lower.endswith(("n't", "n’t"))


def _function_word_name(toks: list[Token], j: int, cue: str) -> bool:
    """``toks[j]``, capitalised right before the cue, spells a modal or a
    preposition but is a surname ("Will wrote", "From said"): a modal would
    take a bare verb after it, a preposition a noun; a past or "-s" form
    after it is the name's verb."""
    t = toks[j]
    if not t.is_cap or not (t.lower in FINITE or t.lower in PREPOSITIONS) or "'" in t.lower or "’" in t.lower:
        return False
    if _base_form(cue) or cue.endswith("ing") or not (cue.endswith(("s", "ed")) or cue in _IRREGULAR_PAST):
        return False
    if t.lower in PREPOSITIONS and not (cue.endswith("ed") or cue in _IRREGULAR_PAST):
        return False  # "From reports of ...", "With notes of ...": a noun after a preposition
    if _title_case(toks):
        return False  # a headline capitalises its modals ("If I Would Have Told")
    prev = toks[j - 1] if j > 0 else None
    return prev is None or not prev.is_word or prev.lower in CLAUSE_STOPS or prev.is_cap


# Past forms of the commonest cue verbs that do not end in "-ed".
_IRREGULAR_PAST = frozenset("said told wrote thought".split())


def _is_date(t: Token) -> bool:
    """A month, a weekday or a number: a date, never who said something."""
    return t.lower in MONTHS or t.lower in WEEKDAYS or t.text[:1].isdigit()


def _doubled_hyphen(toks: list[Token], k: int) -> bool:
    """``toks[k]`` is the second "-" of a "--" typed for a dash."""
    return k >= 1 and toks[k].text == "-" and toks[k - 1].text == "-" \
        and toks[k - 1].end == toks[k].start


# "went on to say", "goes on to call": the verb of saying continues the subject's words.
_GO_ON = frozenset("went goes go going".split())
# Most lower-case words a role before a name may have ("former presidential
# candidate Herman Cain").
_MAX_ROLE_WORDS = 4


def _role_after_quote(toks: list[Token], name_s: int) -> int | None:
    """“...,” former congressman Dan Maffei said: the lower-case role between
    the quotation and the name belongs to the phrase naming the source (the
    subject walk stops at capitals and leaves it out). The index of the
    role's first word, or None when no such role stands there."""
    if not toks[name_s].is_cap:
        return None
    k = name_s - 1
    while k >= 0 and name_s - k <= _MAX_ROLE_WORDS and toks[k].is_word and not toks[k].is_cap:
        low = toks[k].lower
        if low in PREPOSITIONS or low in CLAUSE_STOPS or low in AUXILIARIES or low in FINITE \
                or low in DETERMINERS or low in TIME_WORDS or adverb(toks[k]) or low in ("of", "to"):
            return None
        k -= 1
    if k == name_s - 1 or k < 0 or name_s - k > _MAX_ROLE_WORDS:
        return None
    return k + 1 if closes_quote(toks, k) and k >= 1 and toks[k - 1].text == "," else None


def _has_done(t: Token, low: str) -> bool:
    """"He’s said", "they’ve told": a contracted "has"/"have" before a
    participle of saying. Not "they’re written", "he’s found", "she’d
    continue": a passive, or "would"."""
    tail = t.lower.replace("’", "'").rpartition("'")[2]
    return tail in ("s", "ve") and low in CUE_VERBS and low not in _DOCUMENT_VERBS \
        and low.endswith(("ed", "id", "ld", "te", "wn"))


def _progressive_subject_end(toks: list[Token], i: int) -> int | None:
    """Where the subject ends before a progressive cue ("Marco Rubio is
    criticizing", "He’s also praising", "Trump has been saying"), or None
    when the -ing word at ``i`` is not a cue in the progressive. A plain
    -ing form stays out: ", saying" and "by calling" need their subject
    found elsewhere."""
    if not _ing_cue(toks[i].lower):
        return None
    if i + 1 < len(toks) and (toks[i + 1].lower in PREPOSITIONS or toks[i + 1].lower == "to") \
            and not (toks[i].lower.startswith("call") and toks[i + 1].lower in ("for", "on")):
        return None  # "is adding to his wins", "is telling in its own right": not a credit
    k = skip_aux_back(toks, i - 1, 0)
    if k < 0:
        return None
    if toks[k].lower in _PROGRESSIVE_AUX:
        if toks[k].lower == "been":
            k = skip_aux_back(toks, k - 1, 0)  # "has been": "has" is stepped over
            return k if k >= 0 and toks[k].lower not in _PASSIVE else None
        return skip_aux_back(toks, k - 1, 0)
    if _pronoun_contraction(toks[k]) and toks[k].lower[-1] in "se":  # "he’s", "they’re"
        return k
    return None


def _ing_cue(low: str) -> bool:
    """An -ing form the cue lists hold ("saying", "criticizing"). Deriving
    more from the lists' other forms ("considering", "seeking") cost more
    precision than it gave: "is considering a run" credits no words."""
    return low.endswith("ing") and low in ALL_CUE_VERBS


def _role_before_name(toks: list[Token], s: int, e: int) -> bool:
    """``toks[s:e]`` is a lower-case role, then a name ("said retired
    neurosurgeon Ben Carson", "says political scientist Dossym Satpayev"),
    not an adjunct ("said in a statement", "said repeatedly").
    A role is at most three words and a name follows it."""
    if toks[s].is_cap:
        return False
    # The role's last lower-case word: capitalised words may stand inside
    # the role ("former Utah governor Michael Leavitt", "lobbyist and GOP
    # strategist Charlie Black"), and the name is what follows it.
    last = s
    k = s
    while k < e and k - s < _MAX_ROLE_WORDS + 2:
        t = toks[k]
        if not t.is_word:
            return False
        if not t.is_cap:
            low = t.lower
            if low in PREPOSITIONS or (low in CLAUSE_STOPS and low != "and") or low in TIME_WORDS \
                    or low == "of" or adverb(t) or low in DETERMINERS:
                return False
            last = k
        elif k + 1 < e and toks[k + 1].is_cap and last == k - 1 and k > s:
            break  # two capitals after the role: the name begins
        k += 1
    name = last + 1
    if toks[last].lower == "and" or name - s > _MAX_ROLE_WORDS + 1:
        return False
    # "suggested business mogul Donald Trump’s refusal": the name owns a noun.
    return name + 1 < e and toks[name].is_cap and toks[name + 1].is_cap \
        and not any(t.lower.endswith(("'s", "’s")) for t in toks[name:e])


def _base_form(low: str) -> bool:
    """A cue verb in its bare form ("report", "continue"), whose third
    person ("reports", "continues") is a cue too."""
    return not low.endswith(("s", "ed", "ing")) \
        and (low + "s" in ALL_CUE_VERBS or low + "es" in ALL_CUE_VERBS)


# Past forms of cue verbs that do not end in "-ed".
_IRREGULAR_CUE_PAST = frozenset("said told wrote written thought shown found sought".split())


def _uninflected(low: str) -> bool:
    """A cue word with no past or third-person ending ("reply", "claim"):
    after "a" and a singular noun it is a noun ("a blunt reply:")."""
    return not low.endswith(("s", "ed", "ing")) and low not in _IRREGULAR_CUE_PAST


def _has_quote_mark(words: str) -> bool:
    """Quoted words inside: curly or straight marks, or the doubled apostrophes
    ('') that archive texts use for them."""
    return any(ch in words for ch in "“”\"‘’") or "''" in words


def _modifies_noun(toks: list[Token], i: int) -> bool:
    """The -ed word at ``i`` is followed by a bare noun, as an adjective is
    ("pledged delegates"), not by an object, a clause or an adjunct."""
    if i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    return nxt.is_word and not nxt.is_cap and nxt.lower not in DETERMINERS \
        and nxt.lower not in PREPOSITIONS and nxt.lower not in CLAUSE_STOPS \
        and nxt.lower not in PRONOUNS and nxt.lower != "to"

"""What a source is credited with: the clause after its cue, the words
before it, or a whole quotation."""

from __future__ import annotations

import re

from ..doc import Quote, Span
from ..lexicon import load_words
from ..syntax import coordinated_clause_at
from .edges import strip_span
from .lexical import OPEN_QUOTES, PREPOSITIONS, closes_quote
from .sources import platform_at
from .text import Token
from .words import CLAUSE_SUBJECT_PRONOUNS, FINITE, MONTHS, PRONOUNS, STATEMENT_NOUNS, TIME_ADJUNCTS, WEEKDAYS


def content_after_or_before(
    text: str, toks: list[Token], after: int, mention_s: int, sent: Span,
    quotes: tuple[Quote, ...], to_clause: bool = False, topic: bool = False,
) -> Span | None:
    """What the source is credited with: the clause after the cue, or, when the
    cue closes the sentence ("..., Shehabi wrote."), the words before the source.
    ``topic``: the words after the cue are what was spoken of ("spoke about
    this last week"), never a time or place adjunct."""
    n = len(toks)
    k = after
    cue_end = after
    # "released the following statement: “...”": the statement is the quotation.
    stated = next((m for m in range(after + 1, min(n, after + 2 + _MAX_COLON_TAIL)) if toks[m].text == ":"), None)
    if stated is not None and stated + 1 < n and toks[stated + 1].text in OPEN_QUOTES \
            and any(t.lower in STATEMENT_NOUNS for t in toks[after:stated]):
        after = k = stated
    relative_tail = False
    # "posted on Twitter accusing ...": the platform is where, not what.
    if k + 1 < n and toks[k].lower in ("on", "via") and platform_at(toks, k + 1):
        after = k = k + 2
    # "wrote on Telegram that ...", "said in a statement: ...": skip the adjunct.
    # But "said in a post that has since been deleted": a "that" with a verb
    # right after it opens a relative clause, and the whole tail is the
    # adjunct (where the words went), not what was said.
    elif k < n and toks[k].lower in PREPOSITIONS:
        for m in range(k + 1, min(n, k + 9)):
            if toks[m].lower == "that" and m + 1 < n and toks[m + 1].lower in _RELATIVE_VERBS:
                relative_tail = True
                break
            if toks[m].lower in ("that", ":") or (toks[m].text == "," and m + 1 < n
                                                  and toks[m + 1].text in OPEN_QUOTES):
                after = k = m
                break
    else:
        clause = _clause_after_time(toks, k)
        if clause is not None:
            after = k = clause
    while k < n and toks[k].lower in ("that", ":", ","):
        k += 1
    introduced = quote_after_colon(text, toks, k, quotes)
    if introduced is not None:
        return introduced
    if k >= n and after == n - 1 and toks[after].text == ":" and toks[after - 1].lower in _COLON_CUES:
        # "Hewitt writes:" closing its paragraph: what is credited is the next
        # paragraph, quoted or not.
        return _paragraph_after(text, toks[after].end)
    if n > 1 and toks[-1].text == ":" and any(t.lower in STATEMENT_NOUNS for t in toks[cue_end:-1]) \
            and sum(1 for t in toks[cue_end:-1] if t.is_word) <= _MAX_COLON_TAIL:
        # "said in a statement:", "sent a statement to Fox News:" closing its
        # paragraph: the statement is the next paragraph.
        return _paragraph_after(text, toks[-1].end)
    rest_words = [t for t in toks[k:] if t.is_word]
    # "declined to comment": the to-clause is what is credited, not an adjunct.
    adjunct = (relative_tail or _is_adjunct(toks, after)) and not (to_clause and k < n and toks[k].lower == "to") \
        and not topic
    before_ok = mention_s > 0 and (
        toks[mention_s - 1].text == "," or closes_quote(toks, mention_s - 1)
    )
    if not adjunct and mention_s > 0 and closes_quote(toks, mention_s - 1) and _subordinate_tail(toks, after) \
            and toks[mention_s].lower not in PRONOUNS:
        # "“...,” he wrote last October after The New York Times published a
        # story": a quotation just before the speaker is what the cue
        # credits; the clause after it says when, however long it runs.
        # (Not after a pronoun: what it stands for may be a name inside the
        # quotation, "@Hillary Clinton folks", which is not who wrote it.)
        adjunct = True
    if before_ok and (not rest_words or adjunct):
        content = strip_span(text, sent.start, toks[mention_s].start)
        return widen_to_quote(content, quotes)
    if mention_s == 0 and (not rest_words or adjunct):
        # "Shehabi wrote." split off after a quote by the sentence splitter.
        for q in reversed(quotes):
            if q.kind == "direct" and q.outer_end <= sent.start:
                if not text[q.outer_end : sent.start].strip():
                    return Span(q.start, q.end)
                break
        return None
    if k >= n:
        return None
    quoted = _whole_quote_at(text, toks[k].start, quotes)
    if quoted is not None:
        return quoted
    end = sent.end
    # "When Trump's advisers suggested that Beijing buy more, Mr. Trump
    # wasn't satisfied": what a cue in a leading subordinate clause credits
    # ends with that clause.
    first_comma = next((m for m in range(n) if toks[m].text == ","), n)
    leading = n > 0 and toks[0].lower in _SUBORDINATORS and k < first_comma
    for m in range(k, n):
        if m > k and (toks[m].text in (";", "—", "–") or (leading and m == first_comma)):
            end = toks[m].start
            break
    if to_clause and toks[k].lower == "to" and _JOINED.search(text, toks[k].start, end):
        # "decided to go a different direction and the speech ... bore no
        # resemblance to the draft, according to an adviser": the to-phrase
        # ends where a clause with its own subject is joined to the cue.
        cut = coordinated_clause_at(text[sent.start : sent.end], toks[k].start - sent.start, end - sent.start)
        if cut is not None:
            end = sent.start + cut
    return strip_span(text, toks[k].start, end)


# "and" or "but" before what may open a clause's subject ("and the speech",
# "but he"), which may join a second clause to a cue's "to" phrase: only then
# is the sentence parsed, and the parse decides.
_JOINED = re.compile(
    r"\s(?:and|but)\s+(?:(?:the|a|an|his|her|their|its|this|that|these|those|he|she|they|it|we|i)\b|[A-Z])"
)


# A verb right after "that" makes it a relative pronoun ("a post that has
# since been deleted", "a tweet that was later removed").
_RELATIVE_VERBS = FINITE | frozenset("is are was were".split())


# Most words a cue's clause may hold between the cue and a closing colon
# ("called them on it:", "said in a statement:") for the quotation after the
# colon to be what it credits; a longer clause says something of its own.
_MAX_COLON_TAIL = 6


def quote_after_colon(text: str, toks: list[Token], k: int, quotes: tuple[Quote, ...]) -> Span | None:
    """"Breitbart News responded:" with the quotation opening the next
    paragraph: the sentence ends on the colon, and what the cue credits is
    that quotation, not the few words (if any) between cue and colon."""
    if not toks or toks[-1].text != ":":
        return None
    if sum(1 for t in toks[k:-1] if t.is_word) > _MAX_COLON_TAIL:
        return None
    colon_end = toks[-1].end
    after = [q for q in quotes if q.kind == "direct" and q.outer_start >= colon_end]
    if not after:
        return None
    first = min(after, key=lambda q: q.outer_start)
    if text[colon_end : first.outer_start].strip():
        return None  # other words come first: the colon opens no quotation
    return Span(first.start, first.end)


# Verbs of saying or writing that, closing a paragraph on a colon ("Fox News
# reports:"), hand it the next paragraph (a data file: why it holds these
# and not "found" is written there).
_COLON_CUES = load_words("attribution/colon_cues.txt")


def _paragraph_after(text: str, colon_end: int) -> Span | None:
    """The paragraph after a colon that ends its own paragraph, or None when
    words follow the colon on its line."""
    nl = text.find("\n", colon_end)
    if nl < 0 or text[colon_end:nl].strip():
        return None
    start = nl
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n", start)
    return strip_span(text, start, len(text) if end < 0 else end)


def _whole_quote_at(text: str, at: int, quotes: tuple[Quote, ...]) -> Span | None:
    """The quoted words when a quote opens at ``at`` (right after the cue)
    and closes its clause (“Red for Ed,” in …): what the cue credits ends with the quote,
    not with the sentence. A quote the clause runs on from (“the economy”
    was failing) is not whole."""
    for q in quotes:
        if q.kind != "title" and at in (q.outer_start, q.start):
            inner = text[q.start : q.end].rstrip()
            follow = text[q.outer_end : q.outer_end + 2].lstrip()
            if inner.endswith((",", ".", "!", "?", ";")) or not follow or follow[0] in ",.;:!?—–)":
                return Span(q.start, q.end)
            return None
    return None


def widen_to_quote(content: Span | None, quotes: tuple[Quote, ...]) -> Span | None:
    """A quote that began in an earlier sentence is credited whole."""
    if content is None:
        return None
    for q in quotes:
        if q.kind != "direct":
            continue
        if q.outer_start < content.start < q.outer_end <= content.end + 2:
            return Span(q.start, min(content.end, q.end))
    return content


# Most tokens of a time adjunct between a cue and its clause ("Tuesday
# night", "late last week", "earlier this month").
_MAX_TIME_WORDS = 4


def _clause_after_time(toks: list[Token], k: int) -> int | None:
    """Where the clause a cue credits opens past a time adjunct ("said
    Tuesday that the city will appeal", "tweeted Tuesday night he
    considered Trump the nominee"): the index of its "that" (not a relative
    one: "said Tuesday that was ...") or of its subject pronoun. None when
    no time word follows the cue, or nothing like a clause follows them
    ("said Tuesday." is the adjunct alone)."""
    n = len(toks)
    m = _past_time_words(toks, k)
    if m == k or m >= n:
        return None
    if toks[m].lower == "that" and not (m + 1 < n and toks[m + 1].lower in _RELATIVE_VERBS):
        return m
    if toks[m].lower in CLAUSE_SUBJECT_PRONOUNS and m + 1 < n and toks[m + 1].is_word:
        return m
    return None


def _subordinate_tail(toks: list[Token], k: int) -> bool:
    """The tail after a cue is a subordinate clause, after a time adjunct
    or not ("last October after the Times published a story", "when Clinton
    ended a debate")."""
    tail = [t for t in toks[k:] if t.is_word]
    m = _past_time_words(tail, 0)
    return m < len(tail) and tail[m].lower in _SUBORDINATORS


_TIME_WORDS = TIME_ADJUNCTS | WEEKDAYS | MONTHS


def _past_time_words(toks: list[Token], k: int) -> int:
    """The index past a time adjunct starting at ``toks[k]`` (at most
    ``_MAX_TIME_WORDS`` words; ``k`` when there is none)."""
    m = k
    while m < len(toks) and m - k < _MAX_TIME_WORDS and toks[m].lower in _TIME_WORDS:
        m += 1
    return m


def _is_adjunct(toks: list[Token], k: int) -> bool:
    """The tail after a cue is only a time/place/channel adjunct
    ("said on Monday.", "wrote in a tweet.")."""
    tail = [t for t in toks[k:] if t.is_word]
    if not tail:
        return True
    if tail[0].lower in _RELAY_LEADS:
        return True
    return tail[0].lower in _ADJUNCT_LEADS and len(tail) <= 8


# First words of a tail, of any length, that names whom the source relays,
# not what it said ("..., the New York Times reported, citing a person
# familiar with the matter quoted by the Washington Post.").
_RELAY_LEADS = frozenset({"citing"})


# Words that open a leading subordinate clause.
_SUBORDINATORS = frozenset("when after as before once while until since because although though if".split())


# First words of a short tail that says when, where or how, not what
# ("tweeted before Election Day.", "said shortly after the vote."), or who
# relayed it ("one Weibo commenter said, per Feng.": the quote is the
# commenter's, not "per Feng").
_ADJUNCT_LEADS = frozenset(
    "on in at during late earlier this last yesterday today tuesday monday wednesday thursday friday "
    "saturday sunday via to afterward afterwards later before after shortly ahead overnight per".split()
)

"""Whether one source chain is weak on its own, for ``single_source``.

A key claim resting on one chain gets a card only when that chain is weak on
its own (``weak_chain``): a social-media account the claim rests on
(``posts``), a source the article says it keeps unnamed (``unnamed``, with
words saying so: ``_explicitly_anonymous``), or a medium relaying a state
body. It is not weak when its credit is an admission or negated, when it is
a named speaker's own act or demand (single_source_own_words.py), or when
the attribution stage cut the phrase in the wrong place or typed something
that is no speaker. A claim not ranked key needs a source the article names
as unnamed (``named_as_unnamed``) and a sentence that does not read it off a
document (``names_a_document``).

Kept apart from single_source.py, which finds a claim's support and builds
its card, because these rules read only how the article describes one
source, and they are the part editors' judgements tuned (single_source.py's
docstring gives the counts).
"""

from __future__ import annotations

import re
from functools import cache

from ..attribution.words import ANONYMOUS_HEADS, MONTHS, WEEKDAYS
from ..doc import Claim, Doc, Source, Span
from ..lexicon import load_words
from ..platforms import channel_in, introduced_on_platform
from .single_source_chains import state_of
from .single_source_own_words import own_stance

# An untyped source phrase longer than this, or an unnamed one running on
# this far past its head word, was cut in the wrong place by the attribution stage.
MAX_UNNAMED_WORDS = 10
MAX_WORDS_AFTER_HEAD = 6


def _garbled(source: Source) -> bool:
    """A phrase the attribution stage could not type and cut in the wrong
    place: a card naming it would be nonsense, so the detector stays quiet."""
    words = re.findall(r"[a-z]+", source.name.lower())
    return source.kind == "anonymous" and (
        not words or len(words) > MAX_UNNAMED_WORDS or words[0] in load_words("single_source/unnamed_leads.txt")
    )


_SAYS_UNNAMED = re.compile(r"\b(?:unnamed|unidentified|anonymous)\b", re.IGNORECASE)


def unnamed(source: Source) -> bool:
    """An anonymous source the article really leaves unnamed ("officials",
    "a person familiar with the matter"), not a phrase the attribution stage
    could not type ("the US military"), not the officials of a named body
    ("Berrien County Health Department officials") or of a place's public
    service ("Michigan health authorities"), and not a phrase cut in the
    wrong place ("Yet our shocked State Department experts somehow cannot")."""
    if source.kind != "anonymous" or _garbled(source):
        return False
    if _SAYS_UNNAMED.search(source.name):
        return True  # "two other unidentified women": the name says so, whatever its head word
    cased = re.findall(r"[A-Za-z]+", source.name)
    words = [w.lower() for w in cased]
    # A head word before a capitalised name modifies it ("Israel’s official
    # New York consulate website" is a website, not an official).
    heads = [i for i, w in enumerate(words) if w in ANONYMOUS_HEADS
             and not (i + 1 < len(cased) and cased[i + 1][0].isupper())]
    if not heads:
        return False
    if len(words) - 1 - heads[0] > MAX_WORDS_AFTER_HEAD:
        return False
    named_body = load_words("attribution/org_words.txt") | load_words("single_source/public_service_words.txt")
    return not any(w in named_body for w in words[: heads[0]])


# Words that say outright that a source is kept anonymous: "people familiar
# with the talks", "who spoke on condition of anonymity", "sources said".
_ANONYMITY = re.compile(
    r"familiar with|knowledge of|close to the|condition of anonymity|speaking anonymously|"
    r"not authori[sz]ed to|asked not to be|declined to be (?:named|identified)|"
    r"\bunnamed\b|\bunidentified\b|\banonymous\b|\bsources?\b",
    re.IGNORECASE,
)
ANONYMITY_WINDOW = 120  # characters after a mention searched for the words


def _explicitly_anonymous(doc: Doc, source: Source) -> bool:
    """The article says outright that it keeps this source's name back, in
    its name or right after a mention ("officials who spoke on condition of
    anonymity", "a senior adviser who requested anonymity":
    ``kept_anonymous.txt``). Editors judged the anonymous sources without such words
    mostly wrong: "experts" that were a UN panel's report, "authorities"
    that were the claim's subject, "Latino voters"."""
    if _ANONYMITY.search(source.name) or _kept_anonymous_re().search(source.name):
        return True
    return any(
        _ANONYMITY.search(doc.text, m.start, min(len(doc.text), m.end + ANONYMITY_WINDOW))
        or _kept_anonymous_after(doc, m)
        for m in source.mentions
    )


@cache
def _kept_anonymous_re() -> re.Pattern[str]:
    phrases = sorted(load_words("single_source/kept_anonymous.txt"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


def _kept_anonymous_after(doc: Doc, mention: Span) -> bool:
    """The words after ``mention``, up to ANONYMITY_WINDOW characters and
    not past its sentence, say the article keeps the source's name back."""
    i = doc.sentence_index(mention.start)
    end = min(len(doc.text), mention.end + ANONYMITY_WINDOW)
    if i is not None:
        end = min(end, doc.sentences[i].end)
    return _kept_anonymous_re().search(doc.text, mention.start, end) is not None


def posts(doc: Doc, claim: Claim, source: Source) -> bool:
    """Whether the article has ``source`` speak through its platform for this
    claim: the claim's sentence names the platform ("posted on Twitter
    accusing"), or the article introduces the source by it. An actor
    announcing his own news on a TV show is not resting it on his Instagram
    account."""
    if source.kind != "social_media" or not source.channel or _journalist(source):
        return False
    return channel_in(doc, source, claim.start, claim.end) is not None or introduced_on_platform(doc, source)


@cache
def _journalist_re() -> re.Pattern[str]:
    words = sorted(load_words("single_source/journalist_words.txt"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def _journalist(source: Source) -> bool:
    """A poster the article describes as a journalist ("bureau chief of
    Politico"): the post relays the outlet's reporting."""
    return _journalist_re().search((source.description or "").lower()) is not None


# "his actions blamed on", "his 500 plus-page": a possessive pronoun before a
# word that names no people is a thing, not a speaker.
_POSSESSIVES = frozenset("his her its their".split())
_SUBJECT_PRONOUNS = frozenset("i you he she it we they".split())


def _reads_as_speaker(source: Source) -> bool:
    """Not a phrase the attribution stage typed "anonymous" only because it
    could not type it (a possessive pronoun, then no word for people), not
    a date it took for a name ("from November 10-13, 2012, reports the
    Jewish Virtual Library"), and not a clause ("The AP reported that it
    obtained a draft of a report" typed a document)."""
    words = re.findall(r"[a-z]+", source.name.lower())
    if words and all(w in MONTHS or w in WEEKDAYS for w in words) and any(c.isdigit() for c in source.name):
        return False  # ("Theresa May" and a bare "May" are people)
    if len(words) > 1 and words[0] in _SUBJECT_PRONOUNS:
        return False  # "it obtained a draft of a report": a clause, not a name
    if source.kind != "anonymous":
        return True
    return not (words and words[0] in _POSSESSIVES and not any(w in ANONYMOUS_HEADS for w in words))


def _admitted(doc: Doc, claim: Claim, chain_ids: list[str]) -> bool:
    """Whether the chain's credit inside the claim is all admissions
    ("officials ultimately admitted that ..."): a party conceding a fact
    against itself needs no second witness."""
    span = Span(claim.start, claim.end)
    cues = [
        doc.text[a.cue.start : a.cue.end].lower()
        for a in doc.attributions
        if a.source in chain_ids and a.content.overlaps(span) and a.cue is not None
    ]
    admissions = load_words("single_source/admission_verbs.txt")
    return bool(cues) and all(cue in admissions for cue in cues)


# A negation right before a cue: "has not talked of", "never said", "didn't
# mention" (at most two words between it and the cue).
_NEGATED_CUE = re.compile(r"(?:\b(?:not|never)|n['’]t)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)


def _denied(doc: Doc, claim: Claim, chain_ids: list[str]) -> bool:
    """Whether the chain's every credit inside the claim is negated ("since
    January it has not talked of infrastructure ..."): the claim is the
    outlet's own, about what the source did not say, and does not rest on it."""
    span = Span(claim.start, claim.end)
    cues = [a.cue for a in doc.attributions if a.source in chain_ids and a.content.overlaps(span) and a.cue is not None]
    return bool(cues) and all(_NEGATED_CUE.search(doc.text, max(0, c.start - 30), c.start) for c in cues)


def weak_chain(doc: Doc, claim: Claim, chain_ids: list[str], sources: dict[str, Source]) -> bool:
    """Whether the one chain ``chain_ids`` a claim rests on is weak on its
    own: a post the claim rests on, a source the article says it keeps
    unnamed, or a medium relaying a state body."""
    chain = [sources[i] for i in chain_ids]
    if any(_garbled(s) or not _reads_as_speaker(s) for s in chain):
        return False
    if _admitted(doc, claim, chain_ids) or _denied(doc, claim, chain_ids):
        return False
    # A named speaker's own act or demand; what an unnamed source says a
    # party "must" do is still a report resting on that source.
    if "anonymous" not in {s.kind for s in chain} and own_stance(doc, Span(claim.start, claim.end), chain_ids):
        return False
    kinds = {s.kind for s in chain}
    if any(posts(doc, claim, s) for s in chain):
        return True
    if any(unnamed(s) and _explicitly_anonymous(doc, s) for s in chain):
        return True
    if "media" in kinds and len(kinds) > 1 and any(state_of(s) for s in chain if s.kind != "media"):
        return True
    return False


def named_as_unnamed(doc: Doc, source: Source) -> bool:
    """An anonymous source whose name or a mention says it is unnamed
    ("An unnamed former Democratic congressional aide")."""
    if source.kind != "anonymous" or _garbled(source):
        return False
    return bool(_SAYS_UNNAMED.search(source.name)) or any(
        _SAYS_UNNAMED.search(doc.text, m.start, m.end) for m in source.mentions
    )


@cache
def _document_re() -> re.Pattern[str]:
    words = sorted(load_words("single_source/document_words.txt"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def names_a_document(doc: Doc, claim: Claim) -> bool:
    """Whether the claim names a primary document ("the transcript states",
    "an indictment": ``document_words.txt``) it may be read off."""
    return _document_re().search(doc.text, claim.start, claim.end) is not None

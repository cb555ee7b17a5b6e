"""``single_source``: a key claim whose only support is one source chain, or none.

Support for a claim is every source credited inside its sentence, plus the
sources credited with sentences elsewhere in the article that restate it
(most of their content words are the claim's). Sources are then merged into
chains, because a relay is not a second witness:

* a medium relaying another source is one chain with it (RT reporting what
  the ministry announced);
* a person described as part of another source is that source ("an official
  at the center");
* state bodies of one country speak for one side (the "Russian Defense
  Ministry" and the "Russian Center for Reconciliation").

A key claim supported by one chain gets a card when that one chain is weak
on its own: a social-media account the claim rests on (its sentence names
the platform, or the article introduces the source by it), a source the
article says it keeps unnamed ("people familiar with the talks", "officials
who spoke on condition of anonymity"), or a medium relaying a state body
(RT relaying the Russian Defense Ministry: one party to a conflict through
its own outlet). Editors judging these cards under the rubric found the
wider rules wrong far more often than right on the tuning pages: a named
accuser alone (5 right, 38 wrong: the claim's subject, a body on its own
acts, a court filing), an anonymous-typed phrase without words saying it is
kept anonymous (1 right, 12 wrong: "experts" that were a UN report,
"authorities" that were the subject) and a medium relaying a named
non-state source (1 right, 7 wrong). Those make no card now. A sentence is judged by its main clause: who spoke in a
leading "When ...," clause is an actor in the story, not its source. A named person
speaking on their own account ("Cook said Apple employs 450 Dreamers") is
not flagged: what they said is the claim, and a card there would cry wolf.
Nor is a claim the source admits against itself ("officials ultimately
admitted that ..."): an admission needs no second witness.
A claim with no support at all gets a card only when the whole article
credits nobody and the claim accuses someone, once per article.
"""

from __future__ import annotations

import re
from functools import cache

from ..anchor import make_anchor, make_evidence
from ..attribution.names import mid_sentence, prose_name
from ..attribution.words import ANONYMOUS_HEADS, MONTHS, WEEKDAYS
from ..credits import credited_sources, sentence_credits
from ..doc import Card, Claim, Doc, Severity, Source, Span
from ..lexicon import load_table, load_words
from ..platforms import channel_in, display_name, introduced_on_platform
from ..text import content_words, overlap

# A sentence restates a claim when it shares this much of the claim's content
# and at least MIN_SHARED words with it.
RESTATES = 0.5
MIN_SHARED = 4
# A source credited inside a claim's sentence supports the claim when it is
# credited with at least this share of the claim's content words.
MIN_CREDITED_SHARE = 0.3
# Clause breaks inside one long sentence: each side is its own claim.
CLAUSE_BREAK = re.compile(r"\s*(?:—|–|--|;)\s*(?:while|whereas|and|but)?\b|,\s+while\b|;\s*")


class _Chains:
    """Union-find over source ids."""

    def __init__(self, sources: tuple[Source, ...]) -> None:
        self.parent = {s.id: s.id for s in sources}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        if a in self.parent and b in self.parent:
            self.parent[self.find(a)] = self.find(b)


def _state_of(source: Source) -> str | None:
    """The country a state body belongs to, from its name ("Russian ...")."""
    if source.kind not in ("organization", "media"):
        return None
    name = source.name.lower()
    state_words = load_words("single_source/state_words.txt")
    if not any(w in state_words for w in re.findall(r"[a-z]+", name)):
        return None
    for nation in sorted(load_words("single_source/nationalities.txt"), key=len, reverse=True):
        if re.search(r"(?<![\w.])" + re.escape(nation) + r"(?![\w])", name):
            return {"us": "american", "u.s.": "american", "united states": "american"}.get(
                nation, nation.removesuffix("n") if nation.endswith("ian") else nation
            )
    return None


def build_chains(doc: Doc) -> _Chains:
    chains = _Chains(doc.sources)
    text = doc.text
    by_state: dict[str, str] = {}
    mention_text = {
        s.id: {text[m.start : m.end].lower() for m in s.mentions if m.end - m.start > 3} for s in doc.sources
    }
    for source in doc.sources:
        if source.relayed_by:
            chains.union(source.id, source.relayed_by)
        state = _state_of(source)
        if state:
            if state in by_state:
                chains.union(source.id, by_state[state])
            else:
                by_state[state] = source.id
        if source.description:
            desc = source.description.lower()
            for other in doc.sources:
                if other.id != source.id and any(
                    re.search(r"\b" + re.escape(t) + r"\b", desc) for t in mention_text[other.id]
                ):
                    chains.union(source.id, other.id)
    return chains


def _clauses(text: str, claim: Claim) -> list[Span]:
    spans, pos = [], _main_clause_start(text, claim)
    for m in CLAUSE_BREAK.finditer(text, claim.start, claim.end):
        if m.start() - pos > 40:
            spans.append(Span(pos, m.start()))
            pos = m.end()
    spans.append(Span(pos, claim.end))
    return [s for s in spans if s.end - s.start > 20] or [Span(claim.start, claim.end)]


# "When President Trump's advisers suggested that Beijing buy more, Mr. Trump
# wasn't satisfied": a leading subordinate clause narrates the story; who
# spoke in it is an actor, not the source of the sentence's claim.
SUBORDINATE_LEAD = re.compile(
    r"(?:When|After|As|Before|Once|While|Until|Since|Because|Although|Though|If)\b[^,;:“”\"]{8,160},\s+"
)


def _main_clause_start(text: str, claim: Claim) -> int:
    lead = SUBORDINATE_LEAD.match(text, claim.start, claim.end)
    return lead.end() if lead and claim.end - lead.end() > 20 else claim.start


def _credited_share(doc: Doc, span: Span, sid: str, words: frozenset[str]) -> float:
    """The share of ``span``'s content words that ``sid`` is credited with."""
    if not words:
        return 1.0
    credited: set[str] = set()
    pieces = [a.content for a in doc.attributions if a.source == sid]
    pieces += [Span(q.start, q.end) for q in doc.quotes if q.source == sid]
    for piece in pieces:
        start, end = max(piece.start, span.start), min(piece.end, span.end)
        if start < end:
            credited |= content_words(doc.text[start:end])
    return len(credited & words) / len(words)


def _restates(doc: Doc, words: frozenset[str], sentence: Span) -> bool:
    other = content_words(doc.text[sentence.start : sentence.end])
    return len(words & other) >= MIN_SHARED and overlap(words, other) >= RESTATES


def support(doc: Doc, span: Span, credits: list[tuple[str, ...]] | None = None) -> list[str]:
    """Source ids that support the words in ``span``, in order of credit.
    A source credited in the sentence supports it only when it is credited
    with a real part of its words: "though officials say the risk is low"
    does not source "Three cases of plague have been diagnosed"."""
    words = content_words(doc.text[span.start : span.end])
    found = [sid for sid in credited_sources(doc, span) if _credited_share(doc, span, sid, words) >= MIN_CREDITED_SHARE]
    seen = set(found)
    credits = sentence_credits(doc) if credits is None else credits
    for sentence, credited in zip(doc.sentences, credits):
        if not credited or Span(sentence.start, sentence.end).overlaps(span):
            continue
        if _restates(doc, words, Span(sentence.start, sentence.end)):
            for sid in credited:
                if sid not in seen:
                    seen.add(sid)
                    found.append(sid)
    return found


@cache
def _record_re() -> re.Pattern[str]:
    phrases = sorted(load_words("single_source/record_phrases.txt"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


def _is_accusation(text: str) -> bool:
    """Whether ``text`` accuses some party: an accusation word that is not
    denied ("who denies the accusation"), not an agentless passive ("have been
    killed in a crash": nobody is accused) and not a matter of court record
    ("pleaded guilty to threatening to kill")."""
    low = text.lower()
    if _record_re().search(low):
        return False
    accusing = load_words("single_source/accusation_words.txt")
    not_accusing = load_table("single_source/not_accusing.txt")
    words = re.findall(r"[a-z]+(?:-[a-z]+)?", low)
    for i, w in enumerate(words):
        if w not in accusing:
            continue
        before = words[max(0, i - 3) : i]
        if any(not_accusing.get(b) == "denial" for b in before):
            continue
        if i and not_accusing.get(words[i - 1]) == "passive" and "by" not in words[i + 1 : i + 5]:
            continue
        return True
    return False


def _accused_words(doc: Doc, claim: Claim, chain_ids: list[str]) -> str:
    """What the chain's sources are credited with inside the claim, and how: an
    accusation counts only when it is theirs, not the outlet's own framing
    around their words, and not an allegation repeated in a question they
    asked. The whole claim when no credit's content lies in it (the support
    came from a restatement elsewhere)."""
    ids = set(chain_ids)
    openers = load_words("single_source/question_openers.txt")
    credited = False
    parts = []
    for a in doc.attributions:
        if a.source not in ids or not (a.content.start < claim.end and claim.start < a.content.end):
            continue
        credited = True
        first = doc.text[a.content.start : a.content.end].split(maxsplit=1)[:1]
        if first and first[0].lower() in openers:
            continue  # "demanded how Andrew could ...": a question accuses no one
        if a.cue is not None:  # "accused", "alleged": the cue itself can be the accusation
            parts.append(doc.text[a.cue.start : a.cue.end])
        parts.append(doc.text[max(a.content.start, claim.start) : min(a.content.end, claim.end)])
    return " ".join(parts) if credited else doc.text[claim.start : claim.end]


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


def _unnamed(source: Source) -> bool:
    """An anonymous source the article really leaves unnamed ("officials",
    "a person familiar with the matter"), not a phrase the attribution stage
    could not type ("the US military"), not the officials of a named body
    ("Berrien County Health Department officials") or of a place's public
    service ("Michigan health authorities"), and not a phrase cut in the
    wrong place ("Yet our shocked State Department experts somehow cannot")."""
    if source.kind != "anonymous" or _garbled(source):
        return False
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
    r"\bunnamed\b|\banonymous\b|\bsources?\b",
    re.IGNORECASE,
)
ANONYMITY_WINDOW = 120  # characters after a mention searched for the words


def _explicitly_anonymous(doc: Doc, source: Source) -> bool:
    """The article says outright that it keeps this source's name back, in
    its name or right after a mention ("officials who spoke on condition of
    anonymity"). Editors judged the anonymous sources without such words
    mostly wrong: "experts" that were a UN panel's report, "authorities"
    that were the claim's subject, "Latino voters"."""
    if _ANONYMITY.search(source.name):
        return True
    return any(
        _ANONYMITY.search(doc.text, m.start, min(len(doc.text), m.end + ANONYMITY_WINDOW)) for m in source.mentions
    )


def _posts(doc: Doc, claim: Claim, source: Source) -> bool:
    """Whether the article has ``source`` speak through its platform for this
    claim: the claim's sentence names the platform ("posted on Twitter
    accusing"), or the article introduces the source by it. An actor
    announcing his own news on a TV show is not resting it on his Instagram
    account."""
    if source.kind != "social_media" or not source.channel:
        return False
    return channel_in(doc, source, claim.start, claim.end) is not None or introduced_on_platform(doc, source)


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


def _weak_chain(doc: Doc, claim: Claim, chain_ids: list[str], sources: dict[str, Source]) -> bool:
    chain = [sources[i] for i in chain_ids]
    if any(_garbled(s) or not _reads_as_speaker(s) for s in chain):
        return False
    if _admitted(doc, claim, chain_ids) or _denied(doc, claim, chain_ids):
        return False
    kinds = {s.kind for s in chain}
    if any(_posts(doc, claim, s) for s in chain):
        return True
    if any(_unnamed(s) and _explicitly_anonymous(doc, s) for s in chain):
        return True
    if "media" in kinds and len(kinds) > 1 and any(_state_of(s) for s in chain if s.kind != "media"):
        return True
    return False


def _describe(doc: Doc, claim: Claim, source: Source, sources: dict[str, Source], chain_ids: list[str]) -> str:
    name = prose_name(source.name, source.kind)
    if _posts(doc, claim, source) and source.channel:
        name = f"{name}'s {display_name(source.channel)} account"
    elif _unnamed(source):
        name = f"an unnamed source ({mid_sentence(source.name)})"
    relays = [prose_name(sources[i].name, "media") for i in chain_ids if i != source.id and sources[i].kind == "media"]
    if relays:
        name += ", as relayed by " + " and ".join(relays)
    return name


def _credit_shown(doc: Doc, claim: Claim, source: Source) -> Span | None:
    """The mention of ``source`` a card shows as its evidence: the one in the
    claim's sentence, else the one in a sentence elsewhere that restates the
    claim (the support found there; without it the card would name a
    source the reader cannot find)."""
    inside = next((m for m in source.mentions if claim.start <= m.start and m.end <= claim.end), None)
    if inside is not None:
        return inside
    words = content_words(doc.text[claim.start : claim.end])
    for m in source.mentions:
        i = doc.sentence_index(m.start)
        if i is not None and _restates(doc, words, Span(doc.sentences[i].start, doc.sentences[i].end)):
            return m
    return None


def _card_for(doc: Doc, claim: Claim, chain_ids: list[str], sources: dict[str, Source]) -> Card:
    text = doc.text
    evidence = []
    if chain_ids:
        # The original is the one nobody relays it for; media are relays.
        origin = next((sources[i] for i in chain_ids if sources[i].kind != "media"), sources[chain_ids[0]])
        who = _describe(doc, claim, origin, sources, chain_ids)
        for sid in chain_ids:
            m = _credit_shown(doc, claim, sources[sid])
            if m is not None:
                evidence.append(make_evidence(text, m.start, m.end, "source"))
        title = "This claim rests on a single source"
        body = (
            f"The only support the article gives for this claim is {who}. "
            "No other source in the article says the same thing independently. "
            "Look for a second, independent report before relying on it."
        )
        severity: Severity = "warning" if _posts(doc, claim, origin) or origin.kind == "anonymous" else "caution"
    else:
        title = "No source is given for this claim"
        body = (
            "The article states this in its own voice and credits no one for it, "
            "here or anywhere else in the text. "
            "Look for who first reported it and whether another outlet confirms it."
        )
        severity = "caution"
    return Card(
        id="",
        kind="single_source",
        severity=severity,
        title=title,
        body=body,
        claim=claim.id,
        anchor=make_anchor(text, claim.start, claim.end),
        evidence=tuple(evidence),
    )


def detect(doc: Doc) -> list[Card]:
    if not doc.claims:
        return []
    sources = {s.id: s for s in doc.sources}
    chains = build_chains(doc)
    credits = sentence_credits(doc)
    cards = []
    unsourced_carded = False
    for claim in doc.claims:
        if not claim.key:
            continue
        # A compound sentence makes several claims; the weakest-supported
        # main clause decides.
        weakest: list[str] | None = None
        for clause in _clauses(doc.text, claim):
            ids = support(doc, clause, credits)
            roots = {chains.find(i) for i in ids}
            if len(roots) <= 1 and (weakest is None or len(ids) > 0):
                weakest = ids
                if ids:
                    break
        # "Rests on none" only when the article credits nobody at all: news
        # reporting in the outlet's own voice is normal when other claims
        # around it are sourced, and a card there would cry wolf. (Tried
        # wider on 2026-12-06, once per article whatever else is credited:
        # editors judged 3 of 49 such cards right; the claims were sourced
        # later in the article, matters of record, or accused no one.)
        if weakest is None or (not weakest and doc.attributions):
            continue
        if weakest and not _weak_chain(doc, claim, weakest, sources):
            continue
        if not weakest:
            # An article that credits nobody says so once, on its first key
            # claim that accuses someone: the same note on every key claim is
            # noise, and reviews, listings, essays and eyewitness reports state
            # most things in their own voice as a matter of course.
            if unsourced_carded or not _is_accusation(doc.text[claim.start : claim.end]):
                continue
            unsourced_carded = True
        cards.append(_card_for(doc, claim, weakest, sources))
    return cards

"""``single_source``: a key claim whose only support is one source chain, or none.

Support for a claim is every source credited inside its sentence, plus the
sources credited with sentences elsewhere in the article that restate it
(most of their content words are the claim's). Sources are then merged into
chains, because a relay is not a second witness (single_source_chains.py:
a medium and what it relays, a person and the body they speak for, the
state bodies of one country).

A key claim supported by one chain gets a card when that one chain is weak
on its own (single_source_weak.py decides): a social-media account the
claim rests on (its sentence names the platform, or the article introduces
the source by it), a source the article says it keeps unnamed ("people
familiar with the talks", "officials who spoke on condition of anonymity",
"two unidentified women"), or a medium relaying a state body (RT relaying
the Russian Defense Ministry: one party to a conflict through its own
outlet). Editors judging these cards under the rubric found the wider rules
wrong far more often than right on the tuning pages: a named accuser alone
(5 right, 38 wrong: the claim's subject, a body on its own acts, a court
filing), an anonymous-typed phrase without words saying it is kept
anonymous (1 right, 12 wrong: "experts" that were a UN report,
"authorities" that were the subject) and a medium relaying a named
non-state source (1 right, 7 wrong). Those make no card now. A sentence is
judged by its main clause: who spoke in a leading "When ...," clause is an
actor in the story, not its source. Not flagged either, because a card
there would cry wolf:

* a named person speaking on their own account ("Cook said Apple employs
  450 Dreamers"): what they said is the claim;
* a claim the source admits against itself ("officials ultimately admitted
  that ..."): an admission needs no second witness;
* a speaker's own act or demand ("We have since terminated this employee",
  tweets "saying he needed to investigate ..."): the rubric's "own words
  about its own decisions" (single_source_own_words.py; 2 wrong cards of 9
  on the tuning pages on 2026-12-06);
* support found only in a sentence elsewhere that shares a few names with
  the claim but restates little of it: a card would name the wrong source
  (2 wrong cards of 9);
* a post by a poster the article describes as a journalist ("bureau chief
  of Politico"): it relays the outlet's reporting (judged debatable).

A claim the model does not rank key gets the same card only when its one
source is one the article names as unnamed ("An unnamed former aide told
Politico"), and not when the sentence reads it off a document (2 cards on
the tuning pages, both judged right, both recorded misses; the wider set of
sources the article calls unnamed would add as many doubtful cards: so did
sources it says it keeps anonymous, "a U.S. official, who ... spoke only on
condition of anonymity", in the eleventh session, 3 right and 2 debatable
of 5, the debatable two shown as relayed unnamed sources).

A claim with no support at all gets a card when the whole article credits
nobody and the claim accuses someone, once per article; and, key or not,
when it charges an identified party with a wrongdoing (lying, a cover-up,
fraud ...) in the outlet's own voice and nobody in the article supports it,
once per party charged and at most twice per article
(single_source_accusation.py: 7 right and 1 debatable of 8 on the tuning
pages, where carding every unsourced accusation made 3 right cards of 49).
"""

from __future__ import annotations

import re
from functools import cache

from ..anchor import make_anchor, make_evidence
from ..attribution.names import mid_sentence, prose_name
from ..attribution.words import PRONOUNS
from ..credits import credited_sources, sentence_credits
from ..doc import Card, Claim, Doc, Severity, Source, Span
from ..lexicon import load_table, load_words
from ..platforms import display_name
from ..text import content_words, overlap
from .single_source_accusation import CreditedWords, outlet_accusation
from .single_source_chains import Chains, build_chains
from .single_source_weak import named_as_unnamed, names_a_document, posts, unnamed, weak_chain

# A sentence restates a claim when it shares this much of the claim's content
# and at least MIN_SHARED words with it.
RESTATES = 0.5
MIN_SHARED = 4
# A source credited inside a claim's sentence supports the claim when it is
# credited with at least this share of the claim's content words.
MIN_CREDITED_SHARE = 0.3
# Clause breaks inside one long sentence: each side is its own claim.
CLAUSE_BREAK = re.compile(r"\s*(?:—|–|--|;)\s*(?:while|whereas|and|but)?\b|,\s+while\b|;\s*")


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


# Support found only in a sentence elsewhere makes a card only when that
# sentence restates most of the claim: a short quote sharing a few names with
# a long claim ("The problem is not the Iran nuclear deal it's the Iranian
# regime," said the source) is not what the claim rests on, and a card naming
# its source names the wrong one (2 wrong cards of 9 on the tuning pages).
MIN_RESTATED_SHARE = 0.4


def _found_in_claim_or_restated(doc: Doc, span: Span, ids: list[str], credits: list[tuple[str, ...]]) -> bool:
    """Whether every source in ``ids`` is credited inside ``span`` or in a
    sentence that restates most of its words."""
    words = content_words(doc.text[span.start : span.end])
    inside = set(credited_sources(doc, span))
    for sid in ids:
        if sid in inside:
            continue
        restating = (
            Span(sentence.start, sentence.end)
            for sentence, credited in zip(doc.sentences, credits)
            if sid in credited and not Span(sentence.start, sentence.end).overlaps(span)
        )
        if not any(
            _restates(doc, words, sentence)
            and len(words & content_words(doc.text[sentence.start : sentence.end])) >= MIN_RESTATED_SHARE * len(words)
            for sentence in restating
        ):
            return False
    return True


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


def _shown_as_pronoun(doc: Doc, claim: Claim, ids: list[str], sources: dict[str, Source]) -> bool:
    """The claim credits its source only by a pronoun ("Then she invoked
    ..."): the card would name whoever coreference guessed, and the reader
    sees "she" as its evidence. Stay quiet rather than name a wrong source."""
    for i in ids:
        m = _credit_shown(doc, claim, sources[i])
        if m is not None and doc.text[m.start : m.end].strip().lower() in PRONOUNS:
            return True
    return False


# A source named by nothing more than these words ("a source", "the source",
# "sources") is named in full by "an unnamed source".
_BARE_SOURCE_WORDS = frozenset({"a", "an", "the", "one", "source", "sources"})


def _describe(doc: Doc, claim: Claim, source: Source, sources: dict[str, Source], chain_ids: list[str]) -> str:
    name = prose_name(source.name, source.kind)
    if posts(doc, claim, source) and source.channel:
        name = f"{name}'s {display_name(source.channel)} account"
    elif unnamed(source):
        # "an unnamed source (a source)" says nothing twice
        bare = set(re.findall(r"[a-z]+", source.name.lower())) <= _BARE_SOURCE_WORDS
        name = "an unnamed source" if bare else f"an unnamed source ({mid_sentence(source.name)})"
    relay_ids = [i for i in chain_ids if i != source.id and sources[i].kind == "media"]
    # The medium the attribution stage found relaying the source ("told
    # Politico"), though the claim's support did not credit it.
    relay = source.relayed_by
    if relay in sources and sources[relay].kind == "media" and relay not in relay_ids:
        relay_ids.append(relay)
    relays = [prose_name(sources[i].name, "media") for i in relay_ids]
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
        severity: Severity = "warning" if posts(doc, claim, origin) or origin.kind == "anonymous" else "caution"
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


# An article gets at most this many cards for charges in its own voice, and
# one per party charged: a polemic full of them is one problem, and the
# reader needs it shown, not repeated on every line ("The CIA's cover-up
# ... was even more brilliant", then "The CIA's cunning cover-up ...").
MAX_CHARGE_CARDS = 2


def _unsourced_charge(doc: Doc, claim: Claim, credits: list[tuple[str, ...]],
                      credited: CreditedWords) -> tuple[str, Span] | None:
    """The party the claim charges with a wrongdoing in the outlet's own
    voice ("Schiff has already lied about ...", "murdered by French
    agents"), lower-cased, and the charging word's span, when no one in the
    article supports the charge (single_source_accusation.py says what it
    reads, and why so narrowly: carding every unsourced accusation made 3
    right cards of 49)."""
    for clause in _clauses(doc.text, claim):
        found = outlet_accusation(doc, clause, credited)
        if found is not None:
            charge, accused = found
            if support(doc, clause, credits):
                return None
            return doc.text[accused.start : accused.end].lower(), charge
    return None


_WORD_PART = re.compile(r"[\w-]")
_UP_PARTICLE = re.compile(r"(?:\s+[\w'’]+){0,2}?\s+up\b")


def _charge_card(doc: Doc, claim: Claim, charge: Span) -> Card:
    """The card for a charge in the outlet's own voice that nobody in the
    article supports. It names the charging word ("lied", "cover-up"), so
    the reader sees which words are the outlet's unsupported charge, and it
    names no party: the parse knows only the head word of who is charged."""
    text = doc.text
    start, end = charge.start, charge.end
    while start > 0 and _WORD_PART.match(text[start - 1]):
        start -= 1  # the whole of "cover-up", which the parser splits
    while end < len(text) and _WORD_PART.match(text[end]):
        end += 1
    if text[start:end].lower().startswith("cover") and (up := _UP_PARTICLE.match(text, end)):
        end = up.end()  # "covering this up", not "covering"
    word = text[start:end]
    return Card(
        id="",
        kind="single_source",
        severity="caution",
        title="No source is given for this charge",
        body=(
            f"The article itself makes this charge (“{word}”) and credits no one for it, "
            "here or anywhere else in the text. "
            "Look for who first made it and what evidence they gave."
        ),
        claim=claim.id,
        anchor=make_anchor(text, claim.start, claim.end),
    )


def detect(doc: Doc) -> list[Card]:
    if not doc.claims:
        return []
    sources = {s.id: s for s in doc.sources}
    chains = build_chains(doc)
    credits = sentence_credits(doc)
    cards = []
    unsourced_carded = False
    charges: list[tuple[Claim, str, Span]] = []
    credited = CreditedWords(doc)
    named_unnamed = {s.id for s in doc.sources if named_as_unnamed(doc, s)}
    credited_unnamed = [
        span for a in doc.attributions if a.source in named_unnamed
        for span in (a.content, a.source_span) if span is not None
    ]
    for claim in doc.claims:
        if claim.key:
            card = _key_claim_card(doc, claim, sources, chains, credits, unsourced_carded)
        else:
            card = _unnamed_by_name_card(doc, claim, sources, chains, credits, credited_unnamed)
        if card is not None:
            unsourced_carded = unsourced_carded or not card.evidence
            cards.append(card)
        elif (charged := _unsourced_charge(doc, claim, credits, credited)) is not None:
            charges.append((claim, *charged))
    # Not only key claims: a charge of lying or a cover-up is what a reader
    # must weigh, whatever the claim model ranks first. A party charged more
    # than once gets its card on a key claim if one is key, else the first.
    carded: set[str] = set()
    for claim, accused, charge in sorted(charges, key=lambda c: (not c[0].key, c[0].start)):
        if accused not in carded and len(carded) < MAX_CHARGE_CARDS:
            carded.add(accused)
            cards.append(_charge_card(doc, claim, charge))
    return sorted(cards, key=lambda c: c.anchor.start)


def _unnamed_by_name_card(doc: Doc, claim: Claim, sources: dict[str, Source], chains: Chains,
                          credits: list[tuple[str, ...]], credited_unnamed: list[Span]) -> Card | None:
    """A claim the model does not rank key, resting on one source whose very
    name says it is kept unnamed ("an unnamed former aide told a magazine",
    "an anonymous woman wrote"): the article tells the reader it cannot say
    who. Only such names: on the tuning pages the wider set of sources the
    article calls unnamed ("the source", "people familiar with ...") on
    claims that are not key made as many doubtful cards as good ones.
    ``credited_unnamed`` are the spans crediting such sources: a claim that
    holds none is passed over without the cost of finding its support."""
    if not any(Span(claim.start, claim.end).overlaps(s) for s in credited_unnamed):
        return None
    for clause in _clauses(doc.text, claim):
        ids = support(doc, clause, credits)
        if not ids or len({chains.find(i) for i in ids}) > 1:
            continue
        if not any(named_as_unnamed(doc, sources[i]) for i in ids) or names_a_document(doc, claim):
            return None
        if weak_chain(doc, claim, ids, sources) and _found_in_claim_or_restated(doc, clause, ids, credits):
            return _card_for(doc, claim, ids, sources)
        return None
    return None


def _key_claim_card(doc: Doc, claim: Claim, sources: dict[str, Source], chains: Chains,
                    credits: list[tuple[str, ...]], unsourced_carded: bool) -> Card | None:
    # A compound sentence makes several claims; the weakest-supported
    # main clause decides.
    weakest: list[str] | None = None
    weakest_clause = Span(claim.start, claim.end)
    for clause in _clauses(doc.text, claim):
        ids = support(doc, clause, credits)
        roots = {chains.find(i) for i in ids}
        if len(roots) <= 1 and (weakest is None or len(ids) > 0):
            weakest, weakest_clause = ids, clause
            if ids:
                break
    # "Rests on none" only when the article credits nobody at all: news
    # reporting in the outlet's own voice is normal when other claims
    # around it are sourced, and a card there would cry wolf. (Tried
    # wider on 2026-12-06, once per article whatever else is credited:
    # editors judged 3 of 49 such cards right; the claims were sourced
    # later in the article, matters of record, or accused no one.) The
    # narrow exception, a charge in the outlet's own voice, is
    # _unsourced_charge.
    if weakest is None or (not weakest and doc.attributions):
        return None
    if _shown_as_pronoun(doc, claim, weakest, sources):
        return None
    if weakest and not weak_chain(doc, claim, weakest, sources):
        return None
    if weakest and not _found_in_claim_or_restated(doc, weakest_clause, weakest, credits):
        return None
    if not weakest:
        # An article that credits nobody says so once, on its first key
        # claim that accuses someone: the same note on every key claim is
        # noise, and reviews, listings, essays and eyewitness reports state
        # most things in their own voice as a matter of course.
        if unsourced_carded or not _is_accusation(doc.text[claim.start : claim.end]):
            return None
    return _card_for(doc, claim, weakest, sources)

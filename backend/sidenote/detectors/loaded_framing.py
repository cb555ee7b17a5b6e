"""loaded_framing: wording that carries a verdict, in the outlet's own voice
or inside someone's quotation.

The text-level finder (:mod:`sidenote.framing`) proposes spans; this module
decides whose words they are (the outlet's, or a quoted speaker's, from
``Doc.quotes``), keeps only what it is sure of, and writes at most one card
per sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..anchor import make_anchor, make_evidence
from ..attribution.names import prose_name
from ..attribution.words import PRONOUNS
from ..doc import Card, Doc, Evidence, Quote, Severity, Source, Voice
from ..framing import FramingSpan, find_loaded_spans
from ..framing.rules import is_contested
from ..framing.tokens import SHORT_QUOTE_WORDS, quote_regions
from ..letters import signed_paragraphs
from ..lexicon import load_words
from ..syntax import negated, reported_by
from ..turns import TurnIndex, transcript_turns
from .pasted_posts import post_words

# A card needs one of these from the reviewed word lists; intensifiers,
# hyperbole and the token model's finds only add evidence to such a card.
# They are common enough in plain news prose that alone they would make
# false alarms, and a false alarm is worse than no note.
STRONG_LABELS = frozenset({"name_calling", "scare_quotes", "so_called", "emotive", "identity", "verdict_pair"})
RULE_SCORE = 1.0
# The token model's spans join a card only when it is this sure.
MODEL_SUPPORT_SCORE = 0.9
# Sentences longer than this are anchored on the loaded phrase instead.
LONG_SENTENCE = 320

# Severity: the outlet's own loaded words colour facts the reader relies on
# the outlet for, so they merit "caution". Loaded words inside a quotation
# are fairly reported speech: the reader only needs to know whose judgement
# it is, so "info". Nothing here is a "warning": wording is not a falsehood.
SEVERITY: dict[Voice, Severity] = {"outlet": "caution", "quoted": "info"}
TITLES = {
    "outlet": "Loaded wording in the outlet's own voice",
    "quoted": "Loaded wording inside a quotation",
}
LABEL_NOTES = {
    "name_calling": "a label",
    "scare_quotes": "scare quotes",
    "so_called": "\"so-called\"",
    "emotive": "an emotive word",
    "intensifier": "an intensifier",
    "identity": "an identity word used as weight",
    "hyperbole": "an overstatement",
    "verdict_pair": "a pair of verdict words",
}
MAX_LISTED = 4  # words named in a card body
# A speaker talking about their own life in the first person ("I went back to
# my hotel room in tears... so stupid"): a word from the experience list there
# is how it felt to them, not a verdict on anyone, and a card would cry wolf.
FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Mm]yself)\b")
# The same kind of word said of what happened rather than of anyone: "It was
# terrifying," she said; "every parent's worst nightmare". Only right after
# "it/that/this" and a linking verb (at most two words between), or after
# "worst" for "worst nightmare": "their plan is stupid" still passes a verdict.
FELT = re.compile(
    r"(?:\b(?:[Ii]t|[Tt]hat|[Tt]his)\s*(?:was|is|['’]s|felt|feels|seemed|has\s+been|had\s+been)\s+"
    r"(?:[\w'’-]+\s+){0,2}|\bworst\s+)$"
)
_WORD = re.compile(r"[\w'’-]+")
# "the new Ukrainian president was not corrupt": an emotive word the sentence
# denies of its subject is not a verdict it passes. Only right after a negated
# "to be": "not the cowardly souls who..." still passes one.
DENIED = re.compile(
    r"\b(?:(?:is|was|are|were|be|been|being)\s+(?:not|never)|(?:is|was|are|were)n['’]t)\s+$", re.IGNORECASE
)
# "It turns out that I was more courageous than I knew": an emotive word the
# writer or speaker says of themself is a self-description, not a verdict
# on anyone else. Only right after "I" and a linking verb (with at most two
# words between, "I was so very stupid").
SELF_DESCRIBED = re.compile(
    r"\bI\s+(?:am|was|felt|feel|seemed|became|had\s+been|have\s+been|['’]m|['’]ve\s+been)\s+"
    r"(?:[\w'’-]+\s+){0,2}$"
)
QUOTE_MARKS = "“”‘’\"'"
# Weight words (an emotive word, a pair of verdict words) pass a verdict
# only when there is a party to judge. On a page about no public matter
# (a gadget review, a music story, business advice) the outlet's "absurd
# questions", "hell-bent on" old cables or "Nonsense!" are its style, and a
# card would cry wolf. Labels, scare quotes, "so-called" and identity words
# name or mark people and groups, so they need no such test.
PUBLIC_AFFAIRS_GATED = frozenset({"emotive", "verdict_pair"})
# Public-affairs words (data/framing/public_affairs.txt) per 1,000 words
# of the article for it to count as about public affairs: about one every
# 250 words. Read on the extraction pages and the propaganda training
# articles: political opinion runs at 40 to 50 and the thinnest of it (an
# Epstein column) at about 6; the music, culture, gadget-review and
# business-advice pages whose emotive words cried wolf at 0 to 3.
PUBLIC_AFFAIRS_PER_1000 = 4.0
# Religious words (data/framing/religious_words.txt) per 1,000 words for a
# page to be about faith, where the moral vocabulary
# (data/framing/moral_vocabulary.txt) is the genre's, not a verdict. On the
# tuning pages homilies, pastoral letters and church polemics run at 25 and
# more; news mentioning a church, at under 5.
RELIGIOUS_PER_1000 = 12.0
# Any of these up to three words before a loaded word denies or questions
# it: "not so outrageous", "we are not fools", "no terrorists".
NEGATORS = frozenset({"not", "never", "no", "nor", "hardly", "n't", "isn't", "wasn't", "aren't", "weren't",
                      "isn’t", "wasn’t", "aren’t", "weren’t"})
NEGATION_WINDOW = 3
# Lines before a loaded word searched for one ending on a colon.
INTRODUCED_LINES = 3


@dataclass(frozen=True)
class _Item:
    span: FramingSpan
    voice: Voice
    speaker: str | None  # Source.id for quoted words


def detect(doc: Doc) -> list[Card]:
    text = doc.text
    if not text.strip():
        return []
    partial = _partial_quotes(doc)
    items = _attribute(doc, _candidate_spans(doc, partial), partial)
    gated = [it for it in items if it.voice == "outlet" and it.span.label in PUBLIC_AFFAIRS_GATED]
    if gated and not is_public_affairs(text):
        items = [it for it in items if it not in gated]
    items = [it for it in items if not _in_embed(doc, it.span) and not _negated(text, it.span)]
    items = [it for it in items if not (it.voice == "outlet" and _introduced_by_colon(text, it.span.start))]
    # An interview answer printed as a transcript ("JP: ...") is the guest's
    # voice, not the outlet's; whose exactly the card could not say safely.
    turns = TurnIndex(transcript_turns(text))
    items = [it for it in items if not (it.voice == "outlet" and turns.holding(it.span.start, it.span.end))]
    # So are a reader's letter printed over the writer's name and a post a
    # paragraph copies with its signature: the writer's voice.
    signed = signed_paragraphs(doc) + post_words(doc) if any(it.voice == "outlet" for it in items) else []
    items = [it for it in items
             if not (it.voice == "outlet" and any(a <= it.span.start and it.span.end <= b for a, b in signed))]
    items = [it for it in items if not (it.voice == "outlet" and _reported(doc, it.span))]
    # Last of the tests each word passes on its own, as it may parse.
    items = [it for it in items if not _negated_in_parse(doc, it.span)]
    if any(_moral_word(text, it.span) for it in items) and is_religious(text):
        items = [it for it in items if not _moral_word(text, it.span)]
    by_sentence: dict[tuple[int, int], list[_Item]] = {}
    for item in items:
        by_sentence.setdefault(_sentence_of(doc, item.span.start), []).append(item)
    cards = []
    for (s_start, s_end), found in sorted(by_sentence.items()):
        card = _card(doc, s_start, s_end, found)
        if card is not None:
            cards.append(card)
    return cards


def is_public_affairs(text: str) -> bool:
    """Whether ``text`` is about public affairs: government, politics, law,
    crime, war, or the institutions and communities public argument is
    about. True when words from ``data/framing/public_affairs.txt`` (one or
    two words each, case-insensitive) make up at least
    PUBLIC_AFFAIRS_PER_1000 of every 1,000 words. A page-level test on
    purpose: in an opinion piece about impeachment the outlet's "farce"
    judges the hearings even in a sentence that names no one, while in a
    gadget review "hell-bent on" judges nobody."""
    terms = load_words("framing/public_affairs.txt")
    # "the president's" counts as "president"
    words = [w.removesuffix("'s").removesuffix("’s") for w in _WORD.findall(text.lower())]
    hits = i = 0
    while i < len(words):
        if i + 1 < len(words) and f"{words[i]} {words[i + 1]}" in terms:
            hits += 1
            i += 2
            continue
        hits += words[i] in terms
        i += 1
    return bool(words) and 1000 * hits >= PUBLIC_AFFAIRS_PER_1000 * len(words)


def is_religious(text: str) -> bool:
    """Whether ``text`` is about faith: religious words make up at least
    RELIGIOUS_PER_1000 of every 1,000 words."""
    terms = load_words("framing/religious_words.txt")
    words = [w.removesuffix("'s").removesuffix("’s") for w in _WORD.findall(text.lower())]
    return bool(words) and 1000 * sum(w in terms for w in words) >= RELIGIOUS_PER_1000 * len(words)


def _moral_word(text: str, span: FramingSpan) -> bool:
    words = _WORD.findall(text[span.start : span.end].strip(QUOTE_MARKS).lower())
    return bool(words) and all(w in load_words("framing/moral_vocabulary.txt") for w in words)


def _in_embed(doc: Doc, span: FramingSpan) -> bool:
    """Inside an embedded post: the post's author's words, which the page
    shows as the post itself, not the outlet's prose. Editors judged every
    such card wrong on the tuning pages (9 of 9 outlet-voiced)."""
    i = doc.block_index(span.start)
    return i is not None and doc.article.blocks[i].kind == "embed"


def _negated(text: str, span: FramingSpan) -> bool:
    """A negation right before the word: "not so outrageous", "we are not
    fools". Editors judged such cards wrong 14 times in 19."""
    before = [w.lower() for w in _WORD.findall(text[max(0, span.start - 60) : span.start])][-NEGATION_WINDOW:]
    return any(_negates(w) for w in before)


def _negates(word: str) -> bool:
    """A lower-case word that negates what follows ("not", "never", "isn't")."""
    return word in NEGATORS or word.endswith(("n't", "n’t"))


def _negated_in_parse(doc: Doc, span: FramingSpan) -> bool:
    """A negation further back than ``_negated`` reads, that a parse of the
    sentence puts over the word: "None of this means the plan is crazy",
    "It does not follow that the mayor is corrupt"."""
    s_start, s_end = _sentence_of(doc, span.start)
    if span.end > s_end:
        return False
    # Only a sentence with a word that can negate needs the parse, which is
    # the costly part (the soak's p99 is near its limit).
    words = {w.lower() for w in _WORD.findall(doc.text[s_start:s_end])}
    if not any(_negates(w) or w == "cannot" for w in words) and words.isdisjoint(
        load_words("syntax/negative_subjects.txt")
    ):
        return False
    return negated(doc.text[s_start:s_end], span.start - s_start, span.end - s_start)


def _reported(doc: Doc, span: FramingSpan) -> bool:
    """Paraphrase: the words sit under a speech verb with a subject that is
    not the writer ("Trump said that ... illegals ...", "he noted that a
    false flag could be used"); the dependency parse (sidenote.syntax)
    decides. The rubric gives reported speech to the speaker, so an
    outlet-voiced card there is wrong (12 of 19 such cards on the tuning
    pages were). Crediting the words to the speaker instead was tried:
    editors found the paraphrase's words often the outlet's own choice
    (2 right of 9), so the card stays quiet."""
    s_start, s_end = _sentence_of(doc, span.start)
    if span.end > s_end:
        return False
    return reported_by(doc.text[s_start:s_end], span.start - s_start, span.end - s_start) is not None


def _introduced_by_colon(text: str, pos: int) -> bool:
    """One of the few lines before this one ends on a colon ("The letter
    reads:", "He tweeted:"), or the line just before ends a credit on a
    comma (``_introduced_by_comma``): what follows is likely someone else's
    words that plain text lost the quote marks of. Outlet-voiced cards after
    a colon were wrong 25 times in 36 on the tuning pages; stay quiet."""
    line_start = text.rfind("\n", 0, pos) + 1
    if text[line_start:pos].rstrip().endswith(":"):
        return True  # "Stated Stone: ..." on the same line
    lines = [line for line in text[max(0, line_start - 2000) : line_start].split("\n") if line.strip()]
    if lines and _introduced_by_comma(lines[-1]):
        return True
    return any(line.rstrip().endswith(":") for line in lines[-INTRODUCED_LINES:])


def _introduced_by_comma(line: str) -> bool:
    """The line just before ends a credit on a comma ("ICE Deputy Director
    Thomas Homan said in a statement Tuesday,"): the next line is that
    statement, printed without its quote marks."""
    stripped = line.rstrip()
    if not stripped.endswith(","):
        return False
    words = [w.lower() for w in _WORD.findall(stripped)]
    return not load_words("syntax/speech_verbs.txt").isdisjoint(words[-8:])


def _candidate_spans(doc: Doc, partial: dict[Quote, str]) -> list[FramingSpan]:
    """The finder's spans, with scare quotes decided by ``Doc.quotes`` where
    the quotes stage has seen the quote."""
    text = doc.text
    quotes = doc.quotes
    out: list[FramingSpan] = []
    for sp in find_loaded_spans(text, model_regions=lambda found: _card_sentences(doc, found)):
        if sp.score < RULE_SCORE and sp.score < MODEL_SUPPORT_SCORE:
            continue
        if sp.label == "scare_quotes" and quotes:
            continue  # taken from Doc.quotes below
        out.append(sp)
    for q in quotes:
        if q.kind == "scare" and _is_loaded_scare(text, q) and not _inside_direct(q, quotes) and q not in partial:
            scare = FramingSpan(q.outer_start, q.outer_end, "scare_quotes")
            # the scare quote supersedes any finer span inside it
            out = [sp for sp in out if not (q.outer_start <= sp.start and sp.end <= q.outer_end)]
            if not any(sp.start < scare.end and scare.start < sp.end for sp in out):
                out.append(scare)
    return sorted(out, key=lambda s: s.start)


def _card_sentences(doc: Doc, found: list[FramingSpan]) -> list[tuple[int, int]]:
    """The sentences that can hold a card: those with a word-list find or a
    scare quote. Only there does the token model's word matter (it vetoes
    doubtful weight words and adds evidence; it never opens a card on its
    own: cards it opened alone were right 24 times in 98 on the tuning
    pages, and no verifier threshold kept more right than wrong ones), so
    it is run only there."""
    return [_sentence_of(doc, sp.start) for sp in found] + [
        _sentence_of(doc, q.outer_start) for q in doc.quotes if q.kind == "scare"
    ]


def _is_loaded_scare(text: str, q: Quote) -> bool:
    """Scare quotes around contested words (people, groups, political ideas)
    only: quotes around a new or technical term are ordinary news style.
    The quotes stage decides that a quote is nobody's; this decides that it
    is loaded, with the finder's own tests."""
    inner = text[q.start : q.end]
    return (
        0 < len(inner.split()) <= SHORT_QUOTE_WORDS
        and inner[0].islower()  # a capitalised one is a name or a title
        and inner[-1].isalnum()  # “Journalist.” ends like a fragment of speech
        and is_contested(inner)
    )


def _partial_quotes(doc: Doc) -> dict[Quote, str]:
    """Short quotes that sit inside words credited to a source through a cue
    ("Schlabach said politicians have “vilified” educators"), or that follow
    the speaker and the cue in the same sentence ("Trump said … and slammed
    the hearings as a “disgrace.”"): a partial quotation, so the speaker's
    words, not the outlet's scare quotes. Maps each to its speaker's
    Source.id."""
    out: dict[Quote, str] = {}
    for q in doc.quotes:
        if q.kind != "scare":
            continue
        sentence = _sentence_of(doc, q.outer_start)
        for a in doc.attributions:
            if a.cue is None:
                continue
            if a.content.start <= q.outer_start and q.outer_end <= a.content.end:
                out[q] = a.source
                break
            # "Trump said he had watched ... and slammed the hearings as a
            # “disgrace.”": the speaker and the cue come first in the sentence.
            if (a.source_span is not None and sentence[0] <= a.source_span.start
                    and a.cue.end <= q.outer_start and q.outer_end <= sentence[1]):
                out[q] = a.source
                break
    return out


def _inside_direct(q: Quote, quotes: tuple[Quote, ...]) -> bool:
    return any(
        o.kind == "direct" and o is not q and o.start <= q.outer_start and q.outer_end <= o.end for o in quotes
    )


def _attribute(doc: Doc, spans: list[FramingSpan], partial: dict[Quote, str]) -> list[_Item]:
    """Whose words each span is. Words inside a direct or a partial
    quotation are the speaker's; inside a title they are a name and
    dropped; otherwise the outlet's. Without quotes from the pipeline, long
    double-quoted passages are taken as someone's words (speaker unknown)."""
    items: list[_Item] = []
    if doc.quotes:
        quotes = [(q.start, q.end, q.kind, q.source) for q in doc.quotes if q.kind != "scare"]
        quotes += [(q.start, q.end, "direct", source) for q, source in partial.items()]
    else:
        quotes = [
            (s, e, "direct", None)
            for s, e in quote_regions(doc.text)
            if len(doc.text[s:e].split()) > SHORT_QUOTE_WORDS
        ]
    for sp in spans:
        holder = None
        for q_start, q_end, kind, source in quotes:
            if q_start <= sp.start and sp.end <= q_end:
                if holder is None or q_end - q_start < holder[1] - holder[0]:
                    holder = (q_start, q_end, kind, source)  # the innermost quote speaks
        if holder is None:
            items.append(_Item(sp, "outlet", None))
        elif holder[2] == "direct":
            items.append(_Item(sp, "quoted", holder[3]))
        # inside a title: the words name a work, not anyone's verdict
    return items


def _sentence_of(doc: Doc, offset: int) -> tuple[int, int]:
    k = doc.sentence_index(offset)
    if k is not None:
        return doc.sentences[k].start, doc.sentences[k].end
    for block in doc.article.blocks:
        if block.start <= offset < block.end:
            return block.start, block.end
    start = doc.text.rfind("\n", 0, offset) + 1
    end = doc.text.find("\n", offset)
    return start, len(doc.text) if end == -1 else end


def _card(doc: Doc, s_start: int, s_end: int, found: list[_Item]) -> Card | None:
    """One card for a sentence: the outlet's words if it has any strong
    ones, else the quoted words."""
    own_life = bool(FIRST_PERSON.search(doc.text, s_start, s_end))
    for voice in ("outlet", "quoted"):
        mine = [it for it in found if it.voice == voice]
        mine = [it for it in mine if not _denied(doc.text, it.span) and not _self_described(doc.text, it.span)]
        if voice == "quoted":
            mine = [
                it for it in mine if not (_experience(doc.text, it.span) and (own_life or _felt(doc.text, it.span)))
            ]
        strong = [it for it in mine if it.span.label in STRONG_LABELS and it.span.score >= RULE_SCORE]
        strong = [it for it in strong if not _too_mild_to_open(doc.text, it.span, voice)]
        if strong:
            return _make_card(doc, s_start, s_end, voice, mine)
    return None


def _too_mild_to_open(text: str, span: FramingSpan, voice: Voice) -> bool:
    """A word that only adds evidence to a card something stronger opens:
    a contested label that is also ordinary or official usage
    (data/framing/contested_labels.txt: "regime", "illegal aliens"), or, in
    someone's quotation, a label too mild for a card on its own
    (data/framing/mild_in_quotes.txt)."""
    words = text[span.start : span.end].strip(QUOTE_MARKS).lower()
    if words in load_words("framing/contested_labels.txt"):
        return True
    return voice == "quoted" and words in load_words("framing/mild_in_quotes.txt")


def _denied(text: str, span: FramingSpan) -> bool:
    return span.label == "emotive" and bool(DENIED.search(text, max(0, span.start - 16), span.start))


def _self_described(text: str, span: FramingSpan) -> bool:
    return span.label == "emotive" and bool(SELF_DESCRIBED.search(text, max(0, span.start - 40), span.start))


def _felt(text: str, span: FramingSpan) -> bool:
    return bool(FELT.search(text, max(0, span.start - 40), span.start))


def _experience(text: str, span: FramingSpan) -> bool:
    words = _WORD.findall(text[span.start : span.end].lower())
    experience = load_words("framing/experience_words.txt")
    return span.label == "emotive" and bool(words) and all(w in experience for w in words)


def _make_card(doc: Doc, s_start: int, s_end: int, voice: Voice, items: list[_Item]) -> Card:
    text = doc.text
    evidence = tuple(make_evidence(text, it.span.start, it.span.end, it.span.label) for it in items)
    if s_end - s_start > LONG_SENTENCE:
        a_start, a_end = evidence[0].start, evidence[-1].end
    else:
        a_start, a_end = s_start, s_end
    speaker = _speaker_name(doc, items, s_start, s_end) if voice == "quoted" else None
    return Card(
        id="",
        kind="loaded_framing",
        severity=SEVERITY[voice],
        title=TITLES[voice],
        body=_body(voice, evidence, speaker),
        anchor=make_anchor(text, a_start, a_end),
        claim=_claim_at(doc, a_start, a_end),
        evidence=evidence,
        voice=voice,
    )


def _speaker_name(doc: Doc, items: list[_Item], s_start: int, s_end: int) -> str | None:
    """The speaker's name as it reads mid-sentence ("the passage", not
    "The passage": the card says "The quotation from ..."), when the card's
    sentence names them. A speaker the attribution stage found sentences
    away (through "he", a paragraph's lead-in) is left as "the person
    quoted": on the tuning pages such named cards were judged wrong 17 times
    in 23, most for naming the wrong speaker (fourteenth session)."""
    sources = {s.id: s for s in doc.sources}
    for it in items:
        source = sources.get(it.speaker or "")
        if source is not None and _named_in(doc.text, source, s_start, s_end):
            return prose_name(source.name, source.kind)
    return None


def _named_in(text: str, source: Source, start: int, end: int) -> bool:
    """A mention of ``source`` by name, or the last word of its name, lies
    in ``text[start:end]``. A pronoun is no name: "He once called it “the
    biggest hoax”" after "..., according to OpenSecrets" named the data
    source as the speaker, through the pronoun coreference had tied to it."""
    if any(start <= m.start < end and text[m.start : m.end].strip().lower() not in PRONOUNS
           for m in source.mentions):
        return True
    words = source.name.split()
    return bool(words) and re.search(rf"\b{re.escape(words[-1])}\b", text[start:end]) is not None


def _listing(evidence: tuple[Evidence, ...]) -> str:
    parts = [f"“{_unquoted(e.exact)}” ({LABEL_NOTES.get(e.label, 'loaded wording')})" for e in evidence]
    shown = parts[:MAX_LISTED]
    if len(parts) > MAX_LISTED:
        shown.append(f"{len(parts) - MAX_LISTED} more")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _unquoted(words: str) -> str:
    """Scare-quoted words without their own marks (the listing adds marks)."""
    if len(words) > 2 and words[0] in QUOTE_MARKS and words[-1] in QUOTE_MARKS:
        return words[1:-1]
    return words


def _body(voice: Voice, evidence: tuple[Evidence, ...], speaker: str | None) -> str:
    words = _listing(evidence)
    if voice == "outlet":
        seen = f"The article itself uses {words} here, not a quoted speaker."
    else:
        who = speaker or "the person quoted"
        seen = f"The quotation from {who} uses {words}; these are the speaker's words, not the outlet's."
    return (
        f"{seen} Wording like this carries a judgement that the facts reported may not support on their own. "
        "Compare how a neutral source describes the same people or events."
    )


def _claim_at(doc: Doc, start: int, end: int) -> str | None:
    for claim in doc.claims:
        if claim.start <= start and end <= claim.end:
            return claim.id
    return None

"""Features of one candidate card, as sparse string keys.

Every feature is a plain string (``"kind=loaded_framing"``,
``"lf:w=regime"``); the model gives each a weight. They describe what an
editor looks at: the card's kind, voice and evidence labels; the loaded
words themselves; whether a word is negated, sits inside someone's
attributed words, or is capitalised mid-sentence (a name); the kind of
page (public affairs or not); and, for a single source, what kind of
source it names and where that source stands in the claim.
"""

from __future__ import annotations

import re

from ..detectors.social_quote_speech import medium_of_the_credit
from ..doc import Card, Doc, Quote, Source, Span
from ..lexicon import load_words
from ..syntax import parse

_WORD = re.compile(r"[\w'’-]+")
QUOTE_MARKS = "“”‘’\"'"
# Words that, just before a loaded word, deny or question it.
NEGATORS = frozenset({"not", "never", "no", "nor", "hardly", "isn't", "wasn't", "aren't", "weren't",
                      "isn’t", "wasn’t", "aren’t", "weren’t", "without", "neither"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "our", "us"})


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    return sum(value >= e for e in edges)


def rate_per_1000(text: str, list_name: str) -> float:
    """Words of ``data/<list_name>`` per 1,000 words of ``text``."""
    terms = load_words(list_name)
    words = [w.removesuffix("'s").removesuffix("’s") for w in _WORD.findall(text.lower())]
    return 1000 * sum(w in terms for w in words) / len(words) if words else 0.0


def public_affairs_rate(text: str) -> float:
    """Public-affairs words per 1,000 words (the list the framing detector uses)."""
    terms = load_words("framing/public_affairs.txt")
    words = [w.removesuffix("'s").removesuffix("’s") for w in _WORD.findall(text.lower())]
    if not words:
        return 0.0
    hits = sum(w in terms for w in words)
    return 1000 * hits / len(words)


def _sentence(doc: Doc, pos: int) -> tuple[int, int]:
    i = doc.sentence_index(pos)
    if i is not None:
        return doc.sentences[i].start, doc.sentences[i].end
    return pos, pos


def _words_before(text: str, start: int, n: int) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[max(0, start - 60) : start])][-n:]


def _inside_attributed(doc: Doc, start: int, end: int) -> bool:
    return any(a.content.start <= start and end <= a.content.end for a in doc.attributions)


def _common(doc: Doc, card: Card, page: dict[str, float]) -> list[str]:
    k = card.kind
    out = [f"kind={k}", f"{k}:sev={card.severity}", f"{k}:voice={card.voice}", f"{k}:pa={page['pa']}",
           *([f"{k}:density={page['density']}", f"{k}:{card.voice}:density={page['density']}"]
             if "density" in page and k == "loaded_framing" else []),
           f"{k}:genre={page['genre']}", f"{k}:quotes={page['quotes']}", f"{k}:{card.voice}:quotes={page['quotes']}"]
    block = doc.block_index(card.anchor.start)
    if block is not None:
        out.append(f"{k}:block={doc.article.blocks[block].kind}")
        out.append(f"{k}:blockpos={min(block, 3)}")
    out.append(f"{k}:len={_bucket(card.anchor.end - card.anchor.start, (40, 120, 250))}")
    out.append(f"{k}:n_ev={min(len(card.evidence), 3)}")
    return out


def _framing(doc: Doc, card: Card) -> list[str]:
    text = doc.text
    out = []
    sentence = _sentence(doc, card.anchor.start)
    s_words = {w.lower() for w in _WORD.findall(text[sentence[0] : sentence[1]])}
    v = card.voice
    if s_words & FIRST_PERSON:
        out.append(f"lf:first_person:{v}")
    if s_words & speech_cues():
        out.append(f"lf:speech_cue:{v}")
    if _after_colon(doc, card.anchor.start):
        out.append(f"lf:after_colon:{v}")
    for e in card.evidence:
        word = e.exact.strip(QUOTE_MARKS).lower()
        out += [f"lf:lab={e.label}", f"lf:lab={v}:{e.label}", f"lf:w={word}", f"lf:w={v}:{word}"]
        before = _words_before(text, e.start, 3)
        if NEGATORS & set(before):
            out.append("lf:negated")
        if before:
            out.append(f"lf:prev={before[-1]}")
        if _inside_attributed(doc, e.start, e.end):
            out.append(f"lf:attributed:{v}")
        if e.exact[:1].isupper() and e.start > sentence[0] + 1:
            out.append("lf:capitalised")
        if e.exact[:1] in QUOTE_MARKS:
            out.append("lf:quoted_words")
        out += _grammar(text, sentence, e.start, e.end)
    return out


def _grammar(text: str, sentence: tuple[int, int], start: int, end: int) -> list[str]:
    """What the loaded word does in its sentence, from the dependency parse:
    its relation to its head ("amod" of a noun, "acomp" after "is", ...),
    the head's part of speech, whether that head is a name (the word judges
    someone named) and whether the head is negated. Generalises where the
    word itself (``lf:w=``) only memorises."""
    parsed = parse(text[sentence[0] : sentence[1]]) if sentence[0] <= start < end <= sentence[1] else None
    if parsed is None:
        return []
    a, b = start - sentence[0], end - sentence[0]
    inside = [t for t in parsed if a <= t.idx < b]
    roots = [t for t in inside if not (a <= t.head.idx < b) or t.head is t]
    if not roots:
        return []
    root = roots[0]
    head = root.head
    out = [f"lf:dep={root.dep_}", f"lf:head_tag={head.tag_[:2]}", f"lf:dep_head={root.dep_}:{head.tag_[:2]}"]
    if head.tag_ in ("NNP", "NNPS") or any(c.tag_ in ("NNP", "NNPS") for c in head.children if c.dep_ == "compound"):
        out.append("lf:head_is_name")
    if any(c.dep_ == "neg" for c in head.children) or any(c.dep_ == "neg" for c in root.children):
        out.append("lf:parse_negated")
    subject = next((c for c in parsed[0].sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in ("i", "we", "you"):
        out.append(f"lf:subject={subject.lower_}")
    return out


def speech_cues() -> frozenset[str]:
    return load_words("attribution/cue_verbs.txt")


def _after_colon(doc: Doc, pos: int) -> bool:
    """One of the three lines before the one holding ``pos`` ends on a
    colon: the words here may be a reprinted letter, post or statement that
    line introduced. Lines, not blocks: a plain-text article may be one
    block with a sentence on each line."""
    text = doc.text
    line_start = text.rfind("\n", 0, pos) + 1
    lines = [line for line in text[max(0, line_start - 2000) : line_start].split("\n") if line.strip()][-3:]
    return any(line.rstrip().endswith(":") for line in lines)


def _source_of(doc: Doc, start: int, end: int) -> Source | None:
    for s in doc.sources:
        if any(m.start == start and m.end == end for m in s.mentions):
            return s
    return None


def _single_source(doc: Doc, card: Card) -> list[str]:
    out = []
    if not card.evidence:
        out.append("ss:no_source")
    body = card.body.lower()
    for marker in ("unnamed source", "account", "as relayed by"):
        if marker in body:
            out.append(f"ss:says={marker}")
    for e in card.evidence:
        s = _source_of(doc, e.start, e.end)
        if s is not None:
            out.append(f"ss:src_kind={s.kind}")
            out.append(f"ss:src_head={s.name.split()[-1].lower() if s.name.split() else ''}")
        # The source named in the first words of the claim is often its subject.
        if e.start - card.anchor.start < 25:
            out.append("ss:source_opens_claim")
    # By span, not id: a card kept with a label has no id of this run.
    claim = next((c for c in doc.claims if c.start <= card.anchor.start < c.end), None)
    if claim is not None:
        out.append(f"ss:score={_bucket(claim.score, (0.5, 0.7, 0.85))}")
    return out


def _social_quote(doc: Doc, card: Card) -> list[str]:
    out = [f"sq:title={card.title}"]
    words = len(card.anchor.exact.split())
    out.append(f"sq:words={_bucket(words, (4, 10, 25))}")
    for e in card.evidence:
        out.append(f"sq:ev={e.label}")
    out.append(f"sq:tie={_tie(doc, card)}")
    return out


def _tie(doc: Doc, card: Card) -> str:
    """How the page ties the quoted words to the post: by the platform's
    word in the quote's own sentence, where a parse finds it the medium of
    the act that credits them ("confirmed"), in another clause
    ("other_clause") or cannot tell ("unknown"); by a word in another
    sentence ("other_sentence"); or by none ("none"). Over every round of
    the tuning pages' judged social quotes, the first was right 98 times
    in 110, another sentence 22 in 32, "unknown" 3 in 6 and another clause
    5 in 20 (thirteenth session)."""
    platform = next((e for e in card.evidence if e.label == "platform_attribution"), None)
    if platform is None:
        return "none"
    first, last = doc.sentence_index(card.anchor.start), doc.sentence_index(max(card.anchor.start, card.anchor.end - 1))
    at = doc.sentence_index(platform.start)
    if first is None or last is None or at is None or not first <= at <= last:
        return "other_sentence"
    quote = Quote(card.anchor.start, card.anchor.end, card.anchor.start, card.anchor.end, "direct")
    verdict = medium_of_the_credit(doc, quote, Span(platform.start, platform.end))
    return {True: "confirmed", False: "other_clause", None: "unknown"}[verdict]


def page_features(doc: Doc, candidates: list[Card] | None = None) -> dict[str, float]:
    words = max(1, len(_WORD.findall(doc.text)))
    out: dict[str, float] = {
        "pa": _bucket(public_affairs_rate(doc.text), (2, 4, 8, 16)),
        "genre": _bucket(rate_per_1000(doc.text, "framing/religious_words.txt"), (5, 12, 25)),
        # many quotations per word: the page reprints others' words (letters, interviews)
        "quotes": _bucket(1000 * len(doc.quotes) / words, (5, 10, 20)),
    }
    if candidates is not None:
        # loaded-wording candidates per 1,000 words: a page that frames
        # throughout, or one loaded word in plain reporting
        framing = sum(c.kind == "loaded_framing" for c in candidates)
        out["density"] = _bucket(1000 * framing / words, (1, 3, 6, 10))
    return out


def card_features(doc: Doc, card: Card, page: dict[str, float] | None = None) -> list[str]:
    page = page if page is not None else page_features(doc)
    out = _common(doc, card, page)
    if card.kind == "loaded_framing":
        out += _framing(doc, card)
    elif card.kind == "single_source":
        out += _single_source(doc, card)
    elif card.kind == "unverified_social_quote":
        out += _social_quote(doc, card)
    return sorted(set(out))

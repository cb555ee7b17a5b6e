"""Charges stated as fact in the outlet's own voice, with no source at all.

The rubric counts a claim that rests on no source as a single_source
problem "where the claim accuses someone". Editors on the tuning pages
recorded many such clear misses ("authorities have lied to the American
people", "Schiff has already lied about his staff's prior contacts",
"obviously concocted by British intelligence services"). But when the
detector carded unsourced accusations widely (once per article, any
accusation word, whatever else was credited), editors judged 46 of 49 such
cards wrong: death tolls and battles ("killed", "attacked", "invaded") that
accuse no one in particular, matters of record (a guilty plea, a trial),
sermons' generalities, and claims credited in a nearby sentence.

So this finds only the narrow shape a careful editor flags, read from a
dependency parse of the candidate sentence (``sidenote.syntax``):

* a word that charges deceit, concealment, fraud, corruption or a crime
  (``data/single_source/wrongdoing_words.txt``), not harm or conflict, and
  not in its plain sense ("lying on the floor", "stole the show":
  ``literal_senses.txt``); a killing only as a passive with its agent
  ("murdered by French agents"), since "the gunman murdered 58 people" is a
  crime report;
* with an identified doer: the subject of the verb ("Schiff has lied", "the
  media misreported"), the agent of a passive ("murdered by French
  agents"), the owner of the noun ("the CIA's cover-up") or the subject of
  the verb whose object the noun is ("committed fraud"). A bare pronoun
  ("they", "he") or a generic word names no one the reader can identify,
  and a person in a story ("the suspect stole a car") is crime narrative
  resting on the police around it: after "the", only a body counts ("the
  media", "the police": ``institution_words.txt``);
* asserted, not negated, hedged or only possible ("accused of lying",
  "allegedly rigged", "may have hidden", "if the sources lied":
  ``hedges.txt``), not a question, not a circumstance in a subordinate
  clause ("when the Reds have just assassinated ..."), not read off evidence
  ("a note ... proving that the FBI lied": ``evidence_verbs.txt``), not in a
  title ("Why Kennedy Was Assassinated by Douglas Horne"), and not a matter
  of court record (``court_words.txt``);
* in the outlet's own words: not inside quotation marks, not in words the
  attribution stage credits to anyone, not under a speech verb with a
  speaker ("Trump said they lied"), and not in a first-person testimony the
  page reproduces (a letter printed whole: "I" and "me" all around it).

On the tuning pages (2026-12-06) this makes 8 cards on 335 pages, which
editors judged 7 right ("Schiff has already lied ...", "the FBI is
actively covering this up", "the police and the FBI has hidden from the
American people", "murdered by French agents", "the media very
deliberately misreported ...", "Cardinal Danneels, who covered up ...",
"The CIA's cunning cover-up in the JFK assassination worked brilliantly")
and 1 debatable (a columnist's thesis that "the Obama administration lied",
backed by quotes elsewhere). Two shapes it found before were narrowed after
the panel's judgement: "The Democrats are criminal" (invective, not a charge
about acts: debatable) and an accused's own denial taken as no support
("Hillary lied repeatedly when she first denied ...": the miss was
withdrawn as not clear). The caller checks that nobody else in the article
supports the claim.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from ..doc import Doc, Span
from ..intervals import Intervals
from ..lexicon import load_table, load_words
from ..syntax import parse, reported_by

if TYPE_CHECKING:
    from spacy.tokens import Token

# Words before a charge searched for a hedge ("was accused of lying").
HEDGE_WINDOW = 5
SUBJECT_ARCS = frozenset({"nsubj", "nsubjpass"})
RELATIVE = frozenset({"who", "that", "which"})
# Pronouns and words that name no one the reader can identify.
_NO_ONE = frozenset(
    "i you he she it we they this that these those who which what there one someone somebody anyone "
    "everyone people others some many most all his her their its my our your".split()
)


@cache
def _words() -> dict[str, str]:
    return load_table("single_source/wrongdoing_words.txt")


@cache
def _prefilter() -> re.Pattern[str]:
    forms = sorted(_words(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])", re.IGNORECASE)


@cache
def _literal() -> re.Pattern[str]:
    phrases = sorted(load_words("single_source/literal_senses.txt"), key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")\b", re.IGNORECASE)


@cache
def _court() -> re.Pattern[str]:
    phrases = sorted(load_words("single_source/court_words.txt"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


def _identified(token: Token) -> bool:
    """Whether a subject or agent names a party the reader can identify:
    a name ("Schiff", "the FBI"), a noun a name or an owner qualifies ("the
    mayor's office", "Democrat election officials") or a body after "the"
    ("the media": ``institution_words.txt``); not a pronoun, a generic word
    or a person in a story ("the suspect")."""
    if token.lower_ in _NO_ONE or token.tag_ in ("PRP", "WP", "EX", "DT"):
        return False
    if token.tag_ in ("NNP", "NNPS"):
        return True
    if token.tag_ not in ("NN", "NNS"):
        return False
    # "British intelligence services", "Democrat election officials", "the mayor's office"
    if any(
        (c.dep_ == "poss" and c.lower_ not in _NO_ONE) or (c.dep_ in ("compound", "amod") and c.text[:1].isupper())
        for c in token.children
    ):
        return True
    # "the media", "the police"; not "the suspect", "the gunman"
    return token.lower_ in load_words("single_source/institution_words.txt") and any(
        c.dep_ == "det" and c.lower_ == "the" for c in token.children
    )


def _subject(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_ARCS), None)
    # "Schiff, who has lied ...": the relative pronoun stands for its head.
    if subject is not None and subject.lower_ in RELATIVE and verb.dep_ == "relcl":
        return verb.head
    if subject is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head) if verb.dep_ != "advcl" else None
    return subject


def _agent(verb: Token) -> Token | None:
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _doer(token: Token, how: str) -> Token | None:
    """Who ``token`` charges, if the parse names them."""
    if how in ("verb", "cover", "conceal", "passive"):
        if not token.tag_.startswith("VB"):
            return None
        if how == "cover" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children):
            return None
        # "from" anywhere after it: the parse often hangs it on the object
        after = (t for t in token.subtree if t.i > token.i)
        if how == "conceal" and not any(t.dep_ == "prep" and t.lower_ == "from" for t in after):
            return None
        if any(c.dep_ == "neg" for c in token.children):
            return None
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children) or (
            token.tag_ == "VBN" and token.dep_ in ("acl", "amod") and not any(c.dep_ == "nsubj" for c in token.children)
        )
        if how == "passive":
            return _agent(token) if passive else None
        return _agent(token) if passive else _subject(token)
    if how == "noun":
        if not token.tag_.startswith("NN"):
            return None
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
        head = token
        while head.dep_ in ("dobj", "pobj", "prep", "conj") and head.head is not head:
            head = head.head
            if head.pos_ == "VERB":
                return _subject(head)
        return None
    if how == "adj":
        # Only said of the doer ("were clearly illegal"), not a label on a
        # noun ("illegal immigrants", "the criminal Democrat Party").
        if token.dep_ != "acomp":
            return None
        subject = _subject(token.head)
        if subject is None or subject.lower_ not in load_words("single_source/act_nouns.txt"):
            return None  # "The Democrats are criminal": a label on a party, not a charge about acts
        return next((c for c in subject.children if c.dep_ == "poss"), None)
    return None


def _hedged(sentence: Any, token: Token) -> bool:
    """A hedge a few words before the charge, a modal on it ("may have
    hidden"), or a hedge or condition above it in the parse ("Viganò's
    allegations that he had informed Bergoglio of McCarrick's crimes", "if
    the sources lied")."""
    hedges = load_words("single_source/hedges.txt")
    before = [t.lower_ for t in sentence[max(0, token.i - HEDGE_WINDOW) : token.i]]
    if any(w in hedges or w.endswith("n't") for w in before):
        return True
    evidence = load_words("single_source/evidence_verbs.txt") | load_words("syntax/speech_verbs.txt")
    for head in (token, *token.ancestors):
        if head is not token and (head.lower_ in hedges or (head.tag_.startswith("VB") and head.lower_ in evidence)):
            return True
        if head.dep_ == "advcl" and any(c.dep_ == "mark" for c in head.children):
            return True  # "when the Reds have just assassinated ...": a circumstance, not the claim
        if any(c.dep_ in ("aux", "mark", "neg") and c.lower_ in hedges | {"not", "n't"} for c in head.children):
            return True
    return False


class CreditedWords:
    """Where a document's quoted words and the words the attribution stage
    credits to someone lie, built once per document: asked of every
    charging word of every claim, a scan of all quotes and credits would be
    quadratic on a long text (issue #15)."""

    def __init__(self, doc: Doc) -> None:
        self._quotes = Intervals(doc.quotes, lambda q: (q.start, q.end))
        self._credited = Intervals(doc.attributions, lambda a: (a.content.start, a.content.end))

    def quoted(self, pos: int) -> bool:
        return self._quotes.any_containing(pos, pos + 1)

    def holds(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is inside quoted words or overlaps
        words credited to someone."""
        return self._quotes.any_containing(start, end) or self._credited.any_overlapping(start, end)


# A sentence with this many first-person words ("I", "me", "my") around it,
# outside quotation marks, is a first-person testimony the page reproduces
# (a letter, a statement), not the outlet's own voice.
FIRST_PERSON = re.compile(r"\b(?:I|me|my)\b")
TESTIMONY_WORDS = 2
TESTIMONY_SENTENCES = 4


def _testimony(doc: Doc, span: Span, credited: CreditedWords) -> bool:
    i = doc.sentence_index(span.start)
    if i is None:
        return False
    near = doc.sentences[max(0, i - TESTIMONY_SENTENCES) : i + TESTIMONY_SENTENCES + 1]
    found = 0
    for sentence in near:
        for m in FIRST_PERSON.finditer(doc.text, sentence.start, sentence.end):
            if not credited.quoted(m.start()):
                found += 1
    return found >= TESTIMONY_WORDS


def outlet_accusation(doc: Doc, span: Span, credited: CreditedWords) -> tuple[Span, Span] | None:
    """The charge ``doc.text[span]`` states in the outlet's own voice
    against an identified party, if there is one: the span of the charging
    word and the span of the head word naming the party charged ("CIA" in
    "the CIA's cover-up"). ``span`` is one sentence or one clause of it;
    ``credited`` is the document's CreditedWords."""
    text = doc.text[span.start : span.end]
    # The cheap tests first: most sentences hold no charging word at all.
    hits = list(_prefilter().finditer(text))
    if not hits or text.rstrip().endswith("?") or _court().search(text):
        return None
    if all(credited.holds(span.start + m.start(), span.start + m.end()) for m in hits):
        return None
    if _testimony(doc, span, credited):
        return None
    words = _words()
    parsed = parse(text)
    if parsed is None:
        return None
    for token in parsed:
        # The parser splits "cover-up" into "cover", "-", "up", and "up" heads it.
        joined = token.i + 2 < len(parsed) and parsed[token.i + 1].text == "-"
        how = words.get(f"{token.lower_}-{parsed[token.i + 2].lower_}") if joined else None
        if how is not None:
            token = parsed[token.i + 2]
        else:
            how = words.get(token.lower_)
        if how is None:
            continue
        start, end = span.start + token.idx, span.start + token.idx + len(token.text)
        if credited.holds(start, end) or _hedged(parsed, token):
            continue
        if _literal().match(text, token.idx):
            continue  # "lying on the floor", "covered up with a tarp": the plain sense
        if token.i > 0 and token.text[:1].isupper() and not token.text.isupper():
            continue  # a title mid-sentence ("Why Kennedy Was Assassinated by ...")
        doer = _doer(token, how)
        if doer is None or not _identified(doer):
            continue
        if reported_by(text, token.idx, token.idx + len(token.text)) is not None:
            continue
        return Span(start, end), Span(span.start + doer.idx, span.start + doer.idx + len(doer.text))
    return None

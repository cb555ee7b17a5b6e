"""The attribution stage on small hand-made articles and on the seed article,
each read as the product reads it: extraction, then the sentences and quotes
stages (``doc_through``, staged.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from staged import doc_through

from sidenote.attribution.model import viterbi
from sidenote.attribution.names import prose_name
from sidenote.doc import Doc, Quote, Source, Span
from sidenote.pipeline.attribution import attribute

SEED = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "seed-article.txt"


def source_named(doc: Doc, name: str) -> Source:
    hits = [s for s in doc.sources if name in s.name]
    assert len(hits) == 1, [s.name for s in doc.sources]
    return hits[0]


def relay(text: str, outlet: str, relayed: str, words: str) -> tuple[Source, Source]:
    """The outlet and the source it relays, after checking that both are
    credited with ``words`` and that the second is relayed by the first."""
    doc = doc_through("attribution", text)
    first, second = source_named(doc, outlet), source_named(doc, relayed)
    assert second.relayed_by == first.id and first.relayed_by is None
    assert credited_with(doc, words) == {first.id, second.id}
    return first, second


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
        # A time adjunct after the cue: the quote before the source is the content.
        ("“Governor Bevin has done a wonderful job for Kentucky!” Trump tweeted before Election Day.",
         "Trump", "social_media", "Governor Bevin has done a wonderful job for Kentucky!"),
        # A share of a group in a poll: unnamed people, whatever its figures look like.
        ("About three in 10 voters said the economy was their main worry.",
         "About three in 10 voters", "anonymous", "the economy was their main worry"),
        ("Forty-four percent of Americans say the inquiry is fair.",
         "Forty-four percent of Americans", "anonymous", "the inquiry is fair"),
        # A role before a name: the person, though the role names a body.
        ("State Department official David Holmes said the call was unusual.",
         "State Department official David Holmes", "person", "the call was unusual"),
        ("Senate Majority Leader Mitch McConnell said the bill was dead.",
         "Senate Majority Leader Mitch McConnell", "person", "the bill was dead"),
        # A time opening the sentence is not part of the subject.
        ("Last year China disclosed that 24 diplomats had fallen ill.",
         "China", "organization", "24 diplomats had fallen ill"),
        # A country speaking is the state, an organization.
        ("China disclosed on Monday that 24 diplomats had fallen ill.",
         "China", "organization", "24 diplomats had fallen ill"),
        # ...but a body named after a word for a body stays the body.
        ("The rights group Human Rights Watch said the camp was closed.",
         "Human Rights Watch", "organization", "the camp was closed"),
        # A bare plural before a verb of saying is its source, listed or not.
        ("But opponents say the wage increase will push companies out of the state.",
         "opponents", "anonymous", "the wage increase will push companies"),
        # A possessive apostrophe after a plural name is inside the phrase.
        ("Bernie Sanders’ campaign says it raised more than $21 million in January.",
         "Bernie Sanders’ campaign", "organization", "it raised more than $21 million"),
        # ", saying" after a closing quote mark or a dash credits the subject.
        ("Donald Trump delivered a defense of “New York values,” saying the city embodies them.",
         "Donald Trump", "person", "the city embodies them"),
        ("Marco Rubio flipped his choice on the spot – saying he was rooting for Peyton Manning.",
         "Marco Rubio", "person", "he was rooting for Peyton Manning"),
        # ... and a subject led by "one" or "a" before its verb.
        ("One operative inside Trump Tower tried to downplay the comments, saying they were minor.",
         "operative inside Trump Tower", "person", "they were minor"),
        # Inverted cue with a lower-case role before the name.
        ("“It is over,” said retired neurosurgeon Ben Carson.",
         "Ben Carson", "person", "It is over"),
    ],
)
def test_single_credit(text: str, name: str, kind: str, words: str) -> None:
    doc = doc_through("attribution", text)
    s = source_named(doc, name)
    assert s.kind == kind
    assert credited_with(doc, words) == {s.id}


def test_pronoun_resolves_to_last_person() -> None:
    # "he said" is the most recent person, not the organization in between.
    text = ("Senator Tom Hill said the bill was dead. The Budget Office disagreed.\n\n"
            "“It will pass by Friday,” he said.")
    doc = doc_through("attribution", text)
    hill = source_named(doc, "Tom Hill")
    assert credited_with(doc, "It will pass by Friday") == {hill.id}
    assert "he" in mention_texts(doc, hill)


def test_surname_is_the_same_source_and_fullest_name_wins() -> None:
    # "Shehabi" later in the text is the same source as "Fares Shehabi".
    text = ("Fares Shehabi said the road was cut.\n\n"
            "“Nobody can pass,” Shehabi said.")
    doc = doc_through("attribution", text)
    assert len(doc.sources) == 1
    s = doc.sources[0]
    assert s.name == "Fares Shehabi"
    assert mention_texts(doc, s) == ["Fares Shehabi", "Shehabi"]
    assert [m.start for m in s.mentions] == sorted(m.start for m in s.mentions)


def test_media_relay_chain() -> None:
    # One chain: the outlet relays the ministry; each is credited with its part.
    text = ("Reuters has reported that the Defense Ministry has announced that "
            "ten tanks were destroyed near the border.")
    rt, ministry = relay(text, "Reuters", "Defense Ministry", "ten tanks were destroyed")
    assert rt.kind == "media" and ministry.kind == "organization"
    assert credited_with(doc_through("attribution", text), "the Defense Ministry has announced") == {rt.id}


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
    doc = doc_through("attribution", text)
    media = source_named(doc, outlet)
    who = source_named(doc, speaker)
    assert media.kind == "media" and who.kind == kind
    assert who.relayed_by == media.id


def test_social_channel_carries_over_and_links() -> None:
    # The first credit names the platform; the later "X wrote" keeps it, and the
    # link on "tweeted" points at the post.
    text = ("Ann Smith tweeted that the polls were closed early.\n\n"
            "“Nobody was allowed in after six,” Smith wrote.")
    doc = doc_through("attribution", text, {"tweeted": "https://twitter.com/annsmith/status/1"})
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
        # The platform after the cue is where the words went, not what was said.
        ("Lena Ortiz posted on Twitter accusing the label of blocking her songs.", "twitter"),
    ],
)
def test_social_channel_named_beside_the_cue(text: str, channel: str) -> None:
    doc = doc_through("attribution", text)
    assert len(doc.sources) == 1
    assert doc.sources[0].kind == "social_media"
    assert doc.sources[0].channel == channel


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A platform elsewhere in the sentence is not where this source spoke.
        ("Although the White House has said that the tweets are statements, his lawyer, "
         "Rudolph Giuliani, said the tweets did not amount to anything.", "Rudolph Giuliani"),
        ("Wednesday’s tweet was a reminder of the feud, as legal experts have said for months.", "legal experts"),
        # An opening "In his tweets," is where the source right after it spoke, no one else.
        ("In his tweets, Ann Smith quoted Alan Dershowitz, a professor who said the case was weak.", "who"),
    ],
)
def test_a_platform_away_from_the_cue_is_no_channel(text: str, name: str) -> None:
    doc = doc_through("attribution", text)
    named = [s for s in doc.sources if s.name == name or any(doc.text[m.start : m.end] == name for m in s.mentions)]
    assert named and all(s.channel is None for s in named), doc.sources


def test_no_channel_for_plain_speech() -> None:
    # A plain "said" with no platform word is a person, not social media.
    doc = doc_through("attribution", "Omar Ali said that the count was over.")
    assert doc.sources[0].kind == "person" and doc.sources[0].channel is None


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # The platform as the source is the company, not an account on it.
        ("Instagram said that it would notify business accounts.", "Instagram", "organization"),
        # A spokesperson for the platform speaks for the company.
        ("Kym Lino, a spokesperson for Instagram, said that the company notifies users.", "Kym Lino", "person"),
    ],
)
def test_a_platform_company_is_no_channel(text: str, name: str, kind: str) -> None:
    doc = doc_through("attribution", text)
    s = source_named(doc, name)
    assert s.kind == kind and s.channel is None


def test_a_quote_that_closes_its_clause_is_all_the_cue_credits() -> None:
    text = "While some protesters chanted, “Red for Ed,” in a hallway, lawmakers met behind closed doors."
    doc = doc_through("attribution", text)
    s = source_named(doc, "protesters")
    [a] = [a for a in doc.attributions if a.source == s.id]
    assert text[a.content.start : a.content.end] == "Red for Ed,"


def test_continuing_paragraph_quote() -> None:
    # The second paragraph opens with a quote and names nobody: same speaker.
    text = ("“The water is gone,” said Mayor Paul Reed. “We have three days left.”\n\n"
            "“After that we will have to leave the town and all of our homes.”")
    doc = doc_through("attribution", text)
    reed = source_named(doc, "Paul Reed")
    assert credited_with(doc, "After that we will have to leave") == {reed.id}
    implicit = [a for a in doc.attributions if a.cue is None]
    assert implicit and all(a.source == reed.id for a in implicit)


def test_appositive_is_the_description() -> None:
    # "NAME, DESCRIPTION, stated": the description is kept apart from the name.
    text = "“It is very well equipped,” Andrey Nekipelov, an official at the center, stated."
    doc = doc_through("attribution", text)
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
        # A bare cue form after a singular subject is a noun ("reports" would be the verb).
        "The October report exceeded expectations, with 271,000 new payroll positions.",
        # An -ed cue before a noun after "of" is an adjective.
        "Clinton is on track to secure a majority of pledged delegates.",
        # An interjection is never a source's whole name.
        "Yes, the soldiers arrested people, asked them for papers and split up families.",
        # A passive "-ed by": what comes before it is what was said, not who said it.
        "The violations alleged by the committee include logging in without permission.",
    ],
)
def test_stays_quiet(text: str) -> None:
    doc = doc_through("attribution", text)
    assert doc.sources == () and doc.attributions == ()


@pytest.fixture(scope="module")
def seed() -> Doc:
    return doc_through("attribution", SEED.read_text(encoding="utf-8"))


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
    doc = doc_through("attribution", text)
    s = source_named(doc, "Nora Diaz")
    assert credited_with(doc, "the vote would pass easily") == {s.id}
    assert mention_texts(doc, s) == ["Nora Diaz", "who"]


def test_quote_source_is_set_on_given_quotes() -> None:
    # With quotes from the quotes stage, the direct quote gets its speaker's id;
    # the scare quote does not.
    from dataclasses import replace

    text = "“We did not lose a single vote here,” the “moderate” Carl Berg said."
    direct = Quote(1, 35, 0, 36, "direct")
    s = text.index("moderate")
    scare = Quote(s, s + 8, s - 1, s + 9, "scare")
    doc = attribute(replace(doc_through("quotes", text), quotes=(direct, scare)))
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
    doc = doc_through("attribution", text)
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
        # A full name before a quotation, named nowhere else: the pattern
        # credits it (test_attribution_patterns_speaker_label.py), the stage does not.
        "Polls closed - Dana Pryce: “Won.”",
    ],
)
def test_label_that_is_not_a_speaker(text: str) -> None:
    assert doc_through("attribution", text).attributions == ()


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


# --- Behaviours learned from reading PolNeAR train errors -------------------

from sidenote.pipeline.attribution import attribute_with_tagger  # noqa: E402


def source_spans(doc: Doc) -> list[str]:
    return [doc.text[a.source_span.start : a.source_span.end]
            for a in doc.attributions if a.source_span]


@pytest.mark.parametrize(
    ("text", "phrase", "name"),
    [
        # The appositive and its closing comma are part of the phrase that credits.
        ("Jeff Weaver, Sanders’ campaign manager, said the rally was full.",
         "Jeff Weaver, Sanders’ campaign manager,", "Jeff Weaver"),
        # Inverted cue: the description runs to the sentence's end, without the stop.
        ("“It was a good night,” said Kim Wells, a schoolteacher from Aiken.",
         "Kim Wells, a schoolteacher from Aiken", "Kim Wells"),
        # ... or to the next comma, which it keeps.
        ("“We were ready,” said Jim Hodges, a Clinton backer, referring to the vote.",
         "Jim Hodges, a Clinton backer,", "Jim Hodges"),
        # A relative clause with commas of its own is not an appositive of "Colorado".
        ("Sandy Phillips, who lost her daughter in Aurora, Colorado, in July 2012, "
         "said that the senator had treated her family badly.",
         "Sandy Phillips, who lost her daughter in Aurora, Colorado, in July 2012,",
         "Sandy Phillips"),
    ],
)
def test_source_span_is_the_whole_described_phrase(text: str, phrase: str, name: str) -> None:
    doc = doc_through("attribution", text)
    assert source_spans(doc) == [phrase]
    # The source itself is still named by the name, not the description.
    s = source_named(doc, name)
    assert name in mention_texts(doc, s)


@pytest.mark.parametrize(
    "text",
    [
        "But a few days later, Trump reversed himself again, telling CBS that the laws would stay.",
        "A month later, he paid a visit to the border, saying the wall would work.",
    ],
)
def test_a_time_is_not_the_subject_of_a_participle(text: str) -> None:
    """"A few days later, ..., telling": the time opens the sentence, it says nothing."""
    doc = doc_through("attribution", text)
    assert not any(w in span for span in source_spans(doc) for w in ("days", "month"))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Barkley, who said he votes Democratic, said one candidate he likes is O'Malley.",
         "Barkley"),
        ("“We are done,” said Reid, who endorsed Clinton in February.", "Reid"),
    ],
)
def test_a_relative_clause_with_its_own_cue_is_not_in_the_phrase(text: str, phrase: str) -> None:
    """The clause credits its "who" (PolNeAR gives it a source of its own), so
    the phrase crediting the main cue stops at the name."""
    doc = doc_through("attribution", text)
    assert phrase in source_spans(doc)
    assert "who" in source_spans(doc)


def test_relative_clause_subject_is_not_the_content() -> None:
    # Before: ", said Trump's remarks" was read as an inverted cue.
    text = "The lawmaker, who represents a district in Albay, said Trump's remarks were cruel."
    doc = doc_through("attribution", text)
    assert source_spans(doc) == ["The lawmaker, who represents a district in Albay,"]
    assert credited_with(doc, "Trump's remarks were cruel")


def test_two_apostrophes_close_a_quote() -> None:
    # Archive texts write quotes as ''...'': the speaker after them is credited.
    text = "''I disavow these comments,'' Mr. Ryan said."
    doc = doc_through("attribution", text)
    assert source_spans(doc) == ["Mr. Ryan"]
    assert credited_with(doc, "I disavow these comments") == {source_named(doc, "Ryan").id}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Senator Ann Byrd rejected the proposal on Tuesday.", "Senator Ann Byrd"),
        ("The campaign declined to comment.", "The campaign"),
        ("Governor Ray Tam praised the ruling as fair.", "Governor Ray Tam"),
    ],
)
def test_stances_and_acts_credit_their_subject(text: str, source: str) -> None:
    doc = doc_through("attribution", text)
    assert source_spans(doc) == [source]


def test_the_writer_and_a_relative_that_are_not_sources() -> None:
    text = ("I think the plan will fail.\n\n"
            "Volunteers handed out bottles that said the party welcomes everyone.")
    doc = doc_through("attribution", text)
    assert source_spans(doc) == []
    assert doc.sources == ()


def test_unresolved_pronoun_takes_the_person_named_before() -> None:
    # No one was credited before "she", but the article named Carly Fiorina.
    text = ("Carly Fiorina was upfront about her distaste for the plan.\n\n"
            "“It will not work,” she said.")
    doc = doc_through("attribution", text)
    s = source_named(doc, "Carly Fiorina")
    assert credited_with(doc, "It will not work") == {s.id}
    assert mention_texts(doc, s) == ["Carly Fiorina", "she"]


def test_tagger_adds_no_sentence_openers_on_the_seed_article() -> None:
    doc = attribute_with_tagger(doc_through("quotes", SEED.read_text(encoding="utf-8")))
    for phrase in source_spans(doc):
        assert phrase.split()[0].lower() not in {"we", "i", "you", "never", "the"} or \
            len(phrase.split()) > 1, phrase


def test_us_is_an_acronym_not_the_writer() -> None:
    doc = doc_through("attribution", "US officials said the talks had collapsed.")
    assert source_spans(doc) == ["US officials"]


@pytest.mark.parametrize(
    "text",
    [
        "The cornerback had 1 pass defended and two tackles.",
        "The loss ended the team’s playoff hopes for the season.",
        "Markets read the decision as mixed signals about the trade talks.",
    ],
)
def test_nouns_and_statistics_are_not_stances(text: str) -> None:
    assert source_spans(doc_through("attribution", text)) == []


def test_a_participle_credits_the_subject_of_the_sentence() -> None:
    text = "Mr. Obama revised his plans in October, saying that 5,500 troops would remain."
    doc = doc_through("attribution", text)
    assert source_spans(doc) == ["Mr. Obama"]
    assert credited_with(doc, "5,500 troops would remain") == {source_named(doc, "Obama").id}


def test_a_physical_attack_is_not_a_stance() -> None:
    # PolNeAR reads "attacked" as criticism; in news it is as often bombs.
    doc = doc_through("attribution", "US air force bombers attacked Syrian army forces near Deir ez-Zor.")
    assert source_spans(doc) == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Swedish prosecutors decided to reopen the investigation in May.", "Swedish prosecutors"),
        ("But a judge ruled that Assange should remain in jail.", "a judge"),
        ("Many in Hong Kong fear that any compromise is surrender.", "Many in Hong Kong"),
        ("The Tax Foundation projected in May that the tariffs would cost jobs.",
         "The Tax Foundation"),
    ],
)
def test_more_stances_and_acts_credit_their_subject(text: str, source: str) -> None:
    assert source_spans(doc_through("attribution", text)) == [source]


def test_a_stance_word_after_a_preposition_is_a_noun() -> None:
    doc = doc_through("attribution", "He is the one to take on China without fear of repercussions.")
    assert source_spans(doc) == []


def test_called_for_is_a_demand_with_its_particle_as_cue() -> None:
    text = "Senators called for a 5G security coordinator on Tuesday."
    doc = doc_through("attribution", text)
    assert source_spans(doc) == ["Senators"]
    (a,) = doc.attributions
    assert a.cue is not None and text[a.cue.start : a.cue.end] == "called for"
    # A quantity is a requirement, not a demand; naming still needs quotes.
    assert source_spans(doc_through("attribution", "The recipe called for three cups of sugar.")) == []
    assert source_spans(doc_through("attribution", "A group called the Foundation met.")) == []


def test_a_verb_after_and_shares_the_sentence_subject() -> None:
    text = "President Obama met survivors on Thursday and said the United States must act."
    doc = doc_through("attribution", text)
    assert source_spans(doc) == ["President Obama"]
    assert credited_with(doc, "the United States must act") == {source_named(doc, "Obama").id}
    # A base form after "and" is an infinitive's second verb, not a credit.
    doc = doc_through("attribution", "To grow, you have to step into the limelight and claim your authority.")
    assert source_spans(doc) == []


def test_a_passive_agent_is_the_source() -> None:
    text = "O'Malley's move was first reported by MSNBC."
    doc = doc_through("attribution", text)
    assert source_spans(doc) == ["MSNBC"]
    assert credited_with(doc, "O'Malley's move") == {source_named(doc, "MSNBC").id}


def test_found_that_credits_any_subject_but_found_alone_needs_a_document() -> None:
    assert source_spans(doc_through("attribution",
        "The researchers found that the program cut costs by half.")) == ["The researchers"]
    assert source_spans(doc_through("attribution",
        "A study by Media Matters found the nominee got twice the airtime.")) \
        == ["A study by Media Matters"]
    assert source_spans(doc_through("attribution", "They found the keys in the car.")) == []


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The man was charged on Monday, police said.", "police"),
        ("The man was charged on Monday, federal prosecutors said.", "federal prosecutors"),
        ("A New York man pleaded guilty Monday to threatening a congresswoman, prosecutors said.", "prosecutors"),
    ],
)
def test_institutions_credited_as_a_body_are_sources_but_not_unnamed(sentence, name):
    from sidenote.pipeline import analyze_text

    d = analyze_text(sentence)
    # The sentence's own subject ("A New York man") pleads; it does not speak.
    assert [(s.name, s.kind) for s in d.sources] == [(name, "organization")]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("U.S. Defense Secretary Mark Esper on Wednesday accused China of coercion.",
         "U.S. Defense Secretary Mark Esper"),
        ("The ministry last week denied the report.", "The ministry"),
        ("Smith yesterday rejected the plan.", "Smith"),
    ],
)
def test_a_time_adjunct_before_the_verb_is_not_part_of_the_source(text: str, source: str) -> None:
    doc = doc_through("attribution", text)
    assert source_spans(doc) == [source]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Sen. Jane Marsh (D-Ore.) said the bill would pass.", "Sen. Jane Marsh (D-Ore.)"),
        ("Rep. Tom Ames (R-Kan.), who leads the panel, said the vote was close.",
         "Rep. Tom Ames (R-Kan.), who leads the panel,"),
        ("“The vote was close,” said Rep. Tom Ames (R-Kan.).", "Rep. Tom Ames (R-Kan.)"),
    ],
)
def test_a_party_tag_in_brackets_belongs_to_the_source(text: str, source: str) -> None:
    doc = doc_through("attribution", text)
    assert source_spans(doc) == [source]


def test_a_role_before_the_name_is_part_of_the_source() -> None:
    doc = doc_through("attribution", "The mayor's press secretary, Dana Ruiz, said the park would reopen.")
    assert source_spans(doc) == ["The mayor's press secretary, Dana Ruiz,"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("About three in 10 said they would stay home.", "About three in 10"),
        ("Nine in 10 Democratic registered voters say the economy matters most.",
         "Nine in 10 Democratic registered voters"),
        ("On taxes, 42% say the rates are too high.", "42%"),
        ("The measure passed, with 30 percent of voters saying the plan cost too much.",
         "30 percent of voters"),
    ],
)
def test_poll_shares_are_sources(text: str, source: str) -> None:
    doc = doc_through("attribution", text)
    assert source_spans(doc) == [source]


def test_a_long_description_after_an_opening_name_is_part_of_the_source() -> None:
    text = ("Anna Berg, a teacher from Dayton who has voted in every election since 1980, "
            "said she would vote again.")
    doc = doc_through("attribution", text)
    assert source_spans(doc) == [
        "Anna Berg, a teacher from Dayton who has voted in every election since 1980,"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Mr. Ames, in a statement on Friday, said the plant would close.", "Mr. Ames"),
        ("Mr. Ames, citing falling orders, said the plant would close.", "Mr. Ames"),
        ("The senator, Mr. Ames, said the plant would close.", "The senator, Mr. Ames,"),
    ],
)
def test_an_aside_about_the_moment_is_not_part_of_the_source(text: str, source: str) -> None:
    doc = doc_through("attribution", text)
    assert source_spans(doc) == [source]


def test_a_title_case_headline_credits_its_speaker() -> None:
    doc = doc_through("attribution", "Mayor Says The Bridge Will Reopen In May")
    assert source_spans(doc) == ["Mayor"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("In a new Gallup poll released Monday, 48 percent backed the plan.", "a new Gallup poll"),
        ("Ames led by six points in a CNN/ORC poll.", "a CNN/ORC poll"),
    ],
)
def test_a_named_poll_is_a_source(text: str, source: str) -> None:
    doc = doc_through("attribution", text)
    assert source_spans(doc) == [source]


def test_in_the_polls_credits_no_one() -> None:
    doc = doc_through("attribution", "Ames has slipped in the polls since March.")
    assert source_spans(doc) == []


def test_who_after_a_plural_noun_is_the_source() -> None:
    doc = doc_through("attribution", "Many farmers who said they would sell have changed their minds.")
    assert source_spans(doc) == ["who"]


def test_pledged_delegates_credit_no_one() -> None:
    doc = doc_through("attribution", "Ames has won 758 pledged delegates so far.")
    assert source_spans(doc) == []


def test_a_subject_that_opens_the_sentence_is_credited_by_a_participle() -> None:
    doc = doc_through("attribution", "The retired general ended his speech by saying the war was lost.")
    assert source_spans(doc) == ["The retired general"]


def test_a_relative_clause_without_that_does_not_extend_the_source() -> None:
    doc = doc_through("attribution", "These are the things the governor said about the budget.")
    assert source_spans(doc) == ["the governor"]


def test_doubled_apostrophes_count_as_quote_marks_after_called() -> None:
    doc = doc_through("attribution", "The mayor called the budget ''a disgrace to the city.''")
    assert source_spans(doc) == ["The mayor"]


def test_offered_credits_its_subject() -> None:
    doc = doc_through("attribution", "Ms. Reyes offered a plan to cut the fares.")
    assert source_spans(doc) == ["Ms. Reyes"]


def test_a_second_verb_after_but_shares_the_opening_subject() -> None:
    doc = doc_through("attribution", "Ms. Reyes visited the plant but rejected the plan to close it.")
    assert source_spans(doc) == ["Ms. Reyes"]


def test_a_slash_joins_the_names_in_a_source() -> None:
    doc = doc_through("attribution", "A Reuters/Ipsos poll showed the race tightening.")
    assert source_spans(doc) == ["A Reuters/Ipsos poll"]


def test_in_the_past_before_the_verb_is_not_part_of_the_source() -> None:
    doc = doc_through("attribution", "His allies have in the past said he would not run.")
    assert source_spans(doc) == ["His allies"]


@pytest.mark.parametrize(
    ("text", "credited", "not_credited"),
    [
        # A cue in a leading "When ..." clause credits that clause only.
        ("When the president's advisers suggested that Beijing buy more soybeans, the president was not satisfied.",
         "Beijing buy more soybeans", "the president was not satisfied"),
        # A cue in the main clause after it still credits the rest of the sentence.
        ("When asked about the talks, the minister said the plan had failed, and that new talks were due.",
         "the plan had failed, and that new talks were due", None),
    ],
)
def test_a_cue_in_a_leading_subordinate_clause_credits_that_clause_only(text, credited, not_credited):
    doc = doc_through("attribution", text)
    assert credited_with(doc, credited)
    if not_credited:
        assert not credited_with(doc, not_credited)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("President Ann Lee said the talks had failed.\n\nThe president said the deal was dead.", "person"),
        # Typed by its platform, "the president" is still the one president named, and brings the channel.
        ("President Ann Lee said the talks had failed.\n\nThe president suggested in a tweet that the deal was dead.",
         "social_media"),
    ],
)
def test_the_title_alone_is_the_one_person_given_that_title(text: str, kind: str) -> None:
    doc = doc_through("attribution", text)
    [s] = doc.sources
    assert s.name == "President Ann Lee" and s.kind == kind
    assert credited_with(doc, "the deal was dead") == {s.id}


def test_the_title_alone_stays_apart_when_two_people_hold_it() -> None:
    text = ("President Ann Lee said the talks had failed. President Bo Chen said they would go on.\n\n"
            "The president said the deal was dead.")
    doc = doc_through("attribution", text)
    assert len(doc.sources) == 3


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A capitalised sentence adverb or a time at the start is not part of the name.
        ("Yet Senator Ann Lee said the plan would work.", "Senator Ann Lee"),
        ("Last year China disclosed that 24 diplomats had fallen ill.", "China"),
        ("Even Senator Ann Lee said the plan would work.", "Senator Ann Lee"),
        # "No" is: no officials said it.
        ("No officials said the plan would work.", "No officials"),
    ],
)
def test_a_sentence_opener_is_not_part_of_the_source_phrase(text: str, name: str) -> None:
    doc = doc_through("attribution", text)
    assert [s.name for s in doc.sources] == [name]


@pytest.mark.parametrize(
    ("name", "kind", "said"),
    [
        ("Post", "media", "the Post"),  # the outlet list says "the post"
        ("Reuters", "media", "Reuters"),
        ("Russian Ministry of Defense", "organization", "the Russian Ministry of Defense"),
        ("The inspector general", "anonymous", "the inspector general"),
        ("report", "document", "the report"),  # a document named by a common noun
        ("Mueller Report", "document", "Mueller Report"),
        # A possessive is the name's determiner: not "the Pennsylvania’s Supreme Court".
        ("Pennsylvania’s Supreme Court", "organization", "Pennsylvania’s Supreme Court"),
        # "Police say ...": the capital was the sentence's, not the name's.
        ("Police", "organization", "police"),
        ("Investigators", "anonymous", "investigators"),
        ("Reuters", "media", "Reuters"),
    ],
)
def test_source_names_read_as_prose_says_them(name, kind, said):
    assert prose_name(name, kind) == said


def test_a_transliterated_ayin_stays_inside_the_name() -> None:
    # "Al-‘Ayesh": the mark is a letter of the name, not a quotation opening.
    doc = doc_through("attribution", "Kuwaiti cleric Sheikh Jihad Al-‘Ayesh delivered a speech in which "
                             "he said that the figure was a lie.")
    assert [s.name for s in doc.sources] == ["Sheikh Jihad Al-‘Ayesh"]


def test_the_credit_closest_to_a_quote_names_its_speaker() -> None:
    # The outlet is credited with the whole clause, the poster with the quote.
    from sidenote.pipeline import analyze_text

    doc = analyze_text("According to the Daily Wire, in 2012 Omar tweeted: “Israel has hypnotized "
                       "the world, may Allah awaken the people.” Omar was elected in 2018.")
    [q] = [q for q in doc.quotes if q.kind == "direct"]
    assert next(s.name for s in doc.sources if s.id == q.source) == "Omar"


def test_it_stands_for_the_body_in_its_own_sentence_not_an_earlier_source() -> None:
    # "it" is the new House majority, not "Obama in the call" credited before.
    text = ("Obama in the call had confirmed his promise to drop missile defense.\n\n"
            "The new House majority did not, as it promised, address substantive issues. "
            "Since January, it has not talked of infrastructure.")
    doc = doc_through("attribution", text)
    majority = source_named(doc, "House majority")
    assert majority.kind == "organization"
    assert credited_with(doc, "address substantive issues") == {majority.id}
    assert credited_with(doc, "of infrastructure") == {majority.id}


def test_it_stands_for_the_organisation_of_the_sentence_before() -> None:
    # The university, named in the sentence before, not the outlet credited earlier.
    text = ("The professor changed the grade, according to BuzzFeed News.\n\n"
            "A representative for Southern New Hampshire University didn't immediately "
            "respond to INSIDER's request for comment.\n\n"
            "In a statement, it said it refunded the tuition for the class.")
    doc = doc_through("attribution", text)
    uni = source_named(doc, "Southern New Hampshire University")
    assert credited_with(doc, "it refunded the tuition") == {uni.id}


def test_it_follows_an_uncredited_document_and_then_itself() -> None:
    # "the motion begins": "it says", then "It also bemoans" are the motion's.
    text = ("“The borough is home to many communities,” the motion begins.\n\n"
            "Later, it says that the visit should be cancelled.\n\n"
            "It also bemoans that he has a “bigoted attitude”.")
    doc = doc_through("attribution", text)
    motion = source_named(doc, "motion")
    assert motion.kind == "document"
    assert credited_with(doc, "the visit should be cancelled") == {motion.id}
    assert credited_with(doc, "he has a") == {motion.id}


def test_it_credits_no_one_when_no_body_is_near() -> None:
    # The only earlier sources are a person and plural unnamed sources
    # several sentences back: "it" stands for neither.
    text = ("Senator Tom Hill said the bill was dead. Sources said the vote would fail.\n\n"
            "Rain fell all week. The river rose. Roads were shut for days.\n\n"
            "It said the roads would reopen on Monday.")
    doc = doc_through("attribution", text)
    assert credited_with(doc, "the roads would reopen") == set()


def test_it_is_not_the_platform_the_source_spoke_on() -> None:
    text = ("The Guardian report was false, the lawyer said.\n\n"
            "The agency said on Twitter that it was “willing to bet a million dollars”. "
            "It later tweeted that the lawyers would sue.")
    doc = doc_through("attribution", text)
    assert all(s.name != "Twitter" for s in doc.sources), [s.name for s in doc.sources]


def test_a_setting_after_a_name_is_not_part_of_it() -> None:
    # "Obama in the call": the person Obama, not an unnamed source.
    text = "Obama in the call had confirmed his promise to drop missile defense."
    doc = doc_through("attribution", text)
    obama = source_named(doc, "Obama")
    assert obama.name == "Obama" and obama.kind == "person"


@pytest.mark.parametrize(
    ("text", "junk"),
    [
        # A bare "To" opening a purpose clause names no one.
        ("To keep up everyone’s morale, the museum staff, while bombs were falling and they "
         "and their patrons were equally starving, continued to give tours and lectures, "
         "describing perfectly the artworks that had been removed.", "To"),
        # "in charge": a noun after a preposition, not a cue after a source.
        ("In much of the world, the men in charge of the institutional Church are old.", "the men in"),
        # "finds himself": the verb turned on its subject credits nothing.
        ("Sentiment isn’t going to be much comfort when the young man is no longer young "
         "and finds himself standing on the street with no skills.", "Sentiment"),
    ],
)
def test_phrases_that_are_no_source(text: str, junk: str) -> None:
    doc = doc_through("attribution", text)
    assert all(junk not in s.name for s in doc.sources), [s.name for s in doc.sources]


def test_a_dateline_clock_time_is_not_part_of_the_source() -> None:
    text = ("By Esme Cribb | January 25, 2018 2:16 pm A journalist announced last week that "
            "he will publish a photograph.")
    doc = doc_through("attribution", text)
    src = source_named(doc, "journalist")
    assert src.name == "A journalist"


def test_a_plural_noun_of_a_name_is_not_a_person() -> None:
    text = ("I’m given to understand that some houses of the Congregation of the Oratory "
            "ask candidates to come with an independent income.")
    doc = doc_through("attribution", text)
    assert all(s.kind != "person" for s in doc.sources), [(s.name, s.kind) for s in doc.sources]


def test_it_stands_for_a_capitalised_text_named_before_it() -> None:
    text = ("The Word of God, according to the pastor, is plain.\n\n"
            "We have taught this for years. How true Scripture is when it declares: "
            "“Woe unto them that call evil good.”")
    doc = doc_through("attribution", text)
    scripture = source_named(doc, "Scripture")
    assert credited_with(doc, "Woe unto them") == {scripture.id}


def test_it_stands_for_the_subject_not_the_object_of_a_verb() -> None:
    # "issued a statement": the statement is what the commission issued.
    text = ("The Electoral Commission, which regulates campaign finances, issued a statement "
            "warning that voters are entitled to transparency. On its website, it pointed out "
            "that it does not have a role in regulating content.")
    doc = doc_through("attribution", text)
    commission = source_named(doc, "Electoral Commission")
    assert credited_with(doc, "it does not have a role") == {commission.id}


def test_it_after_who_is_not_a_phrase_ending_in_who() -> None:
    # "who" is in the organisation words (the WHO), but here a relative pronoun.
    text = ("Kym Lino, a spokesperson for Instagram, confirmed to WIRED that the company "
            "notifies people who it thinks could benefit from business accounts.")
    doc = doc_through("attribution", text)
    assert all("who" not in s.name for s in doc.sources), [s.name for s in doc.sources]


def test_a_name_ending_in_a_hyphenated_in_is_kept() -> None:
    # "Jae-in" ends in "in" as a word piece, not as a preposition.
    doc = doc_through("attribution", "South Korea’s new president, Moon Jae-in, demanded that his "
                             "nation be consulted before any military action.")
    assert source_named(doc, "Moon Jae-in").kind == "person"


def test_a_number_before_a_setting_is_no_person() -> None:
    from sidenote.attribution.sources import classify

    phrase = "000 in hush money"
    assert classify(phrase, Span(0, len(phrase))).kind != "person"


@pytest.mark.parametrize("relay", ["per Feng", "per the Times"])
def test_said_then_per_a_relay_credits_the_quote_before_it(relay: str) -> None:
    # "per X" after the cue says who relayed the words, not what was said.
    text = f"Officials met on Monday. “Don't hide things like this,” the mayor said, {relay}."
    doc = doc_through("attribution", text)
    mayor = source_named(doc, "the mayor")
    assert credited_with(doc, "Don't hide things like this") == {mayor.id}
    assert [q.source for q in doc.quotes if q.kind == "direct"] == [mayor.id]


def test_reported_then_citing_a_source_credits_the_clause_before_it() -> None:
    # "citing X" after a trailing cue names whom the outlet relays, however
    # long, not what it reported (issue #13's "the Times, citing a person
    # familiar with the matter quoted by the Post").
    text = ("Officials met on Monday. Senator Mark Ellis will resign next month, the New York Times "
            "reported, citing a person familiar with the matter quoted by the Washington Post.")
    # the people the outlet cites are credited with the same clause, as heard by it
    _, person = relay(text, "New York Times", "a person familiar with the matter",
                      "Senator Mark Ellis will resign next month")
    assert person.kind == "anonymous"


@pytest.mark.parametrize(
    "sentence",
    [
        # what is cited names no unnamed person
        "Hiring slowed in May, Reuters reported, citing data from the Labor Department.",
        # the speaker is no outlet
        "Hiring slowed in May, the senator said, citing people familiar with the figures.",
    ],
)
def test_citing_what_is_no_unnamed_person_or_by_no_outlet_adds_no_relayed_source(sentence: str) -> None:
    doc = doc_through("attribution", "Officials met on Monday. " + sentence)
    assert not any(s.relayed_by for s in doc.sources)
    assert not any("data" in s.name or "familiar" in s.name for s in doc.sources)


@pytest.mark.parametrize(
    ("tail", "credited"),
    [
        # "that" with a verb after it is a relative pronoun: the tail says where the words went.
        ("in a post that has since been deleted", "Don't hide things like this"),
        ("in a letter that was read aloud at the meeting", "Don't hide things like this"),
        # "that" with a subject after it opens what was said.
        ("in a statement that the plan would go ahead", "the plan would go ahead"),
    ],
)
def test_a_relative_clause_after_the_cue_is_no_content(tail: str, credited: str) -> None:
    text = f"Officials met on Monday. “Don't hide things like this,” the mayor wrote {tail}."
    doc = doc_through("attribution", text)
    assert credited_with(doc, credited) == {source_named(doc, "the mayor").id}

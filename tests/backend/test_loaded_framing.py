"""The loaded_framing detector on hand-made Docs: voice, evidence, quiet."""

from __future__ import annotations

import re

import pytest
from handmade import article, doc, quote, span

from sidenote.detectors.loaded_framing import LONG_SENTENCE, detect, is_public_affairs
from sidenote.doc import Article, Attribution, Block, Claim, Embed, Source
from sidenote.framing.tokens import quote_regions
from sidenote.pipeline import analyze_html, analyze_text
from sidenote.pipeline.cards import candidates

SHEHABI = Source(id="s1", name="Fares Shehabi", kind="person")


def _evidence(cards) -> list[tuple[str, str, str]]:
    return [(e.exact, e.label, c.voice) for c in cards for e in c.evidence]


def test_outlet_label_gets_a_caution_card_anchored_on_its_sentence():
    text = (
        "Syrian army units celebrate a victory over ISIS, "
        "despite US airstrikes in support of the terrorists they were fighting."
    )
    d = doc(article([text]))
    cards = detect(d)
    assert len(cards) == 1
    card = cards[0]
    assert (card.kind, card.voice, card.severity, card.id) == ("loaded_framing", "outlet", "caution", "")
    assert card.anchor.exact == text and (card.anchor.start, card.anchor.end) == (0, len(text))
    assert [(e.exact, e.label) for e in card.evidence] == [("terrorists", "name_calling")]
    ev = card.evidence[0]
    assert d.text[ev.start : ev.end] == ev.exact
    assert "terrorists" in card.body and "outlet" in card.title


def test_words_inside_a_direct_quotation_are_the_speakers():
    text = ("“All of these al-Qaeda terrorists are French and will return to France,” Shehabi wrote.")
    d = doc(article([text]), quotes=(quote(text, text[1 : text.index("”")], "direct", "s1"),), sources=(SHEHABI,))
    cards = detect(d)
    assert len(cards) == 1
    assert (cards[0].voice, cards[0].severity) == ("quoted", "info")
    assert _evidence(cards) == [("al-Qaeda terrorists", "name_calling", "quoted")]
    assert "Fares Shehabi" in cards[0].body


def test_quoted_speaker_unknown_still_says_the_words_are_quoted():
    text = "“These thugs will pay,” a statement said."
    d = doc(article([text]), quotes=(quote(text, "These thugs will pay,", "direct", None),))
    cards = detect(d)
    assert [c.voice for c in cards] == ["quoted"]
    assert "person quoted" in cards[0].body


@pytest.mark.parametrize(
    ("words", "expect_card"),
    [
        # The speaker's own experience, in the first person: how it felt, not a verdict.
        ("The first session was a disaster and I went back to my hotel in tears, feeling stupid", False),
        ("My wife and I went through every expecting parent's worst nightmare", False),
        # Said of what happened, not of anyone: how it felt, not a verdict.
        ("It was terrifying, and the smoke was everywhere", False),
        ("We went through every parent's worst nightmare", False),
        ("This is heartbreaking for the families who lost their homes", False),
        # The same kind of word about others, with no first person: a card.
        ("Their plan is stupid and the whole hearing was a nightmare", True),
        # First person, but a verdict word that is not about how it felt: a card.
        ("I must ask Mexico to stop this onslaught at our border", True),
    ],
)
def test_a_speakers_own_experience_in_the_first_person_is_not_loaded_wording(words, expect_card):
    text = f"“{words},” Shehabi said."
    d = doc(article([text]), quotes=(quote(text, words, "direct", "s1"),), sources=(SHEHABI,))
    assert bool(detect(d)) is expect_card


@pytest.mark.parametrize(
    ("text", "expect_card"),
    [
        # Denied of its subject: not a verdict the outlet passes.
        ("He tried to convince the president that the new Ukrainian leader was not corrupt.", False),
        ("The new Ukrainian leader isn't corrupt, the envoy argued in his testimony.", False),
        # Negation elsewhere does not undo the word: a contrast still passes a verdict.
        ("Not the voters but the corrupt elites decided the outcome of the vote.", True),
        ("The corrupt elites were not the ones who decided the outcome of the vote.", True),
    ],
)
def test_an_emotive_word_denied_of_its_subject_is_no_verdict(text, expect_card):
    assert bool(detect(doc(article([text])))) is expect_card


@pytest.mark.parametrize(
    ("text", "expect_card"),
    [
        # said of the writer themself: a self-description, not a verdict on anyone
        ("It turns out that I was more courageous than I knew.", False),
        ("Looking back, I was so very foolish to sign that contract.", False),
        # said of someone else, by the same writer, it passes one
        ("It turns out that the senator was more courageous than we knew.", True),
        ("Looking back, I think the senator was foolish to sign that contract.", True),
    ],
)
def test_an_emotive_word_the_writer_says_of_themself_is_no_verdict(text, expect_card):
    assert bool(detect(doc(article([text])))) is expect_card


def test_scare_quotes_from_the_quotes_stage_are_outlet_evidence_with_their_marks():
    text = "A picture of US-backed “rebels” in Aleppo shows them carrying the “rebel” flag."
    quotes = (quote(text, "rebels", "scare"), quote(text, "rebel", "scare", nth=1))
    cards = detect(doc(article([text]), quotes=quotes))
    assert _evidence(cards) == [("“rebels”", "scare_quotes", "outlet"), ("“rebel”", "scare_quotes", "outlet")]


SCHLABACH = Source(id="s2", name="Joel Schlabach", kind="person")


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        # The quoted word sits inside the words credited to the speaker.
        ("Joel Schlabach said politicians have “vilified” educators.", "politicians have “vilified” educators"),
        # The speaker and the cue come first; the credit stops short of the quote.
        ("Joel Schlabach said he had watched the debate and called it “vile.”", "he had watched the debate"),
    ],
)
def test_a_partial_quotation_in_credited_words_is_the_speakers_not_a_scare_quote(text, credited):
    inner = "vilified" if "vilified" in text else "vile."
    attribution = Attribution("s2", span(text, credited), cue=span(text, "said"),
                              source_span=span(text, "Joel Schlabach"))
    d = doc(article([text]), quotes=(quote(text, inner, "scare"),), sources=(SCHLABACH,),
            attributions=(attribution,))
    cards = detect(d)
    assert [c.voice for c in cards] == ["quoted"]
    assert "Joel Schlabach" in cards[0].body and "outlet's own voice" not in cards[0].title


def test_scare_quotes_in_the_outlets_own_sentence_stay_the_outlets():
    text = "The “rebels” fired on the town on Tuesday."
    d = doc(article([text]), quotes=(quote(text, "rebels", "scare"),))
    assert _evidence(detect(d)) == [("“rebels”", "scare_quotes", "outlet")]


def test_scare_quotes_in_a_paraphrase_of_an_unnamed_speaker_make_no_card():
    # "..., the ministry said": the parse makes it the ministry's clause, and
    # "the ministry" names no one a reader could check: stay quiet.
    text = "The “rebels” fired on the town, the ministry said."
    attribution = Attribution("s2", span(text, "The “rebels” fired on the town"), cue=span(text, "said"),
                              source_span=span(text, "the ministry"))
    ministry = Source(id="s2", name="ministry", kind="organization")
    d = doc(article([text]), quotes=(quote(text, "rebels", "scare"),), sources=(ministry,))
    assert detect(d) == []
    # Credited words hold it: the ministry's partial quotation, not the
    # outlet's scare quotes, and "rebels" alone is no loaded word of its own.
    d = doc(article([text]), quotes=(quote(text, "rebels", "scare"),), sources=(ministry,),
            attributions=(attribution,))
    assert detect(d) == []


def test_scare_quotes_around_a_plain_term_make_no_card():
    # News prose quotes new or technical terms; that is not a verdict.
    text = "Many workers now have a “side hustle” to earn extra money."
    assert detect(doc(article([text]), quotes=(quote(text, "side hustle", "scare"),))) == []


def test_a_capitalised_or_punctuated_short_quote_is_not_a_scare_quote():
    # “Journalist.” is a menu choice being named, whatever the quotes stage says.
    text = "Instagram asks what business you run, and I earnestly chose “Journalist.”"
    assert detect(doc(article([text]), quotes=(quote(text, "Journalist.", "scare"),))) == []


def test_scare_quotes_found_by_the_finder_when_the_quotes_stage_saw_nothing():
    text = "They fight in the last remaining “rebel” stronghold of Idleb."
    assert _evidence(detect(doc(article([text])))) == [("“rebel”", "scare_quotes", "outlet")]


def test_a_quote_the_pipeline_calls_a_title_is_a_name():
    text = "They ran a poster campaign called “Defeat the thugs” on the subway."
    d = doc(article([text]), quotes=(quote(text, "Defeat the thugs", "title"),))
    assert detect(d) == []


def test_one_card_per_sentence_with_every_loaded_word_as_evidence():
    text = ("In yet another disturbing tweet, Shehabi showed stills all showing nonwhites "
            "from France who are fighting with ISIS. The stills were posted on Monday.")
    cards = detect(doc(article([text])))
    assert len(cards) == 1
    assert [(e.exact, e.label) for e in cards[0].evidence] == [("disturbing", "emotive"), ("nonwhites", "identity")]
    assert cards[0].anchor.exact.endswith("ISIS.")  # the first sentence only


def test_outlet_words_win_the_sentence_over_quoted_ones():
    text = "The regime's thugs, whom Shehabi calls “jihadi terrorists here,” were seen."
    d = doc(article([text]), quotes=(quote(text, "jihadi terrorists here,", "direct", "s1"),), sources=(SHEHABI,))
    cards = detect(d)
    assert [(c.voice, [e.exact for e in c.evidence]) for c in cards] == [("outlet", ["thugs"])]


def test_a_very_long_sentence_is_anchored_on_the_phrase():
    filler = " and then the convoy moved on along the river road past the old mill" * 6
    text = "The terrorists came at dawn" + filler + " before the disturbing scenes at noon."
    assert len(text) > LONG_SENTENCE
    cards = detect(doc(article([text])))
    assert len(cards) == 1
    anchor = cards[0].anchor
    assert anchor.exact == text[text.index("terrorists") : text.index("disturbing") + len("disturbing")]


def test_intensifier_alone_makes_no_card():
    # Intensifiers only support a card: alone they are too common in plain prose.
    text = "The new phone is extremely light and incredibly fast."
    assert detect(doc(article([text]))) == []


def test_card_points_at_the_claim_it_sits_in():
    text = "US airstrikes were in support of the terrorists they were fighting."
    d = doc(article([text]), claims=(Claim(id="c1", start=0, end=len(text), score=0.9),))
    assert [c.claim for c in detect(d)] == ["c1"]


@pytest.mark.parametrize(
    "text",
    [
        "The State Department designated the group a terrorist organization in 2012.",
        "The group was listed as a terrorist group by the UN Security Council.",
        "The attack killed 12 people and wounded 30, police said.",
        "Fighters of the Al-Nusra Front held the town until March.",
        "The agency said 14 towns were affected and that two people had died.",
        "",
    ],
)
def test_neutral_sentences_get_no_card(text):
    assert detect(doc(article([text]))) == []


# --- weight words need a public matter ------------------------------------------

# Pages about no public matter: a show report, a gadget review, business advice.
SHOW = (
    "He performed an improvised live show at sci-fi conventions, where audience members "
    "shouted out absurd questions and he replied with even more absurd answers."
)
REVIEW = (
    "If you are hell-bent on sticking with your existing cables, the new laptop still charges "
    "from the old adapter, and the battery lasts a full working day."
)
# The same weight words where the page is about government and politics.
HEARING = (
    "The senators asked absurd questions at the impeachment hearing, and the president's "
    "lawyers replied with even more absurd answers to the committee."
)
POLICY = (
    "The government is hell-bent on passing the immigration bill before the election, "
    "and the opposition says ministers ignored the courts."
)


@pytest.mark.parametrize(("text", "expect_card"), [(SHOW, False), (REVIEW, False), (HEARING, True), (POLICY, True)])
def test_an_emotive_word_in_the_outlets_voice_needs_a_page_about_public_affairs(text, expect_card):
    cards = detect(doc(article([text])))
    assert bool(cards) is expect_card
    if expect_card:
        assert cards[0].voice == "outlet" and [e.label for e in cards[0].evidence][0] == "emotive"


@pytest.mark.parametrize(
    ("text", "exact", "label"),
    [
        # A label names and judges a person or group on any page.
        ("After the concert the lead singer and his thugs trashed the hotel suite and left.", "thugs", "name_calling"),
        # So do "so-called" and scare quotes (the finder's, no quotes stage here).
        ("The so-called experts on the cooking show said the cake would never rise in time.", "so-called experts",
         "so_called"),
        ("In the new video game the “scientists” can be recruited after the second level.", "“scientists”",
         "scare_quotes"),
    ],
)
def test_labels_make_a_card_on_any_page(text, exact, label):
    assert not is_public_affairs(text)
    cards = detect(doc(article([text])))
    assert [(e.exact, e.label) for c in cards for e in c.evidence] == [(exact, label)]


def test_a_quoted_emotive_word_is_still_the_speakers_on_any_page():
    # The gate is about the outlet's own style; a quotation is someone's
    # judgement, and the card only says whose.
    text = "“The whole show was absurd and the producers were shameless,” Harper said."
    d = doc(article([text]), quotes=(quote(text, text[1 : text.index("”")], "direct", "s1"),), sources=(SHEHABI,))
    assert [c.voice for c in detect(d)] == ["quoted"]


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        (HEARING, True),
        (POLICY, True),
        (SHOW, False),
        (REVIEW, False),
        ("", False),
        # Two-word entries and possessives count: "White House", "the Pentagon's".
        ("A statement from the White House and the Pentagon's reply came late on Friday.", True),
        # One public-affairs word in 300 is under the threshold (one in 250).
        ("The band played " + "on and " * 148 + "the mayor danced.", False),
    ],
)
def test_is_public_affairs(text, expect):
    assert is_public_affairs(text) is expect


# --- the seed article ---------------------------------------------------------

def _seed_doc(seed_text):
    """The seed as paragraphs, its quotes computed with simple code: curly
    double quotes of more than three words are direct (Shehabi's, except the
    two from the Russian officials), shorter ones scare quotes, and single
    curly quotes inside a quotation are the speaker's nested quotes."""
    paragraphs = seed_text.split("\n\n")
    art = article(paragraphs)
    text = art.text
    quotes = []
    for s, e in quote_regions(text):
        words = text[s:e]
        if len(words.split()) > 3:
            source = "s2" if words.startswith(("The trove", "[We]")) else "s1"
            quotes.append(quote(text, words, "direct", source, nth=text[:s].count(words)))
        else:
            quotes.append(quote(text, words, "scare", nth=text[:s].count(words)))
    for m in re.finditer(r"‘([^’]+)’", text):
        quotes.append(quote(text, m.group(1), "scare", nth=text[: m.start(1)].count(m.group(1))))
    sources = (SHEHABI, Source(id="s2", name="Russian Center for Reconciliation in Syria", kind="organization"))
    return doc(art, quotes=tuple(sorted(quotes, key=lambda q: q.start)), sources=sources)


def _covered(cards, text, phrase, voice):
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text)]
    assert spans, phrase
    evidence = [(e.start, e.end, c.voice) for c in cards for e in c.evidence]
    return all(any(es < e and s < ee and v == voice for es, ee, v in evidence) for s, e in spans)


@pytest.mark.parametrize(
    "phrase",
    ["in support of the terrorists", "“rebels”", "“rebel”", "disturbing", "nonwhites", "Al-Nusra terrorists"],
)
def test_seed_outlet_voice(seed_text, phrase):
    d = _seed_doc(seed_text)
    assert _covered(detect(d), d.text, phrase, "outlet"), phrase


@pytest.mark.parametrize("phrase", ["jihadi invasion", "so called", "al-Qaeda terrorists", "regime"])
def test_seed_quoted_voice(seed_text, phrase):
    d = _seed_doc(seed_text)
    assert _covered(detect(d), d.text, phrase, "quoted"), phrase


def test_seed_cards_are_one_per_sentence_and_never_rule_on_truth(seed_text):
    d = _seed_doc(seed_text)
    cards = detect(d)
    anchors = [(c.anchor.start, c.anchor.end) for c in cards]
    assert len(set(anchors)) == len(anchors)
    for c in cards:
        assert d.text[c.anchor.start : c.anchor.end] == c.anchor.exact
        assert not re.search(r"\b(false|untrue|lie|lies|fake)\b", c.body, re.IGNORECASE)
        assert 2 <= c.body.count(". ") + 1 <= 3
    # The plain paragraphs (the officials' TOW-missile quote) carry no outlet card.
    tow = d.text.index("[We] can see")
    assert not any(c.anchor.start <= tow < c.anchor.end for c in cards)


# --- what editors judged wrong on the tuning pages (2026-12-06) ---------------

@pytest.mark.parametrize(
    ("text", "expect_card"),
    [
        ("The council's plan is not so outrageous after all.", False),  # negated
        ("We are not fools, the mayor's critics are.", False),  # a negated label
        ("The council's plan is outrageous, and the regime knows it.", True),
    ],
)
def test_a_negated_word_makes_no_card(text, expect_card):
    d = doc(article([text]))
    assert bool(detect(d)) is expect_card


@pytest.mark.parametrize(
    ("text", "expect_card"),
    [
        # a negation further back than a few words, over the clause that predicates the word
        ("None of this means that the regime's plan is outrageous.", False),
        ("The mayor and her aides were not trying to be traitors, the report found.", False),
        # a negated verb does not take back a label in its object or its subject
        ("The council isn't even questioning the regime's outrageous plan.", True),
        ("The outrageous plan of the regime will not pass this year.", True),
    ],
)
def test_a_word_a_parse_puts_under_a_negation_makes_no_card(text, expect_card):
    d = doc(article([text]))
    assert bool(detect(d)) is expect_card


def test_no_card_inside_an_embedded_post():
    post = "These thugs are destroying our country."
    prose = "The senator posted a message on Monday."
    text = prose + "\n\n" + post
    art = Article(text=text, blocks=(Block("paragraph", 0, len(prose)),
                                     Block("embed", len(prose) + 2, len(text), (), Embed("twitter", None))))
    assert detect(doc(art)) == []
    plain = doc(article([prose, post]))
    assert [e.exact for c in detect(plain) for e in c.evidence] == ["thugs"]


@pytest.mark.parametrize(
    ("lead", "expect_card"), [("The letter reads:", False), ("The letter was sent on Monday.", True)]
)
def test_outlet_words_in_the_lines_a_colon_introduces_make_no_card(lead, expect_card):
    # Plain text lost the reprinted letter's quote marks; its words are the letter's.
    text = (
        f"Bishops wrote to the pope.\n{lead}\n"
        "These cowardly bureaucrats betray the faithful.\nThe pope has not answered."
    )
    d = doc(article([text]))
    assert bool(detect(d)) is expect_card


def test_the_moral_vocabulary_of_a_page_about_faith_makes_no_card():
    homily = ("The Lord warned the church against sin. Christ calls every soul to prayer, and the bishop "
              "reminded the faithful that the wicked will not stand before God. Pray for the priests.")
    assert detect(doc(article([homily]))) == []
    politics = ("The senator said the vote would come on Monday. The wicked scheme of the council to raise "
                "taxes was passed by the mayor and the police union backed it in the election.")
    assert [e.exact for c in detect(doc(article([politics]))) for e in c.evidence] == ["wicked"]


@pytest.mark.parametrize(
    ("text", "voices"),
    [
        # Someone else's verdict, reported: the White House's word, not the outlet's.
        ("The White House called the impeachment process disgraceful on Tuesday.", []),
        ("The impeachment process is disgraceful, and the hearings proved it.", ["outlet"]),
        # A partial quotation after the cue stays the speaker's quoted word.
        ("The White House called the impeachment process “disgraceful” on Tuesday.", ["quoted"]),
    ],
)
def test_a_reported_verdict_is_the_speakers_not_the_outlets(text, voices):
    # through the real earlier stages, which find the partial quotation
    assert [c.voice for c in detect(analyze_text(text))] == voices


@pytest.mark.parametrize("label", ["gun grabbers", "swamp creatures", "con artist", "kritarchs"])
def test_labels_editors_found_missing_are_flagged(label):
    text = f"Once again the {label} in Washington got their way, and the voters paid for it."
    d = doc(article([text]))
    assert [e.exact.lower() for c in detect(d) for e in c.evidence] == [label.lower()]


@pytest.mark.parametrize("category", ["jihadists", "jihadis", "terrorist organization"])
def test_categories_that_fit_designated_groups_make_no_card(category):
    # Editors judged these wrong 10 times in 11: a category that fits the
    # group reported on is no verdict (the rubric's own example).
    text = f"The attack was claimed by the {category} who had trained in the region."
    assert detect(doc(article([text]))) == []


def test_a_paraphrase_of_a_named_speaker_makes_no_outlet_card():
    # Without the parse this was an outlet-voiced "caution" card: the rubric
    # gives reported speech and paraphrase to the speaker.
    text = "Trump said that the system Mexico uses to deal with illegals is better than ours."
    assert detect(doc(article([text]))) == []


def test_a_label_for_who_speaks_inside_a_paraphrase_makes_no_outlet_card():
    # "a cabal of globalists" is the subject of "wrote", itself under Hart's "said"
    text = "Senator Hart said a cabal of globalists wrote the bill in secret."
    assert detect(doc(article([text]))) == []
    text = "A cabal of globalists wrote the bill in secret."
    assert [c.voice for c in detect(doc(article([text])))] == ["outlet"]


def test_a_paraphrase_of_a_pronoun_makes_no_card():
    # "he noted that ...": whose words they are is not on this sentence
    text = "He noted that the regime could use a false flag to drag the country into war."
    assert detect(doc(article([text]))) == []


def test_the_writers_own_opinion_clause_stays_the_outlets():
    text = "I think the swamp creatures in Washington got their way again."
    assert [c.voice for c in detect(doc(article([text])))] == ["outlet"]


@pytest.mark.parametrize(
    "text",
    [
        # Words taken out of the name-calling list after the editors' tuning
        # labels: a statement of principle, a word that fits the regime it
        # names, a religion's own categories.
        "An armed populace is a threat to any tyrant in Washington.",
        "The dictator of North Korea met the president in Singapore.",
        "The cleric in Parliament spoke of apostates and infidels.",
    ],
)
def test_words_the_editors_judged_fitting_make_no_card(text):
    assert detect(doc(article([text]))) == []


def test_a_mild_label_inside_a_quotation_makes_no_card():
    text = "“We will not deal with the Assad regime in Damascus,” the senator said on Tuesday."
    d = doc(article([text]), quotes=(quote(text, text[1 : text.index("”")], "direct", "s1"),), sources=(SHEHABI,))
    assert detect(d) == []


@pytest.mark.parametrize(
    "text",
    [
        # Contested labels that are also ordinary or official usage: editors
        # split on cards whose only loaded word was one of these.
        "The Assad regime in Damascus will not deal with the senator, and the talks failed.",
        "Agents detained four illegal aliens near the crossing on Tuesday night.",
        "The neocons in the cabinet pressed for new sanctions last week.",
    ],
)
def test_a_contested_label_alone_opens_no_card(text):
    assert detect(doc(article([text]))) == []


def test_a_contested_label_joins_a_card_a_stronger_word_opens():
    text = "The thugs of the Assad regime shelled the town again."
    cards = detect(doc(article([text])))
    assert [(e.exact, e.label) for c in cards for e in c.evidence] == [
        ("thugs", "name_calling"), ("regime", "name_calling")]


def test_an_interview_answer_in_a_transcript_is_not_the_outlets_voice():
    # Without the turns, the guest's "so-called" and "witch hunt" read as the
    # outlet's prose: editors judged such cards wrong 7 times in 9.
    lines = [
        "The novelist spoke to our reporter about the trial.",
        "KM: Was the hearing fair?",
        "AR: The whole witch hunt was decided before it began.",
        "KM: And the press coverage?",
        "AR: The so-called free press repeated every charge.",
    ]
    cards = detect(doc(article(lines)))
    assert cards == []


def test_the_outlets_own_prose_around_a_transcript_still_gets_a_card():
    lines = [
        "The witch hunt against the novelist goes on.",
        "KM: Was the hearing fair?",
        "AR: No.",
        "KM: And the press coverage?",
        "AR: Poor.",
    ]
    assert [c.voice for c in detect(doc(article(lines)))] == ["outlet"]


def test_a_verdict_credited_by_according_to_is_the_sources_not_the_outlets():
    text = "According to the novelist, the trial was a witch hunt from the first day."
    assert detect(doc(article([text]))) == []


def test_the_words_of_a_post_a_paragraph_copies_are_not_the_outlets():
    # "The mayor lied ..." is the post's author's, signed below it; without
    # the post's span this was an outlet-voiced card.
    filler = ("<p>The council met on Monday evening to discuss the budget for the coming year, and members "
              "argued for hours about the cost of roads, schools and the new library.</p>") * 3
    post = ("<p>The mayor lied to every one of us about the budget.<br>"
            "pic.twitter.com/Ab12Cd — Jane Doe (@janedoe) October 6, 2017</p>")
    html = (f"<html><head><title>Council row</title></head><body><article><h1>Council row</h1>"
            f"{filler}{post}{filler}</article></body></html>")
    # (the detectors' proposals: the learned verifier decides separately what a reader sees)
    cards = candidates(analyze_html(html))
    assert [c.kind for c in cards] == ["unverified_social_quote"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Pastors read from the Bible on Sunday.\n\nThe passage reads: “The wicked flee when no man "
         "pursueth: but the righteous are bold as a lion.” The congregation sang afterwards.", "the passage"),
    ],
)
def test_the_card_names_its_speaker_as_a_sentence_would_mid_way(text, speaker):
    # "The quotation from The passage uses ..." read as a typo: the speaker's
    # name loses its sentence-opening capital.
    [card] = [c for c in candidates(analyze_text(text)) if c.kind == "loaded_framing"]
    assert card.body.startswith(f"The quotation from {speaker} uses ")


@pytest.mark.parametrize(
    ("lead", "carded"),
    [
        # A credit closing its line on a comma: the next line is the statement, marks lost.
        ("The agency's director said in a statement Tuesday,", False),
        # A line that ends on a comma but credits no one leaves the next line the outlet's.
        ("Across the city on Tuesday,", True),
    ],
)
def test_a_line_after_a_credit_ending_on_a_comma_is_the_speakers(lead, carded):
    text = (
        "Raids in the city\n\n"
        "Federal agents arrested dozens of people in the city this week in a long-planned operation.\n"
        f"{lead}\n"
        "The mayor's reckless and disgraceful decision put officers at risk and helped the gangs.\n"
        "The operation continues."
    )
    outlet = [c for c in candidates(analyze_text(text)) if c.kind == "loaded_framing" and c.voice == "outlet"]
    assert bool(outlet) is carded


def test_a_speaker_found_sentences_away_is_not_named_on_the_card():
    # The attribution stage credits the quote to Shehabi from a lead-in two
    # sentences back; the card's own sentence does not name him.
    text = ("Fares Shehabi spoke at length on Monday. The meeting ran late. "
            "“All of these al-Qaeda terrorists are French and will return to France,” the statement added.")
    far = Source("s1", "Fares Shehabi", "person", mentions=(span(text, "Fares Shehabi"),))
    q = quote(text, "All of these al-Qaeda terrorists are French and will return to France", "direct", "s1")
    [card] = detect(doc(article([text]), quotes=(q,), sources=(far,)))
    assert card.voice == "quoted" and "the person quoted" in card.body and "Shehabi" not in card.body


@pytest.mark.parametrize("pronoun", ["He", "She", "They"])
def test_a_speaker_met_only_as_a_pronoun_in_the_sentence_is_not_named_on_the_card(pronoun):
    # Coreference tied the pronoun to the last source before it, a data
    # source ("according to OpenSecrets"), not to the man who said it.
    text = ("Rep. Curtis Vane has received $900,000 from oil interests, according to OpenSecrets. "
            f"{pronoun} once called the agency “a nest of corrupt traitors.”")
    data = Source("s1", "OpenSecrets", "organization",
                  mentions=(span(text, "OpenSecrets"), span(text, pronoun)))
    q = quote(text, "a nest of corrupt traitors.", "direct", "s1")
    [card] = detect(doc(article([text]), quotes=(q,), sources=(data,)))
    assert card.voice == "quoted" and "the person quoted" in card.body and "OpenSecrets" not in card.body


def test_a_speaker_named_in_the_sentence_is_still_named_on_the_card():
    text = "At the rally, Curtis Vane called the agency “a nest of corrupt traitors.”"
    vane = Source("s1", "Curtis Vane", "person", mentions=(span(text, "Curtis Vane"),))
    q = quote(text, "a nest of corrupt traitors.", "direct", "s1")
    [card] = detect(doc(article([text]), quotes=(q,), sources=(vane,)))
    assert "The quotation from Curtis Vane" in card.body


def test_a_readers_letter_is_not_the_outlets_voice():
    # Editors judged all 7 such outlet-voiced candidates on the tuning pages wrong.
    lines = [
        "Readers sound off on the governor's new stadium deal, which the council approved on Tuesday night.",
        "The governor is such a con artist, and everyone who voted for this deal knows it.",
        "Debby James.",
        "Only fools would pay for a stadium they will never set foot in, and the council knows it.",
        "Bruce R. Gary.",
    ]
    assert detect(doc(article(lines))) == []
    # without the signatures, the same words are the outlet's
    assert [c.voice for c in detect(doc(article(lines[:2])))] == ["outlet"]

"""sidenote.syntax: reported speech from the pinned dependency parse."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sidenote import syntax
from sidenote.syntax import reported_by


def _at(sentence: str, words: str):
    i = sentence.index(words)
    return reported_by(sentence, i, i + len(words))


def test_the_model_is_the_pipeline_it_claims_to_be():
    nlp = syntax.load()
    assert tuple(nlp.pipe_names) == syntax.COMPONENTS
    assert nlp.meta["version"] == "3.8.0" and nlp.meta["spacy_git_version"] == "5010fcbd3"


@pytest.mark.parametrize(
    ("sentence", "head", "dep", "word"),
    [
        # Heads any English parser of this quality gets right: a check that the
        # re-uploaded weights parse like spaCy's small pipeline, not only say so.
        ("The mayor quietly paid off the contractor.", "paid", "nsubj", "mayor"),
        ("The mayor quietly paid off the contractor.", "paid", "dobj", "contractor"),
        ("She called the decision disgraceful.", "called", "oprd", "disgraceful"),
        ("Officials said the bridge would reopen in May.", "said", "ccomp", "reopen"),
    ],
)
def test_the_parse_gets_plain_sentences_right(sentence, head, dep, word):
    parsed = syntax.load()(sentence)
    token = next(t for t in parsed if t.text == word)
    assert (token.head.text, token.dep_) == (head, dep)


def test_a_clause_after_said_that_is_the_speakers():
    sentence = "Trump said that the system Mexico uses to deal with illegals is better."
    speech = _at(sentence, "illegals")
    assert speech is not None
    assert (speech.verb, speech.speaker, speech.speaker_is_name) == ("said", "Trump", True)
    assert sentence[speech.speaker_start : speech.speaker_end] == "Trump"


def test_a_name_given_by_a_naming_verb_is_the_namers():
    speech = _at("Critics called the mayor a crook on Tuesday.", "crook")
    assert speech is not None and speech.verb == "called" and speech.speaker == "Critics"


def test_a_clause_set_beside_the_verb_is_the_speakers():
    speech = _at("The senator is a coward, the governor said.", "coward")
    assert speech is not None and speech.speaker == "the governor"


def test_the_outlets_own_sentence_reports_no_one():
    assert _at("The corrupt mayor quietly paid off the contractor.", "corrupt") is None


def test_the_speaker_phrase_itself_is_not_reported_speech():
    # "corrupt officials" is who speaks: the outlet's words about them
    assert _at("Corrupt officials said the bridge would reopen.", "Corrupt") is None


def test_the_speaker_of_a_reported_act_is_in_the_reported_words():
    # the cabal is who "wrote", inside what Hart said: Hart's label
    speech = _at("Senator Hart said a cabal of globalists wrote the bill in secret.", "cabal")
    assert speech is not None and (speech.verb, speech.speaker) == ("said", "Senator Hart")
    speech = _at("The so-called experts claimed the vaccine was safe, Trump said.", "so-called")
    assert speech is not None and speech.speaker == "Trump"
    # with no act above it, the speaker phrase is still the writer's words
    assert _at("A cabal of globalists wrote the bill in secret.", "cabal") is None


def test_the_writers_own_opinion_stays_the_writers():
    assert _at("I think the disgraceful deal should be scrapped.", "disgraceful") is None
    assert _at("We believe the regime is lying.", "regime") is None


def test_an_act_is_not_speech():
    # "voted" and "decided" report acts: editors read the clause as the outlet's
    assert _at("Donnelly voted to give free care to illegal aliens.", "illegal aliens") is None


def test_too_long_or_empty_input_is_not_parsed():
    long = "The regime said " + "very " * 400 + "bad things."
    assert _at(long, "bad") is None
    assert reported_by("", 0, 0) is None
    assert reported_by("Officials said so.", 5, 3) is None


def test_text_spacy_cannot_encode_is_not_parsed():
    # a lone surrogate (seen from the fuzz suite) makes spaCy's tokenizer raise
    sentence = "The regime said \ud800 things."
    assert syntax.parse(sentence) is None
    assert _at(sentence, "things") is None


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("According to Ritter, the invasion was a debacle for the country.", "Ritter"),
        ("The invasion, according to the senator, was a debacle.", "the senator"),
        ("In Ritter's view, the invasion was a debacle.", "Ritter"),
        # a person named at the head of the sentence whose view it gives
        ("For Jonathan Chait, the invasion was a debacle of the first order.", "Jonathan Chait"),
    ],
)
def test_a_clause_credited_by_according_to_or_a_view_is_the_speakers(sentence, speaker):
    speech = _at(sentence, "debacle")
    assert speech is not None and speech.speaker == speaker
    assert sentence[speech.speaker_start : speech.speaker_end] == speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "In my view, the invasion was a debacle.",  # the writer's own
        "According to me, the invasion was a debacle.",
        # the credit covers the first clause only, not the one joined by "and"
        "According to the police, two men fled, and the invasion was a debacle.",
        "The invasion was a debacle in every way.",
        # "for" before a time or a common noun gives no one's view
        "For years, the invasion was a debacle.",
        "For the soldiers, the invasion was a debacle.",
    ],
)
def test_a_viewpoint_that_is_the_writers_or_elsewhere_credits_no_one(sentence):
    assert _at(sentence, "debacle") is None


@pytest.mark.parametrize(
    ("sentence", "words", "speaker"),
    [
        ("The Turks regard the fighters as terrorists and want them gone.", "terrorists", "The Turks"),
        ("Critics describe the mayor as a crook.", "crook", "Critics"),
        ("He dismissed the inquiry as a witch hunt.", "witch hunt", "He"),
        ("The presenter referred to the delegation as “Western puppets” on his program.", "Western puppets",
         "The presenter"),
    ],
)
def test_a_label_after_a_view_verbs_as_is_its_subjects(sentence, words, speaker):
    speech = _at(sentence, words)
    assert speech is not None and speech.speaker == speaker


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("We regard the fighters as terrorists.", "terrorists"),  # the writer's own view
        ("The thugs served as guards at the gate.", "thugs"),  # an act, and the subject itself
        ("They treat the refugees as invaders at the border.", "invaders"),  # an act, not a view
    ],
)
def test_a_label_after_as_that_is_the_writers_or_an_acts_is_no_ones_speech(sentence, words):
    assert _at(sentence, words) is None


def _credited(sentence: str, quoted: str, word: str):
    q, w = sentence.index(quoted), sentence.index(word)
    return syntax.credited_with(sentence, (q, q + len(quoted)), (w, w + len(word)))


@pytest.mark.parametrize(
    ("sentence", "quoted", "word"),
    [
        ("“We need a stronger leader now!” Ann Lee said on Twitter.", "We need", "Twitter"),
        ("In a tweet, the union said the company “is not keeping its promises.”", "is not", "tweet"),
        ("The governor praised the vote in a tweet, saying “a great day for our state.”", "a great", "tweet"),
        ("The senator tweeted: “The vote was rigged from the start.”", "The vote", "tweeted"),
        # a platform word a short phrase before the colon still introduces the quote
        ("Ann Lee tweeted in response: “The vote was rigged from the start.”", "The vote", "tweeted"),
        # a posting act's object is the post, and a post may be the subject
        ("The mayor posted a message on Sunday, saying “the count was fair.”", "the count", "message"),
        ("A tweet from the campaign said the count was “fair and final.”", "fair and", "tweet"),
        ("“The count was fair,” one Twitter user wrote.", "The count", "Twitter"),
        # the parser hangs the phrase on the quoted word; the writer's phrase still places the act
        ("The mayor called the count “rigged” in a tweet Monday, and two aldermen asked for a recount.",
         "rigged", "tweet"),
        ("The mayor called the count “rigged” in a tweet on Monday.", "rigged", "tweet"),
        # an act whose subject is a relative pronoun is said of the post it hangs on
        ("The mayor, who in August retweeted a post that referred to the judge as “the clown”, kept at it.",
         "the clown", "retweeted"),
    ],
)
def test_a_platform_word_in_the_crediting_act_credits_the_quote(sentence, quoted, word):
    assert _credited(sentence, quoted, word) is True


@pytest.mark.parametrize(
    ("sentence", "quoted", "word"),
    [
        (
            "Weeks after she mocked him on Twitter, the senator told a radio host that critics "
            "“should toughen up.”",
            "should toughen",
            "Twitter",
        ),
        (
            "The mayor tweeted that the count was close, and the governor later called the result “a disgrace.”",
            "a disgrace",
            "tweeted",
        ),
        # a relative clause is part of its noun, but the post in it is still not where "said" went
        (
            "Trump, who posted a tweet about the debate on Monday, said the moderators were “a total disgrace.”",
            "a total disgrace",
            "tweet",
        ),
    ],
)
def test_a_platform_word_in_another_clause_does_not(sentence, quoted, word):
    assert _credited(sentence, quoted, word) is False


@pytest.mark.parametrize(
    ("sentence", "quoted", "word"),
    [
        # the post is what the act is about, not where it went
        ("The mayor defended her tweet on Sunday, calling it “a fair comment.”", "a fair", "tweet"),
        # the platform describes the speaker
        (
            "The mayor, a prolific Twitter user, described the deal as “a disaster for workers.”",
            "a disaster",
            "Twitter",
        ),
        # the post is the subject of a clause the act is only subordinate to
        ("The Twitter feud escalated when the mayor called the governor “a coward.”", "a coward", "Twitter"),
        # the parser hangs the phrase on the quoted words, but it says what they are about
        ("He added that he stood “100 percent” behind his Facebook post on the ordinance.", "100 percent",
         "Facebook"),
    ],
)
def test_a_platform_word_that_is_not_the_acts_medium_does_not(sentence, quoted, word):
    assert _credited(sentence, quoted, word) is False


def test_a_platform_word_inside_a_place_of_speech_does_not():
    sentence = "In a radio interview after her Twitter spat, the mayor called the governor “a coward.”"
    q, w = sentence.index("a coward"), sentence.index("Twitter")
    assert syntax.credited_with(sentence, (q, q + 8), (w, w + 7), venues=frozenset({"interview"})) is False
    assert syntax.credited_with(sentence, (q, q + 8), (w, w + 7)) is True


def test_the_crediting_verb_itself_is_no_place_of_speech():
    venues = frozenset({"interview", "told"})
    sentence = "On Twitter, he told supporters that “we will win this fight.”"
    q, w = sentence.index("we will"), sentence.index("Twitter")
    assert syntax.credited_with(sentence, (q, q + 19), (w, w + 7), venues=venues) is True
    # a place of speech on the way to the act still is one
    sentence = "In a radio interview after her Twitter spat, the mayor told listeners that “we will win this fight.”"
    q, w = sentence.index("we will"), sentence.index("Twitter")
    assert syntax.credited_with(sentence, (q, q + 19), (w, w + 7), venues=venues) is False


def test_a_sentence_too_long_to_parse_tells_nothing():
    sentence = "The mayor said on Twitter " + "very " * 400 + "“bad things.”"
    assert _credited(sentence, "bad things", "Twitter") is None


_WORDS = ["Trump", "tweeted", "said", "on", "Twitter", "in", "a", "tweet", ",", ":", "“", "”", "the", "mayor",
          "called", "it", "saying", "and", "later", "post", "wrote", ".", "Facebook", "that", "she"]


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=25),
    cuts=st.lists(st.integers(min_value=0, max_value=200), min_size=4, max_size=4),
)
def test_any_sentence_and_spans_give_an_answer_not_an_error(words, cuts):
    sentence = " ".join(words)
    a, b, c, d = (min(x, len(sentence)) for x in cuts)
    assert syntax.credited_with(sentence, (min(a, b), max(a, b)), (min(c, d), max(c, d))) in (True, False, None)


@pytest.mark.parametrize(
    ("sentence", "phrase", "joined_at"),
    [
        ("The board decided to close the plant and the workers lost their jobs in May.", "to close", " and the"),
        ("She vowed to fight the charges, but the case went to trial anyway.", "to fight", " but the"),
        # Two verbs inside the phrase, one subject: nothing joined to the cue.
        ("He promised to cut taxes and raise spending.", "to cut", None),
        ("He promised to cut taxes.", "to cut", None),
    ],
)
def test_a_clause_with_its_own_subject_joined_to_the_cue_is_found(sentence, phrase, joined_at):
    start = sentence.index(phrase)
    found = syntax.coordinated_clause_at(sentence, start, len(sentence))
    if joined_at is None:
        assert found is None
    else:
        assert found == sentence.index(joined_at) + 1


@pytest.mark.parametrize(
    ("sentence", "words", "expected"),
    [
        ("None of this means the plan is crazy.", "crazy", True),
        ("Jeb doesn't really believe I'm unhinged.", "unhinged", True),
        ("She and her aides weren't trying to be traitors.", "traitors", True),
        ("He is not a corrupt man.", "corrupt", True),
        # a label in the object or the subject of a negated verb is still asserted
        ("The public should not be forced to endure this charade.", "charade", False),
        ("The media isn't even questioning that ludicrous notion.", "ludicrous", False),
        ("The anti-Israel leftists are clearly not leaving their politics at home.", "leftists", False),
        # "not only ... but" affirms
        ("The mayor is not only corrupt but also lazy.", "corrupt", False),
    ],
)
def test_a_negation_covers_what_its_clause_predicates(sentence, words, expected):
    start = sentence.index(words)
    assert syntax.negated(sentence, start, start + len(words)) is expected


@pytest.mark.parametrize(
    ("sentence", "words", "speaker"),
    [
        # a gerund after "as" hangs as the preposition's complement
        ("State Representative Tomas Beale dismissed the sheriff's letter as fearmongering and said "
         "the sheriff was auditioning for cable news.", "fearmongering", "State Representative Tomas Beale"),
        # a verb joined by "and" speaks for the subject of the verb it is joined to
        ("She called the ad “disgusting” and said she would not accept support from people who trade "
         "in that kind of smear.", "smear", "She"),
    ],
)
def test_a_reporting_verb_without_a_subject_of_its_own_reports_for_the_one_it_is_joined_to(sentence, words, speaker):
    speech = _at(sentence, words)
    assert speech is not None and speech.speaker == speaker

"""The single_source detector on hand-made Docs: support, chains, restatements."""

from __future__ import annotations

import pytest
from handmade import article, doc, span

from sidenote.detectors.single_source import _accused_words, _is_accusation, build_chains, detect
from sidenote.doc import Attribution, Claim, Source, Span

LEAD = "US bombers attacked Syrian army positions near Deir ez-Zor on Sunday, killing 30 soldiers."


def _claim(text: str, sentence: str, cid: str = "c1", key: bool = True) -> Claim:
    s = span(text, sentence)
    return Claim(cid, s.start, s.end, 0.9, key=key)


def _source(text, sid, name, kind="organization", mention=None, **kw) -> Source:
    return Source(sid, name, kind, mentions=(span(text, mention or name),), **kw)


def test_claim_credited_to_one_account_gets_a_card():
    art = article([LEAD + " The attack was reported by Fares Shehabi on Twitter."])
    text = art.text
    shehabi = _source(text, "s1", "Fares Shehabi", "social_media", channel="twitter")
    d = doc(art, sources=(shehabi,), claims=(_claim(text, LEAD),),
            attributions=(Attribution("s1", span(text, LEAD), source_span=span(text, "Fares Shehabi")),))
    [card] = detect(d)
    assert card.kind == "single_source" and card.claim == "c1"
    assert card.anchor.exact == LEAD
    assert "Fares Shehabi's X (Twitter) account" in card.body
    assert card.severity == "warning"  # a social-media account is the only support


ANNOUNCED = "James Van Der Beek announced on the show that his wife Kimberly was expecting their sixth child in spring."
LATER_POST = "In an Instagram post in June, Van Der Beek said they had been through three such appointments."


@pytest.mark.parametrize(
    ("paragraphs", "expect_card"),
    [
        # Known as a poster, but speaking on TV here, about his own family: a person on his own account.
        ([ANNOUNCED, LATER_POST], False),
        # The claim's own sentence says it was posted: the claim rests on the post.
        ([ANNOUNCED.replace("on the show", "on Instagram"), LATER_POST], True),
        # Introduced by the account he posts on: everything he says is a post.
        (["James Van Der Beek wrote on Instagram on Monday.", ANNOUNCED], True),
    ],
)
def test_a_poster_speaking_elsewhere_is_a_person_on_his_own_account(paragraphs, expect_card):
    art = article(paragraphs)
    text = art.text
    claim = next(p for p in paragraphs if "announced" in p)
    mentions = tuple(Span(i, i + len(w)) for w in ("James Van Der Beek", "Van Der Beek")
                     for i in [text.find(w)] if i >= 0 and text[i - 6 : i] != "James ")
    vdb = Source("s1", "James Van Der Beek", "social_media", channel="instagram", mentions=mentions)
    content = span(text, "his wife Kimberly was expecting their sixth child in spring")
    d = doc(art, sources=(vdb,), claims=(_claim(text, claim),),
            attributions=(Attribution("s1", content, source_span=span(text, "James Van Der Beek")),))
    cards = detect(d)
    assert bool(cards) is expect_card
    if cards:
        assert "James Van Der Beek's Instagram account" in cards[0].body


def test_two_independent_sources_need_no_card():
    second = "Syrian state media said 30 soldiers were killed when US bombers attacked army positions near Deir ez-Zor."
    art = article([LEAD + " A Pentagon spokesman confirmed the strike.", second])
    text = art.text
    pentagon = _source(text, "s1", "Pentagon spokesman", "person", mention="A Pentagon spokesman")
    sana = _source(text, "s2", "Syrian state media", "media")
    d = doc(
        art, sources=(pentagon, sana), claims=(_claim(text, LEAD),),
        attributions=(
            Attribution("s1", span(text, LEAD)),
            # A sentence elsewhere restates the claim with its own source.
            Attribution(
                "s2", span(text, "30 soldiers were killed when US bombers attacked army positions near Deir ez-Zor")
            ),
        ),
    )
    assert detect(d) == []


def test_a_media_relay_of_a_named_non_state_source_makes_no_card():
    # One outlet relaying a named person or group: editors judged 7 of 9 such
    # cards wrong (a lawsuit, a body on its own decision, a documented fact).
    sentence = "Fox News reported that the bar said it had fired the bartender after the incident."
    art = article([sentence])
    text = art.text
    fox = _source(text, "s1", "Fox News", "media")
    bar = _source(text, "s2", "the bar", "organization", relayed_by="s1")
    d = doc(art, sources=(fox, bar), claims=(_claim(text, sentence),),
            attributions=(Attribution("s1", span(text, "the bar said it had fired the bartender after the incident")),
                          Attribution("s2", span(text, "it had fired the bartender after the incident"))))
    assert detect(d) == []


def test_a_relay_is_not_a_second_source():
    sentence = ("RT reported that the Russian Defense Ministry announced US-made TOW missiles "
                "were found in a former militant base in Homs province.")
    art = article([sentence])
    text = art.text
    rt = _source(text, "s1", "RT", "media")
    mod = _source(text, "s2", "Russian Defense Ministry", relayed_by="s1")
    content = span(text, "US-made TOW missiles were found in a former militant base in Homs province")
    d = doc(art, sources=(rt, mod), claims=(_claim(text, sentence),),
            attributions=(Attribution("s1", span(text, "the Russian Defense Ministry announced US-made TOW missiles "
                                                       "were found in a former militant base in Homs province")),
                          Attribution("s2", content)))
    [card] = detect(d)
    assert "Russian Defense Ministry, as relayed by RT" in card.body


@pytest.mark.parametrize(
    ("names", "one_chain"),
    [
        # Two bodies of one state speak for one side.
        (["Russian Defense Ministry", "Russian Center for Reconciliation in Syria"], True),
        # Bodies of two states are two chains.
        (["Russian Defense Ministry", "Turkish Defense Ministry"], False),
        # Not state bodies: a Russian company and a Russian ministry are not one side.
        (["Russian Defense Ministry", "Russian Railways Company"], False),
    ],
)
def test_state_bodies_of_one_country_are_one_chain(names, one_chain):
    art = article([" and ".join(names) + " said so."])
    sources = tuple(_source(art.text, f"s{i + 1}", n) for i, n in enumerate(names))
    chains = build_chains(doc(art, sources=sources))
    assert (chains.find("s1") == chains.find("s2")) is one_chain


def test_a_person_described_as_part_of_a_source_is_that_source():
    text_ = "The center said the trove was found. Andrey Nekipelov, an official at the center, said more."
    art = article([text_])
    center = Source("s1", "Russian Center for Reconciliation", "organization",
                    mentions=(span(art.text, "The center"), span(art.text, "the center", 0)))
    person = Source("s2", "Andrey Nekipelov", "person", description="an official at the center",
                    mentions=(span(art.text, "Andrey Nekipelov"),))
    chains = build_chains(doc(art, sources=(center, person)))
    assert chains.find("s1") == chains.find("s2")


def test_only_key_claims_get_cards():
    art = article([LEAD + " Fares Shehabi wrote."])
    text = art.text
    shehabi = _source(text, "s1", "Fares Shehabi", "person")
    d = doc(art, sources=(shehabi,), claims=(_claim(text, LEAD, key=False),),
            attributions=(Attribution("s1", span(text, LEAD)),))
    assert detect(d) == []


@pytest.mark.parametrize(
    ("other_attributions", "expect_card"),
    [
        # The article credits nobody at all: the claim rests on none.
        (False, True),
        # Other claims are sourced: the outlet's own reporting is normal, stay quiet.
        (True, False),
    ],
)
def test_unsourced_claims_only_flagged_when_the_article_credits_nobody(other_attributions, expect_card):
    other = "Officials said the road would reopen on Friday."
    art = article([LEAD, other])
    text = art.text
    sources: tuple[Source, ...] = ()
    atts: tuple[Attribution, ...] = ()
    if other_attributions:
        sources = (_source(text, "s1", "Officials", "anonymous"),)
        atts = (Attribution("s1", span(text, "the road would reopen on Friday")),)
    d = doc(art, sources=sources, attributions=atts, claims=(_claim(text, LEAD),))
    cards = detect(d)
    assert bool(cards) is expect_card
    if cards:
        assert cards[0].title == "No source is given for this claim"


def test_an_article_that_credits_nobody_gets_one_unsourced_card_not_one_per_key_claim():
    second = "Rebels shelled the market in Homs on Monday, killing 12 people."
    art = article([LEAD, second])
    d = doc(art, claims=(_claim(art.text, LEAD), _claim(art.text, second, "c2")))
    cards = detect(d)
    assert [c.title for c in cards] == ["No source is given for this claim"]
    assert cards[0].claim == "c1"


@pytest.mark.parametrize(
    "sentence",
    [
        "The new console runs every game at 120 frames a second for $499.",  # a review
        "The senator moved a motion to adjourn the session on Tuesday.",  # an eyewitness report
    ],
)
def test_an_unsourced_claim_that_accuses_nobody_gets_no_card(sentence):
    art = article([sentence])
    assert detect(doc(art, claims=(_claim(art.text, sentence),))) == []


@pytest.mark.parametrize(
    ("sentence", "kind", "expect_card"),
    [
        # A named person speaking on their own account: what they said is the claim.
        ("Apple employs about 450 Dreamers, Tim Cook said on Tuesday.", "person", False),
        # A named party accusing another: editors judged such cards wrong 38
        # times in 45 (the accuser was the claim's subject, a body on its own
        # acts, a document); Sidenote stays quiet.
        ("Israeli jets bombed a school in Gaza, killing 12, Hamas officials said.", "organization", False),
        # A source the article says it keeps unnamed is weak on its own, whatever the claim.
        ("Apple will release a new laptop in 2020, people familiar with the plans said.", "anonymous", True),
    ],
)
def test_single_sources_flagged_only_when_weak_on_their_own(sentence, kind, expect_card):
    art = article([sentence])
    text = art.text
    names = {"person": "Tim Cook", "organization": "Hamas officials", "anonymous": "people familiar with the plans"}
    name = names[kind]
    src = _source(text, "s1", name, kind)
    content = Span(0, text.index(",", text.index(",") + 1 if kind == "organization" else 0))
    d = doc(art, sources=(src,), claims=(_claim(text, sentence),),
            attributions=(Attribution("s1", content, source_span=span(text, name)),))
    assert bool(detect(d)) is expect_card


@pytest.mark.parametrize(
    ("name", "expect_card"),
    [
        ("officials familiar with the talks", True),  # really unnamed, and the article says so
        ("the US military", False),  # typed "anonymous" by mistake: a named body
        ("Michigan health authorities", False),  # a place's public service, on the record
        # Nothing says the name is kept back: often the claim's subject or a
        # report's authors ("experts", "authorities"), so no card.
        ("U.S. military officials", False),
        ("officials who spoke on condition of anonymity", True),
    ],
)
def test_only_really_unnamed_sources_count_as_weak(name, expect_card):
    sentence = f"Two soldiers died in a helicopter crash in Logar province, {name} said."
    art = article([sentence])
    text = art.text
    src = _source(text, "s1", name, "anonymous")
    d = doc(art, sources=(src,), claims=(_claim(text, sentence),),
            attributions=(Attribution("s1", span(text, "Two soldiers died in a helicopter crash in Logar province"),
                                      source_span=span(text, name)),))
    assert bool(detect(d)) is expect_card


def _one_source_card(sentence: str, name: str, kind: str, content: str, cue: str | None = None) -> list:
    art = article([sentence])
    text = art.text
    attribution = Attribution("s1", span(text, content), cue=span(text, cue) if cue else None,
                              source_span=span(text, name))
    d = doc(art, sources=(_source(text, "s1", name, kind),), claims=(_claim(text, sentence),),
            attributions=(attribution,))
    return detect(d)


@pytest.mark.parametrize(
    ("sentence", "name", "kind", "content", "cue", "expect_card"),
    [
        # The accusation is the cue itself: the source accuses another party.
        ("Esper accused China of bullying smaller nations in the sea.", "Esper", "person",
         "China of bullying smaller nations in the sea", "accused", True),
        # A passive with its doer named is still an accusation.
        ("Two civilians were killed by Israeli jets in Gaza, Hamas officials said.", "Hamas officials",
         "organization", "Two civilians were killed by Israeli jets in Gaza", "said", True),
        # An agentless passive accuses nobody: an institution reporting its own losses.
        ("Two soldiers have been killed in a helicopter crash, the army said.", "the army",
         "organization", "Two soldiers have been killed in a helicopter crash", "said", False),
        # A guilty plea is a matter of court record, not the prosecutors' accusation.
        ("A man pleaded guilty to threatening to kill a lawmaker, prosecutors said.", "prosecutors",
         "organization", "A man pleaded guilty to threatening to kill a lawmaker", "said", False),
        # Denying an accusation is not making one.
        ("Assange, who denies the accusation, has lived in the embassy for years.", "Assange", "person",
         "the accusation", "denies", False),
        # Answering an accusation is the accused speaking, not accusing.
        ("Peng Mei responded to the allegations in a post on WeChat on Monday.", "Peng Mei", "person",
         "to the allegations in a post on WeChat on Monday", "responded", False),
        # Accusation words in the outlet's framing around a person's own words are not theirs.
        ("Amid the accusations of fraud, Smith said he regrets nothing about the deal.", "Smith", "person",
         "he regrets nothing about the deal", "said", False),
    ],
)
def test_an_accusation_counts_only_when_the_source_makes_it(sentence, name, kind, content, cue, expect_card):
    # The accusation test decides the cards on claims with no source at all.
    art = article([sentence])
    text = art.text
    attribution = Attribution("s1", span(text, content), cue=span(text, cue) if cue else None,
                              source_span=span(text, name))
    d = doc(art, sources=(_source(text, "s1", name, kind),), claims=(_claim(text, sentence),),
            attributions=(attribution,))
    assert _is_accusation(_accused_words(d, d.claims[0], ["s1"])) is expect_card


def test_a_named_accuser_alone_makes_no_card():
    assert _one_source_card("Esper accused China of bullying smaller nations in the sea.", "Esper", "person",
                            "China of bullying smaller nations in the sea", "accused") == []


@pytest.mark.parametrize(
    ("name", "expect_card"),
    [
        ("two people with direct knowledge of the talks", True),
        # Officials of a named body speak for that body.
        ("Berrien County Health Department officials", False),
        # Phrases cut in the wrong place: a card naming them would be nonsense.
        ("Yet our shocked experts somehow cannot", False),
        ("one of the region's most vocal critics of China's sweeping territorial", False),
    ],
)
def test_unnamed_means_a_source_phrase_that_really_leaves_the_source_unnamed(name, expect_card):
    sentence = f"The factory will close in March, {name} said."
    cards = _one_source_card(sentence, name, "anonymous", "The factory will close in March", "said")
    assert bool(cards) is expect_card
    if expect_card:
        assert f"an unnamed source ({name})" in cards[0].body


def test_a_head_word_before_a_name_is_a_modifier_not_an_unnamed_source():
    # "official" modifies the website's name: a website, not an unnamed official.
    name = "Israel’s official New York consulate website"
    sentence = f"The factory will close in March, according to {name}."
    cards = _one_source_card(sentence, name, "anonymous", "The factory will close in March", "according to")
    assert all("unnamed source" not in c.body for c in cards)


def test_a_source_credited_with_a_small_part_of_the_sentence_does_not_support_the_claim():
    sentence = ("Three cases of plague have been diagnosed in Inner Mongolia this month, sparking fears "
                "of an epidemic, though officials say the risk of an outbreak is low.")
    # The diagnoses are the outlet's own report; the officials only speak to the risk.
    assert _one_source_card(sentence, "officials", "anonymous", "the risk of an outbreak is low", "say") == []
    # Credited with the whole claim, unnamed officials are its only support.
    whole = ("Three cases of plague have been diagnosed in Inner Mongolia this month, "
             "officials familiar with the count say.")
    [card] = _one_source_card(whole, "officials familiar with the count", "anonymous",
                              "Three cases of plague have been diagnosed in Inner Mongolia this month", "say")
    assert "an unnamed source (officials familiar with the count)" in card.body

def test_an_allegation_repeated_in_a_question_is_not_the_askers_accusation():
    sentence = "Maitlis demanded how Andrew could be so sure, given that he allegedly attacked a teenager."
    assert _one_source_card(sentence, "Maitlis", "person",
                            "how Andrew could be so sure, given that he allegedly attacked a teenager",
                            "demanded") == []


def test_a_source_speaking_in_a_leading_when_clause_is_an_actor_not_the_claims_source():
    sentence = ("When the president's advisers suggested that Beijing buy more soybeans and corn from farmers, "
                "the president was not satisfied with the offer.")
    art = article([sentence, "The talks resumed in Washington on Monday, officials said."])
    text = art.text
    advisers = _source(text, "s1", "the president's advisers", "anonymous")
    officials = _source(text, "s2", "officials", "anonymous")
    d = doc(art, sources=(advisers, officials), claims=(_claim(text, sentence),),
            attributions=(Attribution("s1", span(text, "Beijing buy more soybeans and corn from farmers"),
                                      source_span=span(text, "the president's advisers")),
                          Attribution("s2", span(text, "The talks resumed in Washington on Monday"),
                                      source_span=span(text, "officials"))))
    assert detect(d) == []


def _one_credit_doc(sentence: str, name: str, content: str, cue: str):
    """One sentence, one key claim, one anonymous-typed source credited through ``cue``."""
    art = article([sentence])
    text = art.text
    src = _source(text, "s1", name, "anonymous")
    return doc(art, sources=(src,), claims=(_claim(text, sentence),),
               attributions=(Attribution("s1", span(text, content), cue=span(text, cue),
                                         source_span=span(text, name)),))


def test_a_thing_typed_as_an_unnamed_source_makes_no_card():
    # "his actions blamed on ...": the attribution stage could not type the phrase.
    d = _one_credit_doc("Every other attacker in Europe has his actions blamed on mental illness or drug use.",
                        "his actions", "on mental illness or drug use", "blamed")
    assert detect(d) == []


def test_a_source_phrase_opening_the_sentence_reads_mid_sentence_in_the_card():
    d = _one_credit_doc("A person familiar with the audit alleged that the bureau had sat on the emails for a month.",
                        "A person familiar with the audit", "the bureau had sat on the emails for a month", "alleged")
    [card] = detect(d)
    assert "an unnamed source (a person familiar with the audit)." in card.body



def test_support_found_in_a_restating_sentence_is_shown_as_the_evidence():
    # The claim's own sentence credits nobody; a later sentence says the same
    # thing and credits an unnamed source. The card names that source, so it
    # must point the reader at the mention that credits it.
    claim = "A third case of plague was reported on Saturday in a herder from Inner Mongolia."
    later = ("Officials who asked not to be named said the third case of plague was found in a herder "
             "from Inner Mongolia on Saturday.")
    art = article([claim, "The region has seen cases before.", later])
    text = art.text
    officials = _source(text, "s1", "Officials", "anonymous")
    content = span(text, "the third case of plague was found in a herder from Inner Mongolia on Saturday")
    d = doc(art, sources=(officials,), claims=(_claim(text, claim),),
            attributions=(Attribution("s1", content, source_span=span(text, "Officials")),))
    [card] = detect(d)
    assert "an unnamed source (officials)" in card.body  # the capital was its sentence's
    assert [(e.exact, e.start, e.label) for e in card.evidence] == [("Officials", text.index("Officials"), "source")]


def _officials_credited(sentence: str, officials: str, cue: str, content: str):
    """A one-sentence key claim whose only credit is unnamed officials."""
    art = article([sentence])
    text = art.text
    src = _source(text, "s1", officials, "anonymous")
    return doc(art, sources=(src,), claims=(_claim(text, sentence),),
               attributions=(Attribution("s1", span(text, content), cue=span(text, cue),
                                         source_span=span(text, officials)),))


@pytest.mark.parametrize(("cue", "expect_card"), [("admitted", False), ("conceded", False), ("said", True)])
def test_a_claim_its_own_party_admits_needs_no_second_source(cue, expect_card):
    sentence = (f"Officials familiar with the count {cue} that the hospital had seen ten times as many "
                "cases as first reported.")
    d = _officials_credited(sentence, "Officials familiar with the count", cue,
                            "the hospital had seen ten times as many cases as first reported")
    assert bool(detect(d)) is expect_card


@pytest.mark.parametrize(
    ("cue_phrase", "cue", "expect_card"),
    [("has not talked of", "talked", False), ("never mentioned", "mentioned", False),
     ("didn't mention", "mention", False), ("has talked of", "talked", True)],
)
def test_a_claim_about_what_a_source_did_not_say_does_not_rest_on_it(cue_phrase, cue, expect_card):
    # The outlet's own claim about a silence: "Since January, it has not
    # talked of infrastructure ..." is not the source's word to check.
    sentence = f"Since January, officials familiar with the count {cue_phrase} the ten new cases at the hospital."
    d = _officials_credited(sentence, "officials familiar with the count", cue, "the ten new cases at the hospital")
    assert bool(detect(d)) is expect_card


@pytest.mark.parametrize(
    ("name", "expect_card"),
    # (a bare "It" is a pronoun: no card either, see the pronoun test below)
    [("November 10-13", False), ("May", True), ("it obtained a draft", False), ("It", False)],
)
def test_a_date_or_a_clause_taken_for_a_source_makes_no_card(name, expect_card):
    sentence = f"Gunmen killed three civilians near the border, {name} said on Twitter."
    art = article([sentence])
    text = art.text
    src = _source(text, "s1", name, "social_media", channel="twitter")
    content = span(text, "Gunmen killed three civilians near the border")
    d = doc(art, sources=(src,), claims=(_claim(text, sentence),),
            attributions=(Attribution("s1", content, source_span=span(text, name)),))
    assert bool(detect(d)) is expect_card


def test_a_short_sentence_sharing_a_few_names_with_a_long_claim_is_not_its_support():
    # The later quote shares five words with the claim ("Iran", "nuclear",
    # "deal", "regime" ...) but restates little of it: a card naming its
    # source would name the wrong one.
    claim = ("Days after the envoy's remarks on the nuclear deal, a Washington newspaper obtained a three-page "
             "plan circulating among security officials that would push for a change of regime in Iran "
             "through sanctions, broadcasts and support for exiled opposition groups.")
    later = "“The problem is not the Iran nuclear deal, it's the Iran regime,” said the source."
    art = article([claim, later])
    text = art.text
    src = _source(text, "s1", "the source", "anonymous")
    content = span(text, "The problem is not the Iran nuclear deal, it's the Iran regime")
    d = doc(art, sources=(src,), claims=(_claim(text, claim),),
            attributions=(Attribution("s1", content, source_span=span(text, "the source")),))
    assert detect(d) == []


def test_a_source_named_as_unidentified_is_unnamed_whatever_its_head_word():
    sentence = "Two other unidentified women told a magazine that the coach grabbed them at team events."
    name = "Two other unidentified women"
    [card] = _one_source_card(sentence, name, "anonymous",
                              "the coach grabbed them at team events", "told")
    assert "an unnamed source (two other unidentified women)" in card.body.lower()


@pytest.mark.parametrize(
    ("sentence", "name", "expect_card"),
    [
        # A claim not ranked key, resting on a source the article itself calls unnamed.
        ("An unnamed former aide told a magazine that the coach grabbed her at a team party.",
         "An unnamed former aide", True),
        # Unnamed, but not said to be: on a claim that is not key, no card.
        ("A former aide told a magazine that the coach grabbed her at a team party.", "A former aide", False),
        # Read off a transcript the reader can check: a primary document.
        ("An unnamed former aide told the panel that the coach grabbed her at a team party, the transcript states.",
         "An unnamed former aide", False),
    ],
)
def test_a_claim_that_is_not_key_gets_a_card_only_on_a_source_named_as_unnamed(sentence, name, expect_card):
    art = article([sentence])
    text = art.text
    content = sentence[sentence.index("that ") + 5 :].split(",")[0].rstrip(".")
    d = doc(art, sources=(_source(text, "s1", name, "anonymous"),), claims=(_claim(text, sentence, key=False),),
            attributions=(Attribution("s1", span(text, content), cue=span(text, "told"),
                                      source_span=span(text, name)),))
    cards = detect(d)
    assert bool(cards) is expect_card
    if cards:
        assert "an unnamed source (an unnamed former aide)" in cards[0].body


def _aide_credited(sentence: str, key: bool = True):
    """A doc of ``sentence``: its first sentence a claim credited to "a former aide"."""
    art = article([sentence])
    text = art.text
    aide = Source("s1", "a former aide", "anonymous", mentions=(span(text, "a former aide"),))
    first = text[: text.index(".") + 1]
    return doc(art, sources=(aide,), claims=(_claim(text, first, key=key),),
               attributions=(Attribution("s1", span(text, "The coach grabbed her at a team party"),
                                         cue=span(text, "according to"), source_span=span(text, "a former aide")),))


@pytest.mark.parametrize(
    ("sentence", "expect_card"),
    [
        # The article says it keeps the name back, in words the older pattern missed.
        ("The coach grabbed her at a team party, according to a former aide who requested anonymity.", True),
        ("The coach grabbed her at a team party, according to a former aide, who asked for anonymity.", True),
        # Unnamed, but not said to be kept so: no card (such sources were mostly judged wrong).
        ("The coach grabbed her at a team party, according to a former aide.", False),
        # The words belong to the next sentence's source, not this one.
        ("The coach grabbed her at a team party, according to a former aide. "
         "A trainer, who requested anonymity, disputed that.", False),
    ],
)
def test_a_source_the_article_says_it_keeps_anonymous_is_a_weak_source_for_a_key_claim(sentence, expect_card):
    cards = detect(_aide_credited(sentence))
    assert bool(cards) is expect_card
    if cards:
        assert "an unnamed source (a former aide)" in cards[0].body


def test_a_claim_that_is_not_key_is_not_carded_on_a_source_only_said_to_be_kept_anonymous():
    sentence = "The coach grabbed her at a team party, according to a former aide who requested anonymity."
    assert detect(_aide_credited(sentence, key=False)) == []


def test_the_medium_relaying_an_unnamed_source_is_named_in_the_card():
    sentence = "An unnamed former aide told Politico that the coach grabbed her at a team party."
    art = article([sentence])
    text = art.text
    aide = _source(text, "s1", "An unnamed former aide", "anonymous", relayed_by="s2")
    politico = _source(text, "s2", "Politico", "media")
    d = doc(art, sources=(aide, politico), claims=(_claim(text, sentence),),
            attributions=(Attribution("s1", span(text, "the coach grabbed her at a team party"), cue=span(text, "told"),
                                      source_span=span(text, "An unnamed former aide")),))
    [card] = detect(d)
    assert "an unnamed source (an unnamed former aide), as relayed by Politico." in card.body


def test_a_mention_that_says_unnamed_counts_when_the_name_was_cut_shorter():
    # The attribution stage may name the source "former aide" from the mention "An unnamed former aide".
    sentence = "An unnamed former aide told a magazine that the coach grabbed her at a team party."
    art = article([sentence])
    text = art.text
    aide = Source("s1", "former aide", "anonymous", mentions=(span(text, "An unnamed former aide"),))
    d = doc(art, sources=(aide,), claims=(_claim(text, sentence, key=False),),
            attributions=(Attribution("s1", span(text, "the coach grabbed her at a team party"), cue=span(text, "told"),
                                      source_span=span(text, "An unnamed former aide")),))
    [card] = detect(d)
    assert "an unnamed source (former aide)" in card.body


@pytest.mark.parametrize(
    ("description", "expect_card"),
    [
        ("a member of the city council", True),
        # A journalist's post relays the outlet's own reporting, not one lone account.
        ("bureau chief of the Daily Planet", False),
    ],
)
def test_a_journalist_posting_their_outlets_reporting_is_not_a_lone_account(description, expect_card):
    sentence = "Jane Roe tweeted on Wednesday that the recount call came after ballots were amended."
    art = article([sentence])
    text = art.text
    roe = _source(text, "s1", "Jane Roe", "social_media", channel="twitter", description=description)
    d = doc(art, sources=(roe,), claims=(_claim(text, sentence),),
            attributions=(Attribution("s1", span(text, "the recount call came after ballots were amended"),
                                      cue=span(text, "tweeted"), source_span=span(text, "Jane Roe")),))
    assert bool(detect(d)) is expect_card



@pytest.mark.parametrize(("shown", "expect_card"), [("they", False), ("officials familiar with the talks", True)])
def test_a_source_the_claim_credits_only_by_a_pronoun_makes_no_card(shown, expect_card):
    # "they" in the claim is whoever coreference guessed: a card would name a
    # source the reader cannot check against the words.
    sentence = f"Two soldiers died in a helicopter crash in Logar province, {shown} said."
    art = article(["Officials familiar with the talks spoke on Monday.", sentence])
    text = art.text
    at = text.index(shown, text.index("Two soldiers"))
    src = Source("s1", "officials familiar with the talks", "anonymous", mentions=(Span(at, at + len(shown)),))
    d = doc(art, sources=(src,), claims=(_claim(text, sentence),),
            attributions=(Attribution("s1", span(text, "Two soldiers died in a helicopter crash in Logar province"),
                                      source_span=Span(at, at + len(shown))),))
    assert bool(detect(d)) is expect_card


def test_an_outlet_citing_unnamed_people_is_one_relayed_unnamed_source():
    # Issue #13: "the Times, citing a person familiar with the matter" is one
    # outlet relaying one unnamed source, not two witnesses.
    from sidenote.pipeline import analyze_text
    from sidenote.pipeline.cards import candidates

    text = ("Senator to step down, reports say\n\nSenator Mark Ellis will resign next month, the New York Times "
            "reported, citing a person familiar with the matter quoted by the Washington Post. Ellis has served "
            "in the Senate since 2009. His office did not respond to requests for comment on Friday.\n\n"
            "Ellis chairs the budget committee. He is expected to be replaced by his deputy.")
    [card] = [c for c in candidates(analyze_text(text)) if c.kind == "single_source"]
    assert card.anchor.exact.startswith("Senator Mark Ellis will resign next month")
    assert ("an unnamed source (a person familiar with the matter), as relayed by the New York Times"
            in card.body)


@pytest.mark.parametrize(
    ("name", "described"),
    [
        ("a source", "an unnamed source."),
        ("sources", "an unnamed source."),
        ("a senior political source", "an unnamed source (a senior political source)."),
    ],
)
def test_an_unnamed_source_is_not_named_twice(name, described):
    # "an unnamed source (a source)" says the same thing twice.
    sentence = f"Three cases of plague have been diagnosed in Inner Mongolia this month, {name} said."
    [card] = _one_source_card(sentence, name, "anonymous",
                              "Three cases of plague have been diagnosed in Inner Mongolia this month", "said")
    assert f"The only support the article gives for this claim is {described}" in card.body

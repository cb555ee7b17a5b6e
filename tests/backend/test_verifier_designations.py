"""verifier.designations: a designation said of a group so designated fits the facts."""

from __future__ import annotations

from handmade import article, doc, span

from sidenote.anchor import make_anchor, make_evidence
from sidenote.doc import Card
from sidenote.verifier import Verifier
from sidenote.verifier.designations import fits_a_designation
from sidenote.verifier.model import Scope


def _card(d, *words: str, label: str = "name_calling") -> Card:
    text = d.text
    spans = [span(text, w) for w in words]
    sentence = next(x for x in d.sentences if x.start <= spans[0].start < x.end)
    return Card(
        id="", kind="loaded_framing", severity="caution", title="t", body="b",
        anchor=make_anchor(text, sentence.start, sentence.end), voice="outlet",
        evidence=tuple(make_evidence(text, s.start, s.end, label) for s in spans),
    )


def _fits(sentence: str, *words: str) -> bool:
    d = doc(article([sentence]))
    return fits_a_designation(d, _card(d, *words))


def test_a_designation_beside_the_group_it_names_fits_the_facts():
    assert _fits("A clip was used in a video released by Al-Shabaab, the terrorist group based in Somalia.",
                 "terrorist group")
    assert _fits("Officials praised the Saudis for battling terrorist groups such as al-Qaeda.", "terrorist groups")
    assert _fits("Libya became a breeding ground for ISIS and other jihadists.", "jihadists")
    assert _fits("He met the leader of the Nation of Islam hate group last week.", "hate group")


def test_the_words_before_it_may_only_be_the_groups_own_name():
    # "State terrorists" is cut from "Islamic State terrorists": part of the name
    assert _fits("Voters asked how to confront Islamic State terrorists abroad.", "State terrorists")
    # an identity word before the label is weight, whatever the sentence names
    assert not _fits("Islamic terrorists have pledged loyalty to ISIS, the report says.", "Islamic terrorists")


def test_no_designated_group_in_the_sentence_leaves_the_card_to_the_verifier():
    assert not _fits("The protesters were called terrorists by the minister.", "terrorists")
    # the group is named, but in another sentence
    d = doc(article(["Hamas fired rockets on Monday. The terrorists then withdrew."]))
    assert not fits_a_designation(d, _card(d, "terrorists"))


def test_the_designation_must_be_the_groups_own():
    # the Nation of Islam is designated a hate group, not a terror group
    assert not _fits("And so he conspired with the terror group, the Nation of Islam, for years.", "terror group")
    assert not _fits("Critics call Hamas a hate group.", "hate group")


def test_every_evidence_item_must_be_a_designation():
    assert not _fits("ISIS terrorists staged a vile attack on the town.", "ISIS terrorists", "vile")
    assert _fits("ISIS terrorists staged an attack on the town.", "ISIS terrorists")


def test_an_acronym_matches_only_in_capitals():
    assert not _fits("The hts terrorists were never named.", "terrorists")
    assert _fits("The HTS terrorists were never named.", "terrorists")


def test_the_verifier_hides_such_a_card_whatever_its_weights_say():
    d = doc(article(["A clip was used in a video released by Al-Shabaab, the terrorist group based in Somalia.",
                     "The council met on Tuesday and the budget was read out in full. " * 12]))
    card = _card(d, "terrorist group")
    eager = Verifier(weights={"lf:w=terrorist group": 20.0}, thresholds={"loaded_framing": 0.5},
                     scope={"loaded_framing": Scope(voices=("outlet",))})
    assert eager.keep(d, [card]) == []
    other = doc(article(["The minister called the protesters a terrorist group on Tuesday.",
                         "The council met on Tuesday and the budget was read out in full. " * 12]))
    labelled = _card(other, "terrorist group")
    assert eager.keep(other, [labelled]) == [labelled]


def test_quote_marks_around_the_words_do_not_hide_them():
    assert _fits("Officials called Hamas a 'terrorist group' on Monday.", "'terrorist group'")
    assert _fits("Officials praised the Saudis for battling “ISIS terrorists” at home.", "“ISIS terrorists”")

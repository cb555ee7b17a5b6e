"""Second round of credit shapes read from PolNeAR train misses (a known cue,
a subject the rules did not find) and source phrases a reader sees on a
card: a verb sharing the subject of an earlier one, dashes typed as "--",
"As reported by X,", "told X he ...", a name described after a quotation,
headline verbs, quantifiers as subjects, verbs that hand their subject or
object to a cue ("seemed to urge", "led X to declare"), the maker of a
claim after "according to", "From Reuters:", an inverted "..., reports X."
after a date. Every sentence here is made up."""

from __future__ import annotations

import re

from sidenote.pipeline.attribution import attribute
from sidenote.pipeline.doc import Article, Block, Doc

_PARA = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")


def run(text: str) -> Doc:
    blocks = tuple(Block("paragraph", m.start(), m.end()) for m in _PARA.finditer(text))
    return attribute(Doc(article=Article(text=text, blocks=blocks)))


def phrases_crediting(doc: Doc, words: str) -> list[str]:
    """The source phrases of the attributions whose content holds ``words``."""
    at = doc.text.index(words)
    return [doc.text[a.source_span.start : a.source_span.end] for a in doc.attributions
            if a.source_span and a.content.start <= at and at + len(words) <= a.content.end]


def source_names(doc: Doc) -> dict[str, str]:
    """Each source's display name -> its kind."""
    return {s.name: s.kind for s in doc.sources}


def test_second_verb_shares_a_described_subject() -> None:
    doc = run("Dana Pryce, a former county clerk, joined the board and said the "
              "vote was rigged.")
    assert phrases_crediting(doc, "the vote was rigged") == ["Dana Pryce, a former county clerk,"]


def test_second_verb_shares_the_subject_after_an_opening_adverb_or_time() -> None:
    doc = run("Ultimately, Mayor Lin Ostrow ignored the memo and refused to sign the lease.")
    assert phrases_crediting(doc, "sign the lease") == ["Mayor Lin Ostrow"]
    doc = run("Last spring, Governor Ada Kuhn changed course and decided to keep the clinics open.")
    assert phrases_crediting(doc, "keep the clinics open") == ["Governor Ada Kuhn"]


def test_participle_after_an_adverb_credits_the_subject() -> None:
    doc = run("Senator Rob Ellery of Maine, who is running third, turned on the mayor, "
              "eventually saying he would be a disaster for the city.")
    assert phrases_crediting(doc, "he would be a disaster") == ["Senator Rob Ellery"]


def test_aside_between_double_hyphens_belongs_to_the_subject() -> None:
    doc = run("The county judge -- who has clashed with the mayor for months -- "
              "said she regretted the remarks.")
    assert phrases_crediting(doc, "she regretted the remarks") == [
        "The county judge -- who has clashed with the mayor for months --"]


def test_as_reported_by_opening_the_sentence() -> None:
    doc = run("As reported by Valley Ledger, the mayor was warned about the bridge twice.")
    assert phrases_crediting(doc, "the mayor was warned") == ["Valley Ledger"]


def test_told_listener_stops_at_the_pronoun_of_what_was_told() -> None:
    doc = run("Councilman Ray Obi told WKXT he planned to stay neutral.")
    assert phrases_crediting(doc, "stay neutral") == ["Councilman Ray Obi"]


def test_name_described_after_a_quotation_with_abbreviations() -> None:
    doc = run("“We need people who will fix the roads,” Lara Voss, 41, of Dover, Del., "
              "who was among those polled, said in an interview.")
    assert phrases_crediting(doc, "fix the roads") == [
        "Lara Voss, 41, of Dover, Del., who was among those polled,"]


def test_told_after_a_comma_names_no_speaker() -> None:
    doc = run("“It is only a matter of time,” Ohio Rep. Dan Webb’s chief of staff, Jo Park, "
              "told WKXT before the vote.")
    assert "WKXT" not in phrases_crediting(doc, "a matter of time")


def test_plain_comma_does_not_invert_a_stance_verb() -> None:
    doc = run("On the other side, Sen. Ann Toller (R-Tex.), a Republican candidate for governor "
              "who has made protecting rural hospitals a centerpiece of her long campaign, "
              "tweeted a warning.")
    assert "a warning" not in [doc.text[a.source_span.start : a.source_span.end]
                               for a in doc.attributions if a.source_span]


def test_headline_stance_verb_credits_its_subject() -> None:
    doc = run("Another City Official Endorses Mayor Reyes.\n\nThe race tightened on Monday.")
    assert phrases_crediting(doc, "Mayor Reyes") == ["Another City Official"]


def test_headline_noun_before_its_verb_is_not_a_cue() -> None:
    doc = run("County Audit Report Rips Council Over Spending.\n\nThe audit was released Friday.")
    assert "County Audit" not in source_names(run(doc.text))


def test_quantifier_opening_the_sentence_is_its_subject() -> None:
    doc = run("Some accused the mayor of hiding the audit.")
    assert phrases_crediting(doc, "the mayor of hiding") == ["Some"]
    doc = run("Another tweeted that the mayor should resign.")
    assert phrases_crediting(doc, "the mayor should resign") == ["Another"]
    # A noun after the quantifier is no verb.
    doc = run("Some reports suggest the mayor will resign.")
    assert "Some" not in phrases_crediting(doc, "the mayor will resign")


def test_verbs_that_hand_their_subject_or_object_to_the_cue() -> None:
    doc = run("In late May, Governor Ada Kuhn seemed to urge a different plan.")
    assert phrases_crediting(doc, "a different plan") == ["Governor Ada Kuhn"]
    doc = run("The landslide led State Party Chairman Eli Ford to declare her the nominee.")
    assert phrases_crediting(doc, "her the nominee") == ["State Party Chairman Eli Ford"]


def test_according_to_a_claim_made_by_names_its_maker() -> None:
    doc = run("The county holds secret files on the fire, according to a surprising "
              "claim made by Ohio Senator Jane Roe.")
    assert source_names(doc).get("Ohio Senator Jane Roe") == "person"


def test_from_outlet_label_names_the_outlet() -> None:
    doc = run("OSLO (Reuters) – The mayor will sell the port, she said on Monday.\n\n"
              "From Reuters: The city will sell the port.")
    names = source_names(doc)
    assert names.get("Reuters") == "media"
    assert "From Reuters" not in names


def test_inverted_reports_after_a_date_credits_what_follows() -> None:
    doc = run("More than 40 shells hit the town from March 3-5, 2019, reports the "
              "Valley Peace Monitor.")
    names = source_names(doc)
    assert "Valley Peace Monitor" in names
    assert not any(n.startswith("March") for n in names)


def test_to_clause_of_a_promise_is_what_it_credits() -> None:
    doc = run("Mayor Lin Ostrow, who once sold the bonds, has vowed to block the sale.")
    assert phrases_crediting(doc, "block the sale") == ["Mayor Lin Ostrow, who once sold the bonds,"]


def test_modal_or_negated_auxiliary_before_the_cue() -> None:
    doc = run("Councilman Ray Obi hasn't endorsed the plan for the harbor.")
    assert phrases_crediting(doc, "the plan for the harbor") == ["Councilman Ray Obi"]
    # Inside another cue's content it is that cue's words, not a credit of its own.
    doc = run("Obi said he didn’t think the harbor plan would pass.")
    assert phrases_crediting(doc, "the harbor plan would pass") == ["Obi"]


def test_surname_spelled_like_a_modal_or_preposition() -> None:
    doc = run("“The party has lost its way,” Will wrote.")
    assert phrases_crediting(doc, "lost its way") == ["Will"]
    doc = run("“The party has lost its way,” From said.")
    assert phrases_crediting(doc, "lost its way") == ["From"]


def test_headline_role_capitalised_by_title_case_is_unnamed() -> None:
    doc = run("Rural Pastor: “The Bridge Was Never Safe For Our Children”\n\n"
              "When he says the bridge was never safe, he is right, writes a local pastor.")
    assert source_names(doc).get("Rural Pastor") == "anonymous"
    # "he" after it stays with that source, not a second "person" of the same words.
    assert [s.name for s in doc.sources].count("Rural Pastor") == 1


def test_a_hypothetical_modal_before_the_cue_credits_no_one() -> None:
    # "might explain" is what someone could say, not what they said.
    doc = run("Lena Ortiz might explain to us that the inspectors are still looking for a motive.")
    assert phrases_crediting(doc, "the inspectors are still looking for a motive") == []
    doc = run("Lena Ortiz may have thought that the inspectors were still looking for a motive.")
    assert phrases_crediting(doc, "the inspectors were still looking for a motive") == ["Lena Ortiz"]


def test_a_headline_passive_participle_is_not_a_cue() -> None:
    # The guard is credited with something, not crediting anyone.
    doc = run("The Park Ranger Credited With Saving Hikers Quits\n\nShe left the service in May.")
    assert not any("Ranger" in name for name in source_names(doc))

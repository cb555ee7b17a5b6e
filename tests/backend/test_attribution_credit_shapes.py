"""Credit shapes the rules learned after reading PolNeAR train misses: a cue
closing on a colon before a quotation, the progressive ("is criticizing"),
a pronoun fused with its auxiliary ("She’s said"), "went on to say", a role
between a quotation and a name, a news outlet's act, and a credit at the
start of quoted words (the quoted speaker's, not the article's)."""

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


def test_cue_closing_on_a_colon_credits_the_quotation_after_it() -> None:
    doc = run("The debate ran long, and Senator Ana Ruiz called them on it:\n\n"
              "“The questions asked tonight show why people distrust the press.”")
    assert phrases_crediting(doc, "The questions asked tonight") == ["Senator Ana Ruiz"]
    # A long clause before the colon says something of its own: the list
    # after it is not what the cue credits.
    doc = run("Senator Ana Ruiz said the city will cut its budget for roads next year "
              "and listed the changes:\n\n“Fewer buses, fewer repairs, fewer parks.”")
    assert phrases_crediting(doc, "Fewer buses") == []


def test_progressive_cue_credits_its_subject() -> None:
    doc = run("Mayor Tom Reyes is criticizing the new budget plan for the city.")
    assert phrases_crediting(doc, "the new budget plan") == ["Mayor Tom Reyes"]
    # "is adding to": a preposition after the -ing word, no credit.
    doc = run("Mayor Tom Reyes is criticizing the plan. He is adding to his lead this week.")
    assert phrases_crediting(doc, "his lead") == []


def test_pronoun_fused_with_its_auxiliary_is_the_source() -> None:
    doc = run("Carla Mendes spoke to voters in Reno on Monday. "
              "She’s suggesting a narrow win is likely.")
    assert phrases_crediting(doc, "a narrow win") == ["She"]
    assert [s.name for s in doc.sources] == ["Carla Mendes"]


def test_pronoun_contraction_with_has_said() -> None:
    doc = run("Carla Mendes spoke to voters in Reno on Monday. "
              "She's said the plan would cost too much.")
    assert phrases_crediting(doc, "the plan would cost") == ["She"]


def test_went_on_to_say_credits_the_subject() -> None:
    doc = run("Carla Mendes spoke to voters in Reno on Monday. "
              "She went on to say the plan would cost too much.")
    assert phrases_crediting(doc, "the plan would cost") == ["She"]
    assert any(doc.text[a.cue.start : a.cue.end] == "went on to say"
               for a in doc.attributions if a.cue)


def test_role_between_quotation_and_name_belongs_to_the_source_phrase() -> None:
    doc = run("“The plan will fail within a year,” former state senator Dana Price said.")
    assert phrases_crediting(doc, "The plan will fail") == ["former state senator Dana Price"]


def test_news_outlet_act_credits_the_outlet() -> None:
    doc = run("The Riverside Times made these same claims against the council in May.")
    assert phrases_crediting(doc, "these same claims") == ["The Riverside Times"]


def test_outlet_name_before_a_noun_is_no_credit() -> None:
    doc = run("The Riverside Times made these same claims in May. "
              "The Riverside Times results arrive a day after the vote.")
    assert phrases_crediting(doc, "these same claims") == ["The Riverside Times"]
    assert phrases_crediting(doc, "a day after the vote") == []


def test_name_opening_quoted_words_is_the_quoted_speakers_credit() -> None:
    doc = run("“Anna Cole said the plan was dead on arrival,” Rob Lane wrote.")
    assert [s.name for s in doc.sources] == ["Rob Lane"]


def test_reduced_passive_credits_the_outlet_without_the_time() -> None:
    doc = run("The fund paid the firm twice, as first reported by the Riverside Times on Tuesday.")
    assert phrases_crediting(doc, "The fund paid the firm") == ["the Riverside Times"]


def test_name_colon_quotation_inside_a_paragraph() -> None:
    doc = run("Carl Bialik wrote a column on the polls in Iowa this week.\n\n"
              "Pollsters agree - Carl Bialik: “One of the biggest lessons was to keep calling.”")
    assert "Carl Bialik" in phrases_crediting(doc, "One of the biggest lessons")


def test_name_after_its_cue_stops_before_a_time() -> None:
    doc = run("“We will win the county by ten points,” said Senator Ana Ruiz on Monday.")
    assert phrases_crediting(doc, "We will win the county") == ["Senator Ana Ruiz"]


def test_aside_between_dashes_belongs_to_the_source_phrase() -> None:
    doc = run("Jason Sims — a teacher from Mount Pleasant — says he will vote for the mayor.")
    assert phrases_crediting(doc, "he will vote") == ["Jason Sims — a teacher from Mount Pleasant —"]


def test_role_with_a_capitalised_word_before_a_name_after_its_cue() -> None:
    doc = run("“October gave her a lift in the polls,” said former Ohio adviser David Axel.")
    assert phrases_crediting(doc, "October gave her a lift") == ["former Ohio adviser David Axel"]


def test_opening_mark_typed_as_a_closing_one_before_an_inverted_cue() -> None:
    doc = run("“It is unusual to do this,“ said Larry Noble, an attorney with the center.")
    assert phrases_crediting(doc, "It is unusual") == ["Larry Noble, an attorney with the center"]


def test_they_stands_for_the_plural_name_before_it() -> None:
    doc = run("The vote failed on Friday. Senate Democrats blocked the bill because "
              "they said the language was a poison pill.")
    assert phrases_crediting(doc, "the language was") == ["they"]
    assert [s.name for s in doc.sources] == ["Senate Democrats"]


def test_group_with_examples_before_its_cue_is_the_source() -> None:
    doc = run("The issue came up again. Several candidates, including Ana Ruiz, said "
              "the state should refuse the new plan.")
    # Not the inverted "..., said the state should ...": a clause, not a name.
    assert phrases_crediting(doc, "the new plan") == ["Several candidates, including Ana Ruiz,"]


def test_aside_after_a_lower_case_head_before_its_cue() -> None:
    doc = run("The phrase was odd. Ana Ruiz’s campaign, for example, said she would back the nominee.")
    assert phrases_crediting(doc, "she would back") == ["Ana Ruiz’s campaign"]


def test_however_between_subject_and_cue() -> None:
    doc = run("The general spoke in Manila. Carter however said he would welcome the talks.")
    assert phrases_crediting(doc, "he would welcome") == ["Carter"]


def test_quantifier_standing_for_people_before_said() -> None:
    doc = run("The poll was done in May. Two in three said they are less likely to vote.")
    assert phrases_crediting(doc, "less likely to vote") == ["Two in three"]
    # "some say" after a verb is a noun ("wanted some say in"), no credit.
    doc = run("Her friends wanted some say in the fate of the house.")
    assert doc.attributions == ()


def test_participle_with_its_preposition_inside_the_subject() -> None:
    doc = run("The bill passed. People briefed on the talks say that the governor will decide.")
    assert phrases_crediting(doc, "the governor will decide") == ["People briefed on the talks"]
    # After a name, "-ed" and a preposition is the name's verb, not a modifier.
    doc = run("Ana Ruiz asked for mercy in a letter posted on Twitter, saying a long term would not help.")
    assert not any(p.startswith("Ana Ruiz asked") for p in phrases_crediting(doc, "a long term"))


def test_bare_source_noun_with_its_modifier_after_the_words() -> None:
    doc = run("The order was signed late, people familiar with the session said.")
    assert phrases_crediting(doc, "The order was signed") == ["people familiar with the session"]


def test_however_set_off_by_commas_between_subject_and_cue() -> None:
    doc = run("The bill passed. Backers of the new bill, however, say it keeps the old limits.")
    assert phrases_crediting(doc, "it keeps the old limits") == ["Backers of the new bill"]
    # ", too," closes a clause before an inverted cue.
    doc = run("Phones have seen higher prices, too, said Mary Lovely, an economist.")
    assert phrases_crediting(doc, "Phones have seen") == ["Mary Lovely, an economist"]


def test_described_credits_without_quote_marks() -> None:
    doc = run("In an interview last week, Mr. Hoen described the meeting with the mayor in detail.")
    assert phrases_crediting(doc, "the meeting with the mayor") == ["Mr. Hoen"]
    doc = run("He is holding a poorly described article of great value to him.")
    assert doc.attributions == ()


def test_call_with_a_pronoun_object_is_a_judgement_not_a_phone_call() -> None:
    doc = run("The dinner was fun. Others call it the nerd prom.")
    assert phrases_crediting(doc, "the nerd prom") == ["Others"]
    doc = run("The dinner was fun. Ana Ruiz called her to say she would come.")
    assert phrases_crediting(doc, "she would come") == []


def test_results_and_polling_show_things() -> None:
    doc = run("The vote was close. Tuesday’s results show the mayor far ahead in the north.")
    assert phrases_crediting(doc, "the mayor far ahead") == ["Tuesday’s results"]


def test_to_name_comma_gives_that_persons_view() -> None:
    doc = run("The rally ended late. To Sexton, Tuesday marked a turning point in the race.")
    assert phrases_crediting(doc, "Tuesday marked a turning point") == ["Sexton"]
    doc = run("The rally ended late. For Sexton, Tuesday marked a turning point in the race.")
    assert phrases_crediting(doc, "Tuesday marked a turning point") == []


def test_paired_modifiers_before_a_source_noun() -> None:
    doc = run("The emails held secrets, current and former officials said.")
    assert phrases_crediting(doc, "The emails held secrets") == ["current and former officials"]

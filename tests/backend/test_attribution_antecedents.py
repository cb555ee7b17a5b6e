"""What a pronoun stands for when no credited source does."""

from __future__ import annotations

from sidenote.attribution.antecedents import (
    NAME_RE,
    antecedent,
    common_noun_capitalised,
    group_antecedent,
    previous_sentence_start,
    quoted_name,
    sentence_subject,
)
from sidenote.doc import Span


def cut(text: str, span: Span | None) -> str | None:
    return None if span is None else text[span.start : span.end]


def test_antecedent_is_the_last_full_name_of_a_person() -> None:
    text = "Carly Fiorina was upfront about the plan. “It will not work,” she said."
    assert cut(text, antecedent(text, text.index("she"))) == "Carly Fiorina"


def test_a_quoted_nickname_is_no_antecedent() -> None:
    text = "Dana Pryce, known as “Bad Tobin” to fans, left. Then she said no."
    assert cut(text, antecedent(text, text.index("she"))) == "Dana Pryce"


def test_a_name_inside_the_quotation_is_no_antecedent() -> None:
    # the quote speaks of Jeb Bush; who wrote it is the person named before
    text = "David Axelrod has a view. “Why are the Jeb Bush folks so open about it?” he wrote."
    assert cut(text, antecedent(text, text.index("he wrote"))) == "David Axelrod"
    text = 'David Axelrod has a view. "Why are the Jeb Bush folks so open about it?" he wrote.'
    assert cut(text, antecedent(text, text.index("he wrote"))) == "David Axelrod"


def test_the_subject_of_the_pronoun_s_own_sentence() -> None:
    text = ("It rained. Bishop Tom Hale of Providence, unlike Joseph Tobin of Newark, got an earful "
            "when he tweeted.")
    assert cut(text, sentence_subject(text, text.index("he tweeted"))) == "Bishop Tom Hale"
    assert cut(text, antecedent(text, text.index("he tweeted"))) == "Bishop Tom Hale"


def test_sentence_subject_needs_a_clause_opener_before_the_pronoun() -> None:
    text = "It rained. Bishop Tom Hale of Providence got an earful and he tweeted."
    assert sentence_subject(text, text.index("he tweeted")) is None


def test_group_antecedent_is_a_plural_name_just_before() -> None:
    text = "Senate Democrats blocked the bill because they said it was rushed."
    assert cut(text, group_antecedent(text, text.index("they"))) == "Senate Democrats"


def test_group_antecedent_skips_possessives() -> None:
    text = "Ruiz’s bill died because they said so."
    assert group_antecedent(text, text.index("they")) is None


def test_previous_sentence_start() -> None:
    text = "It rained. Two men left. Three starts now."
    assert previous_sentence_start(text, text.index("now")) == text.index("Two")


def test_previous_sentence_start_does_not_end_at_a_short_capitalised_word() -> None:
    # "Sen." and "One." may be abbreviations: no sentence ends there.
    text = "It rained. Sen. Barack Obama spoke. He said it was late."
    assert previous_sentence_start(text, text.index("said")) == text.index("Sen.")


def test_common_noun_capitalised_by_a_headline() -> None:
    text = "Muslim Cleric: Praise the Deed\n\nA Kuwaiti cleric said so."
    assert common_noun_capitalised(text, Span(0, len("Muslim Cleric")))
    text = "Dana Price: Praise the Deed\n\nIt was late, said Price."
    assert not common_noun_capitalised(text, Span(0, len("Dana Price")))


def test_quoted_name() -> None:
    text = "known as “Bad Tobin” here"
    at = text.index("Bad")
    assert quoted_name(text, at, at + len("Bad Tobin"))
    assert not quoted_name(text, 0, 5)


def test_name_runs_join_capitals_with_of_but_not_and() -> None:
    names = [m.group() for m in NAME_RE.finditer("The Ministry of Defense and Reuters agreed")]
    assert names == ["The Ministry of Defense", "Reuters"]

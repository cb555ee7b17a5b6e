"""Which source a credit's phrase names, merging roles into named people,
and every other place the article names a known source."""

from __future__ import annotations

from sidenote.attribution.coreference import merge_roles, resolve, scan_mentions
from sidenote.attribution.patterns.credit import Credit
from sidenote.attribution.sources import Entry
from sidenote.doc import Span


def credit(text: str, phrase: str, nth: int = 0) -> Credit:
    at = -1
    for _ in range(nth + 1):
        at = text.index(phrase, at + 1)
    span = Span(at, at + len(phrase))
    return Credit(span, span, None, None, span)


def test_a_name_is_added_then_found_again_by_surname() -> None:
    text = "Ana Ruiz spoke. Ruiz left."
    entries: list[Entry] = []
    assert resolve(text, credit(text, "Ana Ruiz"), entries, []) == 0
    assert resolve(text, credit(text, "Ruiz", 1), entries, [0]) == 0
    assert len(entries) == 1


def test_a_pronoun_takes_the_last_credited_source_of_its_kind() -> None:
    text = "Ana Ruiz spoke. The board met. She said no."
    entries: list[Entry] = []
    ruiz = resolve(text, credit(text, "Ana Ruiz"), entries, [])
    board = resolve(text, credit(text, "The board"), entries, [0])
    assert (ruiz, board) == (0, 1)
    assert resolve(text, credit(text, "She"), entries, [0, 1]) == 0


def test_she_with_no_credited_person_names_the_person_named_before() -> None:
    text = "Carly Fiorina was upfront. She said no."
    entries: list[Entry] = []
    idx = resolve(text, credit(text, "She"), entries, [])
    assert idx == 0 and text[entries[0].names[0].start : entries[0].names[0].end] == "Carly Fiorina"


def test_they_names_a_plural_name_just_before() -> None:
    text = "Senate Democrats blocked the bill because they said it was rushed."
    entries: list[Entry] = []
    idx = resolve(text, credit(text, "they"), entries, [])
    assert idx == 0 and entries[0].kind == "organization"


def test_a_headline_s_capitalised_role_credits_no_one() -> None:
    text = "Muslim Cleric: Praise the Deed\n\nA Kuwaiti cleric spoke."
    assert resolve(text, credit(text, "Muslim Cleric"), [], [], headline=True) is None


def test_merge_roles_points_a_role_at_the_one_person_it_describes() -> None:
    text = "Fares Shehabi, a member of the Syrian parliament, spoke. Then one Syrian MP said no."
    shehabi = Span(0, 13)
    mp = Span(text.index("one Syrian MP"), text.index("one Syrian MP") + 13)
    entries = [
        Entry(kind="person", names=[shehabi], mentions={shehabi}, description="a member of the Syrian parliament"),
        Entry(kind="anonymous", names=[mp], mentions={mp}),
    ]
    c = Credit(mp, mp, None, None, mp)
    assert merge_roles(text, entries, [(1, c)]) == [(0, c)]
    assert entries[1].merged_into == 0 and mp in entries[0].mentions


def test_scan_mentions_adds_surnames_and_the_body_s_noun() -> None:
    text = "Ana Ruiz spoke for the Harbor Commission. Ruiz left and the commission voted."
    ruiz = Span(0, 8)
    board = Span(text.index("Harbor Commission"), text.index("Harbor Commission") + 17)
    entries = [Entry(kind="person", names=[ruiz], mentions={ruiz}),
               Entry(kind="organization", names=[board], mentions={board})]
    scan_mentions(text, entries)
    at = text.index("Ruiz left")
    assert Span(at, at + 4) in entries[0].mentions
    at = text.index("the commission")
    assert Span(at, at + len("the commission")) in entries[1].mentions


def test_a_pronoun_after_a_quotation_naming_a_source_does_not_stand_for_it() -> None:
    # "“Ana Ruiz is a disaster,” he said" is not Ruiz speaking of herself
    text = "Ana Ruiz spoke first. “Ana Ruiz is a disaster for this town,” he said."
    entries: list[Entry] = []
    assert resolve(text, credit(text, "Ana Ruiz"), entries, []) == 0
    assert resolve(text, credit(text, "he"), entries, [0]) is None
    # nor through the last name before it, when no credit is recent
    assert resolve(text, credit(text, "he"), entries, []) is None
    # a quotation further back that names her leaves "she" free to stand for her
    text = "“Ruiz is wrong,” Lee said. Ana Ruiz answered. “We will win,” she said."
    entries = []
    assert resolve(text, credit(text, "Ana Ruiz"), entries, []) == 0
    assert resolve(text, credit(text, "she"), entries, [0]) == 0

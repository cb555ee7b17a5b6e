"""sidenote.turns: interview transcripts' turns, on invented texts."""

from __future__ import annotations

from sidenote.turns import TurnIndex, transcript_turns

INTERVIEW = (
    "The author spoke to our reporter about the trial.\n"
    "KM: Was the hearing fair?\n"
    "AR: It was a farce from start to finish.\n"
    "The judge never read the file.\n"
    "KM: What happens next?\n"
    "AR: An appeal, and then the so-called review.\n"
    "It will take years.\n"
    "We thank the author for her time.\n"
    "Her book is out in May.\n"
    "It costs twenty dollars.\n"
)


def _said(text: str, turn) -> str:
    return text[turn.start : turn.end]


def test_alternating_tags_are_turns_each_running_to_the_next_tag():
    turns = transcript_turns(INTERVIEW)
    assert [t.tag for t in turns] == ["KM", "AR", "KM", "AR"]
    assert _said(INTERVIEW, turns[1]) == "AR: It was a farce from start to finish.\nThe judge never read the file.\n"
    assert _said(INTERVIEW, turns[0]).startswith("KM: Was the hearing fair?")


def test_the_last_turn_is_no_longer_than_the_longest_before_it():
    last = transcript_turns(INTERVIEW)[-1]
    assert _said(INTERVIEW, last) == "AR: An appeal, and then the so-called review.\nIt will take years."
    assert "thank the author" not in _said(INTERVIEW, last)


def test_headings_ending_on_a_colon_are_not_a_transcript():
    text = (
        "Region: North\nRain was light.\nRegion: South\nOutlook: Dry.\n"
        "Region: East\nOutlook: Wet.\nRegion: West\n"
    )
    assert transcript_turns(text) == ()


def test_one_exchange_is_too_little_to_tell_a_transcript():
    assert transcript_turns("Q: Who won?\nA: The home side.\nThe crowd cheered.\n") == ()


def test_the_index_finds_the_turn_holding_a_span():
    index = TurnIndex(transcript_turns(INTERVIEW))
    at = INTERVIEW.index("farce")
    turn = index.holding(at, at + 5)
    assert turn is not None and turn.tag == "AR"
    intro = INTERVIEW.index("trial")
    assert index.holding(intro, intro + 5) is None
    closing = INTERVIEW.index("twenty")
    assert index.holding(closing, closing + 6) is None

"""The quotes stage: pairing marks, telling apostrophes apart, and the kinds."""

from __future__ import annotations

import pytest

from sidenote.doc import Article, Block, Doc
from sidenote.pipeline.quotes import find, find_quotes


def quoted(text: str) -> list[tuple[str, str]]:
    """(inner words, kind) of every quote, in reading order."""
    return [(text[q.start : q.end], q.kind) for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # straight double quotes around a credited remark
        ('"We will rebuild the city," the mayor said.', [("We will rebuild the city,", "direct")]),
        # curly double quotes, tag before with a colon
        ("He told reporters: “The talks have failed.”", [("The talks have failed.", "direct")]),
        # a one-word quote with its speech tag is direct
        ("“No,” she said.", [("No,", "direct")]),
        ("He said “no.” Then he left.", [("no.", "direct")]),
        # a one-word quote nobody is credited with is a scare quote
        ("The American-backed “rebels” took the town.", [("rebels", "scare")]),
        # ...even when it is the subject of "said"
        ("The “rebels” said they would leave.", [("rebels", "scare")]),
        # so-called / self-styled: the writer's distance, nobody credited: scare
        ("The so-called “moderates” fled.", [("moderates", "scare")]),
        ("The self-styled “caliphate” fell.", [("caliphate", "scare")]),
        # a label with someone doing the calling is credited to them: direct
        ("The West called them “anti Assad” fighters.", [("anti Assad", "direct")]),
        ("It is what critics called “a witch hunt” last year.", [("a witch hunt", "direct")]),
        # the speaker of a direct quote tells his own arm's-length label
        ("“They called it ‘liberation’ then,” he said.",
         [("They called it ‘liberation’ then,", "direct"), ("liberation", "scare")]),
        # a wire-style quote with a title abbreviation in the speech tag
        ("''It's nonsense,'' Mr. Trump said.", [("It's nonsense,", "direct")]),
        # straight single quotes as scare quotes
        ("They praised the 'peace process' loudly.", [("peace process", "scare")]),
        # a title after a title cue
        ("She wrote the book “Fire and Fury” last year.", [("Fire and Fury", "title")]),
        ("A report titled 'Hidden Costs of War' came out.", [("Hidden Costs of War", "title")]),
        # Title Case words in quotes that nobody says
        ("He hosted “Saturday Night Live” twice.", [("Saturday Night Live", "title")]),
        # a long-ish lower-case quote credited through "has called a"
        ("What one MP has called a “clear & direct US protection of ISIS”—while",
         [("clear & direct US protection of ISIS", "direct")]),
        # guillemets
        ("Le président a dit « nous resterons » hier.", [("nous resterons", "scare")]),
        ("He said «we will stay here until the end» on Monday.", [("we will stay here until the end", "direct")]),
        # two apostrophes used as a double mark (wire copy): one quote, not two
        ("The ''peace process'' stalled again.", [("peace process", "scare")]),
        ("''We are worried,'' he said.", [("We are worried,", "direct")]),
        # a partial quotation inside reported speech is credited: direct
        ("He said it still posed 'a direct threat' to Americans.", [("a direct threat", "direct")]),
        ("Cruz describes himself as “totally pro-Israel” now.", [("totally pro-Israel", "direct")]),
        # ...but a single word in the same position stays a scare quote
        ("He said the “rebels” attacked.", [("rebels", "scare")]),
        # Title Case words with a comma inside (American punctuation) are a title
        ("Steven Brill, author of “America’s Bitter Pill,” spoke.", [("America’s Bitter Pill,", "title")]),
        # a colon introduces a short remark
        ("Silverman heckles the crowd: “You're ridiculous.”", [("You're ridiculous.", "direct")]),
        # a quotation standing as its own sentence
        ("Would he resign? “Never.”", [("Never.", "direct")]),
    ],
)
def test_find_quotes_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Don't touch Assad's car, it's the '90s.",
        "He loved rock 'n' roll and rock ’n’ roll.",
        "Syria’s army and the teachers’ union didn’t agree.",
        "Tell ’em it was ’08 all over again.",
        'The board is 5" thick and 10" wide.',
        "She said “no",  # an opening mark never closed: dropped
        "He said no” and left.",  # a closing mark with nothing to close: ignored
    ],
)
def test_apostrophes_and_stray_marks_make_no_quotes(text: str) -> None:
    assert find_quotes(text) == []


def test_apostrophes_inside_a_quote_do_not_close_it() -> None:
    # The ’ of Assad’s and the teachers’ possessive are not closing marks.
    text = "They call it ‘Assad’s war on the teachers’ union’ now."
    assert quoted(text) == [("Assad’s war on the teachers’ union", "direct")]


def test_rock_n_roll_inside_a_scare_quote() -> None:
    # The 'n' marks must not close the enclosing single quote.
    text = "The so-called 'rock 'n' roll' defence failed."
    assert quoted(text) == [("rock 'n' roll", "scare")]


def test_nested_quotes_both_found() -> None:
    # The seed's shape: single quotes inside a direct double quotation.
    text = "“Meet the so called ‘Syrian revolution’ against the ‘Assad regime’!” Shehabi wrote."
    assert quoted(text) == [
        ("Meet the so called ‘Syrian revolution’ against the ‘Assad regime’!", "direct"),
        ("Syrian revolution", "scare"),
        ("Assad regime", "scare"),
    ]


def test_same_shape_nested_double_quotes() -> None:
    # Curly doubles inside curly doubles pair from the inside out.
    text = "“The West called them “anti Assad” freedom rebels and armed them!” he wrote."
    assert quoted(text) == [
        ("The West called them “anti Assad” freedom rebels and armed them!", "direct"),
        ("anti Assad", "scare"),
    ]


def test_outer_span_includes_marks() -> None:
    text = "He said “no way” today."
    (q,) = find_quotes(text)
    assert text[q.outer_start : q.outer_end] == "“no way”"
    assert (q.start, q.end) == (q.outer_start + 1, q.outer_end - 1)
    assert q.source is None


def test_quote_running_across_paragraphs() -> None:
    # News convention: the first paragraph has no closing mark, the next one
    # opens with a mark. One direct quote per paragraph; the first has no
    # closing mark so its outer span ends with the words.
    p1 = "“We will not leave the city,” the mayor said. “Our people have lived here for generations."
    p2 = "“Nobody will force us out,” she added."
    text = f"{p1}\n\n{p2}"
    qs = find_quotes(text)
    assert [(text[q.start : q.end], q.kind) for q in qs] == [
        ("We will not leave the city,", "direct"),
        ("Our people have lived here for generations.", "direct"),
        ("Nobody will force us out,", "direct"),
    ]
    assert qs[1].outer_end == qs[1].end == len(p1)


def test_open_mark_without_continuation_is_dropped() -> None:
    # The next paragraph does not open with a mark: the open was a typo.
    text = "He said “we will stay here.\n\nThe army left."
    assert find_quotes(text) == []


def test_unbalanced_single_quote_is_capped() -> None:
    # An opening single mark with its "close" hundreds of characters away
    # must not produce a giant quote.
    text = "The 'deal " + "was discussed at length by everyone involved. " * 12 + "It ended' there."
    assert find_quotes(text) == []


def test_find_uses_blocks() -> None:
    # Quotes never cross a block even if the marks would pair across it.
    text = "He said “one\n\ntwo” later."
    blocks = (Block("paragraph", 0, 12), Block("paragraph", 14, len(text)))
    assert find(Doc(article=Article(text=text, blocks=blocks))).quotes == ()


def test_find_fills_doc(seed_text: str) -> None:
    doc = Doc(article=Article(text=seed_text, blocks=(Block("paragraph", 0, len(seed_text)),)))
    out = find(doc)
    assert out.quotes and out.quotes == tuple(find_quotes(seed_text))
    assert out.article is doc.article and out.sentences == doc.sentences


def test_seed_article_quotes(seed_text: str) -> None:
    got = [(seed_text[q.start : q.end], q.kind) for q in find_quotes(seed_text)]
    kinds: dict[str, set[str]] = {}
    for words, kind in got:
        kinds.setdefault(words, set()).add(kind)
    # Short, but credited ("has called a" / "Shehabi wrote"): direct, not scare.
    assert kinds["clear & direct US protection of ISIS"] == {"direct"}
    assert kinds["clear & direct US protection of ISIS in the Syrian desert,"] == {"direct"}
    assert kinds["rebels"] == {"scare"} and kinds["rebel"] == {"scare"}
    assert kinds["anti Assad"] == {"scare"}
    assert kinds["Syrian revolution"] == {"scare"} and kinds["Assad regime"] == {"scare"}
    aleppo = [w for w, k in got if w.startswith("Aleppo 4 years ago")]
    assert aleppo == [
        "Aleppo 4 years ago when the Obama admin supported the jihadi invasion of the city.. "
        "ISIS & Nusra ruled 70% of the city! The West called them “anti Assad” freedom rebels "
        "and gave them all the support they needed..!"
    ]
    assert sum(1 for _, k in got if k == "direct") == 6
    assert sum(1 for w, _ in got if w in ("rebels", "rebel")) == 4
    assert len(got) == 13

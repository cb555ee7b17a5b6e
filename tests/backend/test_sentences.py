"""The sentences stage: boundaries in news prose, and sentences inside blocks."""

from __future__ import annotations

import pytest

from sidenote.doc import Article, Block, Doc
from sidenote.pipeline.sentences import split, split_text


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left. She stayed.", ["He left.", "She stayed."]),
        ("Did he? Yes! Fine.", ["Did he?", "Yes!", "Fine."]),
        # titles never end a sentence
        ("Mr. Smith met Dr. Jones and Gen. Lee.", ["Mr. Smith met Dr. Jones and Gen. Lee."]),
        # a dotted acronym before a name-like word stays inside the sentence
        ("The U.S. Army moved in. Then it left.", ["The U.S. Army moved in.", "Then it left."]),
        # ...but ends the sentence before a common sentence opener
        ("He moved to the U.S. The move was hard.", ["He moved to the U.S.", "The move was hard."]),
        # months and No. before a number
        ("On Jan. 5 the No. 2 official quit. He left.", ["On Jan. 5 the No. 2 official quit.", "He left."]),
        # a.m./p.m. followed by a weekday is not a break; before an opener it is
        ("It began at 9 a.m. Tuesday. It ended at 5 p.m. The crowd left.",
         ["It began at 9 a.m. Tuesday.", "It ended at 5 p.m.", "The crowd left."]),
        # initials
        ("J. K. Rowling and George W. Bush spoke.", ["J. K. Rowling and George W. Bush spoke."]),
        # Inc. before a lower-case word, then a real end
        ("Apple Inc. said profits rose 3.5 percent. Shares fell.",
         ["Apple Inc. said profits rose 3.5 percent.", "Shares fell."]),
        # ellipses: two dots, three dots and the single character
        ("The city.. ISIS ruled it... Nobody left… Then quiet.",
         ["The city..", "ISIS ruled it...", "Nobody left…", "Then quiet."]),
        # an ellipsis before a lower-case word does not end the sentence
        ("He paused... and then went on.", ["He paused... and then went on."]),
        # a short multi-sentence quotation plus its tag is ONE sentence
        ("“He left. We stayed,” she said. Then rain.", ["“He left. We stayed,” she said.", "Then rain."]),
        ('"He left. We stayed," she said. Then rain.', ['"He left. We stayed," she said.', "Then rain."]),
        # a sentence-final closing mark stays with its sentence
        ("He said “no.” Then he left.", ["He said “no.”", "Then he left."]),
        # a question in quotes followed by a lower-case tag
        ("“Why?” he asked. Nobody knew.", ["“Why?” he asked.", "Nobody knew."]),
        # an exclamation in quotes followed by a capitalised name and a speech verb
        ("“We won!” Smith said. The crowd cheered.", ["“We won!” Smith said.", "The crowd cheered."]),
        # ...but a sentence opener after the quote starts a new sentence
        ("He said “no.” Then Smith said yes.", ["He said “no.”", "Then Smith said yes."]),
        # a closing bracket stays with its sentence
        ("It rained. (Nobody came.) We left.", ["It rained.", "(Nobody came.)", "We left."]),
        # dashes do not end sentences
        ("He came—and left. She stayed – briefly -- then went.",
         ["He came—and left.", "She stayed – briefly -- then went."]),
        # a capitalised pronoun after a closed quotation starts a new sentence
        ("“We won.” He said it twice.", ["“We won.”", "He said it twice."]),
        # a sign-off dash or an ellipsis may open the next sentence
        ("This must stop!!! — Diana B. (@diana)", ["This must stop!!!", "— Diana B. (@diana)"]),
        # a spaced ellipsis is not a string of sentence ends
        ("He waited . . . and waited.", ["He waited . . . and waited."]),
        # a number opening a line is a list marker, not a sentence
        ("7. The Giuliani problem", ["7. The Giuliani problem"]),
        # ...but a number ending a sentence inside a line is a sentence end
        ("He has 568. Cruz has 370.", ["He has 568.", "Cruz has 370."]),
        # plural titles and sports results
        ("People like Sens. Lindsey Graham agreed.", ["People like Sens. Lindsey Graham agreed."]),
        ("Melbourne d. Space Coast 69-54.", ["Melbourne d. Space Coast 69-54."]),
        # a line break ends a sentence even without a full stop
        ("Breaking news\nThe army moved in", ["Breaking news", "The army moved in"]),
        # a heading or caption with no final stop is still a sentence
        ("Recommended For You", ["Recommended For You"]),
        # decimals and numbers with points
        ("Growth was 3.5% in Q2. It was 2.1% before.", ["Growth was 3.5% in Q2.", "It was 2.1% before."]),
        # a sentence may open with a quotation mark or a digit
        ("He left. “Go,” he said. 50 people came.", ["He left.", "“Go,” he said.", "50 people came."]),
    ],
)
def test_split_text(text: str, expected: list[str]) -> None:
    assert sents(text) == expected


def test_long_quotation_is_split_at_its_own_sentence_ends() -> None:
    # Past LONG_QUOTE characters a quotation is a statement of its own: its
    # sentences are claims to score one at a time.
    body = " ".join(f"Sentence number {i} says a thing about the war." for i in range(8))
    text = f"“{body}” he said."
    out = sents(text)
    assert len(out) == 8
    assert out[0] == "“Sentence number 0 says a thing about the war."
    assert out[-1] == "Sentence number 7 says a thing about the war.” he said."


def test_unbalanced_quote_does_not_swallow_the_paragraph() -> None:
    # A stray opening mark with no close must not glue the next sentences.
    text = "He said “no. " + "The army moved. " * 30
    assert len(sents(text)) > 20


def test_spans_are_trimmed_and_index_the_text() -> None:
    text = "  First one.   Second one.  \n\n  Third  "
    spans = split_text(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one.", "Third"]


def test_split_text_respects_range() -> None:
    text = "Skip this. Take this one. And this. Skip too."
    start = text.index("Take")
    end = text.index(" Skip too")
    assert [text[s:e] for s, e in split_text(text, start, end)] == ["Take this one.", "And this."]


def test_split_keeps_sentences_inside_blocks() -> None:
    # No full stop at the end of the heading: the block edge still ends it.
    heading = "Army Moves In"
    para = "Troops arrived on Monday. Residents fled."
    text = f"{heading}\n\n{para}"
    blocks = (Block("heading", 0, len(heading)), Block("paragraph", len(heading) + 2, len(text)))
    doc = split(Doc(article=Article(text=text, blocks=blocks)))
    got = [(text[s.start : s.end], s.block) for s in doc.sentences]
    assert got == [(heading, 0), ("Troops arrived on Monday.", 1), ("Residents fled.", 1)]


def test_seed_article_sentences(seed_text: str) -> None:
    out = sents(seed_text)
    # The title has no stop; the quotation-led paragraphs are one sentence each.
    assert out[0] == "US Bombs Syrian Army Units Battling ISIS; American Missiles Discovered in ISIS Cache"
    aleppo = [s for s in out if s.startswith("“Aleppo 4 years ago")]
    assert len(aleppo) == 1 and aleppo[0].endswith("they needed..!” Shehabi wrote.")
    meet = [s for s in out if s.startswith("“Meet the French")]
    assert len(meet) == 1 and meet[0].endswith("once we liberate Idleb!” Shehabi wrote.")
    assert any(s.startswith("“[We] can see here") and s.endswith("an official at the center, stated.") for s in out)
    assert "Your email address will not be published." in out
    assert "Required fields are marked *" in out
    assert len(out) == 19

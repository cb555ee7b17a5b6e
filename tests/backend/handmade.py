"""Small builders for hand-made Docs in detector and stage tests."""

from __future__ import annotations

import re

from sidenote.doc import Article, Block, Doc, Embed, Link, Quote, Sentence, Span

_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"]?\s+(?=[“\"A-Z])")


def article(paragraphs: list[str], links: dict[int, list[tuple[str, str]]] | None = None,
            embeds: dict[int, Embed] | None = None, title: str = "") -> Article:
    """Paragraphs joined by blank lines; ``links[i]`` = [(linked words, href)]."""
    text = "\n\n".join(paragraphs)
    blocks, pos = [], 0
    for i, para in enumerate(paragraphs):
        block_links = tuple(
            Link(pos + para.index(words), pos + para.index(words) + len(words), href)
            for words, href in (links or {}).get(i, [])
        )
        embed = (embeds or {}).get(i)
        blocks.append(Block("embed" if embed else "paragraph", pos, pos + len(para), block_links, embed))
        pos += len(para) + 2
    return Article(text=text, blocks=tuple(blocks), title=title)


def sentences(art: Article) -> tuple[Sentence, ...]:
    """A naive splitter: good enough for the clean sentences of these tests."""
    out = []
    for i, block in enumerate(art.blocks):
        start = block.start
        for m in _SENTENCE_END.finditer(art.text, block.start, block.end):
            end = m.start() + (1 if art.text[m.start()] in "”\"" else 0)
            out.append(Sentence(start, end, i))
            start = m.end()
        out.append(Sentence(start, block.end, i))
    return tuple(out)


def quote(text: str, words: str, kind: str = "direct", source: str | None = None, nth: int = 0) -> Quote:
    """The ``nth`` occurrence of ``words``, with the marks around it."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Quote(start, start + len(words), start - 1, start + len(words) + 1, kind, source)  # type: ignore[arg-type]


def span(text: str, words: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Span(start, start + len(words))


def doc(art: Article, **fields) -> Doc:
    return Doc(article=art, sentences=sentences(art), **fields)

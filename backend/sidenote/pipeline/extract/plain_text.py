"""Plain text analysed as it is: blocks at blank lines, a title line, and
posts copied as text with their embed signature as embed blocks."""

from __future__ import annotations

import re

from ...doc import Article, Block, Embed
from ...platforms import TEXT_SIGNATURES

# blank line between paragraphs of submitted plain text
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_LINE_END_PUNCT = re.compile(r"[.!?\u2026:;,]['\"\u2019\u201d)\]]*$")


# A tweet holds at most 280 characters; with room for the line breaks and a
# link's full address, no more than this much text above a signature can be
# the post's (an article line further up is the outlet's own).
_POST_MAX_CHARS = 320
_NAME_WORDS = re.compile(r"[A-Z][\w'’-]{2,}")


def _text_embeds(text: str, start: int, end: int) -> list[tuple[int, int, Embed]]:
    """The copied-as-text posts inside one paragraph ``text[start:end]``:
    (post start, signature end, embed), in order. A post runs back from
    its signature over whole lines while they fit in a post, never over an
    earlier post's signature, and never over a line that names the post's
    author: that line is the article introducing the post ("..., Loomer
    tweeted.")."""
    found: list[tuple[int, int, str, str]] = []
    for platform, signature in TEXT_SIGNATURES:
        found += [(m.start(), m.end(), platform, m["name"]) for m in signature.finditer(text, start, end)]
    out: list[tuple[int, int, Embed]] = []
    floor = start
    for sig_start, sig_end, platform, name in sorted(found):
        if sig_start < floor:
            continue
        # "#CBP" inside the post is a hashtag, not the article naming the author
        words = "|".join(map(re.escape, _NAME_WORDS.findall(name))) or "(?!)"
        author = re.compile(r"(?<![#@\w])(?:" + words + r")\b")
        post_start = max(text.rfind("\n", floor, sig_start) + 1, floor)
        used = sig_start - post_start
        while post_start > floor:
            above = max(text.rfind("\n", floor, post_start - 1) + 1, floor)
            line = text[above : post_start - 1]
            used += len(line) + 1
            if used > _POST_MAX_CHARS or author.search(line):
                break
            post_start = above
        out.append((post_start, sig_end, Embed(platform, None)))
        rest = text[sig_end:end]
        floor = sig_end + len(rest) - len(rest.lstrip())
    return out


def _paragraph_blocks(text: str, start: int, end: int) -> list[Block]:
    """One paragraph of plain text as blocks: its copied-as-text posts are
    embed blocks of their own, the rest paragraphs."""
    blocks: list[Block] = []
    at = start
    for post_start, post_end, embed in _text_embeds(text, start, end):
        before = text[at:post_start].rstrip()
        if before.strip():
            left = len(before) - len(before.lstrip())
            blocks.append(Block("paragraph", at + left, at + len(before)))
        blocks.append(Block("embed", post_start, post_end, (), embed))
        rest = text[post_end:end]
        at = post_end + len(rest) - len(rest.lstrip())
    if at < end and text[at:end].strip():
        blocks.append(Block("paragraph", at, end))
    return blocks


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 25 and len(line) <= 200 and not _LINE_END_PUNCT.search(line)


def from_text(text: str) -> Article:
    """Plain text analysed as it is: ``Article.text`` is ``text`` unchanged,
    blocks are the paragraphs between blank lines, a short first line
    without final punctuation is the title (a heading block), and a post
    copied with its embed signature is an embed block."""
    blocks: list[Block] = []
    title = ""
    start = 0
    for match in [*_BLANK_LINE.finditer(text), None]:
        end = match.start() if match else len(text)
        segment = text[start:end]
        left = len(segment) - len(segment.lstrip())
        right = len(segment.rstrip())
        if right > left:
            s, e = start + left, start + right
            if not blocks:
                line_end = text.find("\n", s, e)
                first = text[s : line_end if line_end >= 0 else e].rstrip()
                if _looks_like_title(first):
                    title = first
                    blocks.append(Block("heading", s, s + len(first)))
                    if line_end >= 0:
                        rest = text[line_end:e]
                        s = line_end + len(rest) - len(rest.lstrip())
                        blocks += _paragraph_blocks(text, s, e)
                    start = match.end() if match else len(text)
                    continue
            blocks += _paragraph_blocks(text, s, e)
        start = match.end() if match else len(text)
    return Article(text=text, blocks=tuple(blocks), title=title)

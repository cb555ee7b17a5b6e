"""Page clutter that survives main-text extraction, told by its words and links.

trafilatura (and our structure pass after it) keeps some of a page's
furniture as if it were prose: calls to action ("CLICK HERE TO GET THE …
APP", "Sign up for our newsletter"), lists of other stories' headlines
under a label ("Top stories", "You may also like"), a site menu, widget
stubs ("Comments", "412 votes", "FILE PHOTO"), shortcodes a CMS failed to
expand ("[button link=…]"), copyright footers and stacks of gallery
captions. None of it is the article, and each of them, read as a sentence,
looks to the claims model like a claim (a headline full of names and
numbers). This module finds them in the extracted blocks:

- a block whose whole text is a call to action, label or footer
  (``data/extract/clutter_lines.txt``) goes;
- a run of blocks that are (nearly) all link text is a teaser list or a
  menu and goes, with the label above it (``data/extract/teaser_labels.txt``)
  and the stand-firsts between its headlines;
- inside a paragraph, a teaser label with its linked headline
  ("… she said. SEE MORE: <a>Headline</a> …") and shortcodes are cut out;
- a stack of captions is a gallery, not a picture the text refers to.

The markup side (classes, roles, ``<del>``/``<s>``) is done in extract.py,
where the page is walked; the claims stage reuses :func:`is_clutter_text`
and :func:`is_teaser_line` so that what slips through is still no claim.
Embeds and quotes are never dropped here: they are the evidence cards need.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Protocol, TypeVar

from ..doc import BlockKind, Embed
from ..lexicon import load_lines, load_words

# A block longer than this is prose whatever it opens with ("Sign up" at the
# start of a 200-word paragraph is a story about sign-ups).
MAX_CLUTTER_WORDS = 70
# A teaser label is a few words: "You may also like", "Popular on IndieWire".
MAX_LABEL_WORDS = 8
# A teaser headline or menu entry: linked text of at most this many words.
MAX_TEASER_WORDS = 25
# This share of a block's characters inside links makes it a link, not prose.
MIN_LINKED_SHARE = 0.8
# Headlines have some words; menu entries ("World", "Sport") and archive
# links ("November 2019") have one to three and come in longer runs.
MIN_HEADLINE_WORDS = 4
MIN_HEADLINE_RUN = 2
MIN_MENU_RUN = 4
# Between and after teaser headlines a list has stand-firsts and labels of
# at most this many words ("Gronk may have found his true calling").
MAX_COMPANION_WORDS = 30
# An unlinked headline after a teaser label: a short line without a full
# stop ("Who will make the Rock Hall in 2020?"); a sentence is prose.
MAX_TAIL_HEADLINE_WORDS = 20
# The headline repeated in the text is found among the first blocks only,
# after kickers of a few words ("TECH", "Review").
MAX_HEADLINE_POSITION = 4
MAX_KICKER_WORDS = 3
# A run of this many captions is a gallery; above the body, two already are.
MIN_GALLERY_RUN = 3
MIN_LEAD_GALLERY_RUN = 2
# Character bounds that no text within the word limits above reaches: a
# cheap test first, so that long paragraphs are not counted word by word.
_MAX_CHARS_PER_WORD = 16
MAX_TEASER_CHARS = MAX_TEASER_WORDS * _MAX_CHARS_PER_WORD

_TOKEN = re.compile(r"\w+")
_WS = re.compile(r"\s+")
_CLUTTER_LINE = re.compile(
    "|".join(f"(?:{line})" for line in load_lines("extract/clutter_lines.txt")), re.IGNORECASE | re.DOTALL
)
_LABELS = "|".join(f"(?:{line})" for line in load_lines("extract/teaser_labels.txt"))
# the label alone, with what pages put after it ("Related:", "More from X »", "You may also like...")
_LABEL_LINE = re.compile(rf"[\W_]*(?:{_LABELS})[\s:.…!»>|/–—-]*", re.IGNORECASE)
# the label leading into a headline inside a paragraph: at the start of a
# line or after a sentence's end; it counts only when a colon or separator
# ("Related: ", "More from X »") or capitals ("SEE MORE", "DON'T MISS") mark
# it as a label, which the callers check
_INLINE_LABEL = re.compile(
    rf"(?:^|(?<=[\n.!?\"”’)])\s*)(?P<label>{_LABELS})(?![\w'’-])\s*(?P<mark>[:|»>–—-]?)\s*", re.IGNORECASE
)
_FURNITURE_SHORTCODES = load_words("extract/teaser_shortcodes.txt")
# [name attr="…"], [name], [/name]: a WordPress-style shortcode left unexpanded
_SHORTCODE = re.compile(r"\[(?P<close>/?)(?P<name>[A-Za-z][\w-]{0,40})(?P<attrs>(?:\s[^\[\]]{0,400})?)\s*/?\]")
_FULL_STOP_END = re.compile(r"\.[\"'”’)\]]*\s*$")
_CAPTION_LABEL = re.compile(r"^\s*file photo\s*[:\-–—|]\s*", re.IGNORECASE)

Link = tuple[int, int, str]


class Piece(Protocol):
    """extract.py's block before it gets its offsets (``_Piece``)."""

    kind: BlockKind
    text: str
    links: tuple[Link, ...]
    embed: Embed | None


P = TypeVar("P", bound=Piece)


# --- tests on a text -------------------------------------------------------------


def _words(text: str) -> int:
    return len(_TOKEN.findall(text))


def is_short(text: str, max_words: int) -> bool:
    """At most ``max_words`` words (and at least one)."""
    return len(text) <= max_words * _MAX_CHARS_PER_WORD and 0 < _words(text) <= max_words


def is_clutter_text(text: str) -> bool:
    """A call to action, a widget label or a footer, as the whole of ``text``."""
    if len(text) > MAX_CLUTTER_WORDS * _MAX_CHARS_PER_WORD:
        return False
    flat = _WS.sub(" ", text).strip()
    words = _words(flat)
    if not 0 < words <= MAX_CLUTTER_WORDS:
        return False
    if _CLUTTER_LINE.fullmatch(flat):
        return True
    return words <= MAX_LABEL_WORDS and bool(_LABEL_LINE.fullmatch(flat))


def is_teaser_label(text: str) -> bool:
    """A label over a list of other stories ("Top stories", "You may also like...")."""
    if not is_short(text, MAX_LABEL_WORDS):
        return False
    return bool(_LABEL_LINE.fullmatch(_WS.sub(" ", text).strip()))


def starts_with_teaser_label(text: str) -> bool:
    """A line led by a teaser label and a colon ("SEE MORE: Biden's plan…"): a
    headline promoted in the text, not a statement of the article's."""
    match = _INLINE_LABEL.match(text)
    if match is None:
        return False
    return bool(match["mark"] or match["label"].isupper()) and match.end() < len(text)


def linked_share(text: str, links: tuple[Link, ...], start: int = 0, end: int | None = None) -> float:
    """The share of ``text[start:end]``'s word characters that sit inside links."""
    end = len(text) if end is None else end
    total = sum(1 for ch in text[start:end] if ch.isalnum())
    if not total:
        return 0.0
    covered = [False] * (end - start)
    for s, e, _ in links:
        for i in range(max(s, start), min(e, end)):
            covered[i - start] = True
    inside = sum(1 for i, ch in enumerate(text[start:end]) if covered[i] and ch.isalnum())
    return inside / total


def is_teaser_line(text: str, links: tuple[Link, ...]) -> bool:
    """A short line that is all link: another story's headline or a menu
    entry. Headlines end without a full stop; a linked line that ends with
    one is a sentence ("Pokemon Sword and Shield review.", a linked quote
    from a review) and stays."""
    if not links or _FULL_STOP_END.search(text):
        return False
    return is_short(text, MAX_TEASER_WORDS) and linked_share(text, links) >= MIN_LINKED_SHARE


# --- cutting inside a block ---------------------------------------------------------


def _cut(text: str, links: tuple[Link, ...], spans: list[tuple[int, int]]) -> tuple[str, tuple[Link, ...]]:
    """``text`` without ``spans``, one space (or the line break) left at each
    seam, and the links moved to match (a link inside a cut goes)."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        # take the white space on one side, so "a [x] b" gives "a b"
        while e < len(text) and text[e] == " ":
            e += 1
        if e >= len(text) or text[e] == "\n":
            while s > 0 and text[s - 1] == " ":
                s -= 1
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    if not merged:
        return text, links
    kept: list[str] = []
    pos = 0
    for s, e in merged:
        kept.append(text[pos:s])
        pos = e
    kept.append(text[pos:])

    # characters cut before each span, for moving a link's ends
    starts = [s for s, _ in merged]
    removed_before = [0]
    for s, e in merged:
        removed_before.append(removed_before[-1] + e - s)

    def moved(p: int) -> int:
        i = bisect_right(starts, p) - 1
        if i < 0:
            return p
        s, e = merged[i]
        return p - removed_before[i] - (min(p, e) - s)

    joined = "".join(kept)
    lead = len(joined) - len(joined.lstrip())
    new_text = joined.strip()
    new_links: list[Link] = []
    for s, e, href in links:
        ns, ne = max(moved(s) - lead, 0), min(moved(e) - lead, len(new_text))
        if ns < ne and new_text[ns:ne].strip():
            new_links.append((ns, ne, href))
    return new_text, tuple(new_links)


def _shortcode_spans(text: str) -> list[tuple[int, int]]:
    """Shortcodes a CMS left in the text: their brackets always, and the words
    between for furniture ones ("[button link=…]Subscribe[/button]"). A
    bracketed word with no attribute and no closing tag ("[sic]", "we get
    our shot [again]") is the writer's, and stays."""
    if "[" not in text:
        return []
    found = list(_SHORTCODE.finditer(text))
    closing = {m["name"].lower() for m in found if m["close"]}
    spans: list[tuple[int, int]] = []
    open_at: dict[str, int] = {}
    for m in found:
        name = m["name"].lower()
        if m["close"]:
            start = open_at.pop(name, None)
            if start is not None and name in _FURNITURE_SHORTCODES:
                spans.append((start, m.end()))
            else:
                spans.append((m.start(), m.end()))
        elif "=" in m["attrs"] or name in closing or name in _FURNITURE_SHORTCODES:
            open_at[name] = m.start()
            spans.append((m.start(), m.end()))
    return spans


def _inline_teaser_spans(text: str, links: tuple[Link, ...]) -> list[tuple[int, int]]:
    """"SEE MORE: <linked headline>" inside a paragraph (often spliced into a
    quotation): the label and the headline it links go, the prose around
    them stays. Without a link right after it the label may be the writer's
    ("Related: the council's vote"), and stays."""
    spans: list[tuple[int, int]] = []
    if not links:
        return spans
    ordered = sorted(links)
    link_starts = [lk[0] for lk in ordered]
    for match in _INLINE_LABEL.finditer(text):
        if not (match["mark"] or match["label"].isupper()):
            continue
        after = match.end()
        i = bisect_left(link_starts, after)
        if i < len(ordered) and ordered[i][0] <= after + 1:
            spans.append((match.start("label"), ordered[i][1]))
    return spans


def _clean_inline(piece: Piece) -> None:
    if piece.kind == "embed" or not piece.text:
        return
    spans = _shortcode_spans(piece.text) + _inline_teaser_spans(piece.text, piece.links)
    if piece.kind == "caption":
        label = _CAPTION_LABEL.match(piece.text)
        if label:
            spans.append((0, label.end()))
    if spans:
        piece.text, piece.links = _cut(piece.text, piece.links, spans)


# --- whole blocks ----------------------------------------------------------------------


def _droppable(piece: Piece) -> bool:
    """Embeds and block quotes are evidence and never go as clutter."""
    return piece.kind not in ("embed", "quote")


def _teaser_runs(pieces: list[P]) -> set[int]:
    """Indexes of teaser lists and menus: runs of all-link lines, with the
    label above them and the one short stand-first a list may put under
    each headline (after the last headline too when the run ends the
    article)."""
    teaser = [_droppable(p) and is_teaser_line(p.text, p.links) for p in pieces]
    # a sentence between two linked lines is prose (a deals post: a product's
    # description, then "Get it on Amazon for $39"), unless the page made it
    # a heading, as teaser lists do with their stand-firsts
    companion = [
        _droppable(p) and not teaser[i] and is_short(p.text, MAX_COMPANION_WORDS)
        and (p.kind == "heading" or not _FULL_STOP_END.search(p.text))
        for i, p in enumerate(pieces)
    ]
    drop: set[int] = set()
    i = 0
    while i < len(pieces):
        if not teaser[i]:
            i += 1
            continue
        end = i
        while True:
            if end + 1 < len(pieces) and teaser[end + 1]:
                end += 1
            elif end + 2 < len(pieces) and companion[end + 1] and teaser[end + 2]:
                end += 2
            else:
                break
        if end + 2 == len(pieces) and companion[end + 1]:
            end += 1  # the last headline's stand-first, at the article's end
        items = [k for k in range(i, end + 1) if teaser[k]]
        headlines = sum(1 for k in items if _words(pieces[k].text) >= MIN_HEADLINE_WORDS)
        if headlines >= MIN_HEADLINE_RUN or len(items) >= MIN_MENU_RUN:
            drop.update(range(i, end + 1))
            if i > 0 and _droppable(pieces[i - 1]) and is_teaser_label(pieces[i - 1].text):
                drop.add(i - 1)
        i = end + 1
    return drop


def _labelled_tail(pieces: list[P]) -> set[int]:
    """A teaser label with only short lines after it, to the end of the
    article: the list of other stories, linked or not ("You may also
    like..." and three headlines)."""
    # the lines at the end that could be headlines, found once from the end
    tail = len(pieces)
    while tail > 0 and _is_tail_headline(pieces[tail - 1]):
        tail -= 1
    for i in range(max(tail - 1, 0), len(pieces)):
        if _droppable(pieces[i]) and is_teaser_label(pieces[i].text):
            return set(range(i, len(pieces)))
    return set()


def _is_tail_headline(piece: Piece) -> bool:
    if not _droppable(piece) or not is_short(piece.text, MAX_TAIL_HEADLINE_WORDS):
        return False
    return is_teaser_line(piece.text, piece.links) or not _FULL_STOP_END.search(piece.text)


def _galleries(pieces: list[P]) -> set[int]:
    """Stacked captions: a gallery's, not a picture the text is about."""
    drop: set[int] = set()
    body = next((k for k, p in enumerate(pieces) if p.kind not in ("caption", "heading") and p.text), len(pieces))
    i = 0
    while i < len(pieces):
        if pieces[i].kind != "caption":
            i += 1
            continue
        j = i
        while j + 1 < len(pieces) and pieces[j + 1].kind == "caption":
            j += 1
        size = j - i + 1
        if size >= MIN_GALLERY_RUN or (i < body and size >= MIN_LEAD_GALLERY_RUN):
            drop.update(range(i, j + 1))
        i = j + 1
    return drop


def _repeated_headline(pieces: list[P], title: str) -> set[int]:
    """The page's headline repeated as a block near the top (after a section
    kicker such as "TECH", which goes with it): Article.title carries it."""
    wanted = " ".join(_TOKEN.findall(title.lower()))
    if not wanted:
        return set()
    for i, piece in enumerate(pieces[:MAX_HEADLINE_POSITION]):
        if piece.kind in ("embed", "quote"):
            return set()
        if " ".join(_TOKEN.findall(piece.text.lower())) == wanted:
            kickers = all(is_short(p.text, MAX_KICKER_WORDS) and not _FULL_STOP_END.search(p.text) for p in pieces[:i])
            return set(range(i + 1)) if kickers else {i}
    return set()


def tidy(pieces: list[P], title: str = "") -> list[P]:
    """The pieces without clutter, in the same order (edited in place);
    ``title`` is the page's headline, which a repeated headline block matches.
    Whole blocks are judged first, on their text as the page has it ("Tags:
    <a>Trade</a>, <a>Tariffs</a>" goes whole, not as ", Tariffs"); the
    blocks that stay then lose their inline teasers and shortcodes."""
    pieces = [p for p in pieces if p.text or p.kind == "embed"]
    drop = _teaser_runs(pieces) | _labelled_tail(pieces) | _galleries(pieces) | _repeated_headline(pieces, title)
    drop.update(i for i, p in enumerate(pieces) if _droppable(p) and is_clutter_text(p.text))
    kept = [p for i, p in enumerate(pieces) if i not in drop]
    for piece in kept:
        _clean_inline(piece)
    return [p for p in kept if p.text or p.kind == "embed"]

"""The frozen values that flow through the pipeline.

Every span is a pair of character offsets (Python ``str`` indices, start
inclusive, end exclusive) into one immutable text: ``Article.text``. Stages
never copy or edit that text; they only add values that point into it, so an
offset computed by any stage is valid for every other stage and for the
client (``text[start:end] == exact`` always holds).

A :class:`Doc` is what a stage receives and returns. Each stage fills its own
field with :func:`dataclasses.replace` and leaves the others alone.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

BlockKind = Literal["paragraph", "heading", "caption", "quote", "list_item", "embed"]
QuoteKind = Literal["direct", "scare", "title"]
SourceKind = Literal[
    "person", "organization", "media", "document", "anonymous", "social_media", "unattributed"
]
CardKind = Literal["single_source", "unverified_social_quote", "loaded_framing", "quote_not_in_source"]
Severity = Literal["info", "caution", "warning"]
Voice = Literal["outlet", "quoted"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def text(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Link:
    """A hyperlink inside a block: the linked words and where they point."""

    start: int
    end: int
    href: str  # absolute when the page URL was known


@dataclass(frozen=True)
class Embed:
    """An embedded social post (tweet, Telegram post, ...) or video."""

    platform: str  # "twitter", "bluesky", "instagram", "tiktok", "facebook", "youtube", "telegram", ...
    url: str | None  # the post's own address, when the markup gives it


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    start: int
    end: int
    links: tuple[Link, ...] = ()
    embed: Embed | None = None


@dataclass(frozen=True)
class Article:
    text: str
    blocks: tuple[Block, ...]
    title: str = ""
    url: str | None = None
    byline: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601, or None rather than a guess
    site: str | None = None
    language: str = "en"


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    block: int  # index into Article.blocks


@dataclass(frozen=True)
class Quote:
    """A quoted span. ``start``/``end`` cover the words inside the marks,
    ``outer_start``/``outer_end`` include the marks themselves."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    kind: QuoteKind
    source: str | None = None  # Source.id credited with the words (direct quotes)


@dataclass(frozen=True)
class Source:
    id: str  # "s1", "s2", ...
    name: str
    kind: SourceKind
    description: str | None = None
    channel: str | None = None  # platform for social_media sources ("twitter", "telegram", ...)
    url: str | None = None  # link to the original, when the page gives one
    mentions: tuple[Span, ...] = ()
    # A media outlet relaying another source forms one chain with it:
    # RT reporting what the ministry announced -> ministry.relayed_by == RT.id
    relayed_by: str | None = None


@dataclass(frozen=True)
class Attribution:
    """``source`` is credited with ``content`` through ``cue`` ("said", "wrote",
    "according to"). ``cue`` may be None when the credit is implicit (a
    paragraph that continues someone's quote)."""

    source: str  # Source.id
    content: Span
    cue: Span | None = None
    source_span: Span | None = None  # the mention that does the crediting here


@dataclass(frozen=True)
class Claim:
    id: str
    start: int
    end: int
    score: float
    key: bool = False
    sources: tuple[str, ...] = ()  # Source.id, in order of first credit
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Anchor:
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Evidence:
    exact: str
    start: int
    end: int
    label: str
    url: str | None = None  # quote_not_in_source: where the linked words point


@dataclass(frozen=True)
class Card:
    id: str
    kind: CardKind
    severity: Severity
    title: str
    body: str
    anchor: Anchor
    claim: str | None = None
    evidence: tuple[Evidence, ...] = ()
    voice: Voice | None = None  # loaded_framing: the outlet's words, or a quoted speaker's
    # follow_links: linked pages found to hold the quotation this card covers
    found_on: tuple[str, ...] = ()


LinkStatus = Literal["ok", "refused", "timeout", "too_large", "not_html", "http_error", "unreachable"]


@dataclass(frozen=True)
class FollowedLink:
    """One of the article's links as Sidenote fetched it (follow_links only)."""

    url: str
    status: LinkStatus
    http_status: int | None = None
    title: str | None = None


CoverageLimit = Literal["page_too_large", "text_too_long", "deadline"]


@dataclass(frozen=True)
class Coverage:
    """How much of the article was analysed (issue #15): the first
    ``analysed_chars`` of ``Article.text``, with the stages in
    ``skipped_stages`` not run, for the reasons in ``limits``
    (pipeline/budget.py). Empty ``limits``: all of it."""

    analysed_chars: int
    text_chars: int
    limits: tuple[CoverageLimit, ...] = ()
    skipped_stages: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.limits


@dataclass(frozen=True)
class Doc:
    """What every stage takes and returns. Fields are filled in stage order.

    The ``cached_property`` look-up tables are per Doc value: a stage that
    returns a new Doc (``dataclasses.replace``) starts with fresh ones."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sources: tuple[Source, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    claims: tuple[Claim, ...] = ()
    cards: tuple[Card, ...] = ()
    # None unless the request asked to follow the article's links
    followed_links: tuple[FollowedLink, ...] | None = None
    # Set by pipeline.run: what was analysed, when a limit cut it short
    coverage: Coverage | None = None

    @property
    def text(self) -> str:
        return self.article.text

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def block_starts(self) -> list[int]:
        return [b.start for b in self.article.blocks]

    def sentence_index(self, pos: int) -> int | None:
        """Index of the sentence that contains offset ``pos``, if any."""
        i = bisect_right(self.sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end:
            return i
        return None

    def block_index(self, pos: int) -> int | None:
        """Index of the block that contains offset ``pos``, if any."""
        blocks = self.article.blocks
        i = bisect_right(self.block_starts, pos) - 1
        # Embeds with no text in the page are zero-width blocks: step past them.
        while i >= 0 and blocks[i].start == blocks[i].end:
            i -= 1
        if i >= 0 and pos < blocks[i].end:
            return i
        return None

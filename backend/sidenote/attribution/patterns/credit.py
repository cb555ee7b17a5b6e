"""What a credit pattern finds: one crediting in a sentence, before its
source is resolved to an entry."""

from __future__ import annotations

from dataclasses import dataclass

from ...doc import Span
from ..text import Token


@dataclass(frozen=True)
class Credit:
    """One crediting found in a sentence, before sources are resolved."""

    mention: Span  # the whole phrase that names the source here
    name: Span  # the naming part of it (without an appositive)
    description: str | None
    cue: Span | None
    content: Span
    listener: Span | None = None  # "told RT": RT heard it (relay candidate)
    # The whole phrase that credits, description included ("Phil Lovas, the
    # state's campaign chairman,"): what a reader (and PolNeAR) calls the
    # source span. None when it is just ``mention``.
    phrase: Span | None = None


def plain_credit(toks: list[Token], first: int, last: int, cue: Span | None, content: Span) -> Credit:
    """``toks[first..last]`` named as the source, with no description: the
    shape most patterns find."""
    name = Span(toks[first].start, toks[last].end)
    return Credit(name, name, None, cue, content)


def token_span(toks: list[Token], first: int, last: int | None = None) -> Span:
    """The span of ``toks[first..last]`` (``last`` defaults to ``first``)."""
    return Span(toks[first].start, toks[first if last is None else last].end)

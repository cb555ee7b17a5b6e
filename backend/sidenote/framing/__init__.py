"""Loaded wording in any text: name-calling, scare quotes, "so-called",
emotive words, intensifiers, identity words used as weight, hyperbole."""

from __future__ import annotations

from .spans import find_loaded_spans
from .types import FramingSpan

__all__ = ["FramingSpan", "find_loaded_spans"]

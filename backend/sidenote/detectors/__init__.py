"""Card detectors: one module per card kind behind one small interface.

A detector is a pure function ``detect(doc) -> list[Card]``. It sees the
whole, fully analysed :class:`~sidenote.doc.Doc` (sentences,
quotes, sources, attributions, claims) and returns cards with ids left
empty; the ``cards`` stage numbers them and enforces "one card of each kind
per sentence".
"""

from __future__ import annotations

from collections.abc import Callable

from ..doc import Card, Doc

Detector = Callable[[Doc], list[Card]]

"""The ``/analyze`` answer when a request asks for ``follow_links``.

Kept apart from :mod:`sidenote.api` so that the plain path there stays as it
was: same cache, same speed. A ``follow_links`` answer is cached in the
link store (:mod:`.store`), under its own key and for no longer than the
pages it was built from.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from .. import pipeline
from ..serialize import to_json
from . import follow, get_following


@dataclass(frozen=True)
class Answer:
    body: bytes
    hit: bool
    analysis: float = 0.0  # seconds in the pipeline
    links: float = 0.0  # seconds fetching and comparing


def answer(raw: bytes, kind: str, payload: str, url: str | None) -> Answer:
    """The JSON answer to the request body ``raw`` (already parsed into
    ``kind``, ``payload`` and ``url``)."""
    following = get_following()
    key = following.store.answer_key(pipeline.VERSION, raw)
    cached = following.store.get_answer(key)
    if cached is not None:
        return Answer(cached, hit=True)
    t0 = time.perf_counter()
    doc = pipeline.analyze_html(payload, url) if kind == "html" else pipeline.analyze_text(payload)
    t1 = time.perf_counter()
    doc, used = follow(doc, following)
    t2 = time.perf_counter()
    body = json.dumps(to_json(doc, pipeline.VERSION, url), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    oldest = min((r.fetched_at for r in used), default=time.time())
    following.store.put_answer(key, body, oldest)
    return Answer(body, hit=False, analysis=t1 - t0, links=t2 - t1)

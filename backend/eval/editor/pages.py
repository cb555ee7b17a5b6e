"""The pages editors judge, and the fixed split into a tuning and a held-out part.

Page ids: ``news/<id>`` for the extraction benchmark's pages (analysed from
their HTML, as a reader's browser would send them), ``prop/<ID>`` for the
propaganda articles (analysed as text), ``seed`` for the seed article.

The split is by hash, fixed once, so that nobody tunes on the held-out part:
- propaganda: the held-out part of ``eval_propaganda.split_ids`` (sha1 order,
  first 20 %), the same articles the span model never trained on;
- news: pages ordered by sha1 of their id, the first third held out;
- the seed is tuning: it is the page the product was built on;
- PolNeAR (``polnear/<name>``: the attribution set's election news from
  seven US outlets, analysed as text), added in the fourth session as pages
  no card rule had been written on: held out are all 84 ``dev`` articles
  (never tuned on by any stage) and the first 36 ``train`` articles in sha1
  order; the next 600 ``train`` articles in that order are tuning (120 at
  first, then 240 and 240 more the same session). The other 204 ``train``
  articles were added in the sixth session as fresh held-out pages
  (``Page.fresh``): the held-out part's figures had been read many times.
  No card rule, verifier or threshold was fitted on these; the attribution
  tagger learned from their PolNeAR annotations, as from every ``train``
  article (the 36 held out above included).
Errors are read only on the tuning part; only figures come from the other.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sidenote_eval.common import DATASETS, REPO
from sidenote_eval.eval_propaganda import split_ids

NEWS_HELDOUT_SHARE = 1 / 3
POLNEAR_TRAIN_HELDOUT = 36
POLNEAR_TRAIN_TUNING = 600
SEED = REPO.parent / "shared" / "fixtures" / "seed-article.html"


@dataclass(frozen=True)
class Page:
    id: str
    kind: str  # "html" or "text"
    body: str
    url: str | None
    heldout: bool
    fresh: bool = False  # held out, and first judged in the sixth session

    @property
    def corpus(self) -> str:
        """The page id's first part ("news", "prop", "polnear", "seed"), or
        "polnear-fresh" for the fresh election-news pages."""
        return "polnear-fresh" if self.fresh else self.id.split("/")[0]


def news_split(ids: list[str]) -> set[str]:
    order = sorted(ids, key=lambda i: hashlib.sha1(i.encode()).hexdigest())
    return set(order[: math.ceil(len(order) * NEWS_HELDOUT_SHARE)])


def polnear_split() -> tuple[dict[str, Path], set[str], set[str]]:
    """The PolNeAR articles that are editors' pages (name -> path), the
    names of those held out, and of the fresh ones among them."""
    folder = DATASETS / "attribution"
    dev = {p.stem: p for p in (folder / "dev" / "text").glob("*.txt")}
    train = {p.stem: p for p in (folder / "train" / "text").glob("*.txt")}
    order = sorted(train, key=lambda n: hashlib.sha1(n.encode()).hexdigest())
    fresh = set(order[POLNEAR_TRAIN_HELDOUT + POLNEAR_TRAIN_TUNING :])
    held = set(dev) | set(order[:POLNEAR_TRAIN_HELDOUT]) | fresh
    return {**dev, **train}, held, fresh


def pages(part: str = "all") -> Iterator[Page]:
    """Every page, in a fixed order; ``part`` is "all", "tuning" or "heldout"."""
    want = {"all": (False, True), "tuning": (False,), "heldout": (True,)}[part]
    if False in want:
        yield Page("seed", "html", SEED.read_text(encoding="utf-8"), "https://example.org/seed", False)
    folder = DATASETS / "extraction"
    truth = json.loads((folder / "ground-truth.json").read_text())
    held = news_split(list(truth))
    for pid in sorted(truth):
        if (pid in held) in want:
            html = gzip.decompress((folder / "html" / f"{pid}.html.gz").read_bytes()).decode("utf-8", "replace")
            yield Page(f"news/{pid}", "html", html, truth[pid].get("url"), pid in held)
    paths = {p.stem.removeprefix("article"): p for p in (DATASETS / "propaganda" / "articles").glob("article*.txt")}
    _, prop_held = split_ids(paths)
    for aid in sorted(paths):
        if (aid in prop_held) in want:
            yield Page(f"prop/{aid}", "text", paths[aid].read_text(encoding="utf-8"), None, aid in prop_held)
    polnear, polnear_held, polnear_fresh = polnear_split()
    for name in sorted(polnear):
        if (name in polnear_held) in want:
            yield Page(f"polnear/{name}", "text", polnear[name].read_text(encoding="utf-8"), None,
                       name in polnear_held, name in polnear_fresh)


def is_heldout(page_id: str) -> bool:
    if page_id == "seed":
        return False
    corpus, pid = page_id.split("/", 1)
    if corpus == "polnear":
        return pid in polnear_split()[1]
    if corpus == "news":
        truth = json.loads((DATASETS / "extraction" / "ground-truth.json").read_text())
        return pid in news_split(list(truth))
    ids = [p.stem.removeprefix("article") for p in (DATASETS / "propaganda" / "articles").glob("article*.txt")]
    return pid in split_ids(ids)[1]

"""The pages the benchmark sends: the extraction set's real news pages and the seed.

Read once, before any clock starts, so that gzip and disk never count.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

# The seed's address in the end-to-end tests; any stable URL would do.
SEED_URL = "https://www.dailydispatch.example/2019/09/17/us-bombs-syrian-army-units/"


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    html: str


def repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


def shared_dir(root: Path | None = None) -> Path:
    return (root or repo_root()).parent / "shared"


def load_pages(shared: Path) -> list[Page]:
    """Every page of ``datasets/extraction/html`` (sorted by id, so runs are
    comparable) followed by the seed article."""
    extraction = shared / "datasets" / "extraction"
    truth = json.loads((extraction / "ground-truth.json").read_text(encoding="utf-8"))
    pages: list[Page] = []
    for path in sorted((extraction / "html").glob("*.html.gz")):
        name = path.name.removesuffix(".html.gz")
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        url = str(truth.get(name, {}).get("url") or f"https://bench.example/{name}")
        pages.append(Page(name=name, url=url, html=html))
    seed = shared / "fixtures" / "seed-article.html"
    pages.append(Page(name="seed", url=SEED_URL, html=seed.read_text(encoding="utf-8")))
    return pages


def fresh_url(url: str, tag: str) -> str:
    """``url`` with a query parameter that makes it a cache key never seen before."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}sidenote-bench={tag}"

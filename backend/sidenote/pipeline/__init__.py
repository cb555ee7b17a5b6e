"""The analysis pipeline: a plain ordered list of named stages.

``extract`` turns the request into an :class:`Article` (from HTML or from
plain text). Every later stage is a pure function ``Doc -> Doc`` that fills
its own field of the frozen :class:`Doc`:

============  ===========================================================
sentences     ``Doc.sentences``: sentence spans, robust to news prose
quotes        ``Doc.quotes``: quoted spans, told apart as direct/scare/title
attribution   ``Doc.sources`` and ``Doc.attributions``: who is credited
claims        ``Doc.claims``: check-worthy sentences, scored, key ones marked
cards         ``Doc.cards``: the detectors' context cards, anchored
============  ===========================================================

Each stage declares in ``CONTRACTS`` the ``Doc`` fields it reads
(``requires``) and fills (``assigns``); importing this module checks that
each stage's needs are filled by extraction or by a stage before it
(contracts.py), and so does every run. No stage makes up for an earlier
one that did not run: to run a stage by hand, run the ones before it
(:func:`through`).

What one request may cost is bounded (budget.py, bounds.py): a page with
too many elements and a text too long are cut to their first part, and a
deadline, when the caller sets one, stops the stage it finds running.
``Doc.coverage`` says what was analysed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from ..doc import Article, Coverage, CoverageLimit, Doc
from ..errors import DeadlineReached, StageError
from . import attribution, budget, cards, claims, extract, language, quotes, sentences
from .bounds import first_part, trim_html
from .budget import Deadline, Limits
from .contracts import Contract, ContractError, check

VERSION = "sidenote-1"

Stage = Callable[[Doc], Doc]

STAGES: tuple[tuple[str, Stage], ...] = (
    ("sentences", sentences.split),
    ("quotes", quotes.find),
    ("attribution", attribution.attribute),
    ("claims", claims.score),
    ("cards", cards.build),
)

# What each stage reads and fills, by Doc field (contracts.py). Extraction
# fills ``article``. Attribution also sets ``Quote.source`` on the quotes;
# cards also flags the claims its cards are about.
CONTRACTS: dict[str, Contract] = {
    "sentences": Contract(requires=("article",), assigns=("sentences",)),
    "quotes": Contract(requires=("article",), assigns=("quotes",)),
    "attribution": Contract(
        requires=("article", "sentences", "quotes"), assigns=("sources", "attributions", "quotes")
    ),
    "claims": Contract(requires=("article", "sentences", "quotes", "attributions"), assigns=("claims",)),
    "cards": Contract(
        requires=("article", "sentences", "quotes", "sources", "attributions", "claims"),
        assigns=("cards", "claims"),
    ),
}

check(STAGES, CONTRACTS)  # at start-up: a stage that reads what nothing before it fills stops here


def run(
    article: Article,
    timings: dict[str, float] | None = None,
    limits: Limits | None = None,
    cut: tuple[CoverageLimit, ...] = (),
) -> Doc:
    """Run every stage after extraction. ``timings`` (if given) collects
    seconds per stage, for the benchmark and for profiling. ``limits``
    default to the current request's (budget.request_limits); ``cut``
    names limits already applied to the page before extraction."""
    check(STAGES, CONTRACTS)  # (cached: costs nothing unless STAGES was changed)
    limits = limits or budget.request_limits()
    deadline = Deadline(limits.deadline) if limits.deadline is not None else None
    article = language.with_detected_language(article)
    if not language.is_english(article):
        # English only, for now: no claims or cards we could stand behind
        return Doc(article=article, coverage=_coverage(article, None, cut, ()))
    part = first_part(article, limits.max_chars)
    doc = Doc(article=part or article)
    skipped: list[str] = []
    for name, stage in STAGES:
        if skipped:
            skipped.append(name)  # a later stage needs what the stopped one makes
            continue
        t0 = time.perf_counter()
        try:
            with budget.interrupting(deadline):
                doc = stage(doc)
        except DeadlineReached:
            skipped.append(name)  # the doc of the stages before it stands
        except Exception as exc:  # re-raised with the stage's name
            raise StageError(name, exc) from exc
        if timings is not None:
            timings[name] = time.perf_counter() - t0
    limited = cut + (("text_too_long",) if part is not None else ()) + (("deadline",) if skipped else ())
    # Every span points into the analysed part, a prefix of the whole text:
    # the answer carries the whole text, and the spans stay valid in it.
    return replace(doc, article=article, coverage=_coverage(article, part, limited, tuple(skipped)))


def through(name: str, doc: Doc) -> Doc:
    """``doc`` (as extraction made it) through every stage up to and
    including ``name``, in order, with no budget: what tests and evaluation
    scripts use to run one stage as the product does."""
    check(STAGES, CONTRACTS)
    names = [n for n, _ in STAGES]
    if name not in names:
        raise ContractError(f"No pipeline stage is named '{name}': the stages are {', '.join(names)}.")
    for _, stage in STAGES[: names.index(name) + 1]:
        doc = stage(doc)
    return doc


def _coverage(
    article: Article, part: Article | None, limits: tuple[CoverageLimit, ...], skipped: tuple[str, ...]
) -> Coverage:
    analysed = len(part.text) if part is not None else len(article.text)
    return Coverage(analysed, len(article.text), limits, skipped)


def analyze_html(
    html: str,
    url: str | None = None,
    timings: dict[str, float] | None = None,
    limits: Limits | None = None,
) -> Doc:
    limits = limits or budget.request_limits()
    t0 = time.perf_counter()
    html, trimmed = trim_html(html, limits.max_elements)
    try:
        article = extract.extract(html, url)
    except Exception as exc:  # re-raised with the stage's name
        raise StageError("extract", exc) from exc
    if timings is not None:
        timings["extract"] = time.perf_counter() - t0
    return run(article, timings, limits, ("page_too_large",) if trimmed else ())


def analyze_text(text: str, timings: dict[str, float] | None = None, limits: Limits | None = None) -> Doc:
    return run(extract.from_text(text), timings, limits)


WARM_UP_TEXT = (
    "Officials said on Monday that 12 people were hurt.\n\n"
    "“It was a so-called accident,” the mayor wrote on Twitter."
)


@cache
def warm_up() -> None:
    """Load every lazily loaded model and word list once, at start-up, so the
    first reader's request does not pay for it."""
    analyze_text(WARM_UP_TEXT)
    analyze_html("<html><body><article><p>" + WARM_UP_TEXT + "</p></article></body></html>")

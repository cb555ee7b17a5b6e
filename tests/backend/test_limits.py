"""Bounded work per request (issue #15): the limits and the deadline, and
the linear replacements of the quadratic look-ups, checked against the
scans they replaced on arbitrary input."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest
from answer_checks import check_answer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sidenote import create_app, pipeline
from sidenote.doc import Article, Block, Quote
from sidenote.errors import DeadlineReached
from sidenote.intervals import Intervals
from sidenote.pipeline import budget, quotes, sentences
from sidenote.pipeline.bounds import first_part, trim_html
from sidenote.pipeline.budget import Deadline, Limits
from sidenote.pipeline.extract import from_text
from sidenote.pipeline.nearby import DirectQuotes, NearbyQuotes

PROPERTY = settings(max_examples=150, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# --- the look-ups that replaced scans ---------------------------------------------------

SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)).map(lambda t: (t[0], t[0] + t[1])), max_size=25)
QUERY = st.tuples(st.integers(0, 70), st.integers(0, 20)).map(lambda t: (t[0], t[0] + t[1]))


@PROPERTY
@given(spans=SPANS, query=QUERY)
def test_intervals_answer_as_the_scans_did(spans, query):
    index = Intervals(spans, lambda s: s)
    a, b = query
    overlapping = [s for s in spans if s[0] < b and a < s[1]]
    assert index.any_overlapping(a, b) == bool(overlapping)
    assert index.any_containing(a, b) == any(s[0] <= a and b <= s[1] for s in spans)
    assert index.overlapping(a, b) == overlapping  # the same items, in the same order


TEXT_OF_MARKS = st.lists(
    st.sampled_from(["a", "bc", " ", "  ", "\u201c", "\u201d", "\u2018", "\u2019", '"', "'", "\u00ab", "\u00bb",
                     "s' ", "''", ".", ",", "\n\n", "don't", "Syria's"]),
    max_size=80,
).map("".join)


def _pairs_by_scan(text: str, start: int, end: int) -> list[quotes.QuotePair]:
    """pair_marks as it was before issue #15: a forward scan per possessive
    close, a walk over every single open per double close."""
    marks = quotes._scan(text, start, end)
    stack: list = []
    pairs: list[quotes.QuotePair] = []
    for k, mark in enumerate(marks):
        if mark.role == quotes._OPEN:
            stack.append(mark)
            continue
        if mark.family == quotes._SINGLE:
            if not stack or stack[-1].family != quotes._SINGLE:
                continue
            opener = stack[-1]
            if mark.weak:
                ahead = False
                for later in marks[k + 1 :]:
                    if later.family != quotes._SINGLE:
                        continue
                    if later.role == quotes._CLOSE and not later.weak:
                        ahead = later.pos - opener.pos <= quotes._CAP[quotes._SINGLE]
                        break
                    if later.role == quotes._OPEN:
                        break
                if ahead:
                    continue
            stack.pop()
            if mark.pos - opener.pos <= quotes._CAP[quotes._SINGLE]:
                pairs.append(quotes.QuotePair(opener.pos, mark.pos, quotes._SINGLE, opener.length, mark.length))
            continue
        depth = len(stack) - 1
        while depth >= 0 and stack[depth].family == quotes._SINGLE:
            depth -= 1
        if depth < 0 or stack[depth].family != mark.family:
            continue
        opener = stack[depth]
        del stack[depth:]
        if mark.pos - opener.pos <= quotes._CAP[mark.family]:
            pairs.append(quotes.QuotePair(opener.pos, mark.pos, mark.family, opener.length, mark.length))
    pairs.sort(key=lambda p: p.open)
    for mark in stack:
        if mark.family != quotes._SINGLE:
            pairs.append(quotes.QuotePair(mark.pos, None, mark.family, mark.length))
            break
    return pairs


def _enclosing_by_scan(pairs, pair, block_end):
    best = None
    close = pair.outer_end(block_end)
    for other in pairs:
        if other is pair:
            continue
        if other.open < pair.open and close <= other.outer_end(block_end) and pair.open < other.outer_end(block_end):
            if best is None or other.open > best.open:
                best = other
    return best


@PROPERTY
@given(text=TEXT_OF_MARKS)
def test_quote_pairing_and_nesting_are_what_the_scans_found(text):
    pairs = quotes.pair_marks(text)
    assert pairs == _pairs_by_scan(text, 0, len(text))
    parents = quotes._enclosing(pairs, len(text))
    assert parents == [_enclosing_by_scan(pairs, p, len(text)) for p in pairs]


@PROPERTY
@given(spans=SPANS, pos=st.integers(0, 100))
def test_inside_a_quotation_as_the_scan_said(spans, pos):
    assert sentences._inside(sentences._merged(spans), pos) == any(qs < pos < qe for qs, qe in spans)


def _quotes_from(text: str) -> tuple[Quote, ...]:
    return tuple(quotes.find_quotes(text))


@PROPERTY
@given(text=TEXT_OF_MARKS, window=QUERY)
def test_nearby_quotes_hold_what_the_credit_rules_read(text, window):
    all_quotes = _quotes_from(text)
    near = NearbyQuotes(all_quotes).around(*window)
    start, end = window
    # in the article's order, and a subset of it
    assert list(near) == [q for q in all_quotes if q in near]
    for q in all_quotes:
        if q.outer_start < end and start < q.outer_end:
            assert q in near
    direct = [q for q in all_quotes if q.kind == "direct"]
    before = [q for q in direct if q.outer_end <= start]
    if before:
        assert before[-1] in near  # the last direct quote closed before the sentence
    after = [q for q in direct if q.outer_start >= end]
    if after:
        assert min(after, key=lambda q: q.outer_start) in near


@PROPERTY
@given(text=TEXT_OF_MARKS, span=QUERY)
def test_direct_quotes_answer_as_the_scans_did(text, span):
    direct = [q for q in _quotes_from(text) if q.kind == "direct"]
    indexed = DirectQuotes(direct)
    a, b = span
    assert indexed.any_containing(a, b) == any(q.start <= a and b <= q.end for q in direct)
    assert indexed.any_overlapping(a, b) == any(q.start < b and a < q.end for q in direct)
    assert indexed.starts_at(a) == any(q.start == a for q in direct)


# --- sentences are bounded ---------------------------------------------------------------


@PROPERTY
@given(text=st.text(st.sampled_from(list("ab .,;:\u201c\u201d\n")), min_size=0, max_size=8_000))
def test_no_sentence_is_longer_than_the_cap(text):
    spans = sentences.split_text(text)
    assert all(0 < e - s <= sentences.MAX_SENTENCE for s, e in spans)
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_a_run_without_sentence_ends_is_cut_at_clauses_then_spaces():
    text = "word, " * 1000
    spans = sentences.split_text(text)
    assert len(spans) > 1
    assert all(text[s:e].endswith(",") for s, e in spans[:-1])


# --- the text and page limits ------------------------------------------------------------


def _article(paragraphs: list[str]) -> Article:
    return from_text("\n\n".join(paragraphs))


def test_the_first_part_ends_with_a_block_when_one_ends_near_the_limit():
    article = _article(["A" * 40, "B" * 40, "C" * 40])
    part = first_part(article, 100)
    assert part is not None and part.text == article.text[: len(part.text)]
    assert part.text.endswith("B" * 40)
    assert [b.end for b in part.blocks] == [b.end for b in article.blocks[:2]]


def test_a_long_paragraph_is_cut_at_a_sentence_end():
    article = _article(["Short.", "It rained. " * 1000])
    part = first_part(article, 5_000)
    assert part is not None and len(part.text) <= 5_000 and part.text.endswith("It rained.")
    assert part.blocks[-1].end == len(part.text)


def test_a_text_that_fits_is_not_cut():
    assert first_part(_article(["short"]), 100) is None


def test_a_page_with_many_elements_is_read_up_to_the_limit():
    page = "<html><head><script type='application/ld+json'>{}</script><script>var a;</script></head><body>" \
        + "<p>x</p>" * 500 + "</body></html>"
    trimmed, cut = trim_html(page, 100)
    assert cut and trimmed.count("<p>") < 100
    assert "application/ld+json" in trimmed and "var a" not in trimmed
    assert trim_html("<p>x</p>" * 10, 100) == ("<p>x</p>" * 10, False)


def test_scripts_alone_do_not_cut_the_article():
    page = "<html><body>" + "<script>x</script>" * 300 + "<p>Officials said the bridge is closed.</p></body></html>"
    trimmed, cut = trim_html(page, 100)
    assert not cut and "Officials said" in trimmed


# --- the deadline ------------------------------------------------------------------------

TEXT = "Officials said 12 people were hurt in the blast on Monday, the ministry said."


def test_a_passed_deadline_runs_no_stage_and_says_so():
    doc = pipeline.analyze_text(TEXT, limits=Limits(deadline=time.monotonic() - 1))
    assert doc.coverage is not None
    assert doc.coverage.limits == ("deadline",)
    assert doc.coverage.skipped_stages == tuple(name for name, _ in pipeline.STAGES)
    assert doc.article.text == TEXT and not doc.claims


def test_a_stage_running_at_the_deadline_is_stopped_and_the_rest_kept(monkeypatch):
    def stuck(doc):
        time.sleep(30)  # interrupted by the deadline's timer
        return doc

    stages = tuple((name, stuck if name == "claims" else stage) for name, stage in pipeline.STAGES)
    monkeypatch.setattr(pipeline, "STAGES", stages)
    t0 = time.monotonic()
    doc = pipeline.analyze_text(TEXT, limits=Limits.within(0.5))
    assert time.monotonic() - t0 < 10
    assert doc.coverage is not None and doc.coverage.skipped_stages == ("claims", "cards")
    assert doc.sentences and doc.sources, "the stages before the stopped one stand"
    assert not doc.claims and not doc.cards


def test_the_timer_is_only_armed_in_the_main_thread():
    outcome: list[str] = []

    def work():
        with budget.interrupting(Deadline(time.monotonic() + 0.05)):
            time.sleep(0.2)
        outcome.append("finished")

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert outcome == ["finished"]
    with pytest.raises(DeadlineReached):
        with budget.interrupting(Deadline(time.monotonic() + 0.05)):
            time.sleep(5)


def test_the_api_answers_with_what_is_done_at_its_deadline(monkeypatch):
    def stuck(doc):
        time.sleep(30)
        return doc

    client = create_app({"TESTING": True, "REDIS_URL": None, "RATE_LIMIT": 0, "ANALYSIS_SECONDS": 0.5}).test_client()
    monkeypatch.setattr(pipeline, "STAGES", tuple(
        (name, stuck if name == "cards" else stage) for name, stage in pipeline.STAGES))
    r = client.post("/api/v1/analyze", json={"text": TEXT})
    data = check_answer(r.status_code, r.get_data(), sent_text=TEXT)
    assert r.status_code == 200
    assert data["summary"]["coverage"]["skipped_stages"] == ["cards"]
    assert data["summary"]["coverage"]["limits"] == ["deadline"]
    assert data["claims"] and data["cards"] == []
    assert "ran out of time" in data["summary"]["headline"]


def test_library_calls_have_no_deadline_unless_asked():
    assert budget.request_limits().deadline is None
    doc = pipeline.analyze_text(TEXT)
    assert doc.coverage is not None and doc.coverage.complete


def test_coverage_of_a_normal_page_is_complete(client, seed_html):
    data = client.post("/api/v1/analyze", json={"html": seed_html}).get_json()
    coverage = data["summary"]["coverage"]
    assert coverage == {"complete": True, "analysed_chars": len(data["article"]["text"]),
                        "text_chars": len(data["article"]["text"]), "limits": [], "skipped_stages": []}


def test_blocks_are_clipped_with_their_links():
    article = Article(text="abc def ghi", blocks=(Block("paragraph", 0, 11),))
    part = first_part(replace(article), 5)
    assert part is not None and part.blocks[0].end == len(part.text) <= 5


def test_an_answer_cut_by_the_deadline_is_not_cached(monkeypatch):
    client = create_app({"TESTING": True, "REDIS_URL": None, "RATE_LIMIT": 0, "ANALYSIS_SECONDS": 0.3}).test_client()

    def stuck(doc):
        time.sleep(30)
        return doc

    monkeypatch.setattr(pipeline, "STAGES", tuple(
        (name, stuck if name == "cards" else stage) for name, stage in pipeline.STAGES))
    for _ in range(2):
        r = client.post("/api/v1/analyze", json={"text": TEXT})
        assert r.status_code == 200 and r.headers["X-Sidenote-Cache"] == "miss"
    monkeypatch.undo()
    assert client.post("/api/v1/analyze", json={"text": TEXT}).headers["X-Sidenote-Cache"] == "miss"
    assert client.post("/api/v1/analyze", json={"text": TEXT}).headers["X-Sidenote-Cache"] == "hit"

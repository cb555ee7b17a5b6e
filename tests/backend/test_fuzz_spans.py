"""Property-based fuzzing of ``POST /api/v1/analyze`` (Hypothesis, issue #15).

For arbitrary text and HTML (any Unicode, lone surrogates and NUL included,
news words and quote marks mixed in so the pipeline's rules fire, broken
markup, long repetitions), every answer is a 200 or a 4xx in JSON, with no
traceback, and every span is an exact slice of ``article.text``
(tests/backend/answer_checks.py).

Bounded and repeatable: a fixed number of examples per test, derandomized,
no example database, each body at most a few tens of thousands of
characters (the hostile bodies in test_hostile.py cover the megabytes).
"""

from __future__ import annotations

import json

from answer_checks import check_answer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sidenote import create_app

APP = create_app({"TESTING": True, "REDIS_URL": None, "RATE_LIMIT": 0})
CLIENT = APP.test_client()

FUZZ = settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

# Pieces that make the rules fire: speech cues, platforms, names, labels.
WORDS = [
    "said", "told", "wrote", "tweeted", "according to", "claimed", "on Twitter", "on Telegram",
    "in a statement", "Reuters", "the ministry", "Officials", "officials said", "Mr.", "Dr.", "U.S.",
    "Fares Shehabi", "President Trump", "so-called", "terrorists", "regime", "rebels", "it said",
    "she said", "they said", "sources", "an official", "1.", "12", "percent", "PENCE:", "No.", "J. K.",
]
MARKS = list("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e.,;:!?\u2026()[]-\u2014\u2013 \n\t") + [
    "\n\n", "''", ". ", ".\u201d "
]
ODD = [
    "\u0000", "\ud800", "\udfff", "\ufeff", "\u200b", "\u200d", "\u202e", "\u0301", "\u0651",
    "\U0001f600", "\U0001f44d\U0001f3fd", "\u0627\u0644", "\u4e2d\u6587", "\r\n", "\u2028", "\x85",
]
# Common words, so that most texts read as English and every stage runs
# (the pipeline analyses English only; other text stops after extraction).
COMMON = ["the ", "of ", "and ", "to ", "a ", "in ", "that ", "is ", "was ", "he ", "for ", "it ", "with ",
          "as ", "on ", "by ", "at ", "they ", "people ", "killed ", "attack ", "police "]
PIECE = st.one_of(
    st.sampled_from(COMMON),
    st.sampled_from(COMMON),
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(MARKS),
    st.sampled_from(ODD),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=12),
)


SUBJECTS = ["Officials", "Fares Shehabi", "The ministry", "She", "Mr. Smith", "Reuters", "An official",
            "The regime", "Police", "It", "They", "President Donald Trump", "Sources"]
CUES = ["said", "told Reuters", "wrote on Twitter", "tweeted", "claimed", "said in a statement", "added",
        "announced on Telegram", "told reporters"]
OPEN_CLOSE = [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("", "")]


@st.composite
def sentence(draw: st.DrawFn) -> str:
    """A news-like sentence (a credit, a quote, a claim), so that attribution
    and the detectors have something to work on, with noise spliced in."""
    opening, closing = draw(st.sampled_from(OPEN_CLOSE))
    words = draw(st.lists(st.one_of(st.sampled_from(COMMON), st.sampled_from(WORDS), PIECE), min_size=1, max_size=12))
    quote = f"{opening}{''.join(words).strip()}{closing}"
    subject, cue = draw(st.sampled_from(SUBJECTS)), draw(st.sampled_from(CUES))
    shape = draw(st.sampled_from(["{s} {c} {q}.", "{q}, {s} {c}.", "According to {s}, {q}.", "{s} {c}: {q}",
                                  "{s} {c} that 12 people were killed in the attack on {q}."]))
    return shape.format(s=subject, c=cue, q=quote)


PROSE = st.lists(st.one_of(sentence(), sentence(), PIECE), min_size=1, max_size=40).map(
    lambda parts: " ".join(parts)
)


@st.composite
def repeated(draw: st.DrawFn, piece: st.SearchStrategy[str]) -> str:
    """A piece repeated many times: the shape of the hostile bodies."""
    unit = draw(st.lists(piece, min_size=1, max_size=6).map("".join))
    times = draw(st.integers(min_value=50, max_value=max(50, 20_000 // max(1, len(unit)))))
    return unit * times


TEXTS = st.one_of(
    PROSE,
    st.lists(st.one_of(PROSE, st.sampled_from(["\n\n", "\n"])), max_size=8).map("".join),
    st.lists(PIECE, max_size=200).map("".join),
    repeated(st.one_of(PIECE, sentence())),
    st.lists(st.one_of(PIECE, PROSE, repeated(PIECE)), max_size=4).map("".join),
)

TAGS = ["p", "div", "b", "i", "span", "blockquote", "h1", "h2", "li", "ul", "figure", "figcaption",
        "table", "tr", "td", "article", "section", "script", "style", "a", "br", "iframe", "em"]
ATTRS = [
    "", ' class="twitter-tweet"', ' href="https://twitter.com/x/status/1"', ' href="/relative"',
    ' class="caption"', ' hidden', ' src="https://www.youtube.com/embed/x"', ' class="nav"', " lang='en'",
    ' href="javascript:alert(1)"', ' data-x="<p>"',
]


@st.composite
def element(draw: st.DrawFn, inner: st.SearchStrategy[str]) -> str:
    tag, attrs = draw(st.sampled_from(TAGS)), draw(st.sampled_from(ATTRS))
    body = draw(inner)
    close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", "</p>", "</div"]))  # broken markup too
    return f"<{tag}{attrs}>{body}{close}"


FRAGMENT = st.recursive(
    st.one_of(st.lists(PIECE, max_size=20).map("".join), PROSE),
    lambda inner: st.lists(element(inner), max_size=6).map("".join),
    max_leaves=40,
)
STRAYS = st.sampled_from(["<", ">", "&amp;", "&#0;", "&#xD800;", "<!--", "-->", "<![CDATA[", "</", "<p", "&nbsp;"])
HTMLS = st.one_of(
    FRAGMENT.map(lambda f: f"<html><head><title>t</title></head><body><article>{f}</article></body></html>"),
    st.lists(st.one_of(FRAGMENT, STRAYS), max_size=8).map("".join),
    repeated(st.one_of(element(st.lists(PIECE, max_size=4).map("".join)), STRAYS)),
)


def post(body: dict[str, object]) -> tuple[int, bytes]:
    # ensure_ascii: lone surrogates travel as \\u escapes, as a browser's JSON.stringify sends them
    r = CLIENT.post("/api/v1/analyze", data=json.dumps(body), content_type="application/json")
    return r.status_code, r.get_data()


@FUZZ
@given(text=TEXTS)
def test_any_text(text: str) -> None:
    status, raw = post({"text": text})
    data = check_answer(status, raw, sent_text=text)
    assert status == 200, data


@FUZZ
@given(html=HTMLS, url=st.one_of(st.none(), st.sampled_from(["https://news.example/a/b", "not a url", ""])))
def test_any_html(html: str, url: str | None) -> None:
    status, raw = post({"html": html, "url": url})
    check_answer(status, raw)
    assert status == 200


@settings(FUZZ, max_examples=40)
@given(body=st.one_of(
    st.dictionaries(st.sampled_from(["html", "text", "url", "follow_links", "x"]),
                    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=30),
                              st.lists(st.integers(), max_size=3)), max_size=4),
    st.lists(st.integers(), max_size=3),
    st.text(max_size=30),
))
def test_any_json_body(body: object) -> None:
    """Malformed requests: a 4xx with the contract's error, never a 5xx.
    (follow_links is left false or invalid: no fetching in a unit test.)"""
    if isinstance(body, dict) and body.get("follow_links") is True:
        body["follow_links"] = False
    status, raw = post(body)  # type: ignore[arg-type]
    check_answer(status, raw)


@settings(FUZZ, max_examples=30)
@given(raw=st.binary(max_size=200))
def test_any_bytes(raw: bytes) -> None:
    r = CLIENT.post("/api/v1/analyze", data=raw, content_type="application/json")
    check_answer(r.status_code, r.get_data())

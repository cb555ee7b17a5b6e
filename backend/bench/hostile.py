"""Hostile request bodies: valid JSON under the size limit, built to make a
pipeline stage slow, deep or confused (issue #15).

Each body is generated, never stored, and deterministic, so the regression
tests (tests/backend/test_hostile.py), ``make hostile`` and ``make soak`` all
send the same bytes. The first five are the issue's own; the rest were found
while looking for the next slow stage. Every body's JSON stays under the
5 MB request limit: what matters is what the pipeline does with it, not the
413 that a larger one would get.

    .venv/bin/python backend/bench/hostile.py [--url http://127.0.0.1:8765] [NAME ...]

sends each body once, under a fresh URL, and prints its status, kind of
answer and time (measures and prints, asserts nothing).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

LIMIT_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Hostile:
    name: str
    kind: str  # "html" or "text": the request field the payload goes in
    build: Callable[[], str]
    note: str

    def payload(self) -> str:
        return self.build()

    def body(self, url: str) -> bytes:
        """The request body, JSON-encoded as the extension would send it."""
        fields = {"url": url, self.kind: self.build()}
        try:
            return json.dumps(fields, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates travel only as \u escapes
            return json.dumps(fields).encode("ascii")


def _word(i: int) -> str:
    """A capitalised made-up surname for each number ("Baaa", "Baab", ...)."""
    letters = "".join("abcdefghijklmnopqrstuvwxyz"[(i // 26**k) % 26] for k in range(3, -1, -1))
    return "B" + letters


def _page(inner: str) -> str:
    return f"<!DOCTYPE html><html><head><title>t</title></head><body><article>{inner}</article></body></html>"


_ARABIC = "قالَ الوزيرُ إنَّ «الحكومةَ» ستُعلنُ القرارَ غداً، وَفْقَ مَصادِرَ مُطَّلِعَةٍ."
_COMBINING = "ب\u0651\u064e\u0670\u0652" * 6


HOSTILE: tuple[Hostile, ...] = (
    # --- the five ---------------------------------------------------
    Hostile("quoted_words", "text", lambda: " ".join(['"a"'] * 250_000),
            "250,000 quoted one-letter words in one paragraph"),
    Hostile("said_no", "text", lambda: " ".join(['Officials said "no."'] * 100_000),
            "100,000 sentences `Officials said \"no.\"` (a speech tag joins them all)"),
    Hostile("small_tags", "html", lambda: _page("<p><b>x</b></p>" * 200_000),
            "200,000 small paragraphs"),
    Hostile("emoji_twitter", "text",
            lambda: " ".join(
                ['\U0001f600\U0001f525 The minister wrote "this is \U0001f44d a disgrace" on Twitter.'] * 20_000
            ),
            "20,000 emoji sentences with quotes and 'on Twitter'"),
    Hostile("arabic_marks", "html",
            lambda: _page("".join(f"<p>{_COMBINING} {_ARABIC} said “{_ARABIC}”</p>" for _ in range(5_000))),
            "5,000 lines of Arabic with combining marks"),
    # --- found while profiling ---------------------------------------------
    Hostile("emoji_paragraphs", "html",
            lambda: _page("".join(
                '<p>\U0001f600 "Great \U0001f389 news," the mayor wrote on Twitter. '
                '\U0001f525 "No," Smith said on Facebook.</p>' for _ in range(10_000))),
            "emoji sentences as 10,000 short paragraphs"),
    Hostile("curly_quotes", "text", lambda: " ".join(["\u201ca\u201d \u2018b\u2019"] * 150_000),
            "150,000 pairs of curly double and single quotes"),
    Hostile("open_marks", "text", lambda: " \u201ca \u2018b" * 200_000 + " c\u201d" * 50_000,
            "200,000 unclosed openings, then closings: deep quote stacks"),
    Hostile("single_opens", "text", lambda: " 'a" * 300_000 + ' b"' * 100_000,
            "single marks left open, then double closes"),
    Hostile("numbered_lines", "text", lambda: " ".join(["1. A"] * 400_000),
            "list-marker look-alikes in one line"),
    Hostile("initials", "text", lambda: " ".join(["J. K. Smith said it."] * 100_000),
            "initials and speech cues"),
    Hostile("names_said", "text",
            lambda: " ".join(f"Minister Alpha{i:05d} Beta told Reuters that {i} people were hurt."
                             for i in range(40_000)),
            "40,000 different named sources"),
    Hostile("one_word", "text", lambda: "a" * 4_500_000, "one 4.5 MB word"),
    Hostile("blank_lines", "text", lambda: "\n\n" * 1_200_000, "nothing but paragraph breaks"),
    Hostile("zero_width", "text", lambda: "\u200b".join("Officials said the town was shelled. ") * 25_000,
            "a zero-width space between every character"),
    Hostile("deep_nesting", "html", lambda: _page("<div>" * 200_000 + "deep" + "</div>" * 200_000),
            "200,000 nested elements"),
    Hostile("unclosed_inline", "html", lambda: _page("<p>" + "<b>said" * 300_000),
            "300,000 unclosed inline elements"),
    Hostile("many_links", "html",
            lambda: _page("".join(f'<p><a href="https://x.example/{i}">Officials</a> said “yes {i}.”</p>'
                                  for i in range(40_000))),
            "40,000 links in 40,000 paragraphs"),
    Hostile("big_table", "html",
            lambda: _page("<table>" + ("<tr>" + "<td>said “a”</td>" * 300 + "</tr>") * 600 + "</table>"),
            "a 600 x 300 table"),
    Hostile("tweet_embeds", "html",
            lambda: _page("".join(
                f'<blockquote class="twitter-tweet"><p>Post {i} “quoted”</p>'
                f'<a href="https://twitter.com/x/status/{i}">link</a></blockquote>' for i in range(20_000))),
            "20,000 embedded tweets"),
    Hostile("script_soup", "html",
            lambda: "<html><body>" + "<script>var a='<p>x</p>';</script>" * 120_000
            + "<p>Officials said the bridge is closed.</p></body></html>",
            "4 MB of script around one sentence"),
    Hostile("lone_surrogates", "text",
            lambda: " ".join(["Officials said \ud800 \udfff \u0000 \ufffe \u202e \"ok\"."] * 50_000),
            "lone surrogates, NUL, bidi overrides"),
    Hostile("line_breaks", "html", lambda: _page("<p>" + "Officials said “no.”<br>" * 150_000 + "</p>"),
            "150,000 line breaks in one paragraph"),
    Hostile("it_said", "text", lambda: "The agency said it would act. It said so again on Monday. " * 40_000,
            "40,000 credits to 'it' in one paragraph"),
    Hostile("described_sources", "text",
            lambda: " ".join(f"John Smith{i}, a spokesman for the ministry of health, said {i} people died."
                             for i in range(30_000)),
            "30,000 different sources, each described"),
    Hostile("signed_letters", "text",
            lambda: "".join(f"These thugs lied to every voter in the county again today.\n\nAnn {_word(i)}.\n\n"
                            for i in range(60_000)),
            "60,000 paragraphs, each signed by a different name"),
    Hostile("speaker_labels", "text",
            lambda: "".join(f"SPEAKER{i % 500}: We will win this vote.\n" for i in range(60_000)),
            "a transcript of 60,000 'NAME:' lines"),
)

BY_NAME = {h.name: h for h in HOSTILE}


def send(base_url: str, body: bytes, timeout: float = 180.0) -> tuple[int, str, float]:
    """POST one body; (status, "json"/"html"/"none", seconds)."""
    request = urllib.request.Request(
        base_url.rstrip("/") + "/api/v1/analyze", data=body, method="POST",
        headers={"Content-Type": "application/json"},
    )
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # loopback only
            status, raw, ctype = response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        status, raw, ctype = exc.code, exc.read(), exc.headers.get("Content-Type", "")
    except OSError:
        return 0, "none", time.perf_counter() - t0
    seconds = time.perf_counter() - t0
    try:
        json.loads(raw)
        shape = "json" if ctype.startswith("application/json") else "json?"
    except ValueError:
        shape = "html" if b"<html" in raw[:200].lower() else "other"
    return status, shape, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description="Send each hostile body once and print what came back.")
    parser.add_argument("--url", default="http://127.0.0.1:8765")
    parser.add_argument("--timeout", type=float, default=180.0)
    parser.add_argument("names", nargs="*", help="only these bodies (default: all)")
    args = parser.parse_args()
    if not args.url.startswith(("http://127.", "http://localhost", "http://[::1]")):
        sys.exit("hostile.py sends only to a loopback address")
    chosen = [BY_NAME[n] for n in args.names] if args.names else list(HOSTILE)
    run = f"{time.time():.0f}"
    print("| body | bytes | status | answer | seconds |\n|---|---|---|---|---|")
    for h in chosen:
        body = h.body(f"https://hostile.example/{h.name}?run={run}")
        status, shape, seconds = send(args.url, body, args.timeout)
        print(f"| {h.name} | {len(body):,} | {status} | {shape} | {seconds:.2f} |", flush=True)


if __name__ == "__main__":
    main()

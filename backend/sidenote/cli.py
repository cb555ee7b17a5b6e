"""The ``sidenote`` command: the backend's analysis without a server.

    sidenote analyze FILE|URL|-   [--json] [--follow-links] [--text] [--url URL]

It runs the pipeline in this process, as ``POST /api/v1/analyze`` does:
``--json`` prints exactly the JSON that endpoint answers (``serialize.py``),
``--follow-links`` does what the request's ``follow_links`` does
(``sidenote/links``), and without ``--json`` the answer is printed readably
(``readable.py``). A URL is fetched with link following's safe fetcher
(``cli_input.py``).

Exit codes: 0 done, 1 bad input (one line on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from typing import Any

from . import pipeline
from .cli_input import fetch_policy, is_url, read
from .errors import SidenoteError
from .readable import render
from .serialize import to_json

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
# A follow_links cache lives as long as the command; this is its nominal TTL.
LINKS_TTL = 3600


def _parser() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The command's parser, and its ``analyze`` sub-parser."""
    parser = argparse.ArgumentParser(
        prog="sidenote",
        description=(
            "Context cards for a news article: single-source claims, unlinked social-media quotes, loaded wording."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {pipeline.VERSION}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    analyze = commands.add_parser(
        "analyze",
        help="analyse an article and print its cards",
        description="Analyse an article (an HTML file, a web page, or standard input) and print its cards.",
    )
    analyze.add_argument(
        "source", metavar="FILE|URL|-", help="an HTML file, an http(s) address, or - for standard input"
    )
    analyze.add_argument(
        "--json", action="store_true", help="print the API's JSON, exactly as POST /api/v1/analyze answers"
    )
    analyze.add_argument(
        "--follow-links",
        action="store_true",
        help="also open the article's own public links and check the quotations credited to them (as follow_links)",
    )
    analyze.add_argument(
        "--text", action="store_true", help="the input is plain text (paragraphs separated by blank lines), not HTML"
    )
    analyze.add_argument("--url", help="the page's address, to resolve relative links in a file or standard input")
    return parser, analyze


def _analyze(args: argparse.Namespace) -> dict[str, Any]:
    source = read(args.source, args.text, args.url)
    doc = pipeline.analyze_text(source.content) if args.text else pipeline.analyze_html(source.content, source.url)
    if args.follow_links:
        # Imported here: a plain analysis needs nothing of link following.
        from .links import Following, follow

        doc, _ = follow(doc, Following(fetch_policy(), None, LINKS_TTL, 30.0))
    return to_json(doc, pipeline.VERSION, source.url)


def _quiet_logs() -> None:
    # As create_app does: extraction's helpers warn about every odd link.
    logging.basicConfig(level=logging.WARNING, format="sidenote: %(name)s: %(message)s")
    for noisy in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


def _write(data: bytes) -> None:
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        # `sidenote analyze … | head`: the reader left; that is not an error.
        sys.stderr.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser, analyze = _parser()
    args = parser.parse_args(argv)  # exits 2 on a usage error
    if args.command is None:
        parser.print_usage(sys.stderr)
        print("sidenote: error: name a command (sidenote analyze FILE|URL|-)", file=sys.stderr)
        return EXIT_USAGE
    if args.text and is_url(args.source):
        analyze.error("--text reads a file or standard input, not a URL")
    if args.url and is_url(args.source):
        analyze.error("--url is for a file or standard input; a fetched page has its own address")
    _quiet_logs()
    try:
        answer = _analyze(args)
    except SidenoteError as exc:  # InputError, a malformed setting, a failed stage
        print(f"sidenote: {exc.message}", file=sys.stderr)
        return EXIT_INPUT
    if args.json:
        _write(_json_bytes(answer) + b"\n")
    else:
        _write(render(answer).encode("utf-8", errors="replace"))
    return EXIT_OK


def _json_bytes(answer: dict[str, Any]) -> bytes:
    """The same bytes as the API's answer (api.py), so either can stand for
    the other: UTF-8, or all ASCII escapes for a text UTF-8 cannot carry."""
    try:
        return json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(answer, separators=(",", ":")).encode("ascii")


if __name__ == "__main__":
    sys.exit(main())

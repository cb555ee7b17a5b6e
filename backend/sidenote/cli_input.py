"""What ``sidenote analyze`` reads: a file, standard input, or a web page.

A web page is fetched with link following's fetcher (``links/fetch.py``), so
the command refuses exactly what ``follow_links`` refuses: anything but a
public ``http``/``https`` address, and any redirect to one that is not
(``SIDENOTE_FETCH_ALLOW`` names ``host:port`` pairs let through, as for the
backend). Every failure is an :class:`InputError` whose message is one line
a person can act on.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from bs4 import UnicodeDammit

from .errors import SidenoteError
from .links.fetch import FetchPolicy, FetchResult, fetch_html
from .links.safety import parse_allow

# An article page, not a linked page: the API's own body limit, and time
# for one page rather than the 3 s shared by ten links.
PAGE_MAX_BYTES = 5 * 1024 * 1024
PAGE_BUDGET_SECONDS = 20.0
PAGE_CONNECT_TIMEOUT = 5.0

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*)://", re.IGNORECASE)

_FAILURES = {
    "refused": "is not a public http(s) address, or redirects to one that is not; it was not contacted "
    "(SIDENOTE_FETCH_ALLOW=host:port lets a named local server through)",
    "timeout": f"did not arrive within {PAGE_BUDGET_SECONDS:.0f} s",
    "too_large": f"is over {PAGE_MAX_BYTES // (1024 * 1024)} MB",
    "not_html": "is not an HTML page",
    "unreachable": "could not be reached",
}


class InputError(SidenoteError):
    """The input cannot be read: a missing file, a refused or failed fetch."""

    status = 400
    code = "bad_input"


@dataclass(frozen=True)
class Input:
    content: str  # HTML, or plain text with --text
    url: str | None  # the page's address, for relative links; None for a file without --url


def is_url(source: str) -> bool:
    return _SCHEME.match(source) is not None


def fetch_policy() -> FetchPolicy:
    allow = parse_allow(os.environ.get("SIDENOTE_FETCH_ALLOW", ""))
    return FetchPolicy(allow=allow)


def _page_policy() -> FetchPolicy:
    return replace(
        fetch_policy(), max_bytes=PAGE_MAX_BYTES, budget=PAGE_BUDGET_SECONDS, connect_timeout=PAGE_CONNECT_TIMEOUT
    )


def _decode_html(data: bytes, charset: str | None = None) -> str:
    if not data:
        return ""  # an empty page: no article, not an error
    # The declared charset first, then the page's own <meta>, then a guess:
    # as a browser would.
    dammit = UnicodeDammit(data, known_definite_encodings=[charset] if charset else [], is_html=True)
    if dammit.unicode_markup is None:
        raise InputError("the page's bytes could not be decoded as text")
    return dammit.unicode_markup


def _decode_text(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where} is not UTF-8 text (byte {exc.start})") from exc


def fetch(url: str) -> Input:
    match = _SCHEME.match(url)
    scheme = match.group(1).lower() if match else ""
    if scheme not in ("http", "https"):
        raise InputError(f"{url}: only http and https addresses can be fetched")
    got = fetch_html(url, _page_policy())
    if isinstance(got, FetchResult):
        reason = _FAILURES.get(got.status, got.status)
        if got.status == "http_error":
            reason = f"answered HTTP {got.http_status}" if got.http_status else "redirected too many times"
        raise InputError(f"{url} {reason}")
    return Input(_decode_html(got.content, got.charset), got.url)


def read(source: str, as_text: bool, url: str | None) -> Input:
    """The input named by ``source``: ``-`` (standard input), a URL, or a file."""
    if is_url(source):
        return fetch(source)
    if source == "-":
        data, where = sys.stdin.buffer.read(), "standard input"
    else:
        path = Path(source)
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise InputError(f"{source}: no such file") from exc
        except IsADirectoryError as exc:
            raise InputError(f"{source}: is a folder, not a file") from exc
        except OSError as exc:
            raise InputError(f"{source}: cannot be read ({exc.strerror or exc})") from exc
        where = source
    return Input(_decode_text(data, where) if as_text else _decode_html(data), url)

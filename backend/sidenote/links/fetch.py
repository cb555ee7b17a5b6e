"""Fetching the pages an article links to: safely, briefly, in parallel.

Used by ``/analyze`` when a request asks for ``follow_links`` and by nothing
else. Limits (shared/API.md): at most 10 links per article, 2 MB per page, 5
redirects, and 3 s for all links together; the caller never waits longer.

Safety (see :mod:`.safety`): every hop is checked before any connection,
redirects are followed here, one at a time, each checked like the first,
and the connection goes to the addresses that were checked: a
:class:`PinnedAdapter` gives urllib3 a connection that dials the checked IP
while the Host header, TLS SNI and certificate check keep using the name.
The session never reads proxies, ``.netrc`` or CA bundles from the
environment (``trust_env = False``): a proxy would resolve the name itself.

requests' timeouts bound each socket operation, not a whole download (a
server sending a byte a second never trips them), so the fetch also watches
one deadline between reads, and at that deadline the caller stops waiting
and shuts the sockets of any fetch still running, so no thread outlives the
budget by more than a DNS look-up.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable, Generator, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from email.message import Message
from typing import Any, TypeVar
from urllib.parse import urldefrag, urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.utils import DEFAULT_CA_BUNDLE_PATH, select_proxy
from urllib3 import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError
from urllib3.exceptions import HTTPError as U3Error
from urllib3.exceptions import TimeoutError as U3Timeout
from urllib3.util import connection as u3_connection

from ..doc import LinkStatus as Status
from .page import read_page
from .safety import DEFAULT_PORTS, AllowList, Refused, Resolver, Target, Unresolvable, check_url, system_resolver

log = logging.getLogger(__name__)

# What a fetch's last hop is turned into: a FetchResult of the page's text
# (link following) or the whole Body (the command line).
_Read = TypeVar("_Read")

MAX_LINKS = 10
MAX_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 5
BUDGET_SECONDS = 3.0
# A host that has not answered the TCP handshake in 2 s rarely will; the
# rest of the budget is left for reading.
CONNECT_TIMEOUT = 2.0
# Small chunks: a compressed body is counted as it is decompressed (urllib3
# inflates at most this much per read), so a "zip bomb" stops a chunk past
# the limit, not after inflating.
CHUNK = 16 * 1024
USER_AGENT = "Sidenote/1 (news-reading companion; checks that a quotation is on the page an article links to)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Statuses that come from the linked server: a second analysis within the
# TTL reuses them and contacts nobody. A refusal is decided here, afresh.
CACHEABLE: frozenset[str] = frozenset(
    {"ok", "timeout", "too_large", "not_html", "http_error", "unreachable"}
)


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: Status
    http_status: int | None = None
    title: str | None = None
    text: str | None = None  # the page's text in compare.comparable form ("ok" only)
    conclusive: bool = False  # may a quotation's absence from ``text`` be reported?
    fetched_at: float = 0.0  # time.time() when fetched; the cache's expiry counts from it


@dataclass(frozen=True)
class FetchPolicy:
    allow: AllowList = frozenset()
    max_links: int = MAX_LINKS
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS
    budget: float = BUDGET_SECONDS
    connect_timeout: float = CONNECT_TIMEOUT
    user_agent: str = USER_AGENT
    ca_bundle: str | None = None  # None: requests' bundle (certifi); tests pass a local CA
    resolve: Resolver = field(default=system_resolver, compare=False)


# --- connections that dial the checked address --------------------------------


class Sockets:
    """The sockets one fetch opened, so that the caller can cut them when the
    budget ends: a thread blocked reading a server that sends a byte now and
    then (even inside its headers) then wakes at once instead of lingering."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self._cut = False

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.append(sock)
            if self._cut:
                _shut(sock)

    def cut(self) -> None:
        with self._lock:
            self._cut = True
            for sock in self._open:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


class _PinnedMixin:
    """Connect to the checked addresses only; ``self.host`` (the name) still
    goes into the Host header, SNI and the certificate check."""

    host: str
    port: int
    timeout: Any
    source_address: Any
    socket_options: Any

    def __init__(self, *args: Any, pinned: tuple[str, ...], sockets: Sockets, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pinned = pinned
        self._sockets = sockets

    def _new_conn(self) -> socket.socket:
        error: OSError | None = None
        for address in self._pinned:
            try:
                # An IP literal: create_connection's getaddrinfo does no DNS here.
                sock = u3_connection.create_connection(
                    (address, self.port),
                    self.timeout,
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
                self._sockets.add(sock)
                return sock
            except TimeoutError as exc:
                raise ConnectTimeoutError(
                    self, f"Connection to {self.host} ({address}) timed out."
                ) from exc
            except OSError as exc:
                error = exc
        raise NewConnectionError(self, f"Failed to establish a new connection: {error}")  # type: ignore[arg-type]


class _PinnedHTTPConnection(_PinnedMixin, HTTPConnection):
    pass


class _PinnedHTTPSConnection(_PinnedMixin, HTTPSConnection):
    pass


class _PinnedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _PinnedHTTPConnection


class _PinnedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _PinnedHTTPSConnection


class PinnedAdapter(HTTPAdapter):
    """A transport adapter that connects only where :meth:`pin` said.

    A request for a host:port that was not pinned is refused, so nothing can
    reach the network without having passed :func:`.safety.check_url`."""

    def __init__(self, ca_bundle: str | None = None, sockets: Sockets | None = None) -> None:
        self.sockets = sockets or Sockets()
        self._pins: dict[tuple[str, str, int], tuple[str, ...]] = {}
        self._pools: dict[tuple[str, str, int, tuple[str, ...]], HTTPConnectionPool] = {}
        self._ca_bundle = ca_bundle or DEFAULT_CA_BUNDLE_PATH
        super().__init__(pool_connections=1, pool_maxsize=1, max_retries=0)

    def pin(self, target: Target) -> None:
        self._pins[(target.scheme, target.host, target.port)] = target.addresses

    def get_connection_with_tls_context(
        self,
        request: requests.PreparedRequest,
        verify: Any,
        proxies: dict[str, str] | None = None,
        cert: Any = None,
    ) -> HTTPConnectionPool:
        url = str(request.url)
        if select_proxy(url, proxies or {}):
            raise Refused("a proxy would resolve the host itself; none is ever used")
        parts = urlsplit(url)
        scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
        port = parts.port or DEFAULT_PORTS.get(scheme, 0)
        pinned = self._pins.get((scheme, host, port))
        if not pinned:
            raise Refused(f"{host}:{port} was not checked before connecting")
        key = (scheme, host, port, pinned)
        pool = self._pools.get(key)
        if pool is None:
            if scheme == "https":
                # Always verified, whatever ``verify`` says: certificates are
                # checked against the name, over the pinned connection.
                pool = _PinnedHTTPSPool(
                    host,
                    port,
                    maxsize=1,
                    pinned=pinned,
                    sockets=self.sockets,
                    cert_reqs="CERT_REQUIRED",
                    ca_certs=self._ca_bundle,
                )
            else:
                pool = _PinnedHTTPPool(host, port, maxsize=1, pinned=pinned, sockets=self.sockets)
            self._pools[key] = pool
        return pool

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        # requests would set the pool's CA bundle from ``verify`` here; the
        # pool already verifies against ours, and nothing may turn that off.
        return None

    def get_connection(self, url: str, proxies: dict[str, str] | None = None) -> HTTPConnectionPool:
        raise Refused("the deprecated connection path is not used")

    def close(self) -> None:
        super().close()
        for pool in self._pools.values():
            pool.close()
        self._pools.clear()


class _Session(requests.Session):
    """A session that leaves redirects to :func:`_fetch`.

    Even with ``allow_redirects=False``, ``Session.send`` runs
    ``resolve_redirects`` once to prepare ``Response.next``, and that reads
    the redirect response's whole body (``resp.content``) with no size limit.
    A hostile server could stream gigabytes there; we never read it."""

    def resolve_redirects(self, resp: Any, req: Any, *args: Any, **kwargs: Any) -> Generator[Any, None, None]:
        yield from ()


def _session(policy: FetchPolicy, sockets: Sockets | None = None) -> tuple[requests.Session, PinnedAdapter]:
    session = _Session()
    session.trust_env = False
    session.headers.update(
        {
            "User-Agent": policy.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Language": "en;q=1.0, *;q=0.5",
        }
    )
    adapter = PinnedAdapter(policy.ca_bundle, sockets)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session, adapter


# --- one link ---------------------------------------------------------------------


def _is_timeout(exc: BaseException | None, depth: int = 0) -> bool:
    """Did ``exc`` come from running out of time (as opposed to a refused
    connection, a reset, a TLS failure)?"""
    if exc is None or depth > 6:
        return False
    if isinstance(exc, requests.Timeout):
        return True
    if isinstance(exc, NewConnectionError):
        # urllib3 derives it from ConnectTimeoutError for history's sake;
        # it is a failed connection, timed out only if its cause was.
        return _is_timeout(exc.__cause__, depth + 1)
    if isinstance(exc, (U3Timeout, TimeoutError)):
        return True
    if isinstance(exc, MaxRetryError):
        return _is_timeout(exc.reason, depth + 1)
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
    return _is_timeout(inner or exc.__cause__, depth + 1)


def _media_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    message = Message()
    message["content-type"] = header
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


def _looks_like_html(head: bytes) -> bool:
    start = head[:1024].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in start


def _limit_socket(response: requests.Response, deadline: float) -> None:
    """Make the next socket read give up at the deadline, not a full read
    timeout later, so no thread outlives the budget by much."""
    sock = getattr(getattr(response.raw, "connection", None), "sock", None)
    if sock is not None:
        try:
            sock.settimeout(max(0.05, deadline - time.monotonic()))
        except OSError:
            pass


@dataclass(frozen=True)
class Body:
    """A page read whole, within the limits (:func:`fetch_html`)."""

    url: str  # the final address, after redirects
    http_status: int
    content: bytes
    charset: str | None  # from Content-Type, when it named one


def _download(url: str, response: requests.Response, policy: FetchPolicy, deadline: float) -> FetchResult | Body:
    """The body of an HTML answer, read within the limits; else the failure."""
    status = response.status_code
    if not 200 <= status < 300:
        return FetchResult(url, "http_error", status)
    media, charset = _media_type(response.headers.get("content-type"))
    if media is not None and media not in HTML_TYPES:
        return FetchResult(url, "not_html", status)
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > policy.max_bytes:
        return FetchResult(url, "too_large", status)

    body = bytearray()
    try:
        while True:
            if time.monotonic() >= deadline:
                return FetchResult(url, "timeout", status)
            _limit_socket(response, deadline)
            # read1: whatever has arrived, at most CHUNK decoded bytes. A
            # full read(CHUNK) would wait for CHUNK bytes, and a server
            # sending one byte at a time would hold it far past the deadline.
            chunk = response.raw.read1(CHUNK, decode_content=True)
            if not chunk:
                break
            body.extend(chunk)
            if len(body) > policy.max_bytes:
                return FetchResult(url, "too_large", status)
    except (requests.RequestException, U3Error, OSError) as exc:
        return FetchResult(url, "timeout" if _is_timeout(exc) else "unreachable", status)
    if media is None and not _looks_like_html(bytes(body[:1024])):
        return FetchResult(url, "not_html", status)
    return Body(str(response.url), status, bytes(body), charset)


def _read(url: str, response: requests.Response, policy: FetchPolicy, deadline: float) -> FetchResult:
    got = _download(url, response, policy, deadline)
    if isinstance(got, FetchResult):
        return got
    page = read_page(got.content, got.url, got.charset)
    return FetchResult(url, "ok", got.http_status, page.title, page.text, page.conclusive)


def fetch_one(url: str, policy: FetchPolicy, deadline: float, sockets: Sockets | None = None) -> FetchResult:
    """Fetch ``url`` (redirects followed here, each hop checked) before
    ``deadline`` (``time.monotonic()``). Never raises. ``sockets`` collects
    its connections, for the caller to cut."""
    try:
        result = _fetch(url, policy, deadline, sockets, _read)
    except Exception:  # one odd link must not fail the analysis
        log.exception("fetching a linked page failed")
        result = FetchResult(url, "unreachable")
    return replace(result, fetched_at=time.time())


def fetch_html(url: str, policy: FetchPolicy) -> FetchResult | Body:
    """One page read whole, within ``policy.budget`` seconds, with every check
    link following makes (public addresses only, each redirect checked,
    pinned connections, size limit): the ``sidenote`` command's way to open
    an article. A :class:`FetchResult` says why it could not be had."""
    deadline = time.monotonic() + policy.budget
    try:
        return _fetch(url, policy, deadline, None, _download)
    except Exception:  # reported as a failed fetch, like any other
        log.exception("fetching a page failed")
        return FetchResult(url, "unreachable")


def _fetch(
    url: str,
    policy: FetchPolicy,
    deadline: float,
    sockets: Sockets | None,
    read: Callable[[str, requests.Response, FetchPolicy, float], _Read],
) -> FetchResult | _Read:
    session, adapter = _session(policy, sockets)
    with session:
        current = url
        last_status: int | None = None
        for _hop in range(policy.max_redirects + 1):
            try:
                prepared = session.prepare_request(requests.Request("GET", current))
                # Checked in the form requests will send (IDNA host, quoted path).
                adapter.pin(check_url(str(prepared.url), policy.allow, policy.resolve))
            except (Refused, requests.RequestException, ValueError):
                return FetchResult(url, "refused")
            except Unresolvable:
                return FetchResult(url, "unreachable")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return FetchResult(url, "timeout")
            try:
                response = session.send(
                    prepared,
                    allow_redirects=False,
                    stream=True,
                    timeout=(min(policy.connect_timeout, remaining), remaining),
                )
            except Refused:
                return FetchResult(url, "refused")
            except requests.RequestException as exc:
                return FetchResult(url, "timeout" if _is_timeout(exc) else "unreachable")
            with response:
                last_status = response.status_code
                target = session.get_redirect_target(response) if response.is_redirect else None
                if target is None:
                    try:
                        return read(url, response, policy, deadline)
                    except Exception:  # noqa: BLE001 - a page we cannot read is a failed fetch, never a 500
                        return FetchResult(url, "unreachable", last_status)
            current = urldefrag(urljoin(str(response.url), target)).url
        return FetchResult(url, "http_error", last_status)  # more than max_redirects


# --- many links, one budget -------------------------------------------------------


def fetch_all(urls: Sequence[str], policy: FetchPolicy) -> dict[str, FetchResult]:
    """Fetch ``urls`` in parallel; return within ``policy.budget`` seconds.
    A link still loading then is a ``timeout``: its sockets are shut and its
    thread is not waited for."""
    if not urls:
        return {}
    deadline = time.monotonic() + policy.budget
    pool = ThreadPoolExecutor(max_workers=len(urls), thread_name_prefix="sidenote-fetch")
    sockets = {u: Sockets() for u in urls}
    futures: dict[Future[FetchResult], str] = {
        pool.submit(fetch_one, u, policy, deadline, sockets[u]): u for u in urls
    }
    done, pending = wait(futures, timeout=max(0.0, deadline - time.monotonic()))
    for future in pending:
        sockets[futures[future]].cut()
    pool.shutdown(wait=False, cancel_futures=True)
    results: dict[str, FetchResult] = {}
    now = time.time()
    for future, u in futures.items():
        if future in done and future.exception() is None:
            results[u] = future.result()
        else:
            results[u] = FetchResult(u, "timeout", fetched_at=now)
    return results


def cacheable(results: Iterable[FetchResult]) -> list[FetchResult]:
    return [r for r in results if r.status in CACHEABLE]

"""Which addresses a linked page may be fetched from (SSRF prevention).

An article's HTML is input from anyone, so its links are too: a link may
point at the backend's own machine (``127.0.0.1``, ``[::1]``), at the local
network, or at a cloud metadata service (``169.254.169.254``). Following
OWASP's SSRF prevention cheat sheet (the case of an application that must
reach ANY public host), every hop of every fetch is checked here first:

- only ``http`` and ``https``, no user name or password in the address;
- an IP literal is taken apart by :mod:`ipaddress`, which accepts only the
  canonical forms; any other numeric spelling (``2130706433``,
  ``0177.0.0.1``, ``0x7f.1``, ``127.1``) is refused outright, because the C
  resolver would read it as an address we never checked;
- a name must be a well-formed host name, and EVERY address it resolves to
  (A and AAAA) must be public: one private record refuses the host;
- public means not loopback, private, link-local, multicast, reserved,
  unspecified or site-local in :mod:`ipaddress`'s tables, not in
  ``data/links/blocked_networks.txt``, and, for IPv6 forms that carry an
  IPv4 address (mapped, NAT64, 6to4, Teredo), the same for that address.

The checked addresses are returned in a :class:`Target`; the fetcher connects
to them and to nothing else (no second resolution: DNS rebinding).
``SIDENOTE_FETCH_ALLOW`` names exact ``host:port`` pairs that skip the
public-address rule (local test servers, intranets); they are still resolved
once and pinned like any other host.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from ..errors import SidenoteError
from ..lexicon import load_lines

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]
AllowList = frozenset[tuple[str, int]]

DEFAULT_PORTS = {"http": 80, "https": 443}

# A DNS host name: dot-separated labels of letters, digits, hyphens (and the
# underscores some real hosts carry), at most 253 characters. Anything else
# (percent signs, spaces, brackets) is not sent to the resolver at all.
_HOSTNAME = re.compile(
    r"(?=.{1,253}\.?$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*"
    r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.?"
)
# A label the C resolver's inet_aton would read as a number (decimal, octal
# with a leading 0, hexadecimal with 0x).
_NUMERIC_LABEL = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)", re.IGNORECASE)

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class Refused(SidenoteError):
    """The address may not be fetched: Sidenote never contacts it."""


class Unresolvable(SidenoteError):
    """The host name has no address (or the resolver failed)."""


class SettingError(SidenoteError):
    """A setting (``SIDENOTE_FETCH_ALLOW``) is malformed; raised at start-up."""


@dataclass(frozen=True)
class Target:
    """One checked hop: where to connect, and what to say in Host and SNI."""

    scheme: str
    host: str  # lower case, IPv6 without brackets; goes into Host and SNI
    port: int
    addresses: tuple[str, ...]  # every one checked; the connection uses these only


@cache
def _blocked_networks() -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(line.split()[0]) for line in load_lines("links/blocked_networks.txt"))


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries, which a connection may reach."""
    found = [a for a in (ip.ipv4_mapped, ip.sixtofour) if a is not None]
    if ip.teredo is not None:
        found.extend(ip.teredo)
    if ip in _NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def is_public(ip: IPAddress) -> bool:
    """May a fetch connect to ``ip``? Only to a globally routed unicast address."""
    if (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    ):
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.is_site_local or ip.scope_id:
            return False
        if not all(is_public(v4) for v4 in _embedded_ipv4(ip)):
            return False
    return not any(ip.version == net.version and ip in net for net in _blocked_networks())


def parse_allow(value: str) -> AllowList:
    """``"127.0.0.1:8000, [::1]:9000"`` -> {("127.0.0.1", 8000), ("::1", 9000)}.

    Exact pairs only, no patterns and no default port, so a setting cannot
    open more than it names."""
    pairs: set[tuple[str, int]] = set()
    for raw in value.split(","):
        entry = raw.strip()
        if not entry:
            continue
        try:
            parts = urlsplit("//" + entry)
            host, port = parts.hostname, parts.port
        except ValueError:
            host, port = None, None
        if not host or port is None or parts.path or parts.username is not None:
            raise SettingError(
                f"SIDENOTE_FETCH_ALLOW: {entry!r} is not a host:port pair "
                "(write e.g. 127.0.0.1:8000 or [::1]:8000, comma-separated)."
            )
        pairs.add((host.lower(), port))
    return frozenset(pairs)


def system_resolver(host: str, port: int) -> list[str]:
    """Every address (A and AAAA) of ``host``, in the resolver's order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Unresolvable(f"{host} does not resolve ({exc})") from exc
    seen: list[str] = []
    for family, _, _, _, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6) and sockaddr[0] not in seen:
            seen.append(str(sockaddr[0]))
    return seen


def _ip_literal(host: str) -> IPAddress | None:
    """The address ``host`` spells, if it is an IP literal. Raises
    :class:`Refused` for numbers in any non-canonical spelling."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    labels = host.rstrip(".").split(".")
    # As in the WHATWG URL standard, a host whose last label is a number is
    # an IPv4 address; ipaddress refused it, so it is an odd spelling of one
    # (decimal integer, octal, hex, short form).
    if _NUMERIC_LABEL.fullmatch(labels[-1]):
        raise Refused(f"the host {host!r} is a number, not a canonical IP address or a name")
    return None


def check_url(url: str, allow: AllowList = frozenset(), resolve: Resolver = system_resolver) -> Target:
    """The :class:`Target` ``url`` may be fetched from, or :class:`Refused`
    (never to be contacted) or :class:`Unresolvable`."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise Refused(f"not a valid address: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise Refused(f"only http and https links are followed, not {scheme or 'this'}")
    if parts.username is not None or parts.password is not None:
        raise Refused("addresses with a user name or password are not followed")
    host = (parts.hostname or "").lower()
    if not host:
        raise Refused("the address has no host")
    port = port or DEFAULT_PORTS[scheme]
    allowed = (host, port) in allow

    literal = _ip_literal(host)
    if literal is not None:
        if not allowed and not is_public(literal):
            raise Refused(f"{literal} is not a public address")
        return Target(scheme, host, port, (str(literal),))

    if not _HOSTNAME.fullmatch(host):
        raise Refused(f"{host!r} is not a valid host name")
    addresses: list[IPAddress] = []
    for raw in resolve(host, port):
        try:
            addresses.append(ipaddress.ip_address(raw))
        except ValueError as exc:
            raise Refused(f"{host} resolved to {raw!r}, not an address") from exc
    if not addresses:
        raise Unresolvable(f"{host} has no address")
    if not allowed:
        for ip in addresses:
            if not is_public(ip):
                # One private record is enough: which record a client would
                # use is not ours to predict.
                raise Refused(f"{host} resolves to {ip}, which is not a public address")
    return Target(scheme, host, port, tuple(str(ip) for ip in addresses))

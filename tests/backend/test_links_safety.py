"""Which addresses a linked page may be fetched from (sidenote/links/safety.py).

No network here: names are resolved by a fake resolver that records every
question, so a test can also prove a refused address was never even looked up.
"""

from __future__ import annotations

import ipaddress

import pytest

from sidenote import _from_environment, create_app
from sidenote.links.safety import (
    Refused,
    SettingError,
    Unresolvable,
    check_url,
    is_public,
    parse_allow,
)


class FakeResolver:
    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = answers
        self.asked: list[tuple[str, int]] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append((host, port))
        if host not in self.answers:
            raise Unresolvable(f"{host} does not resolve")
        return self.answers[host]


NOT_PUBLIC = [
    "127.0.0.1", "127.255.255.254", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
    "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "192.0.0.8", "192.0.2.1",
    "198.18.0.1", "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1",
    "255.255.255.255",
    "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "ff05::2",
    "2001:db8::1", "100::1",
    "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1",  # IPv4-mapped
    "::127.0.0.1",  # IPv4-compatible
    "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe",  # NAT64 of 127.0.0.1, 169.254.169.254
    "64:ff9b:1::1",  # local-use translation
    "2002:7f00:1::1", "2002:a9fe:a9fe::1",  # 6to4 carrying 127.0.0.1, 169.254.169.254
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo
]
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.215.14", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"]


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_non_public_addresses_are_not_public(address):
    assert is_public(ipaddress.ip_address(address)) is False


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_public(address):
    assert is_public(ipaddress.ip_address(address)) is True


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5:8080/admin",
        "http://[::1]:8765/api/v1/health",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[0:0:0:0:0:0:0:1]/",
        "http://[fe80::1%25eth0]/",
        "http://[64:ff9b::7f00:1]/",
        "http://0.0.0.0:8765/",
        "http://224.0.0.251/",
        "http://[ff02::1]/",
    ],
)
def test_ip_literals_that_are_not_public_are_refused_without_a_lookup(url):
    resolve = FakeResolver({})
    with pytest.raises(Refused):
        check_url(url, resolve=resolve)
    assert resolve.asked == []


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",  # 127.0.0.1 as a decimal integer
        "http://2130706433:8765/",
        "http://2852039166/",  # 169.254.169.254 as a decimal integer
        "http://0177.0.0.1/",  # octal
        "http://017700000001/",  # octal integer
        "http://0x7f000001/",  # hexadecimal integer
        "http://0x7f.0.0.1/",  # hexadecimal label
        "http://127.1/",  # short form
        "http://0/",
        "http://1.2.3.04/",  # a leading zero: octal to the C resolver
        "http://134744072/",  # 8.8.8.8 as an integer: odd spellings are refused, public or not
    ],
)
def test_numbers_in_non_canonical_spellings_are_refused_without_a_lookup(url):
    resolve = FakeResolver({})
    with pytest.raises(Refused):
        check_url(url, resolve=resolve)
    assert resolve.asked == []


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/file",
        "file:///etc/passwd",
        "gopher://example.com:70/",
        "javascript:alert(1)",
        "data:text/html,hi",
        "//example.com/no-scheme",
        "http://user:secret@example.com/",
        "http://example.com@127.0.0.1/",
        "http://exa mple.com/",
        "http://%31%32%37.0.0.1/",
        "http:///no-host",
        "http://example.com:99999/",
    ],
)
def test_other_schemes_credentials_and_malformed_hosts_are_refused(url):
    resolve = FakeResolver({"example.com": ["93.184.215.14"]})
    with pytest.raises(Refused):
        check_url(url, resolve=resolve)
    assert resolve.asked == []


def test_a_name_is_refused_when_any_of_its_addresses_is_not_public():
    resolve = FakeResolver(
        {
            "inside.example": ["10.0.0.7"],
            "mixed.example": ["93.184.215.14", "127.0.0.1"],
            "metadata.example": ["169.254.169.254"],
            "six.example": ["::1"],
        }
    )
    for host in ("inside.example", "mixed.example", "metadata.example", "six.example"):
        with pytest.raises(Refused):
            check_url(f"https://{host}/statement", resolve=resolve)


def test_localhost_is_refused_through_the_system_resolver():
    with pytest.raises(Refused):
        check_url("http://localhost:8765/")


def test_a_public_name_gives_every_checked_address_to_connect_to():
    resolve = FakeResolver({"news.example": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"]})
    target = check_url("https://News.Example/story?id=1", resolve=resolve)
    assert (target.scheme, target.host, target.port) == ("https", "news.example", 443)
    assert target.addresses == ("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")
    assert resolve.asked == [("news.example", 443)]


def test_a_name_that_does_not_resolve_is_unresolvable_not_refused():
    with pytest.raises(Unresolvable):
        check_url("http://nowhere.example/", resolve=FakeResolver({}))


def test_the_allow_list_lets_exact_host_port_pairs_through_and_nothing_else():
    allow = parse_allow("127.0.0.1:8000, localhost:9000, [::1]:7000")
    assert allow == frozenset({("127.0.0.1", 8000), ("localhost", 9000), ("::1", 7000)})
    resolve = FakeResolver({"localhost": ["127.0.0.1"]})

    assert check_url("http://127.0.0.1:8000/x", allow, resolve).addresses == ("127.0.0.1",)
    assert check_url("http://[::1]:7000/x", allow, resolve).addresses == ("::1",)
    assert check_url("http://LOCALHOST:9000/", allow, resolve).addresses == ("127.0.0.1",)
    for url in (
        "http://127.0.0.1:8001/",  # another port
        "http://127.0.0.1/",  # the default port is not 8000
        "http://2130706433:8000/",  # the same address, spelled as a number
        "http://localhost:8000/",  # the same address, by name
        "http://[::1]:8000/",
        "http://169.254.169.254:8000/",
    ):
        with pytest.raises(Refused):
            check_url(url, allow, resolve)


@pytest.mark.parametrize("bad", ["127.0.0.1", "localhost:", "http://127.0.0.1:80", ":80", "a:b", "::1:80"])
def test_a_malformed_allow_list_is_an_error_that_says_how_to_write_it(bad):
    with pytest.raises(SettingError, match="host:port"):
        parse_allow(bad)
    with pytest.raises(SettingError):
        create_app({"TESTING": True, "REDIS_URL": None, "FETCH_ALLOW": bad})


def test_both_settings_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("SIDENOTE_FETCH_ALLOW", "127.0.0.1:8000,[::1]:8001")
    monkeypatch.setenv("SIDENOTE_FETCH_TTL", "120")
    found = _from_environment()
    assert found["FETCH_ALLOW"] == "127.0.0.1:8000,[::1]:8001"
    assert found["FETCH_TTL"] == 120

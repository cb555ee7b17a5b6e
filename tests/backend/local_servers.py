"""Loopback web servers for the follow_links tests: every "linked page" the
tests fetch is served here, on 127.0.0.1 (or ::1), and each server counts
the TCP connections it accepted, so a test can prove one was never contacted.
"""

from __future__ import annotations

import gzip
import socket
import ssl
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FILLER = " ".join(
    ["The ministry published its annual report on public finances, with tables and notes."] * 8
)


def page(*paragraphs: str, title: str = "A linked page", lang: str = "en", head: str = "") -> bytes:
    """An ordinary article page: enough visible prose to be read in full."""
    body = "".join(f"<p>{p}</p>" for p in (FILLER, *paragraphs))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
        f"<body><article>{body}</article><script>var hidden = 'words only a script holds';</script></body></html>"
    ).encode()


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    drip: float = 0.0  # seconds between body bytes (no Content-Length)
    length: bool = True  # send Content-Length
    stream: int = 0  # send this many bytes of filler in chunks, no Content-Length
    drip_headers: float = 0.0  # seconds between the bytes of a long header
    chunked: bool = False  # Transfer-Encoding: chunked
    gzip: bool = False  # Content-Encoding: gzip (body compressed here)


class LocalServer:
    def __init__(self, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.connections = 0
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.sni: list[str | None] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self) -> None:  # (http.server's naming)
                owner.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = owner.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                if route.delay:
                    time.sleep(route.delay)
                body = gzip.compress(route.body) if route.gzip else route.body
                try:
                    if route.drip_headers:
                        self.wfile.write(b"HTTP/1.0 200 OK\r\nX-Slow: ")
                        for _ in range(200):
                            self.wfile.write(b"x")
                            self.wfile.flush()
                            time.sleep(route.drip_headers)
                        return
                    if route.chunked:
                        self.protocol_version = "HTTP/1.1"
                    self.send_response(route.status)
                    if route.content_type:
                        self.send_header("Content-Type", route.content_type)
                    for k, v in route.headers.items():
                        self.send_header(k, v)
                    if route.gzip:
                        self.send_header("Content-Encoding", "gzip")
                    if route.chunked:
                        self.send_header("Transfer-Encoding", "chunked")
                        self.send_header("Connection", "close")
                    elif route.length and not route.drip and not route.stream:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if route.chunked:
                        for i in range(0, len(body), 1000):
                            part = body[i : i + 1000]
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                        self.wfile.write(b"0\r\n\r\n")
                        return
                    if route.drip:
                        for byte in route.body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(route.drip)
                    elif route.stream:
                        chunk = b"<p>" + b"x" * 65530 + b"</p>"
                        sent = 0
                        while sent < route.stream:
                            self.wfile.write(chunk)
                            sent += len(chunk)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                    pass  # the client gave up: that is what some tests expect

            def log_message(self, *args: object) -> None:
                pass

        family = socket.AF_INET6 if ":" in host else socket.AF_INET

        class Server(ThreadingHTTPServer):
            address_family = family
            daemon_threads = True

            def verify_request(self, request: object, client_address: object) -> bool:
                owner.connections += 1
                return True

        self.server = Server((host, 0), Handler)
        if tls is not None:
            tls.sni_callback = lambda sock, name, ctx: self.sni.append(name)
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.tls = tls is not None
        self.host = host
        self.port = int(self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def hostport(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    def url(self, path: str, host: str | None = None) -> str:
        scheme = "https" if self.tls else "http"
        where = f"{host}:{self.port}" if host else self.hostport
        return f"{scheme}://{where}{path}"

    def route(self, path: str, body: bytes = b"", **kwargs: object) -> str:
        self.routes[path] = Route(body=body, **kwargs)  # type: ignore[arg-type]
        return self.url(path)

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def self_signed(tmp: Path, name: str) -> tuple[Path, Path]:
    """A certificate for ``name`` (and its key), made with the openssl tool."""
    cert, key = tmp / f"{name}.crt", tmp / f"{name}.key"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def tls_server(cert: Path, key: Path) -> LocalServer:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    return LocalServer(tls=ctx)


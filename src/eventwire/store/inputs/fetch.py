"""Fetching a URL without letting a page or a feed turn eventwire against the user's own network.

- only http and https;
- the host is resolved once and every address it resolves to must be public (no private, loopback,
  link-local, multicast or reserved address) unless the user allows private addresses; the connection goes
  to the address that was checked, so a second DNS answer cannot swap it; each redirect is checked again;
- one deadline for the whole fetch (connection, redirects, body), and a cap on the body size;
- no compression (`Accept-Encoding: identity`), so the cap is on the bytes that are kept.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from eventwire import __version__

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,"
    "text/xml;q=0.9,*/*;q=0.5"
)


class FetchError(Exception):
    """The URL was not fetched; the message says why."""


@dataclass(frozen=True)
class FetchPolicy:
    allow_private: bool = False  # private, loopback and link-local addresses too (a local server, an intranet)
    timeout: float = DEFAULT_TIMEOUT  # seconds for the whole fetch, redirects included
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str  # lower case, without parameters; "" when the server gives none
    body: bytes


def is_url(arg: str) -> bool:
    return arg.lower().startswith(("http://", "https://"))


def fetch(url: str, policy: FetchPolicy) -> Fetched:
    deadline = time.monotonic() + policy.timeout
    for _ in range(policy.max_redirects + 1):
        conn, path = _connect(url, policy, deadline)
        try:
            conn.request(
                "GET",
                path,
                headers={
                    "User-Agent": f"eventwire/{__version__}",
                    "Accept": _ACCEPT,
                    "Accept-Encoding": "identity",
                },
            )
            response = conn.getresponse()
            if response.status in _REDIRECTS and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location", ""))
                continue
            if response.status != 200:
                raise FetchError(f"HTTP {response.status} {response.reason}".strip())
            body = _read_body(response, conn, policy, deadline)
            content_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
            return Fetched(url, content_type, body)
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(_describe(exc, deadline)) from exc
        finally:
            conn.close()
    raise FetchError(f"more than {policy.max_redirects} redirects")


def check_address(host: str, port: int, policy: FetchPolicy) -> str:
    """The address to connect to for `host`; FetchError when it is not one the policy allows."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise FetchError(f"cannot resolve {host}: {exc.strerror or exc}") from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise FetchError(f"cannot resolve {host}")
    if not policy.allow_private:
        for address in addresses:
            if not _public(address):
                raise FetchError(
                    f"{host} is {address}, a private, loopback or link-local address: not fetched "
                    "(--allow-private allows it)"
                )
    return str(addresses[0])


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _connect(url: str, policy: FetchPolicy, deadline: float) -> tuple[http.client.HTTPConnection, str]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {url!r}")
    if not parts.hostname:
        raise FetchError(f"no host in {url!r}")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"bad port in {url!r}") from exc
    address = check_address(parts.hostname, port, policy)
    timeout = _remaining(deadline)
    if scheme == "https":
        conn: http.client.HTTPConnection = _PinnedHTTPS(parts.hostname, port, address, timeout)
    else:
        conn = _PinnedHTTP(parts.hostname, port, address, timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return conn, path


class _PinnedHTTP(http.client.HTTPConnection):
    """Talks to `host` (Host header) at the address that was checked."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """TLS to the checked address, with the certificate verified for `host`."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)


def _read_body(
    response: http.client.HTTPResponse, conn: http.client.HTTPConnection, policy: FetchPolicy, deadline: float
) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(f"larger than {policy.max_bytes} bytes ({declared}); not fetched")
    chunks: list[bytes] = []
    size = 0
    while True:
        if conn.sock is not None:
            conn.sock.settimeout(_remaining(deadline))
        chunk = response.read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchError(f"larger than {policy.max_bytes} bytes; not fetched")
        chunks.append(chunk)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError("timed out")
    return left


def _describe(exc: Exception, deadline: float) -> str:
    if isinstance(exc, TimeoutError | socket.timeout) or time.monotonic() >= deadline:
        return "timed out"
    return str(exc) or type(exc).__name__

"""Fetching a web page safely: http(s) only, time and size limits, robots.txt, an SSRF guard.

Why each limit: a URL given to Tidings (or found in a feed) is untrusted. It may point at the
machine's own services or the cloud metadata endpoint (SSRF), stall forever, or send a body,
or a gzip bomb, that fills memory. So:

* only ``http`` and ``https``; proxies from the environment are ignored (``trust_env=False``),
  since a proxy would make the address check meaningless;
* redirects are followed by hand (at most `max_redirects`), and every hop is checked;
* every host is resolved and **all** its addresses must pass `check_address`: loopback, private,
  link-local, shared (CGNAT), multicast, reserved and unspecified addresses are refused unless
  ``allow_private``; cloud-metadata addresses are refused even then, unless ``allow_metadata``
  (a separate, explicit flag: ``allow_private`` is for testing against a local server and should
  not also open the credentials endpoint of the machine running the tests);
* the check is **pinned**: the connection is made by a network backend that resolves the host,
  checks the addresses and connects to the checked address itself, so a DNS answer that changes
  between check and connect (DNS rebinding) cannot slip a private address in; TLS still verifies
  the certificate against the URL's host name;
* connect and read timeouts (`timeout`) plus a total `deadline` for the whole fetch (default
  3 x `timeout`, checked as data arrives, so the worst case is `deadline` + one `timeout`), so a
  server that trickles one byte per second cannot hold a worker;
* the body is streamed raw and decompressed here with a bounded output size, so neither the
  transferred nor the decoded size can pass `max_bytes`;
* robots.txt is honoured by default (RFC 9309: a 4xx robots.txt allows everything; an
  unreachable one, 5xx or network error, disallows everything for now, as a transient error).
"""

from __future__ import annotations

import ipaddress
import re
import socket
import ssl
import time
import urllib.robotparser
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpcore
import httpx

from tidings.errors import InputError
from tidings.model import Article
from tidings.version import __version__

__all__ = [
    "METADATA_ADDRESSES",
    "USER_AGENT",
    "FetchError",
    "FetchResult",
    "Fetcher",
    "check_address",
    "content_type",
    "fetch",
    "fetch_article",
]

USER_AGENT = f"Tidings/{__version__} (news event extraction; python-httpx)"
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200")
)
"""Cloud instance-metadata endpoints (AWS/GCP/Azure/OpenStack, AWS ECS, AWS IPv6, Alibaba)."""

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SHARED = ipaddress.ip_network("100.64.0.0/10")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ROBOTS_MAX_BYTES = 500_000


class FetchError(InputError):
    """A URL could not be fetched; `transient` when a retry may succeed (timeouts, 5xx)."""

    def __init__(
        self, source: str, reason: str, *, transient: bool = False, status: int | None = None
    ) -> None:
        super().__init__(source, reason)
        self.transient = transient
        self.status = status


@dataclass
class FetchResult:
    """A fetched response: `content` is the decoded body (empty for a 304)."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    content: bytes
    redirects: list[str] = field(default_factory=list)


def check_address(
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address,
    *,
    allow_private: bool = False,
    allow_metadata: bool = False,
) -> str | None:
    """Why `ip` may not be fetched from, or None when it may."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if ip in METADATA_ADDRESSES and not allow_metadata:
        return "a cloud metadata address"
    if ip.is_unspecified:
        return "an unspecified address"  # 0.0.0.0 reaches the local host on Linux
    if ip.is_multicast:
        return "a multicast address"
    if allow_private or ip.is_global:
        return None
    if ip.version == 4 and ip in _SHARED:
        return "a shared (carrier-grade NAT) address"
    for kind in ("loopback", "link_local", "reserved", "private"):
        if getattr(ip, f"is_{kind}"):
            return f"a {kind.replace('_', '-')} address"
    return "not a globally routable address"


@dataclass(frozen=True)
class _Guard:
    allow_private: bool
    allow_metadata: bool

    def resolve(self, host: str, port: int, url: str) -> list[str]:
        """Every address of `host`, all checked; a refusal or a DNS failure is a FetchError."""
        host = host.strip("[]")
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            transient = exc.errno == socket.EAI_AGAIN
            raise FetchError(
                url, f"cannot resolve host {host!r}: {exc}", transient=transient
            ) from exc
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        for a in addresses:
            why = check_address(
                ipaddress.ip_address(a.split("%")[0]),
                allow_private=self.allow_private,
                allow_metadata=self.allow_metadata,
            )
            if why:
                hint = "" if self.allow_private or "metadata" in why else " (allow_private)"
                raise FetchError(url, f"refused: host {host!r} resolves to {a}, {why}{hint}")
        if not addresses:
            raise FetchError(url, f"host {host!r} has no address")
        return addresses


class _GuardedBackend(httpcore.NetworkBackend):
    """Connects only to addresses the guard approved, resolved here (pinned, not re-resolved)."""

    def __init__(self, guard: _Guard) -> None:
        self._guard = guard
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in self._guard.resolve(host, port, f"{host}:{port}"):
            try:
                return self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not allowed")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, guard: _Guard, ssl_context: ssl.SSLContext | None = None) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context or httpx.create_ssl_context(trust_env=False),
            network_backend=_GuardedBackend(guard),
            max_connections=10,
            keepalive_expiry=5.0,
        )


class _Decoder:
    """Content-Encoding decoding with a hard cap on the output, so a gzip bomb stops early."""

    def __init__(self, encoding: str, url: str, max_bytes: int) -> None:
        enc = encoding.strip().lower()
        self.url, self.max_bytes, self.size = url, max_bytes, 0
        self.parts: list[bytes] = []
        if enc in ("", "identity"):
            self._z = None
        elif enc in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self._z = zlib.decompressobj()
            self._raw_deflate_tried = False
        else:
            raise FetchError(url, f"unsupported Content-Encoding {encoding!r}")
        self.encoding = enc

    def _add(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.max_bytes:
            raise FetchError(self.url, f"body larger than {self.max_bytes:,} bytes (decoded)")
        self.parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if self._z is None:
            self._add(chunk)
            return
        data = chunk
        while data:
            try:
                out = self._z.decompress(data, self.max_bytes - self.size + 1)
            except zlib.error as exc:
                if self.encoding == "deflate" and not self.size and not self._raw_deflate_tried:
                    self._raw_deflate_tried = True  # some servers send raw deflate, no header
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise FetchError(self.url, f"corrupt {self.encoding} body: {exc}") from exc
            self._add(out)
            data = self._z.unconsumed_tail

    def finish(self) -> bytes:
        if self._z is not None:
            self._add(self._z.flush())
        return b"".join(self.parts)


class Fetcher:
    """Fetches URLs with one connection pool and one robots.txt cache (for a batch or a feed)."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        allow_metadata: bool = False,
        timeout: float = 10.0,
        deadline: float | None = None,
        max_bytes: int = 10_000_000,
        max_redirects: int = 5,
        respect_robots: bool = True,
        user_agent: str = USER_AGENT,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """`ssl_context` replaces the default verification (system CAs), e.g. a private CA."""
        self.guard = _Guard(allow_private, allow_metadata)
        self.timeout = timeout
        self.deadline = deadline if deadline is not None else 3 * timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.respect_robots = respect_robots
        self.user_agent = user_agent
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._client = httpx.Client(
            transport=_GuardedTransport(self.guard, ssl_context),
            timeout=httpx.Timeout(timeout, connect=timeout),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public ------------------------------------------------------------------------------

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> FetchResult:
        """GET `url` within every limit; a 2xx or a 304 is returned, anything else raised."""
        return self._get(url, headers, self.max_bytes, robots=self.respect_robots)

    # -- internals ---------------------------------------------------------------------------

    def _get(
        self, url: str, headers: Mapping[str, str] | None, max_bytes: int, *, robots: bool
    ) -> FetchResult:
        ends = time.monotonic() + self.deadline
        current, hops = url, list[str]()
        for _ in range(self.max_redirects + 1):
            parsed = self._check_url(current)
            self.guard.resolve(parsed.host, parsed.port or _port(parsed), current)
            if robots and not self._robots_allow(parsed, current):
                raise FetchError(current, f"disallowed by robots.txt for {self.user_agent!r}")
            status, head, body, location = self._request(current, headers, max_bytes, ends)
            if location is None:
                return FetchResult(url, current, status, head, body, hops)
            hops.append(current)
            try:
                current = str(parsed.join(location))
            except (httpx.InvalidURL, ValueError) as exc:
                raise FetchError(current, f"bad redirect Location {location!r}: {exc}") from exc
        raise FetchError(url, f"more than {self.max_redirects} redirects (last: {current})")

    @staticmethod
    def _check_url(url: str) -> httpx.URL:
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError) as exc:
            raise FetchError(url, f"not a valid URL: {exc}") from exc
        if not parsed.scheme:
            raise FetchError(url, "not a URL: only http and https URLs are fetched")
        if parsed.scheme not in ("http", "https"):
            raise FetchError(url, f"only http and https URLs are fetched, not {parsed.scheme!r}")
        if not parsed.host:
            raise FetchError(url, "the URL has no host")
        return parsed

    def _request(
        self, url: str, headers: Mapping[str, str] | None, max_bytes: int, ends: float
    ) -> tuple[int, dict[str, str], bytes, str | None]:
        """One GET: (status, headers, body, redirect location or None)."""
        try:
            with self._client.stream("GET", url, headers=dict(headers or {})) as r:
                head = {k.lower(): v for k, v in r.headers.items()}
                if r.status_code in _REDIRECTS:
                    location = r.headers.get("location")
                    if not location:
                        raise FetchError(url, f"HTTP {r.status_code} redirect without Location")
                    return r.status_code, head, b"", location
                if r.status_code == 304:
                    return 304, head, b"", None
                if not 200 <= r.status_code < 300:
                    transient = r.status_code >= 500 or r.status_code in (408, 429)
                    raise FetchError(
                        url,
                        f"HTTP {r.status_code} {r.reason_phrase}".strip(),
                        transient=transient,
                        status=r.status_code,
                    )
                length = r.headers.get("content-length", "")
                if length.isdigit() and int(length) > max_bytes:
                    raise FetchError(
                        url, f"body of {int(length):,} bytes; the cap is {max_bytes:,}"
                    )
                decoder = _Decoder(r.headers.get("content-encoding", ""), url, max_bytes)
                received = 0
                for chunk in r.iter_raw():  # as received: no re-chunking delay
                    received += len(chunk)
                    if received > max_bytes:
                        raise FetchError(url, f"body larger than {max_bytes:,} bytes")
                    if time.monotonic() > ends:
                        raise FetchError(
                            url, f"took longer than {self.deadline:g} s in total", transient=True
                        )
                    decoder.feed(chunk)
                return r.status_code, head, decoder.finish(), None
        except FetchError as exc:
            if exc.source == url:
                raise
            # refused by the connecting backend (the DNS answer changed since the check)
            raise FetchError(url, exc.reason, transient=exc.transient) from exc
        except httpx.TimeoutException as exc:
            kind = type(exc).__name__.replace("Timeout", "").lower() or "request"
            raise FetchError(
                url, f"timed out ({kind}) after {self.timeout:g} s", transient=True
            ) from exc
        except httpx.HTTPError as exc:
            # A dropped connection may heal; a malformed Location header will not.
            transient = "location header" not in str(exc).lower()
            raise FetchError(url, f"{type(exc).__name__}: {exc}", transient=transient) from exc

    def _robots_allow(self, parsed: httpx.URL, url: str) -> bool:
        origin = f"{parsed.scheme}://{parsed.netloc.decode('ascii')}"
        if origin not in self._robots:
            robots_url = origin + "/robots.txt"
            try:
                res = self._get(robots_url, None, _ROBOTS_MAX_BYTES, robots=False)
                parser: urllib.robotparser.RobotFileParser | None = (
                    urllib.robotparser.RobotFileParser(robots_url)
                )
                assert parser is not None
                parser.parse(res.content.decode("utf-8", "replace").splitlines())
            except FetchError as exc:
                if exc.transient:  # RFC 9309: unreachable robots.txt means "disallow all"
                    raise FetchError(
                        url,
                        f"robots.txt unreachable ({exc.reason}); not fetching",
                        transient=True,
                    ) from exc
                if exc.status is None or not 400 <= exc.status < 500:
                    raise FetchError(url, f"robots.txt: {exc.reason}") from exc
                parser = None  # a 4xx robots.txt (missing) allows everything
            self._robots[origin] = parser
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(self.user_agent, url)


def content_type(headers: Mapping[str, str]) -> tuple[str, str | None]:
    """The media type (lower case) and charset of a ``Content-Type`` header."""
    raw = headers.get("content-type", "")
    media, _, params = raw.partition(";")
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.I)
    return media.strip().lower(), m.group(1) if m else None


def fetch_article(url: str, *, fetcher: Fetcher | None = None, **options: Any) -> Article:
    """Fetch `url` and extract its article (`options` as for `fetch`, or a ready `fetcher`).

    A response that declares a media type other than HTML (a PDF, an image, JSON) is refused
    with an `InputError` naming the URL rather than fed to the extractor.
    """
    from tidings.ingest.html import article_from_html  # html imports trafilatura: load lazily

    if fetcher is None:
        with Fetcher(**options) as own:
            res = own.fetch(url)
    else:
        res = fetcher.fetch(url)
    media, charset = content_type(res.headers)
    if media and media not in _HTML_TYPES:
        raise InputError(res.final_url, f"not an HTML page (Content-Type {media})")
    return article_from_html(res.content, url=res.final_url, charset=charset)


def _port(url: httpx.URL) -> int:
    return 443 if url.scheme == "https" else 80


def fetch(url: str, headers: Mapping[str, str] | None = None, **options: Any) -> FetchResult:
    """Fetch one URL within every limit (see the module docstring); errors name the URL.

    ``options`` are `Fetcher`'s: allow_private, allow_metadata, timeout, deadline, max_bytes,
    max_redirects, respect_robots, user_agent, ssl_context.
    """
    with Fetcher(**options) as f:
        return f.fetch(url, headers)

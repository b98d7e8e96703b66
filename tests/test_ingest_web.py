"""Web inputs: HTML extraction, guarded fetching and feed polling, over real HTTP on loopback.

A real `ThreadingHTTPServer` on 127.0.0.1 serves the pages in ``tests/data/pages``, feeds,
redirects (to the cloud metadata address and elsewhere), a slow and a trickling endpoint, huge
bodies and a gzip bomb. Nothing here touches the network beyond 127.0.0.1: refused addresses
are refused before any connection is made.
"""

from __future__ import annotations

import gzip
import http.server
import ipaddress
import json
import re
import shutil
import ssl
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from tidings.errors import InputError
from tidings.ingest.feed import parse_feed, poll_feed, remember_poll
from tidings.ingest.fetch import (
    USER_AGENT,
    Fetcher,
    FetchError,
    _Guard,
    _GuardedBackend,
    check_address,
    fetch,
    fetch_article,
)
from tidings.ingest.html import article_from_html, read_html
from tidings.store import Store
from tidings.store.feedlog import StoreFeedLog
from tidings.store.feeds import get_feed, seen_entries

PAGES = Path(__file__).parent / "data" / "pages"
EXPECTED = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))
ARTICLE_PAGES = sorted(k for k in EXPECTED if not k.startswith("_"))
BOMB = gzip.compress(b"\0" * 40_000_000, compresslevel=9)  # ~40 KB on the wire, 40 MB decoded


def _rss(base: str, items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><link>{base}{path}</link><guid>{guid}</guid>"
        f"<pubDate>Fri, 14 Mar 2025 08:30:00 GMT</pubDate>"
        f"<description>&lt;p&gt;Summary of {t}, as the feed tells it.&lt;/p&gt;</description></item>"
        for guid, path, t in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Test Wire</title><link>{base}/</link><description>test</description>"
        f"{body}</channel></rss>"
    ).encode()


FEED_ITEMS = [
    ("tag:test,2025:1", "/pages/harbour-strike.html", "Dock workers walk out"),
    ("tag:test,2025:2", "/pages/ministry-talks.html", "Border crossing to reopen"),
    ("tag:test,2025:3", "/pages/flood-relief.html", "Aid convoys reach villages"),
    ("tag:test,2025:4", "/pages/no-article.html", "A sign-in page"),
    ("tag:test,2025:5", "/status/404", "Gone"),
    ("tag:test,2025:6", "/status/503", "Flaky"),
]


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **hdr):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in hdr.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, chunks: list[bytes], delay: float = 0.0, length: int | None = None):
        self.send_response(200)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()
        try:
            for chunk in chunks:
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(delay)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def _redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: C901 - one small router
        s, path = self.server, self.path
        s.hits[path] += 1
        s.agents.append(self.headers.get("User-Agent", ""))
        base = f"http://127.0.0.1:{s.server_address[1]}"
        if path == "/robots.txt":
            if s.robots == "missing":
                return self._send(404, b"not found")
            if s.robots == "error":
                return self._send(503, b"down")
            return self._send(
                200, b"User-agent: *\nDisallow: /private/\n", "text/plain; charset=utf-8"
            )
        if path.startswith("/pages/"):
            f = PAGES / path.removeprefix("/pages/")
            return self._send(200, f.read_bytes()) if f.is_file() else self._send(404, b"no")
        if path.startswith("/private/"):
            return self._send(200, (PAGES / "harbour-strike.html").read_bytes())
        if path.startswith("/status/"):
            return self._send(int(path.rsplit("/", 1)[1]), b"status page")
        if path == "/feed.xml":
            etag = '"feed-v1"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return None
            return self._send(200, _rss(base, FEED_ITEMS), "application/rss+xml", ETag=etag)
        if path == "/evil.xml":  # entries pointing at the metadata service and at a bad scheme
            items = [
                ("e1", "/pages/flood-relief.html", "Fine"),
                ("e2", "/redirect/metadata", "Redirects to metadata"),
                ("e3", "/redirect/ftp", "Redirects to ftp"),
            ]
            body = _rss(base, items).replace(
                b"</channel>",
                b"<item><title>Direct</title><link>http://169.254.169.254/latest/</link>"
                b"<guid>e4</guid></item></channel>",
            )
            return self._send(200, body, "application/rss+xml")
        if path == "/live.xml":  # no validators: every poll gets the full feed
            return self._send(200, _rss(base, s.live_items), "application/rss+xml")
        if path == "/redirect/metadata":
            return self._redirect("http://169.254.169.254/latest/meta-data/")
        if path == "/redirect/unspecified":
            return self._redirect(f"http://0.0.0.0:{s.server_address[1]}/pages/flood-relief.html")
        if path == "/redirect/ftp":
            return self._redirect("ftp://127.0.0.1/file")
        if path == "/redirect/garbage":
            return self._redirect("http://[::1/broken")
        if path == "/redirect/page":
            return self._redirect("/redirect/page2", 301)
        if path == "/redirect/page2":
            return self._redirect(f"{base}/pages/harbour-strike.html", 307)
        if path.startswith("/loop/"):
            n = int(path.rsplit("/", 1)[1])
            return self._redirect(f"/loop/{n + 1}")
        if path == "/slow":
            time.sleep(2.0)
            return self._send(200, b"<html>late</html>")
        if path == "/trickle":  # a small piece every 0.1 s for 4 s
            return self._stream([b"<p>x</p>"] * 40, delay=0.1)
        if path == "/huge-declared":  # announces 50 MB
            return self._stream([b"a" * 65536], length=50_000_000)
        if path == "/huge-stream":  # no Content-Length: the body ends when the server closes
            return self._stream([b"b" * 65536] * 64)
        if path == "/utf8-no-meta":  # the charset only in the HTTP header
            body = "<p>" + "Der Bürgermeister von Köln eröffnete die Brücke im März. " * 6
            page = f"<html><head><title>Köln</title></head><body><article>{body}</article></body>"
            return self._send(200, page.encode("utf-8"), "text/html; charset=UTF-8")
        if path == "/report.pdf":
            return self._send(200, b"%PDF-1.7 not really", "application/pdf")
        if path == "/bomb":
            return self._send(200, BOMB, Content_Encoding="gzip")
        if path == "/gzip-page":
            page = (PAGES / "ministry-talks.html").read_bytes()
            return self._send(200, gzip.compress(page), Content_Encoding="gzip")
        return self._send(404, b"not found")


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: Counter[str] = Counter()
        self.agents: list[str] = []
        self.robots = "normal"
        self.live_items: list[tuple[str, str, str]] = list(FEED_ITEMS[:2])


@pytest.fixture(scope="module")
def server():
    srv = _Server()
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def base(server) -> str:
    server.robots = "normal"
    return f"http://127.0.0.1:{server.server_address[1]}"


# -- HTML extraction --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ARTICLE_PAGES)
def test_page_keeps_body_and_drops_boilerplate(name):
    exp = EXPECTED[name]
    art = read_html(PAGES / name)
    missing = [p for p in exp["body"] if p not in art.text]
    leaked = [p for p in exp["boilerplate"] if p in art.text]
    assert not missing, f"body lost: {missing}"
    assert leaked == exp["known_leaks"], "the boilerplate kept has changed (update known_leaks)"


@pytest.mark.parametrize("name", ARTICLE_PAGES)
def test_page_metadata(name):
    exp = EXPECTED[name]
    art = read_html(PAGES / name, url=f"https://news.example/{name}")
    fields = ("title", "source", "published", "authors", "language")
    got = {
        k: str(v) if k == "published" else v for k, v in art.model_dump(include=set(fields)).items()
    }
    assert got == {k: exp[k] for k in fields}
    assert art.url == f"https://news.example/{name}"
    assert art.text.split("\n\n", 1)[1].strip()
    assert art.text.startswith(exp["title"] + "\n\n")
    assert art.text.count(exp["title"]) == 1


def test_extraction_quality_over_all_pages():
    """The figure quoted in the closing note: share of body kept, of boilerplate dropped."""
    texts = {name: read_html(PAGES / name).text for name in ARTICLE_PAGES}
    body = [p in texts[n] for n in ARTICLE_PAGES for p in EXPECTED[n]["body"]]
    boiler = [p not in texts[n] for n in ARTICLE_PAGES for p in EXPECTED[n]["boilerplate"]]
    assert sum(body) / len(body) == 1.0
    assert sum(boiler) / len(boiler) >= 0.92  # 52/56 = 0.93 on the four pages


def test_page_without_article_is_an_input_error_naming_it():
    with pytest.raises(InputError, match="no-article.html: no article text"):
        read_html(PAGES / "no-article.html")


def test_a_short_news_brief_is_an_article_not_a_menu():
    """One paragraph of prose under the length floor is a brief to analyse, not boilerplate."""
    page = (
        "<html><head><title>Ferry service resumes</title></head><body><nav><a href='/'>Home</a>"
        "</nav><p>The harbour authority reopened the northern ferry route on Tuesday after "
        "repairs, a spokeswoman said.</p></body></html>"
    )
    art = article_from_html(page, source="brief")
    assert "reopened the northern ferry route on Tuesday" in art.text
    assert "Home" not in art.text


def test_short_text_that_is_no_sentence_is_refused_with_its_length():
    page = "<html><body><p>Subscribe | Sign in | Contact us | Careers</p></body></html>"
    with pytest.raises(InputError, match=r"^menu-page: no article text .*characters"):
        article_from_html(page, source="menu-page")


BAD_HTML = [b"", b"\x00" * 4096, "   \n  ", "<<<>>><<", b"\xff\xfe\x00<\x00h\x00t\x00"]
BAD_HTML += ["<html><body><p>Too short to be news.</p>", "<html><head><title>x</title><div><span>"]


@pytest.mark.parametrize("data", BAD_HTML)
def test_bad_html_is_an_input_error_never_a_crash(data):
    with pytest.raises(InputError, match="^bad-page: "):
        article_from_html(data, source="bad-page")


@pytest.mark.parametrize(
    ("encoding", "meta"), [("utf-8", ""), ("cp1252", ""), ("utf-16", ""), ("latin-1", "latin-1")]
)
def test_charset_is_declared_or_detected(encoding, meta):
    body = "<p>" + "Der Bürgermeister von Köln eröffnete die Brücke im März. " * 6 + "</p>"
    head = f'<meta charset="{meta}">' if meta else ""
    page = f'<html lang="de"><head>{head}<title>Köln</title></head><body><article>{body}</article>'
    art = article_from_html(page.encode(encoding), source="charset")
    assert "Der Bürgermeister von Köln eröffnete die Brücke im März." in art.text
    assert art.language == "de"


def test_truncated_malformed_page_still_yields_its_body():
    page = (PAGES / "harbour-strike.html").read_text(encoding="utf-8")
    cut = page[: page.index("Freight forwarders")]  # unclosed <p>, <div>, <article>, <body>
    art = article_from_html(cut.replace("</p>", ""), source="truncated")
    assert "Hundreds of dock workers walked off the job" in art.text
    assert "Share on Facebook" not in art.text


def test_oversized_file_is_refused(tmp_path):
    big = tmp_path / "big.html"
    with big.open("wb") as fh:
        fh.write(b"<html><body>")
        fh.truncate(50_000_000)  # sparse: 50 MB of NULs without writing them
    with pytest.raises(InputError, match="big.html: page larger than 10,000,000 bytes"):
        read_html(big)


def test_missing_file_names_it(tmp_path):
    with pytest.raises(InputError, match="nope.html: no such file"):
        read_html(tmp_path / "nope.html")


# -- the SSRF guard ---------------------------------------------------------------------------


ADDRESSES = """127.0.0.1 loopback|::1 loopback|::ffff:127.0.0.1 loopback|10.1.2.3 private
172.16.5.4 private|192.168.0.10 private|fc00::1 private|169.254.10.10 link-local|fe80::1 link-local
100.64.0.1 shared|240.0.0.1 reserved|224.0.0.251 multicast|0.0.0.0 unspecified
169.254.169.254 metadata|fd00:ec2::254 metadata|100.100.100.200 metadata
93.184.215.14 -|8.8.8.8 -|2001:4860:4860::8888 -"""


@pytest.mark.parametrize("case", re.split(r"[|\n]", ADDRESSES))
def test_check_address(case):
    ip, why = case.split()
    reason = check_address(ipaddress.ip_address(ip))
    assert reason is None if why == "-" else why in (reason or "")


def test_allow_private_opens_private_but_not_metadata():
    assert check_address(ipaddress.ip_address("10.0.0.1"), allow_private=True) is None
    assert check_address(ipaddress.ip_address("127.0.0.1"), allow_private=True) is None
    meta = ipaddress.ip_address("169.254.169.254")
    assert "metadata" in (check_address(meta, allow_private=True) or "")
    assert check_address(meta, allow_private=True, allow_metadata=True) is None
    assert "unspecified" in (check_address(ipaddress.ip_address("0.0.0.0"), allow_private=True))


def test_connection_backend_checks_the_address_it_connects_to(server):
    """The pin: the connecting backend refuses on its own, whatever a pre-check said."""
    backend = _GuardedBackend(_Guard(allow_private=False, allow_metadata=False))
    with pytest.raises(FetchError, match="loopback"):
        backend.connect_tcp("localhost", server.server_address[1], timeout=1.0)
    allowed = _GuardedBackend(_Guard(allow_private=True, allow_metadata=False))
    allowed.connect_tcp("127.0.0.1", server.server_address[1], timeout=1.0).close()


# -- fetching ---------------------------------------------------------------------------------


def test_fetch_with_allow_private_works_and_names_tidings(server, base):
    res = fetch(f"{base}/pages/harbour-strike.html", allow_private=True)
    assert res.status == 200 and res.final_url == res.url
    assert b"Port Veyra" in res.content
    assert server.agents[-1] == USER_AGENT and USER_AGENT.startswith("Tidings/")
    art = article_from_html(res.content, url=res.final_url)
    assert (art.url, art.title) == (res.url, EXPECTED["harbour-strike.html"]["title"])


def test_fetch_article_uses_the_http_charset_and_refuses_non_html(base):
    art = fetch_article(f"{base}/utf8-no-meta", allow_private=True)
    assert "Der Bürgermeister von Köln" in art.text and art.url == f"{base}/utf8-no-meta"
    with pytest.raises(InputError, match=r"/report\.pdf: not an HTML page .*application/pdf"):
        fetch_article(f"{base}/report.pdf", allow_private=True)


def test_fetch_refuses_loopback_without_allow_private(server, base):
    before = sum(server.hits.values())
    with pytest.raises(FetchError, match=r"^http://127\.0\.0\.1:\d+/pages/x: refused.*loopback"):
        fetch(f"{base}/pages/x")
    with pytest.raises(FetchError, match="loopback"):
        fetch(f"http://localhost:{server.server_address[1]}/pages/x")
    assert sum(server.hits.values()) == before  # refused before any request was sent


def test_redirects_are_followed_and_recorded(base):
    res = fetch(f"{base}/redirect/page", allow_private=True)
    assert res.final_url == f"{base}/pages/harbour-strike.html"
    assert res.redirects == [f"{base}/redirect/page", f"{base}/redirect/page2"]
    assert b"Port Veyra" in res.content


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/redirect/metadata", r"^http://169\.254\.169\.254/latest/meta-data/: refused.*metadata"),
        ("/redirect/unspecified", "unspecified"),
        ("/redirect/ftp", "only http and https"),
        ("/redirect/garbage", "Invalid URL in location header"),
    ],
)
def test_every_redirect_hop_is_checked(base, path, error):
    with pytest.raises(FetchError, match=error) as info:
        fetch(f"{base}{path}", allow_private=True)
    assert not info.value.transient


def test_too_many_redirects(base):
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(f"{base}/loop/0", allow_private=True)
    with pytest.raises(FetchError, match="more than 2 redirects"):
        fetch(f"{base}/loop/0", allow_private=True, max_redirects=2)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/", "/tmp/saved-feed.xml"]
)
def test_non_http_schemes_are_refused(url):
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url)


def test_slow_server_times_out_transiently(base):
    t0 = time.monotonic()
    with pytest.raises(FetchError, match=r"/slow: timed out \(read\) after 0\.5 s") as info:
        fetch(f"{base}/slow", allow_private=True, timeout=0.5)
    assert info.value.transient
    assert time.monotonic() - t0 < 1.9


def test_trickling_server_hits_the_total_deadline(base):
    with pytest.raises(FetchError, match="longer than 1 s in total") as info:
        fetch(f"{base}/trickle", allow_private=True, timeout=2.0, deadline=1.0)
    assert info.value.transient


SIZE_CAPS = [
    ("/huge-declared", {}, "50,000,000 bytes; the cap is 10,000,000"),  # refused before reading
    ("/huge-stream", {"max_bytes": 1_000_000}, "larger than 1,000,000 bytes"),
    ("/bomb", {}, r"larger than 10,000,000 bytes \(decoded\)"),  # ~40 KB on the wire
]


@pytest.mark.parametrize(("path", "options", "error"), SIZE_CAPS)
def test_size_caps_hold_for_declared_streamed_and_decoded_sizes(base, path, options, error):
    with pytest.raises(FetchError, match=f"^{base}{path}: .*{error}") as info:
        fetch(f"{base}{path}", allow_private=True, **options)
    assert not info.value.transient


def test_gzip_page_is_decoded(base):
    res = fetch(f"{base}/gzip-page", allow_private=True)
    assert res.content == (PAGES / "ministry-talks.html").read_bytes()


@pytest.mark.parametrize(("status", "transient"), [(404, False), (410, False), (503, True)])
def test_http_errors_name_the_url(base, status, transient):
    with pytest.raises(FetchError, match=f"/status/{status}: HTTP {status}") as info:
        fetch(f"{base}/status/{status}", allow_private=True)
    assert info.value.transient is transient and info.value.status == status


def test_robots_disallow_is_respected_by_default(server, base):
    with pytest.raises(FetchError, match="/private/a.html: disallowed by robots.txt"):
        fetch(f"{base}/private/a.html", allow_private=True)
    assert server.hits["/private/a.html"] == 0
    assert fetch(f"{base}/private/a.html", allow_private=True, respect_robots=False).status == 200


def test_missing_robots_allows_and_unreachable_robots_disallows(server, base):
    server.robots = "missing"
    assert fetch(f"{base}/private/b.html", allow_private=True).status == 200
    server.robots = "error"
    with pytest.raises(FetchError, match="robots.txt unreachable") as info:
        fetch(f"{base}/pages/harbour-strike.html", allow_private=True)
    assert info.value.transient


def test_fetcher_reads_robots_once_per_host(server, base):
    before = server.hits["/robots.txt"]
    with Fetcher(allow_private=True) as f:
        for name in ARTICLE_PAGES:
            f.fetch(f"{base}/pages/{name}")
    assert server.hits["/robots.txt"] == before + 1


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    """An HTTPS server on 127.0.0.1 with a fresh self-signed certificate for ``localhost``."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"]
        + ["-addext", "subjectAltName=DNS:localhost"],
        check=True,
        capture_output=True,
    )
    srv = _Server()
    srv.handle_error = lambda *a: None  # a refused handshake is the point of one test
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"https://localhost:{srv.server_address[1]}", cert
    srv.shutdown()
    srv.server_close()


def test_https_is_verified_through_the_guarded_connection(tls_server):
    url, cert = tls_server
    with pytest.raises(FetchError, match="CERTIFICATE_VERIFY_FAILED"):
        fetch(f"{url}/pages/flood-relief.html", allow_private=True, timeout=3)
    trusted = ssl.create_default_context(cafile=str(cert))
    res = fetch(f"{url}/pages/flood-relief.html", allow_private=True, ssl_context=trusted)
    assert res.status == 200 and b"Sarn valley" in res.content
    with pytest.raises(FetchError, match="loopback"):
        fetch(f"{url}/pages/flood-relief.html", ssl_context=trusted)


# -- feeds ------------------------------------------------------------------------------------


def test_poll_twice_second_poll_has_nothing_new(server, base, tmp_path):
    feed = f"{base}/feed.xml"
    with Store(tmp_path / "t.db") as store:
        first = poll_feed(feed, StoreFeedLog(store), allow_private=True)
        titles = sorted(a.title for a in first.new_articles)
        fed = ("harbour-strike.html", "ministry-talks.html", "flood-relief.html")
        assert titles == sorted(EXPECTED[n]["title"] for n in fed)
        assert first.title == "Test Wire" and first.skipped == 0
        failed = dict(first.failures)
        bad = ("/pages/no-article.html", "/status/404", "/status/503")
        assert set(failed) == {f"{base}{p}" for p in bad}
        assert "no article text" in failed[f"{base}/pages/no-article.html"]
        assert all(a.url and a.url.startswith(base) for a in first.new_articles)
        state = get_feed(store, feed)
        assert state is not None and state.etag == '"feed-v1"'
        # The transient failure (503) is not "seen": a later poll retries it.
        assert len(seen_entries(store, feed)) == 5
        assert store.count("feed_entries") == 6
        page_hits = server.hits["/pages/harbour-strike.html"]
        second = poll_feed(feed, StoreFeedLog(store), allow_private=True)
        assert second.not_modified and second.new_articles == [] and second.failures == []
        assert server.hits["/pages/harbour-strike.html"] == page_hits


def test_feed_without_validators_skips_seen_entries_and_finds_new_ones(server, base, tmp_path):
    feed = f"{base}/live.xml"
    server.live_items = list(FEED_ITEMS[:2])
    with Store(tmp_path / "t.db") as store:
        assert len(poll_feed(feed, StoreFeedLog(store), allow_private=True).new_articles) == 2
        again = poll_feed(feed, StoreFeedLog(store), allow_private=True)
        assert again.new_articles == [] and again.skipped == 2 and not again.not_modified
        server.live_items.append(FEED_ITEMS[2])
        third = poll_feed(feed, StoreFeedLog(store), allow_private=True)
        assert [a.source for a in third.new_articles] == ["Valley Post"]
        assert third.skipped == 2
    # The state is in the SQLite file, not in memory: a new Store sees it.
    with Store(tmp_path / "t.db") as store:
        assert poll_feed(feed, StoreFeedLog(store), allow_private=True).new_articles == []


def test_remember_false_leaves_the_store_to_the_caller(server, base, tmp_path):
    feed = f"{base}/live.xml"
    server.live_items = list(FEED_ITEMS[:2])
    with Store(tmp_path / "t.db") as store:
        first = poll_feed(feed, StoreFeedLog(store), allow_private=True, remember=False)
        assert len(first.new_articles) == 2
        assert store.count("feed_entries") == 0 and get_feed(store, feed) is None
        again = poll_feed(feed, StoreFeedLog(store), allow_private=True, remember=False)
        assert [a.id for a in again.new_articles] == [a.id for a in first.new_articles]
        remember_poll(StoreFeedLog(store), again)  # e.g. once the analyses are saved
        assert poll_feed(feed, StoreFeedLog(store), allow_private=True).new_articles == []


def test_feed_entries_from_the_feed_text_only(base, tmp_path):
    with Store(tmp_path / "t.db") as store:
        res = poll_feed(
            f"{base}/feed.xml", StoreFeedLog(store), allow_private=True, fetch_entries=False
        )
    assert len(res.new_articles) == len(FEED_ITEMS) and not res.failures
    art = res.new_articles[0]
    assert art.text == f"{art.title}\n\nSummary of {art.title}, as the feed tells it."
    assert art.source == "Test Wire" and str(art.published) == "2025-03-14"


def test_ssrf_in_feed_entries_is_a_per_entry_failure(base, tmp_path):
    with Store(tmp_path / "t.db") as store:
        res = poll_feed(f"{base}/evil.xml", StoreFeedLog(store), allow_private=True)
    assert [a.source for a in res.new_articles] == ["Valley Post"]
    reasons = dict(res.failures)
    assert "metadata" in reasons[f"{base}/redirect/metadata"]
    assert "only http and https" in reasons[f"{base}/redirect/ftp"]
    assert "metadata" in reasons["http://169.254.169.254/latest/"]


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>First</title><link href="https://news.example/a1"/><id>urn:a1</id>
<updated>2024-11-05T10:00:00Z</updated><content type="html">&lt;p&gt;One.&lt;/p&gt;</content></entry>
<entry><title>No id, no link</title><summary>Only a summary.</summary></entry>
</feed>"""


def test_atom_feed_and_entries_without_id_or_link():
    title, entries = parse_feed(ATOM, "atom-test")
    assert title == "Atom Wire"
    first = (entries[0].entry_id, entries[0].link, str(entries[0].published))
    assert first == ("urn:a1", "https://news.example/a1", "2024-11-05")
    assert entries[1].link is None and entries[1].entry_id.startswith("sha256:")
    # the id of an entry without id or link is stable from one parse to the next
    assert parse_feed(ATOM, "atom-test")[1][1].entry_id == entries[1].entry_id


def test_not_a_feed_is_an_input_error_naming_it(base, tmp_path):
    url = f"{base}/pages/harbour-strike.html"
    with Store(tmp_path / "t.db") as store, pytest.raises(InputError, match=f"^{url}: not an RSS"):
        poll_feed(url, StoreFeedLog(store), allow_private=True)
    for junk in (b"\x00\x01\x02 binary", b'{"json": true}', b"   "):
        with pytest.raises(InputError, match="^junk: "):
            parse_feed(junk, "junk")


def test_feed_refused_without_allow_private(base, tmp_path):
    with Store(tmp_path / "t.db") as store, pytest.raises(FetchError, match="loopback"):
        poll_feed(f"{base}/feed.xml", StoreFeedLog(store))

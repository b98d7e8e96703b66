"""The REST API through an ASGI client over a real SQLite store: every endpoint, auth, limits."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from tests.web_support import IMG, XSS, report, xss_analysis
from tidings.store import Store
from tidings.web import WebSettings, create_app

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TOKEN = "test-token-0123456789"
LOCAL = ("127.0.0.1", 50000)


@pytest.fixture(scope="module")
def store(tmp_path_factory, example_analysis) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("web") / "web.db"
    with Store(f"sqlite:///{path}") as s:
        s.save(example_analysis)
        s.save(xss_analysis())
        s.save(report("Daily Trust", 12))
        s.save(report("Premium Times", 15))
        yield s


@pytest.fixture(scope="module")
def example_id(example_analysis) -> str:
    return example_analysis.article.id


def client(store: Store, where: tuple[str, int] = LOCAL, **settings: object) -> TestClient:
    values: dict[str, object] = {"token": TOKEN, **settings}
    return TestClient(create_app(store, WebSettings(**values)), client=where)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def api(store) -> TestClient:
    return client(store)


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# -- reads -------------------------------------------------------------------------------------


def test_openapi_lists_every_endpoint(api):
    paths = api.get("/api/openapi.json").json()["paths"]
    for p in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/actors",
              "/api/incidents", "/api/incidents/{incident_id}",
              "/api/actors/{key}", "/api/quotes", "/api/places", "/api/timeline", "/api/analyze"):  # fmt: skip
        assert p in paths, p


def test_articles_list_search_and_one(api, example_id):
    listed = api.get("/api/articles").json()
    assert listed["total"] == 4
    assert {a["article_id"] for a in listed["items"]} >= {example_id}
    days = [a["published"] for a in listed["items"]]
    assert days == sorted(days, reverse=True)  # newest first
    found = api.get("/api/articles", params={"text": "Basij"}).json()
    assert [a["article_id"] for a in found["items"]] == [example_id]
    paged = api.get("/api/articles", params={"limit": 1, "offset": 1}).json()
    assert len(paged["items"]) == 1 and paged["offset"] == 1
    one = api.get(f"/api/articles/{example_id}").json()
    assert one["article"]["id"] == example_id and one["schema"] == "tidings/1"
    assert any(q["speaker"] for q in one["quotes"])


def test_reads_see_an_article_saved_by_another_process_at_once(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'fresh.db'}") as mine:
        app = client(mine)
        assert app.get("/api/articles").json()["total"] == 0
        assert app.get("/api/articles").json()["total"] == 0  # now answered from the cache
        with Store(f"sqlite:///{tmp_path / 'fresh.db'}") as other:
            other.save(report("Daily Trust", 12))
        assert app.get("/api/articles").json()["total"] == 1
        assert app.get("/api/incidents").json()["total"] == 1


def test_unknown_article_is_a_json_404(api):
    r = api.get("/api/articles/nothere")
    assert r.status_code == 404
    assert r.json() == {"status": 404, "message": "no article 'nothere' in the store"}


def test_events_filters_sort_and_paging(api):
    everything = api.get("/api/events", params={"limit": 1000}).json()
    threats = api.get("/api/events", params={"type": "threaten", "limit": 1000}).json()
    assert 0 < threats["total"] < everything["total"]
    assert {r["type"] for r in threats["items"]} == {"THREATEN"}
    claimed = api.get("/api/events", params={"attributed_to": "Salami", "certainty": "claimed"})
    rows = claimed.json()["items"]
    assert rows and all(r["asserted_by"] == "Hossein Salami" for r in rows)
    iraq = api.get("/api/events", params={"country": "IQ"}).json()["items"]
    assert iraq and any(r["place"] == "Baghdad" for r in iraq)
    dated = api.get("/api/events", params={"since": "2021-01-01", "until": "2021-12"}).json()[
        "items"
    ]
    assert [r["article_id"] for r in dated] == [xss_analysis().article.id]
    by_type = api.get("/api/events", params={"sort": "type", "desc": True, "limit": 1000}).json()
    types = [r["type"] for r in by_type["items"]]
    assert types == sorted(types, reverse=True)
    page2 = api.get("/api/events", params={"sort": "type", "desc": True, "limit": 3, "offset": 3})
    assert [r["event_id"] for r in page2.json()["items"]] == [
        r["event_id"] for r in by_type["items"][3:6]
    ]


def test_events_csv_download(api):
    r = api.get("/api/events", params={"type": "ASSAULT", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and {row["type"].split("/")[0] for row in rows} == {"ASSAULT"}
    assert any(row["place"] == "Baghdad" for row in rows)
    everything = api.get("/api/events", params={"type": "ASSAULT", "limit": 1000}).json()
    assert len(rows) == everything["total"]  # the whole result, not one page
    by_place = api.get("/api/events", params={"format": "csv", "sort": "place"}).text
    places = [r["place"] for r in csv.DictReader(io.StringIO(by_place))]
    named = [p for p in places if p]
    assert named == sorted(named) and places[: len(named)] == named  # sorted, blanks last


@pytest.mark.parametrize(
    "params",
    [{"type": "EXPLODE"}, {"sort": "nope"}, {"limit": 0}, {"limit": 5000}, {"since": "last week"},
     {"format": "xml"}, {"certainty": "sure"}, {"country": "XYZW"}, {"min_sources": -1}],
)  # fmt: skip
def test_bad_event_queries_are_json_422(api, params):
    r = api.get("/api/events", params=params)
    assert r.status_code == 422
    body = r.json()
    assert body["status"] == 422 and body["message"]


def test_actors_list_and_one(api):
    rows = api.get("/api/actors", params={"actor": "salami"}).json()["items"]
    assert [r["key"] for r in rows] == ["kb:P-IRN-SALAMI"]
    people = api.get("/api/actors", params={"type": "person", "limit": 1000}).json()["items"]
    assert people and {r["kind"] for r in people} == {"person"}
    salami = api.get("/api/actors/kb:P-IRN-SALAMI").json()
    assert salami["name"] == "Hossein Salami"
    assert "Salami" in salami["aliases"] and "he" not in salami["aliases"]
    assert len(salami["quotes"]) >= 5
    assert salami["events_as_source"] and all(
        "Hossein Salami" in e["source"] for e in salami["events_as_source"]
    )
    net = salami["network"]
    assert {"kb:P-IRN-SALAMI", "kb:IRN-IRGC-BASIJ"} <= {n["id"] for n in net["nodes"]}
    assert {"source": "kb:P-IRN-SALAMI", "target": "kb:IRN-IRGC-BASIJ"}.items() <= next(
        e for e in net["edges"] if e["target"] == "kb:IRN-IRGC-BASIJ"
    ).items()
    assert api.get("/api/actors/kb:NOBODY").status_code == 404


def test_quotes_filter_by_speaker_and_words(api):
    rows = api.get("/api/quotes", params={"actor": "Salami", "limit": 100}).json()["items"]
    assert len(rows) >= 5 and {r["speaker"]["name"] for r in rows} == {"Hossein Salami"}
    words = api.get("/api/quotes", params={"text": "regimes of terror"}).json()["items"]
    assert len(words) == 1 and words[0]["kind"] == "direct"


def test_places_and_timeline(api):
    places = api.get("/api/places").json()["items"]
    baghdad = [p for p in places if p["name"] == "Baghdad"]
    assert baghdad and abs(baghdad[0]["lat"] - 33.3) < 0.5 and abs(baghdad[0]["lon"] - 44.4) < 0.5
    days = api.get("/api/timeline", params={"type": "THREATEN"}).json()["items"]
    assert days and {d["type"] for d in days} == {"THREATEN"}
    assert (
        sum(d["events"] for d in days)
        == api.get("/api/events", params={"type": "THREATEN"}).json()["total"]
    )


@pytest.mark.parametrize(
    "page", ["/", "/events", "/events?type=THREATEN&sort=certainty&offset=2", "/actors",
             "/actors/kb:P-IRN-SALAMI", "/timeline", "/map", "/paste", "/incidents",
             "/incidents?min_sources=2&sort=n_outlets&desc=1"],
)  # fmt: skip
def test_pages_render(api, page):
    r = api.get(page)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<nav" in r.text


def test_article_page_marks_quotes_triggers_and_greys_captions(api, example_id):
    html = api.get(f"/articles/{example_id}").text
    assert '<span class="speaker-tag">Hossein Salami:</span>' in html
    assert 'class="quote' in html and "data-events=" in html
    assert 'class="greyed' in html and "photo credit" in html


def test_pages_forbid_inline_scripts(api):
    r = api.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in r.text.replace('<script type="application/json"', "")


def test_missing_page_is_html_for_a_browser(api):
    r = api.get("/articles/nothere", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "no article &#39;nothere&#39; in the store" in r.text


def test_incidents_list_one_and_csv(api):
    found = api.get("/api/incidents", params={"min_sources": 2}).json()["items"]
    assert len(found) == 1
    kano = found[0]
    assert kano["n_outlets"] == 2 and kano["outlets"] == ["Daily Trust", "Premium Times"]
    assert kano["disagreements"][0]["field"] == "fatalities"
    one = api.get(f"/api/incidents/{kano['incident_id']}").json()
    assert len(one["reports"]) == 2
    assert api.get("/api/incidents/nope").status_code == 404
    sheet = api.get("/api/incidents", params={"format": "csv", "type": "ASSAULT"}).text
    kano_row = next(
        r for r in csv.DictReader(io.StringIO(sheet)) if r["incident"] == kano["incident_id"]
    )
    assert kano_row["outlets"] == "2" and "fatalities" in kano_row["disagreements"]
    everything = api.get("/api/incidents", params={"sort": "n_outlets", "desc": True}).json()
    assert everything["items"][0]["n_outlets"] == 2


def test_incident_page_shows_reports_side_by_side_and_the_disagreement(api):
    kano = api.get("/api/incidents", params={"min_sources": 2}).json()["items"][0]
    html = api.get(f"/incidents/{kano['incident_id']}").text
    assert "Daily Trust" in html and "Premium Times" in html
    assert '<ul id="disagreements">' in html and "12 (Daily Trust) vs 15 (Premium Times)" in html


# -- safety ------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["/", "/articles/{id}", "/events", "/actors", "/actors/{name}"])
def test_article_text_is_escaped_everywhere(api, page):
    a = xss_analysis()
    url = page.format(id=a.article.id, name=quote(f"name:{a.actors[0].name.casefold()}|person|"))
    html = api.get(url).text
    assert XSS not in html and IMG not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html or "\\u003cscript" in html


def test_reads_from_another_host_need_the_token_or_open_reads(store):
    remote = ("203.0.113.9", 40000)
    refused = client(store, remote).get("/api/articles")
    assert refused.status_code == 403 and "loopback" in refused.json()["message"]
    assert client(store, remote).get("/api/articles", headers=auth()).status_code == 200
    assert client(store, remote, open_reads=True).get("/api/articles").status_code == 200


def test_cors_is_off_unless_configured(store):
    origin = {"Origin": "http://elsewhere.example"}
    assert (
        "access-control-allow-origin"
        not in client(store).get("/api/articles", headers=origin).headers
    )
    opened = client(store, cors_origins=("http://elsewhere.example",))
    r = opened.get("/api/articles", headers=origin)
    assert r.headers["access-control-allow-origin"] == "http://elsewhere.example"


# -- writes ------------------------------------------------------------------------------------

SHORT = "Rebels attacked a police station in Goma on Monday, the army said."


@pytest.mark.parametrize(
    "headers,status",
    [({}, 401), (auth("wrong-token"), 403), ({"Authorization": "Basic abc"}, 403)],
)
def test_analyze_needs_the_right_token(api, headers, status):
    r = api.post("/api/analyze", json={"text": SHORT}, headers=headers)
    assert r.status_code == status and r.json()["status"] == status


def test_analyze_is_refused_when_no_token_is_configured(store):
    r = client(store, token=None).post("/api/analyze", json={"text": SHORT}, headers=auth())
    assert r.status_code == 403 and "TIDINGS_TOKEN" in r.json()["message"]


def test_analyze_text_saves_and_answers_the_analysis(store, api):
    body = {"text": SHORT, "title": "Goma attack", "published": "2024-03-04"}
    r = api.post("/api/analyze", json=body, headers=auth())
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["article"]["title"] == "Goma attack" and got["article"]["published"] == "2024-03-04"
    assert any(e["type"] == "ASSAULT" for e in got["events"])
    saved = store.load(got["article"]["id"])
    assert saved is not None and saved.article.text == SHORT
    assert api.get(f"/articles/{got['article']['id']}").status_code == 200


def test_analyze_html(api):
    paragraphs = [
        "Ukraine and Poland agreed on Tuesday to open a new border crossing, officials said.",
        "The ministers met in Kyiv to sign the deal after months of talks about lorry queues.",
        "Drivers had waited for up to ten days at the old crossings, the transport union said.",
        "The new crossing will open in the spring, according to the Polish infrastructure office.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = f"<html><head><title>Kyiv talks</title></head><body><article><h1>Kyiv talks</h1>{body}</article></body></html>"
    r = api.post("/api/analyze", json={"html": page}, headers=auth())
    assert r.status_code == 200, r.text
    assert "Poland" in r.json()["article"]["text"]


@pytest.mark.parametrize(
    "body",
    [{}, {"text": SHORT, "url": "http://example.org/"}, {"text": SHORT, "published": "soon"},
     {"text": SHORT, "colour": "red"}, {"text": 5}, {"text": "   "}],
)  # fmt: skip
def test_analyze_validation_errors(api, body):
    r = api.post("/api/analyze", json=body, headers=auth())
    assert r.status_code == 422, r.text
    assert r.json()["status"] == 422 and r.json()["message"]


def test_analyze_refuses_a_body_over_the_limit(store):
    small = client(store, max_body_bytes=1000)
    r = small.post("/api/analyze", json={"text": "x" * 2000}, headers=auth())
    assert r.status_code == 413 and "1,000 bytes" in r.json()["message"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        yield b'{"text": "'
        for _ in range(20):
            yield b"y" * 100
        yield b'"}'

    headers = {**auth(), "Content-Type": "application/json"}
    r = small.post("/api/analyze", content=chunks(), headers=headers)
    assert r.status_code == 413


def test_analyze_refuses_a_text_over_the_character_limit(api):
    from tidings.pipeline import MAX_CHARS

    r = api.post("/api/analyze", json={"text": "a " * (MAX_CHARS // 2 + 1)}, headers=auth())
    assert r.status_code == 422 and f"the limit is {MAX_CHARS:,}" in r.json()["message"]


@pytest.fixture(scope="module")
def local_page() -> Iterator[str]:
    """A real HTTP server on loopback, which the SSRF guard must refuse to fetch from."""

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><p>secret admin page</p></body></html>")

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/admin"
    server.shutdown()


def test_analyze_url_is_guarded_against_ssrf(api, local_page):
    for url in (local_page, "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd"):
        r = api.post("/api/analyze", json={"url": url}, headers=auth())
        assert r.status_code == 422, (url, r.text)
        assert "refused" in r.json()["message"] or "only http" in r.json()["message"]

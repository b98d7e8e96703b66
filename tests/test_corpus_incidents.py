"""Incidents: the real pipeline on a written corpus of 11 articles into a real SQLite store.

The corpus (tests/data/corpus/articles.jsonl, original text) tells three incidents:

- a Boko Haram attack on a Maiduguri market: Lagos Courier (12 killed), Continental Wire
  (15 killed), Sahel Tribune (a wire copy of Continental Wire, another headline), Abuja
  Observer (the group's claim a day later);
- a strike on a Kharkiv hardware store: Kyiv Ledger ("the governor said": claimed) and
  European Herald (told as fact: certain);
- a tax protest in Nairobi: East Africa Standard and Global Post Daily;

and unrelated stories that must stay apart: an abduction in Kaduna the same day as the market
attack, a protest in Santiago the same day as Nairobi's, a trade pact.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import event, text

from tests.corpus_helpers import CORPUS, corpus_db, ingest
from tidings.corpus.incidents import SLACK, candidates, score
from tidings.corpus.reports import Report, reports
from tidings.model import Actor, Analysis, Article, Event, EventDate, Meta, Place, Span
from tidings.query import Filters, incidents
from tidings.store import Store


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory):
    store = Store(corpus_db(tmp_path_factory))
    yield store
    store.close()


def _by_outlets(store: Store) -> dict[frozenset[str], dict]:
    """The incidents several articles report, keyed by the outlets of their reports."""
    found = {}
    for inc in incidents(store, Filters(limit=1000)):
        if inc["n_articles"] > 1:
            key = frozenset(r["outlet"] for r in inc["reports"])
            assert key not in found, f"two incidents from the same outlets {sorted(key)}"
            found[key] = inc
    return found


MAIDUGURI = frozenset({"Lagos Courier", "Continental Wire", "Sahel Tribune", "Abuja Observer"})
KHARKIV = frozenset({"Kyiv Ledger", "European Herald"})
NAIROBI = frozenset({"East Africa Standard", "Global Post Daily"})


def test_exactly_the_three_incidents(corpus_store: Store) -> None:
    assert set(_by_outlets(corpus_store)) == {MAIDUGURI, KHARKIV, NAIROBI}


def test_wire_copy_counts_once(corpus_store: Store) -> None:
    inc = _by_outlets(corpus_store)[MAIDUGURI]
    assert inc["n_articles"] == 3
    assert inc["n_outlets"] == 3
    assert inc["outlets"] == ["Abuja Observer", "Continental Wire", "Lagos Courier"]
    assert inc["n_reports"] == 4  # every report's evidence is kept, the copy's too
    assert inc["first_report"] == "2024-03-11" and inc["last_report"] == "2024-03-12"
    assert inc["date"] == "2024-03-10"  # "on Sunday", the most precise date given
    assert inc["place"]["name"] == "Maiduguri" and inc["country"] == "NG"


def test_fatality_counts_disagree(corpus_store: Store) -> None:
    inc = _by_outlets(corpus_store)[MAIDUGURI]
    found = {d["field"]: d["values"] for d in inc["disagreements"]}
    assert [(v["value"], v["outlets"]) for v in found["fatalities"]] == [
        (12.0, ["Lagos Courier"]),
        (15.0, ["Continental Wire"]),
    ]
    assert inc["fatalities"] == 12.0  # the lowest count, as ACLED records it


def test_certainty_disagrees(corpus_store: Store) -> None:
    inc = _by_outlets(corpus_store)[KHARKIV]
    assert (inc["n_articles"], inc["n_outlets"]) == (2, 2)
    found = {d["field"]: d["values"] for d in inc["disagreements"]}
    assert [(v["value"], v["outlets"]) for v in found["certainty"]] == [
        ("certain", ["European Herald"]),
        ("claimed", ["Kyiv Ledger"]),
    ]
    assert inc["certainty"] == "certain"


def test_exactly_these_disagreements(corpus_store: Store) -> None:
    found = _by_outlets(corpus_store)
    fields = {key: [d["field"] for d in inc["disagreements"]] for key, inc in found.items()}
    assert fields == {MAIDUGURI: ["fatalities"], KHARKIV: ["certainty"], NAIROBI: []}


def test_every_report_has_its_evidence(corpus_store: Store) -> None:
    inc = _by_outlets(corpus_store)[MAIDUGURI]
    for r in inc["reports"]:
        assert r["sentence"]["text"] and r["trigger"]["text"] in r["sentence"]["text"]
        assert r["url"] and r["published"]


def test_same_day_stories_elsewhere_stay_apart(corpus_store: Store) -> None:
    kaduna = [
        i
        for i in incidents(corpus_store, Filters(limit=100))
        if i["place"] and i["place"]["name"] == "Kaduna"
    ]
    santiago = [
        i
        for i in incidents(corpus_store, Filters(limit=100))
        if i["place"] and i["place"]["name"] == "Santiago"
    ]
    assert [i["n_articles"] for i in kaduna] == [1]
    assert [i["n_articles"] for i in santiago] == [1]


def test_min_sources_filter(corpus_store: Store) -> None:
    found = incidents(corpus_store, Filters(min_sources=2, limit=100))
    assert {frozenset(r["outlet"] for r in i["reports"]) for i in found} == {
        MAIDUGURI,
        KHARKIV,
        NAIROBI,
    }


def _summary(store: Store) -> set[tuple]:
    return {
        (i["incident_id"], i["n_articles"], i["n_outlets"], json.dumps(i["disagreements"]))
        for i in incidents(store, Filters(limit=1000))
    }


def test_incremental_and_deterministic(corpus_store: Store, tmp_path: Path) -> None:
    """Adding the last report later gives the same incidents as the whole corpus at once."""
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    late = next(i for i, line in enumerate(lines) if "Abuja Observer" in line)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines[:late] + lines[late + 1 :]) + "\n", encoding="utf-8")
    second.write_text(lines[late] + "\n", encoding="utf-8")
    db = tmp_path / "inc.db"
    ingest(first, db).close()
    before = _by_outlets(Store(db))[MAIDUGURI - {"Abuja Observer"}]
    assert before["n_articles"] == 2
    with ingest(second, db) as store:
        assert _summary(store) == _summary(corpus_store)
        # re-ingesting the same corpus changes nothing
        ingest(CORPUS, db).close()
        assert _summary(store) == _summary(corpus_store)


def _report(**kw) -> Report:
    base = dict(
        article_id="a",
        event_id="E1",
        seq=0,
        type="ASSAULT",
        mode=None,
        outlet="X",
        published=dt.date(2024, 1, 2),
        date_value="2024-01-01",
        date_how="sentence",
        date_lo=dt.date(2024, 1, 1),
        date_hi=dt.date(2024, 1, 1),
        country="NG",
        place=None,
        source_keys=["kb:NGA-BOKOHARAM"],
        target_keys=[],
    )
    return Report(**{**base, **kw})


class _Row:
    def __init__(self, r: Report) -> None:
        self.country, self.mode = r.country, r.mode
        self.date_lo, self.date_hi = r.date_lo, r.date_hi
        self.source_keys, self.target_keys = r.source_keys, r.target_keys
        self.points = [list(r.point)] if r.point else []


MAIDUGURI_PLACE = {"name": "Maiduguri", "kind": "city", "lat": 11.85, "lon": 13.16}
KADUNA_PLACE = {"name": "Kaduna", "kind": "city", "lat": 10.52, "lon": 7.44}


@pytest.mark.parametrize(
    ("other", "ties"),
    [
        (_report(), True),  # same actor, country and day
        (_report(country="CM"), False),  # another country
        (_report(source_keys=["kb:NGA-ISWAP"]), False),  # another KB actor
        (_report(source_keys=["name:gunmen|unknown|"], target_keys=[]), False),  # nothing shared
        (_report(source_keys=["up:NGA-BOKOHARAM"]), True),  # a part of the same group
    ],
)
def test_score(other: Report, ties: bool) -> None:
    assert (score(_Row(_report()), other) is not None) is ties


def test_far_places_never_tie() -> None:
    here = _report(place=MAIDUGURI_PLACE)
    assert score(_Row(here), _report(place=MAIDUGURI_PLACE)) is not None
    assert score(_Row(here), _report(place=KADUNA_PLACE)) is None


def test_candidate_lookup_uses_the_index(corpus_store: Store) -> None:
    """The lookup is an index range scan (type, date), so its cost does not grow with the corpus."""
    r = _report()
    with corpus_store._open().connect() as conn:
        candidates(conn, r)  # runs
        plan = conn.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT * FROM incidents WHERE type = :t "
                "AND date_lo <= :hi AND date_lo >= :lo"
            ),
            {"t": "ASSAULT", "hi": str(r.date_hi + SLACK), "lo": str(r.date_lo - SLACK)},
        ).fetchall()
    assert any("ix_incidents_lookup" in str(row) for row in plan)


def _one_event_article(day: int, city: int) -> Analysis:
    """A synthetic article: one attack by group G<day> in City<city> on day `day` of 2024."""
    when = (dt.date(2024, 1, 1) + dt.timedelta(days=day)).isoformat()
    text = f"Group G{day} attacked City{city} on {when}."
    actor = Actor(id="G", name=f"Group G{day}", kind="rebel", kb_id=f"G{day}")
    place = Place(id="P1", text=f"City{city}", span=Span.of(text, text.index("City"), text.index(" on")),
                  name=f"City{city}", kind="city", country="NG", lat=4 + city % 50 * 0.4, lon=3 + city // 50)  # fmt: skip
    event = Event(id="E1", type="ASSAULT", source=["G"], trigger=Span.of(text, 10 + len(str(day)), 18 + len(str(day))),
                  sentence=Span.of(text, 0, len(text)), place="P1", date=EventDate(value=when, how="sentence"))  # fmt: skip
    return Analysis(article=Article(text=text, published=dt.date(2024, 12, 31)), actors=[actor],
                    events=[event], places=[place], meta=Meta(tidings="test"))  # fmt: skip


def _statements_to_save(store: Store, analysis: Analysis) -> int:
    count = 0

    def seen(*_args: object) -> None:
        nonlocal count
        count += 1

    engine = store._open()
    event.listen(engine, "before_cursor_execute", seen)
    try:
        store.save(analysis)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    return count


def test_linking_cost_does_not_grow_with_the_store(tmp_path: Path) -> None:
    """The same new article costs the same statements and candidates in a small or large store."""
    found = []
    for size in (60, 240):
        with Store(tmp_path / f"s{size}.db") as store:
            for day in range(size):
                store.save(_one_event_article(day, day))
            new = _one_event_article(30, 999)
            (report,) = reports(new)
            with store._open().connect() as conn:
                n_candidates = len(candidates(conn, report))
            found.append((n_candidates, _statements_to_save(store, new)))
    assert found[0] == found[1]
    assert found[0][0] < 60  # a bounded window, not the corpus


def test_an_incident_outliving_its_first_report_keeps_its_id(tmp_path: Path) -> None:
    """Re-analysed so that its first report now starts another incident, nothing collides."""
    first, second = _one_event_article(5, 1), _one_event_article(5, 1)
    second.article.id, second.article.source = "other", "Other Outlet"
    with Store(tmp_path / "ids.db") as store:
        store.save(first)
        store.save(second)
        (inc,) = incidents(store, Filters())
        assert inc["n_articles"] == 2
        moved = first.model_copy(deep=True)
        moved.places[0].country, moved.places[0].lat = "NE", 13.5  # now elsewhere
        store.save(moved)
        found = {i["incident_id"]: i["n_articles"] for i in incidents(store, Filters())}
        assert found[inc["incident_id"]] == 1 and len(found) == 2

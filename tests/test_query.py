"""The query library and `tidings query` on the written corpus (real pipeline, real SQLite)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from tests.corpus_helpers import corpus_db
from tidings.cli import app
from tidings.query import FilterError, Filters, actors, articles, events, incidents, quotes
from tidings.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):
    return corpus_db(tmp_path_factory)


@pytest.fixture(scope="module")
def store(db):
    with Store(db) as s:
        yield s


ALL = Filters(limit=1000)


@pytest.mark.parametrize("query", [events, incidents, actors, quotes, articles])
def test_every_query_returns_json_ready_rows(store: Store, query) -> None:
    rows = query(store, ALL)
    assert rows
    assert json.loads(json.dumps(rows)) == rows


def test_type_and_mode(store: Store) -> None:
    rows = events(store, Filters(type="assault"))
    assert rows and {r["type"] for r in rows} == {"ASSAULT"}
    aerial = events(store, Filters(type="ASSAULT/aerial"))
    assert aerial and {r["mode"] for r in aerial} == {"aerial"}
    assert len(aerial) < len(rows)


def test_actor_by_name_or_kb_id(store: Store) -> None:
    by_name = events(store, Filters(actor="boko"))
    by_id = events(store, Filters(actor="NGA-BOKOHARAM"))
    assert by_name and by_name == by_id
    for r in by_name:
        assert "Boko Haram" in {a["name"] for a in r["source"] + r["target"]}


def test_country_alpha2_or_alpha3(store: Store) -> None:
    two, three = events(store, Filters(country="UA")), events(store, Filters(country="UKR"))
    assert two == three
    assert {r["outlet"] for r in two} == {"Kyiv Ledger", "European Herald"}


def test_dates_and_text(store: Store) -> None:
    june = events(store, Filters(since="2024-06", until="2024-06"))
    assert june and {r["type"] for r in june} == {"PROTEST"}
    store_hit = events(store, Filters(text="HARDWARE store"))
    assert {r["outlet"] for r in store_hit} == {"Kyiv Ledger", "European Herald"}
    for r in store_hit:
        assert "hardware store" in r["sentence"]["text"].lower()


def test_attribution_and_certainty(store: Store) -> None:
    authors = events(store, Filters(attributed_to="author", limit=1000))
    assert authors and all(r["attributed_to"] is None for r in authors)
    certain = events(store, Filters(certainty="certain", limit=1000))
    assert certain and {r["certainty"] for r in certain} == {"certain"}
    everything = events(store, ALL)
    assert len(certain) < len(everything)


def test_min_sources(store: Store) -> None:
    rows = events(store, Filters(min_sources=2, limit=1000))
    corroborated = {i["incident_id"] for i in incidents(store, Filters(min_sources=2))}
    assert rows and {r["incident_id"] for r in rows} == corroborated


def test_paging(store: Store) -> None:
    everything = events(store, ALL)
    pages = [events(store, Filters(limit=4, offset=o)) for o in range(0, len(everything), 4)]
    assert [r for page in pages for r in page] == everything


def test_actors_across_articles(store: Store) -> None:
    rows = {r["key"]: r for r in actors(store, ALL)}
    boko = rows["kb:NGA-BOKOHARAM"]
    assert boko["articles"] == 4 and boko["events"] >= 4 and boko["mentions"] >= boko["articles"]
    assert all(r["articles"] >= 3 for r in actors(store, Filters(min_sources=3)))
    people = actors(store, Filters(type="civilians"))
    assert people and {r["kind"] for r in people} == {"civilians"}


def test_quotes_and_articles(store: Store) -> None:
    said = quotes(store, Filters(text="15 bodies"))
    assert {r["outlet"] for r in said} == {"Continental Wire", "Sahel Tribune"}
    arts = {r["outlet"]: r for r in articles(store, ALL)}
    assert arts["Sahel Tribune"]["duplicate_of"] == arts["Continental Wire"]["article_id"]
    assert arts["Continental Wire"]["duplicate_of"] is None
    assert [r["outlet"] for r in articles(store, Filters(text="pension"))] == ["Santiago Times"]


@pytest.mark.parametrize(
    "bad",
    [
        {"certainty": "sure"},
        {"type": "ATTACK"},
        {"since": "March 2024"},
        {"country": "Narnia"},
        {"limit": -1},
    ],
)
def test_bad_filters_are_named(store: Store, bad: dict) -> None:
    with pytest.raises(FilterError, match=next(iter(bad))):
        events(store, Filters(**bad))


def test_cli_json_csv_and_table(db) -> None:
    out = runner.invoke(
        app, ["query", "incidents", "--min-sources", "2", "--format", "json", "--db", str(db)]
    )
    assert out.exit_code == 0, out.output
    assert {r["n_outlets"] for r in json.loads(out.output)} <= {2, 3}
    out = runner.invoke(
        app, ["query", "events", "--type", "PROTEST", "--format", "csv", "--db", str(db)]
    )
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert rows and {r["type"] for r in rows} == {"PROTEST/demo"}
    out = runner.invoke(app, ["query", "actors", "--actor", "boko", "--db", str(db)])
    assert out.exit_code == 0 and "kb:NGA-BOKOHARAM" in out.output


def test_cli_errors_are_sentences(db, tmp_path) -> None:
    out = runner.invoke(app, ["query", "events", "--certainty", "sure", "--db", str(db)])
    assert out.exit_code == 2 and "certainty 'sure'" in out.output
    missing = tmp_path / "none.db"
    out = runner.invoke(app, ["query", "events", "--db", str(missing)])
    assert out.exit_code == 6 and "no store there" in out.output
    assert not missing.exists()

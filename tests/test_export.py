"""Every export of the written corpus is written, then read back by the tools analysts use."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tests.corpus_helpers import corpus_db
from tidings.cli import app
from tidings.export import export
from tidings.export.acled import COLUMNS as ACLED_COLUMNS
from tidings.export.gdelt import HEADER, goldstein, goldstein_table
from tidings.export.tables import COLUMNS
from tidings.model import Analysis
from tidings.store import Store

ROOT = Path(__file__).resolve().parent.parent
PLOVER_SCHEMA = json.loads((ROOT / "schema" / "plover-record.json").read_text(encoding="utf-8"))
runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    with Store(corpus_db(tmp_path_factory)) as s:
        yield s


def _maiduguri(frame: pd.DataFrame, column: str = "place_name") -> pd.Series:
    rows = frame[(frame[column] == "Maiduguri") & (frame["n_articles"] > 1)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_jsonl_is_the_full_analysis_per_article(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    result = export(store, "jsonl", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert result.records == len(lines) == store.count("articles") == 11
    for line in lines:
        analysis = Analysis.model_validate(json.loads(line))
        assert store.load(analysis.article.id) == analysis


@pytest.mark.parametrize("per", ["event", "incident"])
def test_plover_records_validate(store: Store, tmp_path: Path, per: str) -> None:
    out = tmp_path / f"plover-{per}.jsonl"
    export(store, "plover", out, per=per)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = store.count("events") if per == "event" else store.count("incidents")
    assert len(records) == expected
    validator = jsonschema.Draft202012Validator(PLOVER_SCHEMA)
    for record in records:
        validator.validate(record)
    assert len({r["id"] for r in records}) == len(records)


def test_plover_incident_record(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "plover.jsonl"
    export(store, "plover", out, per="incident")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    found = [r for r in records if (r["event_loc"] or {}).get("resolved_place") == "Maiduguri"]
    inc = next(r for r in found if r["n_articles"] > 1)
    assert (inc["n_articles"], inc["n_outlets"], inc["size"]["dead"]) == (3, 3, 12)
    assert inc["date"] == "2024-03-10" and inc["event"] == ["ASSAULT"] and inc["quad_code"] == 4
    assert inc["event_loc"]["country_code"] == "NGA" and inc["event_loc"]["geonameid"]
    assert len(inc["sources"]) == inc["n_reports"] == 4


def test_schema_rejects_a_broken_record() -> None:
    validator = jsonschema.Draft202012Validator(PLOVER_SCHEMA)
    good = {"id": "x", "date": "2024-01-02", "actor": [{"code": "USA"}], "event": ["CONSULT"]}
    validator.validate(good)
    for broken in (
        {k: v for k, v in good.items() if k != "date"},
        {**good, "event": ["ATTACK"]},
        {**good, "date": "2 Jan 2024"},
        {**good, "quad_code": 5},
    ):
        assert not validator.is_valid(broken)


def test_csv_tables_load_into_pandas(store: Store, tmp_path: Path) -> None:
    export(store, "csv", tmp_path / "csv")
    frames = {t: pd.read_csv(tmp_path / "csv" / f"{t}.csv") for t in COLUMNS}
    for table, cols in COLUMNS.items():
        assert list(frames[table].columns) == [name for name, _, _ in cols]
    assert len(frames["events"]) == store.count("events")
    assert len(frames["incidents"]) == store.count("incidents")
    assert len(frames["places"]) == store.count("places")
    assert len(frames["quotes"]) == store.count("quotes")
    inc = _maiduguri(frames["incidents"])
    assert (inc["n_articles"], inc["n_outlets"], inc["fatalities"]) == (3, 3, 12.0)
    assert json.loads(inc["disagreements"])[0]["field"] == "fatalities"


def test_parquet_tables_keep_their_types(store: Store, tmp_path: Path) -> None:
    export(store, "parquet", tmp_path / "pq")
    for table, cols in COLUMNS.items():
        arrow = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
        assert [(f.name, f.type) for f in arrow.schema] == [(n, k) for n, k, _ in cols]
    incidents = pd.read_parquet(tmp_path / "pq" / "incidents.parquet")
    assert str(incidents["n_articles"].dtype) == "int64"
    assert _maiduguri(incidents)["n_outlets"] == 3
    events = pd.read_parquet(tmp_path / "pq" / "events.parquet")
    assert len(events) == store.count("events") and events["conditional"].dtype == bool


def test_gdelt_tsv(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    export(store, "gdelt", out)
    frame = pd.read_csv(out, sep="\t", header=None, names=HEADER, dtype={"EventCode": str})
    assert len(HEADER) == 61 and len(frame) == store.count("incidents")
    row = frame[
        (frame["ActionGeo_FullName"].str.startswith("Maiduguri", na=False))
        & (frame["NumArticles"] > 1)
    ].iloc[0]
    assert (row["NumArticles"], row["NumSources"], row["NumMentions"]) == (3, 3, 4)
    assert row["SQLDATE"] == 20240310 and row["QuadClass"] == 4
    assert (
        row["GoldsteinScale"] == goldstein(row["EventCode"]) and row["Actor1Name"] == "BOKO HARAM"
    )
    assert frame["GLOBALEVENTID"].is_unique


def test_goldstein_table() -> None:
    table = goldstein_table()
    assert len(table) > 250 and all(-10 <= v <= 10 for v in table.values())
    assert goldstein("190") == table["190"] and goldstein("1901") == table["190"]  # base code
    assert goldstein(None) is None


def test_acled_table(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    result = export(store, "acled", out)
    frame = pd.read_csv(out)
    assert list(frame.columns) == ACLED_COLUMNS
    assert len(frame) + len(result.skipped) == store.count("incidents")
    row = frame[(frame["location"] == "Maiduguri") & frame["source"].str.contains(";")].iloc[0]
    assert row["fatalities"] == 12 and row["actor1"] == "Boko Haram"
    assert row["country"] == "Nigeria" and row["iso"] == 566 and row["geo_precision"] == 1
    assert "disagree on fatalities" in row["notes"] and "15.0 (Continental Wire)" in row["notes"]
    protests = frame[frame["event_type"] == "Protests"]
    assert set(protests["location"]) >= {"Nairobi", "Santiago"}
    assert set(protests["inter1"].dropna()) <= {6}


def test_cli_export(tmp_path: Path, store: Store) -> None:
    db = str(store.url).removeprefix("sqlite:///")
    out = runner.invoke(app, ["export", "--format", "jsonl", "--db", db])
    assert out.exit_code == 0 and len(out.output.splitlines()) == 11
    out = runner.invoke(app, ["export", "--format", "parquet", "--db", db])
    assert out.exit_code == 2 and "give a folder with --out" in out.output
    out = runner.invoke(app, ["export", "--format", "xml", "--db", db])
    assert out.exit_code == 2 and "'xml' is not one of" in out.output

"""``csv`` and ``parquet``: flat tables of events, incidents, actors, quotes and places.

One file per table in the output folder (``events.csv`` or ``events.parquet``, ...), one scalar
per cell so pandas, polars and DuckDB read them as they are: lists of actors become
'; '-joined names and ids, the disagreements a JSON string. Each column has one declared type,
so a Parquet column keeps it even when every value is empty.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import select

from tidings.export.records import every
from tidings.query import actors, events, incidents, quotes
from tidings.query.filters import engine_of
from tidings.store import schema

Getter = Callable[[dict[str, Any]], Any]
S, INT, F, B = pa.string(), pa.int64(), pa.float64(), pa.bool_()


def _get(*path: str) -> Getter:
    def get(row: dict[str, Any]) -> Any:
        value: Any = row
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    return get


def _join(slot: str, field: str) -> Getter:
    return lambda r: "; ".join(str(a.get(field) or "") for a in r.get(slot) or []) or None


def _list(field: str) -> Getter:
    return lambda r: "; ".join(r.get(field) or []) or None


PLACE_COLUMNS: list[tuple[str, pa.DataType, Getter]] = [
    ("place_name", S, _get("place", "name")),
    ("place_country", S, _get("place", "country")),
    ("place_admin1", S, _get("place", "admin1")),
    ("place_geonameid", INT, _get("place", "geonameid")),
    ("lat", F, _get("place", "lat")),
    ("lon", F, _get("place", "lon")),
]

COLUMNS: dict[str, list[tuple[str, pa.DataType, Getter]]] = {
    "events": [
        ("article_id", S, _get("article_id")),
        ("event_id", S, _get("event_id")),
        ("published", S, _get("published")),
        ("outlet", S, _get("outlet")),
        ("url", S, _get("url")),
        ("type", S, _get("type")),
        ("mode", S, _get("mode")),
        ("cameo", S, _get("cameo")),
        ("certainty", S, _get("certainty")),
        ("polarity", S, _get("polarity")),
        ("attributed_to", S, _get("attributed_to", "name")),
        ("source_ids", S, _join("source", "id")),
        ("source_names", S, _join("source", "name")),
        ("target_ids", S, _join("target", "id")),
        ("target_names", S, _join("target", "name")),
        ("denied_by", S, _join("denied_by", "name")),
        ("date", S, _get("date")),
        *PLACE_COLUMNS,
        ("fatalities", F, _get("fatalities")),
        ("trigger", S, _get("trigger", "text")),
        ("sentence", S, _get("sentence", "text")),
        ("tense", S, _get("tense")),
        ("conditional", B, _get("conditional")),
        ("generic", B, _get("generic")),
        ("confidence", F, _get("confidence")),
        ("incident_id", S, _get("incident_id")),
    ],
    "incidents": [
        ("incident_id", S, _get("incident_id")),
        ("type", S, _get("type")),
        ("mode", S, _get("mode")),
        ("date", S, _get("date")),
        ("window_start", S, lambda r: r["window"][0]),
        ("window_end", S, lambda r: r["window"][1]),
        ("country", S, _get("country")),
        *PLACE_COLUMNS,
        ("fatalities", F, _get("fatalities")),
        ("certainty", S, _get("certainty")),
        ("n_reports", INT, _get("n_reports")),
        ("n_articles", INT, _get("n_articles")),
        ("n_outlets", INT, _get("n_outlets")),
        ("outlets", S, _list("outlets")),
        ("first_report", S, _get("first_report")),
        ("last_report", S, _get("last_report")),
        ("source_actors", S, _list("source_actors")),
        ("target_actors", S, _list("target_actors")),
        (
            "disagreements",
            S,
            lambda r: json.dumps(r["disagreements"]) if r["disagreements"] else None,
        ),
    ],
    "actors": [
        ("key", S, _get("key")),
        ("name", S, _get("name")),
        ("kind", S, _get("kind")),
        ("country", S, _get("country")),
        ("kb_id", S, _get("kb_id")),
        ("names", S, _list("names")),
        ("articles", INT, _get("articles")),
        ("mentions", INT, _get("mentions")),
        ("quotes", INT, _get("quotes")),
        ("events", INT, _get("events")),
    ],
    "quotes": [
        ("article_id", S, _get("article_id")),
        ("quote_id", S, _get("quote_id")),
        ("published", S, _get("published")),
        ("outlet", S, _get("outlet")),
        ("kind", S, _get("kind")),
        ("text", S, _get("text")),
        ("start", INT, _get("span", "start")),
        ("end", INT, _get("span", "end")),
        ("speaker_id", S, _get("speaker", "id")),
        ("speaker", S, _get("speaker", "name")),
        ("speaker_kb_id", S, _get("speaker", "kb_id")),
        ("cue", S, _get("cue")),
        ("via", S, _get("via")),
        ("confidence", F, _get("confidence")),
    ],
    "places": [
        ("article_id", S, _get("article_id")),
        ("place_id", S, _get("place_id")),
        ("text", S, _get("text")),
        ("start", INT, _get("start")),
        ("end", INT, _get("end")),
        ("name", S, _get("name")),
        ("kind", S, _get("kind")),
        ("country", S, _get("country")),
        ("admin1", S, _get("admin1")),
        ("geonameid", INT, _get("geonameid")),
        ("lat", F, _get("lat")),
        ("lon", F, _get("lon")),
        ("confidence", F, _get("confidence")),
    ],
}


def _places(store: Any) -> Iterator[dict[str, Any]]:
    p = schema.places
    with engine_of(store).connect() as conn:
        for row in conn.execute(select(p).order_by(p.c.article_id, p.c.start, p.c.place_id)):
            yield row._asdict()


def records(store: Any, table: str) -> Iterator[dict[str, Any]]:
    """The records behind one flat table."""
    sources = {"events": events, "incidents": incidents, "actors": actors, "quotes": quotes}
    if table == "places":
        return _places(store)
    return every(sources[table], store)


def flat_rows(store: Any, table: str) -> Iterator[list[Any]]:
    """The cells of `table`, row by row, in the order of `COLUMNS[table]`."""
    cols = COLUMNS[table]
    for record in records(store, table):
        yield [get(record) for _, _, get in cols]


def write_csv(store: Any, folder: Path) -> list[Path]:
    """One CSV per table in `folder` (created); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for table, cols in COLUMNS.items():
        path = folder / f"{table}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([name for name, _, _ in cols])
            writer.writerows(flat_rows(store, table))
        paths.append(path)
    return paths


def write_parquet(store: Any, folder: Path) -> list[Path]:
    """One Parquet file per table in `folder` (created), typed by `COLUMNS`; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for table, cols in COLUMNS.items():
        rows = list(flat_rows(store, table))
        arrow_schema = pa.schema([(name, kind) for name, kind, _ in cols])
        data = {name: [row[i] for row in rows] for i, (name, _, _) in enumerate(cols)}
        path = folder / f"{table}.parquet"
        pq.write_table(pa.Table.from_pydict(data, schema=arrow_schema), path)
        paths.append(path)
    return paths

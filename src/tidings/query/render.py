"""Query results as a text table, JSON or CSV: the flat columns each query shows.

JSON keeps the records as the library returns them; the table and CSV flatten each record to
the columns listed in `COLUMNS` (actors as names joined by '; ', a place as its name).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

FORMATS = ("table", "json", "csv")
TABLE_WIDTH = 48


def _names(actors: list[dict[str, Any]] | None) -> str:
    return "; ".join(str(a.get("name") or a.get("id")) for a in actors or [])


def _type(r: dict[str, Any]) -> str:
    return f"{r['type']}/{r['mode']}" if r.get("mode") else str(r["type"])


def _place(r: dict[str, Any]) -> str:
    return str((r.get("place") or {}).get("name") or "")


def _disagreements(r: dict[str, Any]) -> str:
    return "; ".join(
        f"{d['field']} " + " vs ".join(str(v["value"]) for v in d["values"])
        for d in r.get("disagreements") or []
    )


Getter = Callable[[dict[str, Any]], Any]


def _key(name: str) -> Getter:
    return lambda r: r.get(name)


COLUMNS: dict[str, list[tuple[str, Getter]]] = {
    "events": [
        ("article", _key("article_id")),
        ("event", _key("event_id")),
        ("published", _key("published")),
        ("outlet", _key("outlet")),
        ("type", _type),
        ("source", lambda r: _names(r["source"])),
        ("target", lambda r: _names(r["target"])),
        ("certainty", _key("certainty")),
        ("attributed_to", lambda r: (r["attributed_to"] or {}).get("name") or "author"),
        ("date", _key("date")),
        ("place", _place),
        ("fatalities", _key("fatalities")),
        ("trigger", lambda r: r["trigger"]["text"]),
        ("incident", _key("incident_id")),
    ],
    "incidents": [
        ("incident", _key("incident_id")),
        ("type", _type),
        ("date", _key("date")),
        ("place", _place),
        ("country", _key("country")),
        ("articles", _key("n_articles")),
        ("outlets", _key("n_outlets")),
        ("reports", _key("n_reports")),
        ("fatalities", _key("fatalities")),
        ("certainty", _key("certainty")),
        ("first_report", _key("first_report")),
        ("last_report", _key("last_report")),
        ("disagreements", _disagreements),
    ],
    "actors": [
        ("key", _key("key")),
        ("name", _key("name")),
        ("kind", _key("kind")),
        ("country", _key("country")),
        ("articles", _key("articles")),
        ("mentions", _key("mentions")),
        ("quotes", _key("quotes")),
        ("events", _key("events")),
    ],
    "quotes": [
        ("article", _key("article_id")),
        ("quote", _key("quote_id")),
        ("published", _key("published")),
        ("outlet", _key("outlet")),
        ("speaker", lambda r: (r["speaker"] or {}).get("name")),
        ("kind", _key("kind")),
        ("cue", _key("cue")),
        ("text", _key("text")),
    ],
    "articles": [
        ("article", _key("article_id")),
        ("published", _key("published")),
        ("outlet", _key("outlet")),
        ("title", _key("title")),
        ("events", _key("events")),
        ("quotes", _key("quotes")),
        ("actors", _key("actors")),
        ("duplicate_of", _key("duplicate_of")),
    ],
}


def flat(kind: str, rows: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """The header and the cells of `rows` (None as an empty cell)."""
    cols = COLUMNS[kind]
    cells = [["" if (v := get(r)) is None else str(v) for _, get in cols] for r in rows]
    return [name for name, _ in cols], cells


def _table(header: list[str], cells: list[list[str]]) -> str:
    cut = [
        [c if len(c) <= TABLE_WIDTH else c[: TABLE_WIDTH - 1] + "…" for c in row] for row in cells
    ]
    widths = [max([len(h)] + [len(row[i]) for row in cut]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cut
    ]
    return "\n".join(lines)


def render(kind: str, rows: list[dict[str, Any]], fmt: str = "table") -> str:
    """`rows` of query `kind` as text in `fmt` (table, json or csv)."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    header, cells = flat(kind, rows)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(cells)
        return out.getvalue().rstrip("\n")
    if fmt == "table":
        return _table(header, cells) if rows else f"no {kind} found"
    raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")

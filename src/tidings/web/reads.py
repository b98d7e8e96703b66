"""The rows the web app shows, built on the query library (`tidings.query`), never on own SQL.

`tidings.query` selects and pages; this module flattens its records into table rows (names
instead of nested actors), and sorts a whole result before cutting the page, since a table
sorted one page at a time would be wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tidings.corpus.reports import actor_key as _model_key
from tidings.export.records import every
from tidings.model import Actor, Analysis, Event
from tidings.query import Filters
from tidings.store import Store

AUTHOR = "the article's author"
HERE = Path(__file__).resolve().parent
Query = Callable[[Store, Filters], list[dict[str, Any]]]


def actor_key(actor: Actor | dict[str, Any] | None) -> str | None:
    """The corpus key of an actor (model or query record): ``kb:<id>`` or ``name:...``."""
    if actor is None:
        return None
    if isinstance(actor, dict):
        if not actor.get("name"):
            return None
        fields = {k: actor.get(k) for k in ("name", "country", "kb_id")}
        actor = Actor.model_validate({**fields, "id": "?", "kind": actor.get("kind") or "unknown"})
    return _model_key(actor)


def everything(query: Query, store: Store, f: Filters) -> list[dict[str, Any]]:
    """Every record `query` selects under `f` (all pages), so a table sorts the whole result."""
    return list(every(query, store, f))


def order(rows: list[dict[str, Any]], sort: str | None, desc: bool) -> list[int]:
    """The positions of `rows` sorted by a column (missing values last); as given without one."""
    if not sort:
        return list(range(len(rows)))
    present = [i for i, r in enumerate(rows) if r.get(sort) not in (None, "", [])]
    missing = [i for i, r in enumerate(rows) if r.get(sort) in (None, "", [])]
    return sorted(present, key=lambda i: str(rows[i][sort]), reverse=desc) + missing


def sort_page(
    rows: list[dict[str, Any]], sort: str | None, desc: bool, limit: int, offset: int
) -> list[dict[str, Any]]:
    """One page of `rows`, sorted by a column."""
    return [rows[i] for i in order(rows, sort, desc)[offset : offset + limit]]


def _names(actors: list[dict[str, Any]]) -> list[str]:
    return [a["name"] for a in actors if a.get("name")]


def _keys(actors: list[dict[str, Any]]) -> list[str]:
    return [k for k in (actor_key(a) for a in actors) if k]


def event_row(r: dict[str, Any]) -> dict[str, Any]:
    """A `tidings.query.events` record, flat: a table row, a CSV line."""
    place = r.get("place") or {}
    attributed = r.get("attributed_to")
    return {
        "article_id": r["article_id"],
        "article_title": r.get("title"),
        "outlet": r.get("outlet"),
        "published": r.get("published"),
        "event_id": r["event_id"],
        "incident_id": r.get("incident_id"),
        "type": r["type"],
        "mode": r.get("mode"),
        "certainty": r["certainty"],
        "polarity": r.get("polarity"),
        "source": _names(r["source"]),
        "target": _names(r["target"]),
        "source_keys": _keys(r["source"]),
        "target_keys": _keys(r["target"]),
        "attributed_to": attributed["name"] if attributed else None,
        "asserted_by": attributed["name"] if attributed else AUTHOR,
        "denied_by": _names(r.get("denied_by") or []),
        "place": place.get("name"),
        "country": place.get("country"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "date": r.get("date"),
        "trigger": r["trigger"]["text"],
        "evidence": r["sentence"]["text"],
        "fatalities": r.get("fatalities"),
    }


def analysis_event(a: Analysis, e: Event) -> dict[str, Any]:
    """The same flat row for an event of one loaded `Analysis` (the reader, the actor page)."""
    place = next((p for p in a.places if p.id == e.place), None)

    def actors(ids: list[str]) -> list[dict[str, Any]]:
        return [x.model_dump() for i in ids if (x := a.actor(i))]

    record = {
        "article_id": a.article.id, "title": a.article.title, "outlet": a.article.source,
        "published": a.article.published.isoformat() if a.article.published else None,
        "event_id": e.id, "type": e.type, "mode": e.mode, "certainty": e.certainty,
        "polarity": e.polarity, "source": actors(e.source), "target": actors(e.target),
        "denied_by": actors(e.denied_by),
        "attributed_to": (x.model_dump() if (x := a.actor(e.attributed_to)) else None),
        "place": place.model_dump() if place else None,
        "date": e.date.value if e.date else None,
        "trigger": {"text": e.trigger.text}, "sentence": {"text": e.sentence.text},
        "fatalities": e.fatalities.value if e.fatalities else None,
    }  # fmt: skip
    return event_row(record)


def event_day(row: dict[str, Any]) -> str | None:
    """The event's day (YYYY-MM-DD, or shorter when partial): its own date, else published."""
    day = row["date"] or row["published"]
    return day[:10] if day else None


EVENT_SORTS = ("published", "date", "type", "certainty", "place", "trigger", "asserted_by")
INCIDENT_SORTS = ("date", "type", "n_outlets", "n_articles", "certainty", "first_report")

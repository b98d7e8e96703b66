"""The reads the web app serves, over the stored analyses kept in memory.

Why in memory: every page needs whole analyses (names of actors, places, evidence spans), and a
store of analyst size fits; the cache is checked against the store on every request (one small
query on ``articles``), so an article saved by another process shows up at once.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sqlalchemy import select

from tidings.model import Analysis, Event
from tidings.store import Store, schema

AUTHOR = "the article's author"
HERE = Path(__file__).resolve().parent


class Corpus:
    """Every analysis of one store, reloaded article by article when it changes."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._items: dict[str, Analysis] = {}
        self._stamps: dict[str, Any] = {}
        self._lock = threading.Lock()

    def _current(self) -> dict[str, Any]:
        query = select(schema.articles.c.id, schema.articles.c.analysed_at)
        return {row.id: row.analysed_at for row in self.store._read("articles", query)}

    def analyses(self) -> list[Analysis]:
        """All analyses, newest publication first (then by id), fresh from the store."""
        stamps = self._current()
        with self._lock:
            if stamps != self._stamps:
                for gone in set(self._items) - set(stamps):
                    del self._items[gone]
                for aid, stamp in stamps.items():
                    if self._stamps.get(aid) != stamp or aid not in self._items:
                        loaded = self.store.load(aid)
                        if loaded is not None:
                            self._items[aid] = loaded
                self._stamps = stamps
            items = list(self._items.values())
        return sorted(items, key=_newest_first)

    def get(self, article_id: str) -> Analysis | None:
        return next((a for a in self.analyses() if a.article.id == article_id), None)


def _newest_first(a: Analysis) -> tuple[int, str]:
    day = a.article.published or dt.date.min
    return (-day.toordinal(), a.article.id)


def actor_key(a: Analysis, actor_id: str | None) -> str | None:
    """The corpus-wide key of an actor: its KB id, else its name (as `Store.actors` groups)."""
    actor = a.actor(actor_id)
    return None if actor is None else actor.kb_id or actor.name


def actor_name(a: Analysis, actor_id: str | None) -> str | None:
    actor = a.actor(actor_id)
    return None if actor is None else actor.name


def asserted_by(a: Analysis, e: Event) -> str:
    """Who tells the event: the actor it is attributed to, else the article's author."""
    return actor_name(a, e.attributed_to) or AUTHOR


def article_summary(a: Analysis) -> dict[str, Any]:
    art = a.article
    return {
        "id": art.id,
        "title": art.title,
        "source": art.source,
        "url": art.url,
        "published": art.published.isoformat() if art.published else None,
        "status": a.status,
        "actors": len(a.actors),
        "quotes": len(a.quotes),
        "events": len(a.events),
    }


def event_row(a: Analysis, e: Event) -> dict[str, Any]:
    """One event, flat, with names instead of ids: a table row, a CSV line, a card."""
    place = next((p for p in a.places if p.id == e.place), None)
    return {
        "article_id": a.article.id,
        "article_title": a.article.title,
        "published": a.article.published.isoformat() if a.article.published else None,
        "event_id": e.id,
        "type": e.type,
        "mode": e.mode,
        "certainty": e.certainty,
        "polarity": e.polarity,
        "source": [n for n in (actor_name(a, i) for i in e.source) if n],
        "target": [n for n in (actor_name(a, i) for i in e.target) if n],
        "source_keys": [k for k in (actor_key(a, i) for i in e.source) if k],
        "target_keys": [k for k in (actor_key(a, i) for i in e.target) if k],
        "attributed_to": actor_name(a, e.attributed_to),
        "asserted_by": asserted_by(a, e),
        "denied_by": [n for n in (actor_name(a, i) for i in e.denied_by) if n],
        "place": place.name if place else None,
        "country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "date": (e.date.value if e.date else None) or None,
        "trigger": e.trigger.text,
        "trigger_start": e.trigger.start,
        "evidence": e.sentence.text,
        "fatalities": e.fatalities.value if e.fatalities else None,
    }


@dataclass(frozen=True)
class EventFilters:
    """The filters of ``tidings query events``; every one optional, all must hold."""

    type: str | None = None
    actor: str | None = None
    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None
    attributed_to: str | None = None
    certainty: str | None = None

    def active(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def _has(needle: str, haystack: Iterable[str | None]) -> bool:
    n = needle.casefold()
    return any(h and n in h.casefold() for h in haystack)


def event_day(row: dict[str, Any]) -> str | None:
    """The event's day (YYYY-MM-DD, or shorter when partial): its own date, else published."""
    day = row["date"] or row["published"]
    return day[:10] if day else None


def matches(row: dict[str, Any], f: EventFilters) -> bool:
    """Whether an event row passes every filter (names match by case-folded substring)."""
    actors = row["source"] + row["target"] + row["source_keys"] + row["target_keys"]
    day = event_day(row)
    checks = (
        f.type is None or row["type"] == f.type.upper(),
        f.certainty is None or row["certainty"] == f.certainty.lower(),
        f.actor is None or _has(f.actor, actors),
        f.attributed_to is None or _has(f.attributed_to, [row["asserted_by"]]),
        f.country is None or (row["country"] or "").upper() == f.country.upper(),
        f.text is None or _has(f.text, [row["evidence"], row["trigger"]]),
        f.since is None or (day is not None and day[:10] >= f.since.isoformat()),
        f.until is None or (day is not None and day[:10] <= f.until.isoformat()),
    )
    return all(checks)


EVENT_SORTS = ("published", "date", "type", "certainty", "place", "trigger", "asserted_by")


def events(corpus: Corpus, f: EventFilters) -> list[dict[str, Any]]:
    """Every stored event passing `f`, in article order then text order."""
    rows = (event_row(a, e) for a in corpus.analyses() for e in a.events)
    return [r for r in rows if matches(r, f)]


def sort_page(
    rows: list[dict[str, Any]], sort: str | None, desc: bool, limit: int, offset: int
) -> list[dict[str, Any]]:
    """One page of `rows`, sorted by a column (missing values last)."""
    if sort:
        present = [r for r in rows if r.get(sort) is not None]
        missing = [r for r in rows if r.get(sort) is None]
        rows = sorted(present, key=lambda r: str(r[sort]), reverse=desc) + missing
    return rows[offset : offset + limit]

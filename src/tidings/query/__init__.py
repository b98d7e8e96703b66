"""Corpus queries: one library function per query, shared by the CLI and the REST API.

Each takes a `Store` (or its SQLAlchemy engine) and a `Filters`, and returns a list of plain,
JSON-ready dicts (dates as ISO strings), one page at a time (``limit``/``offset``)::

    from tidings.store import Store
    from tidings.query import Filters, events

    rows = events(Store("tidings.db"), Filters(type="ASSAULT", country="NG", min_sources=2))

A filter value that cannot be applied raises `FilterError` naming it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tidings.query.actors import actors_query as actors
from tidings.query.articles import articles_query as articles
from tidings.query.events import events
from tidings.query.filters import FilterError, Filters
from tidings.query.incidents import REPORTS_LIMIT, incident
from tidings.query.incidents import incidents_query as incidents
from tidings.query.quotes import quotes_query as quotes

if TYPE_CHECKING:
    from tidings.store import Store

QUERIES = {
    "events": events,
    "incidents": incidents,
    "actors": actors,
    "quotes": quotes,
    "articles": articles,
}
"""The queries by name, as the CLI and the REST API offer them."""


def run(
    what: str,
    filters: Filters,
    db: str | None = None,
    reports: int | None = REPORTS_LIMIT,
    reports_offset: int = 0,
) -> list[dict[str, Any]]:
    """Run query `what` on the store at `db` (a path or SQLAlchemy URL); StoreError if absent.

    `reports` and `reports_offset` page the reports each incident lists (incidents only)."""
    if what not in QUERIES:
        raise FilterError(f"no query {what!r} (queries: {', '.join(QUERIES)})")
    with open_existing(db) as store:
        if what == "incidents":
            return incidents(store, filters, reports, reports_offset)
        return QUERIES[what](store, filters)


def open_existing(db: str | None) -> Store:
    """The store at `db` (default ``tidings.db``); one that does not exist is an error, never
    created empty."""
    from tidings.store import DEFAULT_URL, Store

    return Store(db or DEFAULT_URL, create=False)


__all__ = [
    "QUERIES",
    "REPORTS_LIMIT",
    "FilterError",
    "Filters",
    "actors",
    "articles",
    "events",
    "incident",
    "incidents",
    "open_existing",
    "quotes",
    "run",
]

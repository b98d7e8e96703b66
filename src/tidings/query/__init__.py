"""Corpus queries: one library function per query, shared by the CLI and the REST API.

Each takes a `Store` (or its SQLAlchemy engine) and a `Filters`, and returns a list of plain,
JSON-ready dicts (dates as ISO strings), one page at a time (``limit``/``offset``)::

    from tidings.store import Store
    from tidings.query import Filters, events

    rows = events(Store("tidings.db"), Filters(type="ASSAULT", country="NG", min_sources=2))

A filter value that cannot be applied raises `FilterError` naming it.
"""

from __future__ import annotations

from tidings.query.actors import actors_query as actors
from tidings.query.articles import articles_query as articles
from tidings.query.events import events
from tidings.query.filters import FilterError, Filters
from tidings.query.incidents import incident
from tidings.query.incidents import incidents_query as incidents
from tidings.query.quotes import quotes_query as quotes

QUERIES = {
    "events": events,
    "incidents": incidents,
    "actors": actors,
    "quotes": quotes,
    "articles": articles,
}
"""The queries by name, as the CLI and the REST API offer them."""

__all__ = [
    "QUERIES",
    "FilterError",
    "Filters",
    "actors",
    "articles",
    "events",
    "incident",
    "incidents",
    "quotes",
]

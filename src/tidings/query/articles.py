"""`articles`: the stored articles, with what was found in each and what they copy."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select

from tidings.query import events as event_query
from tidings.query.filters import Filters, actor_matches, date_range, engine_of, like
from tidings.store import schema

art, ev = schema.articles, schema.events


def conditions(f: Filters) -> list[ColumnElement[bool]]:
    """The WHERE conditions of `f` on ``articles``."""
    where: list[ColumnElement[bool]] = []
    if f.text:
        where.append(or_(like(art.c.text, f.text), like(func.coalesce(art.c.title, ""), f.text)))
    where += date_range(art.c.published, f.since, f.until)
    if f.actor:
        a = schema.actors
        where.append(exists().where(a.c.article_id == art.c.id, actor_matches(a, f.actor)))
    a2, a3 = f.countries()
    if a2 or a3:
        p, a = schema.places, schema.actors
        where.append(
            or_(
                exists().where(p.c.article_id == art.c.id, p.c.country == a2),
                exists().where(a.c.article_id == art.c.id, a.c.country == a3),
            )
        )
    inner = event_query.conditions(
        Filters(
            type=f.type,
            attributed_to=f.attributed_to,
            certainty=f.certainty,
            min_sources=f.min_sources,
        )
    )
    if inner:
        where.append(exists().where(ev.c.article_id == art.c.id, *inner))
    return where


def _count(table: Any) -> Any:
    return select(func.count()).where(table.c.article_id == art.c.id).scalar_subquery()


def articles_query(store: Any, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Articles matching `filters`, oldest first, without their text.

    Each dict: article_id, outlet, published, url, title, language, status, and the numbers
    of actors, quotes, events and places found in it, and `duplicate_of` when it copies
    another article. `type`, `attributed_to`, `certainty` and `min_sources` keep articles with
    at least one such event.
    """
    from tidings.store.duplicates import duplicates

    f = filters or Filters()
    dup = (
        select(func.min(duplicates.c.duplicate_of))
        .where(duplicates.c.article_id == art.c.id, duplicates.c.duplicate_of != art.c.id)
        .scalar_subquery()
    )
    query = (
        select(
            art.c.id,
            art.c.source,
            art.c.published,
            art.c.url,
            art.c.title,
            art.c.language,
            art.c.status,
            _count(schema.actors).label("actors"),
            _count(schema.quotes).label("quotes"),
            _count(ev).label("events"),
            _count(schema.places).label("places"),
            dup.label("duplicate_of"),
        )
        .where(*conditions(f))
        .order_by(art.c.published, art.c.id)
        .limit(f.limit)
        .offset(f.offset)
    )
    with engine_of(store).connect() as conn:
        rows = list(conn.execute(query))
    return [
        {
            "article_id": r.id,
            "outlet": r.source,
            "published": r.published.isoformat() if r.published else None,
            "url": r.url,
            "title": r.title,
            "language": r.language,
            "status": r.status,
            "actors": r.actors,
            "quotes": r.quotes,
            "events": r.events,
            "places": r.places,
            "duplicate_of": r.duplicate_of,
        }
        for r in rows
    ]

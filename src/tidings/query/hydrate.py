"""Turning a page of ids into JSON-ready records: actors and places of the page's articles.

Queries select and page on ids first, then read the actors and places of just those articles
in one query each, so a page costs the same however large the store is.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from tidings.store import schema

Key = tuple[str, str]


def actors_of(conn: Connection, article_ids: set[str]) -> dict[Key, dict[str, Any]]:
    """(article id, actor id) → {id, name, kind, country, kb_id, sector, cameo}."""
    a = schema.actors
    if not article_ids:
        return {}
    query = select(
        a.c.article_id,
        a.c.actor_id,
        a.c.name,
        a.c.kind,
        a.c.country,
        a.c.kb_id,
        a.c.sector,
        a.c.cameo,
    )
    rows = conn.execute(query.where(a.c.article_id.in_(sorted(article_ids))))
    return {
        (r.article_id, r.actor_id): {
            "id": r.actor_id,
            "name": r.name,
            "kind": r.kind,
            "country": r.country,
            "kb_id": r.kb_id,
            "sector": r.sector,
            "cameo": r.cameo,
        }
        for r in rows
    }


def places_of(conn: Connection, article_ids: set[str]) -> dict[Key, dict[str, Any]]:
    """(article id, place id) → the place's JSON fields, for these articles."""
    p = schema.places
    if not article_ids:
        return {}
    rows = conn.execute(select(p).where(p.c.article_id.in_(sorted(article_ids))))
    return {
        (r.article_id, r.place_id): {
            "id": r.place_id,
            "name": r.name,
            "text": r.text,
            "kind": r.kind,
            "country": r.country,
            "admin1": r.admin1,
            "geonameid": r.geonameid,
            "lat": r.lat,
            "lon": r.lon,
        }
        for r in rows
    }


def actor_list(actors: dict[Key, dict[str, Any]], article_id: str, ids: list[str]) -> list[dict]:
    """The actors of `ids` in one article (an unknown id keeps its id and no name)."""
    return [actors.get((article_id, i), {"id": i, "name": None}) for i in ids]


def article_ref(row: Any) -> dict[str, Any]:
    """Where a record was read: the article's id, outlet, date, URL and title."""
    return {
        "article_id": row.article_id,
        "outlet": row.source,
        "published": row.published.isoformat() if row.published else None,
        "url": row.url,
        "title": row.title,
    }


def roles_of(
    conn: Connection, article_ids: set[str]
) -> dict[tuple[str, str], dict[str, list[str]]]:
    """(article id, event id) → {source, target, denied_by: [actor ids]} for these articles."""
    link = schema.event_actors
    found: dict[tuple[str, str], dict[str, list[str]]] = {}
    if not article_ids:
        return found
    rows = conn.execute(
        select(link).where(link.c.article_id.in_(sorted(article_ids))).order_by(link.c.n)
    )
    for r in rows:
        slots = found.setdefault(
            (r.article_id, r.event_id), {"source": [], "target": [], "denied_by": []}
        )
        slots[r.role].append(r.actor_id)
    return found

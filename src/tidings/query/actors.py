"""`actors`: canonical actors across the corpus with their mention, quote and event counts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select

from tidings.corpus.actors import per_article_counts
from tidings.query.filters import Filters, date_range, engine_of, like
from tidings.store import schema

art = schema.articles


def _conditions(f: Filters, rows: Any) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if f.type:
        where.append(rows.c.kind == f.type.casefold())
    if f.actor:
        where.append(
            or_(like(rows.c.name, f.actor), func.lower(rows.c.kb_id) == f.actor.casefold())
        )
    _a2, a3 = f.countries()
    if a3:
        where.append(rows.c.country == a3)
    if f.text:
        where.append(like(rows.c.name, f.text))
    if f.since or f.until:
        where.append(
            exists().where(
                art.c.id == rows.c.article_id, *date_range(art.c.published, f.since, f.until)
            )
        )
    return where


def actors_query(store: Any, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Canonical actors matching `filters`, most articles first.

    Each dict: key (``kb:<id>`` or ``name:<name>|<kind>|<country>``), name, kind, country, kb_id,
    names (the distinct names it goes by, at most 10), articles, mentions, quotes (as speaker)
    and events (as source or target). `type` is an actor kind; `actor` and `text` match names;
    `country` the actor's; `since`/`until` the articles' dates; `min_sources` a number of
    articles. `attributed_to` and `certainty` do not apply.
    """
    f = filters or Filters()
    rows = per_article_counts().subquery()
    n_articles = func.count(func.distinct(rows.c.article_id))
    query = (
        select(
            rows.c.key,
            func.min(rows.c.name).label("name"),
            func.min(rows.c.kind).label("kind"),
            func.min(rows.c.country).label("country"),
            func.min(rows.c.kb_id).label("kb_id"),
            n_articles.label("articles"),
            func.sum(rows.c.mentions).label("mentions"),
            func.sum(rows.c.quotes).label("quotes"),
            func.sum(rows.c.events).label("events"),
        )
        .where(*_conditions(f, rows))
        .group_by(rows.c.key)
        .order_by(n_articles.desc(), func.sum(rows.c.mentions).desc(), rows.c.key)
        .limit(f.limit)
        .offset(f.offset)
    )
    if f.min_sources:
        query = query.having(n_articles >= f.min_sources)
    with engine_of(store).connect() as conn:
        found = [dict(r._asdict()) for r in conn.execute(query)]
        names = _names(conn, [r["key"] for r in found])
    for r in found:
        for k in ("articles", "mentions", "quotes", "events"):
            r[k] = int(r[k] or 0)
        r["names"] = names.get(r["key"], [])
    return found


def _names(conn: Any, keys: list[str]) -> dict[str, list[str]]:
    if not keys:
        return {}
    rows = per_article_counts().subquery()
    query = (
        select(rows.c.key, rows.c.name)
        .where(rows.c.key.in_(keys))
        .distinct()
        .order_by(rows.c.key, rows.c.name)
    )
    found: dict[str, list[str]] = {}
    for r in conn.execute(query):
        if len(found.setdefault(r.key, [])) < 10:
            found[r.key].append(r.name)
    return found

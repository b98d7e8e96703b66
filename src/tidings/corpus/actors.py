"""Actors across articles: one canonical actor per KB id, else per name, kind and country.

The merge is conservative on purpose: two actors not in the knowledge base are one only when
their case-folded names, kinds and countries are all equal ("Ahmed Musa" the person and
"Ahmed Musa" a business stay apart, as do two "police" of different countries). The key is the
same as an incident report's actor key (`tidings.corpus.reports.actor_key`), computed in SQL so
grouping happens in the database.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, func, literal, or_, select

from tidings.store import schema


def canonical_key(table: Any) -> ColumnElement[str]:
    """The SQL expression of an actor row's corpus key: ``kb:<id>`` or ``name:<name>|<kind>|<cc>``."""
    by_name = (
        literal("name:", String)
        + func.lower(table.c.name)
        + literal("|", String)
        + table.c.kind
        + literal("|", String)
        + func.coalesce(table.c.country, "")
    )
    return case((table.c.kb_id.is_not(None), literal("kb:", String) + table.c.kb_id), else_=by_name)


def per_article_counts() -> Any:
    """One row per (article, actor): its key and its mention, quote and event counts."""
    a, m, q, link = schema.actors, schema.mentions, schema.quotes, schema.event_actors

    def same(t: Any, col: Any) -> Any:
        return and_(t.c.article_id == a.c.article_id, col == a.c.actor_id)

    mentions = select(func.count()).where(same(m, m.c.actor_id)).scalar_subquery()
    quotes = select(func.count()).where(same(q, q.c.speaker)).scalar_subquery()
    events = (
        select(func.count(func.distinct(link.c.event_id)))
        .where(same(link, link.c.actor_id), or_(link.c.role == "source", link.c.role == "target"))
        .scalar_subquery()
    )
    return select(
        a.c.article_id,
        a.c.actor_id,
        canonical_key(a).label("key"),
        a.c.name,
        a.c.kind,
        a.c.country,
        a.c.kb_id,
        mentions.label("mentions"),
        quotes.label("quotes"),
        events.label("events"),
    )

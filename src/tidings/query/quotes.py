"""`quotes`: what was said, by whom, through which channel, across the corpus."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, select

from tidings.query.filters import Filters, actor_matches, date_range, engine_of, like
from tidings.query.hydrate import actors_of, article_ref
from tidings.store import schema

q, art, act = schema.quotes, schema.articles, schema.actors


def _speaker(needle: str | None = None, country: str | None = None) -> ColumnElement[bool]:
    cond = [act.c.article_id == q.c.article_id, act.c.actor_id == q.c.speaker]
    if needle:
        cond.append(actor_matches(act, needle))
    if country:
        cond.append(act.c.country == country)
    return exists().where(*cond)


def conditions(f: Filters) -> list[ColumnElement[bool]]:
    """The WHERE conditions of `f` on ``quotes`` joined to ``articles``."""
    where: list[ColumnElement[bool]] = []
    for needle in (f.actor, f.attributed_to):
        if needle:
            where.append(_speaker(needle))
    _a2, a3 = f.countries()
    if a3:
        where.append(_speaker(country=a3))
    if f.text:
        where.append(like(q.c.text, f.text))
    if f.type:
        where.append(q.c.kind == f.type.casefold())
    where += date_range(art.c.published, f.since, f.until)
    return where


def quotes_query(store: Any, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Quotes matching `filters`, oldest article first, as JSON-ready dicts.

    Each dict: article (id, outlet, published, url, title), quote_id, kind, text, span,
    speaker (actor or None), cue, via. `actor` and `attributed_to` both match the speaker;
    `type` is the quote kind (direct, partial, indirect, term); `certainty` and `min_sources`
    do not apply.
    """
    f = filters or Filters()
    query = (
        select(q, art.c.source, art.c.published, art.c.url, art.c.title)
        .join(art, art.c.id == q.c.article_id)
        .where(*conditions(f))
        .order_by(art.c.published, q.c.article_id, q.c.start, q.c.quote_id)
        .limit(f.limit)
        .offset(f.offset)
    )
    with engine_of(store).connect() as conn:
        rows = list(conn.execute(query))
        actors = actors_of(conn, {r.article_id for r in rows})
    return [
        {
            **article_ref(r),
            "quote_id": r.quote_id,
            "kind": r.kind,
            "text": r.text,
            "span": {"start": r.start, "end": r.end},
            "speaker": actors.get((r.article_id, r.speaker)) if r.speaker else None,
            "cue": r.cue,
            "via": r.via,
            "confidence": r.confidence,
        }
        for r in rows
    ]

"""`events`: event records across the corpus, filtered and paged, with actors and places."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, cast, exists, func, or_, select

from tidings.query.filters import (
    Filters,
    actor_matches,
    date_range,
    engine_of,
    like,
    type_conditions,
)
from tidings.query.hydrate import actor_list, actors_of, article_ref, places_of, roles_of
from tidings.store import schema
from tidings.store.incidents import incident_reports, incidents

ev, art, link, act = schema.events, schema.articles, schema.event_actors, schema.actors


def _actor_exists(needle: str, roles: tuple[str, ...] = ("source", "target")) -> Any:
    return exists().where(
        link.c.article_id == ev.c.article_id,
        link.c.event_id == ev.c.event_id,
        link.c.role.in_(roles),
        act.c.article_id == link.c.article_id,
        act.c.actor_id == link.c.actor_id,
        actor_matches(act, needle),
    )


def _country(f: Filters) -> ColumnElement[bool] | None:
    a2, a3 = f.countries()
    if a2 is None and a3 is None:
        return None
    place = exists().where(
        schema.places.c.article_id == ev.c.article_id,
        schema.places.c.place_id == ev.c.place_id,
        schema.places.c.country == a2,
    )
    actor = exists().where(
        link.c.article_id == ev.c.article_id,
        link.c.event_id == ev.c.event_id,
        act.c.article_id == link.c.article_id,
        act.c.actor_id == link.c.actor_id,
        act.c.country == a3,
    )
    return or_(place, actor)


def _attributed(needle: str) -> ColumnElement[bool]:
    if needle.casefold() == "author":
        return ev.c.attributed_to.is_(None)
    return exists().where(
        act.c.article_id == ev.c.article_id,
        act.c.actor_id == ev.c.attributed_to,
        actor_matches(act, needle),
    )


def conditions(f: Filters) -> list[ColumnElement[bool]]:
    """The WHERE conditions of `f` on ``events`` joined to ``articles``."""
    where = type_conditions(f, ev)
    if f.actor:
        where.append(_actor_exists(f.actor))
    if (country := _country(f)) is not None:
        where.append(country)
    when = func.coalesce(ev.c.date_value, cast(art.c.published, String))
    where += date_range(when, f.since, f.until)
    if f.text:
        length = ev.c.sentence_end - ev.c.sentence_start
        where.append(like(func.substr(art.c.text, ev.c.sentence_start + 1, length), f.text))
    if f.attributed_to:
        where.append(_attributed(f.attributed_to))
    if f.certainty:
        where.append(ev.c.certainty == f.certainty)
    if f.min_sources:
        ir, inc = incident_reports.c, incidents.c
        where.append(
            exists().where(
                ir.article_id == ev.c.article_id,
                ir.event_id == ev.c.event_id,
                inc.id == ir.incident_id,
                inc.n_outlets >= f.min_sources,
            )
        )
    return where


def select_events(f: Filters) -> Select[Any]:
    """The page of events `f` selects, with their article and incident (no actors yet)."""
    ir = incident_reports
    same = and_(ir.c.article_id == ev.c.article_id, ir.c.event_id == ev.c.event_id)
    query = (
        select(
            ev,
            art.c.source,
            art.c.published,
            art.c.url,
            art.c.title,
            func.substr(
                art.c.text, ev.c.sentence_start + 1, ev.c.sentence_end - ev.c.sentence_start
            ).label("sentence"),
            ir.c.incident_id,
        )
        .join(art, art.c.id == ev.c.article_id)
        .outerjoin(ir, same)
        .where(*conditions(f))
        .order_by(art.c.published, ev.c.article_id, ev.c.trigger_start, ev.c.event_id)
    )
    return query.limit(f.limit).offset(f.offset)


def events(store: Any, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Event records matching `filters`, oldest article first, as JSON-ready dicts.

    Each dict: article (id, outlet, published, url, title), event_id, type, mode, cameo,
    certainty, polarity, attributed_to (actor or None = the author), source/target/denied_by
    (actors: id, name, kind, country, kb_id), date, place, fatalities, trigger, sentence,
    conditional, generic, tense, incident_id.
    """
    f = filters or Filters()
    with engine_of(store).connect() as conn:
        rows = list(conn.execute(select_events(f)))
        ids = {r.article_id for r in rows}
        actors, places, roles = actors_of(conn, ids), places_of(conn, ids), roles_of(conn, ids)
    return [_record(r, actors, places, roles) for r in rows]


def _record(r: Any, actors: dict, places: dict, roles: dict) -> dict[str, Any]:
    slots = roles.get((r.article_id, r.event_id), {"source": [], "target": [], "denied_by": []})
    aid = r.article_id
    return {
        **article_ref(r),
        "event_id": r.event_id,
        "type": r.type,
        "mode": r.mode,
        "cameo": r.cameo,
        "certainty": r.certainty,
        "polarity": r.polarity,
        "attributed_to": actors.get((aid, r.attributed_to)) if r.attributed_to else None,
        "source": actor_list(actors, aid, slots["source"]),
        "target": actor_list(actors, aid, slots["target"]),
        "denied_by": actor_list(actors, aid, slots["denied_by"]),
        "date": r.date_value,
        "place": places.get((aid, r.place_id)) if r.place_id else None,
        "fatalities": r.fatalities,
        "trigger": {"text": r.trigger_text, "start": r.trigger_start, "end": r.trigger_end},
        "sentence": {"text": r.sentence, "start": r.sentence_start, "end": r.sentence_end},
        "conditional": r.conditional,
        "generic": r.generic,
        "tense": r.tense,
        "confidence": r.confidence,
        "incident_id": r.incident_id,
    }

"""`incidents`: real events reported by one or more articles, with every report's evidence."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select

from tidings.query.events import conditions as event_conditions
from tidings.query.filters import (
    MAX_LIMIT,
    FilterError,
    Filters,
    date_range,
    engine_of,
    type_conditions,
)
from tidings.query.hydrate import actor_list, actors_of, article_ref, places_of, roles_of
from tidings.store import schema
from tidings.store.incidents import incident_reports, incidents

ev, art, ir, inc = schema.events, schema.articles, incident_reports, incidents


def _report_filters(f: Filters) -> Filters:
    """The filters an incident passes when one of its reports passes them."""
    return Filters(actor=f.actor, text=f.text, attributed_to=f.attributed_to)


def conditions(f: Filters) -> list[ColumnElement[bool]]:
    """The WHERE conditions of `f` on ``incidents``."""
    where = type_conditions(f, inc)
    a2, _a3 = f.countries()
    if a2:
        where.append(inc.c.country == a2)
    if f.since:
        where.append(or_(*date_range(inc.c.date_hi, f.since, None)))
    if f.until:
        where.append(or_(*date_range(inc.c.date_lo, None, f.until)))
    if f.certainty:
        where.append(inc.c.certainty == f.certainty)
    if f.min_sources:
        where.append(inc.c.n_outlets >= f.min_sources)
    inner = event_conditions(_report_filters(f))
    if inner:
        where.append(
            exists().where(
                ir.c.incident_id == inc.c.id,
                ev.c.article_id == ir.c.article_id,
                ev.c.event_id == ir.c.event_id,
                art.c.id == ev.c.article_id,
                *inner,
            )
        )
    return where


def incidents_page(conn: Any, f: Filters) -> list[Any]:
    """The incident rows `f` selects: most corroborated first, then oldest."""
    query = (
        select(inc)
        .where(*conditions(f))
        .order_by(inc.c.n_outlets.desc(), inc.c.n_articles.desc(), inc.c.date_lo, inc.c.id)
        .limit(f.limit)
        .offset(f.offset)
    )
    return list(conn.execute(query))


REPORTS_LIMIT = 100
"""Reports listed per incident unless asked otherwise: an incident told by 6,000 articles would
otherwise be megabytes of JSON. `n_reports` gives the total; `reports_offset` pages on."""


def _listed(incident_ids: list[str], limit: int | None, offset: int) -> Any:
    """(incident_id, article_id, event_id, rank) of each incident's reports in the page asked:
    ranked by publication date (undated last), article and position, per incident."""
    rank = (
        func.row_number()
        .over(
            partition_by=ir.c.incident_id,
            order_by=(art.c.published.is_(None), art.c.published, ir.c.article_id, ir.c.seq),
        )
        .label("rank")
    )
    ranked = (
        select(ir.c.incident_id, ir.c.article_id, ir.c.event_id, rank)
        .join(art, art.c.id == ir.c.article_id)
        .where(ir.c.incident_id.in_(incident_ids))
        .subquery("ranked")
    )
    where = [ranked.c.rank > offset]
    if limit is not None:
        where.append(ranked.c.rank <= offset + limit)
    return ranked, where


def reports_of(
    conn: Any, incident_ids: list[str], limit: int | None = REPORTS_LIMIT, offset: int = 0
) -> dict[str, list[dict[str, Any]]]:
    """incident id → the evidence of its reports (article, trigger, sentence, values): the
    `limit` first by publication date after skipping `offset` (every one with ``None``)."""
    if not incident_ids:
        return {}
    ranked, where = _listed(incident_ids, limit, offset)
    length = ev.c.sentence_end - ev.c.sentence_start
    query = (
        select(
            ranked.c.incident_id,
            ev,
            art.c.source,
            art.c.published,
            art.c.url,
            art.c.title,
            func.substr(art.c.text, ev.c.sentence_start + 1, length).label("sentence"),
        )
        .join(ev, and_(ev.c.article_id == ranked.c.article_id, ev.c.event_id == ranked.c.event_id))
        .join(art, art.c.id == ranked.c.article_id)
        .where(*where)
        .order_by(ranked.c.incident_id, ranked.c.rank)
    )
    rows = list(conn.execute(query))
    ids = {r.article_id for r in rows}
    actors, places = actors_of(conn, ids), places_of(conn, ids)
    slots = roles_of(conn, ids)
    found: dict[str, list[dict[str, Any]]] = {i: [] for i in incident_ids}
    for r in rows:
        roles = slots.get((r.article_id, r.event_id), {})
        found[r.incident_id].append(
            {
                **article_ref(r),
                "event_id": r.event_id,
                "type": r.type,
                "mode": r.mode,
                "cameo": r.cameo,
                "certainty": r.certainty,
                "attributed_to": actors.get((r.article_id, r.attributed_to)),
                "source": actor_list(actors, r.article_id, roles.get("source", [])),
                "target": actor_list(actors, r.article_id, roles.get("target", [])),
                "date": r.date_value,
                "place": places.get((r.article_id, r.place_id)),
                "fatalities": r.fatalities,
                "trigger": {"text": r.trigger_text, "start": r.trigger_start, "end": r.trigger_end},
                "sentence": {"text": r.sentence, "start": r.sentence_start, "end": r.sentence_end},
            }
        )
    return found


def incident_record(row: Any, reports: list[dict[str, Any]], offset: int = 0) -> dict[str, Any]:
    """One incident as a JSON-ready dict; `reports` are its reports from the `offset`-th on."""
    following = offset + len(reports)
    return {
        "incident_id": row.id,
        "type": row.type,
        "mode": row.mode,
        "country": row.country,
        "date": row.date,
        "window": [row.date_lo.isoformat(), row.date_hi.isoformat()],
        "place": row.place,
        "fatalities": row.fatalities,
        "certainty": row.certainty,
        "n_reports": row.n_reports,
        "n_articles": row.n_articles,
        "n_outlets": row.n_outlets,
        "outlets": row.outlets,
        "first_report": row.first_report.isoformat() if row.first_report else None,
        "last_report": row.last_report.isoformat() if row.last_report else None,
        "source_actors": row.source_keys,
        "target_actors": row.target_keys,
        "disagreements": row.disagreements,
        "reports": reports,
        "reports_offset": offset,
        "reports_next": following if following < row.n_reports and reports else None,
    }


def incidents_query(
    store: Any,
    filters: Filters | None = None,
    reports: int | None = REPORTS_LIMIT,
    reports_offset: int = 0,
) -> list[dict[str, Any]]:
    """Incidents matching `filters`, most corroborated first, each with its reports' evidence.

    `type`, `country` (of the incident's place), `since`/`until` (its date window),
    `certainty` (the strongest any report gives) and `min_sources` (distinct outlets) apply to
    the incident; `actor`, `text` and `attributed_to` keep incidents with a matching report.
    Each lists `reports` of its reports by date from the `reports_offset`-th (all with
    ``None``); `n_reports` counts them all and `reports_next` is the offset of the next page.
    """
    f = filters or Filters()
    _check_page(reports, reports_offset)
    with engine_of(store).connect() as conn:
        rows = incidents_page(conn, f)
        found = reports_of(conn, [r.id for r in rows], reports, reports_offset)
    return [incident_record(r, found[r.id], reports_offset) for r in rows]


def _check_page(limit: int | None, offset: int) -> None:
    if limit is not None and not 0 <= limit <= MAX_LIMIT:
        raise FilterError(f"reports limit {limit} is not between 0 and {MAX_LIMIT}")
    if offset < 0:
        raise FilterError(f"reports offset {offset} is negative")


def incident(
    store: Any,
    incident_id: str,
    reports: int | None = REPORTS_LIMIT,
    reports_offset: int = 0,
) -> dict[str, Any] | None:
    """One incident by id with one page of its reports (by date: `reports` of them from the
    `reports_offset`-th; all with ``reports=None``); None when there is none."""
    _check_page(reports, reports_offset)
    with engine_of(store).connect() as conn:
        row = conn.execute(select(inc).where(inc.c.id == incident_id)).first()
        if row is None:
            return None
        page = reports_of(conn, [row.id], reports, reports_offset)[row.id]
        return incident_record(row, page, reports_offset)

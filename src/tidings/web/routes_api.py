"""The REST API under ``/api``: reads open (see `ReadGuard`), the one write behind the token."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from tidings.model import PLOVER_TYPES
from tidings.web import actor as actor_reads
from tidings.web import reads
from tidings.web.analyze import AnalyzeRequest
from tidings.web.guards import require_token

router = APIRouter(prefix="/api")

Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many rows.")]
Offset = Annotated[int, Query(ge=0, description="Skip this many rows (paging).")]
CSV_COLUMNS = (
    "article_id", "published", "event_id", "type", "certainty", "polarity", "source", "target",
    "asserted_by", "place", "country", "lat", "lon", "date", "trigger", "evidence",
)  # fmt: skip


def corpus(request: Request) -> reads.Corpus:
    return request.app.state.corpus


def event_filters(
    type: Annotated[str | None, Query(description="PLOVER type, e.g. THREATEN.")] = None,
    actor: Annotated[
        str | None, Query(description="Part of a source/target name or KB id.")
    ] = None,
    country: Annotated[str | None, Query(description="ISO alpha-2 of the event's place.")] = None,
    since: Annotated[str | None, Query(description="Event (else article) date from.")] = None,
    until: Annotated[str | None, Query(description="Event (else article) date until.")] = None,
    text: Annotated[str | None, Query(description="Words of the evidence sentence.")] = None,
    attributed_to: Annotated[str | None, Query(description="Who asserts it (part of).")] = None,
    certainty: Annotated[str | None, Query(description="certain, probable, ... claimed.")] = None,
) -> reads.EventFilters:
    if type and type.upper() not in PLOVER_TYPES:
        raise HTTPException(422, f"unknown event type {type!r}; one of {', '.join(PLOVER_TYPES)}")
    # an empty field of the page's filter form means no filter
    return reads.EventFilters(
        type or None, actor or None, country or None, _date("since", since),
        _date("until", until), text or None, attributed_to or None, certainty or None,
    )  # fmt: skip


def _date(name: str, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def page(total: int, items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def to_csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for r in rows:
        writer.writerow(
            ["; ".join(v) if isinstance(v, list) else v for v in (r[c] for c in columns)]
        )
    return out.getvalue()


@router.get("/articles", summary="Stored articles, newest first; `q` searches title and text")
def list_articles(
    request: Request, q: str | None = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    found = corpus(request).analyses()
    if q:
        n = q.casefold()
        found = [
            a for a in found if n in (a.article.title or "").casefold() + a.article.text.casefold()
        ]
    items = [reads.article_summary(a) for a in found[offset : offset + limit]]
    return page(len(found), items, limit, offset)


@router.get("/articles/{article_id}", summary="One article with its full Analysis")
def get_article(request: Request, article_id: str) -> JSONResponse:
    found = corpus(request).get(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r} in the store")
    return JSONResponse(found.model_dump(mode="json", by_alias=True))


@router.get("/events", summary="Events with filters, sorting and paging; format=csv for a file")
def list_events(
    request: Request,
    filters: Annotated[reads.EventFilters, Depends(event_filters)],
    sort: Annotated[
        str | None, Query(description=f"One of {', '.join(reads.EVENT_SORTS)}.")
    ] = None,
    desc: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
    format: Annotated[str, Query(pattern="^(json|csv)$")] = "json",
) -> Any:
    if sort is not None and sort not in reads.EVENT_SORTS:
        raise HTTPException(422, f"cannot sort by {sort!r}; one of {', '.join(reads.EVENT_SORTS)}")
    rows = reads.events(corpus(request), filters)
    if format == "csv":
        body = to_csv(reads.sort_page(rows, sort, desc, len(rows), 0), CSV_COLUMNS)
        headers = {"Content-Disposition": 'attachment; filename="events.csv"'}
        return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
    return page(len(rows), reads.sort_page(rows, sort, desc, limit, offset), limit, offset)


@router.get("/actors", summary="Actors across articles (KB id, else name), most articles first")
def list_actors(request: Request, q: str | None = None, limit: Limit = 100) -> dict[str, Any]:
    rows = corpus(request).store.actors(q, limit=limit)
    return page(len(rows), rows, limit, 0)


@router.get("/actors/{key:path}", summary="One actor: aliases, roles, quotes, events, network")
def get_actor(request: Request, key: str) -> dict[str, Any]:
    found = actor_reads.actor(corpus(request), key)
    if found is None:
        raise HTTPException(404, f"no actor {key!r} in the store")
    return found


@router.get("/quotes", summary="Quotes; `speaker` and `text` filter by part of a name or words")
def list_quotes(
    request: Request,
    speaker: str | None = None,
    text: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows = actor_reads.quotes(corpus(request), speaker, text)
    return page(len(rows), rows[offset : offset + limit], limit, offset)


@router.get("/places", summary="Places of events with coordinates, with their event counts")
def list_places(
    request: Request, filters: Annotated[reads.EventFilters, Depends(event_filters)]
) -> dict[str, Any]:
    counts: Counter[tuple[str, float, float, str | None]] = Counter()
    for r in reads.events(corpus(request), filters):
        if r["lat"] is not None and r["lon"] is not None:
            counts[(r["place"], r["lat"], r["lon"], r["country"])] += 1
    items = [
        {"name": n, "lat": lat, "lon": lon, "country": c, "events": k}
        for (n, lat, lon, c), k in counts.most_common()
    ]
    return page(len(items), items, len(items), 0)


@router.get("/timeline", summary="Event counts per day and type (event date, else published)")
def timeline(
    request: Request, filters: Annotated[reads.EventFilters, Depends(event_filters)]
) -> dict[str, Any]:
    counts: Counter[tuple[str, str]] = Counter()
    for r in reads.events(corpus(request), filters):
        day = reads.event_day(r)
        if day:
            counts[(day, r["type"])] += 1
    items = [{"date": d, "type": t, "events": n} for (d, t), n in sorted(counts.items())]
    return page(len(items), items, len(items), 0)


@router.post(
    "/analyze",
    summary="Analyse text, HTML or a URL and save it (needs the bearer token)",
    dependencies=[Depends(require_token)],
)
async def analyze(request: Request, body: AnalyzeRequest) -> JSONResponse:
    analysis = await run_in_threadpool(
        request.app.state.analyzer.run, body, request.app.state.store
    )
    return JSONResponse(analysis.model_dump(mode="json", by_alias=True))

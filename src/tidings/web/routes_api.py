"""The REST API under ``/api``: reads open (see `ReadGuard`), the one write behind the token.

Every list is selected by the query library (`tidings.query`) with the same filters as
``tidings query``; lists answer ``{"total", "limit", "offset", "items"}``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from tidings import query
from tidings.query import FilterError, Filters
from tidings.query.render import render
from tidings.store import Store
from tidings.web import actor as actor_reads
from tidings.web import reads
from tidings.web.analyze import AnalyzeRequest
from tidings.web.guards import require_token

router = APIRouter(prefix="/api")
T = TypeVar("T")

Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many rows.")]
Offset = Annotated[int, Query(ge=0, description="Skip this many rows (paging).")]
Format = Annotated[str, Query(pattern="^(json|csv)$", description="json, or csv for a file.")]


def store_of(request: Request) -> Store:
    return request.app.state.store


def filters(
    type: Annotated[str | None, Query(description="PLOVER type (ASSAULT, ASSAULT/aerial).")] = None,
    actor: Annotated[
        str | None, Query(description="Part of an actor's name, or its KB id.")
    ] = None,
    country: Annotated[str | None, Query(description="ISO alpha-2 or alpha-3.")] = None,
    since: Annotated[str | None, Query(description="From this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, Query(description="Until this date (YYYY[-MM[-DD]]).")] = None,
    text: Annotated[
        str | None, Query(description="Words of the sentence, quote or article.")
    ] = None,
    attributed_to: Annotated[str | None, Query(description="Who tells it, or 'author'.")] = None,
    certainty: Annotated[str | None, Query(description="certain, probable, ... claimed.")] = None,
    min_sources: Annotated[str | None, Query(description="At least this many outlets.")] = None,
) -> Filters:
    """The filters of ``tidings query``; an empty form field is no filter."""
    try:
        f = Filters(
            type=type or None, actor=actor or None, country=country or None,
            since=since or None, until=until or None, text=text or None,
            attributed_to=attributed_to or None, certainty=certainty or None,
            min_sources=_count("min_sources", min_sources),
        )  # fmt: skip
        f.countries()
    except FilterError as exc:
        raise HTTPException(422, str(exc)) from exc
    return f


def _count(name: str, value: str | None) -> int | None:
    if not value:
        return None
    if not value.strip().isdigit():
        raise FilterError(f"{name} {value!r} is not a whole number")
    return int(value)


Filtered = Annotated[Filters, Depends(filters)]


def page(
    rows: list[Any], limit: int, offset: int, sort: str | None = None, desc: bool = False
) -> dict[str, Any]:
    items = reads.sort_page(rows, sort, desc, limit, offset)
    return {"total": len(rows), "limit": limit, "offset": offset, "items": items}


def must(found: T | None, what: str) -> T:
    """`found`, or a 404 naming what was asked for."""
    if found is None:
        raise HTTPException(404, f"no {what} in the store")
    return found


def check_sort(sort: str | None, allowed: tuple[str, ...]) -> None:
    if sort is not None and sort not in allowed:
        raise HTTPException(422, f"cannot sort by {sort!r}; one of {', '.join(allowed)}")


def csv_file(kind: str, records: list[dict[str, Any]], positions: list[int]) -> Response:
    """The records in this order as ``tidings query --format csv`` writes them, as a download."""
    body = render(kind, [records[i] for i in positions], "csv") + "\n"
    headers = {"Content-Disposition": f'attachment; filename="{kind}.csv"'}
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


def event_records(store: Store, f: Filters) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The library's event records and their flat rows, in the same order."""
    records = reads.everything(query.events, store, f)
    return records, [reads.event_row(r) for r in records]


def event_rows(store: Store, f: Filters) -> list[dict[str, Any]]:
    return event_records(store, f)[1]


@router.get("/articles", summary="Stored articles, newest first; `text` searches title and text")
def list_articles(
    request: Request, f: Filtered, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    rows = reads.everything(query.articles, store_of(request), f)
    return page(rows, limit, offset, "published", desc=True)


@router.get("/articles/{article_id}", summary="One article with its full Analysis")
def get_article(request: Request, article_id: str) -> JSONResponse:
    found = must(store_of(request).load(article_id), f"article {article_id!r}")
    return JSONResponse(found.model_dump(mode="json", by_alias=True))


@router.get("/events", summary="Events (flat rows) with filters, sorting, paging, or a CSV file")
def list_events(
    request: Request, f: Filtered, sort: str | None = None, desc: bool = False,
    limit: Limit = 50, offset: Offset = 0, format: Format = "json",
) -> Any:  # fmt: skip
    check_sort(sort, reads.EVENT_SORTS)
    records, rows = event_records(store_of(request), f)
    if format == "csv":
        return csv_file("events", records, reads.order(rows, sort, desc))
    return page(rows, limit, offset, sort, desc)


@router.get(
    "/incidents", summary="Incidents (one real event, many reports), most corroborated first"
)
def list_incidents(
    request: Request, f: Filtered, sort: str | None = None, desc: bool = False,
    limit: Limit = 50, offset: Offset = 0, format: Format = "json",
) -> Any:  # fmt: skip
    check_sort(sort, reads.INCIDENT_SORTS)
    rows = reads.everything(query.incidents, store_of(request), f)
    if format == "csv":
        return csv_file("incidents", rows, reads.order(rows, sort, desc))
    return page(rows, limit, offset, sort, desc)


@router.get("/incidents/{incident_id}", summary="One incident with one page of its reports")
def get_incident(
    request: Request,
    incident_id: str,
    reports: Annotated[
        int, Query(ge=0, le=1000, description="At most this many reports, by date.")
    ] = query.REPORTS_LIMIT,
    reports_offset: Annotated[int, Query(ge=0, description="Skip this many reports.")] = 0,
) -> dict[str, Any]:
    found = query.incident(store_of(request), incident_id, reports, reports_offset)
    return must(found, f"incident {incident_id!r}")


def listing(fn: reads.Query, summary: str, default_limit: int = 50) -> None:
    """A plain filtered, paged list endpoint over one query of the library."""

    def endpoint(
        request: Request, f: Filtered, limit: Limit = default_limit, offset: Offset = 0
    ) -> dict[str, Any]:
        return page(reads.everything(fn, store_of(request), f), limit, offset)

    path = f"/{fn.__name__.removesuffix('_query')}"
    router.add_api_route(path, endpoint, methods=["GET"], summary=summary, name=path[1:])


listing(query.actors, "Actors across articles (corpus key), most articles first", 100)
listing(query.quotes, "Quotes; `actor` is the speaker, `text` the words, `type` the kind")


@router.get("/actors/{key:path}", summary="One actor: aliases, roles, quotes, events, network")
def get_actor(request: Request, key: str) -> dict[str, Any]:
    return must(actor_reads.actor(store_of(request), key), f"actor {key!r}")


def tally(rows: list[dict[str, Any]], key: Callable[[dict], tuple | None], names: tuple) -> dict:
    """Events counted per key (rows whose key is None are left out), as a one-page list."""
    counts = Counter(k for r in rows if (k := key(r)) is not None)
    items = [{**dict(zip(names, k, strict=True)), "events": n} for k, n in counts.most_common()]
    return page(items, max(len(items), 1), 0)


@router.get("/places", summary="Places of events with coordinates, with their event counts")
def list_places(request: Request, f: Filtered) -> dict[str, Any]:
    def place(r: dict[str, Any]) -> tuple | None:
        return None if r["lat"] is None else (r["place"], r["lat"], r["lon"], r["country"])

    return tally(event_rows(store_of(request), f), place, ("name", "lat", "lon", "country"))


@router.get("/timeline", summary="Event counts per day and type (event date, else published)")
def timeline(request: Request, f: Filtered) -> dict[str, Any]:
    def day(r: dict[str, Any]) -> tuple | None:
        return (d, r["type"]) if (d := reads.event_day(r)) else None

    found = tally(event_rows(store_of(request), f), day, ("date", "type"))
    found["items"].sort(key=lambda x: (x["date"], x["type"]))
    return found


@router.post(
    "/analyze",
    summary="Analyse text, HTML or a URL and save it (needs the bearer token)",
    dependencies=[Depends(require_token)],
)
async def analyze(request: Request, body: AnalyzeRequest) -> JSONResponse:
    analysis = await run_in_threadpool(request.app.state.analyzer.run, body, store_of(request))
    return JSONResponse(analysis.model_dump(mode="json", by_alias=True))

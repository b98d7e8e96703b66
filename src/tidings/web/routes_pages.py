"""The server-rendered pages; every text from an article goes through Jinja's autoescape."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tidings import query
from tidings.model import PLOVER_TYPES
from tidings.query import Filters
from tidings.web import actor as actor_reads
from tidings.web import reads
from tidings.web.reader import event_cards, runs
from tidings.web.routes_api import Filtered, check_sort, event_rows, must, store_of
from tidings.web.timeline import timeline_chart

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(reads.HERE / "templates"))
PAGE = 50


def _number(value: Any) -> Any:
    """12.0 shown as 12: counts are stored as floats."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


templates.env.filters["number"] = _number
Offset = Annotated[int, Query(ge=0)]


def render(request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"types": PLOVER_TYPES, **context})


def active(f: Filters) -> dict[str, str]:
    """The filters set, as query-string values (for links that keep them)."""
    names = ("type", "actor", "country", "since", "until", "text", "attributed_to", "certainty",
             "min_sources")  # fmt: skip
    return {k: str(v) for k in names if (v := getattr(f, k))}


def linker(f: Filters, sort: str | None, desc: bool) -> Callable[..., str]:
    def link(**change: Any) -> str:
        params = {**active(f), "sort": sort, "desc": int(desc) if desc else None, **change}
        return "?" + urlencode({k: v for k, v in params.items() if v not in (None, "", 0)})

    return link


def table(
    rows: list[dict], f: Filters, sort: str | None, desc: bool, offset: int, api: str
) -> dict:
    """What a filtered, sorted, paged table page needs."""
    return {
        "rows": reads.sort_page(rows, sort, desc, PAGE, offset),
        "total": len(rows), "f": active(f), "sort": sort, "desc": desc, "offset": offset,
        "page": PAGE, "link": linker(f, sort, desc),
        "csv": f"{api}?" + urlencode({**active(f), "format": "csv"}),
    }  # fmt: skip


@router.get("/", response_class=HTMLResponse)
def home(request: Request, q: str | None = None) -> HTMLResponse:
    rows = reads.everything(query.articles, store_of(request), Filters(text=q or None))
    items = reads.sort_page(rows, "published", True, 200, 0)
    return render(request, "home.html", {"articles": items, "q": q or "", "total": len(rows)})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    a = must(store_of(request).load(article_id), f"article {article_id!r}")
    names = [x.name if (x := a.actor(q.speaker)) else "unknown speaker" for q in a.quotes]
    context = {
        "a": a,
        "runs": runs(a),
        "cards": event_cards(a),
        "events": [reads.analysis_event(a, e) for e in a.events],
        "speakers": Counter(names).most_common(),
        "keys": {x.id: reads.actor_key(x) for x in a.actors},
    }
    return render(request, "article.html", context)


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, f: Filtered, sort: str | None = None, desc: bool = False,
           offset: Offset = 0) -> HTMLResponse:  # fmt: skip
    check_sort(sort, reads.EVENT_SORTS)
    rows = event_rows(store_of(request), f)
    return render(request, "events.html", table(rows, f, sort, desc, offset, "/api/events"))


@router.get("/incidents", response_class=HTMLResponse)
def incidents(request: Request, f: Filtered, sort: str | None = None, desc: bool = False,
              offset: Offset = 0) -> HTMLResponse:  # fmt: skip
    check_sort(sort, reads.INCIDENT_SORTS)
    rows = reads.everything(query.incidents, store_of(request), f)
    return render(request, "incidents.html", table(rows, f, sort, desc, offset, "/api/incidents"))


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident(request: Request, incident_id: str) -> HTMLResponse:
    found = must(query.incident(store_of(request), incident_id), f"incident {incident_id!r}")
    return render(request, "incident.html", {"x": found})


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, q: str | None = None) -> HTMLResponse:
    rows = reads.everything(query.actors, store_of(request), Filters(actor=q or None))
    return render(request, "actors.html", {"rows": rows[:500], "q": q or ""})


@router.get("/actors/{key:path}", response_class=HTMLResponse)
def actor(request: Request, key: str) -> HTMLResponse:
    found = must(actor_reads.actor(store_of(request), key), f"actor {key!r}")
    return render(request, "actor.html", {"x": found})


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, f: Filtered) -> HTMLResponse:
    rows = event_rows(store_of(request), f)
    return render(request, "timeline.html", {"chart": timeline_chart(rows), "total": len(rows)})


@router.get("/map", response_class=HTMLResponse)
def world_map(request: Request) -> HTMLResponse:
    return render(request, "map.html", {})


@router.get("/paste", response_class=HTMLResponse)
def paste(request: Request) -> HTMLResponse:
    return render(request, "paste.html", {})

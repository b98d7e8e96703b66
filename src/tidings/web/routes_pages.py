"""The server-rendered pages; every text from an article goes through Jinja's autoescape."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tidings.model import PLOVER_TYPES
from tidings.web import actor as actor_reads
from tidings.web import reads
from tidings.web.reader import event_cards, runs
from tidings.web.routes_api import corpus, event_filters
from tidings.web.timeline import timeline_chart

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(reads.HERE / "templates"))
PAGE = 50


def render(request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"types": PLOVER_TYPES, **context})


@router.get("/", response_class=HTMLResponse)
def home(request: Request, q: str | None = None) -> HTMLResponse:
    found = corpus(request).analyses()
    if q:
        n = q.casefold()
        found = [
            a for a in found if n in (a.article.title or "").casefold() + a.article.text.casefold()
        ]
    items = [reads.article_summary(a) for a in found[:200]]
    return render(request, "home.html", {"articles": items, "q": q or "", "total": len(found)})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    a = corpus(request).get(article_id)
    if a is None:
        raise HTTPException(404, f"no article {article_id!r} in the store")
    speakers = Counter(
        q["speaker"] or "unknown speaker"
        for q in (actor_reads.quote_row(a, q.id) or {} for q in a.quotes)
    )
    context = {
        "a": a,
        "runs": runs(a),
        "cards": event_cards(a),
        "events": [reads.event_row(a, e) for e in a.events],
        "speakers": speakers.most_common(),
        "keys": {x.id: x.kb_id or x.name for x in a.actors},
    }
    return render(request, "article.html", context)


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request,
    filters: Annotated[reads.EventFilters, Depends(event_filters)],
    sort: str | None = None,
    desc: bool = False,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    if sort is not None and sort not in reads.EVENT_SORTS:
        raise HTTPException(422, f"cannot sort by {sort!r}; one of {', '.join(reads.EVENT_SORTS)}")
    rows = reads.events(corpus(request), filters)
    active = {k: str(v) for k, v in filters.active().items()}

    def link(**change: Any) -> str:
        params = {**active, "sort": sort, "desc": int(desc) if desc else None, **change}
        return "?" + urlencode({k: v for k, v in params.items() if v not in (None, "", 0)})

    context = {
        "rows": reads.sort_page(rows, sort, desc, PAGE, offset),
        "total": len(rows),
        "f": active,
        "sort": sort,
        "desc": desc,
        "offset": offset,
        "page": PAGE,
        "sorts": reads.EVENT_SORTS,
        "link": link,
        "csv": "/api/events?" + urlencode({**active, "format": "csv"}),
    }
    return render(request, "events.html", context)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, q: str | None = None) -> HTMLResponse:
    rows = corpus(request).store.actors(q, limit=500)
    return render(request, "actors.html", {"rows": rows, "q": q or ""})


@router.get("/actors/{key:path}", response_class=HTMLResponse)
def actor(request: Request, key: str) -> HTMLResponse:
    found = actor_reads.actor(corpus(request), key)
    if found is None:
        raise HTTPException(404, f"no actor {key!r} in the store")
    return render(request, "actor.html", {"x": found})


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request, filters: Annotated[reads.EventFilters, Depends(event_filters)]
) -> HTMLResponse:
    rows = reads.events(corpus(request), filters)
    return render(request, "timeline.html", {"chart": timeline_chart(rows), "total": len(rows)})


@router.get("/map", response_class=HTMLResponse)
def world_map(request: Request) -> HTMLResponse:
    return render(request, "map.html", {})


@router.get("/paste", response_class=HTMLResponse)
def paste(request: Request) -> HTMLResponse:
    return render(request, "paste.html", {})

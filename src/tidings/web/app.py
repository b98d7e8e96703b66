"""`create_app(store, settings)`: the one factory of the web app (API, pages, static files)."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

import tidings
from tidings.errors import InputError, ModelNotFoundError, StoreError, TidingsError
from tidings.query import FilterError
from tidings.store import Store
from tidings.web.analyze import Analyzer
from tidings.web.cache import ResponseCache
from tidings.web.guards import BodyLimit, ReadGuard, SecurityHeaders
from tidings.web.settings import WebSettings

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
# A TidingsError's HTTP status: bad input is the client's, a missing model or store the server's.
_STATUS = ((InputError, 422), (ModelNotFoundError, 503), (StoreError, 503), (TidingsError, 500))


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get(
        "accept", ""
    )


def error_response(request: Request, status: int, message: str) -> Response:
    """An error as JSON ``{"status", "message"}``; a browser asking for a page gets HTML."""
    if _wants_html(request):
        from tidings.web.routes_pages import render

        page = render(request, "error.html", {"status": status, "message": message})
        return HTMLResponse(page.body, status_code=status)
    return JSONResponse({"status": status, "message": message}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
        parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
    return "; ".join(parts) or "invalid request"


def _add_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, _validation_message(exc))

    @app.exception_handler(FilterError)
    async def bad_filter(request: Request, exc: FilterError) -> Response:
        return error_response(request, 422, str(exc))

    @app.exception_handler(TidingsError)
    async def tidings_error(request: Request, exc: TidingsError) -> Response:
        status = next(code for kind, code in _STATUS if isinstance(exc, kind))
        return error_response(request, status, str(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return error_response(request, 500, f"internal error: {type(exc).__name__}")


def create_app(store: Store, settings: WebSettings | None = None) -> FastAPI:
    """The app over `store`; `settings` default to `WebSettings.from_env()`."""
    settings = settings or WebSettings.from_env()
    app = FastAPI(
        title="Tidings",
        version=tidings.__version__,
        description="Source-aware event data from news articles: read, explore, analyse.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI would load scripts from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.analyzer = Analyzer(settings)
    _add_handlers(app)
    from tidings.web import routes_api, routes_pages

    app.include_router(routes_api.router)
    app.include_router(routes_pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(ResponseCache, store=store)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(ReadGuard, settings=settings)
    app.add_middleware(SecurityHeaders)
    return app


__all__ = ["create_app"]

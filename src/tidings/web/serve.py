"""`serve`: the store opened, the app built, uvicorn run; a missing extra is said in a sentence."""

from __future__ import annotations

import importlib.util

from tidings.errors import TidingsError

NEEDED = ("fastapi", "uvicorn", "jinja2")


class WebExtraMissing(TidingsError):
    """The ``web`` extra (FastAPI, uvicorn, Jinja2) is not installed."""

    exit_code = 2


def missing_packages() -> list[str]:
    return [m for m in NEEDED if importlib.util.find_spec(m) is None]


def serve(host: str = "127.0.0.1", port: int = 8000, db: str | None = None) -> None:
    """Run the web app on `host`:`port` over the store at `db` until interrupted."""
    missing = missing_packages()
    if missing:
        raise WebExtraMissing(
            f"`tidings serve` needs {', '.join(missing)}: install them with "
            "pip install 'tidings[web]' (or, in a checkout, pip install -e '.[web]')"
        )
    import uvicorn

    from tidings.api import DEFAULT_DB
    from tidings.store import Store
    from tidings.web.app import create_app
    from tidings.web.guards import is_loopback
    from tidings.web.settings import WebSettings

    settings = WebSettings.from_env()
    with Store(db or DEFAULT_DB) as store:
        app = create_app(store, settings)
        print(f"Tidings on http://{host}:{port}/ over {store.url}", flush=True)
        if not settings.token:
            print("writes are off: set TIDINGS_TOKEN to allow POST /api/analyze", flush=True)
        if not is_loopback(host) and not settings.open_reads:
            print("other hosts may read only with the token (TIDINGS_OPEN_READS=1 opens reads)")
        uvicorn.run(app, host=host, port=port, log_level="warning")

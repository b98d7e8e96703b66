"""Tidings' web app and REST API (``tidings serve``); needs the ``web`` extra installed."""

from tidings.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]


def __getattr__(name: str) -> object:
    # create_app imports FastAPI: load it only when asked, so `WebSettings` works without it.
    if name == "create_app":
        from tidings.web.app import create_app

        return create_app
    raise AttributeError(name)

"""``POST /api/analyze``: text, HTML or a URL in, a saved `Analysis` out.

The URL is fetched with ingestion's `Fetcher`, so its SSRF guard (no loopback, private or
metadata addresses unless the server allows private URLs), time and size limits all apply.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

import tidings
from tidings.model import Analysis, Article
from tidings.store import Store
from tidings.web.settings import WebSettings


class AnalyzeRequest(BaseModel):
    """Exactly one of `text`, `url` or `html`; `title` and `published` are optional."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The article's plain text.")
    url: str | None = Field(None, max_length=2000, description="An http(s) URL to fetch.")
    html: str | None = Field(None, description="The article's HTML page.")
    title: str | None = Field(None, max_length=1000)
    published: dt.date | None = Field(None, description="Publication date, YYYY-MM-DD.")

    @model_validator(mode="after")
    def _one_input(self) -> AnalyzeRequest:
        given = [k for k in ("text", "url", "html") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of text, url or html (got {len(given)})")
        return self


class Analyzer:
    """The pipeline, loaded on the first request and used by one request at a time."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self._pipeline: Any = None
        self._lock = threading.Lock()

    def _article(self, req: AnalyzeRequest) -> Article | str:
        if req.url is not None:
            from tidings.ingest.fetch import fetch_article

            return fetch_article(req.url, allow_private=self.settings.allow_private_urls)
        if req.html is not None:
            from tidings.ingest.html import article_from_html

            return article_from_html(req.html, url=None)
        assert req.text is not None
        return req.text

    def run(self, req: AnalyzeRequest, store: Store) -> Analysis:
        """Analyse and save; input errors (`InputError`) propagate with their message."""
        article = self._article(req)
        source = req.url or ("<html>" if req.html is not None else "<text>")
        with self._lock:
            if self._pipeline is None:
                self._pipeline = tidings.load(self.settings.model)
            analysis = self._pipeline.analyze(
                article, published=req.published, title=req.title, source=source
            )
        store.save(analysis)
        return analysis

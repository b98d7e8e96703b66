"""A cache of whole read responses, valid while the store has not changed.

Why: every page runs corpus queries whose answer changes only when an article is saved, while
analysts reload the same pages and tables. The store's version (number of articles and the
latest save time, one small query) is checked on every request, so an article saved by
another process (``tidings ingest``) shows at once.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import Any

from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tidings.store import Store, schema

MAX_ENTRIES = 512
MAX_BODY = 2_000_000


def store_version(store: Store) -> tuple[Any, ...]:
    """What changes whenever an article is saved, replaced or removed."""
    a = schema.articles
    query = select(func.count(), func.max(a.c.analysed_at), func.max(a.c.id))
    return tuple(store._read("the store's version", query)[0])


class ResponseCache:
    """Caches 200 answers to GET requests (not static files) per path and query string."""

    def __init__(self, app: ASGIApp, store: Store) -> None:
        self.app, self.store = app, store
        self.entries: OrderedDict[bytes, tuple[tuple[Any, ...], list[Message]]] = OrderedDict()
        self.pending: dict[bytes, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] != "GET" or path.startswith("/static"):
            await self.app(scope, receive, send)
            return
        origin = dict(scope.get("headers") or []).get(b"origin", b"")  # CORS answers differ
        key = b" ".join((path.encode(), scope.get("query_string", b""), origin))
        version = await run_in_threadpool(store_version, self.store)
        if key in self.pending:  # the same page is being computed: wait for it, once
            await self.pending[key].wait()
        if await self._replay(key, version, send):
            return
        done = self.pending.setdefault(key, asyncio.Event())
        try:
            await self._compute(key, version, scope, receive, send)
        finally:
            if self.pending.get(key) is done:
                del self.pending[key]
            done.set()

    async def _replay(self, key: bytes, version: tuple[Any, ...], send: Send) -> bool:
        hit = self.entries.get(key)
        if hit is None or hit[0] != version:
            return False
        self.entries.move_to_end(key)
        for msg in hit[1]:
            await send(msg)
        return True

    async def _compute(
        self, key: bytes, version: tuple[Any, ...], scope: Scope, receive: Receive, send: Send
    ) -> None:
        kept: list[Message] = []
        size = 0

        async def keep(msg: Message) -> None:
            nonlocal size
            size += len(msg.get("body", b""))
            kept.append(msg)
            await send(msg)

        await self.app(scope, receive, keep)
        if kept and kept[0].get("status") == 200 and size <= MAX_BODY:
            self.entries[key] = (version, kept)
            while len(self.entries) > MAX_ENTRIES:
                self.entries.popitem(last=False)

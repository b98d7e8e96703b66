"""The store as a `FeedLog`: what feed polling remembers, kept in the Tidings database.

Readers in `tidings.ingest` never import the store; a caller that wants polls remembered in
the store wraps it here and passes the wrapper to `poll_feed`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tidings.store.feeds import get_feed, record_entries, save_feed, seen_entries
from tidings.store.store import Store

if TYPE_CHECKING:
    from tidings.ingest.feed import FeedResult


class StoreFeedLog:
    """Feed validators and entry outcomes in the ``feeds`` and ``feed_entries`` tables."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def validators(self, url: str) -> tuple[str | None, str | None, str | None] | None:
        state = get_feed(self.store, url)
        return None if state is None else (state.etag, state.last_modified, state.title)

    def seen(self, url: str) -> set[str]:
        return seen_entries(self.store, url)

    def remember(self, result: FeedResult) -> None:
        save_feed(
            self.store,
            result.feed_url,
            etag=result.etag,
            last_modified=result.last_modified,
            title=None if result.not_modified else result.title,
            status=result.status,
        )
        if result.records:
            record_entries(self.store, result.feed_url, result.records)

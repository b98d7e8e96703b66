"""Feed polling state in the store: each feed's ETag/Last-Modified, and the entries already seen.

Two tables on the store's `metadata`, so `Store` creates them with the others (importing this
module is enough; ``tidings.store`` does). A second poll of a feed sends the stored validators
(a 304 costs nothing) and skips every entry recorded here, so it analyses only new items.

An entry whose fetch failed *transiently* (a timeout, a 5xx) is recorded with status ``retry``
and is not counted as seen: the next poll tries it again. A terminal failure (no article in the
page, refused by robots.txt) is ``failed`` and is not retried.

The tables are additive (created when missing on an existing database), so they do not change
`SCHEMA_VERSION`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from tidings.model import EntryRecord
from tidings.store.schema import metadata
from tidings.store.store import Store

__all__ = [
    "EntryRecord",
    "FeedState",
    "feed_entries",
    "feeds",
    "get_feed",
    "record_entries",
    "save_feed",
    "seen_entries",
]


feeds = Table(
    "feeds",
    metadata,
    Column("url", String, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("title", Text),
    Column("polled_at", DateTime(timezone=True)),
    Column("last_status", Integer),
)

feed_entries = Table(
    "feed_entries",
    metadata,
    Column("feed_url", String, ForeignKey("feeds.url", ondelete="CASCADE"), primary_key=True),
    Column("entry_id", String, primary_key=True),
    Column("link", Text),
    Column("status", String, nullable=False),
    Column("reason", Text),
    Column("article_id", String),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class FeedState:
    """What the store remembers about one feed."""

    url: str
    etag: str | None
    last_modified: str | None
    title: str | None
    polled_at: dt.datetime | None
    last_status: int | None


def _engine(store: Store) -> Engine:
    # The store keeps its engine private; feed state is part of the same database and
    # the same lifetime, so it borrows it rather than opening a second connection pool.
    return store._open()


def get_feed(store: Store, url: str) -> FeedState | None:
    """The stored state of feed `url`, or None if it was never polled."""
    try:
        with _engine(store).connect() as conn:
            row = conn.execute(select(feeds).where(feeds.c.url == url)).first()
    except SQLAlchemyError as exc:
        raise store._error(f"cannot read feed {url}", exc) from exc
    if row is None:
        return None
    return FeedState(
        url=row.url,
        etag=row.etag,
        last_modified=row.last_modified,
        title=row.title,
        polled_at=row.polled_at,
        last_status=row.last_status,
    )


def save_feed(
    store: Store,
    url: str,
    *,
    etag: str | None,
    last_modified: str | None,
    title: str | None = None,
    status: int | None = None,
) -> None:
    """Insert or update feed `url` with the validators of its latest response."""
    values = {
        "etag": etag,
        "last_modified": last_modified,
        "title": title,
        "polled_at": dt.datetime.now(dt.UTC),
        "last_status": status,
    }
    try:
        with _engine(store).begin() as conn:
            found = conn.execute(select(feeds.c.url).where(feeds.c.url == url)).first()
            if found is None:
                conn.execute(insert(feeds).values(url=url, **values))
            else:
                if title is None:
                    del values["title"]  # a 304 carries no title: keep the one we have
                conn.execute(update(feeds).where(feeds.c.url == url).values(**values))
    except SQLAlchemyError as exc:
        raise store._error(f"cannot save feed {url}", exc) from exc


def seen_entries(store: Store, url: str) -> set[str]:
    """Ids of the entries of feed `url` not to fetch again (``ok`` or ``failed``)."""
    query = select(feed_entries.c.entry_id).where(
        feed_entries.c.feed_url == url, feed_entries.c.status != "retry"
    )
    try:
        with _engine(store).connect() as conn:
            return {row.entry_id for row in conn.execute(query)}
    except SQLAlchemyError as exc:
        raise store._error(f"cannot read the entries of feed {url}", exc) from exc


def record_entries(store: Store, url: str, records: Iterable[EntryRecord]) -> int:
    """Record entry outcomes for feed `url` (which must be saved) in one transaction."""
    now = dt.datetime.now(dt.UTC)
    n = 0
    try:
        with _engine(store).begin() as conn:
            for rec in records:
                key = (feed_entries.c.feed_url == url) & (feed_entries.c.entry_id == rec.entry_id)
                values = {
                    "link": rec.link,
                    "status": rec.status,
                    "reason": rec.reason,
                    "article_id": rec.article_id,
                    "seen_at": now,
                }
                if conn.execute(select(feed_entries.c.entry_id).where(key)).first() is None:
                    conn.execute(
                        insert(feed_entries).values(feed_url=url, entry_id=rec.entry_id, **values)
                    )
                else:
                    conn.execute(update(feed_entries).where(key).values(**values))
                n += 1
    except SQLAlchemyError as exc:
        raise store._error(f"cannot record the entries of feed {url}", exc) from exc
    return n

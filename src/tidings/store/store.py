"""`Store`: save analyses to any SQLAlchemy database and read them back.

One `save` is one transaction: the article's old rows are deleted and the new ones inserted
together, so re-analysing an article replaces it (never duplicates it) and a failure half-way
leaves the previous version as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import time
from types import TracebackType
from typing import Any

from alembic.util.exc import CommandError
from pydantic import ValidationError
from sqlalchemy import (
    Connection,
    Engine,
    Table,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    tuple_,
)
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from tidings.corpus import incidents as _incidents
from tidings.errors import StoreError
from tidings.model import Analysis
from tidings.store import engine as engine_setup
from tidings.store import migrate, schema, search
from tidings.store.engine import DEFAULT_URL
from tidings.store.schema import metadata

__all__ = ["DEFAULT_URL", "Store"]

log = logging.getLogger(__name__)

# Errors a database write can fail with. sqlite3 raises OverflowError itself (an integer beyond
# 64 bits), outside the DB-API hierarchy SQLAlchemy wraps.
_WRITE_ERRORS = (SQLAlchemyError, OverflowError)
_OPEN_ERRORS = (SQLAlchemyError, ImportError, OSError, ValueError)
_TRANSIENT = re.compile(r"locked|busy|timeout|timed out|could not serialize|deadlock", re.I)
_parse, _mask = engine_setup.parse, engine_setup.mask  # kept for callers of the old names


def _insert(conn: Connection, table: Table, batch: list[dict[str, Any]]) -> None:
    """One executemany per table; an empty batch is skipped (it would insert a row of NULLs)."""
    if batch:
        conn.execute(insert(table), batch)


_ADVISORY_LOCKS = text(
    "SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(:keys AS bigint[])) WITH ORDINALITY AS t(k, i)"
    " ORDER BY i"
)


def _lock_article(conn: Connection, row: dict[str, Any]) -> None:
    """On PostgreSQL, lock the article's id, text hash and URL until the transaction ends.

    Two processes saving the same article at once would otherwise both find nothing to
    replace, and the second would fail on the primary key (or keep a duplicate under another
    id). Locks are taken in one global order, so two savers never deadlock. SQLite needs
    nothing: ``BEGIN IMMEDIATE`` already lets one writer in at a time.
    """
    if conn.dialect.name != "postgresql":
        return
    names = {f"id:{row['id']}", f"text:{row['text_hash']}"} | (
        {f"url:{row['url']}"} if row["url"] else set()
    )
    keys = sorted(
        int.from_bytes(hashlib.sha256(n.encode()).digest()[:8], "big", signed=True) for n in names
    )
    conn.execute(_ADVISORY_LOCKS, {"keys": keys})  # one round trip, in the order given


class Store:
    """Analyses in a database: a SQLite file by default, any SQLAlchemy URL otherwise.

    ``Store()`` opens ``tidings.db`` in the working directory; ``Store("sqlite:///path.db")``,
    ``Store("path.db")`` or ``Store("postgresql://user:pw@host/db")`` (psycopg 3) open others.
    The database is created and migrated to the current schema when opened (safe when several
    processes open it at once); ``create=False`` (for reads) refuses a database that does not
    exist or holds no store, instead of creating an empty one. A newer schema is refused.
    """

    def __init__(self, url: str | os.PathLike[str] | None = None, *, create: bool = True) -> None:
        self.url = engine_setup.mask(url)
        self._password: str | None = None
        self._engine: Engine | None = None
        try:
            parsed = engine_setup.parse(url)
            self._password = parsed.password
            engine_setup.check_driver(parsed, self.url)
            path = engine_setup.sqlite_file(parsed)
            if not create and path is not None and not os.path.isfile(path):
                raise StoreError(f"{self.url}: no such database (reads never create one)")
            self._engine = engine_setup.make_engine(parsed)
            if not create and not migrate.has_store(self._engine):
                raise StoreError(f"{self.url}: the database holds no Tidings store")
            self._migrate()
        except StoreError:
            self.close()
            raise
        except (*_OPEN_ERRORS, CommandError) as exc:
            self.close()
            raise self._error("cannot open the store", exc) from exc

    # -- setup -------------------------------------------------------------------------------

    def _migrate(self, attempts: int = 5) -> None:
        """Migrate, retrying a lock or busy error (another process is opening it right now)."""
        for attempt in range(attempts):
            try:
                migrate.upgrade(self._open(), self.url)
                return
            except OperationalError as exc:
                if attempt == attempts - 1 or not _TRANSIENT.search(str(exc)):
                    raise
                log.debug("opening %s: %s; retrying", self.url, exc)
                time.sleep(0.1 * (attempt + 1))

    def _open(self) -> Engine:
        if self._engine is None:
            raise StoreError(f"{self.url}: the store is closed")
        return self._engine

    def _error(self, what: str, exc: BaseException) -> StoreError:
        """A one-line StoreError naming the URL and the cause, with the password kept out."""
        cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
        detail = engine_setup.one_line(f"{type(cause).__name__}: {cause}")
        if self._password:
            detail = detail.replace(self._password, "***")
        err = StoreError(f"{self.url}: {what}: {detail}")
        if isinstance(exc, OperationalError) and _TRANSIENT.search(detail):
            err.transient = True  # a lock or a timeout: a batch runner may retry
        return err

    # -- writing -----------------------------------------------------------------------------

    def save(self, analysis: Analysis) -> None:
        """Save `analysis` in one transaction, replacing the same article saved before.

        The same article is the same id, the same URL or the same normalised text: re-ingesting
        it (even under another id) replaces its rows, never duplicates them.
        """
        engine = self._open()
        aid = analysis.article.id
        batches = schema.rows(analysis, dt.datetime.now(dt.UTC))
        try:
            with engine.begin() as conn:  # SQLite: BEGIN IMMEDIATE, so no lock upgrade fails
                _lock_article(conn, batches[schema.articles][0])
                for old in self._same_article(conn, batches[schema.articles][0]):
                    self._delete(conn, old)
                for table, batch in batches.items():
                    _insert(conn, table, batch)
                search.write(conn, analysis)
                _incidents.relink(conn, analysis, unlinked=True)
        except _WRITE_ERRORS as exc:
            raise self._error(f"cannot save article {aid}", exc) from exc
        log.debug("saved article %s (%d events)", aid, len(batches[schema.events]))

    @staticmethod
    def _same_article(conn: Connection, row: dict[str, Any]) -> list[str]:
        """Ids of stored articles that `row` replaces: its own, and any of its URL or text.

        A new article replaces none, and its rows need no delete: nothing is stored under its id
        (every table's rows of an article are written with its ``articles`` row, in one
        transaction, and deleted with it)."""
        a = schema.articles
        same = [a.c.id == row["id"], a.c.text_hash == row["text_hash"]]
        if row["url"]:
            same.append(a.c.url == row["url"])
        return sorted({r.id for r in conn.execute(select(a.c.id).where(or_(*same)))})

    @staticmethod
    def _delete(conn: Connection, article_id: str) -> None:
        # Explicit deletes, children first: ON DELETE CASCADE is a safety net, not the mechanism,
        # since a connection without foreign keys enabled would silently skip it.
        search.remove(conn, article_id)
        _incidents.unlink_article(conn, article_id)
        for table in schema.CHILD_TABLES:
            conn.execute(delete(table).where(table.c.article_id == article_id))
        conn.execute(delete(schema.articles).where(schema.articles.c.id == article_id))

    # -- reading -----------------------------------------------------------------------------

    def _read(self, what: str, query: Any) -> list[Any]:
        try:
            with self._open().connect().execution_options(tidings_read=True) as conn:
                return list(conn.execute(query))
        except SQLAlchemyError as exc:
            raise self._error(f"cannot read {what}", exc) from exc

    def load(self, article_id: str) -> Analysis | None:
        """The analysis saved for `article_id`, exactly as saved; None if there is none."""
        query = select(schema.articles.c.analysis).where(schema.articles.c.id == article_id)
        found = self._read(f"article {article_id}", query)
        if not found:
            return None
        try:
            return Analysis.model_validate(found[0].analysis)
        except ValidationError as exc:
            raise self._error(f"article {article_id} no longer fits the data model", exc) from exc

    def article_ids(self) -> list[str]:
        """Every saved article id, sorted."""
        query = select(schema.articles.c.id).order_by(schema.articles.c.id)
        return [row.id for row in self._read("article ids", query)]

    def count(self, table: str) -> int:
        """The number of rows in `table` (``articles``, ``events``, ...)."""
        if table not in metadata.tables:
            known = ", ".join(sorted(metadata.tables))
            raise StoreError(f"{self.url}: no table {table!r} (tables: {known})")
        query = select(func.count()).select_from(metadata.tables[table])
        return int(self._read(f"table {table}", query)[0][0])

    def events(self, type: str | None = None, actor: str | None = None) -> list[dict[str, Any]]:
        """Events as flat dicts with their ``source``, ``target`` and ``denied_by`` actor ids.

        `type` keeps one PLOVER type; `actor` keeps events where that actor id is a source,
        target or denier. Ordered by article, then position in the text.
        """
        ev, link = schema.events, schema.event_actors
        same_event = and_(link.c.article_id == ev.c.article_id, link.c.event_id == ev.c.event_id)
        query = select(ev, link.c.role, link.c.actor_id).outerjoin(link, same_event)
        if type is not None:
            query = query.where(ev.c.type == type)
        if actor is not None:
            # A semi-join, not a correlated EXISTS: SQLite would answer the EXISTS by walking
            # the actor's index once per event (quadratic: 10,000 copies took minutes).
            linked = link.alias("linked")
            of_actor = select(linked.c.article_id, linked.c.event_id).where(
                linked.c.actor_id == actor
            )
            query = query.where(tuple_(ev.c.article_id, ev.c.event_id).in_(of_actor))
        query = query.order_by(
            ev.c.article_id, ev.c.trigger_start, ev.c.event_id, link.c.role, link.c.n
        )
        found: dict[tuple[str, str], dict[str, Any]] = {}
        for row in self._read("events", query):
            data = row._asdict()
            role, actor_id = data.pop("role"), data.pop("actor_id")
            item = found.setdefault(
                (data["article_id"], data["event_id"]),
                {**data, "source": [], "target": [], "denied_by": []},
            )
            if role is not None:
                item[role].append(actor_id)
        return list(found.values())

    def actors(self, query: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Stored actors across articles, grouped by KB id (else name), most articles first.

        `query` keeps actors whose name, KB id or country contains it (case-insensitive).
        Each row: key, name, kind, country, kb_id, articles (count), mentions (count).
        """
        a, m = schema.actors, schema.mentions
        key = func.coalesce(a.c.kb_id, a.c.name)
        n_mentions = (
            select(func.count())
            .where(m.c.article_id == a.c.article_id, m.c.actor_id == a.c.actor_id)
            .scalar_subquery()
        )
        q = select(
            key.label("key"),
            func.min(a.c.name).label("name"),
            func.min(a.c.kind).label("kind"),
            func.min(a.c.country).label("country"),
            func.min(a.c.kb_id).label("kb_id"),
            func.count(func.distinct(a.c.article_id)).label("articles"),
            func.coalesce(func.sum(n_mentions), 0).label("mentions"),
        ).group_by(key)
        if query:
            like = f"%{query.casefold()}%"
            q = q.where(
                func.lower(a.c.name).like(like)
                | func.lower(func.coalesce(a.c.kb_id, "")).like(like)
                | func.lower(func.coalesce(a.c.country, "")).like(like)
            )
        q = q.order_by(func.count(func.distinct(a.c.article_id)).desc(), key).limit(limit)
        rows = [row._asdict() for row in self._read("actors", q)]
        return [{**r, "mentions": int(r["mentions"])} for r in rows]  # PostgreSQL: a Decimal

    def search(self, text: str, kind: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Article texts and quotes containing every word of `text` (case-insensitive).

        `kind` keeps ``article`` or ``quote`` matches. Each row: article_id, kind, ref (the
        quote id, '' for the article), title, source, text (the quote, or the title).
        Ordered by article id, kind and ref, so both backends answer alike.
        """
        if kind is not None and kind not in search.KINDS:
            raise StoreError(f"{self.url}: no search kind {kind!r} (kinds: article, quote)")
        try:
            with self._open().connect().execution_options(tidings_read=True) as conn:
                return search.run(conn, text, kind, limit)
        except SQLAlchemyError as exc:
            raise self._error(f"cannot search for {text!r}", exc) from exc

    # -- lifetime ----------------------------------------------------------------------------

    def close(self) -> None:
        """Release the connections; the store cannot be used afterwards."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._engine is None else "open"
        return f"Store({self.url!r}, {state})"

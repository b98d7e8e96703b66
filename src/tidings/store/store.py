"""`Store`: save analyses to any SQLAlchemy database and read them back.

One `save` is one transaction: the article's old rows are deleted and the new ones inserted
together, so re-analysing an article replaces it (never duplicates it) and a failure half-way
leaves the previous version as it was.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from types import TracebackType
from typing import Any

from pydantic import ValidationError
from sqlalchemy import (
    Connection,
    Engine,
    Table,
    and_,
    create_engine,
    delete,
    event,
    exists,
    func,
    insert,
    select,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from tidings.corpus import incidents as _incidents
from tidings.errors import StoreError
from tidings.model import Analysis
from tidings.store import schema
from tidings.store.schema import SCHEMA_VERSION, metadata

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///tidings.db"

# Errors a database write can fail with. sqlite3 raises OverflowError itself (an integer beyond
# 64 bits), outside the DB-API hierarchy SQLAlchemy wraps.
_WRITE_ERRORS = (SQLAlchemyError, OverflowError)
_OPEN_ERRORS = (SQLAlchemyError, ImportError, OSError, ValueError)
_TRANSIENT = re.compile(r"locked|busy|timeout|timed out|could not serialize|deadlock", re.I)


def _parse(url: str | os.PathLike[str] | None) -> URL:
    """A SQLAlchemy URL; a bare path is a SQLite file, made absolute so a later chdir is harmless."""
    text = DEFAULT_URL if url is None else os.fspath(url)
    parsed = make_url(text if "://" in text else f"sqlite:///{text}")
    db = parsed.database
    uri_mode = parsed.query.get("uri") in ("true", "1") or (db or "").startswith("file:")
    if parsed.get_backend_name() == "sqlite" and db and db != ":memory:" and not uri_mode:
        parsed = parsed.set(database=os.path.abspath(db))
    return parsed


def _mask(url: str | os.PathLike[str] | None) -> str:
    """The URL as it may be shown: the password replaced by ``***``."""
    text = DEFAULT_URL if url is None else os.fspath(url)
    try:
        return make_url(text).render_as_string(hide_password=True) if "://" in text else text
    except SQLAlchemyError:
        return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", text)


def _enable_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    # SQLite ignores foreign keys (and so ON DELETE CASCADE) unless each connection asks.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _insert(conn: Connection, table: Table, batch: list[dict[str, Any]]) -> None:
    """One executemany per table; an empty batch is skipped (it would insert a row of NULLs)."""
    if batch:
        conn.execute(insert(table), batch)


class Store:
    """Analyses in a database: a SQLite file by default, any SQLAlchemy URL otherwise.

    ``Store()`` opens ``tidings.db`` in the working directory; ``Store("sqlite:///path.db")``,
    ``Store("path.db")`` or ``Store("postgresql+psycopg://user:pw@host/db")`` open others. The
    tables are created when missing; a database of another schema version is refused.
    """

    def __init__(self, url: str | os.PathLike[str] | None = None) -> None:
        self.url = _mask(url)
        self._password: str | None = None
        self._engine: Engine | None = None
        try:
            parsed = _parse(url)
            self._password = parsed.password
            engine = create_engine(parsed)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _enable_foreign_keys)
            self._engine = engine
            self._create()
        except StoreError:
            self.close()
            raise
        except _OPEN_ERRORS as exc:
            self.close()
            raise self._error("cannot open the store", exc) from exc

    # -- setup -------------------------------------------------------------------------------

    def _create(self) -> None:
        """Create missing tables and record the schema version, or refuse a different one."""
        engine = self._open()
        metadata.create_all(engine, tables=[schema.meta])
        with engine.begin() as conn:
            found = conn.execute(
                select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
            ).scalar_one_or_none()
            if found is not None and found != str(SCHEMA_VERSION):
                raise StoreError(
                    f"{self.url}: store schema version {found}, this Tidings expects "
                    f"{SCHEMA_VERSION}; migrate the database or use another one"
                )
        metadata.create_all(engine)
        if found is None:
            with engine.begin() as conn:
                conn.execute(
                    insert(schema.meta).values(key="schema_version", value=str(SCHEMA_VERSION))
                )

    def _open(self) -> Engine:
        if self._engine is None:
            raise StoreError(f"{self.url}: the store is closed")
        return self._engine

    def _error(self, what: str, exc: BaseException) -> StoreError:
        """A StoreError naming the URL and the cause, with the password kept out of both."""
        cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
        detail = f"{type(cause).__name__}: {cause}".strip()
        if self._password:
            detail = detail.replace(self._password, "***")
        err = StoreError(f"{self.url}: {what}: {detail}")
        if isinstance(exc, OperationalError) and _TRANSIENT.search(detail):
            err.transient = True  # a lock or a timeout: a batch runner may retry
        return err

    # -- writing -----------------------------------------------------------------------------

    def save(self, analysis: Analysis) -> None:
        """Save `analysis`, replacing every row of an earlier save of the same article."""
        engine = self._open()
        aid = analysis.article.id
        batches = schema.rows(analysis, dt.datetime.now(dt.UTC))
        try:
            with engine.begin() as conn:
                self._delete(conn, aid)
                for table, batch in batches.items():
                    _insert(conn, table, batch)
                _incidents.relink(conn, analysis)
        except _WRITE_ERRORS as exc:
            raise self._error(f"cannot save article {aid}", exc) from exc
        log.debug("saved article %s (%d events)", aid, len(batches[schema.events]))

    @staticmethod
    def _delete(conn: Connection, article_id: str) -> None:
        # Explicit deletes, children first: ON DELETE CASCADE is a safety net, not the mechanism,
        # since a connection without foreign keys enabled would silently skip it.
        for table in schema.CHILD_TABLES:
            conn.execute(delete(table).where(table.c.article_id == article_id))
        conn.execute(delete(schema.articles).where(schema.articles.c.id == article_id))

    # -- reading -----------------------------------------------------------------------------

    def _read(self, what: str, query: Any) -> list[Any]:
        try:
            with self._open().connect() as conn:
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
            linked = link.alias("linked")
            query = query.where(
                exists().where(
                    linked.c.article_id == ev.c.article_id,
                    linked.c.event_id == ev.c.event_id,
                    linked.c.actor_id == actor,
                )
            )
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
            func.sum(n_mentions).label("mentions"),
        ).group_by(key)
        if query:
            like = f"%{query.casefold()}%"
            q = q.where(
                func.lower(a.c.name).like(like)
                | func.lower(func.coalesce(a.c.kb_id, "")).like(like)
                | func.lower(func.coalesce(a.c.country, "")).like(like)
            )
        q = q.order_by(func.count(func.distinct(a.c.article_id)).desc(), key).limit(limit)
        return [row._asdict() for row in self._read("actors", q)]

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

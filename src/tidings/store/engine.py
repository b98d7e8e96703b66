"""Opening a database: URLs, an engine tuned per backend, and one-line errors a user can read.

SQLite runs in WAL mode (readers never block the writer) with a long busy timeout, and every
write transaction starts with ``BEGIN IMMEDIATE``: it takes the write lock up front, waiting
for another process's writer instead of failing half-way with "database is locked" when two
processes read, then write. Reads start a plain deferred ``BEGIN`` (pass the execution option
``tidings_read=True``). PostgreSQL goes through psycopg 3; a bare ``postgresql://`` URL means it.
"""

from __future__ import annotations

import os
import re
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

from tidings.errors import StoreError

DEFAULT_URL = "sqlite:///tidings.db"
BUSY_TIMEOUT_S = 60.0
"""How long a SQLite writer waits for another process's write lock before giving up."""

_PG_DRIVERS = {"postgresql", "postgres", "postgresql+psycopg"}


def parse(url: str | os.PathLike[str] | None) -> URL:
    """A SQLAlchemy URL; a bare path is a SQLite file, made absolute so a later chdir is harmless."""
    text = DEFAULT_URL if url is None else os.fspath(url)
    parsed = make_url(text if "://" in text else f"sqlite:///{text}")
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    db = parsed.database
    if parsed.get_backend_name() == "sqlite" and db and db != ":memory:" and not _uri_mode(parsed):
        parsed = parsed.set(database=os.path.abspath(db))
    return parsed


def _uri_mode(parsed: URL) -> bool:
    return parsed.query.get("uri") in ("true", "1") or (parsed.database or "").startswith("file:")


def mask(url: str | os.PathLike[str] | None) -> str:
    """The URL as it may be shown: the password replaced by ``***``."""
    text = DEFAULT_URL if url is None else os.fspath(url)
    try:
        return make_url(text).render_as_string(hide_password=True) if "://" in text else text
    except SQLAlchemyError:
        return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", text)


def one_line(text: str) -> str:
    """A driver's multi-line message (psycopg adds hints on new lines) as one line."""
    return " ".join(text.split())


def sqlite_file(parsed: URL) -> str | None:
    """The path of a SQLite database file; None for another backend or an in-memory database."""
    db = parsed.database
    if parsed.get_backend_name() != "sqlite" or not db or db == ":memory:" or _uri_mode(parsed):
        return None
    return db


def check_driver(parsed: URL, shown: str) -> None:
    """Refuse a PostgreSQL URL in one sentence when psycopg is not installed."""
    if parsed.drivername not in _PG_DRIVERS:
        return
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise StoreError(
            f"{shown}: the PostgreSQL driver psycopg is not installed "
            "(pip install 'tidings[postgres]')"
        ) from exc


def make_engine(parsed: URL) -> Engine:
    """An engine for `parsed`, with SQLite's pragmas and transaction modes set on every connection."""
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, connect_args={"connect_timeout": 10})
    engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_S})
    wal = sqlite_file(parsed) is not None

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # transactions are begun by `on_begin`
        cursor = dbapi_connection.cursor()
        # SQLite ignores foreign keys (and so ON DELETE CASCADE) unless each connection asks.
        cursor.execute("PRAGMA foreign_keys=ON")
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")  # WAL stays consistent after a crash
        cursor.close()

    def on_begin(conn: Connection) -> None:
        read = conn.get_execution_options().get("tidings_read", False)
        conn.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", on_begin)
    return engine

"""Bring a database to the current schema with the Alembic migrations shipped in the package.

Safe under concurrency: the check and the migrations run in one transaction that first takes a
lock every other opener waits for (``BEGIN IMMEDIATE`` on SQLite, a transaction-scoped advisory
lock on PostgreSQL), and the revision is read again once the lock is held. Two processes
starting on a new database therefore create the schema once; the second finds it done.
A database of version 1 (created before migrations, with no ``alembic_version`` table) is
completed and upgraded; one of an unknown or newer version is refused. A table that a module
adds to the metadata without a migration (an additive table, like the feed tables were) is
created in the same locked transaction.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, Table, inspect, text

from tidings.errors import StoreError
from tidings.store.schema import SCHEMA_VERSION, metadata

_SCRIPTS = Path(__file__).parent / "migrations"
_PG_LOCK = 0x7469_6469  # 'tidi': the advisory lock key of schema migrations


def _config(conn: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_SCRIPTS))
    cfg.attributes["connection"] = conn
    return cfg


def head() -> str:
    """The newest revision this Tidings ships."""
    found = ScriptDirectory.from_config(_config()).get_current_head()
    assert found is not None
    return found


def _state(conn: Connection) -> tuple[str | None, str | None]:
    """(Alembic revision, ``meta.schema_version``) of the database; None where absent."""
    tables = set(inspect(conn).get_table_names())
    revision = MigrationContext.configure(conn).get_current_revision()
    version = None
    if "meta" in tables:
        version = conn.execute(
            text("SELECT value FROM meta WHERE key = 'schema_version'")
        ).scalar_one_or_none()
    return revision, version


def _missing_tables(conn: Connection) -> list[Table]:
    """Tables of the metadata the database lacks (a module adding a table registers it)."""
    have = set(inspect(conn).get_table_names())
    return [t for t in metadata.sorted_tables if t.name not in have]


def is_current(engine: Engine) -> bool:
    """Whether the database is at the newest revision with every table (read without a lock)."""
    with engine.connect().execution_options(tidings_read=True) as conn:
        return _state(conn) == (head(), str(SCHEMA_VERSION)) and not _missing_tables(conn)


def has_store(engine: Engine) -> bool:
    """Whether the database holds a Tidings store of any version."""
    with engine.connect().execution_options(tidings_read=True) as conn:
        return "articles" in inspect(conn).get_table_names()


def _refuse_unknown(revision: str | None, version: str | None, shown: str) -> None:
    known = {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}
    newer = revision is not None and revision not in known
    if newer or (
        version is not None and version not in {str(v) for v in range(1, SCHEMA_VERSION + 1)}
    ):
        raise StoreError(
            f"{shown}: store schema version {version} (revision {revision}), this Tidings "
            f"expects {SCHEMA_VERSION}; upgrade Tidings or use another database"
        )


def upgrade(engine: Engine, shown: str) -> None:
    """Migrate the database to the newest revision, creating it when empty."""
    if is_current(engine):
        return
    with engine.connect() as conn:  # SQLite: BEGIN IMMEDIATE, the write lock, right here
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
        revision, version = _state(conn)
        _refuse_unknown(revision, version, shown)
        command.upgrade(_config(conn), "head")
        # A new table alone (no change to an existing one) is created from the metadata, as
        # the feed tables were before migrations; any other change needs a migration.
        metadata.create_all(conn, tables=_missing_tables(conn))
        conn.commit()

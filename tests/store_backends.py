"""The store's two backends as one parametrised fixture: a fresh SQLite file, a fresh PostgreSQL.

PostgreSQL comes from ``TIDINGS_TEST_PG`` (a server URL such as
``postgresql+psycopg://postgres@127.0.0.1:5433/postgres``); each test gets its own new database
on it, dropped afterwards. Under CI (``CI=true``) a missing or unreachable server FAILS the
tests; on a developer's machine without one they are skipped with the reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_ENV = "TIDINGS_TEST_PG"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(f"no PostgreSQL for the store tests: {reason}")


def _admin(server: str):  # type: ignore[no-untyped-def]
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server)
    return psycopg.connect(
        host=url.host,
        port=url.port,
        user=url.username,
        password=url.password,
        dbname=url.database or "postgres",
        autocommit=True,
        connect_timeout=5,
    )


def pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database; yields its URL and drops it afterwards."""
    server = os.environ.get(PG_ENV)
    if not server:
        _unavailable(f"set {PG_ENV} to a server URL")
    assert server is not None
    try:
        admin = _admin(server)
    except Exception as exc:  # an ImportError or any connection failure means "no server"
        _unavailable(f"{PG_ENV}={server} cannot be reached ({' '.join(str(exc).split())})")
    from sqlalchemy.engine import make_url

    prefix = os.environ.get("TIDINGS_TEST_PG_PREFIX", "store_test")  # several checkouts, one server
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            url = make_url(server).set(drivername="postgresql+psycopg", database=name)
            yield url.render_as_string(hide_password=False)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty store database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tidings.db'}"
    else:
        yield from pg_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    """A factory of URLs of fresh, empty databases on each backend (dropped at teardown)."""
    opened: list[Iterator[str]] = []

    def make() -> str:
        if request.param == "sqlite":
            return f"sqlite:///{tmp_path / f'tidings-{uuid.uuid4().hex[:8]}.db'}"
        gen = pg_database()
        opened.append(gen)
        return next(gen)

    yield make
    for gen in opened:
        gen.close()  # runs the generator's finally: the database is dropped

"""Migrations on both backends: from an empty database, and from schema version 1 as the
Tidings of before migrations created it (tests/data/store_v1.*.sql, dumped from a database that
code made: one saved article, a duplicate link, a failure)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from tidings.errors import StoreError
from tidings.store import SCHEMA_VERSION, Store, metadata
from tidings.store.duplicates import load_duplicates
from tidings.store.failures import load_failures
from tidings.store.migrate import head

from .test_store import COUNTS, make_analysis

DATA = Path(__file__).resolve().parent / "data"


def _load_v1(url: str) -> None:
    """Create the version-1 database from its dump, as the old code left it."""
    dialect = "sqlite" if url.startswith("sqlite") else "postgresql"
    dump = (DATA / f"store_v1.{dialect}.sql").read_text(encoding="utf-8")
    if dialect == "sqlite":
        con = sqlite3.connect(url.removeprefix("sqlite:///"))
        con.executescript(dump)
        con.close()
        return
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as con:
        con.execute(dump)  # type: ignore[arg-type]


def _ours(obj: object, name: str | None, type_: str, reflected: bool, other: object) -> bool:
    """Compare every table but the search index (FTS5 or tsvector, kept out of the metadata)."""
    return not (type_ == "table" and (name or "").startswith("search_"))


def _schema_diff(url: str) -> list[object]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_object": _ours})
            return compare_metadata(context, metadata)
    finally:
        engine.dispose()


def test_empty_database_migrates_to_the_current_schema(store_url: str) -> None:
    Store(store_url).close()
    assert _schema_diff(store_url) == []  # the migrated tables are exactly what the code uses
    with Store(store_url) as s:
        s.save(make_analysis())
        assert {t: s.count(t) for t in COUNTS} == COUNTS


def test_version_1_database_migrates_and_keeps_its_data(store_url: str) -> None:
    _load_v1(store_url)
    expected = make_analysis()
    with Store(store_url) as s:
        assert s.load(expected.article.id) == expected
        assert {t: s.count(t) for t in COUNTS} == COUNTS
        assert [link.ref for link in load_duplicates(s)] == ["corpus.jsonl:2"]
        assert [f.ref for f in load_failures(s)] == ["corpus.jsonl:3"]
        # what version 2 adds is filled in for the old rows
        assert [r["kind"] for r in s.search("drone strike")] == ["article"]
        assert [r["ref"] for r in s.search("guards", kind="quote")] == ["q1"]
        s.save(expected)  # its text hash was computed: saved again, still one article
        assert s.count("articles") == 1
    assert _schema_diff(store_url) == []
    engine = create_engine(store_url)
    with engine.connect() as conn:
        version = conn.execute(text("SELECT value FROM meta WHERE key='schema_version'"))
        assert version.scalar_one() == str(SCHEMA_VERSION)
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head()
    engine.dispose()


def test_a_newer_revision_is_refused(store_url: str) -> None:
    Store(store_url).close()
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="revision 9999.*upgrade Tidings"):
        Store(store_url)


def test_a_new_table_is_created_on_an_existing_store(store_url: str) -> None:
    """A module that registers a table (as the feed tables did) needs no migration for it."""
    from sqlalchemy import Column, String, Table, inspect

    Store(store_url).close()
    extra = Table("test_extra_table", metadata, Column("key", String, primary_key=True))
    try:
        Store(store_url).close()
        engine = create_engine(store_url)
        assert "test_extra_table" in inspect(engine).get_table_names()
        engine.dispose()
    finally:
        metadata.remove(extra)

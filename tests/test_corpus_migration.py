"""Migration 0003 on both backends: a store of schema version 2 gets its incidents linked."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import create_engine, insert, text

from tests.store_backends import store_url  # noqa: F401  (a fixture)
from tests.test_corpus_incidents import _one_event_article
from tidings.query import Filters, incidents
from tidings.store import Store, schema
from tidings.store.migrate import _config


def _version_2_store(url: str) -> None:
    """A store migrated to revision 0002 only, holding two reports of one attack."""
    first = _one_event_article(5, 1)
    second = _one_event_article(5, 1, " Told elsewhere.")
    second.article.source = "Other Outlet"
    engine = create_engine(url)
    with engine.connect() as conn:
        command.upgrade(_config(conn), "0002")
        conn.commit()
    with engine.begin() as conn:
        for n, analysis in enumerate((first, second)):
            when = dt.datetime(2024, 1, 10, n, tzinfo=dt.UTC)
            for table, batch in schema.rows(analysis, when).items():
                if batch:
                    conn.execute(insert(table), batch)
    engine.dispose()


def test_version_2_store_gets_its_incidents(store_url: str) -> None:  # noqa: F811
    _version_2_store(store_url)
    with Store(store_url) as store:
        (inc,) = incidents(store, Filters())
        assert (inc["n_reports"], inc["n_articles"], inc["n_outlets"]) == (2, 2, 2)
        with store._open().connect() as conn:
            viewed = conn.execute(text("SELECT place, n_articles FROM v_incidents")).all()
            reports = conn.execute(text("SELECT count(*) FROM v_incident_reports")).scalar_one()
        assert [tuple(r) for r in viewed] == [("City1", 2)] and reports == 2

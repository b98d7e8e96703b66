"""Migrations 0003 and 0004 on both backends: a store of schema version 2 gets its incidents
linked; one of version 3 (the previous one) gets them linked again, counted by the tally."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import create_engine, insert, text

from tests.store_backends import store_url  # noqa: F401  (a fixture)
from tests.test_corpus_incidents import _one_event_article
from tidings.query import Filters, incidents
from tidings.store import Store, schema
from tidings.store.migrate import _config


def _version_2_store(url: str, revision: str = "0002") -> None:
    """A store migrated to `revision` only, holding two reports of one attack."""
    first = _one_event_article(5, 1)
    second = _one_event_article(5, 1, " Told elsewhere.")
    second.article.source = "Other Outlet"
    engine = create_engine(url)
    with engine.connect() as conn:
        command.upgrade(_config(conn), revision)
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


def test_version_3_store_is_linked_again_with_its_tally(store_url: str) -> None:  # noqa: F811
    """Version 3 had incidents without a tally: 0004 links every article again and counts."""
    from tests.test_incident_tally import assert_consistent
    from tidings.store.incidents import incident_reports
    from tidings.store.incidents import incidents as incident_table

    _version_2_store(store_url, "0003")
    engine = create_engine(store_url)
    with engine.begin() as conn:  # a stale incident of version 3: one report, counted alone
        conn.execute(
            insert(incident_table),
            {"id": "Iold", "type": "ASSAULT", "date_lo": dt.date(2024, 1, 6),
             "date_hi": dt.date(2024, 1, 6), "source_keys": [], "target_keys": [], "points": [],
             "n_reports": 1, "n_articles": 1, "n_outlets": 1, "outlets": [],
             "disagreements": []},
        )  # fmt: skip
        conn.execute(
            insert(incident_reports).values(
                article_id="x", event_id="E1", incident_id="Iold", seq=0, type="ASSAULT",
                date_lo=dt.date(2024, 1, 6), date_hi=dt.date(2024, 1, 6), source_keys=[],
                target_keys=[], certainty="certain", score=0.0,
            )
        )  # fmt: skip
    engine.dispose()
    with Store(store_url) as store:
        (inc,) = incidents(store, Filters())
        assert inc["incident_id"] != "Iold"
        assert (inc["n_reports"], inc["n_articles"], inc["n_outlets"]) == (2, 2, 2)
        assert assert_consistent(store) == 1
        assert store.count("incident_counts") > 0 and store.count("incident_origins") == 2

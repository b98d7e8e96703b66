"""Identity on re-ingest, full-text search and the browsable views, on both backends."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine, text

from tidings.errors import StoreError
from tidings.store import Store

from .test_store import COUNTS, TEXT, make_analysis


def _counts(store: Store) -> dict[str, int]:
    return {t: store.count(t) for t in COUNTS}


def test_same_url_replaces_the_article(store_url: str) -> None:
    with Store(store_url) as s:
        s.save(make_analysis())
        updated = make_analysis(TEXT + " The ministry later corrected its account.")
        s.save(updated)  # same URL, new text: the story was updated
        assert s.article_ids() == [updated.article.id]
        assert _counts(s) == COUNTS
        assert len(s.search("guards")) == 2  # the new article and its quote, nothing left over


def test_same_text_under_another_id_replaces_the_article(store_url: str) -> None:
    with Store(store_url) as s:
        first = make_analysis()
        s.save(first)
        again = make_analysis(TEXT + " \t ")  # the same text once normalised
        again.article.id = "corpus-row-7"
        again.article.url = None
        s.save(again)
        assert s.article_ids() == ["corpus-row-7"]
        assert _counts(s) == COUNTS


def test_search_answers_alike_on_both_backends(store_url: str) -> None:
    with Store(store_url) as s:
        first = make_analysis()
        second = make_analysis(TEXT + " Talks resume on Friday in Vienna.")
        second.article.url = "https://news.example/talks"
        s.save(first)
        s.save(second)
        both = sorted([first.article.id, second.article.id])
        assert [r["article_id"] for r in s.search("Drone STRIKE", kind="article")] == both
        assert [r["article_id"] for r in s.search("vienna talks")] == [second.article.id]
        quotes = s.search("killed guards", kind="quote")
        assert [(r["ref"], r["text"]) for r in quotes] == [("q1", "killed two guards")] * 2
        assert s.search("Vienna Isfahan missing-word") == []
        assert s.search("  ...  ") == []
        assert len(s.search("Iran")) == 2 and len(s.search("Iran", limit=1)) == 1
        with pytest.raises(StoreError, match="no search kind 'events'"):
            s.search("Iran", kind="events")


def test_views_name_the_actors(store_url: str) -> None:
    with Store(store_url) as s:
        s.save(make_analysis())
    engine = create_engine(store_url)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT event_id, type, sources, targets, denied_by, attributed_to, place, "
                "sentence FROM v_events ORDER BY event_id"
            )
        ).all()
        links = conn.execute(
            text("SELECT count(*) FROM v_event_actors WHERE name = 'Israel'")
        ).scalar_one()
        speaker = conn.execute(text("SELECT speaker, text FROM v_quotes")).one()
    engine.dispose()
    strike = rows[1]
    assert (strike.event_id, strike.type, strike.sources, strike.targets) == (
        "e2",
        "ASSAULT",
        "Israel",
        "Iran",
    )
    assert (strike.denied_by, strike.attributed_to, strike.place) == ("Israel", "Iran", "Isfahan")
    assert strike.sentence.startswith("Iran's foreign ministry on Monday accused Israel")
    assert rows[0].attributed_to == "Iranian media"
    assert rows[2].sources is None and rows[2].place == "Tehran"
    assert links == 3  # target of e1, source of e2, denier of e2
    assert tuple(speaker) == ("Iran", "killed two guards")


def test_sqlite_file_is_wal_and_browsable_with_sqlite3(tmp_path) -> None:
    db = tmp_path / "t.db"
    with Store(db) as s:
        s.save(make_analysis())
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert con.execute("SELECT count(*) FROM v_events").fetchone() == (3,)
    hit = con.execute(
        "SELECT s.article_id FROM search_fts JOIN search_index s ON s.id = search_fts.rowid "
        "WHERE search_fts MATCH 'isfahan'"
    )
    assert len(hit.fetchall()) == 1
    con.close()


def test_concurrent_saves_of_one_article_keep_one(store_url: str) -> None:
    """Threads on their own connections save the same story (by id, by URL) at once."""
    from concurrent.futures import ThreadPoolExecutor

    with Store(store_url) as s:
        versions = [make_analysis(TEXT + " " * n + f" Update {n}.") for n in range(4)]
        versions.append(make_analysis())

        def save_all(offset: int) -> None:
            for i in range(10):
                s.save(versions[(i + offset) % len(versions)])

        with ThreadPoolExecutor(4) as pool:
            list(pool.map(save_all, range(4)))
        assert s.count("articles") == 1  # every version has the same URL
        assert _counts(s) == COUNTS

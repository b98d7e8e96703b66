"""The written test corpus, ingested once per session by the real pipeline, on each backend.

`corpus_url` is a session fixture parametrised on SQLite and PostgreSQL (the server of
``TIDINGS_TEST_PG``, as for the store tests: skipped with the reason on a developer's machine
without one, a failure in CI). Tests read it, never write it; tests that write ingest their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store_backends import pg_database
from tidings.store import Store

CORPUS = Path(__file__).parent / "data" / "corpus" / "articles.jsonl"


def ingest(path: Path, db: Path | str) -> Store:
    """Run `tidings.api.ingest` (pipeline, dedupe, store) on `path` into `db`; the open store."""
    from tidings.api import ingest as run_ingest

    report = run_ingest([str(path)], db=str(db))
    assert not report.failures, report.failures
    return Store(db)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def corpus_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The URL of a store holding the ingested corpus (read it, never write it)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'corpus.db'}"
        ingest(CORPUS, url).close()
        yield url
        return
    databases = pg_database()
    url = next(databases)
    try:
        ingest(CORPUS, url).close()
        yield url
    finally:
        databases.close()

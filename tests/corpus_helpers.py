"""The written test corpus, ingested once per session by the real pipeline into a SQLite file.

Tests that only read share it (`corpus_db`); tests that write ingest their own copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.store import Store

CORPUS = Path(__file__).parent / "data" / "corpus" / "articles.jsonl"
_CACHE: dict[str, Path] = {}


def ingest(path: Path, db: Path) -> Store:
    """Run `tidings.api.ingest` (pipeline, dedupe, store) on `path` into `db`; the open store."""
    from tidings.api import ingest as run_ingest

    report = run_ingest([str(path)], db=str(db))
    assert not report.failures, report.failures
    return Store(db)


def corpus_db(factory: pytest.TempPathFactory) -> Path:
    """The path of the session's ingested corpus (read it, never write it)."""
    if "db" not in _CACHE:
        db = factory.mktemp("corpus") / "corpus.db"
        ingest(CORPUS, db).close()
        _CACHE["db"] = db
    return _CACHE["db"]

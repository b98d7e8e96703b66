"""Several real processes on one store: fresh starts together, ingests together, SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from tidings.errors import StoreError
from tidings.model import article_id
from tidings.store import Store
from tidings.store.schema import metadata

ROOT = Path(__file__).resolve().parent.parent
TIDINGS = [sys.executable, "-m", "tidings"]

# Races on creating the schema of each URL in turn: try i opens its store at `start + i * SLOT`,
# as the other process does, and saves one small analysis of its own. Prints one line per try.
_RACE = """
import sys, time
from tidings.model import Analysis, Article, Meta
from tidings.errors import StoreError
from tidings.store import Store
from tidings.store.schema import metadata
start, slot, who, urls = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4:]
failed = 0
for i, url in enumerate(urls):
    analysis = Analysis(article=Article(text=f"Article {i} of {who}."), meta=Meta(tidings="t"))
    time.sleep(max(0.0, start + i * slot - time.time()))
    try:
        with Store(url) as store:
            store.save(analysis)
        print(i, "ok", flush=True)
    except Exception as exc:
        failed += 1
        print(i, type(exc).__name__, exc, flush=True)
sys.exit(1 if failed else 0)
"""
SLOT = 1.5


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


@pytest.mark.slow
def test_twenty_concurrent_fresh_starts(new_store_url: Callable[[], str]) -> None:
    """Issue 17: two processes starting on a new database used to fail 1 time in 3."""
    urls = [new_store_url() for _ in range(20)]
    start = time.time() + 8  # after both have imported Tidings
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _RACE, str(start), str(SLOT), who, *urls],
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for who in ("a", "b")
    ]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    for i, url in enumerate(urls):
        with Store(url, create=False) as store:
            assert store.count("articles") == 2, f"try {i}"


def _corpus(path: Path, texts: list[str]) -> Path:
    rows = [{"text": t, "published": "2024-03-04"} for t in texts]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


TEXTS = [
    f"Rebels attacked an army base near {town} on Friday, killing {n} soldiers, officials said."
    for n, town in enumerate(
        [
            "Kabul",
            "Herat",
            "Kandahar",
            "Mosul",
            "Aleppo",
            "Idlib",
            "Sanaa",
            "Aden",
            "Goma",
            "Juba",
            "Gao",
            "Mopti",
            "Kidal",
            "Homs",
            "Hama",
            "Deir ez-Zor",
            "Raqqa",
            "Daraa",
            "Taiz",
            "Marib",
            "Benghazi",
            "Sirte",
            "Misrata",
            "Tripoli",
        ],
        start=2,
    )
]


@pytest.mark.slow
def test_two_ingest_processes_lose_nothing(store_url: str, tmp_path: Path) -> None:
    """Two `tidings ingest` at once on one new database; they share one article."""
    first = _corpus(tmp_path / "a.jsonl", TEXTS[0:4])
    second = _corpus(tmp_path / "b.jsonl", TEXTS[3:8])
    procs = [
        subprocess.Popen(
            [*TIDINGS, "ingest", str(path), "--db", store_url, "-q"],
            env=_env(),
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in (first, second)
    ]
    results = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    with Store(store_url, create=False) as store:
        assert store.article_ids() == sorted(article_id(t) for t in TEXTS[0:8])
        assert store.count("failures") == 0
        assert len(store.search("rebels attacked", kind="article")) == 8


def _stored(url: str) -> int:
    """Articles stored so far, or 0 while the database or its schema is still being made."""
    try:
        with Store(url, create=False) as store:
            return store.count("articles")
    except StoreError:
        return 0


def _consistent(url: str) -> None:
    """No row of any table points at an article that is not stored and every incident's tally
    matches its reports (on both backends), and on SQLite the file passes its own integrity and
    foreign-key checks."""
    engine = sa.create_engine(url if "://" in url else f"sqlite:///{url}")
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            articles = metadata.tables["articles"]
            for table in metadata.tables.values():
                if "article_id" not in table.c or table is articles:
                    continue
                orphans = (
                    sa.select(sa.func.count())
                    .select_from(table)
                    .where(~table.c.article_id.in_(sa.select(articles.c.id)))
                )
                assert conn.execute(orphans).scalar_one() == 0, table.name
    finally:
        engine.dispose()
    from tests.test_incident_tally import assert_consistent

    with Store(url if "://" in url else f"sqlite:///{url}", create=False) as store:
        assert_consistent(store)  # every incident's tally equals its recount from its reports


# The SIGKILL batch: long enough that the kill lands mid-batch even when one poll of the store
# (a new connection each time) takes longer than several saves.
MANY = [f"{t} Day {day} of the offensive." for day in range(1, 9) for t in TEXTS]


@pytest.mark.slow
def test_sigkill_mid_batch_then_rerun_completes(store_url: str, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", MANY)
    cmd = [*TIDINGS, "ingest", str(corpus), "--db", store_url, "-q"]
    proc = subprocess.Popen(
        cmd, env=_env(), cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    stored = 0
    deadline = time.time() + 300
    while stored < 3 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.05)
        stored = _stored(store_url)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    _consistent(store_url)
    killed_at = _stored(store_url)
    assert 3 <= killed_at < len(MANY), "the kill must come mid-batch"
    rerun = subprocess.run(
        cmd, env=_env(), cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stderr
    with Store(store_url, create=False) as store:
        assert store.article_ids() == sorted(article_id(t) for t in MANY)
        assert store.count("failures") == 0
        assert len(store.search("officials", kind="article", limit=len(MANY))) == len(MANY)
        assert {e["article_id"] for e in store.events()} <= set(store.article_ids())
    _consistent(store_url)

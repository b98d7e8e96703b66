"""The batch runner on real files, the real pipeline and a real SQLite store: nothing lost,
nothing doubled, failures reported, duplicates linked."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.test_dedupe import COPY, OTHER, WIRE
from tidings.batch import ItemResult, _retrying, run_batch
from tidings.dedupe import Deduper
from tidings.errors import InputError, StoreError
from tidings.ingest.corpus import ColumnMap, read_jsonl
from tidings.store import Store
from tidings.store.duplicates import load_duplicates, stored_texts

FRENCH = (
    "Des milliers de manifestants se sont rassemblés samedi dans le centre de Paris pour "
    "protester contre la réforme des retraites, a indiqué la préfecture de police. Les syndicats "
    "ont appelé à une nouvelle journée de grève la semaine prochaine."
)
THIRD = (
    "Rebels attacked an army post near the northern border on Sunday, killing three soldiers, "
    "the military said in a statement. The government accused a neighbouring state of arming "
    "the group, a charge its foreign ministry denied."
)


def _corpus(path: Path, records: list[dict | str]) -> Path:
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def store(tmp_path: Path):
    s = Store(tmp_path / "batch.db")
    yield s
    s.close()


def test_batch_never_loses_or_duplicates(tmp_path: Path, pipeline, store: Store) -> None:
    path = _corpus(
        tmp_path / "c.jsonl",
        [
            {"text": WIRE, "published": "2024-03-03"},
            {"text": OTHER},
            '{"text": broken',
            {"text": WIRE},  # the same article again
            {"text": COPY, "title": "Thousands flee"},  # a wire copy
            {"text": FRENCH},
            {"text": THIRD, "published": "not a date"},
            {"text": THIRD},
        ],
    )
    seen: list[ItemResult] = []
    report = run_batch(read_jsonl(path), pipeline, store, Deduper(), progress=seen.append)

    assert [r.outcome for r in seen] == [
        "analysed",
        "analysed",
        "failed",
        "duplicate",
        "analysed",
        "skipped",
        "failed",
        "analysed",
    ]
    assert report.items == 8
    assert (report.analysed, report.skipped_language) == (4, 1)
    assert (report.duplicates, report.near_duplicates, report.exact_duplicates) == (2, 1, 1)
    assert [ref for ref, _ in report.failures] == [f"{path}:3", f"{path}:7"]
    assert "not valid JSON" in report.failures[0][1] and "bad date" in report.failures[1][1]
    assert report.items == (
        report.analysed + report.skipped_language + report.exact_duplicates + len(report.failures)
    )
    # Rows: WIRE, OTHER, COPY, FRENCH (skipped but stored with its status), THIRD.
    assert store.count("articles") == 5
    ids = {r.ref: r.article_id for r in seen}
    french = store.load(ids[f"{path}:6"])
    assert french is not None and french.status == "skipped: language=fr"
    links = load_duplicates(store)
    wire_id = ids[f"{path}:1"]
    assert [(lk.ref, lk.article_id, lk.duplicate_of, lk.method) for lk in links] == sorted(
        [
            (f"{path}:4", wire_id, wire_id, "exact"),
            (f"{path}:5", ids[f"{path}:5"], wire_id, "minhash"),
        ],
        key=lambda t: (t[1], t[0]),
    )
    near = next(lk for lk in links if lk.method == "minhash")
    assert 0.8 <= near.similarity < 1.0
    assert report.seconds > 0 and report.articles_per_second > 0
    assert "2 failed" in report.summary()


def test_second_run_with_seeded_deduper_adds_nothing(tmp_path: Path, pipeline, store) -> None:
    path = _corpus(tmp_path / "c.jsonl", [{"text": WIRE}, {"text": THIRD}])
    first = run_batch(read_jsonl(path), pipeline, store, Deduper())
    assert first.analysed == 2
    deduper = Deduper()
    for aid, text in stored_texts(store, batch_size=1):
        deduper.add(aid, text)
    assert len(deduper) == 2
    again = run_batch(read_jsonl(path), pipeline, store, deduper)
    assert (again.analysed, again.exact_duplicates, again.stored, again.failures) == (0, 0, 2, [])
    assert store.count("articles") == 2
    # A rerun is a checkpoint: it writes no "duplicate" rows for its own earlier work.
    run_batch(read_jsonl(path), pipeline, store, deduper)
    assert store.count("duplicates") == 0


def test_without_deduper_a_repeat_is_still_saved_once(tmp_path: Path, pipeline, store) -> None:
    path = _corpus(tmp_path / "c.jsonl", [{"text": THIRD}, {"text": THIRD}, {"text": COPY}])
    report = run_batch(read_jsonl(path), pipeline, store)
    assert (report.analysed, report.duplicates, report.near_duplicates) == (2, 1, 0)
    assert store.count("articles") == 2


def test_reused_corpus_id_with_other_text_is_a_failure(tmp_path: Path, pipeline, store) -> None:
    path = _corpus(tmp_path / "c.jsonl", [{"doc": "X", "text": THIRD}, {"doc": "X", "text": OTHER}])
    report = run_batch(read_jsonl(path, ColumnMap(id="doc")), pipeline, store)
    assert report.analysed == 1
    assert len(report.failures) == 1 and "already used by another text" in report.failures[0][1]
    saved = store.load("X")
    assert saved is not None and saved.article.text == THIRD  # the first is not overwritten


def test_input_errors_and_analysis_errors_are_failures(pipeline, store) -> None:
    from tidings.model import Article

    items = [
        ("a", InputError("a", "no such file")),
        ("b", Article(text="x\x00\x00binary")),
        ("c", Article(text=THIRD)),
    ]
    report = run_batch(items, pipeline, store)
    assert [ref for ref, _ in report.failures] == ["a", "b"]
    assert "binary" in report.failures[1][1]
    assert store.article_ids() == [Article(text=THIRD).id]


def test_locked_store_fails_items_without_saving_then_recovers(tmp_path: Path, pipeline) -> None:
    db = tmp_path / "locked.db"
    store = Store(f"sqlite:///{db}?timeout=0.1")
    path = _corpus(tmp_path / "c.jsonl", [{"text": THIRD}, {"text": OTHER}])
    other = sqlite3.connect(db)
    other.execute("BEGIN EXCLUSIVE")
    try:
        report = run_batch(read_jsonl(path), pipeline, store)
    finally:
        other.rollback()
        other.close()
    assert report.analysed == 0 and len(report.failures) == 2
    assert all("database is locked" in reason for _, reason in report.failures)
    assert store.count("articles") == 0
    again = run_batch(read_jsonl(path), pipeline, store)
    assert again.analysed == 2 and store.count("articles") == 2
    store.close()


def test_transient_errors_are_retried_once() -> None:
    calls = []

    def flaky(fail_times: int):
        def call() -> str:
            calls.append(1)
            if len(calls) <= fail_times:
                err = StoreError("db: database is locked")
                err.transient = True
                raise err
            return "ok"

        return call

    assert _retrying(flaky(1)) == "ok" and len(calls) == 2
    calls.clear()
    with pytest.raises(StoreError):
        _retrying(flaky(2))
    assert len(calls) == 2
    calls.clear()

    def terminal() -> None:
        calls.append(1)
        raise InputError("x", "bad input")

    with pytest.raises(InputError):
        _retrying(terminal)
    assert len(calls) == 1  # terminal errors are not retried


def test_locked_store_save_is_retried_and_succeeds(tmp_path: Path, pipeline) -> None:
    """The lock is released when the runner announces its retry: the second attempt saves."""
    import logging

    db = tmp_path / "retry.db"
    store = Store(f"sqlite:///{db}?timeout=0.1")
    other = sqlite3.connect(db)
    other.execute("BEGIN EXCLUSIVE")
    retries: list[str] = []

    class ReleaseOnRetry(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "retrying" in record.getMessage():
                retries.append(record.getMessage())
                other.rollback()

    handler = ReleaseOnRetry(level=logging.INFO)
    logger = logging.getLogger("tidings.batch")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        path = _corpus(tmp_path / "c.jsonl", [{"text": THIRD}])
        report = run_batch(read_jsonl(path), pipeline, store)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        other.close()
    assert len(retries) == 1 and "database is locked" in retries[0]
    assert (report.analysed, report.failures) == (1, [])
    assert store.count("articles") == 1
    store.close()

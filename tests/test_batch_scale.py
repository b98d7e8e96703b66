"""`tidings batch` at scale: failure isolation, the per-document time limit, worker processes,
a SIGTERM summary and a resume after SIGKILL (real subprocesses, real SQLite files)."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from benchmarks.longdoc import long_document

from tidings.batch import run_batch
from tidings.model import Article
from tidings.store import Store

TIDINGS = str(Path(sys.executable).with_name("tidings"))


def _corpus(path: Path, n: int, chars: int = 2500) -> Path:
    rows = [{"id": f"doc{i}", "text": long_document(chars, seed=i)} for i in range(n)]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _stored(db: Path) -> int:
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return int(con.execute("select count(*) from articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0  # not created yet


def _wait_for(pred, seconds: float) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if pred():
            return
        time.sleep(0.2)
    raise AssertionError("condition not reached in time")


def test_one_failure_and_one_overlong_document_do_not_stop_the_batch(pipeline, tmp_path) -> None:
    pipeline.analyze(long_document(1500, seed=9))  # warm: lazy tables are built once
    items = [
        ("ok1", Article(text=long_document(1500, seed=1))),
        ("binary", Article(text="x\x00\x00binary")),
        ("long", Article(text=long_document(600_000, seed=2))),
        ("ok2", Article(text=long_document(1500, seed=3))),
    ]
    with Store(f"sqlite:///{tmp_path / 'b.db'}") as store:
        report = run_batch(items, pipeline, store, time_limit=10.0)
        assert report.analysed == 2 and report.items == 4
        reasons = dict(report.failures)
        assert set(reasons) == {"binary", "long"}
        assert "binary" in reasons["binary"]
        assert "exceeded the time limit of 10 s" in reasons["long"]
        assert store.count("articles") == 2  # a failed document leaves no partial rows


@pytest.mark.slow
def test_sigterm_stops_two_workers_with_a_summary(tmp_path) -> None:
    corpus, db = _corpus(tmp_path / "c.jsonl", 40), tmp_path / "t.db"
    cmd = [TIDINGS, "batch", str(corpus), "--db", f"sqlite:///{db}", "-q", "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: _stored(db) >= 1, 240)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 8, err
    assert out.startswith("interrupted: ") and "analysed" in out
    assert "Traceback" not in err
    analysed = int(out.split(" analysed")[0].rsplit(" ", 1)[-1])
    assert 1 <= analysed < 40 and analysed == _stored(db)


@pytest.mark.slow
def test_rerun_after_sigkill_resumes_without_duplicates(tmp_path) -> None:
    corpus, db = _corpus(tmp_path / "c.jsonl", 12), tmp_path / "k.db"
    cmd = [TIDINGS, "batch", str(corpus), "--db", f"sqlite:///{db}", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for(lambda: _stored(db) >= 2, 240)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
    before = _stored(db)
    assert 2 <= before < 12
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert f"{12 - before} analysed" in again.stdout, again.stdout
    assert f"{before} already stored" in again.stdout
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from articles").fetchone()[0] == 12
    exact = "select count(*) from duplicates where method = 'exact'"
    assert con.execute(exact).fetchone()[0] == 0  # no "copy of itself" rows for its own work
    con.close()


def test_garbage_column_mapping_is_a_usage_error_not_a_traceback(tmp_path) -> None:
    from typer.testing import CliRunner

    from tidings.cli import app

    corpus = _corpus(tmp_path / "c.jsonl", 1, 300)
    res = CliRunner().invoke(app, ["batch", str(corpus), "--columns", "garbage", "-q"])
    assert res.exit_code == 2 and "FIELD=COLUMN" in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)

"""Opening a store from the CLI: reads never create a database, and every failure is one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tidings.cli import app
from tidings.store import Store

from .test_store import make_analysis

runner = CliRunner()


def test_reading_a_mistyped_path_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "mistyped.db"
    res = runner.invoke(app, ["actors", "--db", str(missing)])
    assert res.exit_code == 6
    assert f"{missing}: no such database (reads never create one)" in res.stderr
    assert not missing.exists()


def test_reading_an_existing_store(store_url: str) -> None:
    with Store(store_url) as s:
        s.save(make_analysis())
    res = runner.invoke(app, ["actors", "--db", store_url])
    assert res.exit_code == 0, res.output
    assert "Israel" in res.stdout


def test_reading_a_database_without_a_store(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")  # an existing, empty SQLite file
    res = runner.invoke(app, ["actors", "--db", str(empty)])
    assert res.exit_code == 6
    assert "holds no Tidings store" in res.stderr


def test_unreachable_server_is_one_line_with_the_password_masked() -> None:
    url = "postgresql://reader:s3cret@127.0.0.1:1/news"
    res = runner.invoke(app, ["actors", "--db", url])
    assert res.exit_code == 6
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("tidings: error: postgresql://reader:***@127.0.0.1:1/news: ")
    assert "s3cret" not in res.stderr and "Traceback" not in res.stderr


def test_missing_driver_is_named(tmp_path: Path) -> None:
    """A Python where psycopg cannot be imported (blocked in sys.modules) runs the real CLI."""
    code = (
        "import sys; sys.modules['psycopg'] = None; "
        "from tidings.cli import main; "
        "sys.argv = ['tidings', 'actors', '--db', 'postgresql://u:pw@127.0.0.1:5432/x']; main()"
    )
    res = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ},
        timeout=120,
    )
    assert res.returncode == 6, res.stderr
    assert res.stderr.strip() == (
        "tidings: error: postgresql://u:***@127.0.0.1:5432/x: the PostgreSQL driver psycopg "
        "is not installed (pip install 'tidings[postgres]')"
    )

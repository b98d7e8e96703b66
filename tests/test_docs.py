"""The README and docs a newcomer reads are true: their Python snippets run, the pages they point
at exist, and the architecture picture matches the stages' declarations."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT
from tidings.pipeline_graph import DOC, stage_graph, with_graph

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def _snippets() -> list[tuple[str, str]]:
    out = []
    for page in PAGES:
        for n, code in enumerate(FENCE.findall(page.read_text(encoding="utf-8")), start=1):
            out.append((f"{page.relative_to(ROOT)}#{n}", code))
    return out


@pytest.mark.parametrize("where, code", _snippets(), ids=[w for w, _ in _snippets()])
def test_python_snippet_runs(pipeline, where, code, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)  # snippets read examples/ as a newcomer in the checkout would
    exec(compile(code, where, "exec"), {"__name__": "__snippet__"})
    assert capsys.readouterr().out.strip(), f"{where} printed nothing"


def test_readme_library_snippet_prints_names_not_ids(pipeline, monkeypatch, capsys):
    code = dict(_snippets())["README.md#1"]
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md#1", "exec"), {})
    out = capsys.readouterr().out
    assert "Hossein Salami" in out and "kb:" not in out and not re.search(r"\bA\d+\b", out)


def test_architecture_picture_is_current(pipeline):
    page = DOC.read_text(encoding="utf-8")
    assert with_graph(page, stage_graph(pipeline.stages)) == page, (
        "docs/architecture.md is stale: run python -m tidings.pipeline_graph"
    )


def test_eval_help_points_at_a_page_that_exists():
    from tidings.cli import app

    result = CliRunner().invoke(app, ["eval", "--help"], terminal_width=200)
    assert result.exit_code == 0
    page = re.search(r"docs/\w+\.md", result.output)
    assert page and (ROOT / page.group()).is_file(), result.output


@pytest.mark.parametrize("ci, code, word", [("true", 1, "failed"), ("", 0, "skipped")])
def test_eval_gate_without_shared_skips_here_and_fails_in_ci(tmp_path, ci, code, word):
    env = {**os.environ, "CI": ci, "TIDINGS_SHARED": str(tmp_path / "nowhere")}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-rs",
            "tests/test_eval_gate.py::test_layers_meet_floors",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == code, run.stdout + run.stderr
    assert word in run.stdout and "nowhere" in run.stdout

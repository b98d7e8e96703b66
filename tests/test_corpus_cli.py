"""The corpus commands as a user types them: every help page renders, and incidents are listed
with `--min-sources` and exported from the written corpus (on both backends)."""

from __future__ import annotations

import csv
import io

import pytest
import typer
from typer.testing import CliRunner

from tests.corpus_helpers import corpus_url  # noqa: F401  (a fixture)
from tidings.cli import app

runner = CliRunner()


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", _commands())
def test_every_help_page_renders(command: str) -> None:
    """Help text is rich markup: a stray '[/…]' in it once made `tidings query --help` crash."""
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_query_incidents_min_sources_as_csv(corpus_url: str) -> None:  # noqa: F811
    result = runner.invoke(
        app, ["query", "incidents", "--db", corpus_url, "--min-sources", "2", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 3  # Maiduguri, Kharkiv, Nairobi
    assert sorted(int(r["outlets"]) for r in rows) == [2, 2, 3]

"""Shared fixtures: the real pipeline loaded once per session, paths to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "irgc-basij.txt"
EXAMPLE_PUBLISHED = "2020-01-27"

needs_shared = pytest.mark.skipif(
    not (SHARED / "examples").is_dir(),
    reason="../shared (gold examples and bench) is not present next to the project",
)


@pytest.fixture(scope="session")
def pipeline():
    import tidings

    return tidings.load()


@pytest.fixture(scope="session")
def example_analysis(pipeline):
    return pipeline.analyze(EXAMPLE.read_text(encoding="utf-8"), published=EXAMPLE_PUBLISHED)

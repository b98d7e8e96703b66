"""Shared fixtures: the real pipeline loaded once per session, paths to ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# The store's backends (a fresh SQLite file, a fresh PostgreSQL database) as fixtures.
from tests.store_backends import new_store_url, store_url  # noqa: F401

# The suite (and CI) replays the same generated examples on every run, so a red build always
# means a change; `HYPOTHESIS_PROFILE=explore pytest` searches new examples for new bugs.
settings.register_profile("default", derandomize=True)
settings.register_profile("explore", derandomize=False, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

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

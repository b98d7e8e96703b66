"""The evaluation gate: each gold file's layers must stay at or above their stored floors.

`eval/floors.json` keeps, per gold file and layer, the history of floors; the last value is in
force and the history must never go down, so a floor cannot be lowered silently.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SHARED, require_shared
from tidings.api import check_floors, evaluate_files

FLOORS = Path(__file__).resolve().parent.parent / "eval" / "floors.json"
GOLD_DIRS = {"examples": SHARED / "examples", "bench": SHARED / "bench"}


def floors() -> dict[str, dict[str, list[float]]]:
    return json.loads(FLOORS.read_text(encoding="utf-8"))["floors"]


def test_floors_only_go_up():
    for gold, layers in floors().items():
        for layer, history in layers.items():
            assert history, f"{gold}/{layer}: empty history"
            assert history == sorted(history), f"{gold}/{layer}: a floor was lowered: {history}"
            assert all(0.0 <= f <= 1.0 for f in history)


def _gold_path(name: str) -> Path:
    folder, _, file = name.partition("/")
    return GOLD_DIRS[folder] / file


@pytest.mark.parametrize("gold", sorted(json.loads(FLOORS.read_text())["floors"]))
def test_layers_meet_floors(gold):
    require_shared()  # skipped on a developer machine without ../shared, a failure in CI
    report = evaluate_files([_gold_path(gold)])
    below = check_floors(report, FLOORS, gold)
    assert not below, f"{gold}: " + "; ".join(below)

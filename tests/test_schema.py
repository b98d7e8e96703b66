"""The committed JSON Schema matches the model, and analyses validate against it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from tidings.model import json_schema

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "tidings-1.json"


def test_committed_schema_is_current():
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == json_schema(), "schema/tidings-1.json is stale: run `make schema`"


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_example_analysis_validates(example_analysis):
    data = json.loads(example_analysis.to_json())
    jsonschema.validate(data, json_schema())
    assert data["schema"] == "tidings/1"

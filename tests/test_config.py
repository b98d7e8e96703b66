"""The pipeline from a config: package defaults, user overrides, stages added by entry point."""

from __future__ import annotations

import json
import textwrap

import pytest

from tidings.config import read_config
from tidings.errors import PipelineOrderError
from tidings.pipeline import Pipeline, build_stages
from tidings.places.stage import PlaceConfig
from tidings.quotes.stage import QuoteConfig

TEXT = "Rebels attacked an army base on Friday, officials said. Police may arrest the leaders."

# A package of our own, installed the way pip installs one: a module plus a dist-info folder
# whose entry_points.txt registers a factory under the group "tidings_stages".
PLUGIN = """
from tidings.stage import Stage

class OnlyCertain(Stage):
    name = "only_certain"
    requires = ("events",)
    assigns = ("events",)

    def __init__(self, keep):
        self.keep = set(keep)

    def __call__(self, d):
        d.events = [e for e in d.events if e.certainty in self.keep]
        return d

def make(context, keep=("certain",)):
    return OnlyCertain(keep)
"""


def _kb(pipeline):
    return next(s.kb for s in pipeline.stages if s.name == "actors")


def test_default_config_builds_the_default_stages(pipeline):
    stages = build_stages(pipeline.nlp, kb=_kb(pipeline))
    assert [s.name for s in stages] == pipeline.stage_names
    assert [type(s) for s in stages] == [type(s) for s in pipeline.stages]
    defaults = read_config()["stages"]
    assert PlaceConfig(**defaults["places"]) == PlaceConfig()
    assert QuoteConfig(terms=defaults["quotes"]["terms"]) == QuoteConfig()
    assert [s.name for s in build_stages(pipeline.nlp, kb=_kb(pipeline), parse=False)] == [
        n for n in pipeline.stage_names if n != "nlp"
    ]


def test_a_dict_or_a_file_overrides_any_stage_setting(pipeline, tmp_path):
    over = {"stages": {"places": {"min_population": 100_000, "sites": False}}}
    places = next(
        s for s in build_stages(pipeline.nlp, kb=_kb(pipeline), config=over) if s.name == "places"
    )
    assert places.config == PlaceConfig(min_population=100_000, sites=False)
    path = tmp_path / "tidings.toml"
    path.write_text("[stages.quotes]\nterms = false\n", encoding="utf-8")
    quotes = next(
        s for s in build_stages(pipeline.nlp, kb=_kb(pipeline), config=path) if s.name == "quotes"
    )
    assert quotes.config.terms is False
    assert read_config(path)["stages"]["places"]["min_population"] == 500  # the rest stays


def test_a_stage_registered_by_entry_point_joins_the_pipeline(pipeline, tmp_path, monkeypatch):
    (tmp_path / "tidings_plugin_test.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    info = tmp_path / "tidings_plugin_test-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: tidings-plugin-test\nVersion: 0.1\n"
    )
    (info / "entry_points.txt").write_text(
        "[tidings_stages]\nonly_certain = tidings_plugin_test:make\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    names = [*pipeline.stage_names, "only_certain"]
    config = {"pipeline": {"stages": names}, "stages": {"only_certain": {"keep": ["claimed"]}}}
    p = Pipeline(
        nlp=pipeline.nlp, stages=build_stages(pipeline.nlp, kb=_kb(pipeline), config=config)
    )
    assert p.stage_names[-1] == "only_certain"
    full = pipeline.analyze(TEXT, published="2023-04-03")
    kept = p.analyze(TEXT, published="2023-04-03")
    assert {e.certainty for e in full.events} == {"claimed", "possible"}
    assert kept.events and {e.certainty for e in kept.events} == {"claimed"}


def test_a_bad_config_is_refused_with_a_sentence(pipeline, tmp_path):
    with pytest.raises(PipelineOrderError, match="no stage factory 'nope'"):
        build_stages(pipeline.nlp, kb=_kb(pipeline), config={"pipeline": {"stages": ["nope"]}})
    order = ["structure", "nlp", "actors", "quotes", "events", "places"]
    stages = build_stages(pipeline.nlp, kb=_kb(pipeline), config={"pipeline": {"stages": order}})
    with pytest.raises(PipelineOrderError, match="'events' requires"):
        Pipeline(nlp=pipeline.nlp, stages=stages)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(["not", "a", "mapping"]), encoding="utf-8")
    with pytest.raises(Exception, match="bad.json: a pipeline config is a mapping"):
        read_config(bad)


def test_the_command_line_reads_a_config_named_by_the_environment(tmp_path, monkeypatch):
    import tidings

    path = tmp_path / "tidings.yaml"
    path.write_text("pipeline:\n  stages: [structure, nlp, actors, quotes]\n", encoding="utf-8")
    monkeypatch.setenv("TIDINGS_CONFIG", str(path))
    p = tidings.load()
    assert p.stage_names == ["structure", "nlp", "actors", "quotes"]
    monkeypatch.delenv("TIDINGS_CONFIG")
    assert tidings.load() is not p and "events" in tidings.load().stage_names

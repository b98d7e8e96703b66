"""Stage contracts are enforced: every stage touches only the parts it declares.

The guard (tidings.guard, on in the whole suite through conftest) hides undeclared parts; here
every stage runs on the example articles behind it, and small stages show it catches a lie.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED
from tidings.document import PARTS, RESULT_PARTS, Document
from tidings.errors import PipelineOrderError
from tidings.guard import ContractError
from tidings.model import Actor, Analysis, Article
from tidings.stage import Stage, check_order, derive_order, run_stage

EXAMPLES = sorted(
    {p.name: p for p in [*ROOT.glob("examples/*.txt"), *SHARED.glob("examples/*.txt")]}.values()
)


def _stage(name: str, requires: tuple[str, ...], assigns: tuple[str, ...], body) -> Stage:
    cls = type(name, (Stage,), {"name": name, "requires": requires, "assigns": assigns})
    cls.__call__ = lambda self, d: body(d) or d
    return cls()


def _doc() -> Document:
    return Document(article=Article(text="Iran said on Monday it would respond."))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_stage_keeps_its_contract_on_the_examples(pipeline, path: Path):
    d = Document(article=pipeline.make_article(path.read_text(encoding="utf-8"), "2020-01-27"))
    for stage in pipeline.stages:
        d = run_stage(stage, d, strict=True)  # raises ContractError on a breach
    assert d.events and d.places and d.times, "the examples exercise every stage"
    assert d.done >= {p for s in pipeline.stages for p in s.assigns}


def test_guard_catches_an_undeclared_read():
    sneaky = _stage("sneaky", ("article",), ("quotes",), lambda d: len(d.actors))
    with pytest.raises(
        ContractError, match="'sneaky' used part 'actors', which it does not declare"
    ):
        run_stage(sneaky, _doc(), strict=True)
    run_stage(sneaky, _doc(), strict=False)  # without the guard the lie goes unnoticed


def test_guard_catches_an_undeclared_write_and_an_in_place_change():
    actor = Actor(id="A1", name="Iran", kind="country")
    writer = _stage("writer", ("article",), ("quotes",), lambda d: setattr(d, "actors", [actor]))
    with pytest.raises(ContractError, match=r"'writer' wrote \['actors'\]"):
        run_stage(writer, _doc(), strict=True)
    changer = _stage("changer", ("actors",), ("quotes",), lambda d: d.actors.append(actor))
    with pytest.raises(ContractError, match=r"'changer' changed \['actors'\]"):
        run_stage(changer, _doc(), strict=True)


def test_guard_refuses_reading_an_assigned_part_before_writing_it():
    early = _stage("early", ("article",), ("events",), lambda d: d.events.append(None))
    with pytest.raises(ContractError, match="assigns but read before writing it"):
        run_stage(early, _doc(), strict=True)


def test_order_is_derived_from_the_declarations(pipeline):
    check_order(pipeline.stages)
    shuffled = list(pipeline.stages)
    random.Random(11).shuffle(shuffled)
    order = derive_order(shuffled)
    check_order(order)
    names = [s.name for s in order]
    assert names.index("places") < names.index("events") < names.index("event_links")
    assert names.index("times") < names.index("event_links")


def test_events_before_places_is_rejected(pipeline):
    stages = list(pipeline.stages)
    names = [s.name for s in stages]
    stages.insert(names.index("places"), stages.pop(names.index("events")))
    with pytest.raises(PipelineOrderError, match="'events' requires .*places") as exc:
        check_order(stages)
    assert "a valid order: ['structure', 'nlp', 'actors', 'places'" in str(exc.value)


def test_one_list_of_parts():
    """The result parts are Analysis' list fields; Document holds each of them."""
    assert set(RESULT_PARTS) == {"actors", "quotes", "events", "places", "times", "quantities"}
    assert set(RESULT_PARTS) <= set(Document.__dataclass_fields__)
    assert set(RESULT_PARTS) <= set(Analysis.model_fields) and set(RESULT_PARTS) <= set(PARTS)
    from tidings.stage import PARTS as STAGE_PARTS

    assert STAGE_PARTS is PARTS

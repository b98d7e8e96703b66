"""The trained slot chooser: its shipped weights, its candidates, how it fills and overrides
slots, and that training on marked spans is reproducible and learns what it was shown.

Sentences are written here (none from a dev set); the pipeline and spaCy model are the real ones.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.evaluation import load_gold
from tidings.events import slot_ranker as sr
from tidings.events.slot_ranker_fit import Example, fit_weights, slot_labels
from tidings.model import Analysis

SENTENCE = "Germany's foreign minister praised the new agreement with Poland on Monday."


def _run(pipeline, text: str) -> tuple[Analysis, list[sr.Row]]:
    """The analysis with the ranker off, and the candidate rows the hook recorded."""
    seen: list[list[sr.Row]] = []
    with sr.disabled(lambda _d, rows: seen.append(rows)):
        a = pipeline.analyze(text)
    return a, seen[-1]


def test_shipped_model_is_plain_json_and_gives_probabilities() -> None:
    raw = json.loads(sr.MODEL_PATH.read_text(encoding="utf-8"))
    assert raw["format"] == "tidings-slot-ranker/1"
    model = sr.load_model()
    assert model is not None and set(model.weights) == set(sr.SLOTS)
    assert 0.0 < model.fill <= model.override or model.override > 1.0
    subject = {"dep": "nsubj", "side": "L", "rules": "S", "kind": "country", "type": "ASSAULT"}
    obj = {"dep": "dobj", "side": "R", "rules": "T", "kind": "country", "type": "ASSAULT"}
    # what the rules and the grammar agree on, the model agrees on too
    assert model.prob("source", subject) > 0.5 > model.prob("source", obj)
    assert model.prob("target", obj) > 0.5 > model.prob("target", subject)


def test_candidates_cover_every_actor_of_the_sentence(pipeline) -> None:
    a, rows = _run(pipeline, SENTENCE)
    ids = {aid for _, aid, _ in rows}
    in_sentence = {x.id for x in a.actors if x.mentions}
    assert in_sentence and in_sentence <= ids
    assert all({"dep", "path", "meet", "rules"} <= set(f) for _, _, f in rows)


def _model(slot: str, feature: str, weight: float) -> sr.SlotModel:
    weights: dict[str, dict[str, float]] = {s: {} for s in sr.SLOTS}
    weights[slot][feature] = weight
    model = sr.SlotModel(weights, {s: -3.0 for s in sr.SLOTS}, fill=0.5, override=0.9, keep=0.5)
    model.fill_empty = True
    return model


def test_fills_an_empty_slot_and_overrides_only_when_confident(pipeline) -> None:
    # the rules leave the target of the inquiry empty: the company sits two prepositions down
    a, rows = _run(pipeline, "The Justice Department is investigating claims of fraud at Siemens.")
    events = [e.model_copy(deep=True) for e in a.events]
    assert events
    # a model sure that the object of a preposition is the target
    model = _model("target", "dep=pobj", 8.0)
    best = sr.scores(model, rows)
    wanted = {(i, aid) for (i, s, aid), p in best.items() if s == "target" and p >= 0.5}
    assert sr.choose(model, events, rows, best) >= 1
    for i, e in enumerate(a.events):
        if not e.target and any(j == i for j, _ in wanted):
            assert events[i].target and (i, events[i].target[0]) in wanted
    # a model that doubts everything changes nothing the rules chose
    events = [e.model_copy(deep=True) for e in a.events]
    assert sr.choose(_model("target", "dep=pobj", -8.0), events, rows) == 0
    assert [e.target for e in events] == [e.target for e in a.events]


def test_disabled_leaves_the_rules_slots(pipeline) -> None:
    """With the ranker off the hook only records; on, it may only change slots."""
    off, _ = _run(pipeline, SENTENCE)
    on = pipeline.analyze(SENTENCE)
    assert [(e.type, e.trigger) for e in off.events] == [(e.type, e.trigger) for e in on.events]


def _gold(tmp_path: Path) -> Path:
    """Sentences written for this test, each with its source and target marked as spans."""
    lines = []
    texts = [
        ("Rebels attacked the army base near the border.", "ASSAULT", "Rebels", "army"),
        ("Italy criticized France over the migrant ships.", "ACCUSE", "Italy", "France"),
        (
            "Japan imposed sanctions on North Korea after the test.",
            "SANCTION",
            "Japan",
            "North Korea",
        ),
        ("Brazil accused Argentina of dumping steel.", "ACCUSE", "Brazil", "Argentina"),
        (
            "Protesters denounced the government of Peru on Friday.",
            "ACCUSE",
            "Protesters",
            "Peru",
        ),
        ("Canada praised Mexico for the trade deal.", "SUPPORT", "Canada", "Mexico"),
    ]
    for n, (text, type_, src, tgt) in enumerate(texts):
        s, t = text.index(src), text.index(tgt)
        actors = [
            {"id": "a1", "names": [src], "spans": [[s, s + len(src)]], "required": False},
            {"id": "a2", "names": [tgt], "spans": [[t, t + len(tgt)]], "required": False},
        ]
        event = {"id": "E1", "type": type_, "source": ["a1"], "target": ["a2"], "evidence": text}
        lines.append(
            json.dumps(
                {
                    "format": "tidings-gold/1",
                    "id": f"t{n}",
                    "text": text,
                    "actors": actors,
                    "events": [event],
                }  # fmt: skip
            )
        )
    path = tmp_path / "slots.gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_training_is_reproducible_and_learns_the_marked_slots(pipeline, tmp_path: Path) -> None:
    examples = []
    for g in load_gold(_gold(tmp_path)):
        a, rows = _run(pipeline, g.text)
        examples.append(Example(g, a, rows))
    assert sum(ex.matched() is not None for ex in examples) >= 3
    first, again = fit_weights(examples), fit_weights(examples)
    assert first.weights == again.weights and first.bias == again.bias
    first.fill, first.override, first.keep, first.fill_empty = 0.5, 0.9, 0.5, True
    right = 0
    for ex in examples:
        events = [e.model_copy(deep=True) for e in ex.analysis.events]
        sr.choose(first, events, ex.rows)
        right += sum(got is True for _, got in slot_labels(ex, events))
    assert right >= 6
    # the weights round-trip through the JSON the package ships
    back = sr.SlotModel.from_json(json.loads(json.dumps(first.to_json())))
    assert back.weights == first.weights


@pytest.mark.parametrize("slot", sr.SLOTS)
def test_model_json_has_no_pickled_objects(slot: str) -> None:
    raw = sr.MODEL_PATH.read_text(encoding="utf-8")
    assert "pickle" not in raw and isinstance(json.loads(raw)["weights"][slot], dict)


def _eager(passive_fill: float = 1.01) -> sr.SlotModel:
    """A model that would fill every empty slot with any candidate: only the guards stop it."""
    model = sr.SlotModel({s: {} for s in sr.SLOTS}, {s: 5.0 for s in sr.SLOTS}, 0.5, 0.9, 0.5)
    model.fill_empty, model.passive_fill = True, passive_fill
    return model


def _filled(pipeline, text: str, model: sr.SlotModel) -> tuple[Analysis, list, list[sr.Row]]:
    a, rows = _run(pipeline, text)
    events = [e.model_copy(deep=True) for e in a.events]
    sr.choose(model, events, rows)
    return a, events, rows


def _guard(a: Analysis, rows: list[sr.Row], name: str) -> str:
    ids = {x.id for x in a.actors if x.name == name}
    return next(f[sr.GUARD] for _, aid, f in rows if aid in ids)


def _named(a: Analysis, ids: list[str]) -> set[str]:
    return {x.name for x in a.actors if x.id in ids}


def test_a_place_under_a_locative_preposition_fills_no_slot(pipeline) -> None:
    # passive guard off: only the place guard keeps Nigeria out of the empty source
    text = "Two Canadian engineers were abducted in Nigeria on Monday."
    a, events, rows = _filled(pipeline, text, _eager(passive_fill=0.0))
    assert _guard(a, rows, "Nigeria") == "place"
    assert all("Nigeria" not in _named(a, e.source + e.target) for e in events)


def test_the_owner_named_inside_another_phrase_fills_no_slot(pipeline) -> None:
    text = "About 200 followers of the opposition leader Kizza Besigye protested on Monday."
    a, events, rows = _filled(pipeline, text, _eager())
    assert _guard(a, rows, "Kizza Besigye") == "owner"
    assert events and all(not e.source and not e.target for e in events)
    # a count is no owner: "hundreds of students" are the students
    a, events, rows = _filled(pipeline, "Hundreds of Nigerian students protested.", _eager())
    assert all(not f[sr.GUARD] for _, _, f in rows)


def test_an_agentless_passive_gets_a_source_only_when_the_model_is_sure(pipeline) -> None:
    text = "A Chinese engineer working for Huawei was kidnapped on Monday."
    a, events, rows = _filled(pipeline, text, _eager())
    assert sr.agentless_passives(rows) and all(not f[sr.GUARD] for _, _, f in rows)
    assert all(not e.source for e in events)
    _, events, _ = _filled(pipeline, text, _eager(passive_fill=0.9))  # the model says 0.99
    assert any(_named(a, e.source) == {"Huawei"} for e in events)
    # a "by" agent: the passive is not agentless
    _, rows = _run(pipeline, "A Chinese engineer was kidnapped by gunmen on Monday.")
    assert not sr.agentless_passives(rows)


def test_the_addressee_of_a_report_fills_no_slot(pipeline) -> None:
    text = '"We will never sign this treaty," a senior Kenyan official told the BBC.'
    # a model sure that an object is the target: only the guard keeps the BBC out
    a, events, rows = _filled(pipeline, text, _model("target", "dep=dobj", 8.0))
    bbc = {x.id for x in a.actors if "BBC" in x.name}
    assert bbc and any(f.get("meet") in sr.load_guards().addressee for _, i, f in rows if i in bbc)
    assert all(not bbc & set(e.source + e.target) for e in events)

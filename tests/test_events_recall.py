"""Recall of the events stage (#18): nominal events whose doer is held responsible, specific
nominal events with no actor of the article, triggers derived from PETRARCH2's dictionary, and the
diagnosis of missed gold events (``tools/event_misses.py``).

The real pipeline runs on sentences written for these tests, with the classifier's refinement off
so that the rules' own output is checked.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from tests.event_helpers import rule_events
from tidings.events import EventStage, default_lexicon
from tidings.events.lexicon import DATA
from tidings.events.stage import EventTrace

ROOT = Path(__file__).resolve().parent.parent


# --- the one held responsible is the doer ------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("Officials in Kabul said the Taliban were responsible for the attack on the checkpoint.",
         "Taliban"),
        ("Hezbollah claimed responsibility for the bombing of the convoy near Tyre.", "Hezbollah"),
        ("Investigators believe Hamas was behind the assault on the border post.", "Hamas"),
    ],
)  # fmt: skip
def test_the_one_held_responsible_is_the_source(rules, text, doer):  # noqa: ANN001
    found = [e for e in rule_events(rules, text) if e[0] == "ASSAULT"]
    assert len(found) == 1, rule_events(rules, text)
    assert any(doer in s for s in found[0][1]), found


def test_a_responsibility_without_an_event_noun_is_no_event(rules):  # noqa: ANN001
    text = "The Finance Ministry is responsible for the budget of the province."
    assert not [e for e in rule_events(rules, text) if e[0] == "ASSAULT"], rule_events(rules, text)


# --- a specific nominal event with no actor of the article ---------------------------------------
def test_a_definite_act_naming_people_is_kept_without_actors(rules):  # noqa: ANN001
    text = "The police killing of a teenager in Lyon shocked the country."
    types = [e[0] for e in rule_events(rules, text)]
    assert types == ["ASSAULT"], types


def test_a_generic_act_naming_no_one_is_not_kept(rules):  # noqa: ANN001
    text = "Creditors cannot hope for endless government bailouts, the economist wrote."
    assert not [e for e in rule_events(rules, text) if e[3] == "bailouts"], rule_events(rules, text)


def test_according_to_is_no_trigger(rules):  # noqa: ANN001
    text = "According to the minister, the budget will be balanced next year."
    assert not [e for e in rule_events(rules, text) if "ccording" in e[3]], rule_events(rules, text)


# --- triggers derived from PETRARCH2's CAMEO dictionary ---------------------------------------
def test_a_derived_phrase_codes_an_act_between_two_actors(rules):  # noqa: ANN001
    found = rule_events(rules, "Germany rushed aid to Nepal after the earthquake.")
    assert [(t, s, g) for t, s, g, _ in found] == [("AID", ["Germany"], ["Nepal"])], found


def test_an_order_that_embeds_no_codable_act_is_the_demand(rules):  # noqa: ANN001
    found = rule_events(rules, "Nadia Ferhat ordered the French embassy to close within a month.")
    assert [(t, g) for t, _, g, _ in found] == [("REQUEST", ["France"])], found


def test_an_order_of_a_codable_act_is_that_act(rules):  # noqa: ANN001
    found = rule_events(rules, "The Kenyan president ordered troops to deploy to the border.")
    assert [t for t, *_ in found] == ["MOBILIZE"], found


def test_a_derived_phrase_without_a_target_is_no_event(rules):  # noqa: ANN001
    found = rule_events(rules, "The charity rushed aid after the earthquake.")
    assert not [e for e in found if e[0] == "AID"], found


def test_derived_triggers_cite_the_dictionary_and_the_crosswalk():
    raw = json.loads((DATA.parent / "cameo_triggers.json").read_text(encoding="utf-8"))
    assert "MIT" in raw["licence_petrarch2"] and "CAMEO2PLOVER-2021.txt" in raw["about"]
    lex = default_lexicon()
    assert len(lex.derived_verbs) > 300
    for key, e in raw["verbs"].items():
        assert e["provenance"].startswith("PETRARCH2 "), key
        code, kind = e["cameo"], e["type"]
        appeal = code.startswith("02")  # CAMEO 02 APPEAL, typed through its 10 DEMAND twin
        walk = f"10{code[2:]} {kind} (02 APPEAL as 10 DEMAND)" if appeal else f"{code} {kind}"
        assert e["provenance"].endswith(f"crosswalk {walk}"), key
    phrases = [p for ps in lex.derived_verbs.values() for p in ps]
    assert all(s.derived and s.provenance for p in phrases for s in p.senses)
    # only phrases are consulted: a bare verb of the dictionary codes nothing on its own
    assert all(p.rest for p in phrases)


@pytest.mark.shared
def test_the_derived_triggers_are_reproducible():
    from tests.conftest import SHARED, require_shared

    require_shared()
    tool = _tool("derive_cameo_lexicon")
    ref = SHARED / "reference"
    derived = tool.derive_triggers(
        ref / "petrarch2" / "CAMEO.2.0.txt", ref / "CAMEO2PLOVER-2021.txt"
    )
    shipped = json.loads((DATA.parent / "cameo_triggers.json").read_text(encoding="utf-8"))
    assert derived == shipped["verbs"]


# --- the diagnosis of missed events --------------------------------------------------------------
def _tool(name: str):  # noqa: ANN202
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_the_trace_records_every_candidate_and_why_it_was_dropped(pipeline):  # noqa: ANN001
    stage = next(s for s in pipeline.stages if isinstance(s, EventStage))
    stage.trace = trace = EventTrace()
    try:
        pipeline.analyze("Creditors cannot hope for endless government bailouts, he wrote.")
    finally:
        stage.trace = None
    fates = {c.head.text: why for c, why in trace.fates}
    assert fates.get("bailouts") == "noun without actors", fates


def test_missed_events_are_diagnosed_by_cause(pipeline, tmp_path):  # noqa: ANN001
    text = (
        "Peru seizes trawler\n\nThe navy of Peru seized a Chilean trawler on Monday, officials "
        "said. The harvest in the valley was poor this year.\n"
    )
    gold = {
        "format": "tidings-gold/1",
        "id": "written-1",
        "text": text,
        "events": [
            {"type": "AID", "evidence": "seized a Chilean trawler", "required": True},
            {"type": "PROTEST", "evidence": "The harvest in the valley was poor",
             "required": True},
        ],
    }  # fmt: skip
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    tool = _tool("event_misses")
    from tidings.evaluation.gold import load_gold_files

    doc = load_gold_files([path])[0]
    d, trace = tool.run_traced(pipeline, doc)
    causes = {m.type: m.cause for m in tool.misses_of(doc, d, trace)}
    assert causes["AID"] == "other type", causes
    assert causes["PROTEST"] == "no trigger", causes
    out = re.sub(r"\s+", " ", _run_main(tool, [str(path)]))
    assert "2 missed required events in 1 documents" in out


def _run_main(tool, argv: list[str]) -> str:  # noqa: ANN001
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert tool.main(argv) == 0
    return buf.getvalue()

"""Modality of the act, blocked acts, figurative violence and economic coercion (#18 items 3-4).

The real pipeline (spaCy, actors, quotes, events) runs on sentences written for these tests; the
classifier's refinement is switched off so that the rules' own output is what is checked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.events import default_lexicon
from tidings.events.lexicon import AGENTS, load_agent_nouns
from tidings.model import Analysis


def _events(pipe, text: str) -> list[tuple[str, str | None, list[str], list[str], str]]:  # noqa: ANN001
    a: Analysis = pipe.analyze(text, published="2024-03-05")
    names = {x.id: x.name for x in a.actors}
    return [
        (e.type, e.mode, [names[s] for s in e.source], [names[t] for t in e.target], e.trigger.text)
        for e in a.events
    ]


# --- demands and threats are about an act that has not happened ------------------------------
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The Dutch government said Venezuela should free the two detained sailors at once.",
         "REQUEST"),
        ("Norway urged Sudan to pull its soldiers out of the border region.", "REQUEST"),
        ("Peru threatened to impose duties on Chilean fruit imports.", "THREATEN"),
    ],
)  # fmt: skip
def test_a_demand_or_threat_is_not_the_act(rules, text, kind):  # noqa: ANN001
    found = _events(rules, text)
    assert [e[0] for e in found] == [kind], found


# --- a blocked act is the blocking, not the act -----------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Kenyan police blocked reporters from entering the parliament building.",
        "The Turkish authorities prevented the mayor from leaving Istanbul.",
        "The Belarusian government barred the opposition candidate from standing in the vote.",
        "The Eritrean government forbade foreign diplomats from visiting the prison.",
    ],
)
def test_a_prevented_act_is_coerce_restrict_by_the_preventer(rules, text):  # noqa: ANN001
    found = _events(rules, text)
    assert [(t, m) for t, m, *_ in found] == [("COERCE", "restrict")], found
    assert found[0][2], "the preventing party is the source"


def test_a_thing_that_prevents_is_no_event(rules):  # noqa: ANN001
    assert _events(rules, "Heavy snow prevented the delegates from reaching Geneva.") == []


# --- figurative violence ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Brazil's cheap steel exports have destroyed hundreds of mills in Ohio, the senator said.",
        "Online retail has killed thousands of small shops in Britain.",
    ],
)
def test_violent_verbs_with_an_abstract_subject_are_no_assault(rules, text):  # noqa: ANN001
    assert not [e for e in _events(rules, text) if e[0] == "ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "Rebel gunmen killed nine villagers near Goma on Sunday.",
        "A roadside explosion killed three Malian soldiers near Gao.",
        "Syrian government shelling destroyed a hospital in Idlib.",
        "A lone shooter killed four worshippers in a mosque in Lahore.",
    ],
)
def test_literal_violence_is_still_assault(rules, text):  # noqa: ANN001
    assert [e[0] for e in _events(rules, text)] == ["ASSAULT"]


# --- economic coercion and trade --------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Mexico imposed tariffs on Guatemalan sugar on Monday.", "Mexico", "Guatemala"),
        ("Indonesia slapped anti-dumping duties on Vietnamese steel.", "Indonesia", "Vietnam"),
        ("Australia imposed new sanctions on Myanmar on Friday.", "Australia", "Myanmar"),
    ],
)
def test_trade_measures_are_coerce_restrict(rules, text, source, target):  # noqa: ANN001
    found = _events(rules, text)
    assert len(found) == 1, found
    kind, mode, src, tgt, _ = found[0]
    assert (kind, mode) == ("COERCE", "restrict")
    assert source in " ".join(src) and target in " ".join(tgt)


def test_threatened_tariffs_are_threaten_restrict(rules):  # noqa: ANN001
    found = _events(rules, "Vietnam threatened to impose tariffs on Thai rice.")
    assert [(t, m) for t, m, *_ in found] == [("THREATEN", "restrict")]


def test_proposed_tariffs_are_a_threat_at_the_goods_origin(rules):  # noqa: ANN001
    text = "The Canadian government proposed to impose a tariff on $2 billion of imports from Peru."
    found = _events(rules, text)
    assert [(t, m) for t, m, *_ in found] == [("THREATEN", "restrict")], found
    assert "Peru" in found[0][3]


@pytest.mark.parametrize(
    ("text", "kind", "mode"),
    [
        ("Poland expelled four Belarusian diplomats on Tuesday.", "SANCTION", "expel"),
        ("Morocco recalled its ambassador from Algeria.", "SANCTION", "withdraw"),
    ],
)
def test_diplomatic_measures_are_sanction(rules, text, kind, mode):  # noqa: ANN001
    found = _events(rules, text)
    assert [(t, m) for t, m, *_ in found] == [(kind, mode)], found


# --- provenance -------------------------------------------------------------------------------
def test_every_new_entry_names_its_broad_source_and_agrees_with_it():
    """An entry citing PETRARCH2 names a verb set whose crosswalked types include its own type."""
    verbs = json.loads((AGENTS.parent / "cameo_verbs.json").read_text(encoding="utf-8"))["verbs"]
    cited = [t for t in default_lexicon().triggers() if t.provenance]
    assert len(cited) >= 10
    for t in cited:
        assert "PETRARCH2" in t.provenance or "crosswalk" in t.provenance, t.key
        if t.pos == "verb" and "PETRARCH2" in t.provenance:
            assert t.type in verbs[t.key]["types"], (t.key, t.type)


def test_agent_nouns_are_derived_with_their_licence():
    data = json.loads(Path(AGENTS).read_text(encoding="utf-8"))
    assert "MIT" in data["licence_petrarch2"] and "Phoenix.agents.txt" in data["about"]
    nouns = load_agent_nouns()
    assert {"rebel", "soldier", "gunman", "police"} <= nouns
    assert not {"policy", "import", "practice"} & nouns

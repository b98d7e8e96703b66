"""A place in the event's clause stands for the target when no actor does.

"arrived in Damascus on a visit" is a CONSULT with Syria, "opened an embassy in Seoul" a SUPPORT
of South Korea, "threatened to impose a curfew in Mombasa" a THREATEN against Kenya; the target
actor holds the place's span as a mention. Sentences are written for these tests and run through
the real pipeline.
"""

from __future__ import annotations

import pytest

from tests.event_helpers import only_event
from tidings.errors import InputError
from tidings.events.place_targets import default_place_targets, parse_place_targets
from tidings.model import Actor, Analysis, Event


def _target(a: Analysis, e: Event) -> Actor:
    assert len(e.target) == 1, e.target
    actor = a.actor(e.target[0])
    assert actor is not None
    return actor


def _place_of(a: Analysis, e: Event) -> str | None:
    return next((p.text for p in a.places if p.id == e.place), None)


@pytest.mark.parametrize(
    ("text", "type_", "country", "place"),
    [
        ("The Iranian foreign minister arrived in Damascus on a two-day visit.", "CONSULT", "SYR",
         "Damascus"),
        ("Kenya has opened an embassy in Seoul.", "SUPPORT", "KOR", "Seoul"),
        ("President Ruto threatened to impose a curfew in Mombasa.", "THREATEN", "KEN", "Mombasa"),
        ("Gunmen opened fire on a bus in Peshawar, killing six people.", "ASSAULT", "PAK",
         "Peshawar"),
        ("The military government imposed a curfew in Lagos after riots.", "COERCE", "NGA",
         "Lagos"),
    ],
)  # fmt: skip
def test_place_stands_for_its_state(pipeline, text, type_, country, place):
    a = pipeline.analyze(text)
    e = only_event(a, type_)
    actor = _target(a, e)
    assert actor.kind == "country" and actor.country == country and actor.kb_id == country
    assert place in [m.text for m in actor.mentions]  # the evidence points at the place
    assert all(text[m.start : m.end] == m.text for m in actor.mentions)
    assert _place_of(a, e) == place  # and the event still happened there


def test_existing_country_actor_is_reused(pipeline):
    a = pipeline.analyze(
        "Jordan confirmed the trip. The Iraqi president arrived in Amman on a visit on Monday."
    )
    e = only_event(a, "CONSULT")
    actor = _target(a, e)
    assert [x.id for x in a.actors if x.country == "JOR"] == [actor.id]
    assert [m.text for m in actor.mentions] == ["Jordan", "Amman"]  # kept in text order


def test_place_beats_an_actor_named_only_in_the_condition(pipeline):
    a = pipeline.analyze(
        "Egypt threatened to suspend flights to Khartoum if Ethiopia fills the dam."
    )
    e = only_event(a, "THREATEN")
    actor = _target(a, e)
    assert actor.country == "SDN" and "Khartoum" in [m.text for m in actor.mentions]
    assert e.conditional  # Ethiopia, in the condition, is not the target


def test_condition_still_names_the_target_when_the_place_is_the_sources_own(pipeline):
    # Kilis lies in Turkey, the source: no place target, so the condition's party is aimed at
    a = pipeline.analyze(
        "Turkey threatened to close its border crossing in Kilis if Syria sends troops."
    )
    e = only_event(a, "THREATEN")
    assert _target(a, e).name == "Syria"


def test_an_event_with_a_target_keeps_it(pipeline):
    a = pipeline.analyze("Israeli aircraft struck Hamas positions in Gaza City.")
    e = only_event(a, "ASSAULT")
    assert _target(a, e).name == "Hamas"
    assert all(x.country != "PSE" or x.kind != "country" for x in a.actors)


@pytest.mark.parametrize(
    "text",
    [
        "Iran and Iraq held talks in Geneva.",  # where talks happened, not whom they were with
        "Bolivian President Evo Morales arrived in La Paz on a visit.",  # home is no visit
    ],
)
def test_no_place_target_for_talks_or_a_visit_home(pipeline, text):
    a = pipeline.analyze(text)
    e = only_event(a, "CONSULT")
    # no place's state as the target ("Iran and Iraq" are coded Iran -> Iraq, the mutual split)
    assert all(
        x.kind != "country" or x.country not in ("CHE", "BOL") for x in a.actors if x.id in e.target
    )


def test_place_target_data():
    data = default_place_targets()
    assert "on" in data.rules["ASSAULT"].preps  # a word, not YAML's boolean
    assert data.rules["CONSULT"].modes == {"visit"} and not data.rules["CONSULT"].domestic
    assert "if" in data.conditions and "PROTEST" not in data.rules
    with pytest.raises(InputError, match="unknown PLOVER type"):
        parse_place_targets({"rules": {"VISIT": {"preps": ["in"]}}})
    with pytest.raises(InputError, match="unknown fields"):
        parse_place_targets({"rules": {"ASSAULT": {"prepositions": ["in"]}}})


def test_people_acted_on_keep_the_place_out(pipeline):
    a = pipeline.analyze("Police arrested 20 students in Tehran on Monday.", published="2021-06-01")
    coerce = [e for e in a.events if e.type == "COERCE"]
    assert coerce, [e.type for e in a.events]
    assert coerce[0].target, "the students are the target"
    assert all(a.actor(x).kind != "country" for x in coerce[0].target)

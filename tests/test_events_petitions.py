"""Event recall on whole articles (#18), round 3: petitions, proposals, demands without a
subject, reported wrongs, caused nominal events, counted victims.

Every sentence was written for these tests (none from a dev set); the real pipeline runs with
the classifier's refinement off, so the rules' own output is checked; each mechanism also has a
sentence it must leave alone.
"""

from __future__ import annotations

import pytest

from tests.event_helpers import rule_events


def _types(pipe, text: str) -> list[str]:  # noqa: ANN001
    return [e[0] for e in rule_events(pipe, text)]


# --- courts and dispute bodies -----------------------------------------------------------------
def test_moving_a_court_is_a_request_to_it(rules):  # noqa: ANN001
    found = rule_events(
        rules, "The Brazilian government moved the court for a six-month extension of the deadline."
    )
    assert [e[0] for e in found] == ["REQUEST"], found
    assert found[0][1] == ["Government of Brazil"], found


def test_taking_a_dispute_to_the_wto_is_a_suit(rules):  # noqa: ANN001
    assert _types(rules, "Canada took the dispute over softwood lumber to the WTO.") == ["ACCUSE"]


def test_taking_someone_to_a_place_is_no_suit(rules):  # noqa: ANN001
    assert "ACCUSE" not in _types(rules, "The ambulance took the wounded to a hospital in Lyon.")


# --- proposing an act is asking for it (PETRARCH2 SUGGEST [020]) ----------------------------
def test_suggesting_talks_is_a_request(rules):  # noqa: ANN001
    found = rule_events(
        rules,
        "The French foreign minister suggested direct negotiations between Serbia and Kosovo.",
    )
    assert [e[0] for e in found] == ["REQUEST"], found
    assert set(found[0][2]) == {"Serbia", "Kosovo"}, found


def test_data_that_suggest_something_are_no_request(rules):  # noqa: ANN001
    assert _types(rules, "The new figures suggest a slowdown in Germany.") == []


# --- demands with no one to do them, and requests put to a role ----------------------------
def test_there_must_be_talks_is_a_demand_by_the_speaker(rules):  # noqa: ANN001
    found = rule_events(rules, "Merkel said there must be negotiations between the two sides.")
    assert [(t, s) for t, s, _, _ in found] == [("REQUEST", ["Merkel"])], found


def test_there_must_be_a_way_is_no_demand(rules):  # noqa: ANN001
    assert _types(rules, "Merkel said there must be a better way.") == []


def test_an_appeal_to_a_minister_is_a_request(rules):  # noqa: ANN001
    assert _types(rules, "The Kenyan opposition will appeal to the interior minister.") == [
        "REQUEST"
    ]


def test_appealing_to_reason_is_no_request(rules):  # noqa: ANN001
    assert _types(rules, "He will appeal to reason.") == []


# --- a wrong a speaker tells of a named party is an allegation ------------------------------
@pytest.mark.parametrize(
    ("text", "accused"),
    [
        ("Merkel said Orban is cheating to win the vote.", "Orban"),
        ("Putin said Zelensky lied about the grain deal.", "Zelensky"),
        (
            "The US Justice Department says $2 billion was stolen from the fund by Netanyahu.",
            "Netanyahu",
        ),
    ],
)
def test_a_reported_wrong_is_an_accusation(rules, text, accused):  # noqa: ANN001
    found = rule_events(rules, text)
    assert [e[0] for e in found] == ["ACCUSE"], found
    assert accused in " ".join(found[0][2]), found


def test_a_reported_suffering_is_no_accusation(rules):  # noqa: ANN001
    assert "ACCUSE" not in _types(rules, "Amnesty said Yemen suffered for years.")


# --- nominal events told as what something caused ----------------------------------------------
def test_protests_sparked_by_an_act_happened(rules):  # noqa: ANN001
    types = _types(rules, "The verdict in Marseille sparked a week of riots.")
    assert types == ["PROTEST"], types


def test_complaints_generated_are_accusations(rules):  # noqa: ANN001
    assert _types(rules, "The ban generated complaints against the online retailers.") == ["ACCUSE"]


def test_a_noun_beside_an_unrelated_verb_is_still_dropped(rules):  # noqa: ANN001
    assert _types(rules, "Nobody remembers the riots.") == []


def test_a_meeting_convened_is_a_consultation(rules):  # noqa: ANN001
    found = rule_events(
        rules, "The federal government of Canada convened a meeting of the provincial premiers."
    )
    assert [e[0] for e in found] == ["CONSULT"], found


# --- counted victims are people --------------------------------------------------------------
def test_three_others_wounded_is_an_attack(rules):  # noqa: ANN001
    assert _types(
        rules, "A Danish sapper died and three others were wounded in the blast."
    ) == ["ASSAULT"]


def test_buildings_destroyed_by_a_storm_are_no_attack(rules):  # noqa: ANN001
    assert _types(rules, "Two buildings were destroyed in the storm.") == []


# --- seeking what PETRARCH2 codes as an appeal -------------------------------------------------
def test_seeking_clarification_is_a_request(rules):  # noqa: ANN001
    found = rule_events(
        rules,
        "While seeking clarification on parts of the ruling, the Kenyan government said "
        "the vote would go ahead.",
    )
    assert [(t, s) for t, s, _, _ in found] == [("REQUEST", ["Government of Kenya"])], found

"""Implied and distant agents: an agentless event takes its source from the discourse, marked
as inferred with its evidence, and stays without one where the article names no agent.

Articles here are written for these tests (real spaCy model through the real pipeline).
"""

from __future__ import annotations

import json

import pytest

from tests.event_helpers import actor_names, only_event
from tidings.events.assemble import assembly_data
from tidings.events.implied_agents import ImpliedAgents


def test_an_agentless_arrest_in_a_datelined_story_is_the_home_police(pipeline) -> None:
    text = (
        "KARACHI, Pakistan (AP) — Three journalists were arrested on Sunday after covering "
        "a protest, their union said."
    )
    a = pipeline.analyze(text, published="2024-03-05")
    e = only_event(a, "COERCE")
    assert e.source_inferred and not e.target_inferred
    (police,) = [x for x in a.actors if x.id in e.source]
    assert police.country == "PAK" and "police" in police.name.lower()
    assert e.inferred_from is not None and "KARACHI" in e.inferred_from.text
    assert text[e.inferred_from.start : e.inferred_from.end] == e.inferred_from.text
    assert a.meta.counts["events_source_from_dateline"] == 1


def test_a_visit_naming_no_host_was_paid_to_the_dateline_state(pipeline) -> None:
    text = (
        "HANOI, Jan 23 (Reuters) - Vietnam's leader Nguyen Phu Trong met Russian Defence "
        "Minister Sergei Shoigu on Tuesday. Trong said Shoigu's visit would deepen the "
        "partnership between the two countries."
    )
    a = pipeline.analyze(text, published="2024-01-24")
    visit = next(e for e in a.events if e.mode == "visit")
    assert visit.source == ["P-RUS-SHOIGU"] and visit.target == ["VNM"] and visit.target_inferred
    assert visit.inferred_from is not None and "HANOI" in visit.inferred_from.text
    home = pipeline.analyze(text.replace("HANOI", "MOSCOW"), published="2024-01-24")
    assert not [e for e in home.events if e.mode == "visit" and e.target_inferred]


def test_no_dateline_no_police_guess(pipeline) -> None:
    text = "Three journalists were arrested on Sunday after covering a protest, their union said."
    a = pipeline.analyze(text, published="2024-03-05")
    e = only_event(a, "COERCE")
    assert e.source == [] and not e.source_inferred and e.inferred_from is None


def test_the_agent_of_the_same_act_told_earlier(pipeline) -> None:
    text = (
        "Russian troops shelled Kharkiv on Monday, officials said. "
        "Ukraine said the shelling killed five civilians."
    )
    a = pipeline.analyze(text, published="2024-03-05")
    killed = next(e for e in a.events if e.trigger.text == "killed")
    shelled = next(e for e in a.events if e.trigger.text == "shelled")
    assert killed.source == shelled.source and killed.source_inferred
    assert killed.inferred_from == shelled.trigger
    assert not shelled.source_inferred


def test_two_earlier_agents_are_no_answer(pipeline) -> None:
    text = (
        "Russian troops shelled Kharkiv on Monday. "
        "Ukrainian forces shelled Donetsk on Tuesday. "
        "Officials said the shelling killed five civilians."
    )
    a = pipeline.analyze(text, published="2024-03-05")
    killed = next(e for e in a.events if e.trigger.text == "killed")
    assert killed.source == [] and not killed.source_inferred


def test_a_named_doer_that_is_no_actor_is_not_replaced(pipeline) -> None:
    text = (
        "Protesters in Lima clashed with security forces on Monday. "
        "Police fired tear gas at the protesters."
    )
    a = pipeline.analyze(text, published="2024-03-05")
    fired = next(e for e in a.events if e.trigger.text == "fired")
    assert not fired.source_inferred
    assert not actor_names(a, fired.source) & {"Protesters in Lima"}


@pytest.mark.parametrize(
    ("sentence", "trigger", "subject"),
    [
        ("Turkey vowed to keep up the shelling of the villages.", "shelling", "Turkey"),
        ("The army pressed on with the offensive in the north.", "offensive", "army"),
        ("Hamas was responsible for the bombing of the bus.", "bombing", "Hamas"),
    ],
)
def test_the_governing_clause_names_the_doer(pipeline, sentence, trigger, subject) -> None:
    doc = pipeline.nlp(sentence)
    tok = next(t for t in doc if t.text == trigger)
    finder = ImpliedAgents(
        None, frozenset({"launch"}), frozenset({"press"}), lambda: None, assembly_data()
    )  # type: ignore[arg-type]
    gov = finder.governor(tok)
    assert gov is not None
    assert subject in [c.text for c in gov.children if c.dep_ == "nsubj"]


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Officials condemned the shelling of the villages.", "shelling"),
        ("The minister said the offensive would end soon.", "offensive"),
    ],
)
def test_a_reporting_or_reacting_clause_names_no_doer(pipeline, sentence, trigger) -> None:
    doc = pipeline.nlp(sentence)
    tok = next(t for t in doc if t.text == trigger)
    finder = ImpliedAgents(None, frozenset(), frozenset({"press"}), lambda: None, assembly_data())  # type: ignore[arg-type]
    assert finder.governor(tok) is None


def test_inferred_fields_survive_the_store_and_json(pipeline, store_url) -> None:
    from tidings.store import Store

    text = "LAHORE, Pakistan (AP) — Two lawyers were detained on Friday, a colleague said."
    a = pipeline.analyze(text, published="2024-03-05")
    e = only_event(a, "COERCE")
    assert e.source_inferred and e.inferred_from is not None
    dumped = json.loads(a.model_dump_json(by_alias=True))
    assert dumped["events"][0]["source_inferred"] is True
    assert dumped["events"][0]["inferred_from"]["text"] == e.inferred_from.text
    with Store(store_url) as store:
        store.save(a)
        back = store.load(a.article.id)
    assert back is not None
    got = only_event(back, "COERCE")
    assert got.source_inferred and got.inferred_from == e.inferred_from


@pytest.mark.parametrize(
    ("text", "type_", "state"),
    [
        ("Four aid workers were expelled from Eritrea on Tuesday.", "SANCTION", "Eritrea"),
        (
            "Three activists were tortured in a prison in Egypt, their lawyer said.",
            "ASSAULT",
            "Egypt",
        ),
    ],
)
def test_an_agentless_state_act_in_a_country_is_that_states(pipeline, text, type_, state) -> None:
    a = pipeline.analyze(text, published="2024-03-05")
    e = only_event(a, type_)
    assert actor_names(a, e.source) == {state} and e.source_inferred
    assert e.inferred_from is not None and e.inferred_from.text == state
    assert a.meta.counts["events_source_from_place"] == 1


def test_an_act_by_a_named_doer_keeps_it(pipeline) -> None:
    text = "Rebels tortured three activists in a prison in Egypt."
    a = pipeline.analyze(text, published="2024-03-05")
    e = only_event(a, "ASSAULT")
    assert "Egypt" not in actor_names(a, e.source) and not e.source_inferred


def test_harm_suffered_in_a_fight_is_done_by_the_one_fought(pipeline) -> None:
    text = "A Kenyan soldier was killed by a roadside bomb while fighting al-Shabaab in Somalia."
    a = pipeline.analyze(text, published="2024-03-05")
    killed = next(e for e in a.events if e.trigger.text == "killed")
    assert actor_names(a, killed.source) == {"Al-Shabaab"} and killed.source_inferred
    assert killed.inferred_from is not None and killed.inferred_from.text == "al-Shabaab"
    assert actor_names(a, killed.target) == {"Kenya"}  # the soldier's, not the enemy
    assert a.meta.counts["events_source_from_opponent"] == 1


def _requests(a):  # noqa: ANN001, ANN202
    return sorted((e for e in a.events if e.type == "REQUEST"), key=lambda e: e.trigger.start)


def test_the_target_of_the_same_doers_act_told_earlier(pipeline) -> None:
    """A demand whose own words name nobody is aimed where the same doer's earlier demand was."""
    a = pipeline.analyze(
        "Peru asked Chile for more time on Monday. On Friday Peru again demanded an extension."
    )
    first, second = _requests(a)
    assert actor_names(a, second.target) == {"Chile"} == actor_names(a, first.target)
    assert second.target_inferred and not first.target_inferred
    assert second.inferred_from is not None and second.inferred_from.text == "asked"
    assert a.meta.counts["events_target_from_earlier"] == 1


def test_two_earlier_targets_are_no_answer(pipeline) -> None:
    a = pipeline.analyze(
        "Peru asked Chile for more time on Monday. Peru also asked Bolivia for help. "
        "On Friday Peru again demanded an extension."
    )
    last = _requests(a)[-1]
    assert last.target == [] and not last.target_inferred


def test_a_reaction_an_act_sparked_is_aimed_at_its_doer(pipeline) -> None:
    """ "the killing sparked protests": the protests are against whoever did the killing."""
    a = pipeline.analyze(
        "Chilean police shot dead a student in Santiago on Monday. "
        "The killing sparked several days of protests."
    )
    e = only_event(a, "PROTEST")
    assert actor_names(a, e.target) == {"Chilean police"} and e.target_inferred
    assert e.inferred_from is not None and e.inferred_from.text == "shot dead"
    assert a.meta.counts["events_target_from_cause"] == 1


@pytest.mark.parametrize(
    "text",
    [
        # the cause names no act told before
        "Chilean police shot dead a student in Santiago on Monday. "
        "The heat wave sparked several days of protests.",
        "The killing sparked several days of protests.",
    ],
)
def test_no_act_told_no_target_for_the_reaction(pipeline, text: str) -> None:
    e = only_event(pipeline.analyze(text), "PROTEST")
    assert e.target == [] and not e.target_inferred

"""Whole-article event assembly: later tellings of one event join the first as mentions.

Articles here are written for these tests (real spaCy model through the real pipeline).
"""

from __future__ import annotations

from tests.event_helpers import events_of
from tests.test_evaluate import (
    EVENT_ACTORS,
    GOLD_ACTORS,
    GOLD_EVENT,
    HIT,
    MISS,
    SENTENCE,
    analysis,
    at,
    doc,
    event,
    event_counts,
)
from tidings.evaluation import score_document_detailed
from tidings.events.assemble import assembly_data
from tidings.model import Event


def test_a_curfew_told_twice_by_one_state_is_one_event(pipeline) -> None:
    text = (
        "The government of Mali imposed a curfew in Bamako on Saturday. "
        "The curfew will last a week, the government said. "
        "Mali imposed a curfew on the capital after days of protests."
    )
    a = pipeline.analyze(text, published="2024-03-05")
    curfews = events_of(a, "COERCE")
    assert len(curfews) == 1, [(e.trigger.text, e.sentence.text) for e in curfews]
    e = curfews[0]
    # the first telling keeps the trigger; the later one is a mention
    assert e.trigger.start < text.index("The curfew")
    assert [m.start for m in e.evidence] == [text.rindex("imposed")]
    assert a.meta.counts["events_assembled"] == 1
    assert a.meta.counts["events"] == len(a.events)


def test_an_anaphoric_subject_retells_the_strike(pipeline) -> None:
    text = (
        "Israeli jets struck a camp in southern Lebanon on Monday. "
        "The blast that hit the camp killed three people."
    )
    a = pipeline.analyze(text, published="2024-03-05")
    assaults = events_of(a, "ASSAULT")
    assert len(assaults) == 1
    assert assaults[0].trigger.text == "struck"
    assert any(m.text == "killed" for m in assaults[0].evidence)


def test_the_same_act_on_another_date_stays_apart(pipeline) -> None:
    text = (
        "Russia expelled two Polish diplomats on Monday. "
        "In 2019, Russia expelled three diplomats from Latvia."
    )
    a = pipeline.analyze(text, published="2024-03-05")
    assert len(events_of(a, "SANCTION")) == 2
    assert a.meta.counts["events_assembled"] == 0


def test_the_same_verb_on_another_thing_stays_apart(pipeline) -> None:
    text = (
        "In 2011, Norway backed the proposal of the committee. "
        "Norway later had to back the budget of the alliance."
    )
    a = pipeline.analyze(text, published="2024-03-05")
    support = events_of(a, "SUPPORT")
    assert len(support) == 2, [(e.trigger.text, [m.text for m in e.evidence]) for e in support]


def test_different_agents_of_one_act_stay_apart(pipeline) -> None:
    text = (
        "Russia expelled two Polish diplomats on Monday. "
        "Poland expelled two Russian diplomats on Monday."
    )
    a = pipeline.analyze(text, published="2024-03-05")
    assert len(events_of(a, "SANCTION")) == 2


def test_assembly_can_be_switched_off() -> None:
    import tidings

    off = tidings.load(config={"stages": {"event_links": {"assemble": False}}})
    text = (
        "The government of Mali imposed a curfew in Bamako on Saturday. "
        "Mali imposed a curfew on the capital after days of protests."
    )
    a = off.analyze(text, published="2024-03-05")
    assert len(events_of(a, "COERCE")) == 2
    assert "events_assembled" not in a.meta.counts


def test_word_lists_are_data() -> None:
    data = assembly_data()
    assert "the" in data.determiners and "attack" in data.general_nouns["ASSAULT"]
    assert "say" in data.non_agentive and "COERCE/arrest" in data.police_acts


# -- the evaluator: an assembled event is found by any of its mentions ------------------------
LATER = "ordered the mobilization of Basij units"


def _layers(pred: list[Event]) -> dict:
    gold = doc(actors=GOLD_ACTORS, events=[GOLD_EVENT])
    return score_document_detailed(gold, analysis(actors=EVENT_ACTORS, events=pred))


def test_events_rule_matches_any_mention() -> None:
    # the first telling elsewhere, a later mention on the gold evidence: found
    told_later = event(
        trigger=at("threatens"), sentence=at("Iran threatens US"), evidence=[at(LATER)]
    )
    assert event_counts([told_later]) == (HIT, HIT, HIT)


def test_an_assembled_event_is_one_false_positive_not_one_per_mention() -> None:
    elsewhere = event(
        trigger=at("threatens"),
        sentence=at("Iran threatens US"),
        evidence=[at("fears"), at("gunned down")],
    )
    assert event_counts([elsewhere]) == (MISS, MISS, MISS)
    assert _layers([elsewhere]).layers["events_type"].fp == 1


def test_the_first_telling_pairs_before_a_later_mention() -> None:
    first = event(trigger=at("ordered"), sentence=at(SENTENCE))
    other = event(trigger=at("threatens"), sentence=at("Iran threatens US"), evidence=[at(LATER)])
    score = _layers([other, first])
    assert score.layers["events_type"].tp == 1 and score.layers["events_type"].fp == 1
    fps = [m.text for m in score.misses if m.layer == "events_type" and m.kind == "fp"]
    assert len(fps) == 1 and "threatens" in fps[0]


def test_an_attack_told_again_at_its_place_without_a_doer_is_one_event(pipeline) -> None:
    text = (
        "KANO, Nigeria (Sahel Wire) - Gunmen killed nine people in an attack on a bus station "
        "in Kano on Friday, police said. The attackers opened fire on passengers, and more than "
        "20 people were wounded, a nurse who asked not to be named said. The governor ordered "
        "an inquiry."
    )
    a = pipeline.analyze(text, published="2024-05-04")
    (attack,) = events_of(a, "ASSAULT")
    assert attack.trigger.text == "killed"
    assert {m.text for m in attack.evidence} >= {"wounded"}
    assert attack.date is not None and attack.date.value == "2024-05-03"
    assert not [e for e in a.events if e.trigger.text == "asked"]  # keeping a name out of print


def test_an_attack_elsewhere_or_with_its_own_doer_stays_apart(pipeline) -> None:
    text = (
        "KANO, Nigeria (Sahel Wire) - Gunmen killed nine people in an attack on a bus station "
        "in Kano on Friday, police said. In Maiduguri, soldiers shot dead four robbers on "
        "Saturday."
    )
    a = pipeline.analyze(text, published="2024-05-04")
    assert len(events_of(a, "ASSAULT")) == 2

"""Noun phrases that can be event participants become actors (issue #18, #12): bare definite
bodies ("the court"), generic agent nouns from PETRARCH2's agents dictionary ("prosecutors"),
"the government" of the story's one state, and a capital after a diplomat's "to".

Sentences are written here (none from a dev set); the pipeline and spaCy model are the real ones.
"""

from __future__ import annotations

from tidings.actors.collectives import agent_kinds, collectives
from tidings.model import Analysis


def _names(a: Analysis, ids: list[str]) -> list[str]:
    return [x.name for x in a.actors if x.id in ids]


def _event(a: Analysis, type_: str):  # noqa: ANN202
    found = [e for e in a.events if e.type == type_]
    assert found, f"no {type_} in {[e.type for e in a.events]}"
    return found[0]


def test_agent_kinds_come_from_the_agents_dictionary() -> None:
    kinds = agent_kinds()
    assert len(kinds) > 300  # the derived list, not a hand list
    assert kinds["prosecutor"] == "government"
    assert kinds["police"] == "police"
    assert "muslim" not in kinds  # creeds and peoples name no acting body alone


def test_bare_definite_body_is_an_actor_and_fills_slots(pipeline) -> None:
    a = pipeline.analyze("Yesterday the court sentenced the mayor to five years in prison.")
    e = _event(a, "SANCTION")
    assert _names(a, e.source) == ["court"]
    court = next(x for x in a.actors if x.name == "court")
    assert court.kind == "government"
    # an indefinite one is some court, not the story's
    b = pipeline.analyze("A court sentenced the mayor to five years in prison.")
    assert all(x.name != "court" for x in b.actors)
    assert "court" in collectives().definite


def test_plural_agent_noun_heads_a_group(pipeline) -> None:
    a = pipeline.analyze("Prosecutors charged the former mayor with fraud on Tuesday.")
    e = _event(a, "ACCUSE")
    assert _names(a, e.source) == ["Prosecutors"]


def test_the_government_is_the_state_the_story_is_about(pipeline) -> None:
    text = (
        "Norway recalled its envoy on Monday. Norway's foreign minister said the move was "
        "needed. Later the government expelled two diplomats."
    )
    a = pipeline.analyze(text)
    norway = next(x for x in a.actors if x.country == "NOR" and x.kind == "country")
    assert any(m.text == "government" for m in norway.mentions)
    # two states named as often: no guess
    b = pipeline.analyze("Norway met Sweden. Then the government expelled two diplomats.")
    assert not any(
        m.text == "government" for x in b.actors if x.kind == "country" for m in x.mentions
    )


def test_capital_after_a_diplomats_to_is_the_state(pipeline) -> None:
    a = pipeline.analyze("Norway recalled its ambassador to Moscow for consultations.")
    e = _event(a, "SANCTION")
    assert [x.country for x in a.actors if x.id in e.target] == ["RUS"]
    b = pipeline.analyze("The minister flew to Moscow on Monday.")
    assert all(x.country != "RUS" for x in b.actors)


def test_mutual_act_of_coordinated_parties_is_coded_first_to_second(pipeline) -> None:
    a = pipeline.analyze("Norway and Chile have agreed to hold joint naval exercises in May.")
    e = _event(a, "AGREE")
    assert [x.country for x in a.actors if x.id in e.source] == ["NOR"]
    assert [x.country for x in a.actors if x.id in e.target] == ["CHL"]


def test_no_place_target_when_the_act_lands_on_a_person(pipeline) -> None:
    a = pipeline.analyze("Gunmen shot him in Kabul on Friday.")
    e = _event(a, "ASSAULT")
    assert all(x.kind != "country" for x in a.actors if x.id in e.target)
    b = pipeline.analyze("Gunmen attacked Kabul on Friday.")
    f = _event(b, "ASSAULT")
    assert [x.country for x in b.actors if x.id in f.target] == ["AFG"]


def test_the_noun_of_a_named_body_joins_it(pipeline) -> None:
    a = pipeline.analyze("The Supreme Court ruled on Monday. Later the court sentenced him.")
    court = [x for x in a.actors if "court" in x.name.lower()]
    assert len(court) == 1 and any(m.text == "court" for m in court[0].mentions)
    # a singular "the soldier" with nobody before it makes no actor of its own
    b = pipeline.analyze("The soldier was 33.")
    assert not b.actors


def test_police_act_placed_in_a_country_is_that_states(pipeline) -> None:
    a = pipeline.analyze("The reporter Jan Novak was detained on Monday in Belarus for spying.")
    e = _event(a, "COERCE")
    assert [x.country for x in a.actors if x.id in e.source] == ["BLR"]
    assert e.source_inferred and e.inferred_from is not None
    assert a.article.text[e.inferred_from.start : e.inferred_from.end] == "Belarus"
    # no place in the clause: nobody is guessed
    b = pipeline.analyze("The reporter Jan Novak was detained on Monday for spying.")
    assert _event(b, "COERCE").source == []


def test_people_a_verb_acts_on_are_its_target(pipeline) -> None:
    a = pipeline.analyze("Officers in Lagos arrested several suspects on Tuesday.")
    e = _event(a, "COERCE")
    assert _names(a, e.target) == ["suspects"]
    b = pipeline.analyze("The junta detained dozens of reporters.")
    assert _names(b, _event(b, "COERCE").target) == ["reporters"]
    # an age stays in the name: "70-year-old man", not "-year-old man"
    c = pipeline.analyze("The tribunal jailed a 70-year-old man for fraud.")
    assert _names(c, _event(c, "COERCE").target) == ["70-year-old man"]


def test_no_patient_without_an_act_or_when_asked_to_act(pipeline) -> None:
    # "hire" is no act of the event lexicon; "require" asks its object to act
    a = pipeline.analyze("The firm hired workers last year.")
    assert all(x.name != "workers" for x in a.actors)
    b = pipeline.analyze("The plan will require miners and pilots to accept lower pay.")
    assert all(x.name not in {"miners", "pilots"} for x in b.actors)


def test_the_title_refers_to_its_named_holder(pipeline) -> None:
    a = pipeline.analyze(
        "Interior Minister Hans Olberg met union leaders on Monday. "
        "The minister later accused the strikers of sabotage."
    )
    olberg = next(x for x in a.actors if x.kind == "person")
    assert olberg.name == "Hans Olberg"  # "the minister" refers to him, it does not name him
    assert any(m.text == "The minister" for m in olberg.mentions)
    assert _names(a, _event(a, "ACCUSE").source) == ["Hans Olberg"]
    # two ministers named: no guess
    b = pipeline.analyze(
        "Interior Minister Hans Olberg met Finance Minister Ada Rusk. "
        "The minister later accused the strikers of sabotage."
    )
    assert not _event(b, "ACCUSE").source


def test_an_office_with_no_holder_named_is_the_story_state(pipeline) -> None:
    a = pipeline.analyze(
        "Norway recalled its envoy on Monday. Norway's trade office said the move was needed. "
        "The union is going to appeal to the home minister, its spokesman said."
    )
    assert _event(a, "REQUEST").target == [
        x.id for x in a.actors if (x.country, x.kind) == ("NOR", "country")
    ]

"""Actor phrases: the whole noun phrase as a mention, peoples, acronyms spelled out before
brackets, appositions, armed movements' fighters, misspelt countries."""

from __future__ import annotations

import pytest

from tidings.model import Actor, Analysis


def texts(actor: Actor) -> list[str]:
    return [m.text for m in actor.mentions]


def find(a: Analysis, text: str) -> Actor:
    for x in a.actors:
        if x.name == text or text in texts(x):
            return x
    raise AssertionError(f"no actor {text!r} in {[(x.name, texts(x)) for x in a.actors]}")


def event(a: Analysis, type_: str):
    found = [e for e in a.events if e.type == type_]
    assert found, f"no {type_} in {[e.type for e in a.events]}"
    return found[0]


@pytest.fixture(scope="module")
def analyse(pipeline):
    cache: dict[str, Analysis] = {}

    def run(text: str) -> Analysis:
        if text not in cache:
            cache[text] = pipeline.analyze(text, published="2021-06-01")
        return cache[text]

    return run


def test_participial_and_prepositional_phrase_is_a_mention(analyse):
    a = analyse("Kurdish fighters based in northern Syria ambushed a Turkish patrol on Friday.")
    fighters = find(a, "Kurdish fighters")
    assert "Kurdish fighters based in northern Syria" in texts(fighters)
    assert fighters.name == "Kurdish fighters"  # the name stays the core phrase


def test_count_and_determiners_leave_the_phrase(analyse):
    a = analyse("About 300 supporters of Raila Odinga blocked a highway in Nairobi on Tuesday.")
    supporters = find(a, "supporters of Raila Odinga")
    assert supporters.kind == "civilians"
    odinga = find(a, "Raila Odinga")
    assert all(not t.lower().startswith(("of ", "supporters")) for t in texts(odinga))


def test_phrase_stops_at_comma_and_at_coordinated_modifiers(analyse):
    a = analyse("The Red Cross in Goma, Congo, said US and British forces must protect civilians.")
    red_cross = find(a, "Red Cross")
    assert "Red Cross in Goma" in texts(red_cross)
    assert all("Congo" not in t for t in texts(red_cross))
    assert all(not t.startswith("US and") for x in a.actors for t in texts(x))


def test_name_before_bracketed_acronym_is_one_organisation(analyse):
    a = analyse(
        "The Kenya National Union of Teachers (KNUT), the largest union of teachers, "
        "called off its strike on Monday."
    )
    knut = find(a, "KNUT")
    assert "Kenya National Union of Teachers" in texts(knut)
    assert knut.kind == "labor"
    # the apposition is the same union, not a second actor
    assert any(t.endswith("union of teachers") for t in texts(knut))
    assert not [x for x in a.actors if x.id != knut.id and "union" in x.name.lower()]
    assert not [x for x in a.actors if x.kind == "country"], "Kenya inside the name is no actor"


def test_ethnic_people_is_a_group_not_the_state(analyse):
    a = analyse("Ethnic Uzbeks fled across the border after clashes in Osh.")
    uzbeks = find(a, "Ethnic Uzbeks")
    assert uzbeks.kind == "civilians"
    assert not [x for x in a.actors if x.kind == "country" and x.country == "UZB"]


def test_people_of_a_place_takes_that_country(analyse):
    a = analyse("The Serbs of northern Kosovo boycotted the local elections on Sunday.")
    serbs = find(a, "Serbs")
    assert serbs.kind == "civilians"
    assert "Serbs of northern Kosovo" in texts(serbs)
    assert serbs.country != "SRB"


def test_creed_or_people_marks_a_group(analyse):
    a = analyse("Hindu students staged a sit-in outside the university on Monday.")
    assert find(a, "Hindu students").kind == "civilians"


def test_group_named_by_modifier_of_a_place(analyse):
    a = analyse("Government troops overran a Tamil rebel camp near the coast on Sunday.")
    rebels = find(a, "Tamil rebel")
    assert rebels.kind == "rebel"
    assert rebels.id in event(a, "ASSAULT").target


def test_armed_movement_fighters_are_the_movement(analyse):
    a = analyse("Hamas militants fired rockets at Ashkelon on Monday.")
    hamas = find(a, "Hamas")
    assert "Hamas militants" in texts(hamas)
    assert hamas.kb_id is not None
    assert hamas.id in event(a, "ASSAULT").source


def test_single_member_stays_a_person(analyse):
    a = analyse("A Hamas member was arrested in Hebron on Monday.")
    member = find(a, "Hamas member")
    assert member.kind == "person" and member.kb_id is None


def test_misspelt_country_is_recognised(analyse):
    a = analyse("Talks between Venezuala and Colombia resumed in Havana on Monday.")
    ven = find(a, "Venezuala")
    assert ven.country == "VEN" and ven.kind == "country"


def test_title_in_apposition_before_the_name(analyse):
    a = analyse("Kuwait's emir, Sheikh Nawaf al-Ahmad al-Sabah, received the envoy on Monday.")
    emir = find(a, "Sheikh Nawaf al-Ahmad al-Sabah")
    assert "Kuwait's emir" in texts(emir)
    assert any(r.title == "emir" for r in emir.roles)


def test_forces_in_a_country(analyse):
    a = analyse("Security forces in Mali detained two journalists on Monday.")
    forces = find(a, "Security forces in Mali")
    assert forces.country == "MLI"
    assert forces.id in event(a, "COERCE").source


def test_country_and_institution_word_name_the_institution(analyse):
    a = analyse("Mayors demanded support from the Ghana Parliament on Monday.")
    parliament = find(a, "Ghana Parliament")
    assert parliament.kind == "government" and parliament.country == "GHA"
    assert not [x for x in a.actors if x.kind == "country"]


def test_name_with_its_bracketed_acronym_is_a_mention(analyse):
    a = analyse("The Palestine Liberation Organization (PLO) rejected the plan on Monday.")
    plo = find(a, "PLO")
    assert "Palestine Liberation Organization (PLO)" in texts(plo)


def test_based_in_marks_a_media_group(analyse):
    a = analyse("A newspaper based in Aleppo defied a ban by the army on Monday.")
    paper = find(a, "newspaper")
    assert paper.kind == "media"
    assert "newspaper based in Aleppo" in texts(paper)


def test_public_money_comes_from_the_recipients_state(analyse):
    a = analyse("Kenyan farmers have received government loans this year. Kenya had promised them.")
    aid = event(a, "AID")
    assert find(a, "Kenyan farmers").id in aid.target
    assert [a.actor(x).country for x in aid.source] == ["KEN"]


def test_coordinated_nationalities_are_one_group_each(analyse):
    a = analyse("Swiss and German doctors treated the wounded in Goma on Monday.")
    swiss, german = find(a, "Swiss doctors"), find(a, "German doctors")
    assert (swiss.country, german.country) == ("CHE", "DEU")


def test_officials_of_a_government_are_the_government(analyse):
    a = analyse("Haitian government officials accused the former president of fraud on Monday.")
    gov = find(a, "Haitian government officials")
    assert gov.kb_id == "HTI-GOV"
    assert gov.id in event(a, "ACCUSE").source


@pytest.mark.parametrize(
    ("text", "phrase", "kind", "country"),
    [
        # people placed in a country; the estimate leaves the name
        (
            "Tens of thousands of students throughout Indonesia staged protests on Saturday.",
            "students throughout Indonesia",
            "civilians",
            "IDN",
        ),
        # the officials of an international body are that body
        (
            "European Union foreign ministers demanded the withdrawal of Serbian forces.",
            "European Union foreign ministers",
            "igo",
            None,
        ),
    ],
)
def test_phrase_kind_and_country(analyse, text, phrase, kind, country):
    actor = find(analyse(text), phrase)
    assert actor.kind == kind
    assert country is None or actor.country == country


def test_plural_slip_of_a_kb_organisation_joins_it(analyse):
    a = analyse("General Motor's chief executive resigned on Sunday, the company said.")
    gm = find(a, "General Motor")
    assert gm.kb_id is not None and gm.country == "USA"


def test_a_maker_is_no_armed_group(analyse):
    a = analyse("Two Airbus jets landed in Toulouse on Monday.")
    assert not [x for x in a.actors if x.kind == "military"]


def test_region_adjectives_are_no_states(analyse):
    a = analyse("Maduro expelled diplomats from seven Latin American countries on Monday.")
    assert not [x for x in a.actors if x.country == "USA"]


def test_the_opposition_refers_back(analyse):
    a = analyse("Venezuela's opposition said it had won. Maduro accused the opposition of fraud.")
    opposition = find(a, "Venezuela's opposition")
    assert "the opposition" in texts(opposition)

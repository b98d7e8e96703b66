"""Names that are no places: a word of an office's name after a town, a people's adjective,
one animal of a kind, a facility named after a state, the part of a country's long name NER
split off.

Every sentence was written for this test; it runs through the real spaCy model, the real actor
stage and the real SQLite gazetteer (built once per machine in the user cache).
"""

from __future__ import annotations

import pytest

from tests.test_places_context import _by_text


def test_a_word_between_a_town_and_its_council_is_no_town(pipeline):
    places = _by_text(pipeline.analyze("The Nashville Metro Council approved the budget.").places)
    assert places["Nashville"].country == "US"
    assert "Metro" not in places  # not Metro, Indonesia


def test_a_peoples_adjective_before_a_kind_word_is_no_place(pipeline):
    a = pipeline.analyze("Floods hit the South Indian states of Kerala and Karnataka.")
    places = _by_text(a.places)
    assert places["Kerala"].kind == places["Karnataka"].kind == "admin1"
    assert [p.text for p in a.places if p.kind == "site"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Rangers found a dead Mute Swan on the shore near Dunbar.",
        "Walkers saw a wild Mute Swan in the harbour of the town of Anstruther in Fife.",
    ],
)
def test_one_animal_of_a_kind_is_no_site(pipeline, text):
    places = _by_text(pipeline.analyze(text).places)
    assert places and "Mute Swan" not in places


def test_a_university_named_after_a_state_is_no_site_called_by_the_states_name(pipeline):
    a = pipeline.analyze(
        "Researchers at the University of Oregon, Eugene found that the virus spread quickly."
    )
    assert _by_text(a.places)["Eugene"].admin1 == "Oregon"
    assert [p.text for p in a.places if p.kind == "site"] == []


def test_a_countrys_long_name_split_by_ner_is_one_country(pipeline):
    a = pipeline.analyze(
        "Delegates came from Brazil, Kenya, Democratic Republic of the Congo and Peru."
    )
    congo = _by_text(a.places)["Democratic Republic of the Congo"]
    assert (congo.kind, congo.country) == ("country", "CD")
    assert sorted(p.country or "" for p in a.places) == ["BR", "CD", "KE", "PE"]


def test_a_facility_the_text_never_uses_as_a_place_is_no_site(pipeline):
    # NER calls the firm a facility; nothing says it is where anything happens
    a = pipeline.analyze("Eggs distributed by Hillcrest County Eggs were recalled in Iowa.")
    assert [(p.text, p.kind) for p in a.places] == [("Iowa", "admin1")]


def test_a_region_before_a_country_and_a_comma_is_not_put_in_it(pipeline):
    a = pipeline.analyze(
        "Exporters lost orders across the Middle East, China and beyond during the dispute."
    )
    region = _by_text(a.places)["Middle East"]
    assert (region.kind, region.country) == ("region", None)


def test_a_district_named_of_a_state_is_not_a_namesake_abroad(pipeline):
    a = pipeline.analyze(
        "He served eight years as a federal judge in the Southern District of Ohio."
    )
    district = _by_text(a.places)["Southern District"]
    assert district.country == "US"  # not Hong Kong's Southern District


@pytest.mark.parametrize(
    ("second", "kept"),
    [
        ("Reporters spoke to Bedford after the rally, and an aide at the Bedford campaign "
         "said turnout was high.", False),
        ("She grew up in Bedford, Texas, where her father taught.", True),
    ],
)  # fmt: skip
def test_the_surname_of_someone_named_in_full_is_a_place_only_where_the_text_says_so(
    pipeline, second, kept
):
    a = pipeline.analyze(f"Senator Ruth Bedford met voters on Monday. {second}")
    assert ("Bedford" in _by_text(a.places)) == kept


def test_a_state_is_not_a_town_named_after_it_elsewhere(pipeline):
    a = pipeline.analyze(
        "Authorities in Wyoming opened an inquiry after two hikers vanished near a trailhead."
    )
    state = _by_text(a.places)["Wyoming"]
    assert (state.kind, state.admin1) == ("admin1", "Wyoming")  # not Wyoming, Michigan


@pytest.mark.parametrize(
    ("text", "not_a_site"),
    [
        ("Thousands of members of the Rohingya community have found shelter near the border "
         "since the violence in Rakhine province.", "Rohingya"),
        ("Diplomats from the member states of ASEAN met in the Thai city of Chiang Mai on "
         "Monday.", "ASEAN"),
    ],
)  # fmt: skip
def test_a_people_or_a_body_before_a_kind_word_is_no_site(pipeline, text, not_a_site):
    places = _by_text(pipeline.analyze(text).places)
    assert places and not_a_site not in places


def test_a_short_form_in_parentheses_is_not_part_of_the_name(pipeline):
    a = pipeline.analyze(
        "Soldiers exchanged fire across the Line of Control (LoC) near Uri in Jammu and Kashmir."
    )
    sites = [p.text for p in a.places if p.kind == "site"]
    assert sites == ["Line of Control"]


@pytest.mark.parametrize(
    "text",
    [
        "Scholars say the Catholic Church is growing fast in China.",
        "The Orthodox Church and the Protestant churches lost members in Russia.",
    ],
)
def test_a_church_as_a_body_is_no_site(pipeline, text):
    a = pipeline.analyze(text)
    assert a.places and [p.text for p in a.places if p.kind == "site"] == []


def test_a_name_after_a_noun_of_kin_is_a_persons(pipeline):
    a = pipeline.analyze(
        "He is survived by his parents, his brother Alex and his girlfriend Olivia."
    )
    assert "Olivia" not in _by_text(a.places)
    a = pipeline.analyze("His girlfriend grew up in Olivia, Minnesota, before the war.")
    assert _by_text(a.places)["Olivia"].admin1 == "Minnesota"


@pytest.mark.parametrize(
    "text",
    [
        "The new jet can link almost any two cities on Earth without a stop.",
        "Scientists said life on Mars may once have existed.",
        "The airline's chief, Michael O' Leary, defended the order.",  # split by the tokenizer
    ],
)
def test_planets_and_the_end_of_a_persons_name_are_no_towns(pipeline, text):
    assert pipeline.analyze(text).places == []

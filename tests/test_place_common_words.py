"""Compass words and common nouns that GeoNames also lists as divisions are places only where the
text says so ("Cameroon's South region"), never for "the American South" or "Town Council".

Every sentence was written for this test; it runs through the real spaCy model, the real actor
stage and the real SQLite gazetteer (built once per machine in the user cache).
"""

from __future__ import annotations

import pytest


def _names(pipeline, text: str) -> set[str]:
    return {m.text for p in pipeline.analyze(text).places for m in p.mentions}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The heatwave in the American South ruined the cotton crop.", "South"),
        ("Aid reached 14 West and Central African countries this year.", "West"),
        ("Ann Dale, who sits on Hexley Town Council, said the road would close.", "Town"),
        ("The Village Council met on Monday to discuss the budget.", "Village"),
    ],
)
def test_a_compass_word_or_common_noun_alone_is_no_division(pipeline, text, word):
    assert word not in _names(pipeline, text)


def test_the_same_word_with_its_kind_is_the_division(pipeline):
    places = pipeline.analyze("Gunmen attacked two villages in Cameroon's South region.").places
    south = next(p for p in places if p.text == "South")
    assert (south.kind, south.country) == ("admin1", "CM")


def test_a_lowercase_word_the_model_calls_a_place_is_none(pipeline):
    # the small model tags the second "swan" a GPE; GeoNames has a Swan district in Australia
    text = (
        "A heron picked up near the harbour of Kilbrannoch in Fife, Scotland, carried the "
        "virus. The swan that shared its pond was healthy, and the swan has been moved."
    )
    places = pipeline.analyze(text).places
    assert all(any(c.isupper() for c in m.text) for p in places for m in p.mentions)
    assert "Fife" in {p.name for p in places}


def test_an_old_name_that_towns_of_the_same_country_bear_is_no_famous_city(pipeline):
    # GeoNames lists "Franklin" among Columbus, Ohio's names; dozens of US towns are Franklin
    text = "Rosa Diaz, a teacher at Franklin, said more pupils at Franklin fell ill."
    assert "Columbus" not in {p.name for p in pipeline.analyze(text).places}
    medina = pipeline.analyze("Pilgrims travelled on to Medina after the hajj.").places
    assert [(p.name, p.country) for p in medina] == [("Madinah", "SA")]


def test_another_spelling_of_a_foreign_town_is_no_place_in_a_story_about_elsewhere(pipeline):
    # GeoNames gives "Satpai" as another name of Netrakona, Bangladesh
    text = "The aid convoy reached the small town of Satpai in northern {} on Monday."
    assert "Netrakona" not in {p.name for p in pipeline.analyze(text.format("Nepal")).places}
    assert "Netrakona" in {p.name for p in pipeline.analyze(text.format("Bangladesh")).places}


def test_a_name_after_linked_to_is_no_location(pipeline):
    text = "The rash was not linked to Chikungunya, a doctor at the clinic in Leeds said."
    assert {p.name for p in pipeline.analyze(text).places} == {"Leeds"}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("New York Governor Ann Ray signed the budget on Friday.", "New York", "admin1"),
        ("New York Mayor Bill Stone closed the schools.", "New York City", "city"),
        ("Queensland Premier Jo Lane toured the flooded coast.", "Queensland", "admin1"),
        ("New York Lieutenant Governor Ann Ray opened the bridge.", "New York", "admin1"),
        ("New York Deputy Mayor Ann Ray opened the bridge.", "New York City", "city"),
    ],
)
def test_an_office_after_a_name_says_what_kind_of_place_it_is(pipeline, text, name, kind):
    place = next(p for p in pipeline.analyze(text).places if p.text in name)
    assert (place.name, place.kind) == (name, kind)


def test_a_state_named_elsewhere_does_not_move_a_world_known_city(pipeline):
    text = (
        "On Tuesday the Mayor of Boston closed two schools over measles. Officials in Texas "
        "asked parents to vaccinate. New York Governor Ann Ray signed the budget."
    )
    boston = next(p for p in pipeline.analyze(text).places if p.text == "Boston")
    assert (boston.country, boston.admin1) == ("US", "Massachusetts")


def test_a_state_named_in_the_sentence_places_a_town_of_a_famous_name(pipeline):
    text = "A tornado struck Paris, in Lamar County, Texas, on Sunday."
    paris = next(p for p in pipeline.analyze(text).places if p.text == "Paris")
    assert (paris.country, paris.admin1) == ("US", "Texas")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("A Tyler woman told the council the water smelled. Texas tested it on Monday.",
         "Tyler", "US"),
        ("Two Amarillo teenagers were treated for burns, Texas officials said.", "Amarillo",
         "US"),
    ],
)  # fmt: skip
def test_a_town_naming_where_people_are_from_is_a_place(pipeline, text, name, country):
    place = next(p for p in pipeline.analyze(text).places if p.text == name)
    assert (place.kind, place.country) == ("city", country)

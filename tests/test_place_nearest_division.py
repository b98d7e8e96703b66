"""The division named nearest a town decides among its namesakes, a borough's metropolis is the
city after its comma, and a building is never put at a continent's point.

Every sentence was written for this test; it runs through the real spaCy model, the real actor
stage and the real SQLite gazetteer (built once per machine in the user cache).
"""

from __future__ import annotations

import pytest

from tests.test_places_context import _by_text


def _named(pipeline, text: str, name: str):  # noqa: ANN001, ANN202
    """The place the analysis of ``text`` gives the mention ``name``."""
    return _by_text(pipeline.analyze(text).places)[name]


def test_the_state_named_in_its_sentence_outweighs_one_named_after_it(pipeline):
    # Iowa is named later, beside a town near one of its Monroe Counties; the county's own
    # sentence names Wisconsin
    a = pipeline.analyze(
        "Inspectors found sick cattle on a farm in Wisconsin, in Monroe County. Tests were run "
        "at a laboratory in Ames, Iowa."
    )
    county = _by_text(a.places)["Monroe County"]
    assert (county.kind, county.country, county.admin1) == ("admin2", "US", "Wisconsin")
    assert county.resolution is not None and "named in its sentence" in county.resolution


def test_a_capital_of_a_country_the_story_never_names_yields_to_the_named_province(pipeline):
    # Kingston, Jamaica is the world-known Kingston, but this story is about Ontario
    text = "Storms crossed Ontario overnight. In the city of Kingston, two bridges were closed."
    town = _named(pipeline, text, "Kingston")
    assert (town.kind, town.country, town.admin1) == ("city", "CA", "Ontario")


def test_a_capital_of_a_country_the_story_names_keeps_its_weight(pipeline):
    a = pipeline.analyze(
        "Jamaica's government met on Monday. Officials in Kingston said the storm spared the "
        "island, while Ontario reported flooding."
    )
    assert _by_text(a.places)["Kingston"].country == "JM"


@pytest.mark.parametrize("base", ["Fort Sill", "Camp Lejeune", "Pearl Harbor"])
def test_a_base_the_gazetteer_lacks_is_not_put_on_a_continent(pipeline, base):
    a = pipeline.analyze(
        f"He lived near {base} military base. {base} said the sergeant had helped build a "
        "clinic in Africa, a spokesman said."
    )
    assert "Africa" in _by_text(a.places)
    assert all(p.country is not None for p in a.places if p.kind == "site")
    assert base not in _by_text(a.places)


@pytest.mark.parametrize(
    ("text", "town", "after_kind"),
    [
        ("The clinic in Brooklyn, New York, closed on Friday.", "Brooklyn", "city"),
        ("Students at a school in Queens, New York have fallen ill.", "Queens", "city"),
        ("Firefighters in Buffalo, New York battled the blaze.", "Buffalo", "admin1"),
        ("Police in Yonkers, New York, arrested a man.", "Yonkers", "admin1"),
    ],
)
def test_a_borough_before_its_metropolis(pipeline, text, town, after_kind):
    # a part of a metropolis names the city after its comma; a town of its own, the state
    places = _by_text(pipeline.analyze(text).places)
    assert places[town].country == "US"
    assert places["New York"].kind == after_kind


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Floods hit upstate New York on Monday.", "New York", "admin1"),
        ("Wildfires burned across western Washington for a week.", "Washington", "admin1"),
        ("Gunmen attacked a bus in northern Mexico.", "Mexico", "country"),
        ("Shops closed in central London.", "London", "city"),  # no area of that name
    ],
)
def test_a_part_of_an_area_is_named_by_a_compass_word(pipeline, text, name, kind):
    place = _by_text(pipeline.analyze(text).places)[name]
    assert place.kind == kind


def test_a_district_of_a_city_lies_in_that_city(pipeline):
    # before, "district of" made Baghdad a district and both names were lost
    a = pipeline.analyze("A car bomb exploded in the Karrada district of Baghdad on Sunday.")
    places = _by_text(a.places)
    city, part = places["Baghdad"], places["Karrada"]
    assert (city.kind, city.country) == ("city", "IQ")
    assert (part.kind, part.country, part.lat, part.lon) == ("site", "IQ", city.lat, city.lon)


def test_a_part_of_a_town_named_after_its_possessive(pipeline):
    a = pipeline.analyze("Iraqi troops fought house to house in Mosul's Old City for a week.")
    places = _by_text(a.places)
    assert places["Old City"].country == "IQ"  # not the Old City of Hebron
    assert (places["Old City"].lat, places["Old City"].lon) == (
        places["Mosul"].lat,
        places["Mosul"].lon,
    )


def test_a_countrys_possessive_claims_no_containment(pipeline):
    a = pipeline.analyze("Protests spread in Russia's Crimea and in Syria's Idlib province.")
    places = _by_text(a.places)
    assert (places["Crimea"].kind, places["Crimea"].country) == ("admin1", "UA")
    assert places["Idlib"].country == "SY"


def test_a_site_is_put_in_the_place_the_text_puts_it_in(pipeline):
    # Haifa is the more specific place of the sentence, but the valley lies "in" the West Bank
    text = (
        "Settlers from Haifa built farms along the Jordan Valley in the northern West Bank last "
        "year."
    )
    valley = _named(pipeline, text, "Jordan Valley")
    assert (valley.kind, valley.country, valley.admin1) == ("site", "PS", "West Bank")


def test_a_towns_possessive_makes_no_site_of_what_is_no_place(pipeline):
    a = pipeline.analyze(
        "Tokyo's Nikkei and Frankfurt's DAX 30 index both fell sharply in early trading."
    )
    assert [p.kind for p in a.places] == ["city", "city"]


@pytest.mark.parametrize(
    ("text", "name", "kind", "country"),
    [
        ("Bolivia's government sent troops to the northern department of Pando after the "
         "clashes.", "Pando", "admin1", "BO"),  # departments are first-level in Bolivia
        ("Police in the department of Gironde arrested two men.", "Gironde", "admin2", "FR"),
    ],
)  # fmt: skip
def test_a_department_is_the_division_its_country_calls_so(pipeline, text, name, kind, country):
    place = _named(pipeline, text, name)
    assert (place.kind, place.country) == (kind, country)

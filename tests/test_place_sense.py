"""The choice between senses of one name: the divisions an article names, and lists of
divisions that numbers part.

Every sentence was written for this test; it runs through the real spaCy model, the real actor
stage and the real SQLite gazetteer (built once per machine in the user cache).
"""

from __future__ import annotations

import pytest

from tests.test_places_context import _by_text


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        (
            "Health officials in Texas said on Monday that two children fell ill in "
            "Fairfield after a school lunch.",
            "TX",
        ),
        (
            "Health officials said on Monday that two children fell ill in Fairfield "
            "after a school lunch.",
            "CA",  # without a state named, the most populous Fairfield
        ),
    ],
)
def test_a_town_in_the_state_the_article_names(pipeline, text, admin1):
    town = _by_text(pipeline.analyze(text).places)["Fairfield"]
    assert (town.kind, town.country) == ("city", "US")
    assert town.admin1 is not None
    assert town.resolution is not None
    assert (admin1 == "TX") == ("in a division the article names" in town.resolution)


def test_a_county_in_the_state_the_article_names(pipeline):
    a = pipeline.analyze(
        "Farmers in Michigan lost their crops. Monroe County reported the worst damage."
    )
    county = _by_text(a.places)["Monroe County"]
    assert (county.kind, county.country) == ("admin2", "US")
    assert county.admin1 == "Michigan"


def test_divisions_parted_by_numbers_are_a_list(pipeline):
    a = pipeline.analyze(
        "By province, the cases were as follows: nine in Alberta, six in Ontario, four in "
        "Manitoba, two in Saskatchewan and one in Quebec."
    )
    quebec = _by_text(a.places)["Quebec"]
    assert (quebec.kind, quebec.country) == ("admin1", "CA")


def test_a_city_alone_stays_the_city(pipeline):
    quebec = _by_text(pipeline.analyze("The ferry left Quebec at dawn.").places)["Quebec"]
    assert (quebec.kind, quebec.country) == ("city", "CA")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Pilgrims will travel on to Medina after the prayers.",
            "Medina",
            "SA",
        ),
        ("Flights to Mexico were cancelled after the storm.", "Mexico", "MX"),
    ],
)
def test_a_world_known_city_by_another_name(pipeline, text, name, country):
    """A city GeoNames knows by many names wins by fame under another of them ("Medina" is
    Madinah, not the town in Ohio), but never over a country of that name."""
    place = _by_text(pipeline.analyze(text).places)[name]
    assert place.country == country
    assert place.kind == ("country" if name == "Mexico" else "city")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Kenyan health workers said the outbreak had spread from Kisumu to Suba.", False),
        ("Officials in the Philippines said the storm had reached the town of Suba.", True),
    ],
)
def test_a_town_far_from_the_story_is_no_place(pipeline, text, kept):
    """A town of under 100,000 in a country the story is not about and that borders none of
    its countries is a misreading (Suba, Philippines, in a Kenyan story)."""
    found = _by_text(pipeline.analyze(text).places)
    assert ("Suba" in found) == kept
    if kept:
        assert found["Suba"].country == "PH"


def test_washington_listed_with_states_is_the_state(pipeline):
    """Listed with two states, Washington is the state; each member's list kind is that of the
    other members, and a list whose other members split between kinds gives none."""
    found = _by_text(
        pipeline.analyze(
            "Inspectors are looking into cases in Washington, Pennsylvania and California."
        ).places
    )
    assert [(found[n].kind, found[n].country) for n in ("Washington", "California")] == [
        ("admin1", "US"),
        ("admin1", "US"),
    ]

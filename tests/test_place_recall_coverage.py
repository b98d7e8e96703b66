"""Coverage beyond the gazetteer's populated places: names no gazetteer has, divisions under the
names news uses, names NER runs together.

Every sentence was written for this test; it runs through the real spaCy model, the real actor
stage and the real SQLite gazetteer (built once per machine in the user cache).
"""

from __future__ import annotations

import pytest

from tidings.model import Place
from tidings.places.gazetteer import open_gazetteer


def _by_text(found: list[Place]) -> dict[str, Place]:
    return {m.text: p for p in found for m in p.mentions}


def test_a_place_no_gazetteer_has_is_kept_at_the_town_its_sentence_names(pipeline):
    found = _by_text(pipeline.analyze(
        "Police found three bodies in Kawangware, a slum in Nairobi, on Monday."
    ).places)  # fmt: skip
    slum, city = found["Kawangware"], found["Nairobi"]
    assert slum.kind == "site" and slum.precision == "city"
    assert (slum.lat, slum.lon, slum.country) == (city.lat, city.lon, "KE")
    assert slum.resolution and "not in the gazetteer" in slum.resolution


def test_a_place_no_gazetteer_has_is_not_put_at_a_whole_country(pipeline):
    # a country's point is hundreds of kilometres from a village: better no point than that
    found = _by_text(pipeline.analyze("Rescuers reached Ngeleka in Tanzania on Monday.").places)
    assert "Ngeleka" not in found
    assert found["Tanzania"].kind == "country"


def test_divisions_are_known_without_the_kind_words_geonames_keeps():
    gaz = open_gazetteer()
    kinds = {(e.kind, e.country) for e in gaz.lookup("Sukoharjo")}  # "Kabupaten Sukoharjo"
    assert ("admin2", "ID") in kinds
    assert ("admin2", "ID") in {(e.kind, e.country) for e in gaz.lookup("Karo")}
    assert ("admin2", "ID") in {(e.kind, e.country) for e in gaz.lookup("Kabupaten Karo")}
    assert not gaz.lookup("District")  # a kind word alone names nothing


def test_a_spaced_dash_separates_the_names_of_one_entity(pipeline):
    found = _by_text(pipeline.analyze(
        "Doctors say the outbreak may spread to West Africa - Nigeria, Cameroon and Chad - soon."
    ).places)  # fmt: skip
    assert {"Nigeria", "Cameroon", "Chad"} <= set(found)
    assert found["Nigeria"].country == "NG"


def test_the_same_name_where_its_sentence_names_no_place_is_that_site(pipeline):
    text = (
        "Police found three bodies in Kawangware, a slum in Nairobi, on Monday. "
        "Aid workers in Kawangware said more had fled."
    )
    site = _by_text(pipeline.analyze(text).places)["Kawangware"]
    assert [text[m.start : m.end] for m in site.mentions] == ["Kawangware", "Kawangware"]
    assert site.mentions[1].start > text.index("Aid workers")


def test_a_name_the_text_gives_a_kind_is_kept_at_its_division(pipeline):
    found = _by_text(pipeline.analyze(
        "Two children fell ill in the city of Kitaakita in the Akita Prefecture of Japan."
    ).places)  # fmt: skip
    town, prefecture = found["Kitaakita"], found["Akita Prefecture"]
    assert (town.kind, town.precision, town.country) == ("site", "admin1", "JP")
    assert (town.lat, town.lon) == (prefecture.lat, prefecture.lon)


@pytest.mark.parametrize(
    ("text", "name", "kind", "country"),
    [
        # GeoNames has "Kabupaten Sukoharjo"; news drops the kind word
        ("The first cases were reported in the Sukoharjo district of Central Java.",
         "Sukoharjo", "admin2", "ID"),
        # NER calls "Mabvuku" a nationality; no gazetteer has it: a site in Harare
        ("A resident of Mabvuku, a suburb east of Harare, said the taps ran dry.",
         "Mabvuku", "site", "ZW"),
        # NER calls "Lasby" a person; the town is in the gazetteer
        ("Two farmers died in a town called Lasby in Denmark on Sunday.", "Lasby", "city", "DK"),
    ],
)  # fmt: skip
def test_a_name_the_sentence_gives_a_kind_is_that_kind_of_place(
    pipeline, text, name, kind, country
):
    place = _by_text(pipeline.analyze(text).places)[name]
    assert (place.kind, place.country) == (kind, country)

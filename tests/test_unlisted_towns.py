"""Towns no gazetteer lists are kept where the text places them, never dropped or guessed away.

Every sentence was written for this test; it runs through the real spaCy model, the real actor
stage and the real SQLite gazetteer (built once per machine in the user cache). The town names
are invented or too small for the gazetteer, so the only evidence is the text around them.
"""

from __future__ import annotations

import pytest

from tidings.model import Place


def _by_text(found: list[Place]) -> dict[str, Place]:
    return {m.text: p for p in found for m in p.mentions}


@pytest.mark.parametrize(
    ("text", "name", "host", "precision"),
    [
        # the gazetteer knows towns of this name, but none in the division that follows it
        ("The lorry was stopped on a county road in Kelso, Ontario, Canada, on Friday.",
         "Kelso", "Ontario", "admin1"),
        ("Police in Ashby, Ontario, arrested two men.", "Ashby", "Ontario", "admin1"),
        ("Storms hit Glenwood, Manitoba, overnight.", "Glenwood", "Manitoba", "admin1"),
        ("Flooding cut off Wexmoor, Nebraska, for three days.", "Wexmoor", "Nebraska", "admin1"),
    ],
)  # fmt: skip
def test_a_town_the_gazetteer_lacks_in_the_division_after_it_is_placed_in_that_division(
    pipeline, text, name, host, precision
):
    found = _by_text(pipeline.analyze(text).places)
    town, division = found[name], found[host]
    assert town.kind == "site" and town.name == name
    assert (town.lat, town.lon, town.country) == (division.lat, division.lon, division.country)
    assert town.precision == precision


def test_a_town_the_gazetteer_has_in_that_division_is_that_town(pipeline):
    perth = _by_text(pipeline.analyze("Talks were held in Perth, Ontario, on Monday.").places)
    assert (perth["Perth"].kind, perth["Perth"].country) == ("city", "CA")


@pytest.mark.parametrize(
    ("text", "name", "host"),
    [
        ("Two herons were found dead in the village of Kilbrannoch in Fife, Scotland.",
         "Kilbrannoch", "Fife"),
        ("Officials said a heron died in the hamlet of Ardnacross in Fife.", "Ardnacross",
         "Fife"),  # NER sees no name here at all
        ("Fishermen from the town of Porthwenna in Cornwall were rescued.",
         "Porthwenna", "Cornwall"),
    ],
)  # fmt: skip
def test_a_name_after_a_kind_word_and_of_is_a_place_even_where_ner_saw_no_name(
    pipeline, text, name, host
):
    found = _by_text(pipeline.analyze(text).places)
    assert found[name].kind == "site"
    assert (found[name].lat, found[name].lon) == (found[host].lat, found[host].lon)


@pytest.mark.parametrize(
    "text",
    [
        "The city of Velmora was shelled overnight.",  # no place to put it in: not guessed
        "He became the Duke of Edinburgh last year.",
        "She met the Mayor of London on Tuesday.",
    ],
)
def test_no_town_is_invented_without_a_place_to_hold_it(pipeline, text):
    names = {m.text for p in pipeline.analyze(text).places for m in p.mentions}
    assert not names - {"Edinburgh", "London"}

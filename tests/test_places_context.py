"""Places resolved in context: every mention, its precision, its reasons, event places.

Every sentence was written for this test; it runs through the real spaCy model, the real actor
stage and the real SQLite gazetteer (built once per machine in the user cache).
"""

from __future__ import annotations

import pytest

from tidings.errors import TidingsError
from tidings.evaluation.core import Scorer
from tidings.evaluation.gold import GoldDoc
from tidings.evaluation.places import place_mentions
from tidings.model import Place
from tidings.places.gazetteer import ATTRIBUTION, open_gazetteer

GAZA_CITY, MOZAMBIQUE = 281133, 1036973
PARIS_FR, PARIS_TX = 2988507, 4717560
LONDON_GB, LONDON_ON = 2643743, 6058560


def _by_text(places: list[Place]) -> dict[str, Place]:
    out: dict[str, Place] = {}
    for p in places:
        for m in p.mentions:
            out.setdefault(m.text, p)
    return out


def test_gaza_is_the_palestinian_city_and_mozambique_no_actor(pipeline):
    a = pipeline.analyze("Israeli jets struck Gaza overnight, Palestinian health officials said.")
    gaza = _by_text(a.places)["Gaza"]
    assert gaza.country == "PS" and gaza.geonameid == GAZA_CITY
    assert all(p.country != "MZ" for p in a.places)
    assert all(x.country != "MOZ" for x in a.actors)


@pytest.mark.parametrize(
    ("text", "kind", "country"),
    [
        ("Russian tanks rolled into Georgia, and Tbilisi called for help.", "country", "GE"),
        ("Storms flooded Savannah and Atlanta in Georgia on Tuesday.", "admin1", "US"),
    ],
)
def test_georgia_by_context(pipeline, text, kind, country):
    g = _by_text(pipeline.analyze(text).places)["Georgia"]
    assert (g.kind, g.country) == (kind, country)


def test_paris_france_and_paris_texas_in_one_article(pipeline):
    a = pipeline.analyze(
        "The singer played in Paris, France, in June. A month later she played in Paris, "
        "Texas, a town of 25,000 people."
    )
    ids = sorted(p.geonameid for p in a.places if p.name == "Paris")
    assert ids == sorted([PARIS_FR, PARIS_TX])


def test_two_londons_in_two_countries(pipeline):
    a = pipeline.analyze(
        "Floods closed schools in London, Ontario, while London, England, stayed dry."
    )
    assert {p.geonameid for p in a.places if p.name == "London"} == {LONDON_GB, LONDON_ON}


def test_washington_city_state_and_metonym(pipeline):
    city = _by_text(pipeline.analyze("The delegation landed in Washington on Tuesday.").places)
    assert city["Washington"].kind == "city" and city["Washington"].country == "US"
    state = _by_text(
        pipeline.analyze("Wildfires burned across Washington state and Oregon this week.").places
    )
    assert state["Washington"].kind == "admin1"
    a = pipeline.analyze("Washington said it would answer the missile test with new sanctions.")
    assert "Washington" in _by_text(a.places)  # the place is recorded for the analyst's map
    assert any(m.text == "Washington" for x in a.actors for m in x.mentions)  # and stays an actor


def test_every_mention_is_resolved_with_its_span(pipeline):
    text = "Troops entered Mosul on Monday. By Friday, Mosul was calm, residents of Mosul said."
    a = pipeline.analyze(text)
    mosul = _by_text(a.places)["Mosul"]
    assert len(mosul.mentions) == 3
    assert all(text[m.start : m.end] == "Mosul" for m in mosul.mentions)
    assert mosul.resolution


def test_a_street_is_placed_in_its_city(pipeline):
    a = pipeline.analyze("A gas main exploded on Baker Street in London early on Friday.")
    street = _by_text(a.places)["Baker Street"]
    london = _by_text(a.places)["London"]
    assert street.kind == "site" and street.precision == "city"
    assert (street.lat, street.lon) == (london.lat, london.lon)


def test_a_dateline_city_places_the_events(pipeline):
    a = pipeline.analyze(
        "NAIROBI, March 3 (Reuters) - Police fired tear gas at striking teachers on Tuesday, "
        "witnesses said.",
        published="2020-03-03",
    )
    nairobi = _by_text(a.places)["NAIROBI"]
    assert nairobi.country == "KE" and nairobi.kind == "city"
    placed = [e for e in a.events if e.place == nairobi.id]
    assert placed and all(e.place_how in ("dateline", "sentence", "clause") for e in placed)


def test_place_mentions_layer_scores_each_mention(pipeline):
    text = "Troops entered Mosul on Monday. By Friday, Mosul was calm."
    mosul = {"text": "Mosul", "span": [15, 20], "mentions": [[15, 20], [43, 48]],
             "lat": 36.34, "lon": 43.13}  # fmt: skip
    gold = GoldDoc(raw={"id": "t", "text": text, "places": [mosul]}, text=text, id="t")
    analysis = pipeline.analyze(text)
    s = Scorer(gold, analysis)
    place_mentions(s)
    counts = s.result.layers["place_mentions"]
    assert (counts.tp, counts.fn) == (2, 0)
    far = GoldDoc(raw={**gold.raw, "places": [{**mosul, "lat": 0.0}]}, text=text, id="t")
    s = Scorer(far, analysis)
    place_mentions(s)
    assert s.result.layers["place_mentions"].tp == 0  # a point 4,000 km away is wrong


def test_gazetteer_credits_geonames_and_knows_old_names():
    g = open_gazetteer()
    assert g.meta["attribution"] == ATTRIBUTION and "CC BY 4.0" in ATTRIBUTION
    assert len(g) > 200_000  # every populated place of 500 people or more
    mumbai = {e.geonameid for e in g.lookup("Bombay")}
    assert 1275339 in mumbai
    assert 703448 in {e.geonameid for e in g.lookup("Kiev")}


def test_an_unwritable_cache_is_named_in_the_error(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")  # unwritable even for root
    monkeypatch.setenv("TIDINGS_CACHE", str(blocker / "cache"))
    with pytest.raises(TidingsError, match="not-a-folder.*TIDINGS_CACHE"):
        open_gazetteer.__wrapped__()


def test_admin_names_that_follow_a_town(pipeline):
    a = pipeline.analyze("The plant in Gainesville, Va., closed after the storm.")
    found = _by_text(a.places)
    assert found["Va."].name == "Virginia" and found["Va."].kind == "admin1"
    assert found["Gainesville"].admin1 == "Virginia"  # not the Gainesville of Florida or Georgia


def test_a_place_before_its_office_is_a_place(pipeline):
    a = pipeline.analyze("Wisconsin Governor Jim Doyle praised the nurses on Monday.")
    assert _by_text(a.places)["Wisconsin"].kind == "admin1"
    a = pipeline.analyze("Ohio State University researchers published the study.")
    assert "State University" not in _by_text(a.places)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Soldiers shelled the village of Ardnacross in Fife on Monday.", "Ardnacross"),
        ("Troops attacked the town of Kadugli in South Kordofan on Sunday.", "Kadugli"),
        ("Gunmen killed five people in the town of Kelso, Ontario.", "Kelso"),
    ],
)
def test_an_event_is_placed_in_the_town_its_clause_names_by_kind(pipeline, text, where):
    a = pipeline.analyze(text, published="2024-03-01")
    names = {p.id: p.text for p in a.places}
    assert [(names.get(e.place or ""), e.place_how) for e in a.events] == [(where, "clause")]

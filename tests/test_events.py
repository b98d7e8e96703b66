"""The events stage: lexicon validation, extraction frames, modality, denial, coreference.

Lexicon tests load the real YAML (and broken copies of it). Extraction tests run the real
pipeline (structure, spaCy, actors, quotes, events) on sentences written for these tests; the
development gold files are scored when ../shared is present.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.errors import InputError
from tidings.events import EventStage, default_lexicon, load_lexicon
from tidings.events.lexicon import DATA, parse_lexicon, read_raw
from tidings.model import PLOVER_TYPES, Analysis, Event
from tidings.stage import check_order

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
IRGC = SHARED / "examples" / "irgc-basij.gold.json"
PLOVER_DEV = SHARED / "bench" / "plover-dev.gold.jsonl"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared not present")


# --- the lexicon ---------------------------------------------------------------------------
def test_lexicon_covers_every_plover_type_broadly():
    lex = default_lexicon()
    types = {t.type for t in lex.triggers() if t.type}
    assert types == set(PLOVER_TYPES)
    per_type = {ty: sum(1 for t in lex.triggers() if t.type == ty) for ty in PLOVER_TYPES}
    assert min(per_type.values()) >= 5, per_type
    assert len(lex.triggers()) >= 300


def test_lexicon_types_and_modes_are_valid():
    lex = default_lexicon()
    for trig in lex.triggers():
        assert trig.type is None or trig.type in PLOVER_TYPES
        if trig.mode is not None:
            assert trig.mode in lex.modes[trig.type], (trig.key, trig.mode)
    for mode in lex.instruments.values():
        assert mode in lex.modes["ASSAULT"]


def test_lexicon_has_phrases_and_frames():
    lex = default_lexicon()
    keys = {p.key for table in (lex.verbs, lex.nouns) for ps in table.values() for p in ps}
    for phrase in ("gun down", "open fire", "turn out", "call off", "air strike"):
        assert phrase in keys
    threaten = lex.verbs["threaten"][0].senses[0]
    assert threaten.complement == "embed"
    assert lex.nouns["assassination"][0].senses[0].target_preps == ["of"]


def _raw() -> dict:
    return read_raw(DATA)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda r: r["verbs"].update({"zap": {"type": "ZAP"}}), "zap"),
        (lambda r: r["verbs"].update({"zap": {"type": "ASSAULT", "mode": "phone"}}), "mode"),
        (
            lambda r: r["verbs"].update({"zap": {"type": "AID", "when": {"object": ["@nope"]}}}),
            "word class",
        ),
        (lambda r: r["modes"].pop("AID"), "AID"),
        (lambda r: r["verbs"].update({"zap": {"type": None}}), "never fire"),
    ],
)
def test_broken_lexicon_is_refused(mutate, message):
    raw = _raw()
    mutate(raw)
    with pytest.raises(InputError, match=message):
        parse_lexicon(raw, "test.yaml")


def test_duplicate_trigger_is_refused(tmp_path):
    bad = tmp_path / "lex.yaml"
    dup = "\n  killing: {type: ASSAULT}\nadjectives:\n"  # a second "killing" among the nouns
    text = DATA.read_text(encoding="utf-8").replace("\nadjectives:\n", dup)
    bad.write_text(text, "utf-8")
    with pytest.raises(InputError, match="duplicate"):
        load_lexicon(bad)


def test_stage_contract():
    st = EventStage()
    assert st.name == "events"
    assert st.assigns == ("events", "actors")  # it adds the home state's forces as actors
    parts = ("article", "structure", "doc", "actors", "mentions", "quotes", "places")
    check_order([st], available=(*parts, "place_spans", "home_country"))


# --- extraction ----------------------------------------------------------------------------
def events(pipeline, text: str) -> tuple[Analysis, list[Event]]:
    a = pipeline.analyze(text)
    return a, a.events


def names(a: Analysis, ids: list[str]) -> set[str]:
    return {a.actor(i).name for i in ids}  # type: ignore[union-attr]


def only(a: Analysis, evs: list[Event], type_: str) -> Event:
    found = [e for e in evs if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in evs]
    return found[0]


def test_verbal_event(pipeline):
    a, evs = events(pipeline, "Russia attacked Ukraine on Tuesday.")
    e = only(a, evs, "ASSAULT")
    assert names(a, e.source) == {"Russia"} and names(a, e.target) == {"Ukraine"}
    assert e.trigger.text == "attacked" and e.cameo and e.id == "E1"


def test_passive_with_agent(pipeline):
    a, evs = events(pipeline, "Ukraine was attacked by Russia on Tuesday.")
    e = only(a, evs, "ASSAULT")
    assert names(a, e.source) == {"Russia"} and names(a, e.target) == {"Ukraine"}


def test_passive_without_agent_counts_the_dead(pipeline):
    a, evs = events(pipeline, "Two French soldiers were gunned down in Mali on Sunday.")
    e = only(a, evs, "ASSAULT")
    assert e.source == [] and e.target
    assert e.mode == "firearms" and e.fatalities is not None and e.fatalities.value == 2


def test_coordination_on_both_sides(pipeline):
    a, evs = events(pipeline, "Germany and France condemned Russia and Belarus on Monday.")
    e = only(a, evs, "ACCUSE")
    assert names(a, e.source) == {"Germany", "France"}
    assert names(a, e.target) == {"Russia", "Belarus"}


def test_nominal_event_with_adjective_source(pipeline):
    a, evs = events(pipeline, "The Russian invasion of Ukraine began in February.")
    e = only(a, evs, "ASSAULT")
    assert names(a, e.source) == {"Russia"} and names(a, e.target) == {"Ukraine"}


def test_light_verb_and_preposition(pipeline):
    a, evs = events(pipeline, "Israel launched airstrikes against Hamas in Gaza on Friday.")
    e = only(a, evs, "ASSAULT")
    assert e.mode == "aerial" and e.trigger.text == "launched airstrikes"
    assert names(a, e.source) == {"Israel"} and names(a, e.target) == {"Hamas"}


def test_control_verb_takes_the_embedded_target(pipeline):
    a, evs = events(pipeline, "Iran threatened to attack Israel.")
    assert [e.type for e in evs] == ["THREATEN"]  # the attack itself did not happen
    assert names(a, evs[0].source) == {"Iran"} and names(a, evs[0].target) == {"Israel"}
    assert evs[0].mode == "violence"


def test_participle_deaths_belong_to_the_main_event(pipeline):
    a, evs = events(
        pipeline, "Turkish jets bombed Kurdish positions in Syria, killing 20 fighters."
    )
    e = only(a, evs, "ASSAULT")
    assert e.trigger.text == "bombed" and e.fatalities is not None and e.fatalities.value == 20


@pytest.mark.parametrize(
    "text, certainty",
    [
        ("Hezbollah allegedly attacked Israel on Sunday.", "alleged"),
        ("Hezbollah reportedly attacked Israel on Sunday.", "alleged"),
        ("Hamas likely attacked Israel on Sunday.", "probable"),
        ("Hamas is believed to have attacked Israel on Sunday.", "probable"),
        ("Russia may attack Ukraine.", "possible"),
        ("Russia attacked Ukraine on Tuesday.", "certain"),
        # what others did, in reported speech, is the speaker's claim ...
        ("Zelensky said that Russia attacked Ukraine on Tuesday.", "claimed"),
        # ... unless the speaker vouches for it
        ("NATO confirmed that Russia attacked Ukraine on Tuesday.", "certain"),
    ],
)
def test_certainty(pipeline, text, certainty):
    a, evs = events(pipeline, text)
    assert only(a, evs, "ASSAULT").certainty == certainty


def test_claim_is_an_accusation_and_a_claimed_event(pipeline):
    a, evs = events(pipeline, "Ilham Aliyev claimed that Armenia attacked Azerbaijan.")
    accuse, attack = only(a, evs, "ACCUSE"), only(a, evs, "ASSAULT")
    speaker = accuse.source[0]
    assert names(a, accuse.target) == {"Armenia"} and accuse.attributed_to is None
    assert attack.certainty == "claimed" and attack.attributed_to == speaker
    assert names(a, attack.source) == {"Armenia"}


def test_plain_speech_is_no_event_and_quotes_are_attributed(pipeline):
    _, evs = events(pipeline, "Emmanuel Macron said on Monday that the talks were useful.")
    assert evs == []
    a, evs = events(pipeline, "\u201cRussia bombed our hospitals,\u201d Volodymyr Zelensky said.")
    e = only(a, evs, "ASSAULT")
    assert e.attributed_to is not None and "Zelensky" in a.actor(e.attributed_to).name


def test_negation(pipeline):
    a, evs = events(pipeline, "Israel did not attack Iran on Friday.")
    assert only(a, evs, "ASSAULT").polarity == "negative"


def test_denial_links_to_the_event_denied(pipeline):
    text = "Russian forces attacked Ukraine on Monday. Russia said it had not attacked Ukraine."
    a, evs = events(pipeline, text)
    e = only(a, evs, "ASSAULT")  # the denial is not a second, negative event
    assert e.polarity == "positive" and names(a, e.denied_by) == {"Russia"}


def test_conditional_threat(pipeline):
    a, evs = events(pipeline, "Turkey threatened to close its border if Greece sends troops.")
    e = only(a, evs, "THREATEN")
    assert e.conditional and names(a, e.source) == {"Turkey"}


def test_future_cooperation_is_a_promise(pipeline):
    a, evs = events(pipeline, "Japan will provide aid to Vietnam.")
    e = only(a, evs, "AGREE")
    assert e.tense == "future" and names(a, e.target) == {"Vietnam"}


def test_generic_past_practice(pipeline):
    a, evs = events(pipeline, "Police in Iran have often arrested protesters in the past.")
    assert only(a, evs, "COERCE").generic


@pytest.mark.parametrize(
    "text",
    [
        "A plane crash killed 50 people in Nepal.",
        "An earthquake killed 300 people in Turkey on Monday.",
        "Shares of Toyota fell 5% in Tokyo on Friday.",
    ],
)
def test_accidents_markets_and_disasters_are_not_events(pipeline, text):
    assert events(pipeline, text)[1] == []


def test_same_event_told_twice_is_one(pipeline):
    text = "Germany condemned Russia on Monday. Germany also condemned Russia in a statement."
    a, evs = events(pipeline, text)
    e = only(a, evs, "ACCUSE")
    assert len(e.evidence) == 1 and e.evidence[0].text == "condemned"


# --- choosing the participant phrase -------------------------------------------------------
def _all_names(a: Analysis, ids: list[str]) -> str:
    return " | ".join(sorted(names(a, ids)))


@pytest.mark.parametrize(
    "text, leader",
    [
        ("About 300 supporters of President Nicolas Maduro blocked roads.", "Maduro"),
        ("About 500 followers of the cleric Moqtada al-Sadr protested in Baghdad.", "Sadr"),
    ],
)
def test_supporters_of_a_leader_are_not_the_leader(pipeline, text, leader):
    a, evs = events(pipeline, text)
    e = only(a, evs, "PROTEST")  # still an event: the followers are people who act
    assert leader not in _all_names(a, e.source)


def test_possessor_of_an_ally_is_not_the_victim(pipeline):
    text = "Gunmen killed the deputy leader of Syria's militia ally in the north on Friday."
    a, evs = events(pipeline, text)
    assert "Syria" not in _all_names(a, only(a, evs, "ASSAULT").target)


def test_a_counted_crowd_is_what_its_of_phrase_names(pipeline):
    text = "A crowd of thousands of Chilean miners blocked the road on Monday."
    a, evs = events(pipeline, text)
    assert "Chile" in _all_names(a, only(a, evs, "PROTEST").source)


@pytest.mark.parametrize(
    "text, type_, state",
    [
        ("The army arrested Syrian opposition activists on Friday.", "COERCE", "Syria"),
        ("Government troops shelled Yemeni rebel-held villages on Friday.", "ASSAULT", "Yemen"),
    ],
)
def test_demonym_of_a_group_against_the_state_is_not_the_state(pipeline, text, type_, state):
    a, evs = events(pipeline, text)
    targets = [x for x in a.actors if x.id in only(a, evs, type_).target]
    assert not any(x.kind == "country" and x.name == state for x in targets)


def test_coordinated_demonym_before_a_group_is_not_a_state(pipeline):
    text = (
        "Troops in Niger have tortured scores of Sierra Leonean and Malian refugees, a group said."
    )
    a, evs = events(pipeline, text)
    target = names(a, only(a, evs, "ASSAULT").target)
    assert "Sierra Leone" not in target and any("Malian" in n for n in target)


def test_subject_parsed_into_an_opening_phrase(pipeline):
    text = (
        "With the signing of a peace accord in Nairobi, the Kenyan government and Al-Shabaab "
        "have agreed to exchange prisoners."
    )
    a, evs = events(pipeline, text)
    e = only(a, evs, "AGREE")
    # a mutual act of coordinated parties: the first the source, the second its partner
    assert len(e.source) == 1 and "Al-Shabaab" in _all_names(a, e.target)
    assert not set(e.target) & set(e.source)


def test_preposition_whose_object_was_parsed_as_a_subject(pipeline):
    text = (
        "Mexico has granted diplomatic asylum to four Bolivian army officers holed up in a "
        "diplomatic residence since last month's coup."
    )
    a, evs = events(pipeline, text)
    assert "Bolivian" in _all_names(a, only(a, evs, "AID").target)


def test_aim_of_trained_forces_is_the_target(pipeline):
    text = "Iran has trained hundreds of fighters capable of launching attacks against Israel."
    a, evs = events(pipeline, text)
    assert names(a, only(a, evs, "MOBILIZE").target) == {"Israel"}


def test_refused_entry_to_a_group(pipeline):
    a, evs = events(pipeline, "Hungary refused entry to Syrian refugees on Monday.")
    assert "Syria" in _all_names(a, only(a, evs, "REJECT").target)


def test_peacekeepers_arriving_are_aid_to_where_they_arrive(pipeline):
    text = "The first deployment of African Union peacekeeping troops has arrived in Somalia."
    a, evs = events(pipeline, text)
    assert names(a, only(a, evs, "AID").target) == {"Somalia"}


def test_blocked_crossing_is_aimed_at_the_states_it_links(pipeline):
    text = "Protesters blocked the bridge linking Spain to Portugal for hours on Monday."
    a, evs = events(pipeline, text)
    assert names(a, only(a, evs, "PROTEST").target) == {"Spain", "Portugal"}


def test_a_capability_is_the_aim_of_the_build_up_not_an_attack(pipeline):
    a, evs = events(pipeline, "Iran has deployed missiles capable of striking Israel.")
    assert [e.type for e in evs] == ["MOBILIZE"]
    assert names(a, evs[0].target) == {"Israel"}


def test_fire_of_a_named_party_is_not_an_accident(pipeline):
    a, evs = events(pipeline, "Two Israeli soldiers were wounded by Hezbollah fire on Monday.")
    assert names(a, only(a, evs, "ASSAULT").source) == {"Hezbollah"}
    assert events(pipeline, "A fire killed 12 people in a Cairo hotel on Sunday.")[1] == []


@pytest.mark.parametrize(
    "text, group",
    [
        ("Five Nigerian soldiers were killed by a roadside bomb planted by Boko Haram.", "Boko"),
        (
            "Four Iraqi civilians were killed by a rocket fired by Islamic State militants.",
            "Islamic",
        ),
    ],
)
def test_passive_instrument_belongs_to_who_placed_it(pipeline, text, group):
    a, evs = events(pipeline, text)
    e = only(a, evs, "ASSAULT")  # the firing is how the killing was done: one event
    assert group in _all_names(a, e.source) and e.target and not set(e.target) & set(e.source)


def test_location_of_a_group_s_camps_is_not_the_target(pipeline):
    a, evs = events(pipeline, "Turkish jets bombed Kurdish rebel camps in northern Iraq.")
    assert "Iraq" not in _all_names(a, only(a, evs, "ASSAULT").target)
    # the forces of a country are still that country's
    a, evs = events(pipeline, "Security forces in Bahrain fired tear gas at protesters.")
    assert "Bahrain" in _all_names(a, only(a, evs, "ASSAULT").source)


@pytest.mark.parametrize(
    "text, country",
    [
        ("Thousands of people marched in Kenya on Saturday.", "Kenya"),
        ("Thousands of Kurdish students protested in Germany.", None),  # a group of their own
    ],
)
def test_an_unnamed_crowd_is_coded_by_the_country_it_protests_in(pipeline, text, country):
    a, evs = events(pipeline, text)
    e = only(a, evs, "PROTEST")
    assert names(a, e.source) == ({country} if country else set())


@needs_shared
def test_event_spans_obey_the_invariant(pipeline):
    import json

    gold = json.loads(IRGC.read_text(encoding="utf-8"))
    text = (IRGC.parent / gold["text_path"]).read_text(encoding="utf-8")
    a = pipeline.analyze(text, published=gold["published"])
    assert a.events
    body = a.article.structure.body
    for e in a.events:
        spans = [e.trigger, e.sentence, *e.evidence]
        if e.fatalities is not None and e.fatalities.span is not None:
            spans.append(e.fatalities.span)
        for s in spans:
            assert a.article.text[s.start : s.end] == s.text
        assert any(p.start <= e.sentence.start and e.sentence.end <= p.end for p in body)
        assert e.sentence.start <= e.trigger.start and e.trigger.end <= e.sentence.end


@needs_shared
def test_development_targets(pipeline):
    from tidings.evaluate import evaluate

    def analyze(g):  # noqa: ANN001, ANN202
        return pipeline.analyze(g.text, published=g.published)

    irgc = evaluate([IRGC], analyze).to_dict()["layers"]
    assert irgc["events_type"]["recall"] >= 0.8 and irgc["events_type"]["precision"] >= 0.7
    assert irgc["events_actors"]["recall"] >= 0.7
    dev = evaluate([PLOVER_DEV], analyze).to_dict()["layers"]
    assert dev["events_type"]["recall"] >= 0.75

"""Events whose participants are named by a plural description, and clauses that only
name content."""

from __future__ import annotations

import pytest


def _names(a, ids):  # noqa: ANN001, ANN202
    return sorted(a.actor(x).name for x in ids)


def _first(pipeline, text: str, type_: str):  # noqa: ANN001, ANN202
    """The analysis of ``text`` and its first event of ``type_`` (which must exist)."""
    a = pipeline.analyze(text, published="2024-01-08")
    found = [e for e in a.events if e.type == type_]
    assert found, [e.type for e in a.events]
    return a, found[0]


def test_plural_description_names_the_actors_named_last(pipeline):
    text = (
        "Hamas and Islamic Jihad rejected the truce on Monday. "
        "Israel threatened to expand the offensive unless the groups free the hostages."
    )
    a, threat = _first(pipeline, text, "THREATEN")
    target = _names(a, threat.target)
    assert len(target) == 2 and any("Hamas" in n for n in target), target


def test_plural_description_needs_two_candidates(pipeline):
    text = (
        "Toyota said sales rose. "
        "Regulators fined the companies on Tuesday for falsifying safety data."
    )
    a = pipeline.analyze(text, published="2024-01-08")
    for e in a.events:
        assert not any(a.actor(x).name.startswith("Toyota") for x in e.target), e


def test_content_only_judged_is_no_event(pipeline):
    a = pipeline.analyze("What we are demanding is difficult, the minister said.")
    assert not [e for e in a.events if e.type == "REQUEST"]
    b = pipeline.analyze("The unions demanded higher wages, the minister said.")
    assert [e for e in b.events if e.type == "REQUEST"]


def test_settling_after_talks_targets_the_other_party(pipeline):
    text = (
        "The Kenya National Union of Teachers (KNUT) called off its strike after talks with "
        "the Kenyan government."
    )
    a, concede = _first(pipeline, text, "CONCEDE")
    assert [a.actor(x).kb_id for x in concede.target] == ["KEN-GOV"]


def test_pushing_someone_to_act_makes_the_pusher_the_source(pipeline):
    text = (
        "President William Ruto sought to calm the city by pushing the Kenya Police to "
        "mobilize against the gangs."
    )
    a, mob = _first(pipeline, text, "MOBILIZE")
    assert _names(a, mob.source) == ["William Ruto"]
    assert mob.target and all("Police" in n for n in _names(a, mob.target))


def test_it_is_not_a_plural_subject(pipeline):
    text = (
        "Ugandan troops retook the village after heavy fighting with rebels who had "
        "overrun it last month."
    )
    a = pipeline.analyze(text, published="2024-01-08")
    for e in a.events:
        if e.trigger.text.startswith("overr"):
            assert not any(a.actor(x).country == "UGA" for x in e.target), e


def test_a_quoted_verb_reports_only_its_quote(pipeline):
    text = (
        "Apple Corps argued that the store broke the deal. Judge Anthony Mann agreed with "
        'Apple Computer\'s defence - "I conclude that the logo does not suggest a connection."'
    )
    a, agree = _first(pipeline, text, "AGREE")
    assert agree.attributed_to is None and agree.certainty == "certain"


def test_the_lede_after_a_dateline_is_coded(pipeline):
    text = (
        "Strikes hit Gaza\n\n"
        "GAZA CITY, March 4 (Reuters) - Israeli air strikes killed at least 12 Palestinians in "
        "the southern Gaza Strip on Monday, health officials said.\n"
    )
    a, attack = _first(pipeline, text, "ASSAULT")
    assert _names(a, attack.source) == ["Israel"]
    assert attack.fatalities is not None and attack.fatalities.value == 12


def test_a_denial_marks_the_denied_telling(pipeline):
    told = "Israel said Hamas militants fired rockets at Sderot on Sunday."
    a, attack = _first(pipeline, told + " Hamas denied firing any rockets.", "ASSAULT")
    assert [a.actor(x).name for x in attack.denied_by] == ["Hamas"]
    alone = pipeline.analyze("Hamas denied firing any rockets.", published="2024-01-08")
    denied = [e for e in alone.events if e.type == "ASSAULT"]
    assert denied and denied[0].polarity == "negative" and denied[0].denied_by


@pytest.mark.parametrize(
    ("text", "type_", "source", "target"),
    [
        # "both sides": the two parties named last, not the clause's own subject
        (
            "Hamas accused Israel of attacking civilians. Egypt and Qatar urged both sides to "
            "return to the negotiating table.",
            "REQUEST",
            ["Egypt", "Qatar"],
            ["Hamas", "Israel"],
        ),
        # the one who accepts a deal agrees; it does not receive it
        ('"We will not accept a deal," a senior Hamas official told Reuters.', "AGREE",
         ["Hamas official"], []),
        # an armed actor targeting someone attacks them
        ("The Israeli military said it had targeted Hamas militants in Gaza.", "ASSAULT",
         ["Israel Defense Forces"], ["Hamas"]),
        # ramming a ship is an attack by the ship's state
        ("A Philippine supply ship rammed a Chinese vessel near the shoal on Monday.", "ASSAULT",
         ["Philippines"], ["China"]),
        # condemning "the strikes" targets whoever struck last
        ("Russia launched 120 missiles at Ukraine overnight. German Chancellor Olaf Scholz "
         "condemned the strikes.", "ACCUSE", ["Olaf Scholz"], ["Russia"]),
        # scrambling jets is putting forces on alert
        ("Poland scrambled fighter jets as a precaution on Sunday.", "MOBILIZE", ["Poland"], []),
        # unidentified gunmen are an actor; counted pupils are the victims
        ("Gunmen abducted at least 287 pupils from a school on Thursday.", "ASSAULT",
         ["Gunmen"], ["pupils"]),
        # the fighters "of" a movement are the movement
        ("Islamist militants of Boko Haram kidnapped 276 girls in 2014.", "ASSAULT",
         ["Boko Haram"], ["girls"]),
        # a crowd gathering outside a court demonstrates
        ("Hundreds of PTI supporters gathered outside the court in Rawalpindi.", "PROTEST",
         ["PTI supporters"], []),
        # announced sanctions are sanctions (not a threat of them): COERCE, CAMEO 163 by the crosswalk
        ("Washington announced sanctions against Georgia on Tuesday.", "COERCE",
         ["United States"], ["Georgia"]),
        # people counted are people, not their state
        ("Tens of thousands of Georgians rallied outside parliament on Sunday.", "PROTEST",
         ["Georgians"], []),
    ],
)  # fmt: skip
def test_participants(pipeline, text, type_, source, target):
    a, e = _first(pipeline, text, type_)
    assert (_names(a, e.source), _names(a, e.target)) == (sorted(source), sorted(target))


@pytest.mark.parametrize(
    ("text", "forces"),
    [
        (
            "Protest\n\nLAGOS, May 12 (AP) - Police fired tear gas at protesters on Sunday. "
            "Soldiers arrested two journalists.\n",
            {"NGA-POLICE", "NGA-MIL"},
        ),
        # Islamabad, not the old name of Chittagong that the gazetteer also knows
        (
            "Khan jailed\n\nISLAMABAD, Jan 31 (Reuters) - A Pakistani court sentenced Imran "
            "Khan. Police arrested dozens of his supporters.\n",
            {"PAK-POLICE"},
        ),
    ],
)
def test_bare_forces_in_a_datelined_story_are_the_home_states(pipeline, text, forces):
    a = pipeline.analyze(text, published="2024-05-12")
    sources = {a.actor(x).kb_id for e in a.events for x in e.source}
    assert forces <= sources, sources


def test_without_a_dateline_nobody_can_tell_whose_police(pipeline):
    # the article names the doer, police, but not whose: a police actor of no country
    # (issue #18: never a guess; "the police" is named, the state is not)
    b = pipeline.analyze("Police fired tear gas at protesters on Sunday.", published="2024-05-12")
    (fired,) = [e for e in b.events if e.source]
    (police,) = [b.actor(x) for x in fired.source]
    assert police.kind == "police" and police.country is None and police.kb_id is None
    assert not fired.source_inferred


def test_describing_an_attack_is_not_doing_it(pipeline):
    a = pipeline.analyze('Zelenskiy called the attack "one of the largest" of the war.')
    assert not [e for e in a.events if e.type == "ASSAULT"]


def test_they_after_police_said_is_the_police(pipeline):
    lede = "Protest\n\nABUJA, March 8 (Reuters) - President Bola Tinubu ordered an inquiry."
    a, arrest = _first(
        pipeline, lede + " Police said they had arrested three suspects.\n", "COERCE"
    )
    assert [a.actor(x).kb_id for x in arrest.source] == ["NGA-POLICE"]


@pytest.mark.parametrize(
    "text",
    [
        "The Airbus A330 jetliner crashed into the Atlantic Ocean in June, killing all 228 "
        "people on board.",  # an accident, not an attack
        "If a price is not agreed on by then, Fiat will pay the average of two estimates.",
        "Apple has released an application that limits the volume of its players.",
        "Chrysler was hardest hit among the manufacturers, with a plunge of 55%.",
        "Steve Jobs fought pancreatic cancer in 2004.",
        "Sales rose on great demand enjoyed by Apple's iPod players.",
    ],
)
def test_no_event(pipeline, text):
    a = pipeline.analyze(text, published="2024-01-08")
    assert a.events == [], [(e.type, e.trigger.text) for e in a.events]


def test_a_story_filed_from_abroad_has_no_home_forces(pipeline):
    text = (
        "Darfur\n\nNAIROBI, June 2 (Reuters) - Sudan's Rapid Support Forces killed at least 200 "
        "civilians last week, a rights group said. The army has been fighting the RSF since "
        "April 2023.\n"
    )
    a = pipeline.analyze(text, published="2024-06-02")
    kenyan = [x.name for x in a.actors if x.country == "KEN" and x.kind != "country"]
    assert not kenyan, kenyan  # the dateline's Nairobi is no reason for Kenyan forces
    attack = next(e for e in a.events if e.trigger.text == "killed")
    assert [a.actor(x).name for x in attack.target] == ["civilians"]


def test_a_party_telling_its_own_act_is_certain(pipeline):
    text = (
        "Khan's Pakistan Tehreek-e-Insaf (PTI) party said it would challenge the verdict and "
        "called on supporters to remain peaceful."
    )
    _, request = _first(pipeline, text, "REQUEST")
    assert request.certainty == "certain"

"""Event recall on whole articles (#18), round 2: speech acts that are events, idioms, demands.

Each mechanism is checked on sentences written for these tests (none from a dev set), with the
real pipeline and the classifier's refinement off, so the rules' own output is what is checked;
each also has a sentence it must leave alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.event_helpers import rule_events
from tidings.events import default_lexicon

ROOT = Path(__file__).resolve().parent.parent
EVALUATIVE = ROOT / "src/tidings/events/data/evaluative.json"


def _types(pipe, text: str) -> list[str]:  # noqa: ANN001
    return [e[0] for e in rule_events(pipe, text)]


# --- a wish put to another party is a demand --------------------------------------------------
def test_wanting_another_party_to_act_is_a_request(rules):  # noqa: ANN001
    found = rule_events(rules, "Germany wants Poland to withdraw its ambassador.")
    assert [(t, s, g) for t, s, g, _ in found] == [("REQUEST", ["Germany"], ["Poland"])], found


def test_wanting_to_act_oneself_is_no_request(rules):  # noqa: ANN001
    assert "REQUEST" not in _types(rules, "Germany wants to withdraw its ambassador from Poland.")


# --- reactions drawn upon oneself: the subject is the target ---------------------------------
def test_criticism_drawn_from_someone_is_their_accusation(rules):  # noqa: ANN001
    found = rule_events(
        rules, "The Teamsters union drew sharp criticism from the Canadian government."
    )
    assert len(found) == 1 and found[0][0] == "ACCUSE", found
    assert found[0][2] and "Teamsters" in found[0][2][0], found


def test_the_opposition_as_a_party_is_no_act(rules):  # noqa: ANN001
    assert "ACCUSE" not in _types(rules, "The Kenyan opposition met in Nairobi on Monday.")


# --- praise idioms -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Macron paid tribute to the courage of the Canadian soldiers.", "SUPPORT"),
        ("Merkel spoke highly of the French negotiators.", "SUPPORT"),
        ("The Kenyan president spoke harshly of the IMF.", "ACCUSE"),
    ],
)
def test_praise_and_blame_idioms(rules, text, kind):  # noqa: ANN001
    assert _types(rules, text) == [kind]


def test_speaking_to_someone_stays_a_consultation(rules):  # noqa: ANN001
    assert _types(rules, "Putin spoke to Merkel by phone on Monday.") == ["CONSULT"]


# --- what one calls someone or something ------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "source"),
    [
        ("The Kremlin called the EU sanctions illegitimate and unjustified.", "ACCUSE", "Russia"),
        ("Guterres described the Israeli decision as a disaster.", "ACCUSE", "Guterres"),
        ("Merkel called China a great friend of Germany.", "SUPPORT", "Merkel"),
        ('Ramaphosa said the Kenyan regulator\'s decision was "an abuse of power".', "ACCUSE", "Ramaphosa"),
        ('Imposing new tariffs on Chinese steel is "an economic disaster," Juncker said.',
         "ACCUSE", "Juncker"),
    ],
)  # fmt: skip
def test_an_evaluation_is_the_speech_act(rules, text, kind, source):  # noqa: ANN001
    found = [e for e in rule_events(rules, text) if e[0] == kind]
    assert len(found) == 1 and any(source in s for s in found[0][1]), rule_events(rules, text)


@pytest.mark.parametrize(
    "text",
    [
        "Putin called Merkel on Tuesday about the pipeline.",
        "Merkel said the German economy was weak in the first quarter.",
        "Palestinian leaders rejected the Israeli decision, calling it dangerous.",
    ],
)
def test_no_evaluation_event_without_an_evaluated_act(rules, text):  # noqa: ANN001
    found = rule_events(rules, text)
    assert not [e for e in found if e[0] in ("ACCUSE", "SUPPORT")], found


def test_evaluative_words_are_derived_with_their_licences():
    data = json.loads(EVALUATIVE.read_text(encoding="utf-8"))
    assert "MIT" in data["licence_vader"] and "MIT" in data["licence_petrarch2"]
    assert {"dictator", "liar", "abuse", "disaster"} <= set(data["negative"])
    assert {"excellent", "praise"} <= set(data["positive"])
    assert not set(data["negative"]) & set(data["positive"])
    lex = default_lexicon()
    assert lex.in_class("farce", "negative") and not lex.in_class("tariff", "negative")


# --- CAMEO appeals are requests ---------------------------------------------------------------
def test_cameo_appeal_phrases_are_derived_as_requests():
    from tidings.events.lexicon import DATA

    verbs = json.loads((DATA.parent / "cameo_triggers.json").read_text(encoding="utf-8"))["verbs"]
    appeals = {k: v for k, v in verbs.items() if v["cameo"].startswith("02")}
    assert len(appeals) > 100
    assert {v["type"] for v in appeals.values()} == {"REQUEST"}
    assert all("02 APPEAL as 10 DEMAND" in v["provenance"] for v in appeals.values())


# --- suits and censorship told with other words -------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Greenpeace initiated legal proceedings against the Dutch government.", "ACCUSE"),
        ("Erdogan has muzzled the Turkish media since the coup attempt.", "COERCE"),
        ("The Hungarian government gagged the press during the election campaign.", "COERCE"),
    ],
)
def test_suits_and_censorship(rules, text, kind):  # noqa: ANN001
    assert _types(rules, text) == [kind]


@pytest.mark.parametrize(
    "text",
    ["The proceedings in Nairobi were adjourned until Monday.",
     "Police muzzled the dog before the search of the Lagos warehouse."],
)  # fmt: skip
def test_no_suit_or_censorship_without_its_party(rules, text):  # noqa: ANN001
    assert not {"ACCUSE", "COERCE"} & set(_types(rules, text)), rule_events(rules, text)


# --- one act told by two words of a sentence keeps every mention ------------------------------
def test_coreferent_words_keep_all_their_mentions():
    from tidings.events.linking import merge_coreferent
    from tidings.model import Event, Span

    text = "Chad mobilized troops, a build-up it called a deployment, and sent tanks."
    sent = Span(start=0, end=len(text), text=text)

    def span(word: str) -> Span:
        i = text.index(word)
        return Span(start=i, end=i + len(word), text=word)

    first = Event(
        id="E1", type="MOBILIZE", source=["TCD"], trigger=span("mobilized"), sentence=sent
    )
    second = Event(id="E2", type="MOBILIZE", source=["TCD"], trigger=span("build-up"),
                   sentence=sent, evidence=[span("deployment")])  # fmt: skip
    merged = merge_coreferent([first, second])
    assert len(merged) == 1
    assert [m.text for m in merged[0].evidence] == ["build-up", "deployment"]

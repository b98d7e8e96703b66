"""The sentence policy in the real pipeline (`combine.Policy.for_document`): a one- or
two-sentence document is coded more freely than an article, but the `none` class still keeps
no-event sentences free of events. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tidings.events.combine import load_policy

NO_EVENT = [
    "Heavy rain is expected across the northern valleys on Thursday, forecasters said.",
    "Temperatures in the capital reached 41 degrees Celsius, the highest this summer.",
    "The country's population grew by 1.2 percent last year to about 48 million.",
    "Unemployment stood at 6.4 percent in March, unchanged from February.",
    "Shares in Tallinn closed slightly higher on Wednesday as oil prices steadied.",
    "The currency weakened to 93 against the dollar in thin holiday trading.",
    "The river runs for some 900 kilometres before it reaches the sea.",
]

EVENTS = [
    ("Soldiers of Veldoria shelled three border villages of Marrensk overnight.", "ASSAULT"),
    ("The mayor of Ostrava condemned the raid on the opposition newspaper.", "ACCUSE"),
    ("Police arrested four protesters outside the parliament in Vilnius.", "COERCE"),
    ("The president of Karelia met his Finnish counterpart in Helsinki.", "CONSULT"),
]


def test_the_shipped_policy_codes_short_documents_more_freely() -> None:
    policy = load_policy()
    assert policy.sentence is not None and policy.sentence_max is not None
    assert policy.for_document(policy.sentence_max) is policy.sentence
    assert policy.for_document(policy.sentence_max + 1) is policy


@pytest.mark.parametrize("text", NO_EVENT)
def test_a_no_event_sentence_stays_free_of_events(pipeline, text: str) -> None:
    a = pipeline.analyze(text)
    assert [(e.type, e.trigger.text) for e in a.events] == []


@pytest.mark.parametrize(("text", "type_"), EVENTS)
def test_an_event_sentence_keeps_its_event(pipeline, text: str, type_: str) -> None:
    a = pipeline.analyze(text)
    assert type_ in {e.type for e in a.events}, [(e.type, e.trigger.text) for e in a.events]

"""Bare plural forces as doers ("Police arrested ...", "Soldiers opened fire"): an actor of the
force, which a datelined story makes its home state's KB force and which otherwise stays a
force of no country (issue #18: the article names the doer, not whose it is).

Sentences written for these tests; real spaCy model through the real pipeline.
"""

from __future__ import annotations

import pytest

from tests.event_helpers import only_event


@pytest.mark.parametrize(
    ("text", "type_", "kind"),
    [
        ("Soldiers opened fire on the marchers near the bridge.", "ASSAULT", "military"),
        ("Troops shelled the village for three hours.", "ASSAULT", "military"),
        ("Police officers arrested the editor at his home.", "COERCE", "police"),
        ("Riot police detained the organisers of the march.", "COERCE", "police"),
    ],
)
def test_a_bare_force_is_the_doer_of_no_country(pipeline, text, type_, kind) -> None:
    a = pipeline.analyze(text, published="2024-05-12")
    e = only_event(a, type_)
    (force,) = [a.actor(x) for x in e.source]
    assert force.kind == kind and force.country is None and force.kb_id is None
    assert text[e.trigger.start : e.trigger.end] == e.trigger.text
    assert any(text.startswith(m.text) for m in force.mentions)


@pytest.mark.parametrize(
    ("text", "type_", "kb_id"),
    [
        (
            "Clashes\n\nNAIROBI, June 3 (Reuters) - Police officers arrested the editor of a "
            "weekly on Monday.\n",
            "COERCE",
            "KEN-POLICE",
        ),
        (
            "Clashes\n\nISLAMABAD, June 3 (Reuters) - Troops shelled a village near the "
            "border on Monday.\n",
            "ASSAULT",
            "PAK-MIL",
        ),
    ],
)
def test_a_datelined_bare_force_is_the_home_states(pipeline, text, type_, kb_id) -> None:
    a = pipeline.analyze(text, published="2024-06-03")
    e = only_event(a, type_)
    (force,) = [a.actor(x) for x in e.source]
    assert force.kb_id == kb_id and force.country == kb_id.split("-")[0]
    assert not e.source_inferred  # the sentence names the doer; only whose is the dateline's
    # one actor per force: a later bare mention is the same actor
    assert len([x for x in a.actors if x.kb_id == kb_id]) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan police arrested the editor on Monday.",  # whose: Kenya's, by its adjective
        "A soldier opened fire on the marchers.",  # one soldier, not the force
    ],
)
def test_a_marked_or_single_noun_is_no_bare_force(pipeline, text) -> None:
    a = pipeline.analyze(text, published="2024-05-12")
    bare = [x for x in a.actors if x.kind in ("police", "military") and x.country is None]
    assert all(x.name.lower() not in ("police", "soldiers", "soldier") for x in bare), [
        x.name for x in bare
    ]

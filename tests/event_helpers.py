"""Small lookups the event tests share: events of one type, the only one, actors' names."""

from __future__ import annotations

from tidings.model import Analysis, Event


def events_of(a: Analysis, type_: str) -> list[Event]:
    """The analysis's events of one PLOVER type, in order."""
    return [e for e in a.events if e.type == type_]


def only_event(a: Analysis, type_: str) -> Event:
    """The one event of ``type_`` (the assertion lists every event when there is not one)."""
    found = events_of(a, type_)
    assert len(found) == 1, [(e.type, e.trigger.text) for e in a.events]
    return found[0]


def actor_names(a: Analysis, ids: list[str]) -> set[str]:
    """The names of the actors with these ids."""
    return {x.name for x in a.actors if x.id in ids}


def rule_events(pipe, text: str) -> list[tuple[str, list[str], list[str], str]]:  # noqa: ANN001
    """(type, source names, target names, trigger) of every event of `text` as a news brief."""
    a: Analysis = pipe.analyze(f"News in brief\n\n{text}\n", published="2024-03-05")
    names = {x.id: x.name for x in a.actors}
    return [
        (e.type, [names[s] for s in e.source], [names[t] for t in e.target], e.trigger.text)
        for e in a.events
    ]

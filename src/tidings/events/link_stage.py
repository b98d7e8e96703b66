"""The ``event_links`` stage: each event gets its place and its date, once both are known.

Runs after places and times, since an event's place comes from the place mentions of its clause
(the ``place_spans`` part) and its date from the clause, the dateline or the publication date.
It changes the events, so it requires and assigns them.
"""

from __future__ import annotations

from tidings.document import Document
from tidings.stage import Stage


class LinkEventsStage(Stage):
    """Gives each event its place (from its clause) and date (clause, dateline, publication)."""

    name = "event_links"
    requires = (
        "doc",
        "structure",
        "actors",
        "mentions",
        "events",
        "places",
        "place_spans",
        "times",
    )
    assigns = ("events",)

    def __call__(self, d: Document) -> Document:
        from tidings.places import link_event_places
        from tidings.times import link_event_dates

        link_event_places(d)
        link_event_dates(d)
        return d

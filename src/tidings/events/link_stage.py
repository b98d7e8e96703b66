"""The ``event_links`` stage: each event gets its place and its date, then the article's events
are assembled (one event told several times is one event) and implied agents are filled.

Runs after places and times, since an event's place comes from the place mentions of its clause
(the ``place_spans`` part) and its date from the clause, the dateline or the publication date;
assembly compares those dates and places. It changes the events, and may add the dateline
state's police as an actor (`tidings.events.implied_agents`), so it assigns both.
"""

from __future__ import annotations

from tidings.actors.kb import KnowledgeBase, load_kb
from tidings.document import Document
from tidings.stage import Stage


class LinkEventsStage(Stage):
    """Place and date of each event; repeated tellings joined; implied sources filled."""

    name = "event_links"
    requires = (
        "doc",
        "structure",
        "actors",
        "quotes",
        "mentions",
        "events",
        "places",
        "place_spans",
        "times",
        "home_country",
    )
    assigns = ("events", "actors")

    def __init__(self, kb: KnowledgeBase | None = None, assemble: bool = True) -> None:
        self._kb, self.assemble = kb, assemble

    def kb(self) -> KnowledgeBase:
        """The actor KB (for the dateline state's police), loaded when first needed."""
        if self._kb is None:
            self._kb = load_kb()
        return self._kb

    def __call__(self, d: Document) -> Document:
        from tidings.events.assemble import assemble_events
        from tidings.events.implied_agents import infer_agents
        from tidings.events.lexicon import default_lexicon
        from tidings.events.slot_ranker import rerank_slots
        from tidings.places import link_event_places
        from tidings.times import link_event_dates

        link_event_places(d)
        link_event_dates(d)
        if self.assemble:
            assemble_events(d, self.kb)
            infer_agents(d, default_lexicon(), self.kb)
            rerank_slots(d)  # the trained slot chooser (events/slot_ranker.py)
            for n, e in enumerate(d.events, start=1):
                e.id = f"E{n}"
            d.counts["events"] = len(d.events)
        return d

"""One event record as an incident report: the features incidents are matched on.

Only records of something that happened are linkable: a generic ("attacks are common"),
conditional, future or negated event reports no real event. The date window is the event's
own date (a day, or a month at most); an event dated only by the dateline or the publication
date gets the few days before publication, since news reports what happened lately.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from tidings.model import Actor, Analysis, Event, Place

PUBLISHED_LOOKBACK = 3
"""Days before publication an event dated only by the publication may have happened."""

MAX_WINDOW = 31
"""A date vaguer than a month (a year, a season) cannot place an event among others."""

PRECISE_KINDS = ("site", "city", "admin2")
PLACE_FIELDS = {"name", "geonameid", "kind", "country", "admin1", "lat", "lon", "precision"}
"""What a report keeps of its place: the place itself, not how this article mentions it."""
PLACE_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}
CERTAINTY_RANK = {"certain": 0, "probable": 1, "possible": 2, "alleged": 3, "claimed": 4}


STATE_KINDS = ("country", "government", "military", "police")


def actor_key(actor: Actor) -> str:
    """The corpus-wide key of an actor: its KB id, else its case-folded name, kind and country."""
    if actor.kb_id:
        return f"kb:{actor.kb_id}"
    return f"name:{' '.join(actor.name.casefold().split())}|{actor.kind}|{actor.country or ''}"


@lru_cache(maxsize=4096)
def _ancestors(kb_id: str) -> tuple[str, ...]:
    from tidings.actors.kb import KnowledgeBase, _shipped

    global _KB
    if _KB is None:
        _KB = KnowledgeBase(_shipped())
    return tuple(_KB.ancestors(kb_id))


_KB: Any = None


def related_keys(actor: Actor) -> list[str]:
    """``up:`` keys of what an actor belongs to: its KB ancestors and, for state bodies, the state.

    "Russian forces" and "Russia" then relate (a weaker tie than the same actor).
    """
    ups = set(_ancestors(actor.kb_id)) if actor.kb_id else set()
    if actor.kind in STATE_KINDS and actor.country:
        ups.add(actor.country)
    ups.discard(actor.kb_id or "")
    return [f"up:{u}" for u in sorted(ups)]


def date_window(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The inclusive days a partial ISO date covers ('2020-01' → Jan 1–31); None if vaguer."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        nums = [int(p) for p in parts]
    except ValueError:
        return None
    if len(nums) >= 3:
        day = dt.date(nums[0], nums[1], nums[2])
        return day, day
    if len(nums) == 2 and 1 <= nums[1] <= 12:
        last = calendar.monthrange(nums[0], nums[1])[1]
        return dt.date(nums[0], nums[1], 1), dt.date(nums[0], nums[1], last)
    return None


@dataclass
class Report:
    """The matching features of one event record of one article."""

    article_id: str
    event_id: str
    seq: int
    type: str
    mode: str | None
    outlet: str | None
    published: dt.date | None
    date_value: str | None
    date_how: str
    date_lo: dt.date
    date_hi: dt.date
    country: str | None
    place: dict[str, Any] | None
    source_keys: list[str] = field(default_factory=list)
    target_keys: list[str] = field(default_factory=list)
    certainty: str = "certain"
    fatalities: float | None = None

    @property
    def point(self) -> tuple[float, float] | None:
        """The report's coordinates when its place is precise (a city or finer)."""
        p = self.place
        if p and p.get("kind") in PRECISE_KINDS and p.get("lat") is not None:
            return (float(p["lat"]), float(p["lon"]))
        return None

    def row(self, incident_id: str, score: float) -> dict[str, Any]:
        """The ``incident_reports`` row of this report in `incident_id`."""
        return {**self.__dict__, "incident_id": incident_id, "score": score}


def _window(event: Event, published: dt.date | None) -> tuple[dt.date, dt.date, str] | None:
    how = event.date.how if event.date else "none"
    value = event.date.value if event.date else None
    if how in ("clause", "sentence"):
        found = date_window(value)
        if found and (found[1] - found[0]).days < MAX_WINDOW:
            return found[0], found[1], how
        return None
    anchor = published or (date_window(value) or (None, None))[0]
    if anchor is None:
        return None
    return anchor - dt.timedelta(days=PUBLISHED_LOOKBACK), anchor, how


def _place(analysis: Analysis, place_id: str | None) -> Place | None:
    return next((p for p in analysis.places if p.id == place_id), None) if place_id else None


def linkable(event: Event) -> bool:
    """Whether the record tells a real, past or ongoing event (not generic, future, negated)."""
    return not (
        event.generic
        or event.conditional
        or event.tense == "future"
        or event.polarity != "positive"
    )


def _keys(analysis: Analysis, ids: list[str]) -> list[str]:
    found = [a for i in dict.fromkeys(ids) if (a := analysis.actor(i)) is not None]
    return sorted({actor_key(a) for a in found} | {k for a in found for k in related_keys(a)})


def reports(analysis: Analysis) -> list[Report]:
    """Every linkable event record of `analysis` as a report, in text order."""
    art = analysis.article
    out = []
    for seq, e in enumerate(analysis.events):
        window = _window(e, art.published) if linkable(e) else None
        if window is None:
            continue
        place = _place(analysis, e.place)
        out.append(
            Report(
                article_id=art.id,
                event_id=e.id,
                seq=seq,
                type=e.type,
                mode=e.mode,
                outlet=art.source,
                published=art.published,
                date_value=e.date.value if e.date else None,
                date_how=window[2],
                date_lo=window[0],
                date_hi=window[1],
                country=place.country if place else None,
                place=place.model_dump(include=PLACE_FIELDS) if place else None,
                source_keys=_keys(analysis, e.source),
                target_keys=_keys(analysis, e.target),
                certainty=e.certainty,
                fatalities=float(e.fatalities.value) if e.fatalities else None,
            )
        )
    return out

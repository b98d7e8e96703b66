"""`Filters`: what every corpus query accepts, and the SQL conditions the filters share.

One frozen dataclass for all five queries (events, incidents, actors, quotes, articles) so the
CLI, the REST API and Python callers pass the same thing; a filter a query cannot apply is
ignored by that query and documented on it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import ColumnElement, Engine, String, cast, func, or_

from tidings.model import PLOVER_TYPES, Certainty
from tidings.places.codes import alpha2, alpha3

MAX_LIMIT = 10_000
CERTAINTIES: tuple[str, ...] = Certainty.__args__  # type: ignore[attr-defined]


class FilterError(ValueError):
    """A filter value that cannot be applied; the message names the filter and the value."""


@dataclass(frozen=True)
class Filters:
    """Filters of a corpus query; every field is optional.

    - `type`: a PLOVER type, optionally with its mode (``ASSAULT`` or ``ASSAULT/aerial``);
      for actors, an actor kind (``person``, ``military``...)
    - `actor`: part of an actor's name, or its KB id (case-insensitive)
    - `country`: ISO alpha-2 or alpha-3, of the place or of an actor
    - `since`, `until`: ISO dates (partial allowed: ``2020``, ``2020-01``), inclusive
    - `text`: words the sentence (events), the quote, or the article contains
    - `attributed_to`: who tells it: an actor's name or KB id, or ``author``
    - `certainty`: certain, probable, possible, alleged or claimed
    - `min_sources`: at least this many distinct outlets report the incident
    - `limit`, `offset`: paging
    """

    type: str | None = None
    actor: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    attributed_to: str | None = None
    certainty: str | None = None
    min_sources: int | None = None
    limit: int = 50
    offset: int = 0

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if isinstance(value, dt.date):
                object.__setattr__(self, name, value.isoformat())
            elif value is not None:
                _check_partial_date(name, value)
        if self.certainty is not None and self.certainty not in CERTAINTIES:
            raise FilterError(
                f"certainty {self.certainty!r} is not one of {', '.join(CERTAINTIES)}"
            )
        if not 0 <= self.limit <= MAX_LIMIT:
            raise FilterError(f"limit {self.limit} is not between 0 and {MAX_LIMIT}")
        if self.offset < 0:
            raise FilterError(f"offset {self.offset} is negative")
        if self.min_sources is not None and self.min_sources < 0:
            raise FilterError(f"min_sources {self.min_sources} is negative")

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Filters:
        """Filters from a mapping (query-string parameters); unknown keys are refused."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise FilterError(f"unknown filter(s): {', '.join(unknown)}")
        return cls(**data)

    def event_type(self) -> tuple[str, str | None] | None:
        """(PLOVER type, mode or None) of `type`, checked."""
        if not self.type:
            return None
        kind, _, mode = self.type.partition("/")
        kind = kind.upper()
        if kind not in PLOVER_TYPES:
            raise FilterError(
                f"type {self.type!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})"
            )
        return kind, mode or None

    def countries(self) -> tuple[str | None, str | None]:
        """(alpha-2, alpha-3) of `country`, either given; FilterError when ISO does not know it.

        Kosovo (XK/XKX) has no ISO alpha-3, so its other code stays as given.
        """
        code = (self.country or "").strip().upper()
        if not code:
            return None, None
        pair = (code, alpha3(code)) if len(code) == 2 else (alpha2(code), code)
        if code in ("XK", "XKX"):
            return "XK", "XKX"
        if len(code) not in (2, 3) or None in pair:
            raise FilterError(
                f"country {self.country!r} is not an ISO 3166 alpha-2 or alpha-3 code"
            )
        return pair


def _check_partial_date(name: str, value: str) -> None:
    parts = value.split("-")
    try:
        if len(parts) == 3:
            dt.date.fromisoformat(value)
        elif not (1 <= len(parts) <= 2 and all(p.isdigit() for p in parts) and len(parts[0]) == 4):
            raise ValueError(value)
    except ValueError as exc:
        raise FilterError(
            f"{name} {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from exc


def like(column: Any, needle: str) -> ColumnElement[bool]:
    """Case-insensitive 'contains' on both SQLite and PostgreSQL."""
    escaped = needle.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def actor_matches(table: Any, needle: str) -> ColumnElement[bool]:
    """An actor row whose name contains `needle` or whose KB id is `needle`."""
    return or_(like(table.c.name, needle), func.lower(table.c.kb_id) == needle.casefold())


def type_conditions(f: Filters, table: Any) -> list[ColumnElement[bool]]:
    """Conditions keeping rows of `table` (with ``type`` and ``mode``) of `f`'s event type."""
    kind = f.event_type()
    if not kind:
        return []
    found = [table.c.type == kind[0]]
    return found + [table.c.mode == kind[1]] if kind[1] else found


def date_range(column: Any, since: str | None, until: str | None) -> list[ColumnElement[bool]]:
    """Conditions keeping ISO (partial) date strings in [since, until], at until's precision."""
    text = cast(column, String)
    found: list[ColumnElement[bool]] = []
    if since:
        found.append(text >= since)
    if until:
        found.append(func.substr(text, 1, len(until)) <= until)
    return found


def engine_of(store: Any) -> Engine:
    """The engine of a `Store` (or an engine given directly)."""
    if isinstance(store, Engine):
        return store
    return store._open()

"""What every export reads: all rows of a query, page by page, and an incident's lead report."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from tidings.corpus.reports import PLACE_RANK
from tidings.model import QUAD_CLASS
from tidings.query.filters import Filters

PAGE = 500

Query = Callable[[Any, Filters], list[dict[str, Any]]]


def every(query: Query, store: Any, filters: Filters | None = None) -> Iterator[dict[str, Any]]:
    """Every row `query` returns for `filters` (its limit and offset ignored), a page at a time."""
    base = filters or Filters()
    offset = 0
    while True:
        page = query(store, Filters(**{**base.__dict__, "limit": PAGE, "offset": offset}))
        yield from page
        if len(page) < PAGE:
            return
        offset += PAGE


def lead(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The report that tells an incident best: both actors named, the most precise place, first."""

    def key(r: dict[str, Any]) -> tuple:
        place = r.get("place") or {}
        return (
            -(bool(r["source"]) + bool(r["target"])),
            PLACE_RANK.get(str(place.get("kind")), 9),
            -len(r.get("date") or ""),
            r.get("published") or "",
            r["article_id"],
            r["event_id"],
        )

    return min(reports, key=key)


def iso_date(value: str | None) -> str | None:
    """The first day a partial ISO date covers ('2020-01' → '2020-01-01')."""
    if not value:
        return None
    parts = value[:10].split("-")
    return "-".join((parts + ["01", "01"])[:3])


QUAD_CODE = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}


def quad_code(plover_type: str) -> int:
    """PLOVER's (and GDELT's) quad class number of an event type: 1 to 4."""
    return QUAD_CODE[QUAD_CLASS[plover_type]]

"""An incident's summary, computed from its reports alone.

Wire copies and near-duplicates count once: reports are grouped by their article's *origin*
(the article it duplicates, per the ``duplicates`` table, else itself), and each group counts
as one article and one outlet (the origin's outlet). Within a group the strongest certainty and
the largest fatality count stand for the group; groups that differ are the disagreements.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import Connection, select

from tidings.corpus.reports import CERTAINTY_RANK, PLACE_RANK

DATE_HOW_RANK = {"clause": 0, "sentence": 1, "dateline": 2, "published": 3, "none": 4}


def origins(conn: Connection, article_ids: set[str]) -> dict[str, str]:
    """Each article's origin: the article it copies, else itself."""
    from tidings.store.duplicates import duplicates  # imported late: it imports the Store

    d = duplicates.c
    copies: dict[str, str] = {}
    query = select(d.article_id, d.duplicate_of).where(
        d.article_id.in_(sorted(article_ids)), d.article_id != d.duplicate_of
    )
    for row in conn.execute(query.order_by(d.article_id, d.duplicate_of)):
        copies.setdefault(row.article_id, row.duplicate_of)
    return {a: copies.get(a, a) for a in article_ids}


def _groups(
    conn: Connection, rows: list[Any], known: dict[str, str] | None = None
) -> dict[str, list[Any]]:
    origin = known if known is not None else origins(conn, {r.article_id for r in rows})
    groups: dict[str, list[Any]] = defaultdict(list)
    for r in rows:
        groups[origin[r.article_id]].append(r)
    return dict(sorted(groups.items()))


def _outlet(origin: str, group: list[Any]) -> str | None:
    own = [r.outlet for r in group if r.article_id == origin and r.outlet]
    named = sorted(r.outlet for r in group if r.outlet)
    return (own or named or [None])[0]


def _disagreement(field: str, per_group: dict[str, Any], outlets: dict[str, str | None]) -> Any:
    by_value: dict[Any, list[str]] = defaultdict(list)
    for origin, value in per_group.items():
        if value is not None:
            by_value[value].append(origin)
    if len(by_value) < 2:
        return None
    values = [
        {
            "value": value,
            "articles": sorted(arts),
            "outlets": sorted({outlets[a] for a in arts if outlets[a]}),
        }
        for value, arts in by_value.items()
    ]
    key = (lambda v: CERTAINTY_RANK[v["value"]]) if field == "certainty" else (lambda v: v["value"])
    return {"field": field, "values": sorted(values, key=key)}


def _best_place(rows: list[Any]) -> dict[str, Any] | None:
    counts = Counter(str(r.place.get("geonameid") or r.place["name"]) for r in rows if r.place)
    placed = [r.place for r in rows if r.place]
    if not placed:
        return None
    return min(
        placed,
        key=lambda p: (
            PLACE_RANK.get(p.get("kind"), 9),
            -counts[str(p.get("geonameid") or p["name"])],
            p["name"],
        ),
    )


def _best_date(rows: list[Any]) -> str | None:
    dated = [r for r in rows if r.date_value]
    if not dated:
        return None
    counts = Counter(r.date_value for r in dated)
    best = min(
        dated,
        key=lambda r: (
            -len(r.date_value),
            DATE_HOW_RANK.get(r.date_how, 9),
            -counts[r.date_value],
            r.date_value,
        ),
    )
    return str(best.date_value)


def _features(rows: list[Any]) -> dict[str, Any]:
    modes = Counter(r.mode for r in rows if r.mode)
    points = sorted(
        {
            (float(r.place["lat"]), float(r.place["lon"]))
            for r in rows
            if r.place and r.place.get("kind") in ("site", "city", "admin2") and r.place.get("lat")
        }
    )
    return {
        "mode": min(modes, key=lambda m: (-modes[m], m)) if modes else None,
        "date_lo": min(r.date_lo for r in rows),
        "date_hi": max(r.date_hi for r in rows),
        "source_keys": sorted({k for r in rows for k in r.source_keys}),
        "target_keys": sorted({k for r in rows for k in r.target_keys}),
        "points": [list(p) for p in points],
    }


def summarise(
    conn: Connection, rows: list[Any], known: dict[str, str] | None = None
) -> dict[str, Any]:
    """The ``incidents`` columns (features and summary) of the incident these rows report.

    `known` maps each article to its origin when the caller knows it (saves a query).
    """
    groups = _groups(conn, rows, known)
    outlets = {o: _outlet(o, g) for o, g in groups.items()}
    fatal = {
        o: max((r.fatalities for r in g if r.fatalities is not None), default=None)
        for o, g in groups.items()
    }
    sure = {
        o: min((r.certainty for r in g), key=CERTAINTY_RANK.__getitem__) for o, g in groups.items()
    }
    found = [_disagreement("fatalities", fatal, outlets), _disagreement("certainty", sure, outlets)]
    place = _best_place(rows)
    counted = {f for f in fatal.values() if f is not None}
    published = [r.published for r in rows if r.published]
    return {
        **_features(rows),
        "n_reports": len(rows),
        "n_articles": len(groups),
        "n_outlets": len({outlets[o] or f"?{o}" for o in groups}),
        "outlets": sorted({x for x in outlets.values() if x}),
        "first_report": min(published, default=None),
        "last_report": max(published, default=None),
        "date": _best_date(rows),
        "place": place,
        "country": (place or {}).get("country")
        or next((r.country for r in rows if r.country), None),
        # The lowest count any report gives, as ACLED does: the others are in `disagreements`.
        "fatalities": min(counted) if counted else None,
        "certainty": min(sure.values(), key=CERTAINTY_RANK.__getitem__),
        "disagreements": [d for d in found if d is not None],
    }

"""An incident's summary from its *tally*: counts of the values its reports give.

Wire copies and near-duplicates count once: reports are grouped by their article's *origin*
(the article it duplicates, per the ``duplicates`` table, else itself), and each group counts
as one article and one outlet (the origin's outlet). Within a group the strongest certainty and
the largest fatality count stand for the group; groups that differ are the disagreements.

The tally is what `tidings.corpus.tally` keeps up to date in ``incident_counts`` one report at a
time; `tally` here computes the same from all reports at once (the reference the incremental
path is tested against). `finish` turns either into the ``incidents`` columns. Every list in a
summary is bounded: an incident reported by 10,000 articles names the first `SAMPLE` articles
and outlets (in sorted order) and gives the totals beside them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from tidings.corpus.reports import CERTAINTY_RANK, PLACE_RANK, PRECISE_KINDS

DATE_HOW_RANK = {"clause": 0, "sentence": 1, "dateline": 2, "published": 3, "none": 4}
SAMPLE = 25
"""How many article ids (and outlets) a disagreement value or an incident lists at most."""

PER_REPORT = ("lo", "hi", "pub", "mode", "src", "tgt", "pt", "place", "date", "datehow", "country")
"""Kinds counted once per report (the others are counted once per origin group)."""
FIELDS = ("fatalities", "certainty")
"""The fields reports may disagree on: one value per origin group."""


@dataclass
class Count:
    """One tally row: how many reports (or groups) give `value`; samples for disagreements."""

    n: int = 0
    m: int | None = None  # distinct named outlets giving the value (disagreement values)
    articles: list[str] | None = None
    outlets: list[str] | None = None


@dataclass
class Tally:
    """An incident's counts per kind and value, and its outlets."""

    counts: dict[str, dict[str, Count]] = field(default_factory=lambda: defaultdict(dict))
    n_outlets: int = 0
    outlets: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Group:
    """What one origin group (an article and its copies) says about an incident."""

    outlet: str | None
    fatalities: float | None
    certainty: str


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


def group_values(origin: str, rows: list[Any]) -> Group:
    """The outlet (the origin's own, else the first named), largest count, strongest certainty."""
    own = [r.outlet for r in rows if r.article_id == origin and r.outlet]
    named = sorted(r.outlet for r in rows if r.outlet)
    return Group(
        outlet=(own or named or [None])[0],
        fatalities=max((r.fatalities for r in rows if r.fatalities is not None), default=None),
        certainty=min((r.certainty for r in rows), key=CERTAINTY_RANK.__getitem__),
    )


def _iso(day: Any) -> str:
    return day.isoformat() if isinstance(day, dt.date) else str(day)


def report_values(r: Any) -> list[tuple[str, str]]:
    """The (kind, value) pairs one report adds to its incident's tally."""
    out = [("lo", _iso(r.date_lo)), ("hi", _iso(r.date_hi))]
    if r.published:
        out.append(("pub", _iso(r.published)))
    if r.mode:
        out.append(("mode", r.mode))
    out += [("src", k) for k in sorted(set(r.source_keys))]
    out += [("tgt", k) for k in sorted(set(r.target_keys))]
    p = r.place
    if p:
        out.append(("place", json.dumps(p, sort_keys=True)))
        if p.get("kind") in PRECISE_KINDS and p.get("lat") is not None:
            out.append(("pt", json.dumps([float(p["lat"]), float(p["lon"])])))
    if r.date_value:
        out.append(("date", r.date_value))
        out.append(("datehow", json.dumps([r.date_value, DATE_HOW_RANK.get(r.date_how, 9)])))
    if r.country:
        out.append(("country", r.country))
    return out


def field_value(name: str, group: Group) -> str | None:
    """A group's value of a disagreement field, as the tally stores it (None: not given)."""
    value = getattr(group, name)
    return None if value is None else json.dumps(value)


def _sample(members: Iterable[str]) -> list[str]:
    return sorted(members)[:SAMPLE]


def tally(rows: list[Any], origin_of: dict[str, str]) -> Tally:
    """The tally of an incident computed from all its report rows at once (the reference)."""
    out = Tally()
    for r in rows:
        for kind, value in report_values(r):
            out.counts[kind].setdefault(value, Count()).n += 1
    grouped: dict[str, list[Any]] = defaultdict(list)
    for r in rows:
        grouped[origin_of[r.article_id]].append(r)
    groups = {o: group_values(o, g) for o, g in grouped.items()}
    named = {g.outlet for g in groups.values() if g.outlet}
    out.n_outlets = len(named) + sum(1 for g in groups.values() if not g.outlet)
    out.outlets = _sample(named)
    for g in groups.values():
        if g.outlet:
            out.counts["outlet"].setdefault(g.outlet, Count()).n += 1
        for name in FIELDS:
            given = field_value(name, g)
            if given is None:
                continue
            value = given
            out.counts[name].setdefault(value, Count(m=0, articles=[], outlets=[])).n += 1
            if g.outlet:
                key = json.dumps([value, g.outlet])
                out.counts[f"{name}@"].setdefault(key, Count()).n += 1
    for name in FIELDS:
        for value, c in out.counts[name].items():
            said = [o for o, g in groups.items() if field_value(name, g) == value]
            outlets = {
                g.outlet for g in groups.values() if g.outlet and field_value(name, g) == value
            }
            c.articles, c.outlets, c.m = _sample(said), _sample(outlets), len(outlets)
    return out


def _disagreement(name: str, values: dict[str, Count]) -> dict[str, Any] | None:
    if len(values) < 2:
        return None
    found = [
        {
            "value": json.loads(v),
            "articles": list(c.articles or []),
            "n_articles": c.n,
            "outlets": list(c.outlets or []),
            "n_outlets": c.m or 0,
        }
        for v, c in values.items()
    ]
    key = (lambda x: CERTAINTY_RANK[x["value"]]) if name == "certainty" else (lambda x: x["value"])
    return {"field": name, "values": sorted(found, key=key)}


def _best_place(places: dict[str, Count]) -> dict[str, Any] | None:
    """The most precise place; among equals the one most reports give, then by name."""
    if not places:
        return None
    parsed = {v: json.loads(v) for v in places}
    by_key: dict[str, int] = defaultdict(int)
    for v, p in parsed.items():
        by_key[str(p.get("geonameid") or p["name"])] += places[v].n
    best = min(
        parsed,
        key=lambda v: (
            PLACE_RANK.get(parsed[v].get("kind"), 9),
            -by_key[str(parsed[v].get("geonameid") or parsed[v]["name"])],
            parsed[v]["name"],
            v,
        ),
    )
    return parsed[best]


def _best_date(dates: dict[str, Count], hows: dict[str, Count]) -> str | None:
    """The most precise date; then the best way it was told, the most reports, the earliest."""
    if not dates:
        return None
    how: dict[str, int] = {}
    for key in hows:
        value, rank = json.loads(key)
        how[value] = min(rank, how.get(value, 9))
    return min(dates, key=lambda v: (-len(v), how.get(v, 9), -dates[v].n, v))


def _most(values: dict[str, Count]) -> str | None:
    return min(values, key=lambda v: (-values[v].n, v)) if values else None


def finish(t: Tally, first: str | None = None, last: str | None = None) -> dict[str, Any]:
    """The ``incidents`` columns (matching features and summary) of a tally.

    `first` and `last` are the earliest and latest publication days when the caller read them
    apart (the incremental path asks the database for the two ends only)."""
    c = t.counts
    pub = sorted(c.get("pub", {}))
    first = first or (pub[0] if pub else None)
    last = last or (pub[-1] if pub else None)
    place = _best_place(c.get("place", {}))
    fatal = [json.loads(v) for v in c.get("fatalities", {})]
    found = [_disagreement(name, c.get(name, {})) for name in FIELDS]
    return {
        "mode": _most(c.get("mode", {})),
        "date_lo": dt.date.fromisoformat(min(c["lo"])),
        "date_hi": dt.date.fromisoformat(max(c["hi"])),
        "source_keys": sorted(c.get("src", {})),
        "target_keys": sorted(c.get("tgt", {})),
        "points": sorted(json.loads(v) for v in c.get("pt", {})),
        "n_reports": sum(x.n for x in c["lo"].values()),
        "n_articles": sum(x.n for x in c.get("certainty", {}).values()),
        "n_outlets": t.n_outlets,
        "outlets": list(t.outlets),
        "first_report": dt.date.fromisoformat(first) if first else None,
        "last_report": dt.date.fromisoformat(last) if last else None,
        "date": _best_date(c.get("date", {}), c.get("datehow", {})),
        "place": place,
        "country": (place or {}).get("country") or _most(c.get("country", {})),
        # The lowest count any report gives, as ACLED does: the others are in `disagreements`.
        "fatalities": min(fatal) if fatal else None,
        "certainty": min(
            (json.loads(v) for v in c.get("certainty", {})),
            key=CERTAINTY_RANK.__getitem__,
            default="certain",
        ),
        "disagreements": [d for d in found if d is not None],
    }

"""Linking one article's reports at once: one candidate query, each touched tally written once.

Linking report by report cost ~11 statements per report (a candidate query, a lock, the tally
read, the report row, its origin group, the tally and the summary written back), ~120 for an
article of 11 reports: on a server each is a round trip. Here the candidates of all the
article's reports come from one query (which also locks them, in id order, on PostgreSQL) and
their held tallies from a second; the reports are matched in text order against those
incidents *as this article changes them*, kept in memory, which is exactly what linking report
by report would decide; then the new incidents, the report rows, the origin groups and the
tallies are written with one statement per table (plus the few per-incident upserts of outlet
counts that `tidings.corpus.tally` cannot batch).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, and_, insert, or_, select

from tidings.corpus import tally
from tidings.corpus.reports import Report
from tidings.corpus.summary import Count, finish, report_values
from tidings.store.incidents import incident_counts, incident_reports, incidents

_T = incidents.c
FEATURES = ("mode", "country", "date_lo", "date_hi", "points", "source_keys", "target_keys")
"""The columns an incident is matched on (`tidings.corpus.incidents.score`)."""


@dataclass
class Open:
    """An incident this article may change: its features as they stand now, its tally."""

    row: SimpleNamespace
    live: tally.Live
    new: bool = False
    added: list[dict[str, Any]] = field(default_factory=list)


Window = tuple[str, dt.date, dt.date, dt.date]
"""(type, latest date_lo, earliest date_lo, earliest date_hi) of a report's candidates."""


def in_window(row: Any, win: Window) -> bool:
    """What the candidate query asks of an incident, asked of one kept in memory."""
    kind, hi, lo, start = win
    return bool(row.type == kind and lo <= row.date_lo <= hi and row.date_hi >= start)


def fetch(conn: Connection, wins: list[Window], ids: list[str]) -> dict[str, Open]:
    """Every incident in some window, and those holding the ids `ids`, locked; their tallies.

    Two statements whatever the number of reports: the candidates (locked in id order, so two
    savers never deadlock on them) and the held tally rows of all of them."""
    cond = or_(
        *(and_(_T.type == t, _T.date_lo <= hi, _T.date_lo >= lo, _T.date_hi >= st)
          for t, hi, lo, st in wins),
        _T.id.in_(sorted(ids)),
    )  # fmt: skip
    cols = [_T.id, _T.type, *(getattr(_T, f) for f in FEATURES), _T.n_outlets, _T.outlets]
    rows = list(conn.execute(select(*cols).where(cond).order_by(_T.id).with_for_update()))
    found = {
        r.id: Open(SimpleNamespace(**r._asdict()), tally.Live(r.id, r.n_outlets, list(r.outlets)))
        for r in rows
    }
    if found:
        ic = incident_counts.c
        held = select(incident_counts).where(
            ic.incident_id.in_(sorted(found)), ic.kind.in_(tally.HELD)
        )
        for h in conn.execute(held):
            found[h.incident_id].live.counts[(h.kind, h.value)] = Count(
                h.n, h.m, h.articles, h.outlets
            )
    return found


def join(o: Open, r: Report, score: float, origin: str) -> str:
    """Add report `r` to incident `o` in memory and bring its features up to date."""
    row = {**r.row(o.row.id, score), "origin": origin}
    o.added.append(row)
    for kind, value in report_values(SimpleNamespace(**row)):
        o.live.bump(kind, value, +1)
    summary = finish(tally.tally_of(o.live))
    for name in FEATURES:
        setattr(o.row, name, summary[name])
    return str(o.row.id)


def new_incident(iid: str, r: Report) -> Open:
    """An incident started by report `r`, not yet written."""
    row = SimpleNamespace(id=iid, type=r.type, **dict.fromkeys(FEATURES))
    row.date_lo, row.date_hi, row.points, row.source_keys, row.target_keys = (
        r.date_lo, r.date_hi, [], [], []
    )  # fmt: skip
    return Open(row, tally.Live(iid, 0, []), new=True)


def store(conn: Connection, opened: dict[str, Open], origin: str) -> None:
    """Write what this article changed: new incidents, report rows, origin groups, tallies."""
    touched = [opened[i] for i in sorted(opened) if opened[i].added]
    made = [
        {"id": o.row.id, "type": o.row.type, "date_lo": o.row.date_lo, "date_hi": o.row.date_hi,
         "source_keys": [], "target_keys": [], "points": [], "n_reports": 0, "n_articles": 0,
         "n_outlets": 0, "outlets": [], "disagreements": []}
        for o in touched
        if o.new
    ]  # fmt: skip
    if made:
        conn.execute(insert(incidents), made)
    if touched:
        conn.execute(insert(incident_reports), [row for o in touched for row in o.added])
        tally.regroup_many(conn, [(o.live, o.added) for o in touched], origin)
        tally.write_many(conn, [o.live for o in touched])

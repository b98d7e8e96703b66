"""Keeping an incident's tally (``incident_counts``, ``incident_origins``) up to date, report by report.

Adding or removing a report changes a bounded number of rows: its own values (+1 or -1 each),
the row of its origin group, and the rows of the values that group stands for. The summary is
then rewritten from the incident's tally, whose size grows with the variety of what reports say
(distinct dates, places, actors, counts), not with their number. The one step that reads more
is a removal that takes out a listed article or outlet while more exist: the next one in sorted
order is looked up among the members of that one value.

The incident's row is locked first (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite lets one
writer in at a time), so two processes updating one incident never lose a count.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, tuple_, update

from tidings.corpus.summary import (
    FIELDS,
    PER_REPORT,
    SAMPLE,
    Count,
    Group,
    Tally,
    field_value,
    finish,
    group_values,
    report_values,
)
from tidings.store.incidents import incident_counts, incident_origins, incident_reports, incidents

ic, io, ir = incident_counts.c, incident_origins.c, incident_reports.c
_READ = (*PER_REPORT, *FIELDS)


@dataclass
class Live:
    """The incident-level counters held while an incident is being changed."""

    id: str
    n_outlets: int
    outlets: list[str]


def lock(conn: Connection, incident_id: str) -> Live:
    """Lock the incident's row until the transaction ends; its outlet counters."""
    row = conn.execute(
        select(incidents.c.n_outlets, incidents.c.outlets)
        .where(incidents.c.id == incident_id)
        .with_for_update()
    ).one()
    return Live(incident_id, row.n_outlets, list(row.outlets or []))


def _bump_many(conn: Connection, iid: str, pairs: Iterable[tuple[str, str]], delta: int) -> None:
    """Add `delta` to the count of each (kind, value); rows reaching 0 are deleted."""
    wanted = Counter(pairs)
    if not wanted:
        return
    keys = sorted(wanted)
    have = {
        (r.kind, r.value): r.n
        for r in conn.execute(
            select(ic.kind, ic.value, ic.n).where(
                ic.incident_id == iid, tuple_(ic.kind, ic.value).in_(keys)
            )
        )
    }
    new = [k for k in keys if k not in have]
    gone = [k for k in keys if k in have and have[k] + delta * wanted[k] <= 0]
    kept = [k for k in keys if k in have and k not in gone]
    if new:
        conn.execute(
            insert(incident_counts),
            [
                {"incident_id": iid, "kind": k, "value": v, "n": delta * wanted[(k, v)]}
                for k, v in new
            ],
        )
    for k, v in kept:
        conn.execute(
            update(incident_counts)
            .where(ic.incident_id == iid, ic.kind == k, ic.value == v)
            .values(n=have[(k, v)] + delta * wanted[(k, v)])
        )
    if gone:
        conn.execute(
            delete(incident_counts).where(
                ic.incident_id == iid, tuple_(ic.kind, ic.value).in_(gone)
            )
        )


def _bump(conn: Connection, iid: str, kind: str, value: str, delta: int) -> tuple[int, Any]:
    """Add `delta` to one count; (the new count, the row before) — the row is None if new."""
    row = conn.execute(
        select(incident_counts).where(ic.incident_id == iid, ic.kind == kind, ic.value == value)
    ).first()
    n = (row.n if row else 0) + delta
    where = (ic.incident_id == iid, ic.kind == kind, ic.value == value)
    if row is None:
        conn.execute(insert(incident_counts).values(incident_id=iid, kind=kind, value=value, n=n))
    elif n <= 0:
        conn.execute(delete(incident_counts).where(*where))
    else:
        conn.execute(update(incident_counts).where(*where).values(n=n))
    return n, row


def _resample(sample: list[str], member: str, delta: int, total: int, refill: Any) -> list[str]:
    """The first SAMPLE members after `member` joined (+1) or left (-1); `refill()` lists all."""
    if delta > 0:
        return sorted({*sample, member})[:SAMPLE]
    if member not in sample:
        return sample
    if total > len(sample) - 1:
        return sorted(refill())[:SAMPLE]
    return [s for s in sample if s != member]


def _outlet(conn: Connection, live: Live, outlet: str | None, delta: int) -> None:
    """One origin group with `outlet` joins or leaves: distinct outlets and their sample."""
    n, _ = _bump(conn, live.id, "outlet", outlet or "", delta)
    if outlet is None:
        live.n_outlets += delta
        return
    if (delta > 0 and n != 1) or (delta < 0 and n > 0):
        return  # another group of the same outlet was and stays counted
    live.n_outlets += delta

    def every() -> list[str]:
        q = select(ic.value).where(ic.incident_id == live.id, ic.kind == "outlet", ic.value != "")
        return list(conn.execute(q).scalars())

    live.outlets = _resample(live.outlets, outlet, delta, live.n_outlets, every)


def _value(conn: Connection, iid: str, name: str, value: str, origin: str, outlet: str | None,
           delta: int) -> None:  # fmt: skip
    """Origin group `origin` (of `outlet`) gives or stops giving `value` for field `name`."""
    n, row = _bump(conn, iid, name, value, delta)
    if n <= 0:
        if outlet:
            _bump(conn, iid, f"{name}@", json.dumps([value, outlet]), delta)
        return
    column = io.fatalities if name == "fatalities" else io.certainty
    parsed = json.loads(value)

    def said() -> list[str]:
        q = select(io.origin).where(io.incident_id == iid, column == parsed)
        return list(conn.execute(q).scalars())

    articles = _resample(list(row.articles or []) if row else [], origin, delta, n, said)
    m, outlets = (row.m or 0, list(row.outlets or [])) if row else (0, [])
    if outlet:
        k, _ = _bump(conn, iid, f"{name}@", json.dumps([value, outlet]), delta)
        if (delta > 0 and k == 1) or (delta < 0 and k == 0):
            m += delta

            def named() -> list[str]:
                q = select(ic.value).where(ic.incident_id == iid, ic.kind == f"{name}@")
                pairs = (json.loads(v) for v in conn.execute(q).scalars())
                return [o for v, o in pairs if v == value]

            outlets = _resample(outlets, outlet, delta, m, named)
    conn.execute(
        update(incident_counts)
        .where(ic.incident_id == iid, ic.kind == name, ic.value == value)
        .values(m=m, articles=articles, outlets=outlets)
    )


def _contribute(conn: Connection, live: Live, origin: str, g: Group, delta: int) -> None:
    """Add (+1) or take out (-1) everything an origin group counts for."""
    _outlet(conn, live, g.outlet, delta)
    for name in FIELDS:
        value = field_value(name, g)
        if value is not None:
            _value(conn, live.id, name, value, origin, g.outlet, delta)


def regroup(conn: Connection, live: Live, origin: str) -> None:
    """Recompute one origin group of the incident from its reports and apply the difference."""
    rows = list(
        conn.execute(select(incident_reports).where(ir.incident_id == live.id, ir.origin == origin))
    )
    new = group_values(origin, rows) if rows else None
    where = (io.incident_id == live.id, io.origin == origin)
    old_row = conn.execute(select(incident_origins).where(*where)).first()
    old = Group(old_row.outlet, old_row.fatalities, old_row.certainty) if old_row else None
    if old == new:
        return
    if old is not None:
        conn.execute(delete(incident_origins).where(*where))
        _contribute(conn, live, origin, old, -1)
    if new is not None:
        conn.execute(
            insert(incident_origins).values(
                incident_id=live.id, origin=origin, outlet=new.outlet,
                fatalities=new.fatalities, certainty=new.certainty,
            )
        )  # fmt: skip
        _contribute(conn, live, origin, new, +1)


def read(conn: Connection, iid: str, live: Live) -> Tally:
    """The incident's tally as stored (every kind the summary reads)."""
    t = Tally(n_outlets=live.n_outlets, outlets=list(live.outlets))
    query = select(incident_counts).where(ic.incident_id == iid, ic.kind.in_(_READ))
    for r in conn.execute(query):
        if r.kind != "pub":
            t.counts[r.kind][r.value] = Count(r.n, r.m, r.articles, r.outlets)
    return t


def write(conn: Connection, live: Live) -> bool:
    """Rewrite the incident's summary from its tally; drop it when no report is left."""
    t = read(conn, live.id, live)
    if not t.counts.get("lo"):
        for table in (incident_counts, incident_origins):
            conn.execute(delete(table).where(table.c.incident_id == live.id))
        conn.execute(delete(incidents).where(incidents.c.id == live.id))
        return False
    pub = conn.execute(
        select(func.min(ic.value), func.max(ic.value)).where(
            ic.incident_id == live.id, ic.kind == "pub"
        )
    ).one()
    values = finish(t, pub[0], pub[1])
    conn.execute(update(incidents).where(incidents.c.id == live.id).values(**values))
    return True


def add(conn: Connection, live: Live, row: dict[str, Any]) -> None:
    """Add one report row (with its ``incident_id`` and ``origin``) to the locked incident."""
    conn.execute(insert(incident_reports).values(**row))
    _bump_many(conn, live.id, report_values(_Row(row)), +1)
    regroup(conn, live, row["origin"])


def remove(conn: Connection, live: Live, rows: list[Any]) -> None:
    """Take report rows (as selected from ``incident_reports``) out of the locked incident."""
    for r in rows:
        conn.execute(
            delete(incident_reports).where(ir.article_id == r.article_id, ir.event_id == r.event_id)
        )
    _bump_many(conn, live.id, [p for r in rows for p in report_values(r)], -1)
    for origin in sorted({r.origin for r in rows}):
        regroup(conn, live, origin)


class _Row:
    """Attribute access to a report row given as a dict."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.__dict__.update(row)

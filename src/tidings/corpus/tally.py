"""Keeping an incident's tally (``incident_counts``, ``incident_origins``) up to date, report by report.

Adding or removing a report changes a bounded number of rows: its own values (+1 or -1 each),
the row of its origin group, and the rows of the values that group stands for. The summary is
then rewritten from the incident's tally, whose size grows with the variety of what reports say
(distinct dates, places, actors, counts), not with their number: the kinds the summary reads
are *held* in memory while the incident is changed and written back in one statement; the kinds
that may have a row per report (outlets, and the outlets of each disagreement value) are upserted
one row at a time and never read whole. The one step that reads more is a removal that takes
out a listed article or outlet while more exist: the next one in sorted order is looked up among
the members of that one value.

The incident's row is locked first (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite lets one
writer in at a time), so two processes updating one incident never lose a count.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite

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
HELD = (*PER_REPORT, *FIELDS)
"""The kinds read and written whole with the incident: bounded by the variety of reports."""

_LOCK = (
    select(incidents.c.n_outlets, incidents.c.outlets)
    .where(incidents.c.id == bindparam("iid"))
    .with_for_update()
)
_HELD_ROWS = select(incident_counts).where(ic.incident_id == bindparam("iid"), ic.kind.in_(HELD))
_GROUP = select(incident_reports).where(
    ir.incident_id == bindparam("iid"), ir.origin == bindparam("o")
)
_ONE = (ic.incident_id == bindparam("iid"), ic.kind == bindparam("k"), ic.value == bindparam("v"))
_DECREMENT = update(incident_counts).where(*_ONE).values(n=ic.n - 1).returning(ic.n)
_DROP_ZERO = delete(incident_counts).where(*_ONE, ic.n <= 0)
_SUMMARY = update(incidents).where(incidents.c.id == bindparam("the_id"))


@dataclass
class Live:
    """An incident being changed: its outlet counters and its held tally rows."""

    id: str
    n_outlets: int
    outlets: list[str]
    counts: dict[tuple[str, str], Count] = field(default_factory=dict)
    dirty: set[tuple[str, str]] = field(default_factory=set)

    def bump(self, kind: str, value: str, delta: int) -> Count:
        """Add `delta` to a held count (flushed by `write`)."""
        c = self.counts.setdefault((kind, value), Count())
        c.n += delta
        self.dirty.add((kind, value))
        return c


def lock(conn: Connection, incident_id: str) -> Live:
    """Lock the incident's row until the transaction ends; read its held tally."""
    row = conn.execute(_LOCK, {"iid": incident_id}).one()
    live = Live(incident_id, row.n_outlets, list(row.outlets or []))
    for r in conn.execute(_HELD_ROWS, {"iid": incident_id}):
        live.counts[(r.kind, r.value)] = Count(r.n, r.m, r.articles, r.outlets)
    return live


_UPSERTS: dict[tuple[str, bool], Any] = {}


def _upsert(conn: Connection, overwrite: bool) -> Any:
    """INSERT … ON CONFLICT of a tally row: add to `n`, or overwrite every column (built once)."""
    key = (conn.dialect.name, overwrite)
    if key not in _UPSERTS:
        make = postgresql.insert if key[0] == "postgresql" else sqlite.insert
        stmt = make(incident_counts)
        pk = [ic.incident_id, ic.kind, ic.value]
        if overwrite:
            new = {c: getattr(stmt.excluded, c) for c in ("n", "m", "articles", "outlets")}
            _UPSERTS[key] = stmt.on_conflict_do_update(index_elements=pk, set_=new)
        else:
            added = {"n": ic.n + stmt.excluded.n}
            _UPSERTS[key] = stmt.on_conflict_do_update(index_elements=pk, set_=added).returning(
                ic.n
            )
    return _UPSERTS[key]


def _bump(conn: Connection, iid: str, kind: str, value: str, delta: int) -> int:
    """Add 1 or -1 to a count that is not held (one statement); the new count."""
    key = {"iid": iid, "k": kind, "v": value}
    if delta > 0:
        row = {"incident_id": iid, "kind": kind, "value": value, "n": 1}
        return int(conn.execute(_upsert(conn, False), row).scalar_one())
    n = int(conn.execute(_DECREMENT, key).scalar_one())
    if n <= 0:
        conn.execute(_DROP_ZERO, key)
    return n


def _resample(
    sample: list[str], member: str, delta: int, total: int, refill: Callable[[], list[str]]
) -> list[str]:
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
    if outlet is None:
        live.n_outlets += delta  # an unnamed outlet is one of its own
        return
    n = _bump(conn, live.id, "outlet", outlet, delta)
    if (delta > 0 and n != 1) or (delta < 0 and n > 0):
        return  # another group of the same outlet was and stays counted
    live.n_outlets += delta

    def every() -> list[str]:
        q = select(ic.value).where(ic.incident_id == live.id, ic.kind == "outlet")
        return list(conn.execute(q).scalars())

    live.outlets = _resample(live.outlets, outlet, delta, live.n_outlets, every)


def _value(conn: Connection, live: Live, name: str, g: Group, origin: str, delta: int) -> None:
    """Origin group `origin` gives or stops giving its value of field `name`."""
    value = field_value(name, g)
    if value is None:
        return
    c = live.bump(name, value, delta)
    if g.outlet:
        k = _bump(conn, live.id, f"{name}@", json.dumps([value, g.outlet]), delta)
    if c.n <= 0:
        return
    column = io.fatalities if name == "fatalities" else io.certainty

    def said() -> list[str]:
        q = select(io.origin).where(io.incident_id == live.id, column == json.loads(value))
        return list(conn.execute(q).scalars())

    c.articles = _resample(list(c.articles or []), origin, delta, c.n, said)
    c.m, c.outlets = c.m or 0, list(c.outlets or [])
    if g.outlet and ((delta > 0 and k == 1) or (delta < 0 and k == 0)):
        c.m += delta

        def named() -> list[str]:
            q = select(ic.value).where(ic.incident_id == live.id, ic.kind == f"{name}@")
            pairs = (json.loads(v) for v in conn.execute(q).scalars())
            return [o for v, o in pairs if v == value]

        c.outlets = _resample(c.outlets, g.outlet, delta, c.m, named)


def _contribute(conn: Connection, live: Live, origin: str, g: Group, delta: int) -> None:
    """Add (+1) or take out (-1) everything an origin group counts for."""
    _outlet(conn, live, g.outlet, delta)
    for name in FIELDS:
        _value(conn, live, name, g, origin, delta)


def _change(
    conn: Connection, live: Live, origin: str, old_row: Any, added: list[dict[str, Any]]
) -> tuple[Group | None, Group | None]:
    """What origin group `origin` said before and says now. When reports just `added` start
    the group, it is those reports alone (nothing to read)."""
    if added and old_row is None:
        rows: list[Any] = [_Row(a) for a in added]
    else:
        rows = list(conn.execute(_GROUP, {"iid": live.id, "o": origin}))
    new = group_values(origin, rows) if rows else None
    old = Group(old_row.outlet, old_row.fatalities, old_row.certainty) if old_row else None
    return old, new


def _origin_row(iid: str, origin: str, g: Group) -> dict[str, Any]:
    return {"incident_id": iid, "origin": origin, "outlet": g.outlet,
            "fatalities": g.fatalities, "certainty": g.certainty}  # fmt: skip


def regroup_many(
    conn: Connection, items: list[tuple[Live, list[dict[str, Any]]]], origin: str
) -> None:
    """Recompute origin group `origin` in each incident and apply the differences.

    Each item is a locked incident and the reports of that group just added to it (maybe
    none). The groups' rows are read in one statement and new groups written in one."""
    ids = sorted(live.id for live, _ in items)
    found = conn.execute(
        select(incident_origins).where(io.incident_id.in_(ids), io.origin == origin)
    )
    olds = {r.incident_id: r for r in found}
    started: list[tuple[Live, Group]] = []
    for live, added in items:
        old, new = _change(conn, live, origin, olds.get(live.id), added)
        if old == new:
            continue
        if old is None:
            assert new is not None
            started.append((live, new))
            continue
        conn.execute(delete(incident_origins).where(io.incident_id == live.id, io.origin == origin))
        _contribute(conn, live, origin, old, -1)
        if new is not None:
            conn.execute(insert(incident_origins), _origin_row(live.id, origin, new))
            _contribute(conn, live, origin, new, +1)
    if started:
        conn.execute(insert(incident_origins), [_origin_row(lv.id, origin, g) for lv, g in started])
    for live, g in started:
        _contribute(conn, live, origin, g, +1)


def regroup(conn: Connection, live: Live, origin: str, added: dict[str, Any] | None = None) -> None:
    """Recompute one origin group of the incident from its reports and apply the difference.

    `added` is a report just added: when it starts the group, the group is that report alone."""
    regroup_many(conn, [(live, [added] if added is not None else [])], origin)


def _flush(conn: Connection, lives: list[Live]) -> None:
    """Write the changed held rows of every incident back: one upsert, one delete."""
    gone = [(lv.id, *k) for lv in lives for k in sorted(lv.dirty) if lv.counts[k].n <= 0]
    kept = [
        {"incident_id": lv.id, "kind": k, "value": v, "n": c.n, "m": c.m,
         "articles": c.articles, "outlets": c.outlets}
        for lv in lives
        for k, v in sorted(lv.dirty)
        for c in [lv.counts[(k, v)]]
        if c.n > 0
    ]  # fmt: skip
    if gone:
        conn.execute(
            delete(incident_counts).where(tuple_(ic.incident_id, ic.kind, ic.value).in_(gone))
        )
    if kept:
        conn.execute(_upsert(conn, True), kept)
    for lv in lives:
        for k in [k for k in lv.dirty if lv.counts[k].n <= 0]:
            del lv.counts[k]
        lv.dirty.clear()


def tally_of(live: Live) -> Tally:
    """The held tally as `tidings.corpus.summary.finish` reads it."""
    t = Tally(n_outlets=live.n_outlets, outlets=list(live.outlets))
    for (kind, value), c in live.counts.items():
        t.counts[kind][value] = c
    return t


def write_many(conn: Connection, lives: list[Live]) -> list[str]:
    """Flush the tallies and rewrite the summaries (one statement each for all incidents);
    drop an incident no report is left in. The ids of the incidents kept."""
    _flush(conn, lives)
    summaries = []
    for live in lives:
        if any(kind == "lo" for kind, _ in live.counts):
            summaries.append({**finish(tally_of(live)), "the_id": live.id})
            continue
        for table in (incident_counts, incident_origins):
            conn.execute(delete(table).where(table.c.incident_id == live.id))
        conn.execute(delete(incidents).where(incidents.c.id == live.id))
    if summaries:
        conn.execute(_SUMMARY, summaries)
    return [s["the_id"] for s in summaries]


def write(conn: Connection, live: Live) -> bool:
    """Flush the tally and rewrite the incident's summary; drop it when no report is left."""
    return bool(write_many(conn, [live]))


def add(conn: Connection, live: Live, row: dict[str, Any]) -> None:
    """Add one report row (with its ``incident_id`` and ``origin``) to the locked incident."""
    conn.execute(insert(incident_reports), row)
    for kind, value in report_values(_Row(row)):
        live.bump(kind, value, +1)
    regroup(conn, live, row["origin"], row)


def remove(conn: Connection, live: Live, rows: list[Any]) -> None:
    """Take report rows (as selected from ``incident_reports``) out of the locked incident."""
    conn.execute(
        delete(incident_reports).where(
            tuple_(ir.article_id, ir.event_id).in_(sorted((r.article_id, r.event_id) for r in rows))
        )
    )
    for r in rows:
        for kind, value in report_values(r):
            live.bump(kind, value, -1)
    for origin in sorted({r.origin for r in rows}):
        regroup(conn, live, origin)


class _Row:
    """Attribute access to a report row given as a dict."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.__dict__.update(row)

"""Linking event records of different articles into incidents, incrementally.

A report joins an incident when they agree on the PLOVER type, their date windows overlap (one
day of slack), nothing conflicts, and something positive ties them:

- **conflicts**: places in different countries; precise places (a city or finer) more than
  `NEAR_KM` apart; a slot (source or target) where both name knowledge-base actors and share none;
- **ties** (a score): a shared actor in the source (+2) or target (+2) slot (+1 when only
  related: a state's forces and the state), a precise place
  within `NEAR_KM` (+2), the same country (+1), the same day (+1), the same mode (+1).

A report needs a shared actor or a shared precise place and a score of `MIN_SCORE`. The best
candidate wins; ties go to the incident with the earlier window, then the smaller id, so the
assignment is deterministic for a given order of articles. Candidates come from one indexed
lookup (type and a bounded date range), so linking a new article costs the same whatever the
size of the corpus. An incident's id is derived from its first report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, bindparam, select, update

from tidings.corpus import linking, tally
from tidings.corpus.reports import MAX_WINDOW, Report, reports
from tidings.corpus.summary import origins
from tidings.model import Analysis
from tidings.store import schema
from tidings.store.incidents import incident_reports, incidents

NEAR_KM = 50.0
MIN_SCORE = 3
SLACK = dt.timedelta(days=1)
MAX_SPAN = dt.timedelta(days=MAX_WINDOW + 14)
"""No incident's window grows wider than this, which also bounds the candidate range scan."""


def incident_id(report: Report, n: int = 0) -> str:
    """A stable id from the first report: the same corpus in the same order gives the same ids.

    `n` > 0 gives the next id when the first is taken (an incident outlived the report it was
    named after, which then, re-analysed, started another)."""
    key = f"{report.article_id}/{report.event_id}" + (f"/{n}" if n else "")
    return f"I{hashlib.sha256(key.encode()).hexdigest()[:15]}"


def _km(a: list[float] | tuple[float, float], b: list[float] | tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _slot(mine: list[str], theirs: list[str]) -> int | None:
    """How two slots (source or target) tie: +2 for the same actor, +1 for related ones
    ("Russian forces" and "Russia"), 0 when unrelated, None when both name knowledge-base
    actors that are neither the same nor related."""
    own_a = {k for k in mine if not k.startswith("up:")}
    own_b = {k for k in theirs if not k.startswith("up:")}
    if own_a & own_b:
        return 2
    ups_a = {f"kb:{k[3:]}" for k in mine if k.startswith("up:")}
    ups_b = {f"kb:{k[3:]}" for k in theirs if k.startswith("up:")}
    if (ups_a & (own_b | ups_b)) or (ups_b & own_a):
        return 1
    kb_a = {k for k in own_a if k.startswith("kb:")}
    kb_b = {k for k in own_b if k.startswith("kb:")}
    return None if kb_a and kb_b else 0


def score(row: Any, r: Report) -> int | None:
    """How strongly report `r` ties to incident `row`; None when they conflict or barely tie."""
    if row.country and r.country and row.country != r.country:
        return None
    if min(row.date_lo, r.date_lo) + MAX_SPAN < max(row.date_hi, r.date_hi):
        return None
    points = list(row.points or [])
    near = False
    if points and r.point is not None:
        near = min(_km(p, r.point) for p in points) <= NEAR_KM
        if not near:
            return None
    slots = [_slot(row.source_keys, r.source_keys), _slot(row.target_keys, r.target_keys)]
    if None in slots:
        return None
    shared = sum(s or 0 for s in slots)
    if not shared and not near:
        return None
    total = shared + 2 * near + (row.country is not None and row.country == r.country)
    total += row.date_lo == row.date_hi == r.date_lo == r.date_hi
    total += row.mode is not None and row.mode == r.mode
    return total if total >= MIN_SCORE else None


_T = incidents.c
_CANDIDATES = (
    select(
        _T.id,
        _T.mode,
        _T.country,
        _T.date_lo,
        _T.date_hi,
        _T.points,
        _T.source_keys,
        _T.target_keys,
    )  # fmt: skip
    .where(
        _T.type == bindparam("type"),
        _T.date_lo <= bindparam("hi"),
        _T.date_lo >= bindparam("lo"),
        _T.date_hi >= bindparam("start"),
    )
    .order_by(_T.date_lo, _T.id)
)


def window(r: Report) -> linking.Window:
    """(type, latest date_lo, earliest date_lo, earliest date_hi) of a report's candidates."""
    return r.type, r.date_hi + SLACK, r.date_lo - SLACK - MAX_SPAN, r.date_lo - SLACK


def candidates(conn: Connection, r: Report) -> list[Any]:
    """Incidents of the same type whose window overlaps the report's (an indexed range scan)."""
    kind, hi, lo, start = window(r)
    window_of = {"type": kind, "hi": hi, "lo": lo, "start": start}
    return list(conn.execute(_CANDIDATES, window_of))


def _best(opened: dict[str, linking.Open], r: Report) -> tuple[linking.Open | None, int]:
    """The incident `r` joins (the highest score; ties to the earlier window, then the id)."""
    win = window(r)
    best: tuple[int, linking.Open | None] = (0, None)
    found = [o for o in opened.values() if linking.in_window(o.row, win)]
    for o in sorted(found, key=lambda o: (o.row.date_lo, o.row.id)):
        s = score(o.row, r)
        if s is not None and s > best[0]:
            best = (s, o)
    return best[1], best[0]


def _free_id(conn: Connection, r: Report, opened: dict[str, linking.Open]) -> str:
    """The id of a new incident of `r`: its first report's, else the next one free."""
    n = 0
    while (iid := incident_id(r, n)) in opened or (
        n > 0 and conn.execute(select(incidents.c.id).where(incidents.c.id == iid)).first()
    ):
        n += 1
    return iid


def link_reports(conn: Connection, rs: list[Report], origin: str) -> list[str]:
    """Attach each report (of one article, whose origin is `origin`) to its best incident or
    start one, in text order: a report may join an incident an earlier one started or changed.

    The ids new incidents would take are fetched with the candidates, so a taken id is seen."""
    if not rs:
        return []
    opened = linking.fetch(conn, sorted({window(r) for r in rs}), [incident_id(r) for r in rs])
    ids = []
    for r in rs:
        o, s = _best(opened, r)
        if o is None:
            o, s = linking.new_incident(_free_id(conn, r, opened), r), 0
            opened[o.row.id] = o
        ids.append(linking.join(o, r, float(s), origin))
    linking.store(conn, opened, origin)
    return ids


def _take_out(conn: Connection, rows: list[Any]) -> None:
    """Remove report rows from their incidents, one incident at a time (in id order)."""
    by_incident: dict[str, list[Any]] = {}
    for r in rows:
        by_incident.setdefault(r.incident_id, []).append(r)
    for iid in sorted(by_incident):
        live = tally.lock(conn, iid)
        tally.remove(conn, live, by_incident[iid])
        tally.write(conn, live)


def unlink_article(conn: Connection, article_id: str) -> None:
    """Remove an article's reports (it is being replaced or deleted) from their incidents."""
    found = conn.execute(
        select(incident_reports).where(incident_reports.c.article_id == article_id)
    )
    _take_out(conn, list(found))


def relink(conn: Connection, analysis: Analysis, *, unlinked: bool = False) -> list[str]:
    """Replace `analysis`'s incident reports with fresh ones; the incident id of each report.

    `unlinked`: the caller has already taken the article's old reports out (`Store.save`
    deletes the article first), so there is nothing to look up."""
    aid = analysis.article.id
    if not unlinked:
        unlink_article(conn, aid)
    origin = origins(conn, {aid})[aid]
    ids = link_reports(conn, reports(analysis), origin)
    if origin != aid and follow_originals(conn, [aid]):
        found = conn.execute(select(incident_reports).where(incident_reports.c.article_id == aid))
        ids = [r.incident_id for r in sorted(found, key=lambda r: r.seq)]
    return ids


def refresh_articles(conn: Connection, article_ids: Iterable[str]) -> None:
    """After duplicate links were recorded: new origins are counted, copies follow originals."""
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return
    now = origins(conn, set(ids))
    ir = incident_reports.c
    found = conn.execute(select(incident_reports).where(ir.article_id.in_(sorted(ids))))
    moved = [r for r in found if r.origin != now[r.article_id]]
    for iid in sorted({r.incident_id for r in moved}):
        live = tally.lock(conn, iid)
        mine = [r for r in moved if r.incident_id == iid]
        for r in mine:
            conn.execute(
                update(incident_reports)
                .where(ir.article_id == r.article_id, ir.event_id == r.event_id)
                .values(origin=now[r.article_id])
            )
        for origin in sorted({r.origin for r in mine} | {now[r.article_id] for r in mine}):
            tally.regroup(conn, live, origin)
        tally.write(conn, live)
    follow_originals(conn, ids)


def _with_triggers(conn: Connection, article_id: str) -> list[Any]:
    ir, ev = incident_reports.c, schema.events.c
    query = (
        select(incident_reports, ev.trigger_text)
        .join(schema.events, and_(ev.article_id == ir.article_id, ev.event_id == ir.event_id))
        .where(ir.article_id == article_id)
        .order_by(ir.seq)
    )
    return list(conn.execute(query))


def follow_originals(conn: Connection, article_ids: list[str]) -> bool:
    """Move each report of a copy into the incident of the same report in its original.

    A wire copy tells the same events in the same words; the matching rules may leave a bare
    record ("shot", no actor, no place) alone, but as a copy it is the same report. Returns
    whether anything moved (both incidents' tallies follow).
    """
    moved = False
    for copy, original in sorted(origins(conn, set(article_ids)).items()):
        if copy == original:
            continue
        theirs: dict[tuple, str] = {}
        for r in _with_triggers(conn, original):
            theirs.setdefault((r.type, r.mode, r.trigger_text, r.fatalities), r.incident_id)
        for r in _with_triggers(conn, copy):
            target = theirs.get((r.type, r.mode, r.trigger_text, r.fatalities))
            if target is None or target == r.incident_id:
                continue
            _take_out(conn, [r])
            row = {c.name: getattr(r, c.name) for c in incident_reports.c}
            live = tally.lock(conn, target)
            tally.add(conn, live, {**row, "incident_id": target})
            tally.write(conn, live)
            moved = True
    return moved

"""The ``failures`` table: inputs an ingest could not analyse, and why.

One row per input reference (``corpus.jsonl:12``, a URL, a WARC offset): a later run that
fails on the same input replaces the row, and one that succeeds removes it, so the table always
says what is still missing from the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Column, DateTime, String, Table, Text, delete, insert, select
from sqlalchemy.exc import SQLAlchemyError

from tidings.store.schema import metadata
from tidings.store.store import Store

failures = Table(
    "failures",
    metadata,
    Column("ref", Text, primary_key=True),
    Column("reason", Text, nullable=False),
    Column("kind", String, nullable=False),  # terminal | transient
    Column("at", DateTime, nullable=False),
)


@dataclass(frozen=True)
class Failure:
    ref: str
    reason: str
    kind: str = "terminal"


def record_outcomes(store: Store, failed: Iterable[Failure], succeeded: Iterable[str]) -> None:
    """In one transaction: replace the rows of `failed` inputs, drop those that now worked."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = [{"ref": f.ref, "reason": f.reason, "kind": f.kind, "at": now} for f in failed]
    done = [r for r in succeeded if r]
    # Same package as Store: its engine and error wrapping are shared on purpose.
    engine = store._open()
    try:
        with engine.begin() as conn:
            refs = [r["ref"] for r in rows] + done
            for i in range(0, len(refs), 500):
                conn.execute(delete(failures).where(failures.c.ref.in_(refs[i : i + 500])))
            if rows:
                conn.execute(insert(failures), rows)
    except SQLAlchemyError as exc:
        raise store._error("cannot record ingest failures", exc) from exc


def load_failures(store: Store) -> list[Failure]:
    """Every input still failing, ordered by reference."""
    query = select(failures).order_by(failures.c.ref)
    return [Failure(r.ref, r.reason, r.kind) for r in store._read("ingest failures", query)]

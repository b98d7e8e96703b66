"""``jsonl``: the full `Analysis` of every article, one JSON object a line (schema tidings/1)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from tidings.query.filters import engine_of
from tidings.store import schema


def analyses(store: Any, batch: int = 200) -> Iterator[dict[str, Any]]:
    """Every stored analysis as saved, ordered by article id, read `batch` at a time."""
    art = schema.articles
    last = ""
    with engine_of(store).connect() as conn:
        while True:
            query = (
                select(art.c.id, art.c.analysis)
                .where(art.c.id > last)
                .order_by(art.c.id)
                .limit(batch)
            )
            rows = list(conn.execute(query))
            for row in rows:
                yield row.analysis
            if len(rows) < batch:
                return
            last = rows[-1].id


def lines(store: Any) -> Iterator[str]:
    """The JSONL lines of the export."""
    for analysis in analyses(store):
        yield json.dumps(analysis, ensure_ascii=False)

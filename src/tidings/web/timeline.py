"""The timeline chart's geometry: one row per event type, one dot per day, sized by count.

Computed here, drawn by the template as SVG: the page needs no script, and each dot is a link to
the events table filtered to its day and type.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any

from tidings.web.reads import event_day

LEFT, RIGHT, ROW, TOP = 120, 20, 34, 30
WIDTH = 900


def _date(day: str) -> dt.date:
    """A day, or the first day of a partial date (2020-01 is 2020-01-01)."""
    parts = [int(p) for p in day.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def timeline_chart(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Rows, dots and axis ticks of the chart for these event rows."""
    counts: Counter[tuple[str, str]] = Counter()
    for r in rows:
        day = event_day(r)
        if day:
            counts[(r["type"], day)] += 1
    if not counts:
        return {"width": WIDTH, "height": TOP + ROW, "rows": [], "dots": [], "ticks": []}
    types = sorted({t for t, _ in counts})
    days = [_date(d) for _, d in counts]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    inner = WIDTH - LEFT - RIGHT

    def x(day: dt.date) -> float:
        return LEFT + inner * (day - first).days / span if last > first else LEFT + inner / 2

    ys = {t: TOP + ROW * i + ROW / 2 for i, t in enumerate(types)}
    dots = [
        {"x": round(x(_date(d)), 1), "y": ys[t], "r": round(4 + 3 * math.log2(n), 1),
         "type": t, "day": d, "count": n}
        for (t, d), n in sorted(counts.items())
    ]  # fmt: skip
    step = max(span // 6, 1)
    ticks = [
        {
            "x": round(x(first + dt.timedelta(days=k)), 1),
            "label": (first + dt.timedelta(days=k)).isoformat(),
        }
        for k in range(0, span + 1, step)
    ]
    rows_ = [{"type": t, "y": y} for t, y in ys.items()]
    return {
        "width": WIDTH,
        "height": TOP + ROW * len(types) + 30,
        "rows": rows_,
        "dots": dots,
        "ticks": ticks,
    }

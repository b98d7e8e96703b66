"""Incident-linking time per new article as the store grows: it must stay flat.

Saves synthetic analyses one by one through `Store.save`, which links each article's events
into incidents in the same transaction, and prints the mean linking time per article (CPU time
of this process: the wall clock of a shared machine mostly measures the wait for a core) for
each block of articles. The corpus grows as news does, over time: `--per-day` articles a day, each
with 3 events (random PLOVER type, one of 300 cities, one of 60 actors) dated up to 3 days
before publication, a third of them re-reporting an event an earlier article told. A lookup
that scanned the corpus would grow with it; the indexed candidate lookup (type and a bounded
date range) should not.

    .venv/bin/python benchmarks/incident_linking.py [--articles 10000] [--block 1000] [--db URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event

from tidings.corpus import linking
from tidings.model import (
    PLOVER_TYPES,
    Actor,
    Analysis,
    Article,
    Event,
    EventDate,
    Meta,
    Place,
    Span,
)
from tidings.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from store_bench import link_timer  # noqa: E402  (a sibling script)

START = dt.date(2023, 1, 1)


Told = tuple[str, str, int, dt.date, str]


def _event(n: int, per_day: int, told: list[Told], rng: random.Random) -> Told:
    """(source, target, city, day, type) of a new event, or of one told lately (a third)."""
    published = START + dt.timedelta(days=n // per_day)
    if told and rng.random() < 1 / 3:
        return rng.choice(told[-3 * per_day * 3 :])
    day = published - dt.timedelta(days=rng.randrange(4))
    found = (f"ACT{rng.randrange(60)}", f"ACT{rng.randrange(60)}", rng.randrange(300), day,
             rng.choice(PLOVER_TYPES))  # fmt: skip
    told.append(found)
    return found


def synthetic(n: int, per_day: int, told: list[Told], rng: random.Random) -> Analysis:
    """Article `n`: three events, each with a source, a target, a city and a day."""
    sentences, events, actors, places = [], [], {}, []
    offset = 0
    for i in range(3):
        src, tgt, city, day, kind = _event(n, per_day, told, rng)
        sentence = f"Group {src} acted against {tgt} in City{city} on {day.isoformat()}. "
        start = offset
        offset += len(sentence)
        sentences.append(sentence)
        for a in (src, tgt):
            actors[a] = Actor(id=a, name=f"Group {a}", kind="rebel", kb_id=a)
        pid = f"P{i}"
        name_at = sentence.index(f"City{city}")
        places.append(
            Place(id=pid, text=f"City{city}", span=Span(start=start + name_at, end=start + name_at + len(f"City{city}"), text=f"City{city}"),
                  name=f"City{city}", kind="city", country="NG", lat=4 + city % 30 * 0.5, lon=3 + city // 30 * 0.9)
        )  # fmt: skip
        trigger = Span(start=start + 7 + len(src), end=start + 12 + len(src), text="acted")
        events.append(
            Event(id=f"E{i}", type=kind, source=[src], target=[tgt], trigger=trigger,
                  sentence=Span(start=start, end=offset - 1, text=sentence[:-1]), place=pid,
                  date=EventDate(value=day.isoformat(), how="sentence"))
        )  # fmt: skip
    text = "".join(sentences).strip()
    published = START + dt.timedelta(days=n // per_day)
    article = Article(id=f"A{n:07d}", text=text, source=f"Outlet{n % 40}", published=published)
    return Analysis(
        article=article,
        actors=list(actors.values()),
        events=events,
        places=places,
        meta=Meta(tidings="bench"),
    )


def run(articles: int, block: int, db: str | None, per_day: int = 20) -> list[dict[str, Any]]:
    """Save `articles` synthetic articles; the linking CPU time per block."""
    with link_timer() as spent:
        return _run(articles, block, db, per_day, spent)


def _run(
    articles: int, block: int, db: str | None, per_day: int, spent: list[float]
) -> list[dict[str, Any]]:
    scanned: list[int] = []
    lookup = linking.fetch

    def counted(conn: Any, windows: Any, ids: list[str]) -> dict[str, Any]:
        found = lookup(conn, windows, ids)
        scanned.append(len(found))
        return found

    statements = [0]

    def seen(*_args: object) -> None:
        statements[0] += 1

    linking.fetch = counted  # type: ignore[assignment]
    rng = random.Random(7)
    told: list[Told] = []
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Store(db or Path(tmp) / "bench.db") as store:
        event.listen(store._open(), "before_cursor_execute", seen)
        t_block = time.perf_counter()
        for n in range(articles):
            store.save(synthetic(n, per_day, told, rng))
            if (n + 1) % block == 0:
                link = spent[-block:]
                rows.append(
                    {
                        "articles": n + 1,
                        "link_cpu_ms_mean": round(1000 * statistics.fmean(link), 2),
                        "link_cpu_ms_p90": round(1000 * sorted(link)[int(0.9 * len(link))], 2),
                        "save_per_s": round(block / (time.perf_counter() - t_block), 1),
                        "incidents": store.count("incidents"),
                        "candidates_per_article": round(statistics.fmean(scanned), 1),
                        "statements_per_article": round(statements[0] / block, 1),
                        "load": round(os.getloadavg()[0], 1),
                    }
                )
                scanned.clear()
                statements[0] = 0
                print(rows[-1], flush=True)
                t_block = time.perf_counter()
    linking.fetch = lookup  # type: ignore[assignment]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--block", type=int, default=1000)
    parser.add_argument("--per-day", type=int, default=20, help="articles published a day")
    parser.add_argument("--db", help="SQLAlchemy URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    rows = run(args.articles, args.block, args.db, args.per_day)
    first, last = rows[0]["link_cpu_ms_mean"], rows[-1]["link_cpu_ms_mean"]
    print(
        f"linking per article (CPU): {first} ms in the first block, {last} ms in the last "
        f"({last / first:.2f}x)"
    )


if __name__ == "__main__":
    main()

"""Store throughput on SQLite and PostgreSQL: writing and querying N stored articles.

One real analysis (examples/irgc-basij.txt) is copied N times (default 10,000), each copy with
its own text (a numbered sentence appended, so every span stays valid), id and URL. Each copy
is saved as `tidings ingest` saves it: one `Store.save`, one transaction. Then a few typical
queries are timed (median of several runs). Prints articles/s written, query latencies and the
ratio PostgreSQL / SQLite. Every `--block` articles it prints the write rate and the time
`Store.save` spent linking each article into incidents: both must stay flat as the store grows
(every copy reports the same events, so a handful of incidents gain a report with each save).

    .venv/bin/python benchmarks/store_bench.py [--n 10000] [--pg URL]

``--pg`` (default ``$TIDINGS_TEST_PG``) is a server URL; the benchmark creates and drops its
own database ``store_bench_<hex>`` on it. Without a server only SQLite is measured.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import tidings
from tidings.corpus import incidents
from tidings.model import Analysis, article_id
from tidings.store import Store

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "irgc-basij.txt"


def copy_number(analysis: Analysis, i: int) -> Analysis:
    """Copy `i`: the same analysis of a text with a numbered sentence (word ``zq{i}x``) added."""
    copy = analysis.model_copy(deep=True)
    text = f"{analysis.article.text}\nCopy number {i} zq{i}x."
    copy.article.text = text
    copy.article.id = article_id(text)
    copy.article.url = f"https://bench.example/{i}"
    return copy


def queries(store: Store, sample: Analysis) -> dict[str, Callable[[], Any]]:
    """Typical reads: one article, an event filter, the actor list, full-text searches."""
    actor = sample.actors[0].id if sample.actors else "none"
    etype = sample.events[0].type if sample.events else "ASSAULT"
    return {
        "load one article": lambda: store.load(sample.article.id),
        f"events(type={etype}, actor={actor})": lambda: store.events(type=etype, actor=actor),
        "actors(query='iran', limit=20)": lambda: store.actors("iran", limit=20),
        "search(one copy's word)": lambda: store.search(sample.article.text.split()[-1]),
        "search('basij', limit=100)": lambda: store.search("basij", limit=100),
        "count('events')": lambda: store.count("events"),
    }


@contextmanager
def link_timer() -> Iterator[list[float]]:
    """CPU seconds of this process `Store.save` spent linking each article into incidents.

    CPU time, not wall time: on a shared machine the wall clock mostly measures the wait for a
    core. (On PostgreSQL the server's share runs in another process and is not counted.)"""
    spent: list[float] = []
    relink = incidents.relink

    def timed(conn: Any, analysis: Analysis) -> list[str]:
        t0 = time.process_time()
        try:
            return relink(conn, analysis)
        finally:
            spent.append(time.process_time() - t0)

    incidents.relink = timed  # type: ignore[assignment]
    try:
        yield spent
    finally:
        incidents.relink = relink  # type: ignore[assignment]


def write(
    store: Store, analysis: Analysis, n: int, block: int, minutes: float = 0.0
) -> dict[str, float]:
    """Save `n` copies; print the write rate and linking time per block of `block` articles.

    With `minutes`, stop at the first block boundary past that time (a loaded machine)."""
    name = store.url.split(":")[0]
    rates, links = [], []
    with link_timer() as spent:
        t0 = t_block = time.perf_counter()
        c_block = time.process_time()
        for i in range(n):
            store.save(copy_number(analysis, i))
            if (i + 1) % block == 0 or i + 1 == n:
                size = (i % block) + 1
                rates.append(size / (time.perf_counter() - t_block))
                links.append(1000 * statistics.fmean(spent[-size:]))
                cpu = 1000 * (time.process_time() - c_block) / size
                print(f"{name}: {i + 1:>6} stored: {rates[-1]:6.1f} articles/s, {cpu:6.1f} ms "
                      f"CPU/save, linking {links[-1]:6.1f} ms CPU/article, "
                      f"load {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
                t_block, c_block = time.perf_counter(), time.process_time()
                if minutes and t_block - t0 > 60 * minutes:
                    n = i + 1
                    break
        written = time.perf_counter() - t0
    print(f"{name}: {n} articles written in {written:.0f} s", flush=True)
    return {
        "articles stored": n,
        "articles/s written": n / written,
        "articles/s, first block": rates[0],
        "articles/s, last block": rates[-1],
        "linking ms CPU/article, first block": links[0],
        "linking ms CPU/article, last block": links[-1],
        "linking last/first block": links[-1] / links[0],
    }


def measure(
    url: str, analysis: Analysis, n: int, runs: int, block: int, minutes: float = 0.0
) -> dict[str, float]:
    with Store(url) as store:
        out = write(store, analysis, n, block, minutes)
        n = int(out["articles stored"])
        assert store.count("articles") == n
        for name, run in queries(store, copy_number(analysis, min(n - 1, 4321))).items():
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                run()
                times.append(time.perf_counter() - t)
            out[f"{name} ms"] = statistics.median(times) * 1000
    return out


@contextmanager
def pg_database(server: str, prefix: str = "store_bench") -> Iterator[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server).set(drivername="postgresql+psycopg")
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
        try:
            yield url.set(database=name).render_as_string(hide_password=False)
        finally:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--block", type=int, default=1000, help="print figures every N articles")
    parser.add_argument("--pg", default=os.environ.get("TIDINGS_TEST_PG"))
    parser.add_argument(
        "--minutes", type=float, default=0.0, help="stop writing after this long (0: never)"
    )
    parser.add_argument("--db-prefix", default="store_bench", help="of the PostgreSQL database")
    parser.add_argument(
        "--backends", default="sqlite,postgresql", help="which to measure (comma-separated)"
    )
    args = parser.parse_args()
    analysis = tidings.load().analyze(EXAMPLE.read_text(encoding="utf-8"), published="2020-01-27")
    print(
        f"{args.n} copies of {EXAMPLE.name}: {len(analysis.actors)} actors, "
        f"{len(analysis.events)} events, {len(analysis.quotes)} quotes each"
    )
    results: dict[str, dict[str, float]] = {}
    wanted = args.backends.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        if "sqlite" in wanted:
            results["SQLite"] = measure(
                f"sqlite:///{tmp}/bench.db", analysis, args.n, args.runs, args.block, args.minutes
            )
    if args.pg and "postgresql" in wanted:
        with pg_database(args.pg, args.db_prefix) as url:
            results["PostgreSQL"] = measure(
                url, analysis, args.n, args.runs, args.block, args.minutes
            )
    names = list(next(iter(results.values())))
    print(f"{'':44} " + " ".join(f"{b:>12}" for b in results) + "  PG/SQLite")
    for name in names:
        values = [results[b][name] for b in results]
        ratio = f"{values[1] / values[0]:9.2f}" if len(values) == 2 and values[0] else ""
        print(f"{name:44} " + " ".join(f"{v:12.1f}" for v in values) + f"  {ratio}")


if __name__ == "__main__":
    main()

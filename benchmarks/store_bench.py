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
import json
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
    """Typical reads: one article, the Store's filters and searches, and every `tidings query`
    kind (a first page of 50, as the CLI gives), incidents with ``--min-sources``."""
    from tidings import query
    from tidings.query import Filters

    actor = sample.actors[0].id if sample.actors else "none"
    name = sample.actors[0].name if sample.actors else "none"
    etype = sample.events[0].type if sample.events else "ASSAULT"
    word = sample.article.text.split()[-1].strip(".")
    return {
        "load one article": lambda: store.load(sample.article.id),
        f"events(type={etype}, actor={actor})": lambda: store.events(type=etype, actor=actor),
        "actors(query='iran', limit=20)": lambda: store.actors("iran", limit=20),
        "search(one copy's word)": lambda: store.search(word),
        "search('basij', limit=100)": lambda: store.search("basij", limit=100),
        "count('events')": lambda: store.count("events"),
        f"query events --type {etype} --actor '{name}'": lambda: query.events(
            store, Filters(type=etype, actor=name)
        ),
        "query events --text basij": lambda: query.events(store, Filters(text="basij")),
        "query incidents": lambda: query.incidents(store, Filters()),
        "query incidents --min-sources 2": lambda: query.incidents(store, Filters(min_sources=2)),
        "query actors --actor iran": lambda: query.actors(store, Filters(actor="iran")),
        "query quotes --text basij": lambda: query.quotes(store, Filters(text="basij")),
        f"query articles --text {word}": lambda: query.articles(store, Filters(text=word)),
    }


def reference_ms(store: Store, runs: int = 50) -> dict[str, float]:
    """The machine's pace right now, for ratios that hold under any load: the median wall time
    of one round trip to the database (``SELECT 1``) and of a fixed piece of Python work."""
    from sqlalchemy import text

    trips, work = [], []
    with store._open().connect() as conn:
        for _ in range(runs):
            t = time.perf_counter()
            conn.execute(text("SELECT 1")).scalar_one()
            trips.append(time.perf_counter() - t)
    for _ in range(5):
        t = time.perf_counter()
        sum(i * i for i in range(100_000))
        work.append(time.perf_counter() - t)
    return {
        "round trip": 1000 * statistics.median(trips),
        "python work": 1000 * statistics.median(work),
    }


@contextmanager
def statement_counter(store: Store) -> Iterator[list[int]]:
    """Counts the SQL statements the store's engine sends (an executemany counts once)."""
    from sqlalchemy import event

    seen = [0]

    def count(*_args: object) -> None:
        seen[0] += 1

    engine = store._open()
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


@contextmanager
def link_timer() -> Iterator[list[float]]:
    """CPU seconds of this process `Store.save` spent linking each article into incidents.

    CPU time, not wall time: on a shared machine the wall clock mostly measures the wait for a
    core. (On PostgreSQL the server's share runs in another process and is not counted.)"""
    spent: list[float] = []
    relink = incidents.relink

    def timed(conn: Any, analysis: Analysis, **options: Any) -> list[str]:
        t0 = time.process_time()
        try:
            return relink(conn, analysis, **options)
        finally:
            spent.append(time.process_time() - t0)

    incidents.relink = timed  # type: ignore[assignment]
    try:
        yield spent
    finally:
        incidents.relink = relink  # type: ignore[assignment]


def _block_line(
    name: str,
    stored: int,
    size: int,
    t_block: float,
    c_block: float,
    spent: list[float],
    statements: int,
    ref: dict[str, float],
) -> dict[str, float]:
    """One block's figures, printed: wall and CPU per save, linking, statements, references."""
    wall = 1000 * (time.perf_counter() - t_block) / size
    row = {
        "rate": 1000 / wall,
        "cpu": 1000 * (time.process_time() - c_block) / size,
        "link": 1000 * statistics.fmean(spent[-size:]),
        "statements": statements / size,
        "wall/trip": wall / ref["round trip"],
        "wall/work": wall / ref["python work"],
    }
    print(f"{name}: {stored:>6} stored: {row['rate']:6.1f} articles/s, {row['cpu']:6.1f} ms "
          f"CPU/save, linking {row['link']:6.1f} ms CPU/article, {row['statements']:.1f} "
          f"statements/save; save = {row['wall/trip']:.1f} round trips "
          f"({ref['round trip']:.2f} ms) = {row['wall/work']:.2f}x the reference work "
          f"({ref['python work']:.1f} ms); load {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
    return row


def write(
    store: Store, analysis: Analysis, n: int, block: int, minutes: float = 0.0
) -> dict[str, float]:
    """Save `n` copies; print the write rate and linking time per block of `block` articles.

    With `minutes`, stop at the first block boundary past that time (a loaded machine)."""
    name = store.url.split(":")[0]
    rows = []
    with link_timer() as spent, statement_counter(store) as seen:
        t0 = t_block = time.perf_counter()
        c_block, s_block = time.process_time(), 0
        for i in range(n):
            store.save(copy_number(analysis, i))
            if (i + 1) % block == 0 or i + 1 == n:
                size, statements = (i % block) + 1, seen[0] - s_block
                ref = reference_ms(store)  # its statements are not the saves'
                rows.append(_block_line(name, i + 1, size, t_block, c_block, spent,
                                        statements, ref))  # fmt: skip
                s_block = seen[0]
                t_block, c_block = time.perf_counter(), time.process_time()
                if minutes and t_block - t0 > 60 * minutes:
                    n = i + 1
                    break
        written = time.perf_counter() - t0
    print(f"{name}: {n} articles written in {written:.0f} s", flush=True)
    return {
        "articles stored": n,
        "articles/s written": n / written,
        "articles/s, first block": rows[0]["rate"],
        "articles/s, last block": rows[-1]["rate"],
        "CPU ms/save, first block": rows[0]["cpu"],
        "CPU ms/save, last block": rows[-1]["cpu"],
        "linking ms CPU/article, first block": rows[0]["link"],
        "linking ms CPU/article, last block": rows[-1]["link"],
        "linking last/first block": rows[-1]["link"] / rows[0]["link"],
        "statements/save, last block": rows[-1]["statements"],
        "save in round trips, first block": rows[0]["wall/trip"],
        "save in round trips, last block": rows[-1]["wall/trip"],
    }


def time_queries(store: Store, sample: Analysis, runs: int) -> dict[str, float]:
    """Median ms of each query, and the same divided by a round trip measured just before."""
    out: dict[str, float] = {}
    for name, run in queries(store, sample).items():
        ref = reference_ms(store, runs=20)
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            run()
            times.append(time.perf_counter() - t)
        out[f"{name} ms"] = ms = statistics.median(times) * 1000
        out[f"{name} (round trips)"] = ms / ref["round trip"]
        print(f"  {name}: {ms:.1f} ms = {ms / ref['round trip']:.1f} round trips "
              f"({ref['round trip']:.2f} ms); load {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
    return out


def measure(
    url: str, analysis: Analysis, n: int, runs: int, block: int, minutes: float = 0.0
) -> dict[str, float]:
    with Store(url) as store:
        out = write(store, analysis, n, block, minutes)
        n = int(out["articles stored"])
        assert store.count("articles") == n
        out.update(time_queries(store, copy_number(analysis, min(n - 1, 4321)), runs))
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


def table(results: dict[str, dict[str, float]]) -> None:
    """Print the figures of each backend side by side, with the ratio PostgreSQL / SQLite."""
    names = list(next(iter(results.values())))
    print(f"{'':52} " + " ".join(f"{b:>12}" for b in results) + "  PG/SQLite")
    for name in names:
        values = [results[b].get(name, float("nan")) for b in results]
        ratio = f"{values[1] / values[0]:9.2f}" if len(values) == 2 and values[0] else ""
        print(f"{name:52} " + " ".join(f"{v:12.1f}" for v in values) + f"  {ratio}")


def _args() -> argparse.Namespace:
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
    parser.add_argument("--json-out", type=Path, help="also write the figures there (JSON)")
    parser.add_argument(
        "--sqlite", type=Path, help="the SQLite file to write (kept; default: a temporary one)"
    )
    parser.add_argument(
        "--compare", type=Path, nargs="+", help="print the table of earlier --json-out files"
    )
    return parser.parse_args()


def main() -> None:
    args = _args()
    results: dict[str, dict[str, float]] = {}
    if args.compare:
        for path in args.compare:
            results.update(json.loads(path.read_text(encoding="utf-8")))
        table(results)
        return
    analysis = tidings.load().analyze(EXAMPLE.read_text(encoding="utf-8"), published="2020-01-27")
    print(
        f"{args.n} copies of {EXAMPLE.name}: {len(analysis.actors)} actors, "
        f"{len(analysis.events)} events, {len(analysis.quotes)} quotes each"
    )
    wanted = args.backends.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        if "sqlite" in wanted:
            path = args.sqlite or Path(tmp) / "bench.db"
            results["SQLite"] = measure(
                f"sqlite:///{path}", analysis, args.n, args.runs, args.block, args.minutes
            )
    if args.pg and "postgresql" in wanted:
        with pg_database(args.pg, args.db_prefix) as url:
            results["PostgreSQL"] = measure(
                url, analysis, args.n, args.runs, args.block, args.minutes
            )
    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    table(results)


if __name__ == "__main__":
    main()

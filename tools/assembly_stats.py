"""How many events article assembly and implied agents change on gold files, with the scores.

    .venv/bin/python tools/assembly_stats.py GOLD [GOLD ...] [--compare] [--json]

Runs the default pipeline over every document of each gold file (as ``tidings eval`` does) and
sums the counts the ``event_links`` stage records in ``meta.counts``:

- ``events_assembled``: later tellings joined to a first telling (each one event fewer);
- ``events_assembled_parties``: sources or targets a later telling gave its first telling;
- ``events_source_from_clause`` / ``_earlier`` / ``_dateline`` / ``_place`` / ``_opponent``:
  empty sources filled from the governing clause, the same act told earlier, the dateline
  state's police, the state where a state's act took place, the one the victims fought.

``--compare`` also runs with ``event_links.assemble: false`` and prints both sets of event scores.
Gold files are read, never copied; nothing of them is written anywhere.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

import tidings
from tidings.evaluate import evaluate
from tidings.evaluation.gold import GoldDoc
from tidings.model import Analysis

KEYS = (
    "events_assembled",
    "events_assembled_parties",
    "events_source_from_clause",
    "events_source_from_earlier",
    "events_source_from_dateline",
    "events_source_from_place",
    "events_source_from_opponent",
)
LAYERS = ("events_type", "events_actors", "events_full")


def run(files: list[Path], assemble: bool) -> dict[str, Any]:
    """The summed counts and the event layers' scores of one configuration."""
    config = {"stages": {"event_links": {"assemble": assemble}}}
    pipeline = tidings.load(config=config)
    counts: Counter[str] = Counter()

    def analyze(gold: GoldDoc) -> Analysis:
        a = pipeline.analyze(
            gold.text, published=gold.published, title=gold.title, source=gold.where
        )
        counts.update({k: a.meta.counts.get(k, 0) for k in KEYS})
        counts["events"] += len(a.events)
        counts["documents"] += 1
        return a

    report = evaluate(files, analyze)
    layers = {k: v.to_dict() for k, v in report.layers.items() if k in LAYERS}
    return {"counts": dict(counts), "layers": layers}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--compare", action="store_true", help="also run without assembly")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    out = {"with": run(args.gold, True)}
    if args.compare:
        out["without"] = run(args.gold, False)
    if args.json:
        print(json.dumps(out, indent=1))
        return
    for name, res in out.items():
        print(f"[{name} assembly]")
        for k, v in res["counts"].items():
            print(f"  {k:30} {v}")
        for k, v in res["layers"].items():
            print(f"  {k:30} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f}")


if __name__ == "__main__":
    main()

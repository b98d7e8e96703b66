"""How often Tidings resolves gold event actors to the right country or organisation code.

For every gold actor of ``../shared/bench/plover-dev.gold.jsonl`` (names with a CAMEO-style
code such as ``LBY`` or ``IGO``), the actor Tidings gives the text where the gold name stands
is looked up, and its code compared: the actor's country (ISO alpha-3), or ``IGO`` from its
CAMEO code for international bodies (the gold codes NGOs such as Amnesty as IGO too). Where the
gold names a place as an actor ("opened an embassy in Tehran"), the country the gazetteer
resolved that place to counts. A baseline measured in the same run maps spaCy's GPE
and NORP entities to countries by name only (what a pipeline without the actor KB would do).

    .venv/bin/python benchmarks/actor_codes.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

import tidings
from tidings.actors.kb import load_kb
from tidings.model import Analysis
from tidings.places.codes import alpha3

GOLD = Path(__file__).resolve().parents[2] / "shared" / "bench" / "plover-dev.gold.jsonl"


def code_of(actor_country: str | None, cameo: str | None) -> str | None:
    if cameo and cameo[:3] in {"IGO", "NGO"}:
        return "IGO"
    return actor_country


def occurrences(text: str, name: str) -> list[tuple[int, int]]:
    pattern = r"\s+".join(re.escape(w) for w in name.split())
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def predicted_codes(a: Analysis, start: int, end: int) -> set[str]:
    """Codes of every actor (or place) with a mention overlapping the gold name."""
    out = set()
    for p in a.places:
        code = alpha3(p.country) if p.span.start < end and start < p.span.end else None
        if code:
            out.add(code)
    for actor in a.actors:
        if any(m.start < end and start < m.end for m in actor.mentions):
            code = code_of(actor.country or actor.sponsor, actor.cameo)
            if code:
                out.add(code)
    return out


def baseline_codes(nlp, kb, text: str, start: int, end: int) -> set[str]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    out = set()
    for ent in doc.ents:
        if ent.label_ in {"GPE", "NORP"} and ent.start_char < end and start < ent.end_char:
            entries = [e for e in kb.lookup(ent.text) if e.kind == "country"]
            if entries:
                out.add(entries[0].country)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="print every miss")
    args = ap.parse_args()
    pipeline = tidings.load()
    kb = load_kb()
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    hits = base_hits = total = 0
    t_tidings = t_base = 0.0
    for row in rows:
        text = row["text"]
        t0 = time.perf_counter()
        a = pipeline.analyze(text, published=row.get("published"))
        t_tidings += time.perf_counter() - t0
        for gold in row["actors"]:
            code = gold.get("code")
            spans = [sp for n in gold["names"] for sp in occurrences(text, n)]
            if not code or not spans:
                continue
            total += 1
            start, end = spans[0]
            got = predicted_codes(a, start, end)
            hits += code in got
            t0 = time.perf_counter()
            base = baseline_codes(pipeline.nlp, kb, text, start, end)
            t_base += time.perf_counter() - t0
            base_hits += code in base
            if args.misses and code not in got:
                print(f"miss {row['id']}: {gold['names'][0]!r} gold {code}, got {sorted(got)}")
    print(f"gold actors with a code and a locatable name: {total}")
    print(f"tidings  : {hits}/{total} = {hits / total:.3f} resolved to the gold code")
    print(f"baseline : {base_hits}/{total} = {base_hits / total:.3f} (spaCy GPE/NORP by name)")
    print(f"ratio tidings/baseline: {hits / max(base_hits, 1):.2f}×")
    print(f"seconds: tidings {t_tidings:.1f} (whole pipeline), baseline {t_base:.1f} (parse only)")


if __name__ == "__main__":
    main()

"""Derive the generic agent nouns (people and groups able to act) from PETRARCH2's agents file.

    python tools/derive_agent_nouns.py [--shared ../shared] [--out src/tidings/events/data/agent_nouns.json]

Reads, at build time only, ``../shared/reference/petrarch2/Phoenix.agents.txt`` (generic agents
with their CAMEO sector codes: "REBEL [~REB]", "POLICE!PERSON! [~COP]"; MIT, Open Event Data
Alliance). Every one-word agent becomes one lower-case noun with its sector codes; multi-word
agents ("POLICE_CHIEF") are left out, since their head alone ("chief") may be no agent. The output
keeps the MIT notice of the dictionary. The event rules read it to tell a subject that can act
("the gunmen killed") from a figurative one ("cheap imports killed the industry").
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_LINE = re.compile(r"^([A-Z][A-Z\-']*)(?:!PERSON!)?_?\s*(?:\{[^}]*\})?\s*\[~?([A-Z~]*)\]")


def agents(path: Path) -> dict[str, list[str]]:
    """One-word agent noun -> its sector codes, from the agents file."""
    out: dict[str, set[str]] = {}
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#")[0].strip()
        m = _LINE.match(line)
        if m:
            out.setdefault(m.group(1).lower(), set()).add(m.group(2).lstrip("~"))
    return {k: sorted(v) for k, v in sorted(out.items())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "src/tidings/events/data/agent_nouns.json")
    args = ap.parse_args(argv)
    base = args.shared / "reference" / "petrarch2"
    commit = (base / "COMMIT").read_text(encoding="utf-8").strip()
    data = {
        "about": (
            "One-word generic agents derived by tools/derive_agent_nouns.py from PETRARCH2's "
            f"Phoenix.agents.txt (openeventdata/petrarch2 {commit}, data/dictionaries, MIT): "
            "noun -> CAMEO sector codes."
        ),
        "licence_petrarch2": (base / "LICENSE").read_text(encoding="utf-8"),
        "nouns": agents(base / "Phoenix.agents.txt"),
    }
    args.out.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['nouns'])} agent nouns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Derive Tidings' CAMEO verb lexicon from PETRARCH2's verb dictionary and the PLOVER crosswalk.

    python tools/derive_cameo_lexicon.py [--shared ../shared] [--out src/tidings/events/data/cameo_verbs.json]

Reads, at build time only, ``../shared/reference/petrarch2/CAMEO.2.0.txt`` (PETRARCH2's CAMEO
verb-pattern dictionary, MIT, Open Event Data Alliance) and ``CAMEO2PLOVER-2021.txt`` (the
official CAMEO-to-PLOVER crosswalk, CC BY-SA 4.0). Every verb synonym set ("--- SHELL [190] ---"
with its verbs and patterns "- * AID [070]") becomes one entry per verb: its inflected forms, the
PLOVER types its default code and its patterns map to (with counts), the pattern words (objects,
particles and prepositions) per type, and where it came from (the set's name). The output keeps
the MIT notice of the dictionary and the attribution of the crosswalk.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([^\]]*)\]")
_CROSS = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,")
_STOP = {"*", "$", "+", "%", "^", "-"}


def crosswalk(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type, from the crosswalk's ``030: AGREE, mode, context`` lines."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _CROSS.match(line.strip())
        if m:
            out[m.group(1)] = m.group(2)
    return out


def plover_type(code: str, cross: dict[str, str]) -> str | None:
    """The PLOVER type of a CAMEO code (``042:043`` takes the first; the longest known prefix)."""
    code = code.split(":")[0].strip()
    while code:
        if code in cross:
            return cross[code]
        code = code[:-1]
    return None


def verb_forms(word: str, listed: list[str]) -> list[str]:
    """The verb and its inflections: those the dictionary lists, else the regular ones."""
    w = word.lower()
    if listed:
        return sorted({w, *(f.lower() for f in listed)})
    stem = w[:-1] if w.endswith("e") and not w.endswith("ee") else w
    s = w + "es" if w.endswith(("s", "sh", "ch", "x", "z")) else w + "s"
    return sorted({w, s, stem + "ed", stem + "ing"})


def blocks(path: Path) -> list[dict[str, Any]]:
    """The verb synonym sets: name, default code, verbs (with listed forms), pattern lines."""
    text = path.read_text(encoding="latin-1")
    text = text[text.index("VERB PATTERNS") :]
    out: list[dict[str, Any]] = []
    for raw in text.splitlines():
        line = raw.split("#")[0].rstrip()
        head = _HEADER.match(line)
        if head:
            out.append({"name": head.group(1), "code": head.group(2), "verbs": [], "patterns": []})
        elif not out or not line.strip():
            continue
        elif line.startswith("-"):
            code = _CODE.search(line)
            if code:
                out[-1]["patterns"].append((line[1 : code.start()].strip(), code.group(1)))
        elif re.match(r"^[A-Z][A-Z_\-']*", line):
            word = line.split("{")[0].split()[0]
            listed = re.findall(r"\{([^}]*)\}", line)
            out[-1]["verbs"].append((word, listed[0].split() if listed else []))
    return out


def pattern_words(pattern: str) -> list[str]:
    """The literal words of a pattern (objects, particles, prepositions), lower-case."""
    words = re.findall(r"[A-Za-z&][A-Za-z_&']*", pattern)
    return [w.lower().replace("_", " ") for w in words if not w.startswith("&")]


def derive(cameo: Path, cross_path: Path) -> dict[str, Any]:
    cross = crosswalk(cross_path)
    entries: dict[str, dict[str, Any]] = {}
    for b in blocks(cameo):
        types: Counter[str] = Counter()
        words: dict[str, set[str]] = defaultdict(set)
        default = plover_type(b["code"], cross) if b["code"] != "---" else None
        if default:
            types[default] += 1
        for pattern, code in b["patterns"]:
            t = plover_type(code, cross)
            if t:
                types[t] += 1
                words[t].update(pattern_words(pattern))
        if not types:
            continue
        for word, listed in b["verbs"]:
            parts = word.lower().split("_")
            lemma = " ".join(p for p in parts if p)
            entry = entries.setdefault(
                lemma, {"forms": [], "types": Counter(), "words": defaultdict(set), "from": []}
            )
            entry["forms"] = sorted(set(entry["forms"]) | set(verb_forms(parts[0], listed)))
            entry["types"].update(types)
            for t, ws in words.items():
                entry["words"][t] |= ws
            entry["from"].append(f"CAMEO.2.0.txt verb set {b['name']} [{b['code']}]")
    return {
        lemma: {
            "forms": e["forms"],
            "types": dict(e["types"].most_common()),
            "words": {t: sorted(ws)[:40] for t, ws in sorted(e["words"].items())},
            "from": e["from"],
        }
        for lemma, e in sorted(entries.items())
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "src/tidings/events/data/cameo_verbs.json")
    args = ap.parse_args()
    ref = args.shared / "reference"
    licence = (ref / "petrarch2" / "LICENSE").read_text(encoding="utf-8")
    commit = (ref / "petrarch2" / "COMMIT").read_text(encoding="utf-8").strip()
    verbs = derive(ref / "petrarch2" / "CAMEO.2.0.txt", ref / "CAMEO2PLOVER-2021.txt")
    data = {
        "about": (
            "Verb triggers derived by tools/derive_cameo_lexicon.py from PETRARCH2's CAMEO verb "
            f"dictionary (openeventdata/petrarch2 {commit}, data/dictionaries/CAMEO.2.0.txt, MIT) "
            "through the CAMEO-to-PLOVER crosswalk (Open Event Data Alliance, PLOVER, "
            "CAMEO2PLOVER-2021.txt, CC BY-SA 4.0). Per verb: its forms, the PLOVER types of its "
            "set's default code and patterns (counts), the patterns' words per type, and the "
            "verb sets it came from."
        ),
        "licence_petrarch2": licence,
        "verbs": verbs,
    }
    args.out.write_text(json.dumps(data, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{len(verbs)} verbs -> {args.out}")


if __name__ == "__main__":
    main()

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


def appeals_as_requests(cross: dict[str, str], modes: dict[str, str]) -> None:
    """Add CAMEO 02 APPEAL to the crosswalk as REQUEST (for triggers only).

    The 2021 crosswalk drops 02, yet PLOVER's REQUEST is "all requests, demands, and orders"
    (manual 3.8) and the lexicon's own request words ("ask", "appeal", "request") are REQUEST.
    CAMEO's 02 and 10 share their subcategories (021 appeal for / 101 demand material
    cooperation, ..., 028 / 108 mediation), so 02x takes the type and mode of 10x.
    """
    for code, t in list(cross.items()):
        if code.startswith("10") and t == "REQUEST":
            cross.setdefault("02" + code[2:], t)
            if code in modes:
                modes.setdefault("02" + code[2:], modes[code])


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
                owner = raw.split("#")[1].split()[:1] if "#" in raw else []
                out[-1]["patterns"].append((line[1 : code.start()].strip(), code.group(1)))
                out[-1].setdefault("owners", []).append(owner[0].lower() if owner else None)
        elif re.match(r"^[A-Z][A-Z_\-']*", line):
            word = line.split("{")[0].split()[0]
            listed = re.findall(r"\{([^}]*)\}", line)
            own = _CODE.search(line.split("}")[-1])
            out[-1]["verbs"].append((word, listed[0].split() if listed else []))
            out[-1].setdefault("codes", []).append(own.group(1) if own else None)
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


def crosswalk_modes(path: Path) -> dict[str, str]:
    """CAMEO code -> the crosswalk's PLOVER mode (``0841: RETREAT, release, legal``), if any."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("#")[0].split(":", 1)
        if len(parts) == 2 and re.fullmatch(r"\d{2,4}", parts[0].strip()):
            fields = [f.strip() for f in parts[1].split(",")]
            if len(fields) > 1 and fields[1]:
                out[parts[0].strip()] = fields[1]
    return out


def synsets(path: Path) -> dict[str, list[str]]:
    """The dictionary's synonym sets (``&ASYLUM`` -> the head word of each of its phrases)."""
    text = path.read_text(encoding="latin-1")
    text = text[: text.index("VERB PATTERNS")]
    out: dict[str, list[str]] = {}
    name = None
    for raw in text.splitlines():
        line = raw.split("#")[0].strip()
        if line.startswith("&"):
            name = line[1:].rstrip("_")
            out[name] = []
        elif line.startswith("+") and name is not None:
            words = line[1:].replace("_", " ").lower().split()
            if words:
                out[name].append(words[-1])
    return out


_ONE = re.compile(r"^(?:\((?P<prep>[A-Z]+)(?: (?P<pobj>[^()]+))?\)|(?P<obj>[^()$+%^]+))$")


def pattern_rest(post: str, sets: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """The words a one-element pattern after the verb needs: its head noun (``* AID``,
    ``* {HUMANITARIAN AID}``, ``* &ASYLUM`` one per synonym), or a preposition and its object's
    head (``* (FOR AID)``), or a bare particle or preposition (``* OFF``, ``* (TO)``)."""
    m = _ONE.match(post.strip())
    if m is None:
        return []
    prep = [m.group("prep").lower()] if m.group("prep") else []
    phrase = (m.group("pobj") or m.group("obj") or "").strip().strip("{}").split()
    if not phrase:
        return [tuple(prep)] if prep else []
    head = phrase[-1]
    if not re.fullmatch(r"&?[A-Z][A-Z\-']*", head):
        return []
    heads = sets.get(head[1:].rstrip("_"), []) if head.startswith("&") else [head.lower()]
    return [(*prep, h) for h in heads if h.isalpha()]


def derive_triggers(cameo: Path, cross_path: Path) -> dict[str, dict[str, Any]]:
    """Verb triggers from the dictionary: ``verb`` (its own code, else its set's) and ``verb
    word`` (its patterns with one element after the verb), each with the PLOVER type most of
    its codes map to (entries whose codes disagree are left out) and where it came from."""
    cross, modes, sets = crosswalk(cross_path), crosswalk_modes(cross_path), synsets(cameo)
    appeals_as_requests(cross, modes)
    votes: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    origin: dict[str, set[str]] = defaultdict(set)
    for b in blocks(cameo):
        for (word, _), own in zip(b["verbs"], b.get("codes", []), strict=True):
            verb = word.lower()
            if not verb.isalpha():
                continue  # "WIRE_+TAP": phrases whose verb is not first
            code = own or b["code"]
            if code != "---" and (t := plover_type(code, cross)):
                votes[verb][(t, code.split(":")[0])] += 1
                origin[verb].add(f"{b['name']} [{code}]")
            for (pattern, pcode), owner in zip(b["patterns"], b.get("owners", []), strict=True):
                if owner not in (None, verb) or not pattern.startswith("*"):
                    continue
                t = plover_type(pcode, cross) if pcode != "---" else None
                for rest in pattern_rest(pattern[1:], sets) if t else []:
                    key = " ".join((verb, *rest))
                    votes[key][(t, pcode.split(":")[0])] += 1  # type: ignore[index]
                    origin[key].add(f"{b['name']} (* {' '.join(rest).upper()}) [{pcode}]")
    out: dict[str, dict[str, Any]] = {}
    for key, counts in sorted(votes.items()):
        by_type: Counter[str] = Counter()
        for (t, _), n in counts.items():
            by_type[t] += n
        (top, n), *others = by_type.most_common()
        if others and others[0][1] * 2 >= n:
            continue  # the dictionary's codes disagree: no clear sense
        code = max((c for (t, c) in counts if t == top), key=lambda c: counts[(top, c)])
        entry = {"type": top, "cameo": code}
        if code in modes:
            entry["mode"] = modes[code]
        walk = f"10{code[2:]} {top} (02 APPEAL as 10 DEMAND)" if code.startswith("02") else ""
        walk = walk or f"{code} {top}"
        entry["provenance"] = f"PETRARCH2 {'; '.join(sorted(origin[key]))}; crosswalk {walk}"
        out[key] = entry
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "src/tidings/events/data/cameo_verbs.json")
    ap.add_argument(
        "--triggers-out",
        type=Path,
        default=ROOT / "src/tidings/events/data/cameo_triggers.json",
    )
    args = ap.parse_args()
    ref = args.shared / "reference"
    licence = (ref / "petrarch2" / "LICENSE").read_text(encoding="utf-8")
    commit = (ref / "petrarch2" / "COMMIT").read_text(encoding="utf-8").strip()
    cameo, cross = ref / "petrarch2" / "CAMEO.2.0.txt", ref / "CAMEO2PLOVER-2021.txt"
    source = (
        f"PETRARCH2's CAMEO verb dictionary (openeventdata/petrarch2 {commit}, "
        "data/dictionaries/CAMEO.2.0.txt, MIT) through the CAMEO-to-PLOVER crosswalk (Open Event "
        "Data Alliance, PLOVER, CAMEO2PLOVER-2021.txt, CC BY-SA 4.0)"
    )
    outputs = [
        (args.out, derive(cameo, cross), "Per verb: its forms, the PLOVER types of its set's "
         "default code and patterns (counts), the patterns' words per type, and the verb sets it "
         "came from."),
        (args.triggers_out, derive_triggers(cameo, cross), "Triggers (derive_triggers): each "
         "verb with its own or its set's code, and each verb with the one word its patterns need "
         "after it; the events lexicon consults them where its own entries find nothing "
         "(docs/events.md)."),
    ]  # fmt: skip
    for path, verbs, what in outputs:
        about = f"Verb triggers derived by tools/derive_cameo_lexicon.py from {source}. {what}"
        data = {"about": about, "licence_petrarch2": licence, "verbs": verbs}
        path.write_text(json.dumps(data, indent=0, sort_keys=False) + "\n", encoding="utf-8")
        print(f"{len(verbs)} entries -> {path}")

if __name__ == "__main__":
    main()

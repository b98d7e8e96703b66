"""Derive the stance-cue lexicon of the quotes stage from PETRARCH2's CAMEO verb dictionary.

    python tools/derive_cues.py [--shared ../shared] [--out src/tidings/quotes/data/cues_cameo.yaml]

PolNeAR attributes stances and intentions, not only speech: "criticised the plan", "vowed to
cut taxes", "endorsed the senator", "declined to comment". CAMEO codes exactly these acts in its
verbal root codes: 01 public statements, 02 appeals, 03 intents, 05 praise and support, 10
demands, 11 disapproval, criticism and accusation, 12 rejection, 13 threats and warnings. This
script reads, at build time only, ``reference/petrarch2/CAMEO.2.0.txt`` (PETRARCH2's verb
dictionary, MIT, Open Event Data Alliance) and ``reference/CAMEO2PLOVER-2021.txt`` (the official
crosswalk, CC BY-SA 4.0), and writes one group per synonym set: its verbs (a verb's own code on
its line overrides the set's), the cue class their CAMEO code reads as, and the PLOVER type of
that code. Only one-word verbs; a verb cues.yaml already lists keeps its entry there.

Which synonym sets count: those whose default code lies in the roots above and whose meaning
(the set's name and CAMEO's description of the code) is a verbal act or an attitude; sets that
CAMEO files under a verbal code but that name a physical or organisational act (CIRCULATE:
distribute, scatter; ESTIMATE: count, tally; OBSERVE: see, watch; PREPARE: train; COORDINATE,
BARGAIN, DELAY, ...) are left out by name below, and so are a few verbs of a kept set whose
ordinary sense is no act of saying (``_NOT_SPEECH``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from derive_cameo_lexicon import crosswalk  # noqa: E402  (the same crosswalk reading)

ROOT = Path(__file__).resolve().parent.parent
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_OWN_CODE = re.compile(r"\[(\d+)\]")

# CAMEO code prefix -> cue class (longest prefix wins); the classes are lexicon.CUE_CLASSES.
_CLASS_OF_CODE = {
    "01": "neutral",
    "012": "fear",  # pessimistic comment
    "016": "denial",
    "02": "request",
    "03": "promise",  # express intent to ...
    "05": "approval",
    "050": "",  # engage in diplomatic cooperation: an act, not an attitude (051: praise)
    "055": "admission",  # apologise
    "10": "request",  # demand
    "11": "disapproval",
    "112": "accusation",
    "12": "rejection",
    "13": "threat",
}
# Synonym sets whose default code is verbal but whose verbs name no act of saying or attitude.
_NOT_VERBAL_SETS = {
    "CIRCULATE",
    "ESTIMATE",
    "OBSERVE",
    "REPEAT",
    "CONCERN",
    "INTRUDE",
    "ALLAY",
    "PREPARE",
    "REVIVE",
    "SIGNAL",
    "STRIVE",
    "BARGAIN",
    "COLLABORATE",
    "COORDINATE",
    "INFLUENCE",
    "REJOICE",
    "BLESS",
    "ENCOURAGE",
    "LEGITIMISE",
    "RESPECT",
    "FORMALIZE",
    "FORGIVE",
    "CURSE",
    "DESPAIR",
    "DISMAY",
    "REBUFF",
    "DISGRACE",
    "DELAY",
    "OVERRULE",
    "ENDANGER",
    "EVACUATE",
    "FAIL",
    "SELECT",
    "UTILIZE",
    "VIOLATE",
    "CONFIRM",
    "DESPATCH",
    "DRAFT",
    "MARK",
}
# Verbs of a kept set whose ordinary sense is not an act of saying or a stance.
_NOT_SPEECH = {
    "NEED",
    "NECESSITATE",
    "PRESS",
    "BID",
    "CAMPAIGN",
    "CRUSADE",
    "MEAN",
    "CRY",
    "WEEP",
    "WAIL",
    "GRIEVE",
    "MOURN",
    "CANE",
    "FLOG",
    "CLAP",
    "TOAST",
    "GREET",
    "HONOR",
    "HONOUR",
    "REWARD",
    "CELEBRATE",
    "COMMEMORATE",
    "RECOGNISE",
    "RECOGNIZE",
    "COMPETE",
    "CONTRAST",
    "COUNTERBALANCE",
    "CONTRAVENE",
    "CONVICT",
    "INDICT",
    "CRUCIFY",
    "ADVERTISE",
    "ADVERTIZE",
    "PROMOTE",
    "EXPOSE",
    "UNVEIL",
    "SUBSCRIBE",
    "ASSOCIATE",
    "DIFFER",
    "WORRIED",
    "FORGAVE",
    "FORGIVEN",
    "SAW",
    "DETAIL",
    "DEFINE",
    "DEPICT",
    "EXPRESS",
    "REFER",
    "IMPART",
    "UTTER",
    "SLIGHT",
    "ALLY",
    "COMPENSATE",
    "COMPLY",
    "DISTRESS",
    "FRUSTRATE",
    "ADDRESS",
    "ORDER",
    "GRILL",
    "DEFY",
}
# Sets whose code root reads otherwise than their name: CAMEO files disclosure under
# cooperation (050), allegation under disapproval (110), forecasts under statements (010).
_CLASS_OF_SET = {
    "DISCLOSE": "admission",
    "ALLEGE": "claimed",
    "DISTRUST": "fear",
    "PREDICT": "prediction",
    "WARN": "warning",
}


def class_of(code: str) -> str | None:
    """The cue class of a CAMEO code (longest matching prefix), or None outside the roots."""
    hits = [p for p in _CLASS_OF_CODE if code.startswith(p)]
    return _CLASS_OF_CODE[max(hits, key=len)] or None if hits else None


def synonym_sets(text: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(set name, set code, [(verb, its code)]) for every synonym set of the dictionary."""
    out: list[tuple[str, str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        m = _HEADER.match(line)
        if m:
            out.append((m.group(1), m.group(2).strip("-") or "---", []))
            continue
        if not out or not line[:1].isalpha():
            continue  # patterns ("- * X [code]"), phrasal forms ("+RULE_OUT"), comments
        word = line.split()[0]
        if not word.isalpha() or not word.isupper():
            continue
        own = _OWN_CODE.search(line.split("#")[0])
        out[-1][2].append((word, own.group(1) if own else out[-1][1]))
    return out


def derive(shared: Path, known: set[str]) -> list[dict[str, object]]:
    """One group per kept synonym set: source, PLOVER type and verbs with their cue class."""
    ref = shared / "reference"
    cross = crosswalk(ref / "CAMEO2PLOVER-2021.txt")
    text = (ref / "petrarch2" / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace")
    groups: list[dict[str, object]] = []
    seen: set[str] = set(known)
    for name, _set_code, verbs in synonym_sets(text):
        if name in _NOT_VERBAL_SETS:
            continue
        picked: dict[str, str] = {}
        codes: set[str] = set()
        for word, code in verbs:
            cls = class_of(code) if code.isdigit() else None
            cls = _CLASS_OF_SET.get(name, cls) if cls or name in _CLASS_OF_SET else None
            lemma = word.lower()
            if cls is None or word in _NOT_SPEECH or lemma in seen:
                continue
            picked[lemma] = cls
            codes.add(code)
            seen.add(lemma)
        if picked:
            plover = sorted(
                {cross.get(c) or cross.get(c[:3]) or cross.get(c[:2], "?") for c in codes}
            )
            groups.append(
                {
                    "source": f"PETRARCH2 CAMEO.2.0.txt set {name} "
                    f"[{', '.join(sorted(codes))}] -> PLOVER {', '.join(plover)}",
                    "verbs": dict(sorted(picked.items())),
                }
            )
    return groups


_HEAD = """\
# Stance and intention cues derived by tools/derive_cues.py (do not edit by hand: rerun it).
# Source: PETRARCH2 CAMEO verb dictionary (reference/petrarch2/CAMEO.2.0.txt), MIT License,
# Copyright (c) 2015 Open Event Data Alliance; CAMEO -> PLOVER crosswalk (CAMEO2PLOVER-2021.txt,
# CC BY-SA 4.0, P. Schrodt). Synonym sets with a verbal CAMEO code (01 statements, 02 appeals,
# 03 intents, 05 praise/support, 10 demands, 11 disapproval, 12 rejection, 13 threats); the cue
# class is read from the code. Read by tidings.quotes.lexicon (`Cues.stance_verbs`): such a verb
# attributes a finite clause, a to-infinitive, its object or its "for"/"against" phrase.
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "src/tidings/quotes/data/cues_cameo.yaml")
    args = ap.parse_args()
    import yaml

    cues = yaml.safe_load((ROOT / "src/tidings/quotes/data/cues.yaml").read_text("utf-8"))
    known = {str(v).lower() for v in cues.get("verbs", {})}
    groups = derive(args.shared, known)
    body = yaml.safe_dump({"groups": groups}, sort_keys=False, allow_unicode=True, width=100)
    args.out.write_text(_HEAD + "\n" + body, encoding="utf-8")
    n = sum(len(g["verbs"]) for g in groups)  # type: ignore[arg-type]
    print(f"{len(groups)} sets, {n} verbs -> {args.out}")


if __name__ == "__main__":
    main()

"""Derive the evaluative words of the events lexicon from VADER's sentiment lexicon and CAMEO.

    python tools/derive_evaluative.py [--shared ../shared] [--out src/tidings/events/data/evaluative.json]

"X called the ruling a farce", "branded him a liar", "described the plan as a disaster": naming
someone or something with a word of strong disapproval is an ACCUSE ``disapprove`` (PLOVER 3.9,
"criticize, defame, denigrate"; PETRARCH2 codes CALL * LIAR / DICTATOR / ILLEGITIMATE as CAMEO 111),
with one of strong approval a SUPPORT (3.3, "commend"). Which words are such is read, at build
time only, from VADER's human-rated lexicon (``vader_lexicon.txt`` of the ``vaderSentiment``
package, MIT, C.J. Hutto): single words rated at most ``-LIMIT`` (negative) or at least ``LIMIT``
(positive), plus the predicate words of PETRARCH2's CALL patterns that the crosswalk makes ACCUSE
(``../shared/reference/petrarch2/CAMEO.2.0.txt``, MIT). The output keeps both MIT notices.
"""

from __future__ import annotations

import argparse
import json
import re
from importlib import metadata, resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1.5  # VADER's mean rating runs from -4 to 4; 1.5 keeps words raters found clearly so
_CALL = re.compile(r"^- \* ([A-Z]+)\s+\[(1[01]\d*)\]")  # "- * DICTATOR   [111]" (a disapproval)


def vader(limit: float) -> tuple[list[str], list[str], str]:
    """The negative and positive single words of VADER's lexicon, and its licence."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    neg, pos = [], []
    for line in text.splitlines():
        word, score, *_ = line.split("\t")
        if not re.fullmatch(r"[a-z][a-z\-]+", word):
            continue  # emoticons and abbreviations
        if float(score) <= -limit:
            neg.append(word)
        elif float(score) >= limit:
            pos.append(word)
    dist = metadata.distribution("vaderSentiment")
    licence = next(
        (f.read_text() for f in dist.files or [] if f.name.startswith("LICENSE")), "MIT"
    )
    return neg, pos, str(licence)


def cameo_call_words(path: Path) -> list[str]:
    """The words PETRARCH2's CALL verb set calls someone for a disapproval (CAMEO 11x)."""
    text = path.read_text(encoding="latin-1")
    start = text.index("---  CALL ")
    block = text[start : text.index("\n---", start + 10)]
    return sorted({m.group(1).lower() for line in block.splitlines() if (m := _CALL.match(line))})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "src/tidings/events/data/evaluative.json")
    args = ap.parse_args()
    petrarch = args.shared / "reference" / "petrarch2"
    neg, pos, licence = vader(LIMIT)
    call = cameo_call_words(petrarch / "CAMEO.2.0.txt")
    data = {
        "about": (
            "Evaluative words derived by tools/derive_evaluative.py: VADER's sentiment lexicon "
            f"(vaderSentiment {metadata.version('vaderSentiment')}, vader_lexicon.txt, MIT, "
            f"C.J. Hutto), single words rated <= -{LIMIT} (negative) or >= {LIMIT} (positive); "
            "and the predicate words of PETRARCH2's CALL patterns coded CAMEO 11x "
            "(openeventdata/petrarch2 data/dictionaries/CAMEO.2.0.txt, MIT)."
        ),
        "licence_vader": licence,
        "licence_petrarch2": (petrarch / "LICENSE").read_text(encoding="utf-8"),
        "negative": sorted(set(neg) | set(call)),
        "positive": sorted(set(pos) - set(call)),
    }
    args.out.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
    print(f"{len(data['negative'])} negative, {len(data['positive'])} positive -> {args.out}")


if __name__ == "__main__":
    main()

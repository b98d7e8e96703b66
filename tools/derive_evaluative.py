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

A second rated lexicon widens the cover: AFINN-165 (``AFINN-en-165.txt`` of the ``afinn``
package, Finn Aarup Nielsen, Open Database License), words rated at most ``-AFINN_LIMIT`` or at
least ``AFINN_LIMIT`` on its -5..5 scale; the output, a derived database, keeps its licence.
Neither lexicon lists every form of a judgement ("oppressive" is rated, "oppression" is not), so
the nouns of rated adjectives are added by the regular English derivations (``DERIVATIONS``:
"tyrannical" -> "tyranny", "treacherous" -> "treachery", "repressive" -> "repression"); a form
that is no word is harmless, it never matches a token.
"""

from __future__ import annotations

import argparse
import json
import re
from importlib import metadata, resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1.5  # VADER's mean rating runs from -4 to 4; 1.5 keeps words raters found clearly so
AFINN_LIMIT = 2  # AFINN's integer rating runs from -5 to 5; 2 is the step above mild
# adjective suffix -> noun suffix: the regular nominalisations of evaluative adjectives
DERIVATIONS = (("ical", "y"), ("ic", "y"), ("ous", "y"), ("ive", "ion"))
_CALL = re.compile(r"^- \* ([A-Z]+)\s+\[(1[01]\d*)\]")  # "- * DICTATOR   [111]" (a disapproval)


def rated(rows: list[tuple[str, float]], limit: float) -> tuple[list[str], list[str]]:
    """The single words rated at most ``-limit`` (negative) and at least ``limit`` (positive);
    emoticons, abbreviations and phrases are left out."""
    words = [(w, x) for w, x in rows if re.fullmatch(r"[a-z][a-z\-]+", w)]
    return [w for w, x in words if x <= -limit], [w for w, x in words if x >= limit]


def vader(limit: float) -> tuple[list[str], list[str], str]:
    """The negative and positive single words of VADER's lexicon, and its licence."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    rows = [(c[0], float(c[1])) for line in text.splitlines() if len(c := line.split("\t")) > 1]
    dist = metadata.distribution("vaderSentiment")
    licence = next(
        (f.read_text() for f in dist.files or [] if f.name.startswith("LICENSE")), "MIT"
    )
    return *rated(rows, limit), str(licence)


def afinn(limit: int) -> tuple[list[str], list[str], str]:
    """The negative and positive single words of AFINN-165, and its licence."""
    data = resources.files("afinn").joinpath("data")
    text = data.joinpath("AFINN-en-165.txt").read_text("utf-8")
    rows = [(w, float(x)) for w, _, x in (line.rpartition("\t") for line in text.splitlines())]
    return *rated(rows, limit), data.joinpath("LICENSE").read_text("utf-8")


def nominalised(words: set[str]) -> set[str]:
    """The nouns of the adjectives among ``words`` by the regular derivations ("oppressive" ->
    "oppression"), keeping a stem of at least four letters."""
    out = set()
    for w in words:
        for adj, noun in DERIVATIONS:
            if w.endswith(adj) and len(w) - len(adj) >= 4:
                out.add(w[: -len(adj)] + noun)
                break
    return out - words


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
    a_neg, a_pos, a_licence = afinn(AFINN_LIMIT)
    call = cameo_call_words(petrarch / "CAMEO.2.0.txt")
    negative = set(neg) | set(a_neg) | set(call)
    positive = (set(pos) | set(a_pos)) - negative
    negative, positive = negative | nominalised(negative), positive | nominalised(positive)
    both = negative & positive
    data = {
        "about": (
            "Evaluative words derived by tools/derive_evaluative.py: VADER's sentiment lexicon "
            f"(vaderSentiment {metadata.version('vaderSentiment')}, vader_lexicon.txt, MIT, "
            f"C.J. Hutto), single words rated <= -{LIMIT} (negative) or >= {LIMIT} (positive); "
            "and the predicate words of PETRARCH2's CALL patterns coded CAMEO 11x "
            "(openeventdata/petrarch2 data/dictionaries/CAMEO.2.0.txt, MIT); AFINN-165 "
            "(afinn 0.1, AFINN-en-165.txt, Open Database License, F.A. Nielsen), words rated "
            f"<= -{AFINN_LIMIT} or >= {AFINN_LIMIT}; and the nouns of those adjectives by "
            "regular derivation (-ic/-ical/-ous -> -y, -ive -> -ion). This list is a database "
            "derived from AFINN and is offered under the Open Database License v1.0."
        ),
        "licence_vader": licence,
        "licence_petrarch2": (petrarch / "LICENSE").read_text(encoding="utf-8"),
        "licence_afinn": a_licence,
        "negative": sorted(negative - both),
        "positive": sorted(positive - both),
    }
    args.out.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
    print(f"{len(data['negative'])} negative, {len(data['positive'])} positive -> {args.out}")


if __name__ == "__main__":
    main()

"""The CAMEO verb lexicon derived from PETRARCH2's dictionary (``data/cameo_verbs.json``, built
by ``tools/derive_cameo_lexicon.py``): which PLOVER types a verb form is coded as in CAMEO."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

CAMEO_FILE = Path(__file__).parent / "data" / "cameo_verbs.json"
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def form_types() -> dict[str, str]:
    """Verb form -> the PLOVER type most of its CAMEO patterns are coded as (one-word verbs)."""
    if not CAMEO_FILE.is_file():
        return {}
    verbs = json.loads(CAMEO_FILE.read_text(encoding="utf-8"))["verbs"]
    out: dict[str, str] = {}
    for lemma, entry in verbs.items():
        if " " in lemma or not entry["types"]:
            continue
        top = max(entry["types"].items(), key=lambda kv: kv[1])[0]
        for form in entry["forms"]:
            out.setdefault(form, top)
    return out


def cameo_types(text: str) -> list[str]:
    """The CAMEO-derived PLOVER type of every verb form in the text, in order."""
    index = form_types()
    return [index[w] for w in _WORD.findall(text.lower()) if w in index]

"""The actors stage's word lists: every file of ``actors/lexicon/`` is read once, through here,
so a word list has one file and one loader."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

LEXICON = Path(__file__).parent / "lexicon"


@cache
def wordlist(name: str) -> dict[str, Any]:
    """The parsed ``actors/lexicon/<name>.yaml``."""
    data: dict[str, Any] = yaml.safe_load((LEXICON / f"{name}.yaml").read_text(encoding="utf-8"))
    return data

"""The word lists the time finder reads, loaded once from ``lexicon.yaml`` and validated.

Keeping the words in YAML lets a user add a language variant or a holiday without touching the
rules; validating at load turns a typo in that file into a clear error instead of a silent miss.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tidings.errors import TidingsError

_REQUIRED = (
    "months",
    "ambiguous_months",
    "weekdays",
    "seasons",
    "day_parts",
    "numbers",
    "ordinals",
    "relative",
    "period_parts",
    "vague",
    "name_prefixes",
    "non_year_followers",
    "non_year_leaders",
    "year_leaders",
    "future_heads",
    "future_auxiliaries",
    "forward_verbs",
    "day_anaphor_leaders",
)


class LexiconError(TidingsError):
    """The time lexicon file is missing a key or has a malformed entry."""


@dataclass(frozen=True)
class Season:
    code: str
    first_month: int
    last_month: int


@dataclass(frozen=True)
class Vague:
    value: str
    days_before: int
    days_after: int


@dataclass(frozen=True)
class Lexicon:
    """All word lists, lower-cased, as lookups."""

    months: dict[str, int]  # every accepted form (full and abbreviated) -> month number
    full_months: frozenset[str]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    seasons: dict[str, Season]
    day_parts: tuple[str, ...]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    relative: dict[str, int]
    period_parts: dict[str, tuple[float, float]]
    vague: dict[str, Vague]
    vague_unlisted: frozenset[str]
    name_prefixes: frozenset[str]
    non_year_followers: frozenset[str]
    non_year_leaders: frozenset[str]
    year_leaders: frozenset[str]
    future_heads: frozenset[str]
    future_auxiliaries: frozenset[str]
    forward_verbs: frozenset[str]
    day_anaphor_leaders: frozenset[str]


def _words(raw: Any, key: str) -> frozenset[str]:
    if not isinstance(raw, list) or not all(isinstance(w, str | int) for w in raw):
        raise LexiconError(f"time lexicon: {key!r} must be a list of words")
    return frozenset(str(w).lower() for w in raw)


def _int_map(raw: Any, key: str) -> dict[str, int]:
    if not isinstance(raw, dict) or not all(isinstance(v, int) for v in raw.values()):
        raise LexiconError(f"time lexicon: {key!r} must map words to integers")
    return {str(k).lower(): int(v) for k, v in raw.items()}


def parse(data: Any) -> Lexicon:
    """Validate the YAML structure and build the lookups."""
    if not isinstance(data, dict):
        raise LexiconError("time lexicon: the file must hold a mapping")
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise LexiconError(f"time lexicon: missing keys {missing}")
    months: dict[str, int] = {}
    full: set[str] = set()
    for name, entry in data["months"].items():
        if not (isinstance(entry, list) and len(entry) == 2 and 1 <= int(entry[0]) <= 12):
            raise LexiconError(f"time lexicon: month {name!r} must be [number, [abbreviations]]")
        months[str(name).lower()] = int(entry[0])
        full.add(str(name).lower())
        for abbr in entry[1]:
            months[str(abbr).lower()] = int(entry[0])
    seasons: dict[str, Season] = {}
    for name, entry in data["seasons"].items():
        if not (isinstance(entry, list) and len(entry) == 3):
            raise LexiconError(f"time lexicon: season {name!r} must be [code, first, last]")
        seasons[str(name).lower()] = Season(str(entry[0]), int(entry[1]), int(entry[2]))
    parts: dict[str, tuple[float, float]] = {}
    for name, entry in data["period_parts"].items():
        if not (isinstance(entry, list) and len(entry) == 2 and 0 <= entry[0] < entry[1] <= 1):
            raise LexiconError(f"time lexicon: period part {name!r} must be [from, to] in 0..1")
        parts[str(name).lower()] = (float(entry[0]), float(entry[1]))
    vague: dict[str, Vague] = {}
    for phrase, entry in data["vague"].items():
        if not (isinstance(entry, list) and len(entry) == 3):
            raise LexiconError(f"time lexicon: vague {phrase!r} must be [value, before, after]")
        vague[str(phrase).lower()] = Vague(str(entry[0]), int(entry[1]), int(entry[2]))
    weekdays = _int_map(data["weekdays"], "weekdays")
    if sorted(weekdays.values()) != list(range(7)):
        raise LexiconError("time lexicon: weekdays must number 0 (Monday) to 6 (Sunday)")
    return Lexicon(
        months=months,
        full_months=frozenset(full),
        ambiguous_months=_words(data["ambiguous_months"], "ambiguous_months"),
        weekdays=weekdays,
        seasons=seasons,
        day_parts=tuple(sorted(_words(data["day_parts"], "day_parts"), key=len, reverse=True)),
        numbers=_int_map(data["numbers"], "numbers"),
        ordinals=_int_map(data["ordinals"], "ordinals"),
        relative=_int_map(data["relative"], "relative"),
        period_parts=parts,
        vague=vague,
        vague_unlisted=frozenset(str(w).lower() for w in data.get("vague_unlisted") or ()),
        name_prefixes=_words(data["name_prefixes"], "name_prefixes"),
        non_year_followers=_words(data["non_year_followers"], "non_year_followers"),
        non_year_leaders=_words(data["non_year_leaders"], "non_year_leaders"),
        year_leaders=_words(data["year_leaders"], "year_leaders"),
        future_heads=_words(data["future_heads"], "future_heads"),
        future_auxiliaries=_words(data["future_auxiliaries"], "future_auxiliaries"),
        forward_verbs=_words(data["forward_verbs"], "forward_verbs"),
        day_anaphor_leaders=_words(data["day_anaphor_leaders"], "day_anaphor_leaders"),
    )


@cache
def load(path: str | None = None) -> Lexicon:
    """The packaged lexicon, or the one at ``path``; cached because every article reads it."""
    if path is None:
        text = resources.files("tidings.times").joinpath("lexicon.yaml").read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"time lexicon: not valid YAML: {exc}") from exc
    return parse(data)

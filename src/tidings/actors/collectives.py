"""Collective nouns and name words with what they say about a body, from one table.

The ``collectives`` table of ``actors/lexicon/groups.yaml`` is the one list: the actor kind a
name ending in a word gets, the state force a bare noun names, which singular nouns name a whole
body and which take plural agreement. Each stage reads the view it needs from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Collectives:
    """Views of the table, each keyed by the lower-cased word."""

    name_kinds: dict[str, str]  # "party" -> "party", "times" -> "media"
    force_units: dict[str, str]  # "police" -> "POLICE", "troop" -> "MIL"
    bodies: frozenset[str]  # "government", "militia": one body of many
    plural: frozenset[str]  # "police", "army": "police said they"


@lru_cache(maxsize=1)
def collectives() -> Collectives:
    """The table read once (through the group lexicon's loader)."""
    from tidings.actors.resolve import group_lexicon

    table: dict[str, dict[str, object]] = group_lexicon()["collectives"]
    return Collectives(
        name_kinds={w: str(e["name_kind"]) for w, e in table.items() if "name_kind" in e},
        force_units={w: str(e["force"]) for w, e in table.items() if "force" in e},
        bodies=frozenset(w for w, e in table.items() if e.get("body")),
        plural=frozenset(w for w, e in table.items() if e.get("plural")),
    )

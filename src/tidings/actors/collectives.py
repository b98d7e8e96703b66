"""Collective nouns and name words with what they say about a body, from one table.

``actors/lexicon/collectives.yaml`` is the one list: each word's actor kind written once, and
where the word serves: as the head of an unnamed group phrase, as the last word of a name, as a
state's institution after a country's name, as the state force a bare noun names, which
singular nouns name a whole body and which take plural agreement. Each stage reads the view it
needs from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from tidings.actors.wordlists import wordlist


@dataclass(frozen=True)
class Collectives:
    """Views of the table, each keyed by the lower-cased word."""

    group_kinds: dict[str, str]  # "protesters" -> "civilians": heads of unnamed group phrases
    name_kinds: dict[str, str]  # "party" -> "party", "times" -> "media", "group" -> "business"
    institutions: dict[str, str]  # "assembly" -> "government" ("the Montenegro Assembly")
    need_modifier: frozenset[str]  # "pupils": an actor only when counted or marked
    uncounted: frozenset[str]  # "people": no actor even when counted
    corporate_suffixes: frozenset[str]  # "inc", "ltd": dropped when grouping company names
    force_units: dict[str, str]  # "police" -> "POLICE", "troop" -> "MIL"
    bodies: frozenset[str]  # "government", "militia": one body of many
    plural: frozenset[str]  # "police", "army": "police said they"
    definite: frozenset[str]  # "government": "the government" names the story's one body


@lru_cache(maxsize=1)
def collectives() -> Collectives:
    """The table read once."""
    table: dict[str, dict[str, object]] = wordlist("collectives")["collectives"]

    def words(flag: str) -> frozenset[str]:
        return frozenset(w for w, e in table.items() if e.get(flag))

    def kinds(keep: str) -> dict[str, str]:
        return {w: str(e["kind"]) for w, e in table.items() if "kind" in e and e.get(keep, False)}

    heads = {w: str(e["kind"]) for w, e in table.items() if "kind" in e and e.get("head", True)}
    names = {
        w: str(e.get("name_kind") or e["kind"])
        for w, e in table.items()
        if "name_kind" in e or e.get("name")
    }
    return Collectives(
        group_kinds=heads,
        name_kinds=names,
        institutions=kinds("institution"),
        need_modifier=words("need_modifier"),
        uncounted=words("uncounted"),
        corporate_suffixes=words("corporate_suffix"),
        force_units={w: str(e["force"]) for w, e in table.items() if "force" in e},
        bodies=words("body"),
        plural=words("plural"),
        definite=words("definite"),
    )


_MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})


def force_unit(head: Token) -> str | None:
    """The state force a plain force phrase headed by ``head`` names, as the KB's unit suffix
    ("police", "riot police", "police officers" -> POLICE; "troops" -> MIL; "authorities" ->
    GOV); None when a modifier says whose or which ("Kenyan police", "IRGC troops")."""
    units = collectives().force_units
    lemma = _singular(head)
    mods = [c for c in head.children if c.dep_ in _MODIFIER_DEPS]
    two = f"{mods[-1].lower_} {lemma}" if mods else lemma
    unit = units.get(two) or units.get(lemma)
    plain = wordlist("groups")["force_modifiers"]
    if unit is None or any(m.lower_ not in plain for m in mods):
        return None
    return unit


def _singular(tok: Token) -> str:
    """The lemma, also of a plural the tagger took for a name ("Troops shelled ...")."""
    lemma, units = tok.lemma_.lower(), collectives().force_units
    if lemma in units or tok.tag_ not in ("NNP", "NNPS"):
        return lemma
    for plural, single in (("men", "man"), ("s", "")):
        if lemma.endswith(plural) and lemma[: -len(plural)] + single in units:
            return lemma[: -len(plural)] + single
    return lemma


AGENT_NOUNS = Path(__file__).parent.parent / "events" / "data" / "agent_nouns.json"


@lru_cache(maxsize=1)
def agent_kinds() -> dict[str, str]:
    """PETRARCH2's generic agent nouns with the actor kind of their sector ("prosecutor" ->
    "government"), for heads the collectives table does not list; one kind per noun, the
    first of its sectors that ``agent_sectors.yaml`` maps."""
    table = wordlist("agent_sectors")
    sectors: dict[str, str] = table["sectors"]
    nouns = json.loads(AGENT_NOUNS.read_text(encoding="utf-8"))["nouns"]
    out: dict[str, str] = {}
    for noun, codes in nouns.items():
        if noun in table["not_agents"]:
            continue
        kinds = [sectors[c] for c in codes if c in sectors]
        if kinds:
            out[noun] = kinds[0]
    return out

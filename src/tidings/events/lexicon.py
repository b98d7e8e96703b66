"""The event lexicon: trigger words and phrases with their PLOVER type, mode and argument frame.

The lexicon is data (``data/lexicon.yaml``), validated here when it is loaded so that a typo in a
type, a mode that does not belong to its type, or a reference to an unknown word class fails
loudly with the entry named, instead of silently producing no events. A user may pass their own
file with the same format.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tidings.errors import InputError
from tidings.model import PLOVER_TYPES, PloverType

DATA = Path(__file__).parent / "data" / "lexicon.yaml"
AGENTS = Path(__file__).parent / "data" / "agent_nouns.json"
ROLES = Path(__file__).parent / "data" / "type_roles.yaml"

# Where a derived trigger's target stands when its object is a word of the pattern ("rushed aid
# to X"): PETRARCH2's patterns mark it "(TO +)", which the one-word patterns derived here omit.
DERIVED_TARGET_PREPS = ("to", "against", "on", "with")

ComplementKind = Literal[
    "embed", "commit", "intend", "prepare", "causative", "pass", "absorb", "deny"
]


class When(BaseModel):
    """Conditions choosing one sense of a word; every given condition must hold."""

    model_config = ConfigDict(extra="forbid")

    object: list[str] | None = None
    no_object: bool | list[str] | None = None
    subject: list[str] | None = None
    subject_kind: list[str] | None = None
    no_subject_kind: list[str] | None = None
    modifier: list[str] | None = None
    no_modifier: list[str] | None = None
    prep: list[str] | None = None
    no_prep: list[str] | None = None
    light: list[str] | None = None
    governed: bool | None = None
    joint: bool | None = None
    complement: bool | None = None
    # the complement's own verb is one of these ("declined to comment": a statement withheld)
    complement_verb: list[str] | None = None
    # the complement is an infinitive with its own subject, someone else than the word's subject
    # ("wants Poland to withdraw": the wish is put to Poland, a demand; "wants to withdraw" is not)
    complement_subject: bool | None = None
    # what the object is called ("called the ruling a farce", "described X as a disaster"):
    # the predicate noun or adjective, or one of its modifiers, matches
    predicate: list[str] | None = None
    object_actor: bool | None = None
    agentive: bool | None = None
    active: bool | None = None


class Trigger(BaseModel):
    """One sense of a trigger word: what event it names and where its participants are."""

    model_config = ConfigDict(extra="forbid")

    key: str = ""
    pos: Literal["verb", "noun", "adj"] = "verb"
    type: PloverType | None
    mode: str | None = None
    cameo: str | None = Field(None, pattern=r"^[0-9]{2,4}$")
    when: When | None = None
    subject: Literal["source", "target", "none"] = "source"
    object: Literal["target", "source", "none"] = "target"
    target_preps: list[str] = Field(default_factory=list)
    source_preps: list[str] = Field(default_factory=list)
    of: Literal["target", "source"] = "target"
    reflexive: bool = False
    complement: ComplementKind | None = None
    complement_preps: list[str] = Field(default_factory=list)
    fatal: bool = False
    future: bool = False
    reporting: bool = False
    # The word tells that nothing was done ("declined to comment"): no event, and the classifier
    # proposes none on its sentence.
    silent: bool = False
    # Where the entry comes from ("PETRARCH2 PROHIBIT [172]"): a broad resource, checked in tests.
    provenance: str | None = None
    # Derived from the CAMEO dictionary (``data/cameo_triggers.json``), not written here: kept
    # only where the lexicon's own entries find nothing, and, like PETRARCH2's codings, only with
    # a named source (and a target, for a bare verb).
    derived: bool = False

    @field_validator("cameo", mode="before")
    @classmethod
    def _str(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) else v


@dataclass(frozen=True)
class Phrase:
    """A word or phrase: its head lemma, the other lemmas it needs, and its senses."""

    key: str
    head: str
    rest: tuple[str, ...]
    senses: tuple[Trigger, ...]


@dataclass
class Lexicon:
    """The validated lexicon, indexed by head lemma (longest phrases first)."""

    modes: dict[str, tuple[str, ...]]
    classes: dict[str, frozenset[str]]
    verbs: dict[str, list[Phrase]] = field(default_factory=dict)
    nouns: dict[str, list[Phrase]] = field(default_factory=dict)
    adjectives: dict[str, list[Phrase]] = field(default_factory=dict)
    derived_verbs: dict[str, list[Phrase]] = field(default_factory=dict)  # cameo_triggers.json
    instruments: dict[str, str] = field(default_factory=dict)
    non_agent_causes: frozenset[str] = frozenset()
    cause_prepositions: frozenset[str] = frozenset()
    agent_nouns: frozenset[str] = frozenset()
    generic_agents: frozenset[str] = frozenset()  # PETRARCH2's agents (data/agent_nouns.json)
    literal_subjects: tuple[str, ...] = ()  # what a violent verb's subject may be, literally
    agent_suffixes: tuple[str, ...] = ()  # endings of agent nouns ("attacker", "extremist")
    object_control: frozenset[str] = frozenset()
    light_agent: frozenset[str] = frozenset()
    light_recipient: frozenset[str] = frozenset()
    causative: frozenset[str] = frozenset()
    support_nouns: frozenset[str] = frozenset()
    plural_descriptions: dict[str, frozenset[str]] = field(default_factory=dict)
    complement_maps: dict[str, dict[str, str]] = field(default_factory=dict)
    complement_modes: dict[str, dict[str, str]] = field(default_factory=dict)
    roles: dict[str, frozenset[str]] = field(default_factory=dict)  # data/type_roles.yaml
    turn: dict[str, dict[str, str]] = field(default_factory=dict)  # data/type_roles.yaml

    def has_role(self, type_: str | None, role: str) -> bool:
        """Does the per-type rule ``role`` apply to this PLOVER type (``type_roles.yaml``)?"""
        return type_ is not None and type_ in self.roles[role]

    def matches(self, lemma: str, specs: list[str] | None) -> bool:
        """True when ``lemma`` is one of ``specs`` (lemmas, or ``@class`` names)."""
        if not specs:
            return False
        lemma = lemma.lower()
        for spec in specs:
            if spec.startswith("@"):
                if lemma in self.classes[spec[1:]]:
                    return True
            elif lemma == spec:
                return True
        return False

    def in_class(self, lemma: str, name: str) -> bool:
        return lemma.lower() in self.classes.get(name, frozenset())

    def triggers(self) -> list[Trigger]:
        """Every sense of every entry."""
        out: list[Trigger] = []
        for table in (self.verbs, self.nouns, self.adjectives):
            for phrases in table.values():
                for ph in phrases:
                    out.extend(ph.senses)
        return out

    def __len__(self) -> int:
        return sum(len(p) for t in (self.verbs, self.nouns, self.adjectives) for p in t.values())


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses duplicate keys: a repeated trigger would silently replace one."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,  # type: ignore[arg-type]
)
# YAML 1.1 reads "on", "off", "yes", "no" as booleans; in a word list "on" is a preposition.
_UniqueKeyLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_UniqueKeyLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _phrases(
    section: dict[str, Any], pos: Literal["verb", "noun", "adj"], where: str
) -> dict[str, list[Phrase]]:
    table: dict[str, list[Phrase]] = {}
    for key, raw in (section or {}).items():
        items = raw if isinstance(raw, list) else [raw]
        senses = []
        for item in items:
            try:
                senses.append(Trigger(key=str(key), pos=pos, **item))
            except (ValidationError, TypeError) as exc:
                raise InputError(where, f"{pos} entry {key!r}: {exc}") from exc
        words = str(key).lower().split()
        head, rest = (
            (words[-1], tuple(words[:-1])) if pos == "noun" else (words[0], tuple(words[1:]))
        )
        table.setdefault(head, []).append(Phrase(str(key), head, rest, tuple(senses)))
    for phrases in table.values():
        phrases.sort(key=lambda p: -len(p.rest))
    return table


def _check(lex: Lexicon, where: str) -> None:
    """Types valid, modes valid for their type, classes and complement maps known."""
    for t in lex.modes:
        if t not in PLOVER_TYPES:
            raise InputError(where, f"modes: unknown PLOVER type {t!r}")
    for trig in lex.triggers():
        label = f"{trig.pos} entry {trig.key!r}"
        if trig.mode is not None:
            if trig.type is None or trig.mode not in lex.modes.get(trig.type, ()):
                raise InputError(where, f"{label}: mode {trig.mode!r} is not a mode of {trig.type}")
        if trig.type is None and trig.complement is None:
            raise InputError(where, f"{label}: no type and no complement: it can never fire")
        if trig.complement in ("commit", "intend", "prepare"):
            if trig.complement not in lex.complement_maps:
                raise InputError(where, f"{label}: unknown complement map {trig.complement!r}")
        specs: list[str] = []
        if trig.when is not None:
            for value in trig.when.model_dump().values():
                if isinstance(value, list):
                    specs += value
        for spec in specs:
            if spec.startswith("@") and spec[1:] not in lex.classes:
                raise InputError(where, f"{label}: unknown word class {spec!r}")
    for name, mapping in lex.complement_maps.items():
        for inner, outer in mapping.items():
            if inner not in PLOVER_TYPES or outer not in PLOVER_TYPES:
                raise InputError(where, f"complement map {name!r}: bad type in {inner}->{outer}")
    for outer, mapping in lex.complement_modes.items():
        for inner, mode in mapping.items():
            if inner not in PLOVER_TYPES or mode not in lex.modes.get(outer, ()):
                raise InputError(where, f"complement modes {outer}: bad entry {inner}: {mode}")
    for lemma, mode in lex.instruments.items():
        if mode not in lex.modes["ASSAULT"]:
            raise InputError(where, f"instrument {lemma!r}: {mode!r} is not an ASSAULT mode")


def _words(raw: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in (raw or []))


def parse_lexicon(raw: dict[str, Any], where: str = "<lexicon>") -> Lexicon:
    """Build and validate a `Lexicon` from the loaded YAML mapping."""
    if not isinstance(raw, dict):
        raise InputError(where, "the lexicon must be a YAML mapping")
    modes = {str(t): tuple(m or []) for t, m in (raw.get("modes") or {}).items()}
    missing = [t for t in PLOVER_TYPES if t not in modes]
    if missing:
        raise InputError(where, f"modes: no entry for {missing}")
    light = raw.get("light_verbs") or {}
    lex = Lexicon(
        modes=modes,
        classes={str(k): _words(v) for k, v in (raw.get("classes") or {}).items()},
        verbs=_phrases(raw.get("verbs") or {}, "verb", where),
        nouns=_phrases(raw.get("nouns") or {}, "noun", where),
        adjectives=_phrases(raw.get("adjectives") or {}, "adj", where),
        instruments={str(k).lower(): str(v) for k, v in (raw.get("instruments") or {}).items()},
        non_agent_causes=_words(raw.get("non_agent_causes")),
        cause_prepositions=_words(raw.get("cause_prepositions")),
        agent_nouns=_words(raw.get("agent_nouns")),
        generic_agents=load_agent_nouns(),
        literal_subjects=tuple(str(x) for x in raw.get("literal_subjects") or ()),
        agent_suffixes=tuple(str(x) for x in raw.get("agent_suffixes") or ()),
        **load_type_roles(),
        object_control=_words(raw.get("object_control")),
        light_agent=_words(light.get("agent")),
        light_recipient=_words(light.get("recipient")),
        causative=_words(light.get("causative")),
        support_nouns=_words(raw.get("support_nouns")),
        plural_descriptions={
            str(k).lower(): _words(v) for k, v in (raw.get("plural_descriptions") or {}).items()
        },
        complement_maps={
            str(k): {str(a): str(b) for a, b in v.items()}
            for k, v in (raw.get("complement_maps") or {}).items()
        },
        complement_modes={
            str(k): {str(a): str(b) for a, b in v.items()}
            for k, v in (raw.get("complement_modes") or {}).items()
        },
    )
    if raw.get("evaluative_words"):
        lex.classes.update(evaluative_classes(Path(str(raw["evaluative_words"]))))
    if raw.get("derived_triggers"):
        lex.derived_verbs = derived_verbs(Path(str(raw["derived_triggers"])), lex)
    _check(lex, where)
    return lex


def evaluative_classes(path: Path) -> dict[str, frozenset[str]]:
    """The word classes ``negative`` and ``positive`` (``tools/derive_evaluative.py``: VADER's
    rated words and PETRARCH2's CALL predicates); a relative path is read beside the lexicon."""
    path = path if path.is_absolute() else DATA.parent / path
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {k: _words(data[k]) for k in ("negative", "positive")}
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(str(path), f"cannot read the evaluative words: {exc}") from exc


def derived_verbs(path: Path, lex: Lexicon) -> dict[str, list[Phrase]]:
    """The verb phrases derived from PETRARCH2's dictionary (``tools/derive_cameo_lexicon.py``):
    a verb with the word its pattern needs ("rush aid"); a relative path is read beside the
    packaged lexicon. A mode the crosswalk gives that is no mode of the type here is left out."""
    path = path if path.is_absolute() else DATA.parent / path
    try:
        verbs = json.loads(path.read_text(encoding="utf-8"))["verbs"]
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(str(path), f"cannot read the derived triggers: {exc}") from exc
    section = {}
    for key, e in verbs.items():
        if " " not in key:
            continue  # a bare verb: measured too noisy to code on its own (docs/events.md)
        mode = e.get("mode") if e.get("mode") in lex.modes.get(e["type"], ()) else None
        section[key] = {
            "type": e["type"],
            "mode": mode,
            "cameo": e.get("cameo"),
            "provenance": e.get("provenance"),
            "derived": True,
            "target_preps": list(DERIVED_TARGET_PREPS),
            "object": "none",
        }
    return _phrases(section, "verb", str(path))


@lru_cache(maxsize=1)
def load_agent_nouns(path: Path = AGENTS) -> frozenset[str]:
    """The one-word generic agents derived from PETRARCH2 (``tools/derive_agent_nouns.py``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot read the agent nouns: {exc}") from exc
    return frozenset(str(w) for w in data.get("nouns", {}))


@lru_cache(maxsize=1)
def load_type_roles(path: Path = ROLES) -> dict[str, Any]:
    """Which types each per-type rule applies to and what types become, validated."""
    raw = read_raw(path)
    where = str(path)
    if not isinstance(raw, dict):
        raise InputError(where, "the type roles must be a YAML mapping")
    roles = {str(k): frozenset(str(t) for t in v) for k, v in (raw.get("roles") or {}).items()}
    turn = {
        str(k): {str(a): str(b) for a, b in v.items()} for k, v in (raw.get("turn") or {}).items()
    }
    named = [t for ts in roles.values() for t in ts]
    named += [t for m in turn.values() for pair in m.items() for t in pair]
    bad = sorted({t for t in named if t not in PLOVER_TYPES})
    if bad:
        raise InputError(where, f"unknown PLOVER types {bad}")
    return {"roles": roles, "turn": turn}


def read_raw(path: str | Path | None = None) -> Any:
    """The YAML content of a lexicon file, duplicate keys refused, "on" kept a word."""
    path = Path(path) if path is not None else DATA
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read lexicon: {exc}") from exc
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise InputError(str(path), f"invalid YAML: {exc}") from exc


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Load a lexicon file (default: the shipped one), validated."""
    path = Path(path) if path is not None else DATA
    return parse_lexicon(read_raw(path), str(path))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped lexicon, loaded once."""
    return load_lexicon()

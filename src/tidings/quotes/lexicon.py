"""The cue lexicon of the quotes stage, loaded from ``data/cues.yaml`` and checked at load.

Reporting verbs carry a class (neutral, claimed, denial, ...) so that the events stage can tell
"X said" from "X claimed" and "X denied" without a list of its own: `cue_class` maps the ``cue``
of a `Quote` back to that class.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tidings.errors import TidingsError

DEFAULT_CUES = Path(__file__).parent / "data" / "cues.yaml"

# Every class a reporting cue may carry; a cues file naming another is refused.
CUE_CLASSES = (
    "neutral",
    "claimed",
    "denial",
    "confirmation",
    "admission",
    "hedged",
    "prediction",
    "warning",
    "threat",
    "promise",
    "accusation",
    "request",
    "naming",
    "negated",
    "belief",
    "fear",
    "intention",
    "knowledge",
    "evidence",
    "source",
    "approval",
    "disapproval",
    "rejection",
)

# What a cue attributes (`Quote.cue_kind`); a class the cues file does not map attributes speech.
CUE_KINDS = ("speech", "belief", "intention", "knowledge", "source")
CERTAINTIES = ("certain", "probable", "possible", "claimed", "alleged", "denied")

_LIST_KEYS = (
    "elisions",
    "naming_verbs",
    "passive_speaker_verbs",
    "channel_nouns",
    "platforms",
    "media_nouns",
    "spokesperson_nouns",
    "term_cues",
    "title_nouns",
    "empty_subjects",
    "speech_nouns",
    "infinitive_verbs",
    "reflexives",
    "reason_marks",
    "clause_objects",
)


@dataclass(frozen=True)
class MarkFamily:
    """Opening, closing and two-way quote marks of one family (double, single, ...)."""

    name: str
    open: str
    close: str
    either: str


@dataclass(frozen=True)
class Cues:
    """Everything the quotes stage knows about words, as read from one cues file."""

    marks: tuple[MarkFamily, ...]
    elisions: frozenset[str]
    verbs: dict[str, str]
    object_verbs: dict[str, frozenset[str] | None]  # None: any object noun
    naming_verbs: frozenset[str]
    passive_speaker_verbs: frozenset[str]
    source_phrases: dict[str, str]
    channel_nouns: frozenset[str]
    platforms: frozenset[str]
    media_nouns: frozenset[str]
    spokesperson_nouns: frozenset[str]
    term_cues: tuple[str, ...]
    title_nouns: frozenset[str]
    empty_subjects: frozenset[str]
    speech_nouns: frozenset[str]
    pronouns: dict[str, frozenset[str]]
    infinitive_verbs: frozenset[str] = frozenset()
    reflexives: frozenset[str] = frozenset()
    reason_marks: frozenset[str] = frozenset()
    clause_objects: frozenset[str] = frozenset()  # "the poll showed her ahead": object onward
    prep_objects: dict[str, frozenset[str]] | None = None  # verb -> prepositions of its content
    cue_kinds: dict[str, str] | None = None  # cue class -> cue kind
    certainty: dict[str, str] | None = None  # cue class -> certainty of what it reports
    # verbs that attribute only with a finite clause ("implied that …"), from a grammar's
    # verb classes (data/cues_grammar.yaml); a verb of ``verbs`` is never one of them
    clause_verbs: dict[str, str] | None = None
    # nouns that attribute the that-clause they govern ("his claim that …"), same source
    clause_nouns: dict[str, str] | None = None
    # verbs of stance and intention ("criticised the plan", "declined to comment"), derived from
    # CAMEO's verbal codes (data/cues_cameo.yaml); a verb of ``verbs`` is never one of them
    stance_verbs: dict[str, str] | None = None

    def is_cue(self, lemma: str) -> bool:
        return lemma.lower() in self.verbs

    def is_clause_cue(self, lemma: str) -> bool:
        """A verb that reports only what a finite clause after it says ("implied that …")."""
        w = lemma.lower()
        return w in (self.clause_verbs or {}) and w not in self.verbs

    def is_stance_cue(self, lemma: str) -> bool:
        """A verb of stance or intention: it attributes a clause, an infinitive or an object."""
        w = lemma.lower()
        return w in (self.stance_verbs or {}) and w not in self.verbs

    def kind_of(self, cls: str | None) -> str:
        """The cue kind of a cue class: speech unless the cues file says otherwise."""
        return (self.cue_kinds or {}).get(cls or "", "speech")

    def pronoun_kind(self, word: str) -> str | None:
        """'person', 'group' or 'organisation' for a pronoun that can name a speaker."""
        w = word.lower()
        return next((k for k, ws in self.pronouns.items() if w in ws), None)


def _fail(path: Path, msg: str) -> TidingsError:
    return TidingsError(f"cues file {path}: {msg}")


def _str_list(raw: dict[str, Any], key: str, path: Path) -> list[str]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, f"{key!r} must be a list of strings")
    return value


def _classes(raw: dict[str, Any], key: str, path: Path) -> dict[str, str]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise _fail(path, f"{key!r} must map words to a cue class")
    out = {}
    for word, cls in value.items():
        if cls not in CUE_CLASSES:
            raise _fail(path, f"{key}.{word}: unknown class {cls!r} (one of {CUE_CLASSES})")
        out[str(word).lower()] = cls
    return out


def _objects(raw: dict[str, Any], path: Path) -> dict[str, frozenset[str] | None]:
    value = raw.get("object_verbs", {})
    if not isinstance(value, dict):
        raise _fail(path, "'object_verbs' must map verbs to '*' or a list of object nouns")
    out: dict[str, frozenset[str] | None] = {}
    for verb, nouns in value.items():
        if nouns == "*":
            out[str(verb).lower()] = None
        elif isinstance(nouns, list) and all(isinstance(n, str) for n in nouns):
            out[str(verb).lower()] = frozenset(n.lower() for n in nouns)
        else:
            raise _fail(path, f"object_verbs.{verb}: must be '*' or a list of nouns")
    return out


def _preps(raw: dict[str, Any], path: Path) -> dict[str, frozenset[str]]:
    value = raw.get("prep_objects", {})
    if not isinstance(value, dict) or not all(
        isinstance(v, list) and all(isinstance(p, str) for p in v) for v in value.values()
    ):
        raise _fail(path, "'prep_objects' must map verbs to lists of prepositions")
    return {str(k).lower(): frozenset(p.lower() for p in v) for k, v in value.items()}


def _mapping(raw: dict[str, Any], key: str, allowed: tuple[str, ...], path: Path) -> dict[str, str]:
    """A map from cue classes to one of ``allowed`` (cue kinds, certainties)."""
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise _fail(path, f"{key!r} must map cue classes to one of {allowed}")
    for cls, to in value.items():
        if cls not in CUE_CLASSES or to not in allowed:
            raise _fail(path, f"{key}.{cls}: must map a cue class to one of {allowed}")
    return {str(k): str(v) for k, v in value.items()}


def parse_cues(raw: Any, path: Path = DEFAULT_CUES) -> Cues:
    """Check a loaded cues mapping and build the `Cues` record; errors name the key."""
    if not isinstance(raw, dict):
        raise _fail(path, "must be a mapping")
    families = []
    for name, fam in (raw.get("marks") or {}).items():
        if not isinstance(fam, dict) or not all(isinstance(fam.get(k, ""), str) for k in fam):
            raise _fail(path, f"marks.{name} must map open/close/either to strings")
        families.append(
            MarkFamily(name, fam.get("open", ""), fam.get("close", ""), fam.get("either", ""))
        )
    seen: set[str] = set()
    for fam in families:
        chars = fam.open + fam.close + fam.either
        if seen & set(chars):
            raise _fail(path, f"marks.{fam.name} reuses a mark of another family")
        seen.update(chars)
    lists = {key: _str_list(raw, key, path) for key in _LIST_KEYS}
    pronouns_raw = raw.get("pronouns", {})
    if not isinstance(pronouns_raw, dict):
        raise _fail(path, "'pronouns' must map a kind to a list of pronouns")
    pronouns = {
        str(k): frozenset(w.lower() for w in _str_list(pronouns_raw, k, path)) for k in pronouns_raw
    }
    low = {k: frozenset(w.lower() for w in v) for k, v in lists.items() if k != "platforms"}
    return Cues(
        marks=tuple(families),
        elisions=low["elisions"],
        verbs=_classes(raw, "verbs", path),
        object_verbs=_objects(raw, path),
        naming_verbs=low["naming_verbs"],
        passive_speaker_verbs=low["passive_speaker_verbs"],
        source_phrases=_classes(raw, "source_phrases", path),
        channel_nouns=low["channel_nouns"],
        platforms=frozenset(lists["platforms"]),
        media_nouns=low["media_nouns"],
        spokesperson_nouns=low["spokesperson_nouns"],
        term_cues=tuple(sorted((p.lower() for p in lists["term_cues"]), key=len, reverse=True)),
        title_nouns=low["title_nouns"],
        empty_subjects=low["empty_subjects"],
        speech_nouns=low["speech_nouns"],
        pronouns=pronouns,
        infinitive_verbs=low["infinitive_verbs"],
        reflexives=low["reflexives"],
        reason_marks=low["reason_marks"],
        clause_objects=low["clause_objects"],
        prep_objects=_preps(raw, path),
        cue_kinds=_mapping(raw, "cue_kinds", CUE_KINDS, path),
        certainty=_mapping(raw, "certainty", CERTAINTIES, path),
        clause_verbs=_classes(raw, "clause_verbs", path),
        clause_nouns=_classes(raw, "clause_nouns", path),
        stance_verbs=_classes(raw, "stance_verbs", path),
    )


def _grammar_words(
    raw: dict[str, Any],
    path: Path,
    groups_key: str,
    words_key: str,
    files_key: str = "clause_verb_files",
) -> dict[str, str]:
    """The words of the grammar files a cues file names (``clause_verb_files``, relative to
    it), each group with its source: one mapping of word to cue class."""
    out: dict[str, str] = {}
    for name in _str_list(raw, files_key, path):
        sub = path.parent / name
        try:
            data = yaml.safe_load(sub.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise _fail(sub, f"cannot be read: {exc}") from exc
        groups = data.get(groups_key, []) if isinstance(data, dict) else None
        if not isinstance(groups, list):
            raise _fail(sub, f"{groups_key!r} must be a list of {{source, {words_key}}}")
        for g in groups:
            if not isinstance(g, dict) or not isinstance(g.get("source"), str):
                raise _fail(sub, "every group needs a 'source' naming where its words come from")
            out.update(_classes(g, words_key, sub))
    return out


@lru_cache(maxsize=8)
def load_cues(path: Path = DEFAULT_CUES) -> Cues:
    """Read and check a cues file (cached: the stage reads it once per process)."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise _fail(Path(path), f"cannot be read: {exc}") from exc
    if isinstance(raw, dict) and raw.get("clause_verb_files"):
        verbs = _grammar_words(raw, Path(path), "groups", "verbs")
        nouns = _grammar_words(raw, Path(path), "noun_groups", "nouns")
        raw = {
            **raw,
            "clause_verbs": {**verbs, **(raw.get("clause_verbs") or {})},
            "clause_nouns": {**nouns, **(raw.get("clause_nouns") or {})},
        }
    if isinstance(raw, dict) and raw.get("stance_verb_files"):
        stance = _grammar_words(raw, Path(path), "groups", "verbs", "stance_verb_files")
        raw = {**raw, "stance_verbs": {**stance, **(raw.get("stance_verbs") or {})}}
    return parse_cues(raw, Path(path))


def cue_class(cue: str | None, cues: Cues | None = None) -> str | None:
    """The class of a quote's ``cue`` ("claim" -> "claimed", "not deny" -> "negated").

    The events stage calls this to decide certainty and denials from a `Quote`.
    """
    if not cue:
        return None
    cues = cues or load_cues()
    c = cue.lower().strip()
    if c.startswith("not "):
        return "negated"
    return (
        cues.verbs.get(c)
        or cues.source_phrases.get(c)
        or (cues.clause_verbs or {}).get(c)
        or (cues.clause_nouns or {}).get(c)
        or (cues.stance_verbs or {}).get(c)
        or ("neutral" if c == ":" else None)
    )


def cue_certainty(cue: str | None, cues: Cues | None = None) -> str | None:
    """The certainty a quote's cue gives to what it reports ("believe" -> "probable"), or None
    when the cue implies nothing beyond who says so."""
    cues = cues or load_cues()
    return (cues.certainty or {}).get(cue_class(cue, cues) or "")

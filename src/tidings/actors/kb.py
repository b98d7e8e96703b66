"""The actor knowledge base: who is who, loaded from YAML data files.

Entries live in ``actors/data/*.yaml`` (shipped) plus any user files; a user's entry with the same
id replaces the shipped one. Every entry is validated at load so a typo fails loudly, naming the
file and the entry.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tidings.errors import InputError
from tidings.model import Actor, ActorKind, Span

DATA_DIR = Path(__file__).parent / "data"
# libyaml's loader is eight times faster on the ~2,500-entry KB; the pure one is the fallback.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KBEntry(BaseModel):
    """One actor of the knowledge base."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
    name: str
    kind: ActorKind
    country: str | None = Field(None, description="ISO 3166 alpha-3 (or IGO codes like 'IGO').")
    parent: str | None = None
    sector: str | None = None
    cameo: str | None = None
    aliases: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list, description="'Iranian', 'Iranians'.")
    capital: str | None = None
    metonyms: list[str] = Field(default_factory=list, description="'Tehran' for the government.")
    pejoratives: list[str] = Field(default_factory=list, description="'the Zionists'.")
    wikidata: str | None = Field(None, pattern=r"^Q[0-9]+$")
    note: str | None = None
    case_sensitive: bool = Field(
        False, description="Match aliases only as written (acronyms such as 'AU', 'IS')."
    )

    @field_validator("country")
    @classmethod
    def _upper(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"[A-Z]{3}", v):
            raise ValueError(f"country must be three capital letters, got {v!r}")
        return v

    def names(self) -> list[str]:
        """Every surface form that names this actor (not demonyms)."""
        seen: list[str] = []
        for n in [self.name, *self.aliases, *self.metonyms, *self.pejoratives]:
            if n and n not in seen:
                seen.append(n)
        return seen


MatchKind = Literal["name", "demonym", "metonym", "pejorative"]


class KnowledgeBase:
    """All entries by id, with a surface-form index for the entity ruler."""

    def __init__(self, entries: Iterable[KBEntry]) -> None:
        self.entries: dict[str, KBEntry] = {}
        for e in entries:
            self.entries[e.id] = e

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[KBEntry]:
        return iter(self.entries.values())

    @cached_property
    def _by_form(self) -> dict[str, list[KBEntry]]:
        index: dict[str, list[KBEntry]] = {}
        for e in self.entries.values():
            for form in {*e.names(), *e.demonyms}:
                index.setdefault(form.casefold(), []).append(e)
        return index

    def lookup(self, text: str) -> list[KBEntry]:
        """Entries that a surface form (name, alias, demonym, metonym) names, case-folded."""
        return self._by_form.get(text.casefold().strip(), [])

    @cached_property
    def _people(self) -> dict[str, list[KBEntry]]:
        index: dict[str, list[KBEntry]] = {}
        for e in self.entries.values():
            if e.kind == "person":
                for form in {e.name, *e.aliases}:
                    key = name_key(form)
                    if " " in key:  # full names only: bare surnames are matched exactly
                        index.setdefault(key, []).append(e)
        return index

    @cached_property
    def _people_by_first(self) -> dict[str, list[tuple[str, list[KBEntry]]]]:
        """Full names by first word, so a slip is looked for among few names, not all."""
        index: dict[str, list[tuple[str, list[KBEntry]]]] = {}
        for k, es in self._people.items():
            index.setdefault(k.split()[0], []).append((k.split()[-1], es))
        return index

    def person(self, name: str) -> KBEntry | None:
        """The KB person a written full name means, tolerating transliteration and one slip.

        "Omar El Bashir" finds "Omar al-Bashir" (Arabic article and hyphens ignored);
        "Abdelaziz Bouteflicka" finds "Abdelaziz Bouteflika" (same first name, surname one
        edit away, 6+ letters). Only a unique answer is returned.
        """
        key = name_key(name)
        if " " not in key:
            return None
        found = self._people.get(key)
        if found is None:
            first, last = key.split()[0], key.split()[-1]
            near = self._people_by_first.get(first, []) if len(last) >= 6 else []
            found = [e for k_last, es in near if _edit_distance_le1(k_last, last) for e in es]
        unique = {e.id: e for e in found}
        return next(iter(unique.values())) if len(unique) == 1 else None

    @cached_property
    def _country_names(self) -> dict[str, list[KBEntry]]:
        index: dict[str, list[KBEntry]] = {}
        for e in self.entries.values():
            if e.kind == "country":
                for form in {e.name, *e.aliases}:
                    index.setdefault(form.casefold(), []).append(e)
        return index

    def near_country(self, text: str) -> KBEntry | None:
        """The country a misspelt name means ('Afganistan', 'Quatar'): one edit away from
        exactly one country's name, for names of five letters or more."""
        key = text.casefold().strip()
        if len(key) < 5 or not text[:1].isupper() or self.lookup(text):
            return None
        found = {
            e.id: e
            for form, es in self._country_names.items()
            if abs(len(form) - len(key)) <= 1
            and form[:1] == key[:1]
            and _edit_distance_le1(form, key)
            for e in es
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def country_of(self, text: str) -> str | None:
        """ISO alpha-3 of the country a form names ('Iranian', 'U.S.', 'Russia'), or None."""
        return next((e.country for e in self.lookup(text) if e.kind == "country"), None)

    def get(self, kb_id: str | None) -> KBEntry | None:
        return self.entries.get(kb_id) if kb_id else None

    def surface_forms(self) -> Iterator[tuple[str, str, MatchKind, bool]]:
        """(text, kb id, how it names the actor, case sensitive) for every form."""
        for e in self.entries.values():
            cs = e.case_sensitive
            yield e.name, e.id, "name", cs or _looks_like_acronym(e.name)
            for a in e.aliases:
                yield a, e.id, "name", cs or _looks_like_acronym(a)
            for d in e.demonyms:
                yield d, e.id, "demonym", True
            for m in e.metonyms:
                yield m, e.id, "metonym", False
            for p in e.pejoratives:
                yield p, e.id, "pejorative", False

    def ancestors(self, kb_id: str) -> list[str]:
        """Parent chain, nearest first (Quds Force → IRGC → Iran)."""
        out: list[str] = []
        cur = self.get(kb_id)
        while cur is not None and cur.parent and cur.parent not in out:
            out.append(cur.parent)
            cur = self.get(cur.parent)
        return out


_PARTICLES = {"al", "el", "ad", "ed", "ar", "as", "ash", "at", "az", "ul"}


def name_key(name: str) -> str:
    """A person name folded for comparison: case, accents, hyphens, Arabic articles."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = re.sub(r"[-‐'’.]", " ", folded).split()
    return " ".join(w for w in words if w not in _PARTICLES)


def _edit_distance_le1(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion or substitution."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = j = edits = 0
    while i < len(a) and j < len(b):
        if a[i] != b[j]:
            edits += 1
            if edits > 1:
                return False
            if len(a) == len(b):
                i += 1
            j += 1
        else:
            i += 1
            j += 1
    return edits + (len(b) - j) + (len(a) - i) <= 1


def _looks_like_acronym(s: str) -> bool:
    """Short all-caps forms ('IS', 'AU', 'US') must not match ordinary words ('is', 'us')."""
    letters = re.sub(r"[^A-Za-z]", "", s)
    return bool(letters) and letters.isupper() and len(letters) <= 5


def read_entries(path: Path) -> list[KBEntry]:
    """Entries of one YAML file (a list, or a mapping with an ``actors`` list)."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read actor file: {exc}") from exc
    if isinstance(raw, dict):
        raw = raw.get("actors", [])
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InputError(str(path), "actor file must hold a list of entries")
    out = []
    for i, item in enumerate(raw):
        try:
            out.append(KBEntry.model_validate(item))
        except ValidationError as exc:
            ident = item.get("id") if isinstance(item, dict) else i
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc'])) or 'entry'}: {e['msg']}" for e in exc.errors()
            )
            raise InputError(str(path), f"entry {ident!r} is invalid: {problems}") from exc
    return out


def config_dirs() -> list[Path]:
    """The user's actor folders: ``$TIDINGS_ACTORS`` (paths joined by ``os.pathsep``), else
    ``$XDG_CONFIG_HOME/tidings/actors`` (``~/.config/tidings/actors``) when it exists."""
    env = os.environ.get("TIDINGS_ACTORS")
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p]
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    folder = base / "tidings" / "actors"
    return [folder] if folder.is_dir() else []


def load_kb(extra: Iterable[Path | str] = ()) -> KnowledgeBase:
    """The shipped KB, then the user's config folder, then ``extra`` files (later wins)."""
    entries = list(_shipped())
    for p in [*config_dirs(), *extra]:
        path = Path(p)
        files = (
            sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml")) if path.is_dir() else [path]
        )
        for f in files:
            entries.extend(read_entries(f))
    return KnowledgeBase(entries)


@lru_cache(maxsize=1)
def _shipped() -> tuple[KBEntry, ...]:
    out: list[KBEntry] = []
    for f in sorted(DATA_DIR.glob("*.yaml")):
        out.extend(read_entries(f))
    return tuple(out)


def actor_from_entry(entry: KBEntry, mentions: list[Span]) -> Actor:
    """A document actor for a KB entry that a later stage finds ("Amman" as Jordan, "police"
    as the dateline state's police)."""
    return Actor(
        id=entry.id,
        name=entry.name,
        kind=entry.kind,  # type: ignore[arg-type]
        country=entry.country,
        affiliation=None,
        sponsor=None,
        sector=entry.sector,
        kb_id=entry.id,
        cameo=entry.cameo,
        mentions=mentions,
    )

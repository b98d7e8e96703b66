"""The Tidings data model (schema ``tidings/1``).

`Analysis` is the one public data contract: the CLI prints it, the store saves it, exports flatten
it. Every `Span` is ``[start, end)`` in characters of ``article.text`` and its ``text`` equals
``article.text[start:end]``; that invariant is what makes each field checkable evidence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_ID = "tidings/1"

PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
PLOVER_TYPES: tuple[str, ...] = PloverType.__args__  # type: ignore[attr-defined]
# PLOVER's quad classes, in the order of PLOVER_TYPES.
QUAD_CLASS: dict[str, str] = dict(
    zip(
        PLOVER_TYPES,
        ["verbal cooperation"] * 4
        + ["material cooperation"] * 3
        + ["verbal conflict"] * 4
        + ["material conflict"] * 5,
        strict=True,
    )
)

ActorKind = Literal[
    "person",
    "country",
    "government",
    "military",
    "police",
    "paramilitary",
    "militia",
    "rebel",
    "party",
    "media",
    "ngo",
    "igo",
    "business",
    "labor",
    "civilians",
    "unknown",
]
ACTOR_KINDS: tuple[str, ...] = ActorKind.__args__  # type: ignore[attr-defined]
Certainty = Literal["certain", "probable", "possible", "alleged", "claimed"]
Polarity = Literal["positive", "negative"]
Tense = Literal["past", "present", "future"]
QuoteKind = Literal["direct", "partial", "indirect", "term"]
# What a quote's cue attributes: words (speech), a belief or thought, an intention or desire,
# knowledge, or only a source ("according to X", "X's report found").
CueKind = Literal["speech", "belief", "intention", "knowledge", "source"]
PlaceKind = Literal["country", "admin1", "admin2", "city", "site", "region"]
PlacePrecision = Literal["site", "city", "admin2", "admin1", "country", "region"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A piece of evidence: ``article.text[start:end] == text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} precedes start {self.start}")
        return self

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span ``[start, end)`` of ``text``, with its text copied from the source."""
        return cls(start=start, end=end, text=text[start:end])


class Structure(_Model):
    """Where the parts of the article are; only `body` feeds quotes and events."""

    headline: Span | None = None
    standfirst: Span | None = None
    byline: Span | None = None
    dateline: Span | None = None
    captions: list[Span] = Field(default_factory=list)
    credits: list[Span] = Field(default_factory=list)
    boilerplate: list[Span] = Field(default_factory=list)
    repeated: list[Span] = Field(default_factory=list)
    paragraphs: list[Span] = Field(default_factory=list)
    body: list[Span] = Field(default_factory=list, description="Body paragraphs, in order.")


def normalise_text(text: str) -> str:
    """Text as hashed for identity: NFC, unified newlines, collapsed spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[ \t]+", " ", text).strip()


def article_id(text: str) -> str:
    """A stable id: the hash of the normalised text, so re-analysis replaces, never duplicates."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


class Article(_Model):
    id: str = ""
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None
    language: str | None = None
    authors: list[str] = Field(default_factory=list)
    text: str
    structure: Structure = Field(default_factory=Structure)

    @model_validator(mode="after")
    def _default_id(self) -> Article:
        if not self.id:
            self.id = article_id(self.text)
        return self


class Role(_Model):
    title: str
    of: str | None = Field(None, description="Organisation or country the title belongs to.")
    rank: str | None = None
    span: Span | None = None


class Actor(_Model):
    id: str
    name: str
    kind: ActorKind = "unknown"
    country: str | None = Field(None, description="ISO 3166 alpha-3.")
    affiliation: str | None = Field(None, description="Actor id of the organisation.")
    sponsor: str | None = Field(None, description="ISO alpha-3 of a sponsoring state.")
    sector: str | None = Field(None, description="PLOVER sector code (GOV, MIL, REB, ...).")
    roles: list[Role] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)
    kb_id: str | None = None
    cameo: str | None = None


class Quote(_Model):
    id: str
    kind: QuoteKind
    text: str
    span: Span
    speaker: str | None = Field(None, description="Actor id; null when nobody can be named.")
    speaker_span: Span | None = None
    speaker_note: str | None = Field(
        None, description="Why the speaker is null: what stood where a speaker was looked for."
    )
    cue: str | None = None
    cue_span: Span | None = None
    via: str | None = Field(None, description="The channel: 'Iranian media', an outlet.")
    via_actor: str | None = None
    confidence: float = Field(0.5, ge=0.0, le=1.0)
    cue_kind: CueKind | None = Field(None, description="What the cue attributes; null: no cue.")
    quoted: list[Span] = Field(
        default_factory=list, description="Words in quotation marks inside reported content."
    )


class EventDate(_Model):
    value: str | None = Field(None, description="ISO 8601, partial allowed (2019-11).")
    range: tuple[str, str] | None = None
    text: str | None = None
    span: Span | None = None
    how: Literal["clause", "sentence", "dateline", "published", "none"] = "none"


class Count(_Model):
    value: int | float
    text: str
    span: Span | None = None


class Event(_Model):
    id: str
    type: PloverType
    mode: str | None = None
    cameo: str | None = None
    source: list[str] = Field(default_factory=list)
    target: list[str] = Field(default_factory=list)
    trigger: Span
    sentence: Span
    evidence: list[Span] = Field(default_factory=list, description="Other mentions of this event.")
    source_inferred: bool = Field(
        default=False, description="The source is taken from the discourse, not the event's words."
    )
    target_inferred: bool = Field(
        default=False, description="The target is taken from the discourse, not the event's words."
    )
    inferred_from: Span | None = Field(
        default=None, description="The evidence an inferred source or target was taken from."
    )
    certainty: Certainty = "certain"
    polarity: Polarity = "positive"
    attributed_to: str | None = Field(None, description="Actor id; null = the article's author.")
    denied_by: list[str] = Field(default_factory=list)
    conditional: bool = False
    generic: bool = False
    tense: Tense = "past"
    place: str | None = Field(None, description="Place id.")
    place_how: Literal["clause", "sentence", "dateline", "domestic", "none"] = Field(
        default="none", description="How the place was chosen (as `EventDate.how` for the date)."
    )
    date: EventDate | None = None
    fatalities: Count | None = None
    confidence: float = Field(0.5, ge=0.0, le=1.0)


class Place(_Model):
    id: str
    text: str
    span: Span
    name: str
    geonameid: int | None = None
    kind: PlaceKind = "city"
    country: str | None = Field(None, description="ISO 3166 alpha-2.")
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    confidence: float = Field(0.5, ge=0.0, le=1.0)
    precision: PlacePrecision = Field(
        default="city",
        description="What the point stands for: the place itself, or (for a street, building or "
        "landmark no gazetteer has) the city, district, division or country containing it.",
    )
    mentions: list[Span] = Field(
        default_factory=list, description="Every mention of this place, in text order."
    )
    resolution: str | None = Field(None, description="Why this place was chosen for the name.")


class Time(_Model):
    id: str
    text: str
    span: Span
    value: str | None = Field(None, description="ISO 8601, partial allowed.")
    range: tuple[str, str] | None = None
    anchor: str | None = Field(None, description="What it was resolved against (a date).")


class Quantity(_Model):
    text: str
    span: Span
    value: int | float
    approximate: bool = False
    of: str | None = None


class Meta(_Model):
    tidings: str
    models: dict[str, str] = Field(default_factory=dict)
    timings: dict[str, float] = Field(default_factory=dict, description="Seconds per stage.")
    counts: dict[str, int] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)


class Analysis(_Model):
    """Everything Tidings found in one article."""

    schema_: Literal["tidings/1"] = Field("tidings/1", alias="schema")
    status: str = Field("ok", description="'ok' or 'skipped: <reason>'.")
    article: Article
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    meta: Meta

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor with this id, or None."""
        return next((a for a in self.actors if a.id == actor_id), None)

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent, by_alias=True)


def json_schema() -> dict:
    """The JSON Schema of `Analysis`, as committed at ``schema/tidings-1.json``."""
    schema = Analysis.model_json_schema(by_alias=True)
    schema["$id"] = SCHEMA_ID
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


EntryStatus = Literal["ok", "failed", "retry"]


@dataclass(frozen=True)
class EntryRecord:
    """One feed entry's outcome: ``ok`` (an article was made), ``failed`` or ``retry``. The feed
    reader makes it and the store keeps it; it lives here so neither imports the other."""

    entry_id: str
    link: str | None
    status: EntryStatus
    reason: str | None = None
    article_id: str | None = None

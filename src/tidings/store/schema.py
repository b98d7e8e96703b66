"""The store's tables (SQLAlchemy 2 Core) and the flattening of an `Analysis` into their rows.

The tables are created and changed by the Alembic migrations in ``migrations/``, never by
``create_all``; this metadata is what the code reads and writes, and a test checks that the
migrated database matches it. The DDL is portable on purpose: generic types only (strings without a length, which PostgreSQL
would enforce and SQLite would not), JSON through `sqlalchemy.JSON`, no dialect SQL, so the same metadata creates the same tables on SQLite and PostgreSQL. The full analysis is
kept as JSON on `articles` so `Store.load` returns exactly what was saved; the other tables are
a flat, queryable index of it. Every child table has a composite primary key starting with
``article_id`` and a foreign key to ``articles`` with ``ON DELETE CASCADE``.

Cross-references inside an article (an event's source actor, its place) are deliberately not
foreign keys: the `Analysis` model does not enforce them, and a store that refused a valid
analysis would lose data. Ids are enforced unique per article (primary keys), since two actors
sharing an id is a broken analysis, not a variant of a good one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from tidings.dedupe import text_hash
from tidings.model import Analysis

SCHEMA_VERSION = 4
"""Bump with each migration that changes the tables (tidings/store/migrations); a database of a
newer version is refused, an older one is migrated when opened."""

metadata = MetaData()


def _article_fk() -> Column:
    return Column(
        "article_id",
        String,
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    )


meta = Table(
    "meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),
    Column("url", Text),
    Column("title", Text),
    Column("source", Text),
    Column("published", Date),
    Column("language", String),
    Column("authors", JSON),
    Column("status", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("structure", JSON),
    Column("analysed_at", DateTime(timezone=True), nullable=False),
    Column("tidings_version", String),
    Column("analysis", JSON, nullable=False),
    # SHA-256 of the normalised text: the same text saved under another id replaces it.
    Column("text_hash", String, index=True),
    Index("ix_articles_url", "url", postgresql_using="hash"),
)

actors = Table(
    "actors",
    metadata,
    _article_fk(),
    Column("actor_id", String, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String, nullable=False),
    Column("country", String),
    Column("affiliation", String),
    Column("sponsor", String),
    Column("sector", String),
    Column("kb_id", String),
    Column("cameo", String),
    Column("roles", JSON),
)

# `n` is the mention's position in the actor's list: the same span may legitimately repeat.
mentions = Table(
    "mentions",
    metadata,
    _article_fk(),
    Column("actor_id", String, primary_key=True),
    Column("n", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

quotes = Table(
    "quotes",
    metadata,
    _article_fk(),
    Column("quote_id", String, primary_key=True),
    Column("kind", String, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("speaker", String),
    Column("cue", Text),
    Column("via", Text),
    Column("via_actor", String),
    Column("confidence", Float, nullable=False),
)

events = Table(
    "events",
    metadata,
    _article_fk(),
    Column("event_id", String, primary_key=True),
    Column("type", String, nullable=False),
    Column("mode", String),
    Column("cameo", String),
    Column("certainty", String, nullable=False),
    Column("polarity", String, nullable=False),
    Column("attributed_to", String),
    Column("conditional", Boolean, nullable=False),
    Column("generic", Boolean, nullable=False),
    Column("tense", String, nullable=False),
    Column("place_id", String),
    Column("date_value", String),
    Column("fatalities", Float),
    Column("trigger_text", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    Index("ix_events_type", "type"),
)

# role is 'source' | 'target' | 'denied_by'; `n` keeps the order of the ids within the role.
event_actors = Table(
    "event_actors",
    metadata,
    _article_fk(),
    Column("event_id", String, primary_key=True),
    Column("role", String, primary_key=True),
    Column("actor_id", String, primary_key=True),
    Column("n", Integer, nullable=False),
    Index("ix_event_actors_actor", "actor_id"),
)

places = Table(
    "places",
    metadata,
    _article_fk(),
    Column("place_id", String, primary_key=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("geonameid", BigInteger),
    Column("kind", String, nullable=False),
    Column("country", String),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("confidence", Float, nullable=False),
)

times = Table(
    "times",
    metadata,
    _article_fk(),
    Column("time_id", String, primary_key=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", String),
    Column("range_start", String),
    Column("range_end", String),
)

CHILD_TABLES: tuple[Table, ...] = (
    event_actors,
    events,
    mentions,
    actors,
    quotes,
    places,
    times,
)
"""Every table keyed by article, in the order their rows are deleted."""

DATA_TABLES: tuple[Table, ...] = (articles, *CHILD_TABLES)


def _article_row(analysis: Analysis, analysed_at: dt.datetime) -> dict[str, Any]:
    art = analysis.article
    return {
        "id": art.id,
        "url": art.url,
        "title": art.title,
        "source": art.source,
        "published": art.published,
        "language": art.language,
        "authors": list(art.authors),
        "status": analysis.status,
        "text": art.text,
        "structure": art.structure.model_dump(mode="json"),
        "analysed_at": analysed_at,
        "tidings_version": analysis.meta.tidings,
        "analysis": analysis.model_dump(mode="json", by_alias=True),
        "text_hash": text_hash(art.text),
    }


def _actor_rows(analysis: Analysis) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    aid = analysis.article.id
    actor_rows, mention_rows = [], []
    for a in analysis.actors:
        actor_rows.append(
            {
                "article_id": aid,
                "actor_id": a.id,
                "name": a.name,
                "kind": a.kind,
                "country": a.country,
                "affiliation": a.affiliation,
                "sponsor": a.sponsor,
                "sector": a.sector,
                "kb_id": a.kb_id,
                "cameo": a.cameo,
                "roles": [r.model_dump(mode="json") for r in a.roles],
            }
        )
        for n, m in enumerate(a.mentions):
            mention_rows.append(
                {
                    "article_id": aid,
                    "actor_id": a.id,
                    "n": n,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                }
            )
    return actor_rows, mention_rows


def _event_rows(analysis: Analysis) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    aid = analysis.article.id
    event_rows, link_rows = [], []
    for e in analysis.events:
        event_rows.append(
            {
                "article_id": aid,
                "event_id": e.id,
                "type": e.type,
                "mode": e.mode,
                "cameo": e.cameo,
                "certainty": e.certainty,
                "polarity": e.polarity,
                "attributed_to": e.attributed_to,
                "conditional": e.conditional,
                "generic": e.generic,
                "tense": e.tense,
                "place_id": e.place,
                "date_value": e.date.value if e.date else None,
                "fatalities": float(e.fatalities.value) if e.fatalities else None,
                "trigger_text": e.trigger.text,
                "trigger_start": e.trigger.start,
                "trigger_end": e.trigger.end,
                "sentence_start": e.sentence.start,
                "sentence_end": e.sentence.end,
                "confidence": e.confidence,
            }
        )
        # The link table is an index: a repeated id in one slot is one row (the JSON keeps all).
        for role, ids in (("source", e.source), ("target", e.target), ("denied_by", e.denied_by)):
            for n, actor_id in enumerate(dict.fromkeys(ids)):
                link_rows.append(
                    {
                        "article_id": aid,
                        "event_id": e.id,
                        "role": role,
                        "actor_id": actor_id,
                        "n": n,
                    }
                )
    return event_rows, link_rows


def rows(analysis: Analysis, analysed_at: dt.datetime) -> dict[Table, list[dict[str, Any]]]:
    """Every row `analysis` becomes, per table, in insertion order (the article first)."""
    aid = analysis.article.id
    actor_rows, mention_rows = _actor_rows(analysis)
    event_rows, link_rows = _event_rows(analysis)
    quote_rows = [
        {
            "article_id": aid,
            "quote_id": q.id,
            "kind": q.kind,
            "text": q.text,
            "start": q.span.start,
            "end": q.span.end,
            "speaker": q.speaker,
            "cue": q.cue,
            "via": q.via,
            "via_actor": q.via_actor,
            "confidence": q.confidence,
        }
        for q in analysis.quotes
    ]
    place_rows = [
        {
            "article_id": aid,
            "place_id": p.id,
            "text": p.text,
            "start": p.span.start,
            "end": p.span.end,
            "name": p.name,
            "geonameid": p.geonameid,
            "kind": p.kind,
            "country": p.country,
            "admin1": p.admin1,
            "lat": p.lat,
            "lon": p.lon,
            "confidence": p.confidence,
        }
        for p in analysis.places
    ]
    time_rows = [
        {
            "article_id": aid,
            "time_id": t.id,
            "text": t.text,
            "start": t.span.start,
            "end": t.span.end,
            "value": t.value,
            "range_start": t.range[0] if t.range else None,
            "range_end": t.range[1] if t.range else None,
        }
        for t in analysis.times
    ]
    return {
        articles: [_article_row(analysis, analysed_at)],
        actors: actor_rows,
        mentions: mention_rows,
        quotes: quote_rows,
        events: event_rows,
        event_actors: link_rows,
        places: place_rows,
        times: time_rows,
    }

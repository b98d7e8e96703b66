"""The ``incidents`` and ``incident_reports`` tables: which event records report one real event.

An *incident* is one real event; a *report* is one event record of one article that describes it.
Every linkable event record (not generic, not conditional, not future, not negated) of a saved
article is either attached to the best compatible incident or starts a new one (see
`tidings.corpus.incidents` for the matching rules). Rows are written inside `Store.save`'s
transaction, so an article and its incident links are saved together or not at all.

Each report row keeps the features it was matched on (type, date window, country, place,
actor keys, certainty, fatalities, outlet), so an incident's summary is recomputed from its own
reports only: adding an article touches the incidents it reports, never the corpus.

No foreign keys to ``articles``, on purpose (as in ``duplicates``): `Store.save` replaces an
article by deleting its rows first; `relink` deletes and re-adds that article's reports itself.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, Float, Index, Integer, String, Table, Text

from tidings.store.schema import metadata

incidents = Table(
    "incidents",
    metadata,
    Column("id", String, primary_key=True),
    Column("type", String, nullable=False),
    Column("mode", String),
    # ISO alpha-2 of the most precise place any report gives; NULL when no report places it.
    Column("country", String),
    # The union of the reports' date windows (inclusive days): the candidate lookup key.
    Column("date_lo", Date, nullable=False),
    Column("date_hi", Date, nullable=False),
    # Matching features: actor keys per slot, precise points [[lat, lon], ...].
    Column("source_keys", JSON, nullable=False),
    Column("target_keys", JSON, nullable=False),
    Column("points", JSON, nullable=False),
    # Summary, recomputed from the reports each time one is added or removed.
    Column("n_reports", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    Column("outlets", JSON, nullable=False),
    Column("first_report", Date),
    Column("last_report", Date),
    Column("date", String),
    Column("place", JSON),
    Column("fatalities", Float),
    Column("certainty", String),
    Column("disagreements", JSON, nullable=False),
    Index("ix_incidents_lookup", "type", "date_lo"),
)

incident_reports = Table(
    "incident_reports",
    metadata,
    Column("article_id", String, primary_key=True),
    Column("event_id", String, primary_key=True),
    Column("incident_id", String, nullable=False),
    Column("seq", Integer, nullable=False),  # the event's position in its article
    Column("type", String, nullable=False),
    Column("mode", String),
    Column("outlet", Text),
    Column("published", Date),
    Column("date_value", String),
    Column("date_how", String),
    Column("date_lo", Date, nullable=False),
    Column("date_hi", Date, nullable=False),
    Column("country", String),
    Column("place", JSON),
    Column("source_keys", JSON, nullable=False),
    Column("target_keys", JSON, nullable=False),
    Column("certainty", String, nullable=False),
    Column("fatalities", Float),
    Column("score", Float, nullable=False),
    Index("ix_incident_reports_incident", "incident_id"),
)

INCIDENT_TABLES: tuple[Table, ...] = (incident_reports, incidents)

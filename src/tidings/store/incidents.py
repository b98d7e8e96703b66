"""The ``incidents`` and ``incident_reports`` tables: which event records report one real event.

An *incident* is one real event; a *report* is one event record of one article that describes it.
Every linkable event record (not generic, not conditional, not future, not negated) of a saved
article is either attached to the best compatible incident or starts a new one (see
`tidings.corpus.incidents` for the matching rules). Rows are written inside `Store.save`'s
transaction, so an article and its incident links are saved together or not at all.

Each report row keeps the features it was matched on (type, date window, country, place,
actor keys, certainty, fatalities, outlet) and its article's *origin* (the article it copies,
else itself). An incident's summary is never recomputed from its reports: ``incident_counts``
tallies the values its reports give (how many reports give each date, place, actor, mode...;
how many origin groups give each fatality count, certainty, outlet) and ``incident_origins``
holds what each origin group says; a new report updates a bounded number of those rows, so one
save costs the same whatever the size of the incidents it touches (see `tidings.corpus.tally`).

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
    # Summary, rewritten from the incident's tally each time a report is added or removed;
    # `outlets` lists the first SAMPLE outlets (sorted), `n_outlets` counts them all.
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
    Column("origin", String, nullable=False),
    Index("ix_incident_reports_origin", "incident_id", "origin"),
)

# One row per (incident, origin group): the values the group stands for.
incident_origins = Table(
    "incident_origins",
    metadata,
    Column("incident_id", String, primary_key=True),
    Column("origin", String, primary_key=True),
    Column("outlet", Text),
    Column("fatalities", Float),
    Column("certainty", String, nullable=False),
)

# The tally: per incident, kind and value, how many reports (or origin groups) give it. Rows of
# the disagreement fields ('fatalities', 'certainty') also hold `m` (distinct named outlets) and
# the first SAMPLE article ids and outlets giving the value.
incident_counts = Table(
    "incident_counts",
    metadata,
    Column("incident_id", String, primary_key=True),
    Column("kind", String, primary_key=True),
    Column("value", String, primary_key=True),
    Column("n", Integer, nullable=False),
    Column("m", Integer),
    Column("articles", JSON),
    Column("outlets", JSON),
)

INCIDENT_TABLES: tuple[Table, ...] = (
    incident_counts,
    incident_origins,
    incident_reports,
    incidents,
)

"""Schema version 3: incidents — one real event, the event records of every article reporting it.

- ``incidents`` (summary and matching features) and ``incident_reports`` (one row per linked
  event record), as `tidings.store.incidents` defines them; see docs/exports.md;
- the stored articles are linked by revision 0004 (which changed how incidents are counted);
- views ``v_incidents`` and ``v_incident_reports`` for browsing with standard SQL tools.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_PLACE_NAME = {
    "sqlite": "json_extract(i.place, '$.name')",
    "postgresql": "(i.place ->> 'name')",
}

_V_INCIDENTS = """
CREATE VIEW v_incidents AS
SELECT i.id AS incident_id, i.type, i.mode, i.date, i.date_lo AS window_start,
       i.date_hi AS window_end, i.country, {place} AS place, i.n_reports, i.n_articles,
       i.n_outlets, i.first_report, i.last_report, i.fatalities, i.certainty
FROM incidents i
"""

_V_INCIDENT_REPORTS = """
CREATE VIEW v_incident_reports AS
SELECT r.incident_id, r.article_id, a.source AS outlet, a.url, a.published, r.event_id,
       e.type, e.mode, e.certainty, e.fatalities, e.date_value AS event_date, e.trigger_text,
       substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence
FROM incident_reports r
JOIN events e ON e.article_id = r.article_id AND e.event_id = r.event_id
JOIN articles a ON a.id = r.article_id
"""


def _tables() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("mode", sa.String()),
        sa.Column("country", sa.String()),
        sa.Column("date_lo", sa.Date(), nullable=False),
        sa.Column("date_hi", sa.Date(), nullable=False),
        sa.Column("source_keys", sa.JSON(), nullable=False),
        sa.Column("target_keys", sa.JSON(), nullable=False),
        sa.Column("points", sa.JSON(), nullable=False),
        sa.Column("n_reports", sa.Integer(), nullable=False),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("n_outlets", sa.Integer(), nullable=False),
        sa.Column("outlets", sa.JSON(), nullable=False),
        sa.Column("first_report", sa.Date()),
        sa.Column("last_report", sa.Date()),
        sa.Column("date", sa.String()),
        sa.Column("place", sa.JSON()),
        sa.Column("fatalities", sa.Float()),
        sa.Column("certainty", sa.String()),
        sa.Column("disagreements", sa.JSON(), nullable=False),
    )
    op.create_index("ix_incidents_lookup", "incidents", ["type", "date_lo"])
    op.create_table(
        "incident_reports",
        sa.Column("article_id", sa.String(), primary_key=True),
        sa.Column("event_id", sa.String(), primary_key=True),
        sa.Column("incident_id", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("mode", sa.String()),
        sa.Column("outlet", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("date_value", sa.String()),
        sa.Column("date_how", sa.String()),
        sa.Column("date_lo", sa.Date(), nullable=False),
        sa.Column("date_hi", sa.Date(), nullable=False),
        sa.Column("country", sa.String()),
        sa.Column("place", sa.JSON()),
        sa.Column("source_keys", sa.JSON(), nullable=False),
        sa.Column("target_keys", sa.JSON(), nullable=False),
        sa.Column("certainty", sa.String(), nullable=False),
        sa.Column("fatalities", sa.Float()),
        sa.Column("score", sa.Float(), nullable=False),
    )
    op.create_index("ix_incident_reports_incident", "incident_reports", ["incident_id"])


def upgrade() -> None:
    bind = op.get_bind()
    _tables()
    place = _PLACE_NAME[bind.dialect.name]
    op.execute(_V_INCIDENTS.format(place=place))
    op.execute(_V_INCIDENT_REPORTS)
    op.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")


def downgrade() -> None:
    raise NotImplementedError("the store is never downgraded")

"""Schema version 4: incidents counted incrementally, one report at a time.

- ``incident_reports.origin``: the article a report's article copies, else itself;
- ``incident_origins`` (what each origin group says) and ``incident_counts`` (the tally of the
  values reports give), so a new report updates its incident in bounded time instead of
  recomputing its summary from every report (see `tidings.store.incidents`);
- every stored article is linked again, in the order it was analysed, so an upgraded store
  holds the incidents a store filled by this version would; recorded wire copies then follow
  their originals.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _tables() -> None:
    op.add_column(
        "incident_reports",
        sa.Column("origin", sa.String(), nullable=False, server_default=""),
    )
    op.drop_index("ix_incident_reports_incident", "incident_reports")
    op.create_index("ix_incident_reports_origin", "incident_reports", ["incident_id", "origin"])
    op.create_table(
        "incident_origins",
        sa.Column("incident_id", sa.String(), primary_key=True),
        sa.Column("origin", sa.String(), primary_key=True),
        sa.Column("outlet", sa.Text()),
        sa.Column("fatalities", sa.Float()),
        sa.Column("certainty", sa.String(), nullable=False),
    )
    op.create_table(
        "incident_counts",
        sa.Column("incident_id", sa.String(), primary_key=True),
        sa.Column("kind", sa.String(), primary_key=True),
        sa.Column("value", sa.String(), primary_key=True),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("m", sa.Integer()),
        sa.Column("articles", sa.JSON()),
        sa.Column("outlets", sa.JSON()),
    )


def _link_existing(bind: sa.Connection) -> None:
    """Link every stored article, oldest analysis first; then copies follow their originals."""
    from tidings.corpus.incidents import refresh_articles, relink
    from tidings.model import Analysis
    from tidings.store.schema import articles

    op.execute("DELETE FROM incident_reports")
    op.execute("DELETE FROM incidents")
    order = (articles.c.analysed_at, articles.c.id)
    ids = list(bind.execute(sa.select(articles.c.id).order_by(*order)).scalars())
    for article_id in ids:
        query = sa.select(articles.c.analysis).where(articles.c.id == article_id)
        relink(bind, Analysis.model_validate(bind.execute(query).scalar_one()))
    copies = bind.execute(text("SELECT DISTINCT article_id FROM duplicates")).scalars()
    refresh_articles(bind, list(copies))


def upgrade() -> None:
    bind = op.get_bind()
    _tables()
    _link_existing(bind)
    op.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")


def downgrade() -> None:
    raise NotImplementedError("the store is never downgraded")

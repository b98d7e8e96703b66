"""Schema version 2: article identity, full-text search and browsable views.

- ``articles.text_hash`` (SHA-256 of the normalised text) and indexes on it and on ``url``, so
  a re-ingested article (same URL or same text under another id) replaces the stored one;
- ``search_index``: article text and quotes, with SQLite FTS5 or a PostgreSQL ``tsvector`` (the
  ``simple`` configuration on both sides: case-folded words, no stemming, no stop words);
- views ``v_events``, ``v_event_actors`` and ``v_quotes`` (see docs/store.md).
"""

from alembic import op
from sqlalchemy import text

from tidings.dedupe import text_hash

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# `search_index` is a plain table on both sides (indexed by article, so replacing an article
# never scans it); on SQLite an external-content FTS5 table `search_fts` indexes its `body`,
# kept in step by triggers, and on PostgreSQL a generated tsvector column with a GIN index.
_SEARCH = {
    "sqlite": [
        "CREATE TABLE search_index ("
        "id INTEGER PRIMARY KEY, "
        "article_id VARCHAR NOT NULL REFERENCES articles (id) ON DELETE CASCADE, "
        "kind VARCHAR NOT NULL, ref VARCHAR NOT NULL, body TEXT NOT NULL, "
        "UNIQUE (article_id, kind, ref))",
        "CREATE VIRTUAL TABLE search_fts USING fts5(body, content = 'search_index', "
        "content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0')",
        "CREATE TRIGGER search_index_ai AFTER INSERT ON search_index BEGIN "
        "INSERT INTO search_fts (rowid, body) VALUES (new.id, new.body); END",
        "CREATE TRIGGER search_index_ad AFTER DELETE ON search_index BEGIN "
        "INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.id, old.body); "
        "END",
    ],
    "postgresql": [
        "CREATE TABLE search_index ("
        "article_id VARCHAR NOT NULL REFERENCES articles (id) ON DELETE CASCADE, "
        "kind VARCHAR NOT NULL, ref VARCHAR NOT NULL, body TEXT NOT NULL, "
        "tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED, "
        "PRIMARY KEY (article_id, kind, ref))",
        "CREATE INDEX ix_search_index_tsv ON search_index USING GIN (tsv)",
    ],
}

# The names of an event's actors in one role, in their order, joined by '; '.
_NAMES = {
    "sqlite": (
        "(SELECT group_concat(name, '; ') FROM (SELECT x.name FROM event_actors l "
        "JOIN actors x ON x.article_id = l.article_id AND x.actor_id = l.actor_id "
        "WHERE l.article_id = e.article_id AND l.event_id = e.event_id AND l.role = '{role}' "
        "ORDER BY l.n))"
    ),
    "postgresql": (
        "(SELECT string_agg(x.name, '; ' ORDER BY l.n) FROM event_actors l "
        "JOIN actors x ON x.article_id = l.article_id AND x.actor_id = l.actor_id "
        "WHERE l.article_id = e.article_id AND l.event_id = e.event_id AND l.role = '{role}')"
    ),
}

_V_EVENTS = """
CREATE VIEW v_events AS
SELECT e.article_id, a.source AS outlet, a.url, a.title AS article_title, a.published,
       e.event_id, e.type, e.mode, e.cameo, e.certainty, e.polarity, e.tense,
       e.conditional, e.generic, e.date_value AS event_date, e.fatalities,
       {sources} AS sources, {targets} AS targets, {denied} AS denied_by,
       (SELECT x.name FROM actors x WHERE x.article_id = e.article_id
          AND x.actor_id = e.attributed_to) AS attributed_to,
       p.name AS place, p.geonameid, p.country AS place_country, p.admin1, p.lat, p.lon,
       e.trigger_text, e.trigger_start, e.trigger_end,
       substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
       e.confidence
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN places p ON p.article_id = e.article_id AND p.place_id = e.place_id
"""

_V_EVENT_ACTORS = """
CREATE VIEW v_event_actors AS
SELECT l.article_id, l.event_id, e.type, l.role, l.n, l.actor_id, x.name, x.kind, x.country,
       x.kb_id, x.cameo
FROM event_actors l
JOIN events e ON e.article_id = l.article_id AND e.event_id = l.event_id
LEFT JOIN actors x ON x.article_id = l.article_id AND x.actor_id = l.actor_id
"""

_V_QUOTES = """
CREATE VIEW v_quotes AS
SELECT q.article_id, a.source AS outlet, a.title AS article_title, a.published, q.quote_id,
       q.kind, q.text, s.name AS speaker, s.kind AS speaker_kind, q.cue, q.via,
       q.start, q."end", q.confidence
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN actors s ON s.article_id = q.article_id AND s.actor_id = q.speaker
"""


def _views(dialect: str) -> list[str]:
    names = {
        key: _NAMES[dialect].format(role=role)
        for key, role in (("sources", "source"), ("targets", "target"), ("denied", "denied_by"))
    }
    return [_V_EVENTS.format(**names), _V_EVENT_ACTORS, _V_QUOTES]


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    op.execute("ALTER TABLE articles ADD COLUMN text_hash VARCHAR")
    for row in bind.execute(text("SELECT id, text FROM articles")).all():
        bind.execute(
            text("UPDATE articles SET text_hash = :h WHERE id = :id"),
            {"h": text_hash(row.text), "id": row.id},
        )
    op.execute("CREATE INDEX ix_articles_text_hash ON articles (text_hash)")
    # A hash index on PostgreSQL: a B-tree refuses keys past ~2.7 kB, and a URL may be longer.
    using = " USING HASH" if dialect == "postgresql" else ""
    op.execute(f"CREATE INDEX ix_articles_url ON articles{using} (url)")
    for statement in [*_SEARCH[dialect], *_views(dialect)]:
        op.execute(statement)
    op.execute(
        "INSERT INTO search_index (article_id, kind, ref, body) "
        "SELECT id, 'article', '', coalesce(title, '') || ' ' || text FROM articles"
    )
    op.execute(
        "INSERT INTO search_index (article_id, kind, ref, body) "
        "SELECT article_id, 'quote', quote_id, text FROM quotes"
    )
    op.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


def downgrade() -> None:
    raise NotImplementedError("the store is never downgraded")

"""Full-text search over article text and quotes: SQLite FTS5 or a PostgreSQL ``tsvector``.

Both sides index with no stemming and no stop words (FTS5 ``unicode61``, PostgreSQL's
``simple`` configuration) and a query is the AND of its words, so a query of plain words gets
the same answer from both backends. The index is written in the article's save transaction.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, column, delete, insert, table, text

from tidings.model import Analysis

search_index = table(
    "search_index", column("article_id"), column("kind"), column("ref"), column("body")
)
"""The indexed texts as SQLAlchemy sees them (migration 0002 creates the table and its index:
FTS5 ``search_fts`` on SQLite, a tsvector column on PostgreSQL)."""

KINDS = ("article", "quote")
_WORD = re.compile(r"[^\W_]+")


def index_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """The article's text (after its title) and each quote, as rows of the index."""
    art = analysis.article
    rows = [
        {
            "article_id": art.id,
            "kind": "article",
            "ref": "",
            "body": f"{art.title or ''} {art.text}",
        }
    ]
    rows += [
        {"article_id": art.id, "kind": "quote", "ref": q.id, "body": q.text}
        for q in analysis.quotes
    ]
    return rows


def write(conn: Connection, analysis: Analysis) -> None:
    conn.execute(insert(search_index), index_rows(analysis))


def remove(conn: Connection, article_id: str) -> None:
    conn.execute(delete(search_index).where(search_index.c.article_id == article_id))


def words(query: str) -> list[str]:
    """The words of a query, case-folded; punctuation and operators are not syntax here."""
    return _WORD.findall(query.casefold())


def query_sql(dialect: str, kind: str | None) -> str:
    """The search statement for `dialect`; it takes ``:q``, ``:limit`` and maybe ``:kind``."""
    if dialect == "postgresql":
        source, match = "search_index s", "s.tsv @@ to_tsquery('simple', :q)"
    else:
        source = "search_fts JOIN search_index s ON s.id = search_fts.rowid"
        match = "search_fts MATCH :q"
    where = f"{match} AND s.kind = :kind" if kind else match
    return (
        "SELECT s.article_id, s.kind, s.ref, a.title, a.source, "
        "CASE WHEN s.kind = 'quote' THEN s.body ELSE a.title END AS text "
        f"FROM {source} JOIN articles a ON a.id = s.article_id WHERE {where} "
        "ORDER BY s.article_id, s.kind, s.ref LIMIT :limit"
    )


def query_text(dialect: str, terms: list[str]) -> str:
    """The words as the backend's query language: every word required."""
    if dialect == "postgresql":
        return " & ".join(terms)
    return " ".join(f'"{t}"' for t in terms)


def run(conn: Connection, query: str, kind: str | None, limit: int) -> list[dict[str, Any]]:
    """Matches of every word of `query`, ordered by article, kind and quote id."""
    terms = words(query)
    if not terms:
        return []
    dialect = conn.dialect.name
    params: dict[str, Any] = {"q": query_text(dialect, terms), "limit": limit}
    if kind:
        params["kind"] = kind
    return [row._asdict() for row in conn.execute(text(query_sql(dialect, kind)), params)]

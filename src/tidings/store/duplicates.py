"""The ``duplicates`` table: which article is a copy of which, how similar, found how.

A row says "article `article_id`, read from input `ref`, is a copy of article `duplicate_of`".
``method`` is ``exact`` (same normalised text: the copy was not analysed again) or ``minhash``
(a near-duplicate such as a wire copy with another headline: analysed, and linked).
``article_id == duplicate_of`` means the very same text came again from another input.

No foreign keys, on purpose: `Store.save` replaces an article by deleting its rows first, and a
cascade from ``articles`` would silently drop every link to an article each time it is re-saved.
Ids are content hashes (or corpus ids), so a link stays valid across re-saves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Column, Float, Index, String, Table, Text, delete, insert, select, tuple_
from sqlalchemy.exc import SQLAlchemyError

from tidings.store.schema import metadata
from tidings.store.store import Store

Method = Literal["exact", "minhash"]

duplicates = Table(
    "duplicates",
    metadata,
    Column("article_id", String, primary_key=True),
    # Where the copy was read from ('corpus.jsonl:12', a URL); '' when the caller gave none.
    Column("ref", Text, primary_key=True, default=""),
    Column("duplicate_of", String, nullable=False),
    Column("similarity", Float, nullable=False),
    Column("method", String, nullable=False),
    Index("ix_duplicates_of", "duplicate_of"),
)


@dataclass(frozen=True)
class DuplicateLink:
    """One copy: `article_id` (read from `ref`) duplicates `duplicate_of`."""

    article_id: str
    duplicate_of: str
    similarity: float
    method: Method
    ref: str = ""


def save_duplicates(store: Store, links: Iterable[DuplicateLink]) -> int:
    """Record `links` in one transaction, replacing any earlier link of the same (article, ref).

    Re-running a batch therefore never doubles a link. Returns the number of links written.
    """
    batch = [
        {
            "article_id": link.article_id,
            "ref": link.ref,
            "duplicate_of": link.duplicate_of,
            "similarity": float(link.similarity),
            "method": link.method,
        }
        for link in links
    ]
    if not batch:
        return 0
    # Same package as Store: its engine and error wrapping are shared on purpose.
    engine = store._open()
    keys = [(row["article_id"], row["ref"]) for row in batch]
    try:
        with engine.begin() as conn:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                conn.execute(
                    delete(duplicates).where(
                        tuple_(duplicates.c.article_id, duplicates.c.ref).in_(chunk)
                    )
                )
            conn.execute(insert(duplicates), batch)
            from tidings.corpus.incidents import refresh_articles  # late: it imports the store

            refresh_articles(conn, [str(row["article_id"]) for row in batch])
    except SQLAlchemyError as exc:
        raise store._error("cannot save duplicate links", exc) from exc
    return len(batch)


def save_duplicate(store: Store, link: DuplicateLink) -> None:
    """Record one link (see `save_duplicates`)."""
    save_duplicates(store, [link])


def load_duplicates(
    store: Store, article_id: str | None = None, duplicate_of: str | None = None
) -> list[DuplicateLink]:
    """Links, optionally only those of one copy or of one original; ordered by copy, then ref."""
    query = select(duplicates)
    if article_id is not None:
        query = query.where(duplicates.c.article_id == article_id)
    if duplicate_of is not None:
        query = query.where(duplicates.c.duplicate_of == duplicate_of)
    query = query.order_by(duplicates.c.article_id, duplicates.c.ref)
    return [
        DuplicateLink(
            article_id=row.article_id,
            duplicate_of=row.duplicate_of,
            similarity=row.similarity,
            method=row.method,
            ref=row.ref,
        )
        for row in store._read("duplicate links", query)
    ]


def stored_texts(store: Store, batch_size: int = 500) -> Iterable[tuple[str, str]]:
    """Every saved (article id, text), to seed a `Deduper` with what an earlier run stored."""
    from tidings.store.schema import articles

    last = ""
    while True:
        query = (
            select(articles.c.id, articles.c.text)
            .where(articles.c.id > last)
            .order_by(articles.c.id)
            .limit(batch_size)
        )
        rows = store._read("article texts", query)
        if not rows:
            return
        for row in rows:
            yield row.id, row.text
        last = rows[-1].id

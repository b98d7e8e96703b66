"""One actor across the corpus: names, roles, quotes, events and who acts on whom around them.

The actor's rows are found by the corpus key (`tidings.corpus.actors.canonical_key`, the key
`tidings.query.actors` groups by); then only those articles' analyses are loaded.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import select

from tidings.actors.resolve import PERSON_PRONOUNS
from tidings.corpus.actors import canonical_key
from tidings.model import Analysis
from tidings.store import Store, schema
from tidings.web.reads import actor_key, analysis_event

MAX_ARTICLES = 500
"""An actor page reads at most this many articles (the most recent ones)."""


def _members(store: Store, key: str) -> list[tuple[Analysis, str]]:
    a, art = schema.actors, schema.articles
    query = (
        select(a.c.article_id, a.c.actor_id)
        .join(art, art.c.id == a.c.article_id)
        .where(canonical_key(a) == key)
        .order_by(art.c.published.desc(), a.c.article_id)
    )
    found: list[tuple[Analysis, str]] = []
    loaded: dict[str, Analysis | None] = {}
    for row in store._read(f"actor {key}", query):
        if row.article_id not in loaded and len(loaded) >= MAX_ARTICLES:
            break
        if row.article_id not in loaded:
            loaded[row.article_id] = store.load(row.article_id)
        if (analysis := loaded[row.article_id]) is not None:
            found.append((analysis, row.actor_id))
    return found


def _is_name(text: str) -> bool:
    return text[:1].isupper() and text.casefold() not in PERSON_PRONOUNS


def _profile(found: list[tuple[Analysis, str]]) -> dict[str, Any]:
    names: Counter[str] = Counter()
    aliases: Counter[str] = Counter()
    roles: list[dict[str, Any]] = []
    kinds: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    for a, aid in found:
        actor = a.actor(aid)
        assert actor is not None
        names[actor.name] += 1
        # a pronoun ('he', 'His') is a mention, not a name
        aliases.update(m.text for m in actor.mentions if _is_name(m.text))
        kinds[actor.kind] += 1
        if actor.country:
            countries[actor.country] += 1
        for r in actor.roles:
            role = {"title": r.title, "of": r.of, "rank": r.rank}
            if role not in roles:
                roles.append(role)
    return {
        "name": names.most_common(1)[0][0],
        "aliases": [n for n, _ in (names + aliases).most_common()],
        "kind": kinds.most_common(1)[0][0],
        "country": countries.most_common(1)[0][0] if countries else None,
        "roles": roles,
    }


def _quote(a: Analysis, q_id: str) -> dict[str, Any]:
    q = next(q for q in a.quotes if q.id == q_id)
    return {
        "article_id": a.article.id, "title": a.article.title, "quote_id": q.id,
        "kind": q.kind, "text": q.text, "cue": q.cue, "via": q.via,
    }  # fmt: skip


def actor(store: Store, key: str) -> dict[str, Any] | None:
    """The actor whose corpus key is `key`, as one record; None if never stored."""
    found = _members(store, key)
    if not found:
        return None
    quoted, as_source, as_target = [], [], []
    for a, aid in found:
        quoted += [_quote(a, q.id) for q in a.quotes if q.speaker == aid]
        as_source += [analysis_event(a, e) for e in a.events if aid in e.source]
        as_target += [analysis_event(a, e) for e in a.events if aid in e.target]
    return {
        "key": key,
        **_profile(found),
        "articles": len({a.article.id for a, _ in found}),
        "mentions": sum(len(x.mentions) for a, aid in found if (x := a.actor(aid))),
        "quotes": quoted,
        "events_as_source": as_source,
        "events_as_target": as_target,
        "network": network(as_source + as_target, key),
    }


def network(rows: list[dict[str, Any]], centre: str) -> dict[str, list[dict[str, Any]]]:
    """Who acts on whom in these events: nodes (actors) and edges (source -> target, by type)."""
    names: dict[str, str] = {}
    edges: Counter[tuple[str, str, str]] = Counter()
    for r in rows:
        names.update(zip(r["source_keys"], r["source"], strict=False))
        names.update(zip(r["target_keys"], r["target"], strict=False))
        for s in r["source_keys"]:
            for t in r["target_keys"]:
                if s != t:
                    edges[(s, t, r["type"])] += 1
    names.setdefault(centre, centre)
    used = {centre} | {k for s, t, _ in edges for k in (s, t)}
    return {
        "nodes": [{"id": k, "name": names[k], "centre": k == centre} for k in sorted(used)],
        "edges": [
            {"source": s, "target": t, "type": ty, "count": n}
            for (s, t, ty), n in sorted(edges.items())
        ],
    }


__all__ = ["actor", "actor_key", "network"]

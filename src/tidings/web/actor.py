"""One actor across the corpus: names, roles, quotes, events and who acts on whom around them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from tidings.actors.resolve import PERSON_PRONOUNS
from tidings.model import Analysis
from tidings.web.reads import Corpus, actor_key, actor_name, event_row


def quote_row(a: Analysis, q_id: str) -> dict[str, Any] | None:
    q = next((q for q in a.quotes if q.id == q_id), None)
    if q is None:
        return None
    return {
        "article_id": a.article.id,
        "article_title": a.article.title,
        "quote_id": q.id,
        "kind": q.kind,
        "text": q.text,
        "start": q.span.start,
        "speaker": actor_name(a, q.speaker),
        "speaker_key": actor_key(a, q.speaker),
        "cue": q.cue,
        "via": q.via,
    }


def quotes(corpus: Corpus, speaker: str | None = None, text: str | None = None) -> list[dict]:
    """Every stored quote; `speaker` and `text` keep those whose speaker or words contain them."""
    out = []
    for a in corpus.analyses():
        for q in a.quotes:
            row = quote_row(a, q.id)
            if row is None:
                continue
            if (
                speaker
                and speaker.casefold()
                not in " ".join(filter(None, (row["speaker"], row["speaker_key"]))).casefold()
            ):
                continue
            if text and text.casefold() not in q.text.casefold():
                continue
            out.append(row)
    return out


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


def actor(corpus: Corpus, key: str) -> dict[str, Any] | None:
    """The actor whose key (KB id, else name) is `key`, as one record; None if never stored."""
    found = [(a, x.id) for a in corpus.analyses() for x in a.actors if (x.kb_id or x.name) == key]
    if not found:
        return None
    quoted, as_source, as_target = [], [], []
    for a, aid in found:
        quoted += [r for q in a.quotes if q.speaker == aid and (r := quote_row(a, q.id))]
        for e in a.events:
            if aid in e.source:
                as_source.append(event_row(a, e))
            if aid in e.target:
                as_target.append(event_row(a, e))
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

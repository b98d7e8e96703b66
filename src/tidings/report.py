"""A readable text report of one `Analysis` (what `tidings analyze --format text` prints)."""

from __future__ import annotations

from tidings.model import Analysis, Event


def _table(rows: list[list[str]], headers: list[str]) -> list[str]:
    widths = [len(h) for h in headers]
    for r in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, r, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [fmt.format(*headers), fmt.format(*["-" * w for w in widths])]
    out = [line.rstrip() for line in out] + [fmt.format(*r).rstrip() for r in rows]
    return out


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def text_report(a: Analysis) -> str:
    """Actors with roles, quotes with speakers, and an events table."""
    names = {x.id: x.name for x in a.actors}
    places = {p.id: p.name for p in a.places}

    def who(ids: list[str]) -> str:
        return ", ".join(names.get(i, i) for i in ids) or "-"

    art = a.article
    lines = [
        f"Article {art.id}: {art.title or '(no title)'}",
        f"  published {art.published or 'unknown'} · language {art.language or '?'}"
        f" · status {a.status}",
        "",
    ]
    if a.status != "ok":
        return "\n".join(lines)
    lines.append(f"ACTORS ({len(a.actors)})")
    for x in a.actors:
        extra: list[str] = [x.kind]
        if x.country:
            extra.append(x.country)
        if x.kb_id:
            extra.append(f"kb:{x.kb_id}")
        line = f"  {x.name} [{', '.join(extra)}] ×{len(x.mentions)}"
        roles = []
        for r in x.roles:
            role = " ".join(p for p in (r.rank, r.title if r.title != r.rank else None) if p)
            if r.of:
                role += f" of {names.get(r.of, r.of)}"
            roles.append(role)
        if roles:
            line += " — " + "; ".join(roles)
        lines.append(line)
    lines += ["", f"QUOTES ({sum(q.kind != 'term' for q in a.quotes)})"]
    for q in a.quotes:
        if q.kind == "term":
            continue
        speaker = names.get(q.speaker or "", "(unknown speaker)")
        via = f" via {q.via}" if q.via else ""
        lines.append(f"  [{q.kind}] {speaker} ({q.cue or '-'}{via}): “{_clip(q.text, 110)}”")
    lines += ["", f"EVENTS ({len(a.events)})"]
    rows = [_event_row(e, who, names, places) for e in a.events]
    headers = [
        "id",
        "type",
        "source",
        "target",
        "certainty",
        "attributed to",
        "place",
        "date",
        "trigger",
    ]
    lines += ["  " + r for r in _table(rows, headers)] if rows else ["  (none)"]
    if any(e.date and e.date.how in FALLBACK for e in a.events):
        lines.append("  * no date in the event's sentence: the dateline's or publication's")
    if a.times:
        lines += ["", "TIMES"]
        lines += [f"  {t.text!r} → {t.value}" for t in a.times]
    if a.places:
        lines += ["", "PLACES"]
        lines += [f"  {p.text!r} → {p.name} ({p.kind}, {p.country})" for p in a.places]
    return "\n".join(lines)


FALLBACK = {"dateline", "published"}


def _date(e: Event) -> str:
    if e.date is None:
        return "-"
    value = e.date.value or (f"{e.date.range[0]}..{e.date.range[1]}" if e.date.range else "-")
    return value + ("*" if e.date.how in FALLBACK else "")


def _event_row(e: Event, who, names: dict[str, str], places: dict[str, str]) -> list[str]:  # type: ignore[no-untyped-def]
    certainty = e.certainty + ("" if e.polarity == "positive" else ", negated")
    if e.denied_by:
        certainty += f", denied by {who(e.denied_by)}"
    if e.conditional:
        certainty += ", conditional"
    return [
        e.id,
        e.type + (f"/{e.mode}" if e.mode else ""),
        _clip(who(e.source), 28),
        _clip(who(e.target), 28),
        certainty,
        names.get(e.attributed_to or "", "author"),
        places.get(e.place or "", "-"),
        _date(e),
        _clip(e.trigger.text, 30),
    ]

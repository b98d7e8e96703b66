"""The article reader's text: runs of characters, each with the marks that cover it.

Why runs: mentions sit inside quotes and triggers inside both, so nested HTML built from spans
would need the spans to nest properly, which they need not. Cutting the text at every span
boundary gives flat runs that each carry all their marks; the template escapes every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tidings.model import Analysis, Span
from tidings.web.reads import analysis_event


@dataclass
class Run:
    """A piece of the text with its marks (CSS classes) and the ids it belongs to."""

    text: str
    classes: list[str] = field(default_factory=list)
    actor: str | None = None
    actor_name: str | None = None
    quote: str | None = None
    speaker: str | None = None
    events: list[str] = field(default_factory=list)
    label: str | None = None  # a speaker tag shown before the run (a quote's first run)


@dataclass
class _Mark:
    start: int
    end: int
    kind: str
    ref: str = ""
    name: str | None = None


def _marks(a: Analysis) -> list[_Mark]:
    s = a.article.structure
    out: list[_Mark] = []
    for sp in s.captions + s.repeated + s.credits + s.boilerplate:
        out.append(_Mark(sp.start, sp.end, "greyed"))
    if s.headline:
        out.append(_Mark(s.headline.start, s.headline.end, "headline"))
    for actor in a.actors:
        out += [_Mark(m.start, m.end, "mention", actor.id, actor.name) for m in actor.mentions]
    for q in a.quotes:
        speaker = a.actor(q.speaker)
        out.append(
            _Mark(q.span.start, q.span.end, "quote", q.id, speaker.name if speaker else None)
        )
    for e in a.events:
        out.append(_Mark(e.trigger.start, e.trigger.end, "trigger", e.id))
    return [m for m in out if m.end > m.start]


def runs(a: Analysis) -> list[Run]:
    """The whole text as runs; concatenating their texts gives the article text back."""
    text = a.article.text
    marks = _marks(a)
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out: list[Run] = []
    started: set[str] = set()
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        if hi > len(text):
            break
        run = Run(text[lo:hi])
        for m in (m for m in marks if m.start <= lo and hi <= m.end):
            if m.kind not in run.classes:
                run.classes.append(m.kind)
            if m.kind == "mention":
                run.actor, run.actor_name = m.ref, m.name
            elif m.kind == "quote":
                run.quote, run.speaker = m.ref, m.name
                if m.ref not in started:
                    started.add(m.ref)
                    run.label = m.name or "unknown speaker"
            elif m.kind == "trigger":
                run.events.append(m.ref)
        out.append(run)
    return out


def _span(sp: Span | None) -> dict[str, Any] | None:
    return None if sp is None else {"start": sp.start, "end": sp.end, "text": sp.text}


def event_cards(a: Analysis) -> dict[str, dict[str, Any]]:
    """What the event card shows, per event id (the page embeds it as JSON)."""
    cards = {}
    for e in a.events:
        row = analysis_event(a, e)
        row["evidence_spans"] = [_span(e.sentence)] + [_span(x) for x in e.evidence]
        row["negated"] = e.polarity == "negative"
        row["conditional"] = e.conditional
        cards[e.id] = row
    return cards

"""Events across the document: records, denials, and the same event told twice.

A denial ("the groups said they had not fired the rockets") is not an event of its own: it marks
the earlier event it speaks of as denied by the speaker. Two words for one act in one sentence
become one record with the second kept as evidence (other sentences: `tidings.events.assemble`).
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from tidings.document import Document
from tidings.events.extract import Cand
from tidings.events.modality import Modality
from tidings.model import Event, Span


def to_event(d: Document, c: Cand, m: Modality, sent: SpacySpan) -> Event:
    text = d.text
    s_start, s_end = sent.start_char, sent.end_char
    while s_end > s_start and text[s_end - 1].isspace():
        s_end -= 1
    conf = 0.4 + (0.2 if c.source else 0.0) + (0.15 if c.target else 0.0)
    conf += 0.1 if c.pos == "verb" else 0.0
    return Event(
        id="",
        type=c.type,  # type: ignore[arg-type]
        mode=c.mode,
        cameo=c.trig.cameo,
        source=list(c.source),
        target=list(c.target),
        trigger=Span.of(text, c.start, c.end),
        sentence=Span.of(text, s_start, s_end),
        certainty=m.certainty,  # type: ignore[arg-type]
        polarity=m.polarity,  # type: ignore[arg-type]
        attributed_to=m.attributed_to,
        conditional=m.conditional,
        generic=m.generic,
        tense=m.tense,  # type: ignore[arg-type]
        fatalities=c.fatalities,
        place=None,
        date=None,
        confidence=round(min(conf, 0.9), 2),
    )


def link_denials(events: list[tuple[Event, Modality]]) -> list[Event]:
    """A party's "we did not fire the rockets" marks the earlier event as denied by it."""
    kept: list[Event] = []
    for e, m in events:
        speaker = e.attributed_to
        denial = m.denial or (
            e.polarity == "negative"
            and speaker is not None
            and (speaker in e.source or not e.source)
        )
        if denial and speaker is not None:
            earlier = [k for k in kept if k.type == e.type and k.polarity == "positive"]
            best = next(
                (k for k in reversed(earlier) if set(k.source) & ({speaker} | set(e.source))), None
            )
            if best is None:
                near = [k for k in earlier if e.sentence.start - k.sentence.end < 600]
                best = near[-1] if near else None
            if best is not None:
                if speaker not in best.denied_by:
                    best.denied_by.append(speaker)
                continue
            e.polarity = "negative"
            e.denied_by = [speaker]
        kept.append(e)
    return kept


def _coreferent(k: Event, e: Event) -> bool:
    """Same type, polarity and source in one sentence (a target may be missing in one word)."""
    if k.type != e.type or k.polarity != e.polarity or k.conditional != e.conditional:
        return False
    if set(k.source) != set(e.source):
        return False
    return not (k.target and e.target and set(k.target) != set(e.target))


def merge_coreferent(events: list[Event]) -> list[Event]:
    """One sentence's two words for one act ("beef up security ... mobilize") are one event,
    the second as evidence. Tellings in other sentences are joined later, once dates and places
    are known (`tidings.events.assemble`)."""
    out: list[Event] = []
    for e in events:
        same = next(
            (k for k in out if k.sentence.start == e.sentence.start and _coreferent(k, e)), None
        )
        if same is None:
            out.append(e)
            continue
        same.evidence.append(e.trigger)
        same.evidence.extend(x for x in e.evidence if x not in same.evidence)  # all mentions kept
        if not same.target and e.target:
            same.target = list(e.target)
        if same.fatalities is None and e.fatalities is not None:
            same.fatalities = e.fatalities
    return out

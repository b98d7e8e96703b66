"""The matching rule of each layer (``docs/evaluation.md``, "Matching rules").

Each function takes the document's `Scorer`, builds the gold items and the predictions of its
layer, and scores them. A layer whose gold list is empty (or absent) is not scored at all, so
predictions there are neither right nor wrong: the gold simply does not speak about them.
"""

from __future__ import annotations

from typing import Any

from tidings.evaluation.core import (
    LAYERS,
    QUOTE_KINDS,
    DocumentScore,
    GoldItem,
    LayerCounts,
    PredItem,
    Scorer,
    gold_item,
    pred_item,
    short,
)
from tidings.evaluation.gold import GoldDoc, parse_span
from tidings.evaluation.match import (
    Interval,
    Matching,
    char_f,
    find_all,
    norm_name,
    norm_value,
    norm_ws,
    overlap,
    range_contains,
    same_number,
    text_f,
)
from tidings.evaluation.places import place_mentions, places
from tidings.model import Analysis, Event, Quote, Span, Time

QUOTE_MIN_F = 0.8  # character-overlap F a predicted quote needs with the gold text
CAPTION_ROLES = frozenset({"caption", "credit"})  # a caption or credit may be marked as either


def score_document(gold: GoldDoc, analysis: Analysis) -> dict[str, LayerCounts]:
    """The counts per layer (`LayerCounts`) of one analysis; unannotated layers are absent."""
    return score_document_detailed(gold, analysis).layers


def score_document_detailed(gold: GoldDoc, analysis: Analysis) -> DocumentScore:
    """Like `score_document`, keeping every unmatched gold item and false positive."""
    scorer = Scorer(gold, analysis)
    for rule in (structure, actors, quotes, events, places, place_mentions, times, quantities):
        rule(scorer)
    order = {name: i for i, name in enumerate(LAYERS)}
    scorer.result.layers = dict(sorted(scorer.result.layers.items(), key=lambda kv: order[kv[0]]))
    return scorer.result


def _iv(span: Span) -> Interval:
    return (span.start, span.end)


# -- structure ------------------------------------------------------------------------------
def structure(s: Scorer) -> None:
    """Headline, standfirst, each caption/credit and repeated paragraph, and the body's start."""
    st = s.gold.structure
    if st is None:
        return
    golds: list[GoldItem] = []
    for role in ("headline", "standfirst"):
        if st.get(role):
            golds.append(_structure_gold(role, st[role]))
    for key, role in (("captions", "caption"), ("credits", "credit")):
        golds += [_structure_gold(role, t) for t in st.get(key, [])]
    golds += [_structure_gold("repeated", t) for t in st.get("repeated_paragraphs", [])]
    if st.get("body_starts_with"):
        golds.append(_structure_gold("body", st["body_starts_with"]))
    if not golds:
        return

    marked = s.analysis.article.structure
    found: list[tuple[str, str]] = []
    for role in ("headline", "standfirst"):
        span = getattr(marked, role)
        if span is not None:
            found.append((role, norm_ws(span.text)))
    for role, spans in (
        ("caption", marked.captions),
        ("credit", marked.credits),
        ("repeated", marked.repeated),
    ):
        for span in spans:
            item = (role, norm_ws(span.text))
            if item not in found:  # a paragraph repeated twice is still one repeated paragraph
                found.append(item)
    if marked.body:
        found.append(("body", norm_ws(marked.body[0].text)))
    preds = [pred_item((role, text), f"{role}: {short(text)}") for role, text in found]

    def quality(g: tuple[str, str], p: tuple[str, str]) -> float | None:
        (grole, gtext), (prole, ptext) = g, p
        if grole == "body":
            return 1.0 if prole == "body" and ptext.startswith(gtext) else None
        same_role = grole == prole or (grole in CAPTION_ROLES and prole in CAPTION_ROLES)
        return 1.0 if same_role and ptext == gtext else None

    s.score("structure", golds, preds, quality)


def _structure_gold(role: str, text: str) -> GoldItem:
    return GoldItem(obj=(role, norm_ws(text)), label=f"{role}: {short(text)}")


# -- actors ---------------------------------------------------------------------------------
def actors(s: Scorer) -> None:
    """A predicted actor matches a gold actor when one of its names is one of the gold names."""
    gold = s.gold.items("actors")
    if not gold:
        return
    golds = [gold_item(a, f"{a['id']}: {a['names'][0] if a['names'] else ''}") for a in gold]
    preds = [pred_item(a, f"{a.name} [{a.kind}] ({a.id})") for a in s.analysis.actors]

    def quality(g: dict[str, Any], a: Any) -> float | None:
        gnames = s.gold_names[g["id"]]
        shared = s.actor_names(a) & gnames
        if not shared:
            return None
        return 1.0 + (norm_name(a.name) in gnames) + 0.01 * len(shared)

    s.score("actors", golds, preds, quality)


# -- quotes ---------------------------------------------------------------------------------
def quotes(s: Scorer) -> None:
    """Span: character-overlap F >= 0.8. Speaker: also the right speaker, by name or span."""
    gold = s.gold.items("quotes")
    if not gold and not s.gold.items("not_quotes"):
        return
    golds = [gold_item(q, f"{q.get('speaker') or '?'}: “{short(q['text'])}”") for q in gold]
    # A quote of kind "term" is the analyser saying "quoted, but not speech": it claims no quote,
    # so it is neither a hit nor a false positive (that is what not_quotes asks for).
    preds = [
        pred_item(q, f"{s.names_of([q.speaker]) if q.speaker else '?'}: “{short(q.text)}”")
        for q in s.analysis.quotes
        if q.kind != "term"
    ]

    def span_f(g: dict[str, Any], q: Quote) -> float:
        locs = s.locate(g, "text")
        if locs:
            return max(char_f(_iv(q.span), loc) for loc in locs)
        return text_f(q.text, g["text"])

    def span_quality(g: dict[str, Any], q: Quote) -> float | None:
        f = span_f(g, q)
        return f if f >= QUOTE_MIN_F else None

    def speaker_quality(g: dict[str, Any], q: Quote) -> float | None:
        f = span_quality(g, q)
        return f if f is not None and _speaker_ok(s, g, q) else None

    def why(g: dict[str, Any], q: Quote) -> str:
        want = [g.get("speaker"), *g.get("alt_speakers", [])]
        return f"speaker {s.names_of([q.speaker]) if q.speaker else 'none'}, gold {want}"

    def fp_note(q: Quote) -> str:
        return s.on_negative("not_quotes", "text", [_iv(q.span)])

    base = s.score("quotes_span", golds, preds, span_quality, fp_note=fp_note)
    full = s.score(
        "quotes_speaker", golds, preds, speaker_quality, base=base, why=why, fp_note=fp_note
    )
    for level, matching in (("span", base), ("speaker", full)):
        _quotes_by_kind(s, level, golds, preds, matching)


def _quotes_by_kind(
    s: Scorer,
    level: str,
    golds: list[GoldItem],
    preds: list[PredItem],
    matching: Matching,
) -> None:
    """Per-kind counts from the total matching: recall by the gold kind, false positives by the
    predicted kind (a gold item matched by a quote of another kind still counts as found)."""
    used = matching.matched_preds
    for kind in QUOTE_KINDS:
        mine = [gi for gi, g in enumerate(golds) if g.required and g.obj.get("kind") == kind]
        tp = sum(1 for gi in mine if gi in matching.pairs)
        fp = sum(1 for pi, p in enumerate(preds) if pi not in used and p.obj.kind == kind)
        if mine or fp:
            s.result.layers[f"quotes_{kind}_{level}"] = LayerCounts(tp, fp, len(mine) - tp)


def _speaker_ok(s: Scorer, g: dict[str, Any], q: Quote) -> bool:
    """By name (the speaker actor names a gold speaker or alternative) or by speaker span."""
    wanted = {a for a in [g.get("speaker"), *g.get("alt_speakers", [])] if a}
    if q.speaker is not None and s.actor_map.get(q.speaker, set()) & wanted:
        return True
    if q.speaker_span is not None:
        if any(overlap(_iv(q.speaker_span), loc) for loc in _gold_speaker_spans(s, g)):
            return True
    # A quote whose gold speaker is unknown is right only when no speaker is claimed.
    return not wanted and q.speaker is None and g.get("speaker_span") is None


def _gold_speaker_spans(s: Scorer, g: dict[str, Any]) -> list[Interval]:
    """The gold speaker's span: ``[start, end]``, ``{start, end[, text]}``, or the speaker's text."""
    value = g.get("speaker_span")
    if value is None:
        return []
    if isinstance(value, str):
        return find_all(s.text, value)
    span = parse_span(value, len(s.gold.text))
    if span is not None and s.text == s.gold.text:
        return [span]
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        return find_all(s.text, value["text"])
    return find_all(s.text, s.gold.text[span[0] : span[1]]) if span else []


# -- events ---------------------------------------------------------------------------------
def events(s: Scorer) -> None:
    """Type (or an alternative) where the gold evidence is; then actors; then modality."""
    gold = s.gold.items("events")
    if not gold and not s.gold.items("not_events"):
        return
    golds = [gold_item(e, _gold_event_label(e)) for e in gold]
    preds = [pred_item(e, _event_label(s, e)) for e in s.analysis.events]

    def type_quality(g: dict[str, Any], e: Event) -> float | None:
        if e.type != g["type"] and e.type not in g.get("alt_types", []):
            return None
        return _evidence_quality(s, g, e)

    def actors_quality(g: dict[str, Any], e: Event) -> float | None:
        q = type_quality(g, e)
        return q if q is not None and not _slot_problems(s, g, e) else None

    def full_quality(g: dict[str, Any], e: Event) -> float | None:
        q = actors_quality(g, e)
        return q if q is not None and not _modality_problems(s, g, e) else None

    def why(g: dict[str, Any], e: Event) -> str:
        return "; ".join(_slot_problems(s, g, e) + _modality_problems(s, g, e)) or "type"

    def fp_note(e: Event) -> str:
        return s.on_negative("not_events", "evidence", [_iv(e.trigger), _iv(e.sentence)])

    base = s.score("events_type", golds, preds, type_quality, fp_note=fp_note)
    s.score("events_actors", golds, preds, actors_quality, base=base, why=why, fp_note=fp_note)
    s.score("events_full", golds, preds, full_quality, base=base, why=why, fp_note=fp_note)


def _evidence_quality(s: Scorer, g: dict[str, Any], e: Event) -> float | None:
    """How well the event's trigger or sentence sits on the gold evidence; None if it does not.

    An event assembled from several tellings also sits there when one of its other mentions
    (`Event.evidence`) does; its first telling scores higher, so a gold item told once pairs
    with the event whose first telling it is."""
    first = _first_telling_quality(s, g, e)
    if first is not None or not e.evidence:
        return first
    locs = s.locate(g, "evidence")
    if locs:
        hit = any(overlap(_iv(m), loc) for m in e.evidence for loc in locs)
    else:
        evidence = norm_ws(g["evidence"]).casefold()
        hit = any(norm_ws(m.text).casefold() in evidence for m in e.evidence if m.text.strip())
    return 0.5 if hit else None


def _first_telling_quality(s: Scorer, g: dict[str, Any], e: Event) -> float | None:
    locs = s.locate(g, "evidence")
    if locs:
        trig = max(overlap(_iv(e.trigger), loc) for loc in locs)
        sent = max(char_f(_iv(e.sentence), loc) for loc in locs)
        if not trig and not any(overlap(_iv(e.sentence), loc) for loc in locs):
            return None
        return (1.0 if trig else 0.0) + sent
    # The evidence is not in the analysed text: compare the texts instead.
    evidence = norm_ws(g["evidence"]).casefold()
    trigger, sentence = norm_ws(e.trigger.text).casefold(), norm_ws(e.sentence.text).casefold()
    if (trigger and trigger in evidence) or (evidence and evidence in sentence):
        return 1.0 + text_f(sentence, evidence)
    return None


def _slot_problems(s: Scorer, g: dict[str, Any], e: Event) -> list[str]:
    """Why the source/target slots do not match: a non-empty gold slot needs predicted actors,
    each of which names one of the gold actors listed there."""
    problems = []
    for slot in ("source", "target"):
        wanted = set(g.get(slot) or [])
        if not wanted:
            continue
        got: list[str] = getattr(e, slot)
        if not got or any(not (s.actor_map.get(a, set()) & wanted) for a in got):
            problems.append(f"{slot} [{s.names_of(got)}], gold {sorted(wanted)}")
    return problems


def _modality_problems(s: Scorer, g: dict[str, Any], e: Event) -> list[str]:
    """Certainty, polarity and attribution, each checked only where the gold states it."""
    problems = []
    for key in ("certainty", "polarity"):
        if g.get(key) is not None and getattr(e, key) != g[key]:
            problems.append(f"{key} {getattr(e, key)}, gold {g[key]}")
    if "attributed_to" in g:  # null = the article's author, which is a statement too
        want, got = g["attributed_to"], e.attributed_to
        ok = got is None if want is None else (got is not None and want in s.actor_map.get(got, ()))
        if not ok:
            who = s.names_of([got]) if got else "author"
            problems.append(f"attributed_to {who}, gold {want or 'author'}")
    return problems


def _gold_event_label(e: dict[str, Any]) -> str:
    src, tgt = ",".join(e.get("source", [])) or "-", ",".join(e.get("target", [])) or "-"
    return f"{e.get('id', '')} {e['type']} {src} -> {tgt}: “{short(e['evidence'], 70)}”".strip()


def _event_label(s: Scorer, e: Event) -> str:
    return (
        f"{e.type} {s.names_of(e.source)} -> {s.names_of(e.target)}"
        f" (trigger “{e.trigger.text}”, {e.certainty}): “{short(e.sentence.text, 70)}”"
    )


# -- times and quantities -------------------------------------------------------------------
def times(s: Scorer) -> None:
    """Same ISO value, or a predicted range that contains the gold value."""
    gold = s.gold.items("times")
    if not gold:
        return
    golds = [gold_item(t, f"“{t['text']}” = {t['value']}") for t in gold]
    preds = [pred_item(t, f"“{t.text}” = {t.value or t.range}") for t in s.analysis.times]

    def quality(g: dict[str, Any], t: Time) -> float | None:
        value = norm_value(g["value"])
        if t.value is not None and norm_value(t.value) == value:
            q = 2.0
        elif range_contains(t.range, value):
            q = 1.0
        else:
            return None
        return q + _near(s, g, "text", t.span)

    s.score("times", golds, preds, quality)


def quantities(s: Scorer) -> None:
    """Same value."""
    gold = s.gold.items("quantities")
    if not gold:
        return
    golds = [gold_item(q, f"“{q.get('text', '')}” = {q['value']}") for q in gold]
    preds = [pred_item(q, f"“{q.text}” = {q.value}") for q in s.analysis.quantities]

    def quality(g: dict[str, Any], q: Any) -> float | None:
        if not same_number(g["value"], q.value):
            return None
        return 1.0 + _near(s, g, "text", q.span)

    s.score("quantities", golds, preds, quality)


def _near(s: Scorer, g: dict[str, Any], key: str, span: Span) -> float:
    """A tie-breaker: 0.5 when the prediction sits on the gold text, so equal values pair up
    with the mention they came from and the misses list reads sensibly."""
    if not isinstance(g.get(key), str) and "span" not in g:
        return 0.0
    return 0.5 if any(overlap(_iv(span), loc) for loc in s.locate(g, key)) else 0.0

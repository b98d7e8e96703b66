"""Tidings' quote finder against textacy's ``direct_quotations``, scored on the same gold files.

    .venv/bin/pip install textacy==0.13.0     # benchmark only; NOT a Tidings dependency
    .venv/bin/python benchmarks/quotes_vs_textacy.py [GOLD ...] [--repeat 5] [--misses]

textacy 0.13.0 adds only new packages to the venv (scikit-learn, networkx, cytoolz, jellyfish,
pyphen, floret, ...); it leaves spaCy, numpy, pydantic and scipy as they are (check with
``pip install --dry-run textacy==0.13.0`` first).

Both systems are scored by `tidings.evaluation` itself: textacy's ``DQTriple(speaker, cue,
content)`` triples become an `Analysis` (one quote per triple; its span is the triple's content;
its speaker an actor named by the joined speaker tokens), so the rules are the evaluator's, not
a copy: a span counts at character-overlap F >= 0.8 with the gold text, and a speaker when one of
its names equals a gold speaker's name (case-folded, no leading "the"); a pronoun names nobody.
Quotes of kind "term" (quoted, not speech) claim nothing and are ignored, as in the evaluator.

Timing, after one untimed warm-up run per document, is the median of ``--repeat`` runs:
"end-to-end" is Tidings' whole ``analyze()`` (every stage, events and places included) against
spaCy's parse plus textacy; "quotes only" is Tidings' ``quotes`` stage (from ``meta.timings``)
against ``direct_quotations`` on an already parsed Doc. textacy parses with the same spaCy
pipeline Tidings uses (``tidings.nlp.load_spacy``) unless ``--plain-spacy`` is given.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tidings
from tidings.evaluation import GoldDoc, LayerCounts, Miss, load_gold_files, score_document_detailed
from tidings.model import Actor, Analysis, Article, Meta, Quote, Span
from tidings.nlp import DEFAULT_MODEL

try:
    from textacy.extract.triples import direct_quotations
except ImportError:  # pragma: no cover - depends on the environment
    sys.exit(
        "textacy is not installed; this benchmark needs it (it is not a Tidings dependency):\n"
        "    .venv/bin/pip install textacy==0.13.0"
    )

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "examples"
DEFAULT_GOLD = [SHARED / "irgc-basij.gold.json", SHARED / "gm-chrysler-loans.gold.json"]
LAYERS = ("quotes_span", "quotes_speaker")


@dataclass
class Run:
    """One system on one document: its scores, how many quotes it claimed, and its timings."""

    system: str
    doc: str
    gold: int
    predicted: int
    layers: dict[str, LayerCounts]
    misses: list[Miss]
    seconds: float  # end-to-end, median
    quote_seconds: float  # the quote step alone, median
    marked: LayerCounts  # span counts against the gold direct and partial quotes only
    notes: list[str] = field(default_factory=list)


# -- textacy as an Analysis -----------------------------------------------------------------
def textacy_quotes(doc: Any) -> tuple[list[Any], str | None]:
    """textacy's triples, or none and the reason when it refuses the document.

    textacy raises on an odd number of quotation-mark tokens rather than guess which quotation is
    unclosed; that is its documented behaviour, so it scores as finding nothing.
    """
    try:
        return list(direct_quotations(doc)), None
    except ValueError as exc:
        return [], f"textacy refused the document: {exc}"


def textacy_analysis(text: str, triples: list[Any]) -> Analysis:
    """The triples as an `Analysis` the evaluator can score: one actor per speaker text."""
    actors: dict[str, Actor] = {}
    quotes: list[Quote] = []
    for i, triple in enumerate(triples):
        content = triple.content
        start, end = content.start_char, content.end_char
        tokens = sorted(triple.speaker, key=lambda t: t.i)
        name = " ".join(t.text for t in tokens)
        s_start, s_end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        # A speaker made of adjacent tokens also has a mention span; a scattered one (conjuncts
        # with their compounds) is judged by its joined name only.
        contiguous = " ".join(text[s_start:s_end].split()) == name
        speaker_span = Span.of(text, s_start, s_end) if contiguous else None
        actor = actors.get(name)
        if actor is None:
            actor = actors[name] = Actor(id=f"textacy-{len(actors)}", name=name)
        if speaker_span is not None and speaker_span not in actor.mentions:
            actor.mentions.append(speaker_span)
        cue = sorted(triple.cue, key=lambda t: t.i)
        quotes.append(
            Quote(
                id=f"q{i}",
                kind="direct",
                text=text[start:end],
                span=Span.of(text, start, end),
                speaker=actor.id,
                speaker_span=speaker_span,
                cue=" ".join(t.text for t in cue),
            )
        )
    return Analysis(
        article=Article(text=text),
        actors=list(actors.values()),
        quotes=quotes,
        meta=Meta(tidings=tidings.__version__, models={"textacy": textacy_version()}),
    )


def textacy_version() -> str:
    import textacy

    return getattr(textacy, "__version__", "?")


# -- running and scoring --------------------------------------------------------------------
def claimed(analysis: Analysis) -> int:
    """Quotes the analysis claims: every kind but "term"."""
    return sum(1 for q in analysis.quotes if q.kind != "term")


def gold_count(gold: GoldDoc) -> int:
    return sum(1 for q in gold.items("quotes") if q.get("required", True) is not False)


def marked_only(gold: GoldDoc) -> GoldDoc:
    """The gold with only quotes in marks (direct, partial): all textacy is designed to find."""
    keep = [q for q in gold.items("quotes") if q.get("kind") in ("direct", "partial")]
    return dataclasses.replace(gold, raw={**gold.raw, "quotes": keep})


def scored(
    system: str, gold: GoldDoc, analysis: Analysis, secs: list[float], qsecs: list[float]
) -> Run:
    result = score_document_detailed(gold, analysis)
    marked = score_document_detailed(marked_only(gold), analysis).layers.get("quotes_span")
    return Run(
        system=system,
        doc=gold.id,
        gold=gold_count(gold),
        predicted=claimed(analysis),
        layers={name: result.layers.get(name, LayerCounts()) for name in LAYERS},
        misses=[m for m in result.misses if m.layer in LAYERS],
        seconds=statistics.median(secs),
        quote_seconds=statistics.median(qsecs),
        marked=marked or LayerCounts(),
    )


def run_tidings(pipeline: Any, gold: GoldDoc, repeat: int) -> Run:
    pipeline.analyze(gold.text, published=gold.published)  # warm-up: lazy data, caches
    secs, qsecs, analysis = [], [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        analysis = pipeline.analyze(gold.text, published=gold.published)
        secs.append(time.perf_counter() - t0)
        qsecs.append(analysis.meta.timings.get("quotes", 0.0))
    assert analysis is not None
    return scored("tidings", gold, analysis, secs, qsecs)


def run_textacy(nlp: Any, gold: GoldDoc, repeat: int) -> Run:
    textacy_quotes(nlp(gold.text))  # warm-up
    secs, qsecs = [], []
    triples: list[Any] = []
    note = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        doc = nlp(gold.text)
        t1 = time.perf_counter()
        triples, note = textacy_quotes(doc)
        t2 = time.perf_counter()
        secs.append(t2 - t0)
        qsecs.append(t2 - t1)
    run = scored("textacy", gold, textacy_analysis(gold.text, triples), secs, qsecs)
    if note:
        run.notes.append(f"{gold.id}: {note}")
    return run


# -- the table ------------------------------------------------------------------------------
def prf(c: LayerCounts) -> str:
    return f"{c.precision:>6.3f}{c.recall:>6.3f}{c.f1:>6.3f}"


def table(runs: list[Run]) -> str:
    head = (
        f"{'system':<9}{'document':<20}{'gold':>5}{'pred':>5}"
        f"{'span P':>8}{'R':>6}{'F1':>6}{'+spk P':>8}{'R':>6}{'F1':>6}"
        f"{'e2e s':>8}{'quote s':>9}"
    )
    rows = [head, "-" * len(head)]
    for system in ("tidings", "textacy"):
        mine = [r for r in runs if r.system == system]
        for r in mine:
            rows.append(
                row(system, r.doc, r.gold, r.predicted, r.layers, r.seconds, r.quote_seconds)
            )
        total = {n: sum((r.layers[n] for r in mine), LayerCounts()) for n in LAYERS}
        rows.append(
            row(
                system,
                "ALL (micro)",
                sum(r.gold for r in mine),
                sum(r.predicted for r in mine),
                total,
                sum(r.seconds for r in mine),
                sum(r.quote_seconds for r in mine),
            )
        )
    return "\n".join(rows)


def row(system: str, doc: str, gold: int, pred: int, layers: dict[str, LayerCounts],
        secs: float, qsecs: float) -> str:  # fmt: skip
    span, spk = layers["quotes_span"], layers["quotes_speaker"]
    return (
        f"{system:<9}{doc[:19]:<20}{gold:>5}{pred:>5}  {prf(span)}  {prf(spk)}"
        f"{secs:>8.3f}{qsecs:>9.4f}"
    )


def ratios(runs: list[Run]) -> str:
    """Tidings' time over textacy's, per document and in total, both ways of timing."""
    out = ["time ratio tidings/textacy (same run):"]
    docs = list(dict.fromkeys(r.doc for r in runs))
    by = {(r.system, r.doc): r for r in runs}
    for doc in [*docs, None]:
        pick = [doc] if doc else docs
        t = [by["tidings", d] for d in pick]
        x = [by["textacy", d] for d in pick]
        e2e = sum(r.seconds for r in t) / max(sum(r.seconds for r in x), 1e-12)
        qo = sum(r.quote_seconds for r in t) / max(sum(r.quote_seconds for r in x), 1e-12)
        out.append(f"  {doc or 'ALL':<20} end-to-end {e2e:6.2f}x   quotes only {qo:8.1f}x")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", type=Path, default=DEFAULT_GOLD, help="gold files")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per document (median)")
    ap.add_argument("--misses", action="store_true", help="list each system's misses")
    ap.add_argument(
        "--plain-spacy",
        action="store_true",
        help=f"parse for textacy with plain spacy.load({DEFAULT_MODEL!r}), no Tidings rules",
    )
    args = ap.parse_args()
    missing = [p for p in args.gold if not p.exists()]
    if missing:
        sys.exit(f"gold file(s) not found: {', '.join(map(str, missing))} (../shared absent?)")

    golds = load_gold_files(args.gold)
    pipeline = tidings.load()
    if args.plain_spacy:
        import spacy

        nlp = spacy.load(DEFAULT_MODEL)
    else:
        nlp = pipeline.nlp  # the very parser Tidings uses, so only the quote logic differs
    runs: list[Run] = []
    for gold in golds:
        runs.append(run_tidings(pipeline, gold, args.repeat))
        runs.append(run_textacy(nlp, gold, args.repeat))

    print(f"textacy {textacy_version()} direct_quotations vs Tidings {tidings.__version__}; "
          f"median of {args.repeat} runs; spaCy for textacy: "
          f"{'plain ' + DEFAULT_MODEL if args.plain_spacy else 'tidings.nlp.load_spacy()'}")  # fmt: skip
    print(table(runs))
    print(ratios(runs))
    print("span recall on the gold quotes in marks only (direct + partial; indirect excluded):")
    for system in ("tidings", "textacy"):
        c = sum((r.marked for r in runs if r.system == system), LayerCounts())
        print(f"  {system:<9}{c.tp:>3}/{c.tp + c.fn:<3} = {c.recall:.3f}")
    for r in runs:
        for note in r.notes:
            print(f"note: {note}")
    if args.misses:
        for r in runs:
            print(f"\n# {r.system} / {r.doc}")
            for m in r.misses:
                print(f"  {m.layer}\t{m.kind}\t{m.text}" + (f"  [{m.note}]" if m.note else ""))


if __name__ == "__main__":
    main()

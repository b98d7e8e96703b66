"""Gold files, `evaluate()` and its report, and the real gold files of ../shared.

The matching rules themselves are tested one by one in test_evaluate.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tidings.errors import GoldFormatError
from tidings.evaluate import LAYERS, GoldDoc, LayerCounts, evaluate, load_gold
from tidings.evaluation.core import QUOTE_KINDS
from tidings.model import (
    Actor,
    Analysis,
    Article,
    Event,
    Meta,
    Place,
    Quantity,
    Quote,
    Span,
    Structure,
    Time,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TEXT = "Rockets struck on Sunday, killing 1,500 people.\nTwelve envoys met on Monday."

# per-kind quote layers: sub-layers of quotes_span and quotes_speaker, not items of their own
PER_KIND = frozenset(
    f"quotes_{kind}_{level}" for kind in QUOTE_KINDS for level in ("span", "speaker")
)


def at(needle: str, text: str = TEXT) -> Span:
    start = text.index(needle)
    return Span.of(text, start, start + len(needle))


def analysis(text: str, structure: Structure | None = None, **parts: Any) -> Analysis:
    article = Article(text=text, structure=structure or Structure())
    return Analysis(article=article, meta=Meta(tidings="test"), **parts)


def counts(layers: dict[str, LayerCounts], name: str) -> tuple[int, int, int]:
    c = layers[name]
    return c.tp, c.fp, c.fn


# -- gold files -------------------------------------------------------------------------------
def write_jsonl(path: Path, objs: list[Any]) -> Path:
    path.write_text("\n".join(o if isinstance(o, str) else json.dumps(o) for o in objs) + "\n")
    return path


def test_load_gold_json_with_text_path(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(TEXT, encoding="utf-8")
    gold = {
        "format": "tidings-gold/1",
        "id": "a",
        "text_path": "texts/a.txt",
        "published": "2020-01-27",
        "structure": {"headline": "Iran threatens US"},
    }
    (tmp_path / "a.gold.json").write_text(json.dumps(gold))
    (loaded,) = load_gold(tmp_path / "a.gold.json")
    assert (loaded.id, loaded.text, loaded.title) == ("a", TEXT, "Iran threatens US")
    assert loaded.published is not None and loaded.published.isoformat() == "2020-01-27"


def test_load_gold_jsonl_skips_blank_lines_and_names_documents(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "b.jsonl", [{"text": "One."}, "", {"text": "Two.", "title": "T"}])
    docs = load_gold(path)
    assert [(d.id, d.text, d.title, d.line) for d in docs] == [
        ("b:1", "One.", None, 1),
        ("b:3", "Two.", "T", 3),
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "x"', "invalid JSON"),
        ('["not", "an", "object"]', "must be a JSON object"),
        ('{"format": "other/2", "text": "x"}', "format"),
        ('{"id": "x"}', "needs 'text' or 'text_path'"),
        ('{"text_path": "missing.txt"}', "not found"),
        ('{"text": "x", "events": [{"type": "ATTACK", "evidence": "x"}]}', "not a PLOVER type"),
        ('{"text": "x", "events": [{"type": "ASSAULT"}]}', "missing 'evidence'"),
        ('{"text": "x", "quotes": [{"text": "x", "speaker": "nobody"}]}', "unknown actor id"),
        ('{"text": "x", "times": [{"text": "x", "value": "2020", "span": [0, 9]}]}', "bad 'span'"),
        ('{"text": "x", "actors": {"id": "a"}}', "must be a list"),
        ('{"text": "x", "places": [{"text": "x", "required": "yes"}]}', "'required'"),
        ('{"text": "x", "quotes": [{"text": "x", "speaker_span": [3, 1]}]}', "speaker_span"),
    ],
)
def test_malformed_gold_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", [{"text": "fine"}, line])
    with pytest.raises(GoldFormatError, match=message) as err:
        load_gold(path)
    assert f"{path}:2" in str(err.value)


def test_unreadable_published_date_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", [{"text": "x", "published": "03-02-2009"}])
    (loaded,) = load_gold(path)
    assert loaded.published is None
    assert len(loaded.warnings) == 1 and "03-02-2009" in loaded.warnings[0]


def test_missing_or_empty_gold_file(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match="not found"):
        load_gold(tmp_path / "nope.json")
    with pytest.raises(GoldFormatError, match="no gold documents"):
        load_gold(write_jsonl(tmp_path / "empty.jsonl", [""]))


# -- evaluate() and the report ----------------------------------------------------------------
def test_evaluate_micro_averages_and_reports(tmp_path: Path) -> None:
    objs = [
        {"id": "one", "text": TEXT, "times": [{"text": "on Sunday", "value": "2020-01-26"}]},
        {
            "id": "two",
            "text": TEXT,
            "times": [{"text": "on Sunday", "value": "2020-01-26"}],
            "quantities": [{"text": "1,500", "value": 1500}, {"text": "Twelve", "value": 12}],
        },
    ]
    path = write_jsonl(tmp_path / "g.jsonl", objs)
    seen: list[str] = []

    def analyze(gold: GoldDoc) -> Analysis:
        seen.append(gold.id)
        value = "2020-01-26" if gold.id == "one" else "2020-01-27"
        return analysis(
            gold.text,
            times=[Time(id="t", text="on Sunday", span=at("on Sunday"), value=value)],
            quantities=[Quantity(text="1,500", span=at("1,500"), value=1500)],
        )

    report = evaluate(path, analyze)
    assert seen == ["one", "two"]
    assert report.documents == 2
    assert list(report.layers) == ["times", "quantities"]  # "one" has no gold quantities
    assert counts(report.layers, "times") == (1, 1, 1)
    assert counts(report.layers, "quantities") == (1, 0, 1)
    summary = json.loads(report.to_json())
    assert set(summary) == {"documents", "layers", "seconds"}
    assert summary["layers"]["times"] == {
        "tp": 1,
        "fp": 1,
        "fn": 1,
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
    }
    assert summary["layers"]["quantities"]["recall"] == 0.5
    assert [d.id for d in report.per_document] == ["one", "two"]
    assert sorted((m.document, m.layer, m.kind) for m in report.misses) == [
        ("two", "quantities", "fn"),
        ("two", "times", "fn"),
        ("two", "times", "fp"),
    ]
    table = report.table()
    assert table.splitlines()[2].split()[:4] == ["times", "1", "1", "1"]
    assert "2 documents" in table
    assert "2020-01-27" in report.format_misses("times")


def test_evaluate_refuses_bad_gold_before_analysing(tmp_path: Path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", [{"text": "x"}])
    bad = write_jsonl(tmp_path / "bad.jsonl", ["{"])
    calls: list[str] = []
    with pytest.raises(GoldFormatError, match="bad.jsonl:1"):
        evaluate([good, bad], lambda g: calls.append(g.id) or analysis(g.text))  # type: ignore[func-returns-value]
    assert calls == []


# -- the real gold files ----------------------------------------------------------------------
def oracle(gold: GoldDoc) -> Analysis:
    """The analysis a perfect system would produce, built from the gold itself."""
    text, raw = gold.text, gold.raw

    def span(needle: str) -> Span:
        start = text.index(needle.strip())
        return Span.of(text, start, start + len(needle.strip()))

    kinds = Actor.model_fields["kind"].annotation.__args__  # type: ignore[union-attr]
    actors_ = [
        Actor(
            id=a["id"],
            name=a["names"][0],
            kind=a.get("kind") if a.get("kind") in kinds else "unknown",
        )
        for a in raw.get("actors", [])
    ]
    quotes_ = [
        Quote(
            id=f"q{i}",
            kind=q["kind"],
            text=span(q["text"]).text,
            span=span(q["text"]),
            speaker=q["speaker"],
        )
        for i, q in enumerate(raw.get("quotes", []))
    ]
    events_ = [
        Event(
            id=f"e{i}",
            type=e["type"],
            source=e.get("source", []),
            target=e.get("target", []),
            trigger=span(e["evidence"]),
            sentence=span(e["evidence"]),
            certainty=e.get("certainty") or "certain",
            polarity=e.get("polarity") or "positive",
            attributed_to=e.get("attributed_to"),
        )
        for i, e in enumerate(raw.get("events", []))
    ]
    places_ = [
        Place(
            id=f"p{i}",
            text=p["text"],
            span=span(p["text"]),
            name=p["text"],
            geonameid=p.get("geonameid"),
        )
        for i, p in enumerate(raw.get("places", []))
    ]
    times_ = [
        Time(id=f"t{i}", text=t["text"], span=span(t["text"]), value=t["value"])
        for i, t in enumerate(raw.get("times", []))
    ]
    quantities_ = [
        Quantity(text=q["text"], span=span(q["text"]), value=q["value"])
        for q in raw.get("quantities", [])
    ]
    st = gold.structure or {}
    structure = Structure(
        headline=span(st["headline"]) if st.get("headline") else None,
        standfirst=span(st["standfirst"]) if st.get("standfirst") else None,
        captions=[span(c) for c in st.get("captions", [])],
        repeated=[span(r) for r in st.get("repeated_paragraphs", [])],
        body=[Span.of(text, span(st["body_starts_with"]).start, len(text))]
        if st.get("body_starts_with")
        else [],
    )
    return analysis(
        text,
        structure,
        actors=actors_,
        quotes=quotes_,
        events=events_,
        places=places_,
        times=times_,
        quantities=quantities_,
    )


GOLD_FILES = {
    # file: (documents, {layer: required gold items})
    "examples/irgc-basij.gold.json": (
        1,
        {
            "structure": 7,
            "actors": 13,
            "quotes_span": 12,
            "quotes_speaker": 12,
            "events_type": 11,
            "events_actors": 11,
            "events_full": 11,
            "places": 5,
            "times": 3,
            "quantities": 4,
        },
    ),
    "examples/gm-chrysler-loans.gold.json": (
        1,
        {
            "structure": 2,
            "actors": 17,
            "quotes_span": 10,
            "quotes_speaker": 10,
            "events_type": 4,
            "events_actors": 4,
            "events_full": 4,
            "places": 4,
            "times": 6,
            "quantities": 0,
        },
    ),
    "bench/plover-dev.gold.jsonl": (
        124,
        {
            "actors": 0,
            "events_type": 124,
            "events_actors": 124,
            "events_full": 124,
        },
    ),
    "bench/meantime-times.gold.jsonl": (120, {"times": 397}),
}


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.exists(), reason="../shared not present")
@pytest.mark.parametrize("name", sorted(GOLD_FILES))
def test_real_gold_files_load_and_a_perfect_analysis_scores_perfectly(name: str) -> None:
    documents, required = GOLD_FILES[name]
    report = evaluate(SHARED / name, oracle)
    assert report.documents == documents
    totals = {k: c for k, c in report.layers.items() if k not in PER_KIND}
    assert {layer: c.tp for layer, c in totals.items()} == required
    assert all(c.fp == 0 and c.fn == 0 for c in report.layers.values()), report.format_misses()
    assert list(totals) == [layer for layer in LAYERS if layer in required]
    # the per-kind quote layers split the totals: together they count what the totals count
    for level in ("span", "speaker"):
        kinds = [c.tp for k, c in report.layers.items() if k in PER_KIND and k.endswith(level)]
        assert sum(kinds) == required.get(f"quotes_{level}", 0)


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.exists(), reason="../shared not present")
def test_real_gold_empty_analysis_misses_everything() -> None:
    report = evaluate(SHARED / "examples/irgc-basij.gold.json", lambda g: analysis(g.text))
    assert report.layers["events_type"] == LayerCounts(tp=0, fp=0, fn=11)
    assert report.layers["quotes_speaker"].recall == 0.0
    assert len([m for m in report.misses if m.kind == "fn"]) == sum(
        c.fn for k, c in report.layers.items() if k not in PER_KIND
    )

"""The event-type confusion table: `tidings eval --confusion` on the real pipeline, and the pairing
rule on hand-built analyses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tidings.cli import app
from tidings.evaluate import EventConfusion, GoldDoc, event_confusion
from tidings.evaluation.confusion import NONE
from tidings.model import PLOVER_TYPES, Analysis, Article, Event, Meta, Span

runner = CliRunner()


def gold_doc(doc_id: str, text: str, events: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "format": "tidings-gold/1",
        "id": doc_id,
        "text": text,
        "published": "2024-03-04",
        "events": events,
        **extra,
    }


def ev(type_: str, evidence: str, **extra: Any) -> dict[str, Any]:
    return {"type": type_, "evidence": evidence, "source": [], "target": [], **extra}


# Sentences the pipeline codes: bombed -> ASSAULT, arrested -> COERCE, marched -> PROTEST,
# accused -> ACCUSE, attacked -> ASSAULT, signed a trade agreement -> SUPPORT.
BOMBED = "Israeli jets bombed a weapons depot near Damascus on Monday."
ARRESTED = "Police arrested twelve opposition activists in Minsk on Tuesday."
MARCHED = "Protesters marched through the capital on Sunday to denounce the new tax."
CALM = "The weather was mild and the shops stayed open."
ACCUSED = "The government of Chile accused Peru of violating the border agreement."
ATTACKED = "Rebels attacked an army base in the north on Friday, officials said."
SIGNED = "France and Germany signed a trade agreement in Paris on Wednesday."

GOLD = [
    # right type
    gold_doc("bomb", BOMBED, [ev("ASSAULT", "bombed a weapons depot")]),
    # gold deliberately ASSAULT, the pipeline says COERCE: a confusion
    gold_doc("arrest", ARRESTED, [ev("ASSAULT", "arrested twelve opposition activists")]),
    # a gold event where nothing is coded: a miss
    gold_doc(
        "march",
        f"{MARCHED} {CALM}",
        [ev("PROTEST", "marched through the capital"), ev("THREATEN", "the shops stayed open")],
    ),
    # a predicted event on no gold event: spurious
    gold_doc("rebels", ATTACKED, [], not_events=[{"evidence": "attacked an army base"}]),
    # an optional gold event: no row, and its prediction is not spurious either
    gold_doc("chile", ACCUSED, [ev("REJECT", "accused Peru", required=False)]),
    # the prediction is one of the gold's alt_types: accepted, not a confusion
    gold_doc("trade", SIGNED, [ev("AGREE", "signed a trade agreement", alt_types=["SUPPORT"])]),
    # events not annotated at all: its ASSAULT is not counted anywhere
    gold_doc("times-only", BOMBED, [], times=[]),
]
del GOLD[-1]["events"]

EXPECTED = {
    "AGREE": {"SUPPORT": 1},
    "PROTEST": {"PROTEST": 1},
    "THREATEN": {NONE: 1},
    "ASSAULT": {"COERCE": 1, "ASSAULT": 1},
    NONE: {"ASSAULT": 1},
}


def write_gold(tmp_path: Path) -> Path:
    path = tmp_path / "small.gold.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in GOLD) + "\n", encoding="utf-8")
    return path


def parse_table(out: str) -> dict[str, dict[str, str]]:
    """The printed matrix as {row: {column: cell}}."""
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("gold \\ pred"))
    cols = lines[head].split()[3:]
    table = {}
    for line in lines[head + 1 :]:
        if line.startswith("missed"):
            break
        row, *cells = line.split()
        assert len(cells) == len(cols), line
        table[row] = dict(zip(cols, cells, strict=True))
    return table


def test_eval_confusion_json_counts(tmp_path: Path, pipeline: Any) -> None:
    res = runner.invoke(app, ["eval", str(write_gold(tmp_path)), "--json", "--confusion"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) == {"documents", "layers", "seconds", "confusion"}
    assert data["confusion"] == EXPECTED
    # the pairs of the gold type (or an alt_type) are exactly the events_type layer's hits
    hits = sum(n for g, row in data["confusion"].items() for p, n in row.items() if g == p)
    assert hits + 1 == data["layers"]["events_type"]["tp"]  # + the accepted AGREE -> SUPPORT


def test_eval_confusion_table(tmp_path: Path, pipeline: Any) -> None:
    res = runner.invoke(app, ["eval", str(write_gold(tmp_path)), "--confusion"])
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert out.index("events_type") < out.index("gold (rows) x predicted (columns)")
    table = parse_table(out)
    # only types that occur, in PLOVER order, "(none)" last
    assert list(table) == ["AGREE", "THREATEN", "PROTEST", "ASSAULT", NONE]
    assert list(table["ASSAULT"]) == ["SUPPORT", "PROTEST", "COERCE", "ASSAULT", NONE]
    assert table["ASSAULT"] == {
        "SUPPORT": ".",
        "PROTEST": ".",
        "COERCE": "1",
        "ASSAULT": "1",
        NONE: ".",
    }
    assert table["THREATEN"][NONE] == "1" and table[NONE]["ASSAULT"] == "1"
    assert "missed (gold event, no prediction there): 1;" in out
    assert "spurious (prediction on no gold event): 1" in out
    assert "accepted as alt_types (not confusions): 1" in out
    confusions = out[out.index("most frequent confusions") :].splitlines()[1:]
    assert [c.strip() for c in confusions] == ["ASSAULT -> COERCE: 1"]


def test_eval_without_confusion_is_unchanged(tmp_path: Path, pipeline: Any) -> None:
    gold = str(write_gold(tmp_path))
    res = runner.invoke(app, ["eval", gold, "--json"])
    assert res.exit_code == 0, res.output
    assert set(json.loads(res.stdout)) == {"documents", "layers", "seconds"}
    res = runner.invoke(app, ["eval", gold])
    assert res.exit_code == 0, res.output
    assert "events_type" in res.stdout and "predicted" not in res.stdout


def test_library_gives_the_confusion(tmp_path: Path, pipeline: Any) -> None:
    from tidings.api import evaluate_files

    report = evaluate_files([write_gold(tmp_path)])
    assert report.confusion.to_dict() == EXPECTED
    assert report.confusion.confusions() == [("ASSAULT", "COERCE", 1)]
    by_doc = {s.id: s.confusion for s in report.per_document}
    assert by_doc["times-only"] is None
    assert by_doc["arrest"] is not None and by_doc["arrest"].to_dict() == {"ASSAULT": {"COERCE": 1}}


# -- the pairing rule on hand-built analyses --------------------------------------------------
TEXT = "Troops shelled the village and detained its mayor on Monday. Talks resumed later."


def at(needle: str) -> Span:
    start = TEXT.index(needle)
    return Span.of(TEXT, start, start + len(needle))


def pred(type_: str, trigger: str, sentence: str) -> Event:
    return Event(id=trigger, type=type_, trigger=at(trigger), sentence=at(sentence))


def confusion(events: list[Event], gold_events: list[dict[str, Any]]) -> EventConfusion | None:
    gold = GoldDoc(raw={"id": "t", "events": gold_events}, text=TEXT, id="t")
    analysis = Analysis(article=Article(text=TEXT), meta=Meta(tidings="test"), events=events)
    return event_confusion(gold, analysis)


SENT = "Troops shelled the village and detained its mayor on Monday."


def test_the_gold_type_wins_over_a_better_located_other_type() -> None:
    # COERCE's trigger sits on the evidence, ASSAULT only shares the sentence: ASSAULT is paired.
    events = [pred("COERCE", "detained", SENT), pred("ASSAULT", "shelled", SENT)]
    result = confusion(events, [ev("ASSAULT", "detained its mayor")])
    assert result is not None
    assert result.to_dict() == {"ASSAULT": {"ASSAULT": 1}, NONE: {"COERCE": 1}}


def test_otherwise_the_best_located_other_type_one_to_one() -> None:
    events = [pred("COERCE", "detained", SENT), pred("CONSULT", "resumed", "Talks resumed later.")]
    golds = [ev("ASSAULT", "detained its mayor"), ev("ASSAULT", "shelled the village")]
    result = confusion(events, golds)
    assert result is not None
    # one COERCE for two gold events in its sentence: the one under its trigger gets it
    assert result.to_dict() == {
        "ASSAULT": {"COERCE": 1, NONE: 1},
        NONE: {"CONSULT": 1},
    }
    assert result.missed == 1 and result.spurious == 1


def test_no_events_annotated_means_no_table() -> None:
    assert confusion([pred("ASSAULT", "shelled", SENT)], []) is None


def test_wide_tables_abbreviate_the_columns() -> None:
    wide = EventConfusion()
    for t in PLOVER_TYPES[:4]:
        for p in PLOVER_TYPES[:10]:
            wide.add(t, p, n=12)
        wide.add(t, NONE)
    text = wide.table(top=3)
    assert max(len(line) for line in text.splitlines()) <= 100
    assert "AGRE CONS SUPP CONC COOP  AID RETR REQU ACCU REJE none" in text
    assert text.splitlines()[-3:] == [
        "  AGREE -> CONSULT: 12",
        "  AGREE -> SUPPORT: 12",
        "  AGREE -> CONCEDE: 12",
    ]

"""The evaluator reads gold actor ``spans``: a predicted actor fills a gold slot when one of its
mentions lies inside the marked phrase (docs/evaluation.md, "Matching rules")."""

from __future__ import annotations

from tidings.evaluate import GoldDoc, score_document
from tidings.model import Actor, Analysis, Article, Event, Meta, Span

TEXT = "Yugoslavia and Slovenia condemned a U.S. Supreme Court decision on Monday."


def at(needle: str) -> Span:
    start = TEXT.index(needle)
    return Span.of(TEXT, start, start + len(needle))


def gold(**changes: object) -> GoldDoc:
    src, tgt = at("Yugoslavia and Slovenia"), at("a U.S. Supreme Court decision")
    raw = {
        "format": "tidings-gold/1",
        "id": "s",
        "actors": [
            {"id": "a1", "names": ["Yugoslavia and Slovenia"], "spans": [[src.start, src.end]]},
            {
                "id": "a2",
                "names": ["a U.S. Supreme Court decision"],
                "spans": [[tgt.start, tgt.end]],
            },
        ],
        "events": [
            {"type": "ACCUSE", "source": ["a1"], "target": ["a2"], "evidence": TEXT, **changes}
        ],
    }
    return GoldDoc(raw=raw, text=TEXT, id="s")


def analysis(source: list[str], target: list[str]) -> Analysis:
    actors = [
        Actor(id="y", name="Yugoslavia", kind="country", mentions=[at("Yugoslavia")]),
        Actor(id="s", name="Slovenia", kind="country", mentions=[at("Slovenia")]),
        Actor(id="c", name="Supreme Court", kind="government", mentions=[at("Supreme Court")]),
        Actor(id="m", name="Monday Group", kind="unknown", mentions=[at("Monday")]),
    ]
    event = Event(
        id="E1",
        type="ACCUSE",
        source=source,
        target=target,
        trigger=at("condemned"),
        sentence=at(TEXT),
    )
    return Analysis(
        article=Article(text=TEXT), actors=actors, events=[event], meta=Meta(tidings="t")
    )


def actors_counts(g: GoldDoc, a: Analysis) -> tuple[int, int, int]:
    c = score_document(g, a)["events_actors"]
    return c.tp, c.fp, c.fn


def test_actors_inside_the_marked_spans_fill_the_slots() -> None:
    assert actors_counts(gold(), analysis(["y", "s"], ["c"])) == (1, 0, 0)


def test_an_actor_outside_the_marked_span_does_not() -> None:
    assert actors_counts(gold(), analysis(["y", "m"], ["c"])) == (0, 1, 1)
    assert actors_counts(gold(), analysis(["c"], ["y"])) == (0, 1, 1)


def test_without_spans_only_names_match() -> None:
    g = gold()
    for a in g.raw["actors"]:
        del a["spans"]
    assert actors_counts(GoldDoc(raw=g.raw, text=TEXT, id="s"), analysis(["y", "s"], ["c"])) == (
        0,
        1,
        1,
    )

"""Scoring against gold files: each matching rule of docs/evaluation.md, positive and negative.

Analyses are real `tidings.model` objects built by hand, so every rule is checked in isolation
from the NLP pipeline.
"""

from __future__ import annotations

from typing import Any

import pytest

from tidings.evaluate import (
    EvalReport,
    GoldDoc,
    LayerCounts,
    score_document,
    score_document_detailed,
)
from tidings.evaluation.match import match_one_to_one, range_contains
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

TEXT = (
    "Iran threatens US\n\n"
    "Tehran fears more strikes.\n\n"
    "Photo: REUTERS/Jane Doe\n"
    "The IRGC chief Hossein Salami ordered the mobilization of Basij units on Sunday. "
    "“The enemy is afraid of our mobilization efforts,” Salami said. "
    "A Basij member was gunned down in Khuzestan, and 1,500 protesters were killed. "
    "Brian Hook allegedly threatened the commander. "
    "A plane crashed near Tehran, killing 176 people. "
    "Tehran fears more strikes."
)


def at(needle: str, text: str = TEXT, nth: int = 0) -> Span:
    """The span of the nth occurrence of needle in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def doc(text: str = TEXT, **gold: Any) -> GoldDoc:
    return GoldDoc(raw={"format": "tidings-gold/1", "id": "t", **gold}, text=text, id="t")


def analysis(text: str = TEXT, structure: Structure | None = None, **parts: Any) -> Analysis:
    article = Article(text=text, structure=structure or Structure())
    return Analysis(article=article, meta=Meta(tidings="test"), **parts)


def actor(aid: str, name: str, *mentions: str, kind: str = "unknown") -> Actor:
    return Actor(id=aid, name=name, kind=kind, mentions=[at(m) for m in mentions])


def counts(layers: dict[str, LayerCounts], name: str) -> tuple[int, int, int]:
    c = layers[name]
    return c.tp, c.fp, c.fn


GOLD_ACTORS = [
    {"id": "salami", "names": ["Hossein Salami", "Salami"]},
    {"id": "irgc", "names": ["IRGC", "Islamic Revolutionary Guard Corps"]},
    {"id": "basij", "names": ["Basij", "Basij units"]},
    {"id": "hook", "names": ["Brian Hook"]},
    {"id": "usa", "names": ["United States", "US"]},
    {"id": "reuters", "names": ["Reuters"], "required": False},
]


# -- counts and matching ----------------------------------------------------------------------
def test_layer_counts_rates_and_zero_denominators() -> None:
    c = LayerCounts(tp=2, fp=1, fn=1)
    assert (round(c.precision, 4), round(c.recall, 4), round(c.f1, 4)) == (0.6667, 0.6667, 0.6667)
    assert c.to_dict() == {
        "tp": 2,
        "fp": 1,
        "fn": 1,
        "precision": 0.6667,
        "recall": 0.6667,
        "f1": 0.6667,
    }
    empty = LayerCounts()
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)
    assert LayerCounts(1, 2, 3) + LayerCounts(1, 1, 1) == LayerCounts(2, 3, 4)


def test_matching_finds_the_maximum_not_the_greedy_pairing() -> None:
    # Prediction 0 fits both gold items and is the better fit for gold 0; prediction 1 fits only
    # gold 0. Greedy best-first would pair (0, 0) and lose gold 1.
    fits = {(0, 0): 0.9, (1, 0): 0.5, (0, 1): 0.7}
    m = match_one_to_one([0, 1], [0, 1], lambda g, p: fits.get((g, p)), lambda g: True)
    assert m.pairs == {0: 1, 1: 0}


def test_matching_gives_a_contested_prediction_to_the_required_item() -> None:
    fits = {(0, 0): 0.9, (1, 0): 0.8}  # gold 0 optional, gold 1 required; one prediction
    m = match_one_to_one([0, 1], [0], lambda g, p: fits.get((g, p)), lambda g: g == 1)
    assert m.pairs == {1: 0}


@pytest.mark.parametrize(
    ("range_", "value", "inside"),
    [
        (("2020-01-01", "2020-01-27"), "2020-01", True),
        (("2020-01-01", "2020-01-27"), "2020-01-15", True),
        (("2020-01-01", "2020-01-27"), "2020-01-28", False),
        (("2019-11", "2019-12"), "2019-12-31", True),
        (("2019-11", "2019-12"), "2020-01-01", False),
        (("2020-01-01", "2020-01-27"), "PRESENT_REF", False),
        (None, "2020-01", False),
    ],
)
def test_range_contains(range_: Any, value: str, inside: bool) -> None:
    assert range_contains(range_, value) is inside


# -- actors -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "mentions", "found"),
    [
        ("Hossein Salami", (), True),  # canonical name
        ("hossein salami", (), True),  # case-insensitive
        ("Maj.-Gen. H. Salami", ("Salami",), True),  # by a mention text
        ("The Islamic Revolutionary Guard Corps", (), True),  # leading "the" stripped
        ("Hossein", (), False),  # part of a name is not a name
        ("Salamis", (), False),
    ],
)
def test_actor_matches_by_name_or_mention(
    name: str, mentions: tuple[str, ...], found: bool
) -> None:
    gold = doc(actors=GOLD_ACTORS[:2])
    layers = score_document(gold, analysis(actors=[actor("a1", name, *mentions)]))
    assert counts(layers, "actors") == ((1, 0, 1) if found else (0, 1, 2))


def test_actor_matched_once_and_optional_actor_neither_counted_nor_penalised() -> None:
    gold = doc(actors=GOLD_ACTORS)
    pred = [
        actor("a1", "Hossein Salami"),
        actor("a2", "Salami"),  # an unmerged duplicate: one of the two is a false positive
        actor("a3", "Reuters"),  # matches an optional gold actor: no tp, no fp
        actor("a4", "Tasnim"),  # matches nothing
    ]
    layers = score_document(gold, analysis(actors=pred))
    assert counts(layers, "actors") == (1, 2, 4)  # Reuters unmatched would not be an fn either


def test_layers_without_gold_items_are_absent() -> None:
    layers = score_document(doc(actors=GOLD_ACTORS), analysis(actors=[actor("a", "Salami")]))
    assert list(layers) == ["actors"]
    assert score_document(doc(), analysis()) == {}


# -- quotes -----------------------------------------------------------------------------------
QUOTE_TEXT = "The enemy is afraid of our mobilization efforts,"


def quote(span: Span, speaker: str | None = None, speaker_span: Span | None = None) -> Quote:
    return Quote(
        id="q", kind="direct", text=span.text, span=span, speaker=speaker, speaker_span=speaker_span
    )


def test_quote_span_needs_character_overlap_f_of_0_8() -> None:
    gold = doc(actors=GOLD_ACTORS, quotes=[{"text": QUOTE_TEXT, "speaker": "salami"}])
    g = at(QUOTE_TEXT)
    close = Span.of(TEXT, g.start, g.end - 1)  # without the comma: F ~ 0.99
    loose = Span.of(TEXT, g.start - 30, g.end + 10)  # P = 48/88: F ~ 0.71
    assert counts(score_document(gold, analysis(quotes=[quote(close)])), "quotes_span") == (1, 0, 0)
    assert counts(score_document(gold, analysis(quotes=[quote(loose)])), "quotes_span") == (0, 1, 1)


def test_quote_speaker_by_name_of_the_speaker_actor() -> None:
    gold = doc(actors=GOLD_ACTORS, quotes=[{"text": QUOTE_TEXT, "speaker": "salami"}])
    right = analysis(actors=[actor("x", "Salami")], quotes=[quote(at(QUOTE_TEXT), "x")])
    wrong = analysis(actors=[actor("y", "Brian Hook")], quotes=[quote(at(QUOTE_TEXT), "y")])
    none = analysis(quotes=[quote(at(QUOTE_TEXT))])
    assert counts(score_document(gold, right), "quotes_speaker") == (1, 0, 0)
    for pred in (wrong, none):
        layers = score_document(gold, pred)
        assert counts(layers, "quotes_span") == (1, 0, 0)
        assert counts(layers, "quotes_speaker") == (0, 1, 1)


def test_quote_speaker_unknown_actor_never_matches() -> None:
    gold = doc(actors=GOLD_ACTORS, quotes=[{"text": QUOTE_TEXT, "speaker": "salami"}])
    pred = analysis(actors=[actor("x", "the chief")], quotes=[quote(at(QUOTE_TEXT), "x")])
    assert counts(score_document(gold, pred), "quotes_speaker") == (0, 1, 1)


def test_quote_speaker_by_speaker_span_where_gold_gives_one() -> None:
    salami = at("Salami", nth=1)  # the one before "said"
    gold_quote = {"text": QUOTE_TEXT, "speaker": "salami"}
    with_span = doc(quotes=[{**gold_quote, "speaker_span": [salami.start, salami.end]}])
    without = doc(quotes=[gold_quote])
    pred = analysis(quotes=[quote(at(QUOTE_TEXT), speaker_span=salami)])
    assert counts(score_document(with_span, pred), "quotes_speaker") == (1, 0, 0)
    assert counts(score_document(without, pred), "quotes_speaker") == (0, 1, 1)
    elsewhere = analysis(quotes=[quote(at(QUOTE_TEXT), speaker_span=at("Hossein"))])
    assert counts(score_document(with_span, elsewhere), "quotes_speaker") == (0, 1, 1)
    # the gold speaker span may also be given as an object or as the speaker's text
    for given in ({"start": salami.start, "end": salami.end}, "Salami said"):
        other = doc(quotes=[{**gold_quote, "speaker_span": given}])
        assert counts(score_document(other, pred), "quotes_speaker") == (1, 0, 0)


def test_quote_alt_speakers_count_as_the_speaker() -> None:
    gold_quote = {"text": QUOTE_TEXT, "speaker": "salami", "alt_speakers": ["irgc"]}
    pred = analysis(actors=[actor("x", "IRGC")], quotes=[quote(at(QUOTE_TEXT), "x")])
    assert counts(
        score_document(doc(actors=GOLD_ACTORS, quotes=[gold_quote]), pred), "quotes_speaker"
    ) == (1, 0, 0)
    gold_quote.pop("alt_speakers")
    assert counts(
        score_document(doc(actors=GOLD_ACTORS, quotes=[gold_quote]), pred), "quotes_speaker"
    ) == (0, 1, 1)


def test_quote_on_not_quotes_is_a_plain_false_positive() -> None:
    gold = doc(
        quotes=[{"text": QUOTE_TEXT, "speaker": None}],
        not_quotes=[{"text": "mobilization", "why": "a term"}],
    )
    term = at("mobilization")
    report = EvalReport.from_scores([score_document_detailed(gold, analysis(quotes=[quote(term)]))])
    assert (report.layers["quotes_span"].fp, report.layers["quotes_span"].fn) == (1, 1)
    fp = [m for m in report.misses if m.layer == "quotes_span" and m.kind == "fp"]
    assert len(fp) == 1 and "not_quotes" in fp[0].note


def test_quote_of_kind_term_claims_no_quote() -> None:
    gold = doc(
        quotes=[{"text": QUOTE_TEXT, "speaker": None}],
        not_quotes=[{"text": "mobilization", "why": "a term"}],
    )
    term = Quote(id="t", kind="term", text="mobilization", span=at("mobilization"))
    on_gold = Quote(id="u", kind="term", text=QUOTE_TEXT, span=at(QUOTE_TEXT))
    assert counts(score_document(gold, analysis(quotes=[term])), "quotes_span") == (0, 0, 1)
    assert counts(score_document(gold, analysis(quotes=[on_gold])), "quotes_span") == (0, 0, 1)


def test_quote_text_not_in_article_falls_back_to_text_comparison() -> None:
    # The gold uses straight quotes where the article has curly ones: not locatable.
    gold = doc(
        quotes=[{"text": 'The enemy is afraid of our mobilization efforts"', "speaker": None}]
    )
    near = analysis(quotes=[quote(at(QUOTE_TEXT))])
    far = analysis(quotes=[quote(at("A Basij member was gunned down in Khuzestan"))])
    assert counts(score_document(gold, near), "quotes_span") == (1, 0, 0)
    assert counts(score_document(gold, far), "quotes_span") == (0, 1, 1)


def test_optional_quote_is_an_acceptable_extra() -> None:
    gold = doc(quotes=[{"text": QUOTE_TEXT, "speaker": None, "required": False}])
    assert counts(
        score_document(gold, analysis(quotes=[quote(at(QUOTE_TEXT))])), "quotes_span"
    ) == (0, 0, 0)
    assert counts(score_document(gold, analysis()), "quotes_span") == (0, 0, 0)


# -- events -----------------------------------------------------------------------------------
EVIDENCE = "ordered the mobilization of Basij units"
SENTENCE = "The IRGC chief Hossein Salami ordered the mobilization of Basij units on Sunday."
GOLD_EVENT = {
    "type": "MOBILIZE",
    "source": ["salami", "irgc"],
    "target": ["basij"],
    "evidence": EVIDENCE,
    "certainty": "certain",
    "polarity": "positive",
    "attributed_to": None,
}
EVENT_ACTORS = [
    actor("p1", "Hossein Salami"),
    actor("p2", "IRGC"),
    actor("p3", "Basij"),
    actor("p4", "Brian Hook"),
    actor("p5", "the chief"),  # matches no gold actor
]


def event(
    type_: str = "MOBILIZE",
    trigger: Span | None = None,
    sentence: Span | None = None,
    source: tuple[str, ...] = ("p1",),
    target: tuple[str, ...] = ("p3",),
    **extra: Any,
) -> Event:
    return Event(
        id="e",
        type=type_,
        trigger=trigger or at("ordered"),
        sentence=sentence or at(SENTENCE),
        source=list(source),
        target=list(target),
        **extra,
    )


def event_counts(pred: list[Event], **gold_changes: Any) -> tuple[tuple[int, int, int], ...]:
    gold = doc(actors=GOLD_ACTORS, events=[{**GOLD_EVENT, **gold_changes}])
    layers = score_document(gold, analysis(actors=EVENT_ACTORS, events=pred))
    return tuple(counts(layers, name) for name in ("events_type", "events_actors", "events_full"))


HIT, MISS = (1, 0, 0), (0, 1, 1)


def test_event_full_match() -> None:
    assert event_counts([event()]) == (HIT, HIT, HIT)


@pytest.mark.parametrize(
    ("pred", "gold_changes", "expected"),
    [
        (dict(type_="THREATEN"), {}, (MISS, MISS, MISS)),
        (dict(type_="THREATEN"), {"alt_types": ["THREATEN"]}, (HIT, HIT, HIT)),
        # located by the sentence alone (trigger elsewhere), or by the trigger alone
        (dict(trigger=at("Salami")), {}, (HIT, HIT, HIT)),
        (dict(sentence=at("ordered the mobilization")), {}, (HIT, HIT, HIT)),
        (
            dict(trigger=at("threatened"), sentence=at("Brian Hook allegedly threatened")),
            {},
            (MISS, MISS, MISS),
        ),
        # slots: every predicted actor must be one of the gold ones, and a gold slot needs one
        (dict(source=("p1", "p2")), {}, (HIT, HIT, HIT)),
        (dict(source=("p1", "p4")), {}, (HIT, MISS, MISS)),
        (dict(source=()), {}, (HIT, MISS, MISS)),
        (dict(source=("p5",)), {}, (HIT, MISS, MISS)),
        (dict(target=("p4",)), {}, (HIT, MISS, MISS)),
        (dict(target=("p4",)), {"target": []}, (HIT, HIT, HIT)),  # empty gold slot: anything
        (dict(source=("p404",)), {}, (HIT, MISS, MISS)),  # a dangling actor id
        # certainty, polarity, attribution where the gold states them
        (dict(certainty="alleged"), {}, (HIT, HIT, MISS)),
        (dict(certainty="alleged"), {"certainty": None}, (HIT, HIT, HIT)),
        (dict(polarity="negative"), {}, (HIT, HIT, MISS)),
        (dict(attributed_to="p1"), {}, (HIT, HIT, MISS)),  # gold null = the author
        (dict(attributed_to="p1"), {"attributed_to": "salami"}, (HIT, HIT, HIT)),
        (dict(attributed_to="p4"), {"attributed_to": "salami"}, (HIT, HIT, MISS)),
        (dict(), {"attributed_to": "salami"}, (HIT, HIT, MISS)),
    ],
)
def test_event_rules(pred: dict[str, Any], gold_changes: dict[str, Any], expected: tuple) -> None:
    assert event_counts([event(**pred)], **gold_changes) == expected


def test_event_evidence_is_located_despite_whitespace_differences() -> None:
    # Only the location can tell: "units on Sunday" is neither inside the evidence nor holds it.
    pred = [event(trigger=at("units on Sunday"), sentence=at("units on Sunday"))]
    assert event_counts(pred, evidence="ordered the  mobilization of Basij\nunits")[0] == HIT
    assert event_counts(pred, evidence="ordered the mobilization of")[0] == MISS


def test_event_attribution_not_stated_is_not_checked() -> None:
    gold = {k: v for k, v in GOLD_EVENT.items() if k != "attributed_to"}
    g = doc(actors=GOLD_ACTORS, events=[gold])
    layers = score_document(g, analysis(actors=EVENT_ACTORS, events=[event(attributed_to="p4")]))
    assert counts(layers, "events_full") == HIT


def test_event_matched_once() -> None:
    assert event_counts([event(), event()]) == ((1, 1, 0),) * 3


def test_event_on_not_events_is_a_plain_false_positive() -> None:
    crash = "A plane crashed near Tehran, killing 176 people."
    gold = doc(
        actors=GOLD_ACTORS,
        events=[GOLD_EVENT],
        not_events=[{"evidence": crash, "why": "an accident"}],
    )
    pred = [
        event(),
        event("ASSAULT", trigger=at("killing"), sentence=at(crash), source=(), target=()),
    ]
    report = EvalReport.from_scores(
        [score_document_detailed(gold, analysis(actors=EVENT_ACTORS, events=pred))]
    )
    assert counts(report.layers, "events_type") == (1, 1, 0)
    (fp,) = report.misses_for("events_type")
    assert fp.kind == "fp" and "not_events" in fp.note and "accident" in fp.note


def test_event_miss_notes_say_what_differs() -> None:
    gold = doc(actors=GOLD_ACTORS, events=[GOLD_EVENT])
    pred = analysis(actors=EVENT_ACTORS, events=[event(source=("p4",))])
    misses = EvalReport.from_scores([score_document_detailed(gold, pred)]).misses_for(
        "events_actors"
    )
    assert {m.kind for m in misses} == {"fn", "fp"}
    assert all("source [Brian Hook]" in m.note for m in misses)


def test_optional_event_prediction_is_not_a_false_positive() -> None:
    assert event_counts([event()], required=False) == ((0, 0, 0),) * 3


# -- structure --------------------------------------------------------------------------------
GOLD_STRUCTURE = {
    "headline": "Iran threatens US",
    "standfirst": "Tehran fears more strikes.",
    "captions": ["Photo: REUTERS/Jane Doe"],
    "repeated_paragraphs": ["Tehran fears more strikes."],
    "body_starts_with": "The IRGC chief   Hossein Salami",
}
BODY = TEXT[TEXT.index("The IRGC chief") :]


def test_structure_every_item_found() -> None:
    marked = Structure(
        headline=at("Iran threatens US"),
        standfirst=at("Tehran fears more strikes."),
        credits=[at("Photo: REUTERS/Jane Doe")],  # a caption may be marked as a credit
        repeated=[at("Tehran fears more strikes."), at("Tehran fears more strikes.", nth=1)],
        body=[at(BODY)],
    )
    layers = score_document(doc(structure=GOLD_STRUCTURE), analysis(structure=marked))
    assert counts(layers, "structure") == (5, 0, 0)


def test_structure_wrong_role_or_text_or_body_start() -> None:
    marked = Structure(
        headline=at("Tehran fears more strikes."),  # the standfirst taken for the headline
        captions=[at("Photo: REUTERS")],  # a piece of the caption
        body=[at("Tehran fears more strikes.\n\nPhoto: REUTERS/Jane Doe")],
    )
    layers = score_document(doc(structure=GOLD_STRUCTURE), analysis(structure=marked))
    assert counts(layers, "structure") == (0, 3, 5)


def test_structure_whitespace_is_normalised() -> None:
    text = "Iran  threatens\nUS\n\nBody."
    gold = doc(text, structure={"headline": "Iran threatens US"})
    marked = Structure(headline=at("Iran  threatens\nUS", text))
    assert counts(score_document(gold, analysis(text, structure=marked)), "structure") == (1, 0, 0)


# -- places, times, quantities ----------------------------------------------------------------
def place(text: str, nth: int = 0, **fields: Any) -> Place:
    fields.setdefault("name", text)
    return Place(id=f"{text}{nth}", text=text, span=at(text, nth=nth), **fields)


@pytest.mark.parametrize(
    ("gold", "pred", "found"),
    [
        ({"text": "Tehran", "geonameid": 112931}, dict(geonameid=112931), True),
        ({"text": "Tehran", "geonameid": 112931}, dict(geonameid=112933), False),
        (
            {"text": "Khuzestan", "kind": "admin1", "geonameid": 127082, "country": "IR"},
            dict(geonameid=6201375, kind="admin1", country="IR"),
            True,
        ),
        (
            {"text": "Khuzestan", "kind": "admin1", "geonameid": 127082, "country": "IR"},
            dict(kind="admin1", country="IQ"),
            False,
        ),
        (
            {"text": "Tehran", "geonameid": 112931, "country": "IR"},
            dict(kind="city", country="IR"),
            False,
        ),
        ({"text": "Tehran", "lat": 35.69, "lon": 51.42}, dict(lat=35.70, lon=51.40), True),
        (
            {"text": "Tehran", "lat": 35.69, "lon": 51.42},
            dict(lat=34.64, lon=50.88),
            True,
        ),  # ~128 km
        (
            {"text": "Tehran", "lat": 35.69, "lon": 51.42},
            dict(lat=32.65, lon=51.67),
            False,
        ),  # ~339 km
    ],
)
def test_place_rules(gold: dict[str, Any], pred: dict[str, Any], found: bool) -> None:
    name = gold["text"]
    layers = score_document(doc(places=[gold]), analysis(places=[place(name, **pred)]))
    assert counts(layers, "places") == (HIT if found else MISS)


def test_place_by_coordinates_needs_the_gold_span() -> None:
    gold = doc(
        places=[
            {"text": "Tehran", "span": list(_iv(at("Tehran", nth=1))), "lat": 35.69, "lon": 51.42}
        ]
    )
    on = analysis(places=[place("Tehran", nth=1, lat=35.7, lon=51.4)])
    off = analysis(places=[place("Tehran", nth=0, lat=35.7, lon=51.4)])
    assert counts(score_document(gold, on), "places") == HIT
    assert counts(score_document(gold, off), "places") == MISS


def test_place_mentions_of_one_place_count_once() -> None:
    gold = doc(places=[{"text": "Tehran", "geonameid": 112931}])
    pred = analysis(places=[place("Tehran", nth=i, geonameid=112931) for i in range(3)])
    assert counts(score_document(gold, pred), "places") == HIT


def time_(text: str, value: str | None = None, range_: tuple[str, str] | None = None) -> Time:
    return Time(id=text, text=text, span=at(text), value=value, range=range_)


@pytest.mark.parametrize(
    ("pred", "found"),
    [
        (time_("on Sunday", "2020-01-26"), True),
        (time_("on Sunday", "2020-01-25"), False),
        (time_("on Sunday", None, ("2020-01-20", "2020-01-26")), True),
        (time_("on Sunday", None, ("2020-01-27", "2020-01-31")), False),
        (time_("on Sunday", "2020-01"), False),  # a coarser value is not the same value
    ],
)
def test_time_rules(pred: Time, found: bool) -> None:
    gold = doc(times=[{"text": "on Sunday", "value": "2020-01-26"}])
    assert counts(score_document(gold, analysis(times=[pred])), "times") == (HIT if found else MISS)


@pytest.mark.parametrize(("value", "found"), [(1500, True), (1500.0, True), (150, False)])
def test_quantity_same_value(value: float, found: bool) -> None:
    gold = doc(quantities=[{"text": "1,500", "value": 1500}])
    pred = analysis(quantities=[Quantity(text="1,500", span=at("1,500"), value=value)])
    assert counts(score_document(gold, pred), "quantities") == (HIT if found else MISS)


def _iv(span: Span) -> tuple[int, int]:
    return (span.start, span.end)

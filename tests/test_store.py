"""The store against real SQLite files: round trips, replacement, rollback, errors."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.errors import StoreError
from tidings.model import (
    Actor,
    Analysis,
    Article,
    Count,
    Event,
    EventDate,
    Meta,
    Place,
    Quote,
    Role,
    Span,
    Structure,
    Time,
)
from tidings.store import SCHEMA_VERSION, Store
from tidings.store import store as store_module

TEXT = (
    "Iran accuses Israel of drone strike\n"
    "Iran's foreign ministry on Monday accused Israel of a drone strike near Isfahan that "
    '"killed two guards", Iranian media reported. Israel denied the attack. '
    "Protesters rallied in Tehran on 3 March 2024."
)


def _at(needle: str, nth: int = 0) -> Span:
    """The span of the `nth` occurrence of `needle` in TEXT."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return Span.of(TEXT, start, start + len(needle))


def _sentence(containing: str) -> Span:
    i = TEXT.index(containing)
    start = max(TEXT.rfind(". ", 0, i) + 2, TEXT.rfind("\n", 0, i) + 1)
    end = TEXT.index(".", i) + 1
    return Span.of(TEXT, start, end)


def make_analysis(text: str = TEXT) -> Analysis:
    """A hand-built analysis with every kind of item and cross-reference."""
    assert text == TEXT or text.startswith(TEXT)
    headline = Span.of(text, 0, TEXT.index("\n"))
    body = Span.of(text, TEXT.index("\n") + 1, len(text))
    article = Article(
        url="https://news.example/iran",
        title=headline.text,
        source="example",
        published=dt.date(2024, 3, 4),
        language="en",
        authors=["A. Writer"],
        text=text,
        structure=Structure(headline=headline, body=[body], paragraphs=[body]),
    )
    iran = Actor(
        id="IRN_GOV",
        name="Iran",
        kind="government",
        country="IRN",
        sector="GOV",
        cameo="IRNGOV",
        kb_id="IRN",
        roles=[Role(title="foreign ministry", of="IRN", span=_at("foreign ministry"))],
        mentions=[_at("Iran"), _at("Iran", 1), _at("Iran", 1)],  # a repeated span is kept
    )
    israel = Actor(
        id="ISR",
        name="Israel",
        kind="country",
        country="ISR",
        mentions=[_at("Israel"), _at("Israel", 1), _at("Israel", 2)],
    )
    media = Actor(id="IRN_MED", name="Iranian media", kind="media", country="IRN")
    quote = Quote(
        id="q1",
        kind="partial",
        text="killed two guards",
        span=_at("killed two guards"),
        speaker="IRN_GOV",
        cue="accused",
        cue_span=_at("accused"),
        via="Iranian media",
        via_actor="IRN_MED",
        confidence=0.8,
    )
    isfahan = Place(
        id="p1",
        text="Isfahan",
        span=_at("Isfahan"),
        name="Isfahan",
        geonameid=418863,
        kind="city",
        country="IR",
        admin1="Isfahan",
        lat=32.65246,
        lon=51.67462,
        confidence=0.9,
    )
    tehran = Place(id="p2", text="Tehran", span=_at("Tehran"), name="Tehran", geonameid=112931)
    monday = Time(
        id="t1", text="Monday", span=_at("Monday"), value="2024-03-04", anchor="2024-03-04"
    )
    march = Time(
        id="t2",
        text="3 March 2024",
        span=_at("3 March 2024"),
        value="2024-03-03",
        range=("2024-03-03", "2024-03-03"),
    )
    accuse = Event(
        id="e1",
        type="ACCUSE",
        mode="allege",
        cameo="112",
        source=["IRN_GOV"],
        target=["ISR"],
        trigger=_at("accused"),
        sentence=_sentence("accused"),
        attributed_to="IRN_MED",
        date=EventDate(value="2024-03-04", text="Monday", span=_at("Monday"), how="clause"),
        confidence=0.7,
    )
    strike = Event(
        id="e2",
        type="ASSAULT",
        mode="drone",
        source=["ISR"],
        target=["IRN_GOV", "IRN_GOV"],  # a repeated id is one link row; the JSON keeps both
        trigger=_at("drone strike", 1),
        sentence=_sentence("drone strike near"),
        certainty="alleged",
        attributed_to="IRN_GOV",
        denied_by=["ISR"],
        place="p1",
        fatalities=Count(value=2, text="two", span=_at("two")),
        confidence=0.6,
    )
    protest = Event(
        id="e3",
        type="PROTEST",
        mode="demo",
        trigger=_at("rallied"),
        sentence=_sentence("rallied"),
        place="p2",
        date=EventDate(value="2024-03-03", range=("2024-03-03", "2024-03-03"), how="clause"),
    )
    return Analysis(
        article=article,
        actors=[iran, israel, media],
        quotes=[quote],
        events=[accuse, strike, protest],
        places=[isfahan, tehran],
        times=[monday, march],
        meta=Meta(tidings="0.1.0", models={"spacy": "en_core_web_sm"}, timings={"nlp": 0.25}),
    )


COUNTS = {
    "articles": 1,
    "actors": 3,
    "mentions": 6,
    "quotes": 1,
    "events": 3,
    "event_actors": 5,
    "places": 2,
    "times": 2,
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "tidings.db"


@pytest.fixture
def store(store_url: str):
    with Store(store_url) as s:
        yield s


def _counts(store: Store) -> dict[str, int]:
    return {table: store.count(table) for table in COUNTS}


def test_save_load_round_trip(store: Store) -> None:
    analysis = make_analysis()
    store.save(analysis)
    loaded = store.load(analysis.article.id)
    assert loaded == analysis
    assert loaded.to_json() == analysis.to_json()
    assert store.article_ids() == [analysis.article.id]
    assert _counts(store) == COUNTS


def test_load_unknown_article_is_none(store: Store) -> None:
    assert store.load("0123456789abcdef") is None


def test_rows_hold_the_evidence(store: Store, db: Path) -> None:
    """The flat tables are usable on their own, with plain SQL and spans that cut the text."""
    if not store.url.startswith("sqlite"):
        pytest.skip("reads the SQLite file with the sqlite3 module")
    analysis = make_analysis()
    store.save(analysis)
    con = sqlite3.connect(db)
    try:
        (text,) = con.execute("SELECT text FROM articles").fetchone()
        for table in ("mentions", "quotes", "places", "times"):
            for start, end, piece in con.execute(f'SELECT start, "end", text FROM {table}'):
                assert text[start:end] == piece, table
        row = con.execute(
            "SELECT type, certainty, place_id, fatalities, trigger_text, attributed_to "
            "FROM events WHERE event_id = 'e2'"
        ).fetchone()
        assert row == ("ASSAULT", "alleged", "p1", 2.0, "drone strike", "IRN_GOV")
        (version,) = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        assert version == str(SCHEMA_VERSION)
    finally:
        con.close()


def test_resave_replaces_never_duplicates(store: Store) -> None:
    analysis = make_analysis()
    store.save(analysis)
    store.save(analysis)
    assert _counts(store) == COUNTS
    changed = analysis.model_copy(deep=True)
    changed.events[0].type = "THREATEN"
    changed.actors[1].name = "State of Israel"
    changed.places.pop()
    changed.events[2].place = None
    store.save(changed)
    assert _counts(store) == {**COUNTS, "places": 1}
    assert store.load(analysis.article.id) == changed
    assert [e["type"] for e in store.events()] == ["THREATEN", "ASSAULT", "PROTEST"]


def test_two_articles_coexist(store: Store) -> None:
    first = make_analysis()
    second = make_analysis(TEXT + " Talks resume on Friday.")
    second.article.url = "https://news.example/iran-talks"  # the same URL would replace it
    assert first.article.id != second.article.id
    store.save(first)
    store.save(second)
    assert store.article_ids() == sorted([first.article.id, second.article.id])
    assert store.count("events") == 2 * COUNTS["events"]
    assert store.load(first.article.id) == first
    assert store.load(second.article.id) == second
    store.save(first)  # replacing one leaves the other alone
    assert store.count("events") == 2 * COUNTS["events"]
    assert store.load(second.article.id) == second


def _duplicate_actor_id(a: Analysis) -> None:
    a.actors.append(a.actors[0].model_copy())


def _span_beyond_64_bits(a: Analysis) -> None:
    a.places[0].span = Span(start=2**64, end=2**64, text="")


@pytest.mark.parametrize(
    ("break_it", "cause"),
    [
        (
            _duplicate_actor_id,
            "(IntegrityError: UNIQUE constraint failed: actors|UniqueViolation: duplicate key)",
        ),
        (_span_beyond_64_bits, "(OverflowError|NumericValueOutOfRange)"),
    ],
)
def test_failed_save_keeps_previous_version(store: Store, break_it, cause: str) -> None:
    """The rows are rejected by SQLite after the old ones were deleted: all is rolled back."""
    analysis = make_analysis()
    store.save(analysis)
    broken = analysis.model_copy(deep=True)
    broken.events[0].type = "REJECT"
    break_it(broken)
    aid = analysis.article.id
    where = re.escape(store.url)
    with pytest.raises(StoreError, match=rf"{where}: cannot save article {aid}: {cause}"):
        store.save(broken)
    assert store.load(analysis.article.id) == analysis
    assert _counts(store) == COUNTS


def test_failure_after_some_inserts_rolls_back(store: Store, monkeypatch) -> None:
    analysis = make_analysis()
    store.save(analysis)
    real_insert = store_module._insert
    done: list[str] = []

    def insert_then_fail(conn, table, batch):
        if table.name == "events":
            raise RuntimeError("disk pulled out")
        real_insert(conn, table, batch)
        done.append(table.name)

    monkeypatch.setattr(store_module, "_insert", insert_then_fail)
    changed = analysis.model_copy(deep=True)
    changed.actors[0].name = "Islamic Republic of Iran"
    with pytest.raises(RuntimeError, match="disk pulled out"):
        store.save(changed)
    assert "articles" in done and "actors" in done  # the failure really came mid-way
    monkeypatch.undo()
    assert store.load(analysis.article.id) == analysis
    assert _counts(store) == COUNTS


def test_events_query(store: Store) -> None:
    store.save(make_analysis())
    everything = store.events()
    assert [e["event_id"] for e in everything] == ["e1", "e2", "e3"]
    strike = everything[1]
    assert strike["source"] == ["ISR"]
    assert strike["target"] == ["IRN_GOV"]
    assert strike["denied_by"] == ["ISR"]
    assert strike["conditional"] is False
    assert [e["event_id"] for e in store.events(type="ASSAULT")] == ["e2"]
    assert [e["event_id"] for e in store.events(actor="ISR")] == ["e1", "e2"]
    assert [e["event_id"] for e in store.events(type="ACCUSE", actor="ISR")] == ["e1"]
    # filtering by actor keeps the event's other actors
    assert store.events(actor="IRN_GOV")[0]["target"] == ["ISR"]
    assert store.events(type="PROTEST")[0]["source"] == []
    assert store.events(actor="nobody") == []


def test_foreign_keys_are_enforced(store: Store) -> None:
    """SQLite ignores foreign keys unless asked; the store asks on every connection."""
    from sqlalchemy import insert

    from tidings.store import schema

    engine = store._open()
    row = {"article_id": "missing", "time_id": "t", "text": "x", "start": 0, "end": 1}
    with pytest.raises(Exception, match="(?i)foreign key"), engine.begin() as conn:
        conn.execute(insert(schema.times), [row])


def test_delete_does_not_rely_on_cascade(store: Store) -> None:
    """A connection without foreign keys (another client, a pragma off) still loses no rows."""
    if store.url.startswith("postgresql"):
        pytest.skip("SQLite's foreign_keys pragma has no PostgreSQL counterpart")
    analysis = make_analysis()
    store.save(analysis)
    with store._open().connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        store._delete(conn, analysis.article.id)
        conn.commit()
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
    assert _counts(store) == dict.fromkeys(COUNTS, 0)


def test_reopen_keeps_data(db: Path) -> None:
    analysis = make_analysis()
    with Store(str(db)) as s:  # a bare path is a SQLite file
        s.save(analysis)
    with Store(f"sqlite:///{db}") as s:
        assert s.load(analysis.article.id) == analysis


def test_default_is_tidings_db_in_working_directory(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with Store() as s:
        s.save(make_analysis())
    assert (tmp_path / "tidings.db").is_file()


def test_missing_directory_raises_store_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/no/such/dir/t.db"
    with pytest.raises(StoreError, match=r"no/such/dir/t\.db: cannot open the store: .*unable"):
        Store(url)


def test_error_masks_the_password() -> None:
    with pytest.raises(StoreError) as info:
        Store("postgresql+psycopg://reader:s3cret@127.0.0.1:1/news")
    message = str(info.value)
    assert "s3cret" not in message
    assert "postgresql+psycopg://reader:***@127.0.0.1:1/news" in message


def test_other_schema_version_is_refused(db: Path) -> None:
    Store(str(db)).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="schema version 999"):
        Store(str(db))


def test_closed_store_raises(db: Path) -> None:
    s = Store(str(db))
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.save(make_analysis())


def test_unknown_table_raises(store: Store) -> None:
    with pytest.raises(StoreError, match="no table 'evnts'"):
        store.count("evnts")


@st.composite
def analyses(draw) -> Analysis:
    """An analysis over random text whose items sit on random spans of it."""
    text = draw(st.text(min_size=1, max_size=200))
    spans = st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(
        lambda p: Span.of(text, min(p), max(p))
    )
    words = st.text(max_size=20)
    n_actors = draw(st.integers(0, 3))
    actors = [
        Actor(id=f"a{i}", name=draw(words), mentions=draw(st.lists(spans, max_size=3)))
        for i in range(n_actors)
    ]
    actor_ids = (
        st.lists(st.sampled_from([a.id for a in actors]), max_size=3) if actors else st.just([])
    )
    events = [
        Event(
            id=f"e{i}",
            type=draw(st.sampled_from(["ASSAULT", "ACCUSE", "AID"])),
            source=draw(actor_ids),
            target=draw(actor_ids),
            trigger=draw(spans),
            sentence=draw(spans),
            confidence=draw(st.floats(0, 1)),
            fatalities=draw(st.none() | st.builds(Count, value=st.integers(0, 10**6), text=words)),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    quotes = [
        Quote(id=f"q{i}", kind="direct", text=s.text, span=s, cue=draw(st.none() | words))
        for i, s in enumerate(draw(st.lists(spans, max_size=2)))
    ]
    places = [
        Place(
            id=f"p{i}",
            text=s.text,
            span=s,
            name=draw(words),
            lat=draw(st.none() | st.floats(-90, 90)),
            lon=draw(st.none() | st.floats(-180, 180)),
        )
        for i, s in enumerate(draw(st.lists(spans, max_size=2)))
    ]
    times = [
        Time(id=f"t{i}", text=s.text, span=s, value=draw(st.none() | words))
        for i, s in enumerate(draw(st.lists(spans, max_size=2)))
    ]
    return Analysis(
        article=Article(text=text, title=draw(st.none() | words)),
        actors=actors,
        quotes=quotes,
        events=events,
        places=places,
        times=times,
        meta=Meta(tidings="0.1.0"),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(analysis=analyses())
def test_round_trip_random_text_and_spans(tmp_path_factory, analysis: Analysis) -> None:
    db = tmp_path_factory.mktemp("hyp") / "h.db"
    with Store(str(db)) as s:
        s.save(analysis)
        s.save(analysis)
        assert s.load(analysis.article.id) == analysis
        assert s.count("events") == len(analysis.events)
        assert s.count("mentions") == sum(len(a.mentions) for a in analysis.actors)
        for found, event in zip(s.events(), sorted(analysis.events, key=_order), strict=True):
            assert found["trigger_text"] == event.trigger.text
            assert found["source"] == list(dict.fromkeys(event.source))


def _order(event: Event) -> tuple[int, str]:
    return (event.trigger.start, event.id)

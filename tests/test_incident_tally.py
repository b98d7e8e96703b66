"""The incremental tally of incidents on both backends: after any sequence of saves, re-saves,
deletions and recorded copies, every incident's stored tally and summary equal the ones
computed from scratch from its reports, and adding a report costs the same in a big incident
as in a small one."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

import pytest
from sqlalchemy import select

from tests.store_backends import store_url  # noqa: F401  (a fixture)
from tests.test_corpus_incidents import _statements_to_save
from tidings.corpus import tally as live_tally
from tidings.corpus.summary import SAMPLE, finish, tally
from tidings.model import Actor, Analysis, Article, Count, Event, EventDate, Meta, Place, Span
from tidings.store import Store
from tidings.store.duplicates import DuplicateLink, save_duplicates
from tidings.store.incidents import incident_counts, incident_reports, incidents

CITIES = {"Port Vale": (9.1, 7.4, "city"), "Lake District": (9.3, 7.5, "admin1")}


def article(
    n: int,
    *,
    outlet: str | None = "Outlet A",
    killed: int | None = None,
    certainty: str = "certain",
    city: str = "Port Vale",
    day: int = 3,
    note: str = "",
) -> Analysis:
    """Article `n`: an invented attack by the Riverside Brigade, told one way or another."""
    when = dt.date(2024, 5, day).isoformat()
    text = f"The Riverside Brigade attacked {city} on {when}. Report {n}.{note}"
    lat, lon, kind = CITIES[city]
    at = text.index(city)
    place = Place(id="P1", text=city, span=Span.of(text, at, at + len(city)), name=city,
                  kind=kind, country="ZZ", lat=lat, lon=lon)  # fmt: skip
    actor = Actor(id="A1", name="Riverside Brigade", kind="rebel", kb_id="TEST-RIVERSIDE")
    trigger = Span.of(text, text.index("attacked"), text.index("attacked") + 8)
    fatal = Count(value=killed, text=str(killed)) if killed is not None else None
    ev = Event(id="E1", type="ASSAULT", source=["A1"], trigger=trigger, certainty=certainty,
               sentence=Span.of(text, 0, text.index(".") + 1), place="P1", fatalities=fatal,
               date=EventDate(value=when, how="sentence"))  # fmt: skip
    art = Article(text=text, source=outlet, published=dt.date(2024, 5, 4 + n % 3),
                  url=f"https://news.invalid/{n}")  # fmt: skip
    return Analysis(article=art, actors=[actor], events=[ev], places=[place],
                    meta=Meta(tidings="test"))  # fmt: skip


def _stored(conn: Any, iid: str) -> tuple[dict[tuple[str, str], tuple], dict[str, Any]]:
    ic = incident_counts.c
    rows = conn.execute(select(incident_counts).where(ic.incident_id == iid))
    counts = {(r.kind, r.value): (r.n, r.m, r.articles, r.outlets) for r in rows}
    summary = conn.execute(select(incidents).where(incidents.c.id == iid)).one()._asdict()
    return counts, summary


def _from_scratch(conn: Any, iid: str) -> tuple[dict[tuple[str, str], tuple], dict[str, Any]]:
    reports = list(
        conn.execute(select(incident_reports).where(incident_reports.c.incident_id == iid))
    )
    t = tally(reports, {r.article_id: r.origin for r in reports})
    counts = {
        (kind, value): (c.n, c.m, c.articles, c.outlets)
        for kind, values in t.counts.items()
        for value, c in values.items()
    }
    return counts, finish(t)


def assert_consistent(store: Store) -> int:
    """Every incident's tally and summary equal the ones recomputed from its reports."""
    with store._open().connect() as conn:
        ids = list(conn.execute(select(incidents.c.id)).scalars())
        in_reports = set(conn.execute(select(incident_reports.c.incident_id)).scalars())
        assert set(ids) == in_reports  # no empty incident, no report without one
        for iid in ids:
            counts, summary = _stored(conn, iid)
            want_counts, want = _from_scratch(conn, iid)
            assert counts == want_counts, iid
            assert {k: summary[k] for k in want} == want, iid
    return len(ids)


def test_incremental_equals_from_scratch_through_saves_resaves_and_deletes(
    store_url: str,  # noqa: F811
) -> None:
    rng = random.Random(3)
    outlets = ["Outlet A", "Outlet B", "Outlet C", None]
    made = [
        article(
            n,
            outlet=rng.choice(outlets),
            killed=rng.choice([None, 4, 6]),
            certainty=rng.choice(["certain", "claimed"]),
            city=rng.choice(list(CITIES)),
            day=20 if n % 5 == 0 else 3,
        )  # fmt: skip
        for n in range(SAMPLE + 10)
    ]
    with Store(store_url) as store:
        for a in made:
            store.save(a)
        assert assert_consistent(store) >= 2
        big = max(
            (i for i in _incidents(store)), key=lambda i: i["n_articles"]
        )  # more articles than are listed
        assert big["n_articles"] > SAMPLE
        assert all(len(v["articles"]) <= SAMPLE for d in big["disagreements"] for v in d["values"])
        # re-saving articles that now say otherwise, and deleting some listed ones
        for a in made[:6]:
            again = a.model_copy(deep=True)
            again.events[0].fatalities = Count(value=9, text="nine")
            again.events[0].certainty = "certain"
            store.save(again)
            assert_consistent(store)
        with store._open().begin() as conn:
            for a in sorted(made[6:14], key=lambda x: x.article.id):
                store._delete(conn, a.article.id)
        assert_consistent(store)
        # copies recorded later: each counts once with its original, as its outlet
        links = [
            DuplicateLink(article_id=a.article.id, duplicate_of=made[20].article.id,
                          similarity=0.9, method="minhash")
            for a in made[21:26]
        ]  # fmt: skip
        before = sum(i["n_articles"] for i in _incidents(store))
        save_duplicates(store, links)
        assert_consistent(store)
        assert sum(i["n_articles"] for i in _incidents(store)) < before
        with store._open().begin() as conn:
            for a in made:
                store._delete(conn, a.article.id)
        assert assert_consistent(store) == 0
        assert store.count("incident_counts") == store.count("incident_origins") == 0


def _incidents(store: Store) -> list[dict[str, Any]]:
    from tidings.query import Filters
    from tidings.query import incidents as query_incidents

    return query_incidents(store, Filters(limit=1000))


def _partition(store: Store) -> set[tuple]:
    """Which reports go together and what each group's summary says (ids aside)."""
    found = defaultdict(set)
    for i in _incidents(store):
        members = frozenset(r["article_id"] for r in i["reports"])
        summary = {k: v for k, v in i.items() if k not in ("incident_id", "reports")}
        found[members].add(repr(sorted(summary.items())))
    return {(m, *sorted(s)) for m, s in found.items()}


def test_same_corpus_in_any_order_gives_the_same_incidents(store_url: str) -> None:  # noqa: F811
    made = [
        article(n, outlet=f"Outlet {n % 4}", killed=[3, 5][n % 2], day=[3, 20][n % 3 == 0])
        for n in range(12)
    ]
    orders = [made, made[::-1], random.Random(5).sample(made, len(made))]
    found = []
    for order in orders:
        with Store(store_url) as store:
            for a in order:
                store.save(a)
            found.append(_partition(store))
            with store._open().begin() as conn:
                for a in made:
                    store._delete(conn, a.article.id)
    assert found[0] == found[1] == found[2]
    assert len(found[0]) == 2  # the attack of May 3rd and the one of May 20th


def test_adding_a_report_costs_the_same_in_a_big_incident(store_url: str) -> None:  # noqa: F811
    """Statements run to save one more report of an incident of 10 and of 60 reports."""
    with Store(store_url) as store:
        counted = []
        for n in range(61):
            a = article(n, outlet=f"Outlet {n % 3}", killed=[3, 5][n % 2])
            if n in (10, 60):
                counted.append(_statements_to_save(store, a))
            else:
                store.save(a)
        (inc,) = _incidents(store)
        assert inc["n_articles"] == 61 and inc["n_outlets"] == 3
    assert counted[0] == counted[1]


@pytest.mark.parametrize("delta", [1, -1])
def test_resample_keeps_the_first_members(delta: int) -> None:
    members = [f"a{i:02d}" for i in range(40)]
    sample = members[:SAMPLE]
    if delta > 0:
        assert (
            live_tally._resample(sample, "a00x", 1, 41, lambda: [])
            == sorted([*sample, "a00x"])[:SAMPLE]
        )
    else:
        rest = [m for m in members if m != "a03"]
        assert live_tally._resample(sample, "a03", -1, 39, lambda: rest) == rest[:SAMPLE]

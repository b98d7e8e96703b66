"""What the web tests share: a store holding the example article and an article of XSS payloads."""

from __future__ import annotations

import datetime as dt

from tidings.model import Actor, Analysis, Article, Event, Meta, Place, Quote, Span

XSS = '<script>alert("x")</script>'
IMG = "<img src=x onerror=alert(1)>"


def _at(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span.of(text, start, start + len(needle))


def xss_analysis() -> Analysis:
    """An article whose title, actor names and quote carry script payloads."""
    name = f"Mallory {IMG}"
    quote = f"we will strike {XSS}"
    text = f"{name} threatened Bob. \u201c{quote}\u201d, {name} said in Baghdad."
    mallory = Actor(id="A1", name=name, kind="person", mentions=[_at(text, name)])
    bob = Actor(id="A2", name="Bob", kind="person", mentions=[_at(text, "Bob")])
    place = Place(id="P1", text="Baghdad", span=_at(text, "Baghdad"), name="Baghdad",
                  country="IQ", lat=33.34, lon=44.40)  # fmt: skip
    event = Event(
        id="E1", type="THREATEN", source=["A1"], target=["A2"], trigger=_at(text, "threatened"),
        sentence=_at(text, f"{name} threatened Bob."), certainty="claimed", attributed_to="A1",
        place="P1",
    )  # fmt: skip
    q = Quote(id="Q1", kind="direct", text=quote, span=_at(text, quote), speaker="A1")
    article = Article(text=text, title=f"Title {XSS}", published=dt.date(2021, 5, 4))
    return Analysis(
        article=article, actors=[mallory, bob], quotes=[q], events=[event], places=[place],
        meta=Meta(tidings="test"),
    )  # fmt: skip


def report(outlet: str, killed: int) -> Analysis:
    """One outlet's report of a bombing in Kano; two outlets disagree on the count."""
    from tidings.model import Count, EventDate

    text = f"Boko Haram bombed a market in Kano on Monday, killing {killed} people, police said."
    group = Actor(id="A1", name="Boko Haram", kind="rebel", country="NGA",
                  kb_id="NGA-BOKO-HARAM", mentions=[_at(text, "Boko Haram")])  # fmt: skip
    kano = Place(id="P1", text="Kano", span=_at(text, "Kano"), name="Kano", kind="city",
                 country="NG", lat=12.0, lon=8.52, geonameid=2335204)  # fmt: skip
    event = Event(
        id="E1", type="ASSAULT", mode="bombing", source=["A1"], trigger=_at(text, "bombed"),
        sentence=_at(text, text), place="P1",
        date=EventDate(value="2024-03-04", how="sentence", text="Monday"),
        fatalities=Count(value=killed, text=str(killed), span=_at(text, str(killed))),
    )  # fmt: skip
    article = Article(text=text, title=f"Kano market bombing ({outlet})", source=outlet,
                      published=dt.date(2024, 3, 5))  # fmt: skip
    return Analysis(article=article, actors=[group], events=[event], places=[kano],
                    meta=Meta(tidings="test"))  # fmt: skip

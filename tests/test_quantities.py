"""The quantities stage: digits, number words, scales, estimates, money, and what is counted."""

from __future__ import annotations

import pytest

from tidings.document import Document
from tidings.model import Article
from tidings.nlp import load_spacy
from tidings.quantities import QuantitiesStage, quantities_of
from tidings.stage import check_order


@pytest.fixture(scope="module")
def nlp():
    return load_spacy()


def found(nlp, text: str) -> list[tuple[str, float, bool, str | None]]:
    d = Document(article=Article(text=text), doc=nlp(text))
    out = []
    for q in quantities_of(d):
        assert text[q.span.start : q.span.end] == q.text == q.span.text
        out.append((q.text, q.value, q.approximate, q.of))
    return out


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Police detained 1,500 students.", ("1,500", 1500, False, "students")),
        ("The army hit five rebel bases.", ("five", 5, False, "rebel bases")),
        ("The storm killed dozen.", ("dozen", 12, False, "killed")),
        ("Militants seized a dozen villages.", ("a dozen", 12, False, "villages")),
        ("There are 54,000 polling stations.", ("54,000", 54000, False, "polling stations")),
        ("Twenty-three miners were rescued.", ("Twenty-three", 23, False, "miners")),
        ("Millions marched across Brazil.", ("Millions", 1_000_000, True, "marched")),
        (
            "Hundreds of thousands of people fled.",
            ("Hundreds of thousands", 100_000, True, "people"),
        ),
        ("The agency sent nearly 25,000 tons of grain.", ("25,000", 25000, True, "tons")),
        ("They pledged 1.5 million doses.", ("1.5 million", 1_500_000, False, "doses")),
    ],
)
def test_counts(nlp, text, expected):
    assert expected in found(nlp, text)


def test_money_and_ranges(nlp):
    got = {q[0]: q[1] for q in found(nlp, "Kenya got US$17.4 billion and US$300 to 350 million.")}
    assert got["US$17.4 billion"] == 17_400_000_000
    assert got["US$300"] == 300_000_000


@pytest.mark.parametrize(
    "text",
    [
        "Sales fell 23% in 1998.",
        "The talks began on 12 March 2020 at 10:30.",
        "No one was hurt in the first round.",
        "The plan helps the economy in two respects.",
        "These two companies employ most of the town.",
    ],
)
def test_dates_percentages_and_pronouns_are_not_counts(nlp, text):
    assert found(nlp, text) == []


def test_stage_contract(nlp):
    st = QuantitiesStage()
    check_order([st], available=("article", "doc"))
    d = Document(
        article=Article(text="Rebels freed 40 hostages."), doc=nlp("Rebels freed 40 hostages.")
    )
    d = st(d)
    assert [q.value for q in d.quantities] == [40] and d.counts["quantities"] == 1

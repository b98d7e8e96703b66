"""The companies of the shipped actor knowledge base (``actors/data/companies.yaml``).

Company names are the actor names most often shared with ordinary words ("apple", "shell"),
places ("Amazon") and people ("Ford", "Tata"), so these checks are mostly about ambiguity: a
company must not take over a form another actor already had, and a word must stay a word.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from tidings.actors.kb import DATA_DIR, KBEntry, KnowledgeBase, load_kb, read_entries

COMPANIES = DATA_DIR / "companies.yaml"


@pytest.fixture(scope="module")
def companies() -> list[KBEntry]:
    return read_entries(COMPANIES)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="module")
def kb_without_companies() -> KnowledgeBase:
    others = sorted(p for p in DATA_DIR.glob("*.yaml") if p != COMPANIES)
    return KnowledgeBase(e for p in others for e in read_entries(p))


def test_there_are_at_least_300_companies(companies: list[KBEntry]) -> None:
    assert len(companies) >= 300
    assert all(e.kind == "business" and e.sector == "BUS" for e in companies)


def test_ids_carry_the_country_and_cameo_follows(companies: list[KBEntry]) -> None:
    for e in companies:
        assert re.fullmatch(r"[A-Z]{3}-[A-Z0-9]+", e.id), e.id
        assert e.country and e.id.startswith(e.country + "-"), e.id
        assert e.cameo == f"{e.country}BUS", e.id


def test_company_ids_replace_no_other_entry(
    companies: list[KBEntry], kb_without_companies: KnowledgeBase
) -> None:
    """A company id equal to another file's id would silently replace that actor."""
    clash = [e.id for e in companies if kb_without_companies.get(e.id) is not None]
    assert not clash, clash


def test_parents_are_companies(companies: list[KBEntry], kb: KnowledgeBase) -> None:
    for e in companies:
        if e.parent:
            parent = kb.get(e.parent)
            assert parent is not None and parent.kind == "business", (e.id, e.parent)


def test_no_form_names_two_entries_unless_it_did_before(
    kb: KnowledgeBase, kb_without_companies: KnowledgeBase
) -> None:
    """Every form the companies add leaves ``kb.lookup`` as unambiguous as it was."""

    def ambiguous(k: KnowledgeBase) -> set[str]:
        ids: dict[str, set[str]] = defaultdict(set)
        for text, kb_id, _how, _cs in k.surface_forms():
            ids[text.casefold()].add(kb_id)
        return {form for form, found in ids.items() if len(found) > 1}

    new = ambiguous(kb) - ambiguous(kb_without_companies)
    assert not new, sorted(new)


def test_every_company_form_looks_up_to_its_company(
    companies: list[KBEntry], kb: KnowledgeBase
) -> None:
    for e in companies:
        for form in e.names():
            assert {x.id for x in kb.lookup(form)} == {e.id}, form


@pytest.mark.parametrize(
    ("form", "kb_id", "country"),
    [
        ("General Motors", "USA-GM", "USA"),
        ("GM", "USA-GM", "USA"),
        ("Chrysler", "USA-CHRYSLER", "USA"),
        ("Ford Motor Co.", "USA-FORD", "USA"),
        ("Fiat", "ITA-FIAT", "ITA"),
        ("Huawei", "CHN-HUAWEI", "CHN"),
        ("Saudi Aramco", "SAU-ARAMCO", "SAU"),
        ("NIOC", "IRN-NIOC", "IRN"),
        ("Petróleos de Venezuela", "VEN-PDVSA", "VEN"),
        ("Blackwater", "USA-ACADEMI", "USA"),
        ("Statoil", "NOR-EQUINOR", "NOR"),
        ("Royal Dutch Shell", "GBR-SHELL", "GBR"),
    ],
)
def test_known_forms_name_the_company(
    kb: KnowledgeBase, form: str, kb_id: str, country: str
) -> None:
    (entry,) = kb.lookup(form)
    assert (entry.id, entry.kind, entry.country) == (kb_id, "business", country)


@pytest.mark.parametrize(
    "form", ["Ford", "Amazon", "Total", "Orange", "Target", "Vale", "Tata", "Mercedes", "Delta"]
)
def test_ambiguous_bare_names_are_not_companies(kb: KnowledgeBase, form: str) -> None:
    assert not [e.id for e in kb.lookup(form) if e.kind == "business"]


def test_word_like_names_match_only_as_written(kb: KnowledgeBase) -> None:
    flags = {(t, i): cs for t, i, _k, cs in kb.surface_forms()}
    assert flags[("Apple", "USA-APPLE")] is True
    assert flags[("Shell", "GBR-SHELL")] is True
    assert flags[("American Airlines", "USA-AMERICANAIRLINES")] is True


def _business(a, name: str):  # type: ignore[no-untyped-def]
    return [x for x in a.actors if x.kind == "business" and x.name == name]


def test_companies_in_a_sentence_get_kind_and_country(pipeline) -> None:  # type: ignore[no-untyped-def]
    a = pipeline.analyze(
        "Huawei and Saudi Aramco signed a cloud computing deal in Riyadh, while Lockheed Martin "
        "said its talks with Toyota Motor Corp. had stalled.",
        published="2023-05-09",
    )
    found = {x.name: (x.kind, x.country, x.kb_id) for x in a.actors}
    assert found["Huawei"] == ("business", "CHN", "CHN-HUAWEI")
    assert found["Saudi Aramco"] == ("business", "SAU", "SAU-ARAMCO")
    assert found["Lockheed Martin"] == ("business", "USA", "USA-LOCKHEED")
    assert found["Toyota"] == ("business", "JPN", "JPN-TOYOTA")


def test_short_form_joins_the_full_name(pipeline) -> None:  # type: ignore[no-untyped-def]
    a = pipeline.analyze(
        "General Motors asked for more time. On Friday GM said the plan was on track.",
        published="2009-04-01",
    )
    (gm,) = _business(a, "General Motors")
    assert gm.country == "USA" and {"General Motors", "GM"} <= {m.text for m in gm.mentions}


def test_words_that_are_company_names_stay_words(pipeline) -> None:  # type: ignore[no-untyped-def]
    a = pipeline.analyze(
        "apple growers say an apple a day still sells. Several American airlines cancelled "
        "flights, and US steel imports fell while the shell of the old factory stood empty.",
        published="2024-02-01",
    )
    kb_ids = {x.kb_id for x in a.actors}
    assert not kb_ids & {"USA-APPLE", "USA-AMERICANAIRLINES", "USA-USSTEEL", "GBR-SHELL"}, kb_ids


def test_a_surname_shared_with_a_company_stays_a_person(pipeline) -> None:  # type: ignore[no-untyped-def]
    a = pipeline.analyze(
        "William Clay Ford Jr. chairs Ford Motor Company. Ford said the company needs no loans.",
        published="2009-04-01",
    )
    (company,) = _business(a, "Ford Motor Company")
    assert company.country == "USA"
    assert "Ford" not in {m.text for m in company.mentions}

"""The people of the shipped actor knowledge base (``actors/data/people.yaml``).

People are the actors most often named in news, and the ones most easily confused: father and son
share a surname, a transliteration has five spellings, a surname is also an English word. These
checks read the real file through the real loader, so a missing office, a wrong country or an alias
that silently moved to a namesake fails here.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from tidings.actors.kb import DATA_DIR, KBEntry, KnowledgeBase, load_kb, read_entries

PEOPLE = DATA_DIR / "people.yaml"
OTHER_FILES = ("countries.yaml", "igos.yaml", "state_forces.yaml", "nonstate.yaml", "media.yaml")
# A year or a span of years in a note: "since 1986", "2014-2019", "from 2024".
YEARS = re.compile(r"\b(1[89]|20)\d\d\b")


@pytest.fixture(scope="module")
def people() -> list[KBEntry]:
    return read_entries(PEOPLE)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def _person(kb: KnowledgeBase, form: str) -> KBEntry:
    """The one person a form names; fails when it names none or several."""
    hits = [e for e in kb.lookup(form) if e.kind == "person"]
    assert len(hits) == 1, f"{form!r} should name exactly one person, got {[e.id for e in hits]}"
    return hits[0]


def test_there_are_at_least_400_people(people: list[KBEntry]) -> None:
    assert len(people) >= 400
    assert all(e.kind == "person" for e in people)


def test_people_ids_follow_the_scheme(people: list[KBEntry]) -> None:
    for e in people:
        assert re.fullmatch(r"P-[A-Z]{3}-[A-Z0-9][A-Z0-9-]*", e.id), e.id
        assert e.id.split("-")[1] == e.country, f"{e.id} does not carry its country {e.country}"


def test_people_ids_clash_with_no_other_file(people: list[KBEntry]) -> None:
    ids = [e.id for e in people]
    assert len(ids) == len(set(ids)), "an id is used twice in people.yaml"
    others = {e.id for name in OTHER_FILES for e in read_entries(DATA_DIR / name)}
    assert not set(ids) & others


def test_loader_keeps_every_person(people: list[KBEntry], kb: KnowledgeBase) -> None:
    assert sum(1 for e in kb if e.kind == "person") == len(people)


def test_every_person_has_country_sector_code_and_dated_note(people: list[KBEntry]) -> None:
    for e in people:
        assert e.country, e.id
        assert e.sector, e.id
        assert e.cameo and len(e.cameo) % 3 == 0, e.id
        assert e.note and YEARS.search(e.note), f"{e.id} needs a note with the office and years"


def test_parents_are_organisations_not_people(people: list[KBEntry], kb: KnowledgeBase) -> None:
    for e in people:
        if e.parent:
            parent = kb.get(e.parent)
            assert parent is not None, (e.id, e.parent)
            assert parent.kind != "person", (e.id, e.parent)


def test_a_country_code_leads_the_cameo_code_of_state_officials(people: list[KBEntry]) -> None:
    """A minister or general of a state is coded under that state ('UGAGOV', 'IRNMIL')."""
    for e in people:
        if e.sector in {"GOV", "MIL", "SPY", "LEG", "JUD"} and not (e.parent or "").startswith(
            "IGO-"
        ):
            assert e.cameo.startswith(e.country), (e.id, e.cameo)  # type: ignore[union-attr]


def test_no_two_people_share_a_form(people: list[KBEntry]) -> None:
    """Namesakes (Bush, Assad, Kim) are told apart by full names; a bare surname names one."""
    owners: dict[str, set[str]] = defaultdict(set)
    for e in people:
        for form in e.names():
            owners[form.casefold()].add(e.id)
    shared = {f: ids for f, ids in owners.items() if len(ids) > 1}
    assert not shared, shared


@pytest.mark.parametrize(
    "form",
    ["Bush", "Clinton", "Kim", "Castro", "Gandhi", "Sharif", "Khan", "Rice", "May", "Brown"],
)
def test_shared_or_ordinary_surnames_are_never_bare_names(kb: KnowledgeBase, form: str) -> None:
    assert not [e.id for e in kb.lookup(form) if e.kind == "person"]


@pytest.mark.parametrize(
    ("form", "country", "sector"),
    [
        ("Yoweri Museveni", "UGA", "GOV"),
        ("Museveni", "UGA", "GOV"),
        ("Soleimani", "IRN", "MIL"),
        ("Qassem Suleimani", "IRN", "MIL"),
        ("Ghaani", "IRN", "MIL"),
        ("Hassan Nasrallah", "LBN", "REB"),
        ("Hemedti", "SDN", "REB"),
        ("Abdel Fattah al-Burhan", "SDN", "MIL"),
        ("Valery Gerasimov", "RUS", "MIL"),
        ("Yevgeny Prigozhin", "RUS", "PRM"),
        ("Khalifa Haftar", "LBY", "MIL"),
        ("Abu Mohammad al-Jolani", "SYR", "GOV"),
        ("Brian Hook", "USA", "GOV"),
        ("Habyarimana", "RWA", "GOV"),
        ("Bouteflika", "DZA", "GOV"),
        ("Condoleezza Rice", "USA", "GOV"),
    ],
)
def test_names_resolve_to_the_right_person(
    kb: KnowledgeBase, form: str, country: str, sector: str
) -> None:
    e = _person(kb, form)
    assert (e.country, e.sector) == (country, sector), e.id


@pytest.mark.parametrize(
    "forms",
    [
        ("Gaddafi", "Qaddafi", "Kadhafi", "Muammar Gaddafi"),
        ("Qasem Soleimani", "Qassem Soleimani", "Suleimani"),
        ("Esmail Qaani", "Esmail Ghaani", "Qaani"),
        ("Ahmed al-Sharaa", "Abu Mohammad al-Jolani", "Jolani"),
        ("Zelensky", "Zelenskyy", "Volodymyr Zelensky"),
    ],
)
def test_spellings_name_the_same_person(kb: KnowledgeBase, forms: tuple[str, ...]) -> None:
    assert len({_person(kb, f).id for f in forms}) == 1


@pytest.mark.parametrize(
    ("form", "kb_id"),
    [
        ("Assad", "P-SYR-ASSAD-B"),
        ("Hafez al-Assad", "P-SYR-ASSAD-H"),
        ("Sinwar", "P-PSE-SINWAR-Y"),
        ("Mohammed Sinwar", "P-PSE-SINWAR-M"),
        ("George W. Bush", "P-USA-BUSH-GW"),
        ("George H. W. Bush", "P-USA-BUSH-GHW"),
    ],
)
def test_namesakes_are_told_apart(kb: KnowledgeBase, form: str, kb_id: str) -> None:
    assert _person(kb, form).id == kb_id


def test_a_deliberately_shared_surname_is_explained(kb: KnowledgeBase) -> None:
    """'Assad' goes to Bashar, and his note says so (the father keeps only full names)."""
    bashar = _person(kb, "Assad")
    assert bashar.note and '"Assad"' in bashar.note


@pytest.mark.parametrize(
    ("kb_id", "ancestors"),
    [
        ("P-IRN-SOLEIMANI", ["IRN-IRGC-QF", "IRN-IRGC", "IRN"]),
        ("P-LBN-NASRALLAH", ["LBN-HEZBOLLAH"]),
        ("P-PSE-DEIF", ["PSE-HAMAS-QASSAM", "PSE-HAMAS"]),
    ],
)
def test_people_hang_under_their_organisation(
    kb: KnowledgeBase, kb_id: str, ancestors: list[str]
) -> None:
    assert kb.ancestors(kb_id)[: len(ancestors)] == ancestors


def test_cameo_code_follows_the_organisation(kb: KnowledgeBase) -> None:
    assert kb.get("P-LBN-NASRALLAH").cameo == kb.get("LBN-HEZBOLLAH").cameo  # type: ignore[union-attr]
    assert kb.get("P-UGA-MUSEVENI").cameo == "UGAGOV"  # type: ignore[union-attr]
    assert kb.get("P-IRN-SOLEIMANI").cameo == "IRNMIL"  # type: ignore[union-attr]


def test_english_word_surnames_match_only_as_written(kb: KnowledgeBase) -> None:
    flags = {(t, i): cs for t, i, _k, cs in kb.surface_forms()}
    assert flags[("Trump", "P-USA-TRUMP")] is True
    assert flags[("Gallant", "P-ISR-GALLANT")] is True

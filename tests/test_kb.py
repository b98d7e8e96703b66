"""The shipped actor knowledge base: complete, consistent and overridable by the user.

Every check reads the real YAML files through the real loader, so a typo, a dangling parent or an
alias claimed by two actors fails here rather than as a silent misresolution in the pipeline.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from spacy.lang.en.stop_words import STOP_WORDS

from tidings.actors.kb import DATA_DIR, KBEntry, KnowledgeBase, load_kb, read_entries
from tidings.errors import InputError

FILES = (
    "countries.yaml",
    "igos.yaml",
    "state_forces.yaml",
    "nonstate.yaml",
    "media.yaml",
    "people.yaml",
    "companies.yaml",
)

# PLOVER sector codes (manual, table 5.2) plus the CAMEO specialities PLOVER folds into them.
SECTORS = {
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",
    "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE",
    "REL", "SOC",
}  # fmt: skip


@pytest.fixture(scope="module")
def by_file() -> dict[str, list[KBEntry]]:
    """Each shipped file read on its own, so duplicates across files stay visible."""
    return {name: read_entries(DATA_DIR / name) for name in FILES}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="module")
def country_codes(by_file: dict[str, list[KBEntry]]) -> set[str]:
    return {e.id for e in by_file["countries.yaml"]}


def test_every_expected_file_is_shipped() -> None:
    shipped = {p.name for p in DATA_DIR.glob("*.yaml")}
    assert set(FILES) <= shipped


def test_ids_are_unique_across_files(by_file: dict[str, list[KBEntry]]) -> None:
    where: dict[str, list[str]] = defaultdict(list)
    for name, entries in by_file.items():
        for e in entries:
            where[e.id].append(name)
    dupes = {i: files for i, files in where.items() if len(files) > 1}
    assert not dupes, f"ids defined more than once: {dupes}"


def test_loader_keeps_every_entry(by_file: dict[str, list[KBEntry]], kb: KnowledgeBase) -> None:
    assert len(kb) == sum(len(v) for v in by_file.values())


def test_countries_are_keyed_by_their_own_code(by_file: dict[str, list[KBEntry]]) -> None:
    for e in by_file["countries.yaml"]:
        assert re.fullmatch(r"[A-Z]{3}", e.id), e.id
        assert e.kind == "country" and e.country == e.id, e.id


def test_every_country_field_is_a_known_code(kb: KnowledgeBase, country_codes: set[str]) -> None:
    bad = {
        e.id: e.country
        for e in kb
        if e.country is not None
        and (not re.fullmatch(r"[A-Z]{3}", e.country) or e.country not in country_codes)
    }
    assert not bad, f"unknown country codes: {bad}"


def test_every_parent_exists_without_cycles(kb: KnowledgeBase) -> None:
    missing = {e.id: e.parent for e in kb if e.parent and kb.get(e.parent) is None}
    assert not missing, f"parents that do not exist: {missing}"
    for e in kb:
        seen = {e.id}
        cur = e
        while cur.parent:
            assert cur.parent not in seen, f"parent cycle through {e.id}"
            seen.add(cur.parent)
            cur = kb.get(cur.parent)  # type: ignore[assignment]


def test_state_forces_belong_to_their_state(
    by_file: dict[str, list[KBEntry]], kb: KnowledgeBase
) -> None:
    """A ministry, army or service must lead up to the state it serves (Quds Force → IRGC → Iran)."""
    for e in by_file["state_forces.yaml"]:
        assert e.country, e.id
        assert e.country in kb.ancestors(e.id), f"{e.id} does not lead up to {e.country}"


def test_sectors_and_cameo_codes_are_well_formed(kb: KnowledgeBase) -> None:
    for e in kb:
        assert e.sector is None or e.sector in SECTORS, (e.id, e.sector)
        assert e.cameo is None or re.fullmatch(r"(?:[A-Z]{3})+", e.cameo), (e.id, e.cameo)


def test_surface_forms_are_clean(kb: KnowledgeBase) -> None:
    for text, kb_id, _kind, _cs in kb.surface_forms():
        assert text == text.strip() and "  " not in text and text, (kb_id, text)


def test_no_case_insensitive_form_is_a_stop_word(kb: KnowledgeBase) -> None:
    """'IS', 'US', 'AU' are fine only because they match as written; 'us', 'am' never may."""
    bad = [
        (kb_id, text)
        for text, kb_id, _kind, cs in kb.surface_forms()
        if not cs and text.lower() in STOP_WORDS
    ]
    assert not bad, bad


def _clash(a: tuple[str, bool], b: tuple[str, bool]) -> bool:
    """Two forms with the same letters clash unless both are case sensitive and written differently."""
    return not (a[1] and b[1] and a[0] != b[0])


def _explains(entry: KBEntry, form: str) -> bool:
    """The entry's note names the shared form, so the ambiguity is deliberate and documented."""
    return bool(entry.note) and form.casefold() in entry.note.casefold()  # type: ignore[union-attr]


def test_no_form_names_two_actors_without_a_note(kb: KnowledgeBase) -> None:
    """A form shared by two actors (across countries or not) needs a note that names it."""
    forms: dict[str, list[tuple[str, bool, str]]] = defaultdict(list)
    for text, kb_id, _kind, cs in kb.surface_forms():
        forms[text.casefold()].append((text, cs, kb_id))
    unexplained = []
    for group in forms.values():
        for i, (ta, ca, ia) in enumerate(group):
            for tb, cb, ib in group[i + 1 :]:
                if ia == ib or not _clash((ta, ca), (tb, cb)):
                    continue
                ea, eb = kb.get(ia), kb.get(ib)
                assert ea is not None and eb is not None
                if not (_explains(ea, ta) or _explains(eb, ta)):
                    unexplained.append((ta, ia, ea.country, ib, eb.country))
    assert not unexplained, f"ambiguous forms without a note: {unexplained[:20]}"


def test_coverage_counts(by_file: dict[str, list[KBEntry]]) -> None:
    countries = [e for e in by_file["countries.yaml"] if e.kind == "country"]
    states_with_forces = {e.country for e in by_file["state_forces.yaml"]}
    media = [e for e in by_file["media.yaml"] if e.kind == "media"]
    assert len(countries) >= 190
    assert len(by_file["nonstate.yaml"]) >= 300
    assert len(media) >= 150
    assert len(states_with_forces) >= 40
    assert len(by_file["igos.yaml"]) >= 60


@pytest.mark.parametrize(
    ("form", "kb_id", "how"),
    [
        ("IRGC", "IRN-IRGC", "name"),
        ("Revolutionary Guards", "IRN-IRGC", "name"),
        ("Basij", "IRN-IRGC-BASIJ", "name"),
        ("Quds Force", "IRN-IRGC-QF", "name"),
        ("Kataib Hezbollah", "IRQ-KATAIB-HEZBOLLAH", "name"),
        ("Kata'ib Hizballah", "IRQ-KATAIB-HEZBOLLAH", "name"),
        ("Tasnim", "IRN-TASNIM", "name"),
        ("Zionists", "ISR", "pejorative"),
        ("Tehran", "IRN", "metonym"),
        ("Iranian", "IRN", "demonym"),
        ("U.S.", "USA", "name"),
        ("Kremlin", "RUS", "metonym"),
        ("Popular Mobilization Units", "IRQ-PMF", "name"),
        ("Reuters", "GBR-REUTERS", "name"),
    ],
)
def test_example_actors_resolve(kb: KnowledgeBase, form: str, kb_id: str, how: str) -> None:
    hits = {(i, k) for t, i, k, _cs in kb.surface_forms() if t == form}
    assert (kb_id, how) in hits, f"{form!r} should name {kb_id} as {how}; found {hits}"


def test_acronyms_match_only_as_written(kb: KnowledgeBase) -> None:
    flags = {(t, i): cs for t, i, _k, cs in kb.surface_forms()}
    assert flags[("US", "USA")] is True
    assert flags[("IS", "IMG-ISIS")] is True
    assert flags[("AU", "IGO-AU")] is True


def test_hierarchy_of_the_guard(kb: KnowledgeBase) -> None:
    assert kb.ancestors("IRN-IRGC-QF") == ["IRN-IRGC", "IRN"]
    assert kb.ancestors("IRN-IRGC-BASIJ") == ["IRN-IRGC", "IRN"]


def test_user_file_overrides_a_shipped_entry(tmp_path: Path, kb: KnowledgeBase) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "actors:\n"
        "  - id: IRN-IRGC\n"
        "    name: Guard Corps (user)\n"
        "    kind: military\n"
        "    country: IRN\n"
        "    aliases: [The Guard]\n"
        "  - id: my-militia\n"
        "    name: Brigade of Tests\n"
        "    kind: militia\n"
        "    country: IRQ\n",
        encoding="utf-8",
    )
    mine = load_kb([user])
    assert mine.get("IRN-IRGC").name == "Guard Corps (user)"  # type: ignore[union-attr]
    assert mine.get("IRN-IRGC").aliases == ["The Guard"]  # type: ignore[union-attr]
    assert mine.get("my-militia") is not None
    assert len(mine) == len(kb) + 1
    assert kb.get("IRN-IRGC").name == "Islamic Revolutionary Guard Corps"  # type: ignore[union-attr]
    # A directory of user files works the same way.
    assert load_kb([tmp_path]).get("IRN-IRGC").name == "Guard Corps (user)"  # type: ignore[union-attr]


def test_bad_user_entry_names_file_and_entry(tmp_path: Path) -> None:
    user = tmp_path / "bad.yaml"
    user.write_text(
        "- id: oops\n  name: Oops\n  kind: country\n  country: Iran\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as err:
        load_kb([user])
    assert "bad.yaml" in str(err.value) and "oops" in str(err.value)

"""The actors stage's knowledge is data with one home per word, its code in short functions, and
its person lookup an index that finds what a scan over every earlier person would."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tidings.actors.collectives import collectives
from tidings.actors.resolve import DraftActor, PersonIndex, group_lexicon, person_key_tokens
from tidings.actors.wordlists import LEXICON, wordlist

ACTORS = Path(__file__).resolve().parent.parent / "src" / "tidings" / "actors"


def test_no_function_in_the_actors_stage_exceeds_60_lines() -> None:
    long = [
        f"{path.name}:{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path in sorted(ACTORS.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > 60
    ]
    assert not long, long


def test_each_collective_noun_is_written_once() -> None:
    text = (LEXICON / "collectives.yaml").read_text(encoding="utf-8")
    keys = re.findall(r"^  ([a-z][a-z -]*):", text, flags=re.M)
    assert len(keys) > 100
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    others = [wordlist(n) for n in ("groups", "phrases", "roles")]
    for section in ("groups", "collectives", "need_modifier", "institutions", "uncounted"):
        assert all(section not in lex for lex in others), section


def test_collectives_views_keep_their_own_kinds() -> None:
    table = collectives()
    assert table.group_kinds["group"] == "militia" and table.name_kinds["group"] == "business"
    assert table.group_kinds["army"] == table.name_kinds["army"] == "military"
    assert "party" in table.name_kinds and "party" not in table.group_kinds
    assert table.institutions["assembly"] == "government" and "assembly" not in table.group_kinds
    assert table.need_modifier <= set(table.group_kinds)
    assert {"inc", "ltd"} <= table.corporate_suffixes
    assert group_lexicon()["groups"] is table.group_kinds  # readers outside the stage


def _scan(persons: list[DraftActor], words: list[str]) -> DraftActor | None:
    """The first person a mention names, by the rule PersonIndex indexes."""
    for p in persons:
        pw = person_key_tokens(p.name)
        n = len(words)
        slip = n == 1 and (words[0] == pw[-1] + "s" or words[0] + "s" == pw[-1])
        near = slip and len(pw[-1]) >= 4
        if words == pw or (n < len(pw) and (pw[-n:] == words or pw[:n] == words)) or near:
            return p
    return None


def test_person_index_finds_what_a_scan_finds() -> None:
    names = ["Hossein Salami", "Brian Hook", "Ali Clement", "Hook", "Maria Salami Novak", "Ana"]
    persons = [DraftActor(id=f"p{i}", name=n, kind="person") for i, n in enumerate(names)]
    index = PersonIndex(persons)
    queries = ["Salami", "Hossein", "Hook", "Brian Hook", "Clements", "Clemen", "Novak",
               "Maria Salami", "Salami Novak", "Ana", "Anas", "Hossein Salami", "Nobody"]  # fmt: skip
    for q in queries:
        words = q.split()
        assert index.first_match(words) is _scan(persons, words), q
    assert index.first_match(["Clements"]) is persons[2]
    assert index.first_match(["Salami"]) is persons[0]


def test_a_known_persons_name_labelled_an_organisation_or_titled_joins_the_person() -> None:
    import spacy

    from tidings.actors.kb import load_kb
    from tidings.actors.recognize import Candidate
    from tidings.actors.resolve import group_named

    doc = spacy.blank("en")("Ana Kovalen met Pete Dunmore . Outgoing PM Kovalen and Sgt Dunmore left .")
    cands = [
        Candidate(0, 2, "PERSON"),  # Ana Kovalen
        Candidate(3, 5, "PERSON"),  # Pete Dunmore
        Candidate(6, 9, "ORG"),  # Outgoing PM Kovalen
        Candidate(10, 12, "PERSON"),  # Sgt Dunmore
    ]
    actors, linked = group_named(doc, cands, load_kb())
    by_text = {doc[c.start : c.end].text: aid for c, aid in linked}
    assert by_text["Kovalen"] == by_text["Ana Kovalen"]  # the name part only is the mention
    assert by_text["Sgt Dunmore"] == by_text["Pete Dunmore"]
    assert {a.kind for a in actors.values()} == {"person"} and len(actors) == 2


def test_organisation_name_variants_and_title_case_acronyms_name_one_actor() -> None:
    from tidings.actors.kb import load_kb
    from tidings.actors.resolve import _title_case_acronym, org_key

    assert org_key("2nd Battalion the Highland Rifles") == org_key(
        "2nd Battalion of The Highland Rifles"
    )
    assert org_key("Bank of America") != org_key("America Bank")
    kb = load_kb()
    nato = _title_case_acronym("Nato", kb)
    assert nato is not None and "NATO" in {nato.name, *nato.aliases}
    assert _title_case_acronym("Iran", kb) is None  # a name, not an acronym
    assert _title_case_acronym("NATO", kb) is None  # as written: the matcher's own job

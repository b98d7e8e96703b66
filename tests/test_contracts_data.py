"""Word lists live in data, one list per concept: the code that used to spell them reads them."""

from __future__ import annotations

import ast
from pathlib import Path

from tidings.actors.collectives import collectives
from tidings.actors.kb import load_kb
from tidings.quotes.lexicon import load_cues

SRC = Path(__file__).resolve().parent.parent / "src" / "tidings"


def _string_collections(path: Path) -> list[set[str]]:
    """Every literal set/tuple/list/dict (keys) of strings in a module."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        elts = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
        if isinstance(node, ast.Set | ast.Tuple | ast.List | ast.Dict) and elts:
            words = {
                e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
            }
            out.append(words)
    return out


def test_no_collective_noun_or_reporting_verb_list_is_spelled_in_code():
    spelled = {
        "events/arguments.py": {"police", "army"},
        "events/home_forces.py": {"police", "soldier"},
        "actors/resolve.py": {"party", "militia"},
        "times/context.py": {"say", "tell"},
    }
    for module, words in spelled.items():
        hits = [c for c in _string_collections(SRC / module) if words <= c]
        assert not hits, f"{module} spells a word list in code: {hits}"


def test_collectives_table_is_consistent_with_the_kb():
    table = collectives()
    assert table.bodies and table.plural and table.force_units and table.name_kinds
    kb = load_kb()
    ids = {e.id for e in kb}
    for word, unit in table.force_units.items():
        assert any(i.endswith(f"-{unit}") for i in ids), f"{word}: no state has a {unit} entry"
    kinds = {e.kind for e in kb}
    assert set(table.name_kinds.values()) <= kinds | {"labor", "business", "media"}


def test_reporting_verbs_for_tense_come_from_the_cue_file():
    verbs = load_cues().verbs
    assert {"say", "tell", "announce", "report", "claim", "confirm", "warn"} <= set(verbs)

"""The events package stays small and data-driven (#11 item 3): short functions, and per-type
behaviour read from ``data/type_roles.yaml`` rather than written as ``if type == "…"`` branches."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tidings.errors import InputError
from tidings.events.lexicon import ROLES, default_lexicon, load_type_roles
from tidings.model import PLOVER_TYPES

EVENTS = Path(__file__).resolve().parents[1] / "src" / "tidings" / "events"
RULE_MODULES = ("stage.py", "slots.py", "extract.py", "arguments.py", "modality.py")


def test_no_function_in_events_exceeds_60_lines():
    long = []
    for path in sorted(EVENTS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = (node.end_lineno or node.lineno) - node.lineno + 1
                if n > 60:
                    long.append(f"{path.name}:{node.name} ({n} lines)")
    assert not long, long


def test_rules_compare_no_type_by_name():
    """A comparison with a PLOVER type's name is per-type behaviour: it belongs in the data."""
    found = []
    for name in RULE_MODULES:
        tree = ast.parse((EVENTS / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Compare):
                continue
            for side in [node.left, *node.comparators]:
                consts = [side] if isinstance(side, ast.Constant) else []
                if isinstance(side, ast.Set | ast.Tuple | ast.List):
                    consts = [e for e in side.elts if isinstance(e, ast.Constant)]
                if any(c.value in PLOVER_TYPES for c in consts):
                    found.append(f"{name}:{node.lineno}")
    assert not found, found


def test_type_roles_name_only_plover_types_and_every_role_is_used():
    lex = default_lexicon()
    assert lex.has_role("ASSAULT", "violent") and not lex.has_role("ACCUSE", "violent")
    assert not lex.has_role(None, "violent")
    code = "".join((EVENTS / n).read_text(encoding="utf-8") for n in RULE_MODULES)
    for role in lex.roles:
        assert f'"{role}"' in code, f"role {role!r} is read by no rule"
    for turn in lex.turn:
        assert f'"{turn}"' in code, f"turn {turn!r} is read by no rule"


def test_a_bad_type_in_the_roles_is_refused(tmp_path):
    bad = tmp_path / "roles.yaml"
    bad.write_text(
        ROLES.read_text(encoding="utf-8").replace("violent: [ASSAULT]", "violent: [ASSALT]"),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="ASSALT"):
        load_type_roles.__wrapped__(bad)

"""Readers stand on the ground floor: reading a file never loads spaCy, the pipeline or the store."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

INGEST = Path(__file__).resolve().parent.parent / "src" / "tidings" / "ingest"
FORBIDDEN = ("tidings.pipeline", "tidings.nlp", "tidings.store", "spacy")
READERS = sorted(f"tidings.ingest.{p.stem}" for p in INGEST.glob("*.py") if p.stem != "__init__")

# Run in a fresh interpreter where importing spaCy (or the pipeline) fails outright.
BLOCKED = """
import sys
from importlib.abc import MetaPathFinder

class Block(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "spacy" or name in ("tidings.pipeline", "tidings.nlp"):
            raise ImportError(f"{name} is blocked in this test")
        return None

sys.meta_path.insert(0, Block())
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
from tidings.ingest import read_article
article = read_article(__file__)
assert article.text.strip()
print(sorted(m for m in sys.modules if m.split(".")[0] == "spacy" or m.startswith("tidings.store")))
"""


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", sorted(INGEST.glob("*.py")), ids=lambda p: p.name)
def test_no_reader_imports_the_pipeline_nlp_or_store(path: Path):
    bad = [n for n in _imports(path) if n.startswith(FORBIDDEN)]
    assert not bad, f"{path.name} imports {bad} (readers must stay light: pass what they need in)"


def test_every_reader_imports_with_spacy_unimportable(tmp_path):
    script = tmp_path / "blocked.py"
    script.write_text(BLOCKED, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(script), "tidings.ingest", *READERS],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]", f"loaded anyway: {run.stdout}"


def test_the_text_checks_and_version_need_nothing_heavy():
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, tidings.textcheck, tidings.version, tidings;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'sqlalchemy')))",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"

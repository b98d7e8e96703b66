"""Stance and intention cues derived from CAMEO's verbal codes (quotes/data/cues_cameo.yaml,
tools/derive_cues.py): a verb of criticism, praise, support, appeal, offer or refusal attributes
its finite clause, its to-infinitive, its "for"/"against" phrase or its object (with what the
object is praised or blamed for), when its subject names a source.

Sentences are written here; the pipeline is the real one (spaCy, actors, quotes).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.quote_helpers import assert_indirect, quotes_of
from tidings.quotes.lexicon import DEFAULT_CUES, cue_certainty, cue_class, load_cues


def test_every_stance_group_names_its_cameo_set_and_adds_no_listed_verb() -> None:
    raw = yaml.safe_load((DEFAULT_CUES.parent / "cues_cameo.yaml").read_text("utf-8"))
    cues = load_cues()
    assert all("CAMEO" in g["source"] for g in raw["groups"])
    assert cues.stance_verbs and len(cues.stance_verbs) > 100
    for g in raw["groups"]:
        for verb in g["verbs"]:
            assert verb not in cues.verbs, f"{verb} is in cues.yaml already"
    assert cue_class("criticize") == "disapproval" and cue_class("endorse") == "approval"
    assert cue_certainty("criticize") is None  # a stance makes nothing it names less certain


def test_derivation_reproduces_the_committed_file(tmp_path: Path) -> None:
    """The data file is what the script writes from the reference dictionary (provenance)."""
    shared = Path(__file__).resolve().parents[1].parent / "shared"
    if not (shared / "reference" / "petrarch2" / "CAMEO.2.0.txt").exists():
        pytest.skip("../shared/reference is not available")
    import subprocess
    import sys

    out = tmp_path / "cues_cameo.yaml"
    tool = Path(__file__).resolve().parents[1] / "tools" / "derive_cues.py"
    subprocess.run(
        [sys.executable, str(tool), "--shared", str(shared), "--out", str(out)], check=True
    )
    assert out.read_text("utf-8") == (DEFAULT_CUES.parent / "cues_cameo.yaml").read_text("utf-8")


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        (
            "Senator Maria Olsen criticized the budget office for its slow audit on Monday.",
            "the budget office for its slow audit",
            "criticize",
        ),
        (
            "The governor of Vermont, Peter Hallam, declined to comment on the proposal.",
            "to comment on the proposal",
            "decline",
        ),
        (
            "Mayor Tom Briggs endorsed Jane Pollard for the council seat.",
            "Jane Pollard for the council seat",
            "endorse",
        ),
        (  # the aside after the object's comma is the writer's
            "Councillor Ana Ruiz praised the new harbour library, which opened in June.",
            "the new harbour library",
            "praise",
        ),
        (
            "Councillor Ruth Adeyemi disputed that the new tram line would save money.",
            "the new tram line would save money",
            "dispute",
        ),
    ],
)
def test_stance_cues_report_their_content(pipeline, text: str, content: str, cue: str) -> None:
    assert_indirect(pipeline, text, content, cue)


@pytest.mark.parametrize(
    "text",
    [
        "The storm threatened the coastal towns of Maine.",  # already a cue: not a stance one
        "Heavy rain favored the home team in the second half.",  # no source names an actor
        "It remains to be seen whether the plan works.",
    ],
)
def test_stance_cues_need_a_source(pipeline, text: str) -> None:
    cues = load_cues()
    found = [q for q in quotes_of(pipeline, text) if cues.is_stance_cue(q.cue or "")]
    assert not found, [(q.cue, q.text) for q in found]

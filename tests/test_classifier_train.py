"""The event classifier: `tidings train events` retrains it, and the pipeline loads and uses it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from tests.conftest import SHARED, needs_shared
from tidings.cli import app
from tidings.events.classifier import (
    ENV_DIR,
    MODEL_FILE,
    NONE,
    default_classifier,
    load_classifier,
)
from tidings.events.combine import Policy, Refiner
from tidings.events.stage import EventStage
from tidings.events.train import CARD_FILE, fit, read_examples

runner = CliRunner()

# Sentences written for this test (no dev-set sentence): three types, the words that tell them.
SENTENCES = {
    "ASSAULT": [
        "Rebels shelled the northern town on Tuesday, killing four soldiers.",
        "Gunmen opened fire on a police convoy near the border.",
        "Warplanes bombed a fuel depot outside the capital overnight.",
        "Militants attacked an army checkpoint with rockets and mortars.",
        "Troops fired on the crowd, wounding dozens of people.",
        "A drone strike hit a compound used by the armed group.",
    ],
    "AGREE": [
        "The two governments agreed to reopen the border crossing next month.",
        "Negotiators reached a deal on a ceasefire after three days of talks.",
        "The parties signed an accord on sharing water from the river.",
        "Ministers endorsed a plan to cut tariffs on steel imports.",
        "The unions accepted the offer and agreed to end the dispute.",
        "Both sides settled on a timetable for the prisoner exchange.",
    ],
    "ACCUSE": [
        "The opposition accused the ruling party of rigging the election.",
        "The ministry blamed foreign agents for the unrest in the province.",
        "Activists charged the police with torturing detainees.",
        "The government condemned the neighbouring state for the incursion.",
        "Officials denounced the report as a smear against the army.",
        "The senator criticised the agency for wasting public money.",
    ],
}


def write_gold(path: Path, sentences: dict[str, list[str]] = SENTENCES) -> Path:
    lines = []
    for t, texts in sentences.items():
        for i, text in enumerate(texts):
            event = {"type": t, "source": [], "target": [], "evidence": text}
            doc = {"format": "tidings-gold/1", "id": f"{t}-{i}", "text": text, "events": [event]}
            lines.append(json.dumps(doc))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def train(tmp_path: Path, gold: Path, *extra: str) -> Path:
    out = tmp_path / "model"
    res = runner.invoke(app, ["train", "events", "--gold", str(gold), "--out", str(out), *extra])
    assert res.exit_code == 0, res.output
    assert "trained on" in res.output
    return out


def test_training_writes_plain_arrays_and_a_card_without_sentences(tmp_path: Path) -> None:
    out = train(tmp_path, write_gold(tmp_path / "gold.jsonl"))
    with np.load(out / MODEL_FILE, allow_pickle=False) as z:  # no pickled objects inside
        assert sorted(str(c) for c in z["classes"]) == sorted([*SENTENCES, NONE])
    card = (out / CARD_FILE).read_text(encoding="utf-8")
    assert "18 English news sentences" in card and "Scores on unseen folds" in card
    assert not any(s in card for texts in SENTENCES.values() for s in texts)
    clf = load_classifier(out)
    assert clf.predict(["Soldiers shelled the village and killed two farmers."])[0][0] == "ASSAULT"
    assert clf.predict(["The party accused the mayor of fraud."])[0][0] == "ACCUSE"


def test_training_is_reproducible(tmp_path: Path) -> None:
    examples = read_examples(write_gold(tmp_path / "gold.jsonl"))
    a, b = fit(examples), fit(examples)
    assert np.array_equal(a.coef, b.coef) and a.classes == b.classes


def test_training_on_one_type_is_refused_with_a_sentence(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold.jsonl", {"AGREE": SENTENCES["AGREE"]})
    res = runner.invoke(app, ["train", "events", "--gold", str(gold), "--out", str(tmp_path)])
    assert res.exit_code == 3
    assert "fewer than two event types" in res.output
    missing = runner.invoke(
        app, ["train", "events", "--gold", str(tmp_path / "no.jsonl"), "--out", str(tmp_path)]
    )
    assert missing.exit_code == 3 and "not found" in missing.output


def test_the_pipeline_loads_and_uses_what_was_trained(
    tmp_path: Path, pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Trained so that every sentence reads as an accusation: the relabel move must show it.
    gold = write_gold(
        tmp_path / "gold.jsonl", {"ACCUSE": SENTENCES["ASSAULT"], **{"AGREE": SENTENCES["AGREE"]}}
    )
    out = train(tmp_path, gold)
    monkeypatch.setenv(ENV_DIR, str(out))
    clf = default_classifier()
    assert clf is not None and clf.classes == ["ACCUSE", "AGREE", NONE]
    stage = EventStage()
    stage.refiner = Refiner(clf, Policy(relabel_p=0.5, keep_p=1.0))
    stages = [stage if isinstance(s, EventStage) else s for s in pipeline.stages]
    text = "Rebels shelled the northern town on Tuesday, killing four soldiers."
    before = pipeline.analyze(text)
    assert [e.type for e in before.events] == ["ASSAULT"]
    old, pipeline.stages = pipeline.stages, stages
    try:
        after = pipeline.analyze(text)
    finally:
        pipeline.stages = old
    assert [e.type for e in after.events] == ["ACCUSE"]
    assert after.events[0].source == before.events[0].source  # the rules' slots stay


@needs_shared
def test_retraining_on_a_slice_of_plv_train(tmp_path: Path) -> None:
    out = train(tmp_path, SHARED / "bench" / "plv-train.gold.jsonl", "--limit", "150")
    clf = load_classifier(out)
    assert len(clf.classes) >= 8
    card = (out / CARD_FILE).read_text(encoding="utf-8")
    assert "150 English news sentences" in card

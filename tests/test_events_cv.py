"""The development discipline: fixed folds, the combination's moves, and the CV benchmark."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT, SHARED, needs_shared
from tests.test_classifier_train import SENTENCES, write_gold
from tidings.events.classifier import NONE
from tidings.events.combine import Policy, SentenceView, combine
from tidings.events.folds import FOLDS, fold_of, spread
from tidings.events.train import Example, fit, read_negatives
from tidings.model import Event, Span


def test_folds_are_a_documented_hash_of_the_id_and_balanced() -> None:
    ids = [f"doc-{i}" for i in range(2000)]
    for i in ids[:20]:
        digest = hashlib.sha256(i.encode()).digest()
        assert fold_of(i) == int.from_bytes(digest[:8], "big") % FOLDS
    sizes = Counter(fold_of(i) for i in ids)
    assert set(sizes) == set(range(FOLDS))
    assert max(sizes.values()) - min(sizes.values()) < 120


def test_spread_takes_items_across_the_list() -> None:
    items = list(range(100))
    assert spread(items, 4) == [0, 25, 50, 75]
    assert spread(items, None) == items and spread(items, 500) == items


TEXT = "Rebels shelled the town. The two sides agreed to talk. Nothing else happened here."


def span(needle: str) -> Span:
    start = TEXT.index(needle)
    return Span.of(TEXT, start, start + len(needle))


def views(cue_third: bool = False) -> list[SentenceView]:
    s1, s2 = span("Rebels shelled the town."), span("The two sides agreed to talk.")
    s3 = span("Nothing else happened here.")
    return [
        SentenceView(s1, span("shelled")),
        SentenceView(s2, span("agreed")),
        SentenceView(s3, span("happened") if cue_third else None, root=span("happened")),
    ]


def event(t: str, trigger: str, sentence: str) -> Event:
    return Event(id="", type=t, trigger=span(trigger), sentence=span(sentence), source=["a1"])  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def clf():
    examples = [
        Example(f"{t}-{i}", s, t) for t, texts in SENTENCES.items() for i, s in enumerate(texts)
    ]
    return fit(examples)


def test_relabel_gives_a_doubtful_rule_event_the_models_type_and_keeps_its_slots(clf) -> None:
    wrong = event("ACCUSE", "shelled", "Rebels shelled the town.")
    out = combine([wrong], views(), clf, Policy(relabel_p=0.4, keep_p=0.5))
    assert [(e.type, e.source) for e in out] == [("ASSAULT", ["a1"])]
    off = combine([wrong], views(), clf, Policy(relabel_p=0.99, keep_p=0.5))
    assert [e.type for e in off] == ["ACCUSE"]


def test_a_negated_rule_event_keeps_its_type(clf) -> None:
    negated = event("ACCUSE", "shelled", "Rebels shelled the town.").model_copy(
        update={"polarity": "negative"}
    )
    out = combine([negated], views(), clf, Policy(relabel_p=0.4, keep_p=0.5))
    assert [e.type for e in out] == ["ACCUSE"]


def test_veto_drops_an_unlikely_rule_event_and_keeps_a_likely_one(clf) -> None:
    likely = event("ASSAULT", "shelled", "Rebels shelled the town.")
    unlikely = event("ACCUSE", "agreed", "The two sides agreed to talk.")
    out = combine([likely, unlikely], views(), clf, Policy(veto_p=0.2))
    assert [e.type for e in out] == ["ASSAULT"]


def test_propose_only_where_the_lexicon_found_a_trigger(clf) -> None:
    out = combine([], views(), clf, Policy(propose_p=0.0))
    assert [(e.type, e.trigger.text) for e in out] == [("ASSAULT", "shelled"), ("AGREE", "agreed")]
    assert len(combine([], views(cue_third=True), clf, Policy(propose_p=0.0))) == 3
    assert combine([], views(), clf, Policy()) == []  # no move switched on: nothing changes


def test_prune_drops_a_second_unlikely_event_beside_the_models_type(clf) -> None:
    likely = event("ASSAULT", "shelled", "Rebels shelled the town.")
    extra = event("ACCUSE", "town", "Rebels shelled the town.")
    assert [e.type for e in combine([likely, extra], views(), clf, Policy(prune_p=0.3))] == [
        "ASSAULT"
    ]
    # alone in its sentence, or beside an event of another type than the model's, it stays
    assert len(combine([extra], views(), clf, Policy(prune_p=0.3))) == 1


def test_bare_proposals_stand_on_the_root_and_have_their_own_threshold(clf) -> None:
    out = combine([], views(), clf, Policy(propose_p=0.0, propose_bare_p=0.0))
    assert [e.trigger.text for e in out] == ["shelled", "agreed", "happened"]
    assert len(combine([], views(), clf, Policy(propose_p=0.0, propose_bare_p=1.0))) == 2


def test_the_none_class_holds_probability_but_is_never_an_events_type() -> None:
    examples = [
        Example(f"{t}-{i}", s, t) for t, texts in SENTENCES.items() for i, s in enumerate(texts)
    ]
    model = fit([*examples, *read_negatives()[:12]])
    assert NONE in model.classes
    rows = model.probabilities(["The bridge carries about 40,000 vehicles a day."])
    assert model.classes[int(rows[0].argmax())] == NONE
    top, p = model.best_event(rows[0])
    assert top != NONE and p < 0.5
    out = combine([], views(cue_third=True), model, Policy(propose_p=0.0))
    assert NONE not in {e.type for e in out}


def test_a_short_body_is_a_sentence_to_code_with_its_own_policy(clf) -> None:
    """A document of at most ``sentence_max`` body sentences gets the sentence policy; a longer
    one the article policy, whatever the sentence policy allows."""
    free = Policy(propose_p=0.0, propose_bare_p=0.0)
    policy = Policy(sentence_max=1, sentence=free)
    assert policy.for_document(1) is free and policy.for_document(2) is policy
    one = [views()[0]]
    assert [e.type for e in combine([], one, clf, policy)] == ["ASSAULT"]
    assert combine([], views(), clf, policy) == []  # three sentences: the article policy (off)
    assert Policy(sentence_max=None, sentence=free).for_document(1).propose_p is None


def test_the_sentence_policy_is_read_from_the_yaml(tmp_path: Path) -> None:
    from tidings.events.combine import load_policy

    path = tmp_path / "combine.yaml"
    path.write_text("propose_p: 0.9\nsentence_max: 2\nsentence:\n  propose_p: 0.3\n")
    policy = load_policy(path)
    assert policy.propose_p == 0.9 and policy.sentence_max == 2
    assert policy.for_document(2).propose_p == 0.3 and policy.for_document(3).propose_p == 0.9
    shipped = load_policy()
    assert shipped.sentence is not None and shipped.sentence_max is not None


def load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("events_cv", ROOT / "benchmarks" / "events_cv.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def run_benchmark(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert load_benchmark().main(["--no-other", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_benchmark_scores_rules_model_and_both_on_unseen_folds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pipeline
) -> None:
    gold = write_gold(tmp_path / "gold.jsonl")
    cache = tmp_path / "cache"
    summary = run_benchmark(capsys, "--gold", str(gold), "--cache", str(cache))
    assert summary["sentences"] == 18
    for name in ("rules", "model", "both"):
        row = summary["cv"][name]
        assert set(row) >= {"type_p", "type_r", "type_f1", "macro_f1", "slot_f1"}
        assert all(0.0 <= v <= 1.0 for v in row.values())
    assert summary["cv"]["rules"]["type_f1"] > 0.3  # the rules find most of these plain events
    cached = list(cache.glob("rules-*.jsonl"))
    # the 18 sentences and the no-event ones trained beside them (a fifth as many)
    assert len(read_negatives(18)) == 3
    assert len(cached) == 1 and len(cached[0].read_text().splitlines()) == 18 + 3
    again = run_benchmark(capsys, "--gold", str(gold), "--cache", str(cache))
    assert again["cv"] == summary["cv"]  # from the cache, the same figures


@needs_shared
def test_benchmark_on_a_slice_of_plv_train(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pipeline
) -> None:
    gold = SHARED / "bench" / "plv-train.gold.jsonl"
    summary = run_benchmark(capsys, "--gold", str(gold), "--limit", "60", "--cache", str(tmp_path))
    assert summary["sentences"] == 60
    assert summary["cv"]["rules"]["type_f1"] > 0.4


CV_FLOORS = ROOT / "eval" / "events_cv_floors.json"


def cv_floors() -> dict[str, dict[str, list[float]]]:
    return json.loads(CV_FLOORS.read_text(encoding="utf-8"))["floors"]


def test_cv_floors_only_go_up() -> None:
    variant = json.loads(CV_FLOORS.read_text(encoding="utf-8"))["encoder_variant"]
    for system, figures in [*cv_floors().items(), *variant.items()]:
        for name, history in figures.items():
            assert history == sorted(history), f"{system}/{name}: a floor was lowered"
            assert all(0.0 <= f <= 1.0 for f in history)


@needs_shared
@pytest.mark.slow
def test_cross_validated_figures_meet_their_floors(
    capsys: pytest.CaptureFixture[str], pipeline
) -> None:
    summary = run_benchmark(capsys)  # all of plv-train; the rules' output is cached on disk
    below = [
        f"{system} {name} {summary['cv'][system][name]} < {history[-1]}"
        for system, figures in cv_floors().items()
        for name, history in figures.items()
        if summary["cv"][system][name] + 1e-9 < history[-1]
    ]
    assert not below, "; ".join(below)


def test_the_benchmarks_share_one_cache_module(tmp_path: Path) -> None:
    from benchmarks import cv_cache, slots_cv

    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "b.json").write_text("{}\n")
    every = cv_cache.source_hash(lambda rel: False, tmp_path)
    assert cv_cache.source_hash(lambda rel: rel.name == "b.json", tmp_path) != every
    (tmp_path / "b.json").write_text('{"changed": 1}\n')
    assert cv_cache.source_hash(lambda rel: False, tmp_path) != every
    assert cv_cache.read_rows(tmp_path / "absent.jsonl") == {}
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"key": "k1", "v": 1}\n{"key": "k2", "v": 2}\n')
    assert cv_cache.read_rows(rows)["k2"]["v"] == 2
    assert load_benchmark().cv_cache.source_hash is slots_cv.cv_cache.source_hash

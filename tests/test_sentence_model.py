"""The sentence model (`combine.yaml`'s ``sentence_model``): a second classifier, with the MiniLM
vector, judges documents of one or two body sentences; articles keep the main model. And the
classifier keeps off the content of attributions: it anchors nothing on a reporting verb, does
not retype a speech act, and proposes nothing on a judged cue. Sentences written for these
tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from tests.test_classifier_train import SENTENCES, write_gold
from tidings.cli import app
from tidings.events.classifier import MODEL_FILE, default_classifier, load_classifier
from tidings.events.combine import (
    Policy,
    SentenceView,
    combine,
    default_refiner,
    judged,
    load_policy,
    reporting_verbs,
)
from tidings.events.encoder import SentenceEncoder
from tidings.events.train import SENTENCE_DIR, Example, fit
from tidings.model import Event, Span

TEXT = "Rebels shelled the town. The two sides agreed to talk. Nothing else happened here."


def span(needle: str, text: str = TEXT) -> Span:
    start = text.index(needle)
    return Span.of(text, start, start + len(needle))


def one_sentence() -> list[SentenceView]:
    return [SentenceView(span("Rebels shelled the town."), span("shelled"))]


def three_sentences() -> list[SentenceView]:
    return [
        *one_sentence(),
        SentenceView(span("The two sides agreed to talk."), span("agreed")),
        SentenceView(span("Nothing else happened here."), span("happened")),
    ]


def fitted(labels: dict[str, str]) -> object:
    """A classifier trained on the written sentences with their types renamed by ``labels``."""
    examples = [
        Example(f"{t}-{i}", s, labels.get(t, t))
        for t, texts in SENTENCES.items()
        for i, s in enumerate(texts)
    ]
    return fit(examples)


def test_the_shipped_policy_names_a_shipped_sentence_model_with_the_encoder() -> None:
    policy = load_policy()
    assert policy.sentence_model is not None and policy.sentence is not None
    short = default_classifier(policy.sentence_model)
    assert short is not None and short.dense_coef is not None  # it reads the MiniLM vector
    main = default_classifier()
    assert main is not None and main.dense_coef is None  # articles: no encoder
    refiner = default_refiner()
    assert refiner.sentence_clf is not None and refiner.clf is not None


def test_a_short_document_is_judged_by_the_sentence_model_and_an_article_by_the_main_one() -> None:
    main = fitted({})
    short = fitted({"ASSAULT": "AGREE", "AGREE": "ASSAULT"})  # it reads every type swapped
    free = Policy(propose_p=0.0)
    policy = Policy(propose_p=0.0, sentence_max=1, sentence=free)
    assert [e.type for e in combine([], one_sentence(), main, policy, short)] == ["AGREE"]
    assert [e.type for e in combine([], one_sentence(), main, policy)] == ["ASSAULT"]
    article = combine([], three_sentences(), main, policy, short)
    assert [e.type for e in article][:2] == ["ASSAULT", "AGREE"]  # the main model's


def test_training_writes_the_sentence_model_beside_the_main_one(tmp_path: Path) -> None:
    out = tmp_path / "model"
    args = ["train", "events", "--gold", str(write_gold(tmp_path / "g.jsonl")), "--out", str(out)]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    short = load_classifier(out / SENTENCE_DIR)
    assert (out / SENTENCE_DIR / MODEL_FILE).is_file() and short.dense_coef is not None
    card = (out / SENTENCE_DIR / "event_classifier.card.md").read_text(encoding="utf-8")
    assert "for sentences" in card and "sentence_max" in card
    assert short.predict(["Gunmen shelled a police post and killed three officers."])[0][0] == (
        "ASSAULT"
    )


def test_the_encoders_memory_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from tidings.events import encoder

    enc = SentenceEncoder()
    monkeypatch.setattr(encoder, "MEMO_MAX", 2)
    texts = ["The army withdrew.", "Talks resumed.", "A treaty was signed."]
    first = enc.encode(texts[:2])
    assert len(enc.memo) == 2
    both = enc.encode(texts[1:])  # past the bound: the memory starts afresh, answers stay right
    assert len(enc.memo) <= 2 and np.allclose(both[0], first[1], atol=1e-6)


# ---------------------------------------------------------------- attributions' content
SAID = "The rates are too high, the governor said."


def said_views(rule_type: str | None) -> tuple[list[Event], list[SentenceView]]:
    whole, verb = span(SAID, SAID), span("said", SAID)
    events = []
    if rule_type:
        events = [Event(id="", type=rule_type, trigger=verb, sentence=whole, source=["a1"])]  # type: ignore[arg-type]
    return events, [SentenceView(whole, None, root=verb, reports=(verb,))]


def test_an_event_on_a_reporting_verb_keeps_its_type() -> None:
    clf = fitted({})
    assert clf.predict([SAID])[0][0] == "ACCUSE"  # the model reads the content ...
    events, views = said_views("AGREE")
    out = combine(events, views, clf, Policy(relabel_p=0.0, keep_p=1.0))
    assert [e.type for e in out] == ["AGREE"]  # ... but the rules' speech act keeps its type
    other = SentenceView(span("Rebels shelled the town."), None)
    wrong = Event(id="", type="AGREE", trigger=span("shelled"), sentence=other.span)  # type: ignore[arg-type]
    assert [e.type for e in combine([wrong], [other], clf, Policy(relabel_p=0.0, keep_p=1.0))] == [
        "ASSAULT"
    ]  # elsewhere the move still works


def test_reporting_verbs_and_judged_cues_are_read_off_the_parse(pipeline) -> None:
    nlp = pipeline.nlp
    doc = nlp("Officials said the convoy was attacked near the border.")
    assert [t.text for t in reporting_verbs(doc[:])] == ["said"]
    doc = nlp("The ceasefire talks were productive, the envoy told reporters.")
    assert [t.text for t in reporting_verbs(doc[:])] == ["told"]
    assert judged(next(t for t in doc if t.text == "talks"))
    doc = nlp("The envoys held talks in Geneva on Monday.")
    assert reporting_verbs(doc[:]) == []
    assert not judged(next(t for t in doc if t.text == "talks"))


def test_a_sentence_whose_root_reports_speech_gets_no_bare_proposal(pipeline) -> None:
    from tidings.events.combine import sentence_view

    doc = pipeline.nlp("Officials said it was a quiet week in the capital.")
    view = sentence_view(doc.text, next(iter(doc.sents)), None)
    assert view.root is None and [r.text for r in view.reports] == ["said"]
    doc = pipeline.nlp("Protesters marched through the capital.")
    assert sentence_view(doc.text, next(iter(doc.sents)), None).root is not None


def test_a_judged_cue_gets_no_proposal() -> None:
    clf = fitted({})
    view = SentenceView(span("Rebels shelled the town."), span("shelled"), judged=True)
    assert combine([], [view], clf, Policy(propose_p=0.0)) == []
    view.judged = False
    assert [e.type for e in combine([], [view], clf, Policy(propose_p=0.0))] == ["ASSAULT"]

"""How the rules' events and the trained classifier combine (`docs/events.md`).

The rules find triggers, frames and slots; the classifier reads the whole sentence. Which of the
classifier's moves are allowed, and how sure it must be for each, is data (``data/combine.yaml``),
chosen by the cross-validated figure of ``benchmarks/events_cv.py``:

- *relabel*: the classifier is sure of a type no rule event of the sentence has, and gives the
  rule event it likes least little probability: that event takes the classifier's type (the rules'
  slots stay);
- *veto*: a rule event whose type the classifier finds very unlikely is dropped;
- *prune*: in a sentence with several rule events, one of which has the classifier's top type,
  the others it finds unlikely are dropped (a one-event sentence told as two);
- *propose*: a sentence where the lexicon found a trigger but no rule kept an event gets the
  classifier's type when it is sure enough (no slots);
- *propose bare*: the same for a sentence without a lexicon trigger, on the sentence's root verb,
  at its own (higher) threshold.

A document whose body has at most ``sentence_max`` sentences is a *sentence to code* (as the
PLOVER coders and PETRARCH code sentences): it has no background sentences for a free classifier
to invent events in, so it gets its own, more permissive policy (``sentence:`` in the yaml);
whole articles keep the conservative one. The same choice is made by the pipeline and by
``benchmarks/events_cv.py`` (both call `combine` with the document's body sentences). A sentence
to code is judged by its own model when the yaml names one (``sentence_model``: the same recipe
plus the MiniLM vector, whose cost is then paid on one or two sentences, never on an article).

The classifier reads a whole sentence, so under an attribution the type it prefers is the
content's. The content is the rules' to code: an event on a plain reporting verb (a speaker's
judgement, "X is hard, the minister said") keeps its type; a root that reports speech is no
anchor for a bare proposal; and a cue that is the subject of a judgement ("the talks were
useful") gets no proposal.

The classifier runs only on the sentences a switched-on move may change, in one batch.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tidings.events.classifier import NONE, EventClassifier, Sentence
from tidings.events.parse_features import parse_marks
from tidings.model import Event, Span

POLICY_FILE = Path(__file__).parent / "data" / "combine.yaml"


@dataclass(frozen=True)
class Policy:
    """Thresholds of each move; None switches a move off."""

    relabel_p: float | None = None
    keep_p: float = 0.0
    veto_p: float | None = None
    propose_p: float | None = None
    prune_p: float | None = None
    propose_bare_p: float | None = None
    none_max: float = 1.0  # propose only where the no-event class has at most this probability
    sentence_max: int | None = None  # a body of at most this many sentences is a sentence to code
    sentence: Policy | None = None  # ... which gets this policy instead (None: the same)
    sentence_model: str | None = None  # ... and the classifier in this data dir (None: the same)

    @property
    def active(self) -> bool:
        return any(p is not None for p in self.moves()) or (
            self.sentence is not None and self.sentence.active
        )

    def for_document(self, n_sentences: int) -> Policy:
        """The policy for a document of ``n_sentences`` body sentences: the sentence policy for
        a sentence to code, else this one."""
        if self.sentence is not None and self.sentence_max is not None:
            if n_sentences <= self.sentence_max:
                return self.sentence
        return self

    def moves(self) -> tuple[float | None, ...]:
        """The threshold of every move (None: off)."""
        return (self.relabel_p, self.veto_p, self.propose_p, self.prune_p, self.propose_bare_p)


KEYS = ("relabel_p", "keep_p", "veto_p", "propose_p", "prune_p", "propose_bare_p", "none_max")


def load_policy(path: Path = POLICY_FILE) -> Policy:
    """The policy in ``combine.yaml`` (keys as in `Policy`)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return policy_of(data)


def policy_of(data: dict[str, Any]) -> Policy:
    """A policy from its yaml mapping (a nested ``sentence:`` mapping is the sentence policy)."""
    sub = data.get("sentence")
    return Policy(
        **{k: data[k] for k in KEYS if k in data},
        sentence_max=data.get("sentence_max"),
        sentence=policy_of(sub) if isinstance(sub, dict) else None,
        sentence_model=data.get("sentence_model"),
    )


@dataclass
class SentenceView:
    """A body sentence as the combination sees it: its span, a lexicon trigger if any, and its
    root (where a bare proposal is anchored)."""

    span: Span
    cue: Span | None = None
    events: list[Event] = field(default_factory=list)
    marks: tuple[str, ...] = ()  # its parse pseudo-words (`parse_features.parse_marks`)
    root: Span | None = None
    reports: tuple[Span, ...] = ()  # its plain reporting verbs ("said") that govern content
    judged: bool = False  # its cue is the subject of a judgement ("the talks were useful")

    def reporting(self, span: Span) -> bool:
        """Whether ``span`` is one of the sentence's reporting verbs: an event there is the
        act of saying, and the classifier, which reads the whole sentence, reads its content."""
        return any(r.start == span.start and r.end == span.end for r in self.reports)

    def sentence(self) -> Sentence:
        """What the classifier reads of it: text, the rules' types, parse pseudo-words."""
        return Sentence(self.span.text, tuple(e.type for e in self.events), self.marks)


def assign(events: list[Event], sentences: list[SentenceView]) -> None:
    """Put each event into the sentence its own sentence span starts in."""
    for e in events:
        for s in sentences:
            if s.span.start <= e.sentence.start < max(s.span.end, s.span.start + 1):
                s.events.append(e)
                break


def combine(
    events: list[Event],
    sentences: list[SentenceView],
    clf: EventClassifier,
    policy: Policy,
    sentence_clf: EventClassifier | None = None,
) -> list[Event]:
    """The events after the classifier's moves, in text order; events outside every sentence
    (none in practice) are kept as they are. A sentence to code is judged by ``sentence_clf``
    when there is one (the encoder's model: its cost is paid on one or two sentences only)."""
    chosen = policy.for_document(len(sentences))
    if chosen is not policy and sentence_clf is not None:
        clf = sentence_clf
    policy = chosen
    if not policy.active:
        return events
    assign(events, sentences)
    bare = policy.propose_bare_p is not None
    todo = [s for s in sentences if s.events or s.cue is not None or (bare and s.root is not None)]
    probs = clf.probabilities([s.sentence() for s in todo])
    index = {t: i for i, t in enumerate(clf.classes)}
    placed = {id(e) for s in sentences for e in s.events}
    out = [e for e in events if id(e) not in placed]
    for s, row in zip(todo, probs, strict=True):
        out += _moves(s, row, clf.best_event(row), index, policy)
    return sorted(out, key=lambda e: (e.sentence.start, e.trigger.start))


def _moves(
    s: SentenceView,
    row: np.ndarray,
    top: tuple[str, float],
    index: dict[str, int],
    policy: Policy,
) -> list[Event]:
    """One sentence's events after veto, relabel, prune and propose; ``top`` is the
    classifier's most probable event type and its probability."""
    best, p_best = top

    def p(e: Event) -> float:
        return float(row[index[e.type]]) if e.type in index else 0.0

    kept = list(s.events)
    if policy.veto_p is not None:
        kept = [e for e in kept if p(e) >= policy.veto_p]
    # A negated event keeps its type ("will not accept a deal" is an AGREE, negative): the
    # classifier reads the negation as another type, which the polarity already tells. So does
    # an event on a reporting verb ("X is hard, the minister said": the speaker's judgement):
    # the classifier reads the whole sentence, so the type it prefers is the content's.
    open_ = [e for e in kept if e.polarity != "negative" and not s.reporting(e.trigger)]
    if (
        policy.relabel_p is not None
        and open_
        and p_best >= policy.relabel_p
        and all(e.type != best for e in kept)
    ):
        weakest = min(open_, key=p)
        if p(weakest) <= policy.keep_p:
            kept[kept.index(weakest)] = weakest.model_copy(
                update={"type": best, "mode": None, "cameo": None}
            )
    if policy.prune_p is not None and len(kept) > 1 and any(e.type == best for e in kept):
        kept = [e for e in kept if e.type == best or p(e) >= policy.prune_p]
    if not kept and not s.events:
        threshold, anchor = (
            (policy.propose_p, s.cue) if s.cue is not None else (policy.propose_bare_p, s.root)
        )
        if s.judged:  # "the talks were useful": talks judged, not reported as happening
            threshold = None
        p_none = float(row[index[NONE]]) if NONE in index else 0.0
        if (
            threshold is not None
            and anchor is not None
            and p_best >= threshold
            and p_none <= policy.none_max
        ):
            kept.append(_proposed(best, p_best, s, anchor))
    return kept


def _proposed(type_: str, p: float, s: SentenceView, anchor: Span) -> Event:
    """The classifier's event on a sentence's lexicon trigger (or root): no slots, its
    probability as the event's confidence."""
    return Event.model_validate(
        {"id": "", "type": type_, "trigger": anchor, "sentence": s.span, "confidence": round(p, 3)}
    )


class Refiner:
    """What the event stage calls once per document: the classifier's moves under a policy."""

    def __init__(
        self,
        clf: EventClassifier | None,
        policy: Policy,
        sentence_clf: EventClassifier | None = None,
    ) -> None:
        self.clf, self.policy, self.sentence_clf = clf, policy, sentence_clf

    def __call__(self, events: list[Event], sentences: list[SentenceView]) -> list[Event]:
        if self.clf is None:
            return events
        return combine(events, sentences, self.clf, self.policy, self.sentence_clf)


def default_refiner() -> Refiner:
    """The shipped classifier under the shipped policy (no-op when either is absent), and the
    sentence model the policy names for sentences to code (the main one when it is absent)."""
    from tidings.events.classifier import default_classifier

    policy = load_policy() if POLICY_FILE.is_file() else Policy()
    if not policy.active:
        return Refiner(None, policy)
    short = default_classifier(policy.sentence_model) if policy.sentence_model else None
    return Refiner(default_classifier(), policy, short)


def sentence_view(
    text: str, sent: SpacySpan, cue: Token | None, silent: Collection[int] = ()
) -> SentenceView:
    """A parsed body sentence (trailing space trimmed, as events' sentences are), its cue, the
    root a bare proposal stands on (none when it reports speech) and its reporting verbs.
    ``silent``: the starts of sentences whose trigger tells that nothing was done ("declined
    to comment"); they are judged, so the classifier proposes nothing there."""
    start, end = sent.start_char, sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    cue_span = token_span(text, cue) if cue is not None else None
    said = reporting_verbs(sent)
    # A root that reports speech is no anchor: what the classifier reads there is the content,
    # which holds no lexicon trigger (else ``cue`` is set), so no codable act to stand on.
    bare = sent.root.pos_ in ("VERB", "AUX", "NOUN") and sent.root not in said
    root = token_span(text, sent.root) if bare else None
    reports = tuple(token_span(text, t) for t in said)
    return SentenceView(
        Span.of(text, start, end),
        cue_span,
        marks=parse_marks(sent),
        root=root,
        reports=reports,
        judged=(cue is not None and judged(cue)) or sent.start in silent,
    )


SUBJECTS = ("nsubj", "nsubjpass", "csubj")


def judged(t: Token) -> bool:
    """Whether ``t`` is, or stands in, the subject of a copula with an adjective or noun
    complement ("the talks were useful", "what we demand is difficult"): the act is judged,
    not told as happening, so the classifier proposes no event on it."""
    for cur in (t, *t.ancestors):
        if cur.dep_ in SUBJECTS:
            head = cur.head
            return head.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") for c in head.children)
    return False


CONTENT_DEPS = ("ccomp", "parataxis")


def reporting_verbs(sent: SpacySpan) -> list[Token]:
    """The sentence's plain reporting verbs (`modality.yaml`'s ``reporting.plain``: say, tell,
    announce ...) that frame content: with a content clause below them ("said [that] X") or
    themselves a parenthetical beside it ("X, the minister said")."""
    from tidings.events.modality import load_cues

    plain = load_cues().plain
    return [
        t
        for t in sent
        if t.pos_ in ("VERB", "AUX")
        and t.lemma_.lower() in plain
        and (t.dep_ in CONTENT_DEPS or any(c.dep_ in CONTENT_DEPS for c in t.children))
    ]


def token_span(text: str, t: Token) -> Span:
    """A token's character span."""
    return Span.of(text, t.idx, t.idx + len(t.text))

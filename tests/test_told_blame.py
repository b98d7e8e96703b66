"""Events that an article tells without a verb of their own: blame, wishes, letters, judged acts.

- "X is responsible for the attack," Y said: Y accuses X (PLOVER 3.9 ACCUSE, allege), beside
  the attack itself; "X claimed responsibility" accuses nobody.
- "X wants a new scheme": a wish for a measure is a demand (REQUEST), as "wants Y to do" is.
- "wrote to X for Y": a letter asking for something is a REQUEST to X.
- "branded the order an outrage": the act judged was told before; its doer is the target.
Sentences written here, told inside short articles (a lone sentence is judged by the sentence
model instead); the real pipeline.
"""

from __future__ import annotations

LEDE = "A bomb exploded at the central market of Kessa on Monday, killing nine people. "
END = " Talks between the parties are due to resume next week."


def _events(pipeline, text: str) -> list:  # noqa: ANN001
    doc = pipeline.analyze(LEDE + text + END, published="2021-03-04")
    start = len(LEDE)
    return [e for e in doc.events if start <= e.trigger.start < start + len(text)]


def _of(events: list, type_: str) -> list:
    return [e for e in events if e.type == type_]


def test_a_speaker_holding_another_party_responsible_accuses_it_and_hedges_the_act(pipeline) -> None:
    events = _events(
        pipeline,
        '"Our own inquiry leaves no doubt: the Red Hand militia was probably responsible for the '
        'bombing of the market," Defence Minister Anna Berg told reporters on Tuesday.',
    )
    (accuse,) = _of(events, "ACCUSE")
    assert accuse.mode == "allege"
    assert any("berg" in s for s in accuse.source)
    assert accuse.target and not set(accuse.target) & set(accuse.source)
    (attack,) = _of(events, "ASSAULT")
    assert attack.source == accuse.target
    assert attack.certainty == "probable"  # the hedge on "responsible" is the act's


def test_behind_an_attack_in_reported_speech_is_an_allegation(pipeline) -> None:
    events = _events(
        pipeline, "Police said the Red Hand militia was behind the shooting of two farmers."
    )
    (accuse,) = _of(events, "ACCUSE")
    assert accuse.source and accuse.target and accuse.source != accuse.target


def test_claiming_responsibility_or_the_author_stating_it_accuses_nobody(pipeline) -> None:
    for text in (
        "The Taliban claimed responsibility for the attack on the convoy.",
        "The army has been responsible for mass killings in the north.",
    ):
        events = pipeline.analyze(f"Talks stalled in May. {text}{END}").events
        assert "ASSAULT" in [e.type for e in events]
        assert not _of(events, "ACCUSE"), text


def test_claiming_the_attack_told_before_names_its_doer(pipeline) -> None:
    doc = pipeline.analyze(
        "A bomb exploded at a checkpoint in Kessa on Monday, killing nine soldiers. The Taliban "
        "claimed responsibility for the attack." + END
    )
    (attack,) = _of(doc.events, "ASSAULT")
    assert attack.source == ["AFG-TALIBAN"] and attack.source_inferred


def test_wanting_a_measure_is_a_demand_and_wanting_a_thing_is_not(pipeline) -> None:
    assert _of(
        _events(pipeline, "The opposition wants the release of all political prisoners."), "REQUEST"
    )
    assert not _events(pipeline, "He wants a sandwich.")


def test_a_letter_asking_for_something_is_a_request_to_its_addressee(pipeline) -> None:
    events = _events(
        pipeline,
        "Amnesty International wrote to the Interior Ministry in May for an independent inquiry "
        "into the deaths.",
    )
    (req,) = _of(events, "REQUEST")
    assert req.source and req.target and req.target != req.source
    assert not _of(
        _events(pipeline, "The Interior Minister wrote for a local newspaper."), "REQUEST"
    )


def test_a_judged_act_is_aimed_at_whoever_did_it_before(pipeline) -> None:
    events = _events(
        pipeline,
        "The Interior Ministry ordered the Green Alliance to dissolve within thirty days on "
        "Thursday. Alliance leader Maria Okafor branded the order an outrage. She said the "
        "decision was a disgrace.",
    )
    (order,) = [e for e in events if e.type in ("REQUEST", "COERCE")]
    accusations = _of(events, "ACCUSE")
    assert len(accusations) == 2
    for accuse in accusations:
        assert accuse.target == order.source


def test_someone_in_the_frame_of_a_quote_is_no_party_to_the_act_told(pipeline) -> None:
    doc = pipeline.analyze(
        'Talks stalled in May. "Our own inquiry leaves no doubt: the Red Hand militia was '
        'probably responsible for the bombing," Defence Minister Anna Berg said at a meeting '
        "with Tom Brandt." + END
    )
    (attack,) = _of(doc.events, "ASSAULT")
    assert not [x for x in [*attack.source, *attack.target] if "brandt" in x]


def test_responsibility_for_the_attack_told_later_is_the_attack_told_before(pipeline) -> None:
    doc = pipeline.analyze(
        "The opposition leader Olga Brenner was shot and wounded outside her home in Minsk on "
        "Friday. The government recalled its envoy on Saturday. \"We now know that Russia was "
        'behind the shooting," Prime Minister Karl Visser told parliament.',
        published="2021-05-04",
    )
    (attack,) = _of(doc.events, "ASSAULT")
    assert attack.source == ["RUS"] and attack.source_inferred
    assert any("brenner" in x for x in attack.target)  # "shot and wounded": one attack, on her
    assert any("behind the shooting" in x.text for x in attack.evidence)


def test_declining_to_comment_is_no_rejection(pipeline) -> None:
    for text in (
        "Police refused to comment on the arrests.",
        "The Interior Ministry declined to say how many people were held.",
    ):
        assert not _of(_events(pipeline, text), "REJECT"), text
    assert _of(_events(pipeline, "The rebels refused to lay down their arms."), "REJECT")


def test_talks_a_judgement_praises_happened_and_the_judge_is_no_party(pipeline) -> None:
    events = _events(
        pipeline,
        "President Anna Berg hailed the outcome of the negotiations between Defence Ministers "
        "Ivan Petrov and Sergey Shoigu.",
    )
    (praise,) = _of(events, "SUPPORT")
    (talks,) = _of(events, "CONSULT")
    assert talks.source and not set(praise.source) & set(talks.source + talks.target)

"""The quotes stage: marks, direct/partial/indirect quotes, terms, speakers and channels.

The mark finder is tested as a pure function on strings (with hypothesis for robustness); the
stage through the real pipeline (structure, spaCy, actors, quotes) on sentences written here.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tidings.errors import TidingsError
from tidings.model import Article, Quote
from tidings.quotes import QuoteConfig, QuoteStage, cue_class, find_quoted
from tidings.quotes.lexicon import load_cues, parse_cues
from tidings.stage import check_order

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLES = SHARED / "examples"

# A user actor file: outlets invented for these tests, so the shipped KB cannot interfere.
USER_KB = """
- id: northern-courier
  name: Northern Courier
  kind: media
  aliases: [the Northern Courier]
- id: vela-news
  name: Vela News
  kind: media
"""


# --- the mark finder, a pure function ------------------------------------------------------
def quoted_texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted(text) if q.depth == 0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We won the vote," she said.', ["We won the vote,"]),
        ("“We won the vote,” she said.", ["We won the vote,"]),
        ('"We won the vote,” she said.', ["We won the vote,"]),  # straight open, curly close
        ("‘We won the vote,’ she said.", ["We won the vote,"]),
        ("'We won the vote,' she said.", ["We won the vote,"]),
        ("«Nous avons gagné», a-t-elle dit.", ["Nous avons gagné"]),
        ("« Nous avons gagné », a-t-elle dit.", ["Nous avons gagné"]),
        ("»Wir haben gewonnen«, sagte sie.", ["Wir haben gewonnen"]),
        ("„Wir haben gewonnen“, sagte sie.", ["Wir haben gewonnen"]),
        ("The port’s cranes don’t move since the '90s, and the rebels’ guns are quiet.", []),
        ("Rock ’n’ roll bands played 'til dawn in the ‘80s.", []),
        ('He said "we will win and never', []),  # never closed: no quote
        ("A lone » and a stray “ here.", []),
        ('It is a 12" pipe and a 5" valve.', []),
        (
            '"We will stay," he said, "until the work is done."',
            ["We will stay,", "until the work is done."],
        ),
    ],
)
def test_marks(text: str, expected: list[str]) -> None:
    assert quoted_texts(text) == expected


def test_nested_quote_keeps_the_outer_whole() -> None:
    text = "“He shouted ‘stop the convoy’ twice,” the driver said."
    found = find_quoted(text)
    outer = [q for q in found if q.depth == 0]
    inner = [q for q in found if q.depth == 1]
    assert [text[q.start : q.end] for q in outer] == ["He shouted ‘stop the convoy’ twice,"]
    assert [text[q.start : q.end] for q in inner] == ["stop the convoy"]


def test_quote_over_paragraphs_is_one_group() -> None:
    text = (
        "“The first winter was the hardest.\n"
        "“We burned furniture to stay warm.\n"
        "“Nobody came to help,” the farmer said."
    )
    found = find_quoted(text)
    assert [text[q.start : q.end] for q in found] == [
        "The first winter was the hardest.",
        "We burned furniture to stay warm.",
        "Nobody came to help,",
    ]
    assert len({q.group for q in found}) == 1
    assert [q.closed for q in found] == [False, False, True]


def test_unclosed_paragraph_without_continuation_is_dropped() -> None:
    assert find_quoted("“The first winter was hard.\nThe second was worse.") == []


_MARKS = "\"'“”‘’«»‹›„‚「」『』`´"
_text = st.text(
    alphabet=st.sampled_from(list(_MARKS + "ab cd.,;:!?\n\t-—()0123456789sS")) | st.characters(),
    max_size=400,
)


@settings(max_examples=400, deadline=500)
@given(_text)
def test_mark_finder_never_crashes_and_keeps_its_invariants(text: str) -> None:
    found = find_quoted(text)
    outer = [q for q in found if q.depth == 0]
    for q in found:
        assert 0 <= q.open < q.start <= q.end <= len(text)
        if q.close is not None:
            assert q.end <= q.close < len(text)
            assert text[q.open] in _MARKS and text[q.close] in _MARKS
        assert text[q.start : q.end] == text[q.start : q.end].strip()
    for a, b in zip(outer, outer[1:], strict=False):
        assert a.outer_end <= b.open, "outer quotes must not overlap"


@settings(max_examples=100, deadline=500)
@given(st.lists(st.sampled_from(list(_MARKS) + ["word ", "\n", "x’s ", " '9", " "]), max_size=300))
def test_mark_soup_never_crashes(parts: list[str]) -> None:
    find_quoted("".join(parts))


@pytest.mark.parametrize(
    "text",
    [
        "‘" * 50_000 + "”" * 50_000,
        "“a " * 30_000 + "b” " * 30_000,
        ("“x\n" * 20_000),
        "’" * 100_000,
    ],
)
def test_mark_finder_is_linear_on_adversarial_input(text: str) -> None:
    t0 = time.perf_counter()
    find_quoted(text)
    assert time.perf_counter() - t0 < 3.0


# --- the stage through the real pipeline ---------------------------------------------------
@pytest.fixture(scope="session")
def pipe(tmp_path_factory: pytest.TempPathFactory):
    """The default pipeline's stages up to quotes, with a user actor file of two outlets."""
    from tidings.nlp import load_spacy
    from tidings.pipeline import Pipeline, build_stages

    kb = tmp_path_factory.mktemp("kb") / "outlets.yaml"
    kb.write_text(USER_KB, encoding="utf-8")
    nlp = load_spacy()
    stages = build_stages(nlp, actor_files=[kb])
    names = [s.name for s in stages]
    assert "quotes" in names and isinstance(stages[names.index("quotes")], QuoteStage)
    return Pipeline(nlp=nlp, stages=stages[: names.index("quotes") + 1])


def run(pipe, text: str):  # type: ignore[no-untyped-def]
    d = pipe.run(Article(text=text))
    assert d.status == "ok", d.status
    for q in d.quotes:
        check_spans(text, q)
    return d


def check_spans(text: str, q: Quote) -> None:
    for s in (q.span, q.speaker_span, q.cue_span):
        if s is not None:
            assert text[s.start : s.end] == s.text
    assert q.text == q.span.text


def speaker_name(d, q: Quote) -> str | None:  # type: ignore[no-untyped-def]
    a = d.actor(q.speaker)
    return a.name if a else None


def find(d, text: str) -> Quote:  # type: ignore[no-untyped-def]
    hits = [q for q in d.quotes if q.text == text]
    assert hits, f"no quote {text!r} in {[(q.kind, q.text) for q in d.quotes]}"
    return hits[0]


def test_stage_contract() -> None:
    st_ = QuoteStage()
    assert st_.name == "quotes"
    assert st_.requires == ("doc", "structure", "actors", "mentions")
    assert st_.assigns == ("quotes", "actors")


def test_direct_quote_after_its_cue_and_its_continuation(pipe) -> None:
    text = (
        "The mayor of Lyon, Claire Dubois, opened the new bridge on Monday.\n"
        '"We waited ten years for this crossing," Dubois said at the ceremony. '
        '"It will change how people live here."'
    )
    d = run(pipe, text)
    first = find(d, "We waited ten years for this crossing,")
    assert first.kind == "direct" and first.cue == "say"
    assert "Dubois" in (speaker_name(d, first) or "")
    assert first.speaker_span is not None and first.speaker_span.text == "Dubois"
    assert first.confidence >= 0.8
    second = find(d, "It will change how people live here.")
    assert second.kind == "direct" and second.cue is None
    assert second.speaker == first.speaker
    assert [q.id for q in d.quotes] == [f"Q{i}" for i in range(1, len(d.quotes) + 1)]


def test_inverted_attribution_after_a_full_stop_inside_the_marks(pipe) -> None:
    text = (
        "Farmers in the valley lost most of their maize this summer.\n"
        '"The rain came too late. Nothing grew." said Pedro Alvarez, who farms near the river.'
    )
    d = run(pipe, text)
    q = find(d, "The rain came too late. Nothing grew.")
    assert q.kind == "direct" and q.cue == "say"
    assert q.speaker_span is not None and "Alvarez" in q.speaker_span.text


def test_quote_split_by_its_attribution(pipe) -> None:
    text = (
        "Police chief Omar Haddad visited the flooded district.\n"
        '"We will not leave," Haddad said, "until the last family is safe."'
    )
    # the clause interrupts one sentence: one attribution with both pieces marked
    d = run(pipe, text)
    a = find(d, 'We will not leave," Haddad said, "until the last family is safe.')
    assert a.kind == "partial"
    assert [p.text for p in a.quoted] == ["We will not leave,", "until the last family is safe."]
    assert "Haddad" in (speaker_name(d, a) or "")


def test_quote_spanning_paragraphs_takes_the_cue_of_its_last_paragraph(pipe) -> None:
    text = (
        "Claire Dubois, the mayor, spoke at length on Monday.\n"
        "“The river has taken our homes before.\n"
        "“This time we will build the walls higher,” Dubois said."
    )
    d = run(pipe, text)
    a = find(d, "The river has taken our homes before.")
    b = find(d, "This time we will build the walls higher,")
    assert a.kind == b.kind == "direct"
    assert a.speaker is not None and a.speaker == b.speaker


def test_nested_quote_is_part_of_the_outer_one(pipe) -> None:
    text = (
        "Omar Haddad described the night of the raid.\n"
        "“They shouted ‘open the door’ and broke it down,” Haddad said."
    )
    d = run(pipe, text)
    q = find(d, "They shouted ‘open the door’ and broke it down,")
    assert q.kind == "direct" and q.speaker is not None
    assert not [x for x in d.quotes if x.text == "open the door"]


def test_apostrophes_never_open_quotes(pipe) -> None:
    text = (
        "The port’s cranes haven’t moved since the ’90s.\n"
        "Workers' leaders blame the owners’ debts, and the city's mayor agrees."
    )
    d = run(pipe, text)
    assert [q for q in d.quotes if q.kind in ("direct", "partial", "term")] == []


def test_partial_quote_inside_a_reporting_clause(pipe) -> None:
    text = (
        "Police chief Omar Haddad said the protesters had "
        "“no right to block the highway” and ordered them to leave."
    )
    d = run(pipe, text)
    part = find(d, "no right to block the highway")
    assert part.kind == "partial"
    assert "Haddad" in (speaker_name(d, part) or "")
    # the reported content is one partial attribution with the quoted words marked
    whole = [q for q in d.quotes if q.kind == "partial" and q is not part]
    assert whole and "no right to block the highway" in whole[0].text
    assert [s.text for s in whole[0].quoted] == ["no right to block the highway"]


def test_partial_quote_of_a_naming_verb(pipe) -> None:
    text = "Claire Dubois called the delay “a scandal for the whole region” on Friday."
    d = run(pipe, text)
    q = find(d, "a scandal for the whole region")
    assert q.kind == "partial" and q.cue == "call"
    assert "Dubois" in (speaker_name(d, q) or "")


# sentence | reported content | cue | cue class
INDIRECT = """
Police chief Omar Haddad said that three suspects had been arrested.|three suspects had been arrested|say|neutral
Omar Haddad claimed the fire in the depot was started deliberately.|the fire in the depot was started deliberately|claim|claimed
Omar Haddad denied that officers had used tear gas.|officers had used tear gas|deny|denial
Omar Haddad warned that the coastal roads would stay closed.|the coastal roads would stay closed|warn|warning
Omar Haddad insists the curfew is working.|the curfew is working|insist|claimed
Omar Haddad told reporters that the curfew would be lifted on Friday.|the curfew would be lifted on Friday|tell|neutral
Omar Haddad accused the smugglers of setting the warehouse on fire.|the smugglers of setting the warehouse on fire|accuse|accusation
"""


@pytest.mark.parametrize(
    ("sentence", "content", "cue", "klass"),
    [tuple(line.split("|")) for line in INDIRECT.strip().splitlines()],
)
def test_indirect_speech(pipe, sentence: str, content: str, cue: str, klass: str) -> None:
    d = run(pipe, sentence)
    q = find(d, content)
    assert q.kind == "indirect" and q.cue == cue and cue_class(q.cue) == klass
    assert "Haddad" in (speaker_name(d, q) or "")
    assert q.speaker_span is not None and "Haddad" in q.speaker_span.text
    assert q.cue_span is not None
    assert d.doc.char_span(q.cue_span.start, q.cue_span.end)[0].lemma_ == cue


def test_negated_cue_is_marked(pipe) -> None:
    d = run(pipe, "Omar Haddad did not say that the talks had failed.")
    q = find(d, "the talks had failed")
    assert q.cue == "not say" and cue_class(q.cue) == "negated"


def test_participle_after_a_comma_speaks_for_the_main_subject(pipe) -> None:
    d = run(
        pipe,
        "Omar Haddad denied that officers had used tear gas, insisting they acted lawfully.",
    )
    denied = find(d, "officers had used tear gas")
    insisted = find(d, "they acted lawfully")
    assert denied.speaker is not None and insisted.speaker == denied.speaker
    assert insisted.cue == "insist"


def test_subject_of_the_controlling_verb_speaks(pipe) -> None:
    d = run(pipe, "The two militias rushed to say they had not fired the missiles.")
    q = find(d, "they had not fired the missiles")
    assert q.kind == "indirect" and q.cue == "say"
    assert q.speaker_span is not None and "militias" in q.speaker_span.text


def test_reported_clause_before_its_cue(pipe) -> None:
    d = run(pipe, "The attack on the army base was repelled, the ministry said.")
    q = find(d, "The attack on the army base was repelled")
    assert q.kind == "indirect" and q.cue == "say"
    assert q.speaker_span is not None and q.speaker_span.text == "the ministry"


def test_speaker_the_parser_hung_on_the_reported_clause(pipe) -> None:
    d = run(
        pipe, "The bridge will reopen in March, a close aide to Mayor Claire Dubois said Friday."
    )
    q = find(d, "The bridge will reopen in March")
    assert q.kind == "indirect" and q.cue == "say"
    assert q.speaker_span is not None and q.speaker_span.text == "a close aide"


def test_claim_of_responsibility_is_a_quote_and_claimed_benefits_are_not(pipe) -> None:
    d = run(pipe, "The Dawn Front claimed responsibility for the bombing of the pipeline.")
    q = find(d, "responsibility for the bombing of the pipeline")
    assert q.kind == "indirect" and cue_class(q.cue) == "claimed"
    d = run(pipe, "Thousands of workers claimed unemployment benefits last week.")
    assert d.quotes == []


def test_according_to_names_the_source(pipe) -> None:
    d = run(pipe, "Twelve people died in the fire at the market, according to Omar Haddad.")
    q = find(d, "Twelve people died in the fire at the market")
    assert q.kind == "indirect" and q.cue == "according to"
    assert "Haddad" in (speaker_name(d, q) or "")


def test_headline_colon_form(pipe) -> None:
    d = run(pipe, "Minister Karimov: the border will stay closed until the spring thaw.")
    q = find(d, "the border will stay closed until the spring thaw")
    assert q.kind == "indirect" and q.cue == ":" and q.speaker is not None


@pytest.mark.parametrize(
    ("text", "quote", "via", "outlet"),
    [
        (
            'Omar Haddad spoke after the storm.\n"The dam held," Haddad said, according to state media.',
            "The dam held,",
            "state media",
            None,
        ),
        (
            "Omar Haddad told the Northern Courier that the talks had collapsed.",
            "the talks had collapsed",
            "Northern Courier",
            "northern-courier",
        ),
        (
            'Omar Haddad spoke after the storm.\n"We are ready," he was quoted by Vela News as saying.',
            "We are ready,",
            "Vela News",
            "vela-news",
        ),
        (
            'Flights resumed.\n"We need no new aircraft," Vela News quoted Omar Haddad as saying.',
            "We need no new aircraft,",
            "Vela News",
            "vela-news",
        ),
        (
            "The Red Cross said in a statement that its convoy had been attacked.",
            "its convoy had been attacked",
            "a statement",
            None,
        ),
        (
            "Omar Haddad wrote on Twitter that the bridge would reopen on Monday.",
            "the bridge would reopen on Monday",
            "Twitter",
            None,
        ),
    ],
)
def test_channel(pipe, text: str, quote: str, via: str, outlet: str | None) -> None:
    d = run(pipe, text)
    q = find(d, quote)
    assert q.via == via
    if outlet is not None:
        assert q.via_actor == outlet
    if "Haddad" in text and "Red Cross" not in text:
        assert "Haddad" in (speaker_name(d, q) or "")


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("The name of the unit roughly translates as “shield,” officers explained.", "shield,"),
        ("Economists doubt the so-called “peace dividend” will reach farmers.", "peace dividend"),
        ("Traffic backed up at the “green zone” checkpoints on Sunday.", "green zone"),
        ("Rebels from a faction known as “the Falcons” crossed the river.", "the Falcons"),
        (
            "The documentary “Rivers of Iron and Salt in the North” opened the festival.",
            "Rivers of Iron and Salt in the North",
        ),
        ("Police arrested Ahmed “the Engineer” Saleh in the capital.", "the Engineer"),
        ("The government’s “reforms” have not helped farmers.", "reforms"),
        (
            "The group, which calls itself “Guardians of the Dawn,” claimed the bombing.",
            "Guardians of the Dawn,",
        ),
    ],
)
def test_terms_are_not_speech(pipe, text: str, term: str) -> None:
    d = run(pipe, text)
    q = find(d, term)
    assert q.kind == "term" and q.speaker is None


def test_terms_can_be_left_out(pipe) -> None:
    d = pipe.run(Article(text="Economists doubt the so-called “peace dividend” will come."))
    stage = QuoteStage(QuoteConfig(terms=False))
    d = stage(d)
    assert [q for q in d.quotes if q.kind == "term"] == []


def test_unresolvable_speaker_is_none_not_a_guess(pipe) -> None:
    text = (
        "Claire Dubois, the mayor, toured the flooded streets.\n"
        '"It was terrible," one witness said.'
    )
    d = run(pipe, text)
    q = find(d, "It was terrible,")
    assert q.kind == "direct"
    assert q.speaker_span is not None and q.speaker_span.text == "one witness"
    if q.speaker is not None:  # only an actor the actors stage made of "one witness" will do
        actor = d.actor(q.speaker)
        assert actor is not None and any("witness" in m.text for m in actor.mentions)


def test_quote_with_no_cue_and_nobody_before_has_no_speaker(pipe) -> None:
    d = run(pipe, "The storm passed at dawn.\n“Nobody expected the water to rise so fast.”")
    q = find(d, "Nobody expected the water to rise so fast.")
    assert q.kind == "direct" and q.speaker is None and q.confidence <= 0.5


def test_headline_quotes_are_not_body_quotes(pipe) -> None:
    text = (
        "Mayor hails 'historic day' for the city\n\n"
        "The mayor of Lyon, Claire Dubois, opened the new bridge on Monday.\n"
        "Thousands of people walked across it in the afternoon sun."
    )
    d = run(pipe, text)
    assert not [q for q in d.quotes if q.text == "historic day" and q.kind != "term"]


def test_pronoun_speaker_resolves_to_the_earlier_person(pipe) -> None:
    text = (
        "Omar Haddad, the police chief, arrived at the scene before dawn.\n"
        "“The fire started in the kitchen,” he said."
    )
    d = run(pipe, text)
    q = find(d, "The fire started in the kitchen,")
    assert "Haddad" in (speaker_name(d, q) or "")
    assert q.speaker_span is not None and q.speaker_span.text == "he"


@pytest.mark.parametrize(
    "text",
    [
        '""""\n"\n“”„“«»‹›',
        "He said “we will ‘win’ and «never» give up\n‘\n“Then» it ended.",
        "’Tis the season, ’em all, 'n' the ’90s’ ‘ ’ ' ' .",
        "“" + "word " * 3000 + "”, he said.",
        "Headline only with 'quote'",
        "“x”" * 200,
        "said said said, said he, “said,” said.",
    ],
)
def test_stage_survives_odd_text(pipe, text: str) -> None:
    d = run(pipe, text)
    head = d.article.structure.headline
    for q in d.quotes:
        in_headline = head is not None and head.start <= q.span.start and q.span.end <= head.end
        assert d.in_body(q.span.start, q.span.end) or in_headline  # headlines attribute too
        assert q.kind in ("direct", "partial", "indirect", "term")


def test_he_said_without_a_resolved_pronoun_falls_back_to_the_last_person(pipe) -> None:
    text = (
        "Omar Haddad, the police chief, arrived at the scene before dawn.\n"
        "“The fire started in the kitchen,” he said."
    )
    d = pipe.run(Article(text=text))
    d.mentions = [m for m in d.mentions if m.source != "pronoun"]
    d = QuoteStage()(d)
    q = find(d, "The fire started in the kitchen,")
    assert "Haddad" in (speaker_name(d, q) or "")


def test_pronoun_with_nobody_to_stand_for_is_none(pipe) -> None:
    d = pipe.run(Article(text="Rain fell all night.\n“The roads are gone,” she said."))
    d.mentions = [m for m in d.mentions if m.source != "pronoun"]
    d = QuoteStage()(d)
    q = find(d, "The roads are gone,")
    assert q.speaker is None and q.speaker_span is not None and q.speaker_span.text == "she"


# --- lexicon ------------------------------------------------------------------------------
def test_cue_classes() -> None:
    assert cue_class("say") == "neutral"
    assert cue_class("claim") == "claimed"
    assert cue_class("allege") == "claimed"
    assert cue_class("deny") == "denial"
    assert cue_class("threaten") == "threat"
    assert cue_class("according to") == "neutral"
    assert cue_class("not deny") == "negated"
    assert cue_class(None) is None


def test_malformed_cues_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TidingsError, match="unknown class"):
        parse_cues({"verbs": {"say": "loud"}})
    with pytest.raises(TidingsError, match="reuses a mark"):
        parse_cues({"marks": {"a": {"open": "“"}, "b": {"close": "“"}}})
    bad = tmp_path / "cues.yaml"
    bad.write_text("verbs: [say", encoding="utf-8")
    with pytest.raises(TidingsError, match="cannot be read"):
        load_cues(bad)
    assert "say" in load_cues().verbs


def test_stage_order_is_checked() -> None:
    from tidings.errors import PipelineOrderError

    with pytest.raises(PipelineOrderError):
        check_order([QuoteStage()])


# --- the shipped examples, scored by the project's evaluator ----------------------------------
@pytest.mark.shared
@pytest.mark.skipif(not SHARED.exists(), reason="../shared not present")
@pytest.mark.parametrize(
    ("name", "floors"),
    [
        ("irgc-basij", {"span_p": 0.85, "span_r": 0.9, "speaker_r": 0.9}),
        ("gm-chrysler-loans", {"span_p": 0.85, "span_r": 0.9, "speaker_r": 0.8}),
    ],
)
def test_examples_meet_their_floors(pipe, name: str, floors: dict[str, float]) -> None:
    from tidings.evaluate import evaluate

    report = evaluate(
        [EXAMPLES / f"{name}.gold.json"],
        lambda g: pipe.analyze(g.text, published=g.published, title=g.title),
    )
    layers = report.to_dict()["layers"]
    scores = {
        "span_p": layers["quotes_span"]["precision"],
        "span_r": layers["quotes_span"]["recall"],
        "speaker_r": layers["quotes_speaker"]["recall"],
    }
    for key, floor in floors.items():
        assert scores[key] >= floor, (key, scores, report.format_misses("quotes_speaker"))
    on_not_quotes = [m for m in report.misses_for("quotes_span") if "not_quotes" in m.note]
    assert on_not_quotes == [], "a quoted term was reported as speech"


def test_quote_after_a_dash_is_the_sentence_subjects(pipe) -> None:
    text = (
        "The bank argued that the merger broke the rules. Judge Maria Lopez sided with the "
        'regulator on every count - "I find the merger unlawful in every respect."'
    )
    d = run(pipe, text)
    q = next(q for q in d.quotes if q.text.startswith("I find"))
    assert speaker_name(d, q) == "Maria Lopez"


def test_denying_a_telling_is_no_quote(pipe) -> None:
    d = run(pipe, "The Philippine military denied the account on Monday.")
    assert d.quotes == []
    d = run(pipe, "The army denied the report that it had shelled the town.")
    assert [q.text for q in d.quotes] == ["the report that it had shelled the town"]

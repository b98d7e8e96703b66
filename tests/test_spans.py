"""Every span in an Analysis is evidence: ``article.text[start:end] == text``."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.errors import InputError
from tidings.model import Analysis, Span


def all_spans(a: Analysis) -> list[Span]:
    """Walk the whole model and collect every Span in it."""
    out: list[Span] = []

    def walk(obj: object) -> None:
        if isinstance(obj, Span):
            out.append(obj)
        elif isinstance(obj, list | tuple):
            for x in obj:
                walk(x)
        elif hasattr(obj, "__pydantic_fields__"):
            for name in type(obj).model_fields:
                walk(getattr(obj, name))

    walk(a)
    return out


def check(a: Analysis) -> None:
    text = a.article.text
    for sp in all_spans(a):
        assert 0 <= sp.start <= sp.end <= len(text)
        assert text[sp.start : sp.end] == sp.text


def test_example_spans_hold(example_analysis):
    spans = all_spans(example_analysis)
    assert len(spans) > 100
    check(example_analysis)


NEWSY = st.sampled_from(
    [
        "The IRGC’s chief Maj.-Gen. Hossein Salami said",
        "“We will respond,” he said.",
        '"Mixed quote” she claimed,',
        "Iran",
        "the US and Israel",
        "killed 1,500 protesters",
        "on Sunday",
        "\n",
        "\n\n",
        " ",
        "«",
        "»",
        "'",
        "’",
        "(photo credit: REUTERS/X)",
        "Rebels attacked the base in Kabul yesterday.",
        "é",
        "🙂",
        "\t",
        "..",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(NEWSY, st.text(min_size=1, max_size=12)), min_size=1, max_size=25))
def test_random_and_adversarial_text_keeps_span_invariant(pipeline, parts):
    text = "".join(parts)
    try:
        a = pipeline.analyze(text, published="2021-05-04")
    except InputError:
        return  # empty or binary-looking input is refused with a named error
    check(a)


@pytest.mark.parametrize("text", ["", "   \n\t ", "abc\x00def", "\x01\x02\x03\x04\x05" * 10])
def test_bad_text_is_refused_clearly(pipeline, text):
    with pytest.raises(InputError) as exc:
        pipeline.analyze(text, source="input.txt")
    assert "input.txt" in str(exc.value)

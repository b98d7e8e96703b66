"""Structure: headline, standfirst, captions, credits, repeats, body — on texts we write."""

from __future__ import annotations

import pytest

from tidings.structure import analyse_structure, paragraphs

ARTICLE = """Rebels seize northern town after week of fighting

The capture marks the group's biggest gain this year and puts pressure on the capital.

Fighters stand guard at a checkpoint (photo credit: REUTERS/JOHN DOE)
Fighters stand guard at a checkpoint
(photo credit: REUTERS/JOHN DOE)
Rebel fighters seized the town of Kadugli on Monday, residents said.
Advertisement
The capture marks the group's biggest gain this year and puts pressure on the capital. The army said it would retake the town.
Read more: Army vows to retake Kadugli
"""


def test_parts_are_marked_with_exact_spans():
    st = analyse_structure(ARTICLE)
    assert st.headline is not None
    assert st.headline.text == "Rebels seize northern town after week of fighting"
    assert st.standfirst is not None and st.standfirst.text.startswith("The capture marks")
    assert [c.text for c in st.captions] == [
        "Fighters stand guard at a checkpoint (photo credit: REUTERS/JOHN DOE)",
        "Fighters stand guard at a checkpoint",
    ]
    assert [c.text for c in st.credits] == ["(photo credit: REUTERS/JOHN DOE)"] * 2
    assert [b.text for b in st.boilerplate] == [
        "Advertisement",
        "Read more: Army vows to retake Kadugli",
    ]
    assert st.body[0].text.startswith("Rebel fighters seized the town")
    assert len(st.body) == 2
    for sp in [st.headline, st.standfirst, *st.captions, *st.credits, *st.body, *st.repeated]:
        assert ARTICLE[sp.start : sp.end] == sp.text


def test_repeated_paragraph_is_kept_once():
    text = "Headline here\n\nFirst paragraph says a thing.\nSecond one.\nFirst paragraph says a thing.\n"
    st = analyse_structure(text)
    assert [r.text for r in st.repeated] == ["First paragraph says a thing."]
    assert [b.text for b in st.body] == ["First paragraph says a thing.", "Second one."]


def test_dateline_line_and_wire_dateline():
    text = "Talks collapse\nMarch 01, 2008\nBAGHDAD (Reuters) - Talks collapsed on Friday.\n"
    st = analyse_structure(text)
    assert st.dateline is not None and st.dateline.text == "March 01, 2008"
    assert st.body[0].text == "Talks collapsed on Friday."


@pytest.mark.parametrize(
    ("first", "dateline"),
    [
        ("KHARTOUM, March 4 (Wire) - ", "KHARTOUM, March 4 (Wire) -"),
        ("Lima (Andina) \u2013 ", "Lima (Andina) \u2013"),
        ("(LIMA) \u2014 ", "(LIMA) \u2014"),
    ],
)
def test_wire_datelines_of_any_agency_are_cut_off_the_body(first: str, dateline: str) -> None:
    st = analyse_structure(first + "Peru wants closer ties with Chile, the minister said.")
    assert st.dateline is not None and st.dateline.text == dateline
    assert st.body[0].text == "Peru wants closer ties with Chile, the minister said."


def test_a_parenthesis_inside_a_sentence_is_no_dateline() -> None:
    text = "The ministry of health (MoH) said on Friday that three clinics had closed."
    st = analyse_structure(text)
    assert st.dateline is None and st.body[0].text == text


def test_single_sentence_has_no_headline():
    st = analyse_structure("Libya offered to hand over two suspects, a newspaper said.")
    assert st.headline is None
    assert st.body[0].start == 0


@pytest.mark.parametrize(
    "text,expected",
    [
        ("a\nb\n", 2),
        ("one line only", 1),
        (
            "This is a hard wrapped paragraph of text that goes on for\n"
            "several lines and keeps going so that each line is long\n"
            "enough to count as wrapped text.\n\n"
            "A second paragraph is wrapped the same way, at the same\n"
            "width as the first, as e-mail and wire copy often are in\n"
            "the archives.\n",
            2,
        ),
        (
            "Caption line, somewhat long but only one of its kind here\n"
            "Body sentence that follows the caption line in the page.\n",
            2,
        ),
    ],
)
def test_paragraph_splitting(text, expected):
    assert len(paragraphs(text)) == expected


def test_web_page_furniture_is_marked():
    text = (
        "Council votes to close depot\n\n"
        "By Farid Osei | September 15, 2022\n"
        "RIVERSIDE - The city council voted on Wednesday to close the depot.\n"
        "Share this story: Facebook | Email\n"
        "Reporting by Niko Lindqvist\n"
        "Published July 21, 2023\n"
    )
    st = analyse_structure(text)
    assert st.byline is not None and st.byline.text.startswith("By Farid Osei")
    assert st.standfirst is None
    assert st.body[0].text.startswith("The city council voted")
    assert {b.text for b in st.boilerplate} == {
        "Share this story: Facebook | Email",
        "Reporting by Niko Lindqvist",
    }

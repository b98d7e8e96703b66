"""Exact and near-duplicate detection (MinHash LSH) on wire copies written for the test."""

from __future__ import annotations

import pytest

from tidings.dedupe import Deduper, shingles, text_hash
from tidings.model import article_id

WIRE = """Flooding forces thousands from homes in river valley

LONDRINA, March 3 (Agency) - Heavy rain swelled the Tibagi river overnight and forced more than
four thousand people from their homes in the valley, the regional civil defence office said on
Tuesday, as rescue teams in boats searched flooded streets for residents still trapped.

The office said two people had died after a bridge collapsed near the town of Jataizinho and that
six others were missing. Water levels were expected to keep rising until Thursday, it said.

Schools in three municipalities were closed and turned into shelters. The state governor said he
had asked the federal government for emergency funds and for army helicopters to reach villages
cut off by landslides on the northern road.

Farmers' groups said the flood had destroyed soybean fields across the valley weeks before the
harvest, and warned that losses could run into the millions. Meteorologists said more rain was
forecast for the weekend, with storms moving east from the interior of the state.
"""

# The same story as another outlet ran it: a new headline, a dropped credit, a few words changed.
COPY = (
    WIRE.replace(
        "Flooding forces thousands from homes in river valley",
        "Thousands flee as Tibagi river bursts its banks",
    )
    .replace(" (Agency)", "")
    .replace("Heavy rain", "Torrential rain")
    .replace("on Tuesday", "late on Tuesday")
)

OTHER = """Flood relief convoy reaches cut-off villages

BRASILIA, March 5 (Agency) - An army convoy carrying food, drinking water and medicine reached
villages in the north of the state on Thursday after engineers cleared landslides that had blocked
the only road for three days, the defence ministry said.

The ministry said helicopters would continue to ferry supplies to communities on higher ground
and that a field hospital would open on Friday. Aid groups said the number of displaced people
had risen and asked for more tents and blankets before colder nights expected next week.
"""


def test_shingles_ignore_case_spacing_and_punctuation() -> None:
    assert shingles("One two, three  four five six.") == shingles("one two three four\nfive six")
    assert shingles("one two three four five six") == {
        "one two three four five",
        "two three four five six",
    }
    assert shingles("too short") == {"too short"}
    assert shingles("  ... ") == set()


def test_exact_copy_with_other_spacing_is_exact() -> None:
    d = Deduper()
    d.add("a", WIRE)
    respaced = WIRE.replace("said on\nTuesday", "said on\nTuesday").replace(" - ", "  -  ")
    assert text_hash(respaced) == text_hash(WIRE)
    assert d.check("b", respaced) == ("a", 1.0, "exact")


def test_wire_copy_with_new_headline_is_a_near_duplicate() -> None:
    d = Deduper()
    assert d.check("a", WIRE) is None
    d.add("a", WIRE)
    d.add("other", OTHER)
    found = d.check("copy", COPY)
    assert found is not None
    duplicate_of, similarity, method = found
    assert (duplicate_of, method) == ("a", "minhash")
    assert 0.8 <= similarity < 1.0


def test_same_topic_different_story_is_not_a_duplicate() -> None:
    d = Deduper()
    d.add("a", WIRE)
    assert d.check("other", OTHER) is None


@pytest.mark.parametrize("threshold, expect", [(0.5, True), (0.99, False)])
def test_threshold_is_configurable(threshold: float, expect: bool) -> None:
    d = Deduper(threshold=threshold)
    d.add("a", WIRE)
    assert (d.check("copy", COPY) is not None) is expect


def test_deterministic_similarity_across_instances() -> None:
    sims = []
    for _ in range(2):
        d = Deduper()
        d.add("a", WIRE)
        found = d.check("copy", COPY)
        assert found is not None
        sims.append(found.similarity)
    assert sims[0] == sims[1]


def test_most_similar_earlier_article_wins() -> None:
    d = Deduper(threshold=0.5)
    d.add("copy", COPY)
    d.add("a", WIRE)
    # A copy of WIRE with one more change is closer to WIRE than to COPY.
    nearer = WIRE.replace("six others", "seven others")
    found = d.check("n", nearer)
    assert found is not None and found.duplicate_of == "a"


def test_check_does_not_add_and_add_is_idempotent() -> None:
    d = Deduper()
    d.check("a", WIRE)
    assert len(d) == 0 and "a" not in d
    d.add("a", WIRE)
    d.add("a", WIRE)
    assert len(d) == 1
    assert d.check(article_id(WIRE), WIRE) == ("a", 1.0, "exact")


def test_bad_threshold_is_refused() -> None:
    with pytest.raises(ValueError, match="threshold"):
        Deduper(threshold=0)

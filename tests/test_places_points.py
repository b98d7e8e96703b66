"""Where countries and divisions lie: the points an area is mapped at and scored by (Acc@161).

The rule is tested on small made-up outlines; the built gazetteer (real SQLite file, built once
per machine from the pinned packages) is checked for the places the rule is about.
"""

from __future__ import annotations

from tidings.evaluation.match import km_between
from tidings.places.centres import _choose, main_centre
from tidings.places.divisions import iso_points
from tidings.places.gazetteer import open_gazetteer

SQUARE = [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]]  # (lon, lat) vertices
# a "U" open to the north: its centroid lies in the gap, outside the shape
U_SHAPE = [[0.0, 0.0], [6.0, 0.0], [6.0, 6.0], [5.0, 6.0], [5.0, 1.0], [1.0, 1.0], [1.0, 6.0],
           [0.0, 6.0]]  # fmt: skip


def test_a_compact_country_keeps_its_landmass_centre():
    # the published point is coarse (whole degrees); the centre is finer and inside
    for published in ((1.5, 1.5), None):
        lat, lon = _choose([SQUARE], published) or (0.0, 0.0)
        assert abs(lat - 1.0) < 0.01 and abs(lon - 1.0) < 0.01


def test_a_centre_outside_the_country_gives_way_to_the_published_point():
    centre = main_centre([U_SHAPE])
    assert centre is not None and 2.0 < centre[1] < 4.0  # between the arms: not in the country
    assert _choose([U_SHAPE], (3.0, 0.5)) == (3.0, 0.5)


def test_a_centre_far_from_the_published_point_gives_way_to_it():
    big = [[0.0, 0.0], [20.0, 0.0], [20.0, 20.0], [0.0, 20.0]]
    assert _choose([big], (15.0, 15.0)) == (15.0, 15.0)  # about 700 km apart
    assert _choose([big], (10.5, 10.5)) == main_centre([big])  # about 80 km: the centre


def test_a_centre_weighs_the_ground_not_the_degree_grid():
    # a country spanning 10 to 70 degrees north: a degree of latitude holds more ground in the
    # south, so the centre by area lies south of the grid's midpoint (40), longitude unchanged
    tall = [[0.0, 10.0], [10.0, 10.0], [10.0, 70.0], [0.0, 70.0]]
    lat, lon = main_centre([tall]) or (0.0, 0.0)
    assert 32.0 < lat < 36.0 and abs(lon - 5.0) < 1e-6
    assert main_centre([tall], equal_area=False) == (40.0, 5.0)
    # on the equator a small square is the same either way
    near = main_centre([SQUARE])
    assert near is not None and km_between(*near, 1.0, 1.0) < 1


def test_china_lies_at_its_centre_by_area_not_pulled_north():
    c = open_gazetteer().country("CN")
    assert c is not None and c.lat is not None and c.lon is not None
    assert c.lat < 36.2  # the grid centroid was 36.6 N; by area the centre lies further south


def test_countries_whose_shape_misleads_a_centroid_lie_where_atlases_put_them():
    gaz = open_gazetteer()
    expected = {
        "ID": (-5.0, 120.0),
        "CA": (60.0, -95.0),
        "CL": (-30.0, -71.0),
        "VN": (16.17, 107.83),
    }
    for cc, (lat, lon) in expected.items():
        c = gaz.country(cc)
        assert c is not None and c.lat is not None and c.lon is not None
        assert km_between(c.lat, c.lon, lat, lon) < 20, cc
    us = gaz.country("US")
    assert us is not None and us.lat is not None and us.lon is not None
    assert km_between(us.lat, us.lon, 38.0, -97.0) > 100  # Kansas' middle, not the coarse point


def test_divisions_lie_at_their_published_point_not_in_the_middle_of_their_towns():
    gaz = open_gazetteer()
    points = iso_points()
    assert len(points) > 4000  # every ISO 3166-2 division the package lists
    ontario = next(e for e in gaz.lookup("Ontario") if e.kind == "admin1" and e.country == "CA")
    assert ontario.lat is not None and ontario.lon is not None
    assert (ontario.lat, ontario.lon) == points["CA-ON"]
    assert km_between(ontario.lat, ontario.lon, 43.7, -79.4) > 500  # not by Toronto
    england = next(e for e in gaz.lookup("England") if e.kind == "admin1")
    assert england.lat is not None and england.lon is not None
    assert km_between(england.lat, england.lon, 52.5, -1.5) < 100  # the Midlands

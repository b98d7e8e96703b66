"""Places: an offline GeoNames gazetteer and toponym resolution.

`PlaceStage` fills ``Document.places`` (one `Place` per distinct place, resolved to a GeoNames
id where the gazetteer has one); `link_event_places` gives each event the place of its clause.
The gazetteer is built from PyPI packages on first use (see `gazetteer`).
"""

from __future__ import annotations

from tidings.places.gazetteer import Gazetteer, build, open_gazetteer
from tidings.places.link import link_event_places
from tidings.places.stage import PlaceConfig, PlaceStage

__all__ = [
    "Gazetteer",
    "PlaceConfig",
    "PlaceStage",
    "build",
    "link_event_places",
    "open_gazetteer",
]

"""Temporal expressions: find them, normalise them against the publication date, date events.

`TimesStage` fills ``Document.times``; `link_event_dates` gives each event the date its sentence
names, else the dateline's, else the publication date.
"""

from __future__ import annotations

from tidings.times.link import link_event_dates
from tidings.times.stage import TimesStage, dateline_date

__all__ = ["TimesStage", "dateline_date", "link_event_dates"]

"""Saving analyses to SQLite (default) or any SQLAlchemy database, and reading them back."""

from __future__ import annotations

from tidings.store import duplicates as _duplicates  # noqa: F401  (registers the table)
from tidings.store import failures as _failures  # noqa: F401  (registers the table)
from tidings.store import feeds as _feeds  # noqa: F401  (registers the feed tables)
from tidings.store.schema import SCHEMA_VERSION, metadata
from tidings.store.store import DEFAULT_URL, Store

__all__ = ["DEFAULT_URL", "SCHEMA_VERSION", "Store", "metadata"]

"""Alembic migrations of the store, run by `tidings.store.migrate` whenever a store is opened.

Add a migration as ``versions/NNNN_what.py`` with ``down_revision`` the latest one, then bump
``SCHEMA_VERSION`` in ``tidings.store.schema`` and set it in the ``meta`` table (see 0002).
"""

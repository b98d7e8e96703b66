"""Alembic's entry point: migrate the connection `tidings.store.migrate` hands over.

That connection is already inside a transaction holding the migration lock (``BEGIN
IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL), so every migration runs in it.
"""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()

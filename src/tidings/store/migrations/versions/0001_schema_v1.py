"""Schema version 1: the tables as Tidings created them before migrations existed.

Every statement is ``IF NOT EXISTS``, so a version-1 database made by older code (which had no
``alembic_version`` table), even one whose creation was interrupted, is completed, not refused.
"""

from pathlib import Path

from alembic import op
from sqlalchemy import text

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    ddl = Path(__file__).parent.parent / f"v1_{bind.dialect.name}.sql"
    body = "\n".join(
        line for line in ddl.read_text(encoding="utf-8").splitlines() if not line.startswith("--")
    )
    for statement in body.split(";"):
        if statement.strip():
            op.execute(statement)
    found = bind.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    if found is None:
        op.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '1')")


def downgrade() -> None:
    raise NotImplementedError("the store is never downgraded")

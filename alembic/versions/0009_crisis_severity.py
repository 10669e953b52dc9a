"""forum posts and replies keep how urgent their crisis sign is: crisis_severity ("acute" or "concern")

Rows flagged before this revision were judged without a severity; they become "concern", since
whether they were acute cannot be told without the detector of today (migrations do not import it).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("forum_posts", "forum_replies")


def upgrade() -> None:
    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(sa.Column("crisis_severity", sa.String(length=8), nullable=True))
        table = sa.table(name, sa.column("crisis", sa.Boolean), sa.column("crisis_severity", sa.String))
        op.execute(table.update().where(table.c.crisis == sa.true()).values(crisis_severity="concern"))


def downgrade() -> None:
    for name in reversed(TABLES):
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column("crisis_severity")

"""JSONB for the JSON columns on PostgreSQL (a no-op on SQLite, which keeps JSON as text)

mood_entries.cause_tags, recharge_blocks.checklist and forum_posts.case_fields become JSONB:
stored parsed, compared by value, indexable. Each value is converted in place (USING col::jsonb);
JSONB keeps no key order and no duplicate keys, which none of these documents relies on.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = (("mood_entries", "cause_tags"), ("recharge_blocks", "checklist"), ("forum_posts", "case_fields"))


def _retype(old: sa.types.TypeEngine, new: sa.types.TypeEngine, cast: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in _COLUMNS:
        op.alter_column(table, column, existing_type=old, type_=new, existing_nullable=False,
                        postgresql_using=f"{column}::{cast}")


def upgrade() -> None:
    _retype(sa.JSON(), postgresql.JSONB(), "jsonb")


def downgrade() -> None:
    _retype(postgresql.JSONB(), sa.JSON(), "json")

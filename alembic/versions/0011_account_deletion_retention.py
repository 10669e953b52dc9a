"""account deletion and retention: forum authors may be gone, the log's tombstone ids, users.retention_*

forum_posts.author_id and forum_replies.author_id become nullable with ON DELETE SET NULL (posts kept
by a user who deleted their account, shown as 已注销的同行). SQLite cannot alter a foreign key, so those
two tables are recreated (batch mode), with foreign keys off for the while: with them on, dropping the
old forum_posts would cascade to every reply, reaction, report and alias. PostgreSQL alters in place.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_AUTHORED = ("forum_posts", "forum_replies")


def _alter_author_fks(*, nullable: bool, ondelete: str) -> None:
    for table in _AUTHORED:
        name = f"fk_{table}_author_id_users"
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(name, type_="foreignkey")
            batch_op.alter_column("author_id", existing_type=sa.Integer(), nullable=nullable)
            batch_op.create_foreign_key(name, "users", ["author_id"], ["id"], ondelete=ondelete)


def _author_fks(*, nullable: bool, ondelete: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        _alter_author_fks(nullable=nullable, ondelete=ondelete)
        return
    # PRAGMA foreign_keys is ignored inside a transaction: end alembic's, rebuild in one of our own.
    with op.get_context().autocommit_block():
        op.execute("PRAGMA foreign_keys=OFF")
        op.execute("BEGIN")
        try:
            _alter_author_fks(nullable=nullable, ondelete=ondelete)
            if op.get_bind().exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise RuntimeError("0011: foreign keys broken by the rebuild of forum_posts/forum_replies")
            op.execute("COMMIT")
        except BaseException:
            op.execute("ROLLBACK")
            raise
        finally:
            op.execute("PRAGMA foreign_keys=ON")


def upgrade() -> None:
    _author_fks(nullable=True, ondelete="SET NULL")
    with op.batch_alter_table("forum_moderation_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("moderator_gone", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("target_gone", sa.String(length=16), nullable=True))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retention_months", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("retention_ran_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("retention_ran_on")
        batch_op.drop_column("retention_months")
    with op.batch_alter_table("forum_moderation_log", schema=None) as batch_op:
        batch_op.drop_column("target_gone")
        batch_op.drop_column("moderator_gone")
    # Posts and replies whose author left cannot go back to a NOT NULL column: they go.
    op.execute("DELETE FROM forum_replies WHERE author_id IS NULL")
    op.execute("DELETE FROM forum_posts WHERE author_id IS NULL")
    _author_fks(nullable=False, ondelete="CASCADE")

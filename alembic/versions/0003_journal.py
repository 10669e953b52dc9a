"""journal, weekly reviews, emotion box, goals

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 06:13:11.322017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import resilience_app.models.base


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('box_slips',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('written_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('sealed_at', resilience_app.models.base.UTCDateTime(), nullable=True),
    sa.Column('opens_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_box_slips_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_box_slips')),
    sa.UniqueConstraint('user_id', 'public_id', name='uq_box_slips_user_public')
    )
    with op.batch_alter_table('box_slips', schema=None) as batch_op:
        batch_op.create_index('ix_box_slips_user_status', ['user_id', 'status'], unique=False)

    op.create_table('daily_goals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('reward', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('done_at', resilience_app.models.base.UTCDateTime(), nullable=True),
    sa.Column('carried_from', sa.String(length=32), nullable=True),
    sa.Column('created_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('updated_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_daily_goals_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_daily_goals')),
    sa.UniqueConstraint('user_id', 'public_id', name='uq_daily_goals_user_public')
    )
    with op.batch_alter_table('daily_goals', schema=None) as batch_op:
        batch_op.create_index('ix_daily_goals_user_day', ['user_id', 'day'], unique=False)

    op.create_table('journal_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('prompt_key', sa.String(length=64), nullable=False),
    sa.Column('written_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('created_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('updated_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_journal_entries_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_journal_entries')),
    sa.UniqueConstraint('user_id', 'public_id', name='uq_journal_entries_user_public')
    )
    with op.batch_alter_table('journal_entries', schema=None) as batch_op:
        batch_op.create_index('ix_journal_entries_user_written', ['user_id', 'written_at'], unique=False)

    op.create_table('weekly_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('week', sa.String(length=8), nullable=False),
    sa.Column('recognition', sa.Text(), nullable=False),
    sa.Column('created_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('updated_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_weekly_reviews_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_weekly_reviews')),
    sa.UniqueConstraint('user_id', 'public_id', name='uq_weekly_reviews_user_public'),
    sa.UniqueConstraint('user_id', 'week', name='uq_weekly_reviews_user_week')
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('review_weekday', sa.Integer(), server_default='6', nullable=False))
        batch_op.add_column(sa.Column('review_hour', sa.Integer(), server_default='20', nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('review_hour')
        batch_op.drop_column('review_weekday')

    op.drop_table('weekly_reviews')
    with op.batch_alter_table('journal_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_journal_entries_user_written')

    op.drop_table('journal_entries')
    with op.batch_alter_table('daily_goals', schema=None) as batch_op:
        batch_op.drop_index('ix_daily_goals_user_day')

    op.drop_table('daily_goals')
    with op.batch_alter_table('box_slips', schema=None) as batch_op:
        batch_op.drop_index('ix_box_slips_user_status')

    op.drop_table('box_slips')

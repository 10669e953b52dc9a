"""mood check-ins and first aid

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 05:41:30.966250
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import resilience_app.models.base


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('first_aid_uses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('exercise', sa.String(length=30), nullable=False),
    sa.Column('started_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('seconds', sa.Integer(), nullable=False),
    sa.Column('completed', sa.Boolean(), nullable=False),
    sa.Column('mood_public_id', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_first_aid_uses_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_first_aid_uses')),
    sa.UniqueConstraint('user_id', 'public_id', name='uq_first_aid_uses_user_public')
    )
    with op.batch_alter_table('first_aid_uses', schema=None) as batch_op:
        batch_op.create_index('ix_first_aid_uses_user_started', ['user_id', 'started_at'], unique=False)

    op.create_table('mood_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('felt_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('emotion', sa.String(length=40), nullable=False),
    sa.Column('quadrant', sa.String(length=20), nullable=False),
    sa.Column('intensity', sa.Integer(), nullable=True),
    sa.Column('cause', sa.Text(), nullable=False),
    sa.Column('cause_tags', sa.JSON(), nullable=False),
    sa.Column('reframe', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('updated_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_mood_entries_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mood_entries')),
    sa.UniqueConstraint('user_id', 'public_id', name='uq_mood_entries_user_public')
    )
    with op.batch_alter_table('mood_entries', schema=None) as batch_op:
        batch_op.create_index('ix_mood_entries_user_felt', ['user_id', 'felt_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('mood_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_mood_entries_user_felt')

    op.drop_table('mood_entries')
    with op.batch_alter_table('first_aid_uses', schema=None) as batch_op:
        batch_op.drop_index('ix_first_aid_uses_user_started')

    op.drop_table('first_aid_uses')

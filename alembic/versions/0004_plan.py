"""recharge plan

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 06:42:44.118383
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import resilience_app.models.base


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('interests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('created_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('updated_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_interests_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interests')),
    sa.UniqueConstraint('user_id', 'public_id', name='uq_interests_user_public')
    )
    op.create_table('recharge_blocks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('interest', sa.String(length=40), nullable=False),
    sa.Column('starts_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('checklist', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('recharged', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('updated_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_recharge_blocks_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recharge_blocks')),
    sa.UniqueConstraint('user_id', 'public_id', name='uq_recharge_blocks_user_public')
    )
    with op.batch_alter_table('recharge_blocks', schema=None) as batch_op:
        batch_op.create_index('ix_recharge_blocks_user_starts', ['user_id', 'starts_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('recharge_blocks', schema=None) as batch_op:
        batch_op.drop_index('ix_recharge_blocks_user_starts')

    op.drop_table('recharge_blocks')
    op.drop_table('interests')

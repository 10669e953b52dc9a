"""the peer-support forum: groups, posts, replies, reactions, moderation; the public groups

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 07:59:34.900762
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import resilience_app.models.base
from resilience_app.core import clock


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The public groups as of this revision (slug, zh-CN name). Frozen here on purpose; groups added to
# resilience_app/data/forum_groups.json later are inserted by services/forum/groups.ensure_public_groups.
PUBLIC_GROUPS = (
    ("taobao", "淘宝/天猫"), ("jd", "京东"), ("pinduoduo", "拼多多"), ("douyin", "抖音电商"), ("amazon", "亚马逊"),
    ("newcomers", "新人客服"), ("big-sales", "大促生存"), ("after-sales", "售后与退款"), ("night-shift", "夜班/晚班"),
)


def upgrade() -> None:
    op.create_table('forum_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('invite_code', sa.String(length=8), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('updated_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_forum_groups_created_by_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_groups')),
    sa.UniqueConstraint('invite_code', name=op.f('uq_forum_groups_invite_code')),
    sa.UniqueConstraint('public_id', name=op.f('uq_forum_groups_public_id'))
    )
    op.create_table('forum_invite_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_invite_failures_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_invite_failures'))
    )
    with op.batch_alter_table('forum_invite_failures', schema=None) as batch_op:
        batch_op.create_index('ix_forum_invite_failures_user_at', ['user_id', 'at'], unique=False)

    op.create_table('forum_mutes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=True),
    sa.Column('until', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('lifted_at', resilience_app.models.base.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['moderator_id'], ['users.id'], name=op.f('fk_forum_mutes_moderator_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_mutes_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_mutes'))
    )
    with op.batch_alter_table('forum_mutes', schema=None) as batch_op:
        batch_op.create_index('ix_forum_mutes_user_until', ['user_id', 'until'], unique=False)

    op.create_table('forum_memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=8), nullable=False),
    sa.Column('joined_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['forum_groups.id'], name=op.f('fk_forum_memberships_group_id_forum_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_memberships_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_memberships')),
    sa.UniqueConstraint('group_id', 'user_id', name='uq_forum_memberships_group_user')
    )
    with op.batch_alter_table('forum_memberships', schema=None) as batch_op:
        batch_op.create_index('ix_forum_memberships_user', ['user_id'], unique=False)

    op.create_table('forum_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('title', sa.String(length=60), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('case_fields', sa.JSON(), nullable=False),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('alias', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('crisis', sa.Boolean(), nullable=False),
    sa.Column('in_review_since', resilience_app.models.base.UTCDateTime(), nullable=True),
    sa.Column('understand_count', sa.Integer(), nullable=False),
    sa.Column('hug_count', sa.Integer(), nullable=False),
    sa.Column('helpful_count', sa.Integer(), nullable=False),
    sa.Column('support_count', sa.Integer(), nullable=False),
    sa.Column('reply_count', sa.Integer(), nullable=False),
    sa.Column('created_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('updated_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('edited_at', resilience_app.models.base.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_forum_posts_author_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['forum_groups.id'], name=op.f('fk_forum_posts_group_id_forum_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_posts')),
    sa.UniqueConstraint('public_id', name=op.f('uq_forum_posts_public_id'))
    )
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.create_index('ix_forum_posts_author_created', ['author_id', 'created_at'], unique=False)
        batch_op.create_index('ix_forum_posts_feed_newest', ['group_id', 'status', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_forum_posts_feed_supported', ['group_id', 'status', 'support_count', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_forum_posts_in_review', ['in_review_since'], unique=False)

    op.create_table('forum_replies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('alias', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('crisis', sa.Boolean(), nullable=False),
    sa.Column('in_review_since', resilience_app.models.base.UTCDateTime(), nullable=True),
    sa.Column('understand_count', sa.Integer(), nullable=False),
    sa.Column('hug_count', sa.Integer(), nullable=False),
    sa.Column('helpful_count', sa.Integer(), nullable=False),
    sa.Column('support_count', sa.Integer(), nullable=False),
    sa.Column('created_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('updated_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('edited_at', resilience_app.models.base.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_forum_replies_author_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_replies_post_id_forum_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_replies')),
    sa.UniqueConstraint('public_id', name=op.f('uq_forum_replies_public_id'))
    )
    with op.batch_alter_table('forum_replies', schema=None) as batch_op:
        batch_op.create_index('ix_forum_replies_author_created', ['author_id', 'created_at'], unique=False)
        batch_op.create_index('ix_forum_replies_in_review', ['in_review_since'], unique=False)
        batch_op.create_index('ix_forum_replies_post_created', ['post_id', 'created_at', 'id'], unique=False)

    op.create_table('forum_moderation_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('reply_id', sa.Integer(), nullable=True),
    sa.Column('target_user_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('detail', sa.String(length=80), nullable=False),
    sa.Column('at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['moderator_id'], ['users.id'], name=op.f('fk_forum_moderation_log_moderator_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_moderation_log_post_id_forum_posts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reply_id'], ['forum_replies.id'], name=op.f('fk_forum_moderation_log_reply_id_forum_replies'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['target_user_id'], ['users.id'], name=op.f('fk_forum_moderation_log_target_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_moderation_log'))
    )
    with op.batch_alter_table('forum_moderation_log', schema=None) as batch_op:
        batch_op.create_index('ix_forum_moderation_log_at', ['at'], unique=False)

    op.create_table('forum_reactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('reply_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('created_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.CheckConstraint('(post_id IS NULL) <> (reply_id IS NULL)', name=op.f('ck_forum_reactions_one_target')),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_reactions_post_id_forum_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reply_id'], ['forum_replies.id'], name=op.f('fk_forum_reactions_reply_id_forum_replies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_reactions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_reactions')),
    sa.UniqueConstraint('user_id', 'post_id', 'kind', name='uq_forum_reactions_user_post_kind'),
    sa.UniqueConstraint('user_id', 'reply_id', 'kind', name='uq_forum_reactions_user_reply_kind')
    )
    op.create_table('forum_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('reply_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('created_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('resolved_at', resilience_app.models.base.UTCDateTime(), nullable=True),
    sa.CheckConstraint('(post_id IS NULL) <> (reply_id IS NULL)', name=op.f('ck_forum_reports_one_target')),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_reports_post_id_forum_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reply_id'], ['forum_replies.id'], name=op.f('fk_forum_reports_reply_id_forum_replies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_forum_reports_reporter_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_reports')),
    sa.UniqueConstraint('reporter_id', 'post_id', name='uq_forum_reports_reporter_post'),
    sa.UniqueConstraint('reporter_id', 'reply_id', name='uq_forum_reports_reporter_reply')
    )
    with op.batch_alter_table('forum_reports', schema=None) as batch_op:
        batch_op.create_index('ix_forum_reports_post', ['post_id'], unique=False)
        batch_op.create_index('ix_forum_reports_reply', ['reply_id'], unique=False)
        batch_op.create_index('ix_forum_reports_reporter_created', ['reporter_id', 'created_at'], unique=False)

    op.create_table('forum_warnings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=True),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('reply_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', resilience_app.models.base.UTCDateTime(), nullable=False),
    sa.Column('acknowledged_at', resilience_app.models.base.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['moderator_id'], ['users.id'], name=op.f('fk_forum_warnings_moderator_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_warnings_post_id_forum_posts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reply_id'], ['forum_replies.id'], name=op.f('fk_forum_warnings_reply_id_forum_replies'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_warnings_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_warnings')),
    sa.UniqueConstraint('public_id', name=op.f('uq_forum_warnings_public_id'))
    )
    with op.batch_alter_table('forum_warnings', schema=None) as batch_op:
        batch_op.create_index('ix_forum_warnings_user_acknowledged', ['user_id', 'acknowledged_at'], unique=False)

    groups = sa.table(
        'forum_groups', sa.column('public_id', sa.String), sa.column('kind', sa.String), sa.column('name', sa.String),
        sa.column('position', sa.Integer), sa.column('created_at', sa.DateTime), sa.column('updated_at', sa.DateTime),
    )
    now = clock.now().replace(tzinfo=None)  # UTCDateTime stores naive UTC
    op.bulk_insert(groups, [
        {'public_id': slug, 'kind': 'public', 'name': name, 'position': position, 'created_at': now, 'updated_at': now}
        for position, (slug, name) in enumerate(PUBLIC_GROUPS)
    ])


def downgrade() -> None:
    with op.batch_alter_table('forum_warnings', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_warnings_user_acknowledged')

    op.drop_table('forum_warnings')
    with op.batch_alter_table('forum_reports', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_reports_reporter_created')
        batch_op.drop_index('ix_forum_reports_reply')
        batch_op.drop_index('ix_forum_reports_post')

    op.drop_table('forum_reports')
    op.drop_table('forum_reactions')
    with op.batch_alter_table('forum_moderation_log', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_moderation_log_at')

    op.drop_table('forum_moderation_log')
    with op.batch_alter_table('forum_replies', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_replies_post_created')
        batch_op.drop_index('ix_forum_replies_in_review')
        batch_op.drop_index('ix_forum_replies_author_created')

    op.drop_table('forum_replies')
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_posts_in_review')
        batch_op.drop_index('ix_forum_posts_feed_supported')
        batch_op.drop_index('ix_forum_posts_feed_newest')
        batch_op.drop_index('ix_forum_posts_author_created')

    op.drop_table('forum_posts')
    with op.batch_alter_table('forum_memberships', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_memberships_user')

    op.drop_table('forum_memberships')
    with op.batch_alter_table('forum_mutes', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_mutes_user_until')

    op.drop_table('forum_mutes')
    with op.batch_alter_table('forum_invite_failures', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_invite_failures_user_at')

    op.drop_table('forum_invite_failures')
    op.drop_table('forum_groups')

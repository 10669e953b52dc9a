"""forum pseudonyms unique per thread: forum_aliases, duplicates from the reply race renumbered

Two people replying anonymously at the same moment could both become 匿名同行 #2. Each
anonymous replier's number now lives once in forum_aliases, unique per thread both ways. A thread
that already holds a shared number keeps it for whoever used it first; each later one gets the
next free number, on every one of their replies in that thread.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

posts = sa.table('forum_posts', sa.column('id', sa.Integer), sa.column('author_id', sa.Integer),
                 sa.column('anonymous', sa.Boolean))
replies = sa.table('forum_replies', sa.column('id', sa.Integer), sa.column('post_id', sa.Integer),
                   sa.column('author_id', sa.Integer), sa.column('anonymous', sa.Boolean),
                   sa.column('alias', sa.Integer), sa.column('created_at', sa.DateTime))


def upgrade() -> None:
    aliases = op.create_table('forum_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_aliases_post_id_forum_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_aliases_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_aliases')),
    sa.UniqueConstraint('post_id', 'alias', name='uq_forum_aliases_post_alias'),
    sa.UniqueConstraint('post_id', 'user_id', name='uq_forum_aliases_post_user')
    )
    with op.batch_alter_table('forum_aliases', schema=None) as batch_op:
        batch_op.create_index('ix_forum_aliases_user', ['user_id'], unique=False)

    claims = _claims(op.get_bind())
    for claim in claims:
        if claim.pop('renumber'):
            op.execute(
                replies.update()
                .where(replies.c.post_id == claim['post_id'], replies.c.author_id == claim['user_id'],
                       replies.c.anonymous == sa.true())
                .values(alias=claim['alias'])
            )
    if claims:
        op.bulk_insert(aliases, claims)


def _claims(connection) -> list[dict]:
    """One number per anonymous replier per thread, in order of first appearance: the number of
    their first anonymous reply when nobody used it before them, else the next one above all kept."""
    anonymous_posts = dict(connection.execute(
        sa.select(posts.c.id, posts.c.author_id).where(posts.c.anonymous == sa.true())
    ).all())
    rows = connection.execute(
        sa.select(replies.c.post_id, replies.c.author_id, replies.c.alias).where(replies.c.anonymous == sa.true())
        .order_by(replies.c.post_id, replies.c.created_at, replies.c.id)
    ).all()
    threads: dict[int, dict[int, list[int]]] = {}  # post -> author -> their aliases, oldest first
    for post_id, author_id, alias in rows:
        if anonymous_posts.get(post_id) != author_id:  # the anonymous author of the post is #1 by rule
            threads.setdefault(post_id, {}).setdefault(author_id, []).append(alias)
    claims = []
    for post_id, authors in threads.items():
        lowest = 2 if post_id in anonymous_posts else 1
        kept: dict[int, int] = {}
        for author_id, used in authors.items():
            if used[0] >= lowest and used[0] not in kept.values():
                kept[author_id] = used[0]
        next_free = max([lowest - 1, *kept.values()]) + 1
        for author_id, used in authors.items():
            if author_id not in kept:
                kept[author_id], next_free = next_free, next_free + 1
            claims.append({'post_id': post_id, 'user_id': author_id, 'alias': kept[author_id],
                           'renumber': set(used) != {kept[author_id]}})
    return claims


def downgrade() -> None:
    with op.batch_alter_table('forum_aliases', schema=None) as batch_op:
        batch_op.drop_index('ix_forum_aliases_user')

    op.drop_table('forum_aliases')

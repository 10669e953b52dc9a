"""What a viewer receives for a post or reply (PostView, ReplyView): the one place rows become plain data
for the page.

Anonymity lives here. For an anonymous item the view carries only its per-thread number
(`alias`): no name, no user id, no public id, nothing ordered by author. Reactions are counts
plus the viewer's own kinds, never a list of who reacted. Text is plain text; the UI shows it
as text, never as HTML. What the page may offer (edit, delete, react, report, reply) is the
viewer's Guardian's answer, the same one the services act on.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.contracts.forum import CASE_FIELDS, REACTION
from resilience_app.models import ForumGroup, ForumPost, ForumReaction, ForumReply, User
from resilience_app.services.forum import groups
from resilience_app.services.forum.permissions import Guardian


@dataclasses.dataclass(frozen=True, kw_only=True)
class ItemView:
    """What a viewer receives for any post or reply."""

    id: str
    anonymous: bool
    alias: int  # an anonymous item's per-thread number (#1 is the thread's anonymous author); 0 when named
    author: str  # the shown name of a named item the viewer may read; "" otherwise
    gone: bool  # the author deleted their account and left this behind: 已注销的同行, linked to nothing
    mine: bool
    status: str
    crisis: bool  # only the author is reminded of the help card; peers never see a crisis flag
    created_at: datetime  # UTC
    edited: bool
    body: str  # "" when the viewer may not read it
    reactions: dict[str, int]  # kind -> count, every kind in REACTION's order
    support_count: int
    my_reactions: tuple[str, ...]  # the kinds the viewer gave, in REACTION's order
    can_edit: bool
    can_delete: bool
    can_react: bool
    can_report: bool


@dataclasses.dataclass(frozen=True, kw_only=True)
class PostView(ItemView):
    group_id: str
    group_name: str  # in the viewer's language
    kind: str
    title: str  # "" when the viewer may not read it
    case: dict[str, str]  # a case's five fields by name ("" each when unreadable); {} for other kinds
    reply_count: int
    can_reply: bool


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReplyView(ItemView):
    post_id: str  # the thread's post


def shown_name(user: User) -> str:
    return user.display_name or user.username


def _names(session: Session, rows: list[ForumPost] | list[ForumReply]) -> dict[int, str]:
    """Names of the authors of the named items only: an anonymous author's row is never read."""
    ids = {row.author_id for row in rows if not row.anonymous and row.author_id is not None}
    if not ids:
        return {}
    return {user.id: shown_name(user) for user in session.scalars(select(User).where(User.id.in_(ids)))}


def _my_reactions(session: Session, viewer_id: int, column, row_ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not row_ids:
        return {}
    given: dict[int, set[str]] = {}
    for target, kind in session.execute(
        select(column, ForumReaction.kind).where(ForumReaction.user_id == viewer_id, column.in_(row_ids))
    ):
        given.setdefault(target, set()).add(kind)
    return {target: tuple(kind for kind in REACTION.values if kind in kinds) for target, kinds in given.items()}


def reaction_counts(row: ForumPost | ForumReply) -> dict[str, int]:
    return {"understand": row.understand_count, "hug": row.hug_count, "helpful": row.helpful_count}


def _common(row: ForumPost | ForumReply, thread: ForumPost, guardian: Guardian, names: dict[int, str],
            mine_kinds: tuple[str, ...]) -> dict[str, object]:
    """The ItemView fields, for PostView or ReplyView to complete."""
    mine = guardian.is_author(row)
    shown = guardian.can_read(row, thread)
    return {
        "id": row.public_id,
        "anonymous": row.anonymous,
        "alias": row.alias if row.anonymous else 0,
        "author": names.get(row.author_id, "") if shown and not row.anonymous else "",
        "gone": row.author_id is None,
        "mine": mine,
        "status": row.status,
        "crisis": row.crisis if mine else False,
        "created_at": row.created_at.astimezone(UTC),
        "edited": row.edited_at is not None,
        "body": row.body if shown else "",
        "reactions": reaction_counts(row),
        "support_count": row.support_count,
        "my_reactions": mine_kinds,
        "can_edit": guardian.can_edit(row, thread),
        "can_delete": guardian.can_delete(row),
        "can_react": guardian.can_react(row, thread),
        "can_report": guardian.can_report(row, thread),
    }


def _case(row: ForumPost, shown: bool) -> dict[str, str]:
    if row.kind != "case":
        return {}
    return {name: (row.case_fields or {}).get(name, "") if shown else "" for name in CASE_FIELDS}


def post_views(session: Session, guardian: Guardian, posts: list[ForumPost]) -> list[PostView]:
    names = _names(session, posts)
    given = _my_reactions(session, guardian.id, ForumReaction.post_id, [row.id for row in posts])
    by_id: dict[int, ForumGroup] = groups.groups_by_row_id(session, {row.group_id for row in posts})
    views = []
    for row in posts:
        shown = guardian.can_read(row)
        group = by_id[row.group_id]
        views.append(PostView(
            **_common(row, row, guardian, names, given.get(row.id, ())),
            group_id=group.public_id,
            group_name=groups.group_name(group, guardian.language),
            kind=row.kind,
            title=row.title if shown else "",
            case=_case(row, shown),
            reply_count=row.reply_count,
            can_reply=guardian.can_reply(row),
        ))
    return views


def reply_views(session: Session, guardian: Guardian, post: ForumPost, replies: list[ForumReply]) -> list[ReplyView]:
    names = _names(session, replies)
    given = _my_reactions(session, guardian.id, ForumReaction.reply_id, [row.id for row in replies])
    return [
        ReplyView(**_common(row, post, guardian, names, given.get(row.id, ())), post_id=post.public_id)
        for row in replies
    ]

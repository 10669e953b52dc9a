"""What a viewer receives for a post or reply: the one place rows become plain data for the page.

Anonymity lives here. For an anonymous item the view carries only its per-thread number
(`alias`): no name, no user id, no public id, nothing ordered by author. Reactions are counts
plus the viewer's own kinds, never a list of who reacted. Text is plain text; the UI shows it
as text, never as HTML. What the page may offer (edit, delete, react, report, reply) is the
viewer's Guardian's answer, the same one the services act on.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.contracts.forum import CASE_FIELDS, REACTION
from resilience_app.core import localtime
from resilience_app.models import ForumGroup, ForumPost, ForumReaction, ForumReply, User
from resilience_app.services.forum import groups
from resilience_app.services.forum.permissions import Guardian


def shown_name(user: User) -> str:
    return user.display_name or user.username


def _names(session: Session, rows: list[ForumPost] | list[ForumReply]) -> dict[int, str]:
    """Names of the authors of the named items only: an anonymous author's row is never read."""
    ids = {row.author_id for row in rows if not row.anonymous and row.author_id is not None}
    if not ids:
        return {}
    return {user.id: shown_name(user) for user in session.scalars(select(User).where(User.id.in_(ids)))}


def _my_reactions(session: Session, viewer_id: int, column, row_ids: list[int]) -> dict[int, list[str]]:
    if not row_ids:
        return {}
    given: dict[int, set[str]] = {}
    for target, kind in session.execute(
        select(column, ForumReaction.kind).where(ForumReaction.user_id == viewer_id, column.in_(row_ids))
    ):
        given.setdefault(target, set()).add(kind)
    return {target: [kind for kind in REACTION.values if kind in kinds] for target, kinds in given.items()}


def reaction_counts(row: ForumPost | ForumReply) -> dict[str, int]:
    return {"understand": row.understand_count, "hug": row.hug_count, "helpful": row.helpful_count}


def _common(row: ForumPost | ForumReply, thread: ForumPost, guardian: Guardian, names: dict[int, str],
            mine_kinds: list[str]) -> dict[str, Any]:
    mine = guardian.is_author(row)
    shown = guardian.can_read(row, thread)
    return {
        "id": row.public_id,
        "anonymous": row.anonymous,
        "alias": row.alias if row.anonymous else 0,
        "author": names.get(row.author_id, "") if shown and not row.anonymous else "",
        # The author deleted their account and left this behind: 已注销的同行, linked to nothing.
        "gone": row.author_id is None,
        "mine": mine,
        "status": row.status,
        # Only the author is reminded of the help card; peers never see a crisis flag.
        "crisis": row.crisis if mine else False,
        "created_at": localtime.to_local(row.created_at, guardian.time_zone).isoformat(timespec="seconds"),
        "edited": row.edited_at is not None,
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


def post_views(session: Session, guardian: Guardian, posts: list[ForumPost]) -> list[dict[str, Any]]:
    names = _names(session, posts)
    given = _my_reactions(session, guardian.id, ForumReaction.post_id, [row.id for row in posts])
    by_id: dict[int, ForumGroup] = groups.groups_by_row_id(session, {row.group_id for row in posts})
    views = []
    for row in posts:
        view = _common(row, row, guardian, names, given.get(row.id, []))
        shown = guardian.can_read(row)
        group = by_id[row.group_id]
        view.update({
            "group_id": group.public_id,
            "group_name": groups.group_name(group, guardian.language),
            "kind": row.kind,
            "title": row.title if shown else "",
            "body": row.body if shown else "",
            "case": _case(row, shown),
            "reply_count": row.reply_count,
            "can_reply": guardian.can_reply(row),
        })
        views.append(view)
    return views


def reply_views(session: Session, guardian: Guardian, post: ForumPost, replies: list[ForumReply]) -> list[dict[str, Any]]:
    names = _names(session, replies)
    given = _my_reactions(session, guardian.id, ForumReaction.reply_id, [row.id for row in replies])
    views = []
    for row in replies:
        view = _common(row, post, guardian, names, given.get(row.id, []))
        view.update({
            "post_id": post.public_id,
            "body": row.body if guardian.can_read(row, post) else "",
        })
        views.append(view)
    return views

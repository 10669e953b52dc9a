"""What a viewer receives for a post or reply: the one place rows become plain data for the page.

Anonymity lives here. For an anonymous item the view carries only its per-thread number
(`alias`): no name, no user id, no public id, nothing ordered by author. Reactions are counts
plus the viewer's own kinds, never a list of who reacted. Text is plain text; the UI shows it
as text, never as HTML.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.core import localtime
from resilience_app.core.errors import UserError
from resilience_app.models import ForumGroup, ForumPost, ForumReaction, ForumReply, User
from resilience_app.services import forum_groups

KINDS = ("case", "vent", "tip", "question")
# The 复盘 template: what happened, what the customer said, what I did, what worked, what I'd do differently.
CASE_FIELDS = ("happened", "customer_said", "i_did", "worked", "next_time")
REACTIONS = ("understand", "hug", "helpful")  # 我懂你, 抱抱, 有用
STATUSES = ("visible", "hidden", "deleted", "removed")


@dataclasses.dataclass(frozen=True)
class Viewer:
    id: int
    language: str
    time_zone: str


def viewer(session: Session, user_id: int) -> Viewer:
    user = session.get(User, user_id)
    if user is None:
        raise UserError("error.session_expired")
    return Viewer(user.id, user.language, user.time_zone)


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
    return {target: [kind for kind in REACTIONS if kind in kinds] for target, kinds in given.items()}


def reaction_counts(row: ForumPost | ForumReply) -> dict[str, int]:
    return {"understand": row.understand_count, "hug": row.hug_count, "helpful": row.helpful_count}


def _shows_text(row: ForumPost | ForumReply, mine: bool) -> bool:
    """Others read only visible items; authors also read their own hidden or removed ones."""
    return row.status == "visible" or (mine and row.status != "deleted")


def _common(row: ForumPost | ForumReply, viewer: Viewer, names: dict[int, str], mine_kinds: list[str]) -> dict[str, Any]:
    mine = row.author_id == viewer.id
    shown = _shows_text(row, mine)
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
        "created_at": localtime.to_local(row.created_at, viewer.time_zone).isoformat(timespec="seconds"),
        "edited": row.edited_at is not None,
        "reactions": reaction_counts(row),
        "support_count": row.support_count,
        "my_reactions": mine_kinds,
        "can_edit": mine and row.status in ("visible", "hidden"),
    }


def post_views(session: Session, viewer: Viewer, posts: list[ForumPost]) -> list[dict[str, Any]]:
    names = _names(session, posts)
    given = _my_reactions(session, viewer.id, ForumReaction.post_id, [row.id for row in posts])
    groups: dict[int, ForumGroup] = forum_groups.groups_by_row_id(session, {row.group_id for row in posts})
    views = []
    for row in posts:
        view = _common(row, viewer, names, given.get(row.id, []))
        shown = _shows_text(row, view["mine"])
        group = groups[row.group_id]
        view.update({
            "group_id": group.public_id,
            "group_name": forum_groups.group_name(group, viewer.language),
            "kind": row.kind,
            "title": row.title if shown else "",
            "body": row.body if shown else "",
            "case": ({name: (row.case_fields or {}).get(name, "") if shown else "" for name in CASE_FIELDS}
                     if row.kind == "case" else {}),
            "reply_count": row.reply_count,
        })
        views.append(view)
    return views


def reply_views(session: Session, viewer: Viewer, post: ForumPost, replies: list[ForumReply]) -> list[dict[str, Any]]:
    names = _names(session, replies)
    given = _my_reactions(session, viewer.id, ForumReaction.reply_id, [row.id for row in replies])
    views = []
    for row in replies:
        view = _common(row, viewer, names, given.get(row.id, []))
        view.update({
            "post_id": post.public_id,
            "body": row.body if _shows_text(row, view["mine"]) else "",
        })
        views.append(view)
    return views

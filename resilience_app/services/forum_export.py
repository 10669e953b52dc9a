"""The forum in the user's export (docs/export-format.md, sections "posts" and "replies").

Restore is idempotent by id and never reaches past what the user may do today: items go back only
into groups the user belongs to on this server (so "groups" is restored first), every text is
checked again by safety.check, an id belonging to someone else is skipped, and moderators'
decisions stand (hidden or removed items are neither re-created nor rewritten).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.core import clock, localtime
from resilience_app.core.errors import UserError
from resilience_app.models import ForumGroup, ForumPost, ForumReply, User
from resilience_app.services import forum, forum_groups
from resilience_app.services.forum_views import CASE_FIELDS, KINDS, STATUSES


def _zone(session: Session, user_id: int) -> str:
    return session.get(User, user_id).time_zone


def _iso(instant, zone: str) -> str:
    return localtime.to_local(instant, zone).isoformat(timespec="seconds")


def export_posts(session: Session, user_id: int) -> list[dict[str, Any]]:
    zone = _zone(session, user_id)
    rows = session.execute(
        select(ForumPost, ForumGroup.public_id).join(ForumGroup, ForumGroup.id == ForumPost.group_id)
        .where(ForumPost.author_id == user_id).order_by(ForumPost.created_at, ForumPost.id)
    ).all()
    return [
        {
            "id": post.public_id, "group": group_id, "kind": post.kind, "title": post.title, "body": post.body,
            "case": {name: (post.case_fields or {}).get(name, "") for name in CASE_FIELDS} if post.kind == "case" else {},
            "anonymous": post.anonymous, "status": post.status,
            "created_at": _iso(post.created_at, zone), "updated_at": _iso(post.updated_at, zone),
        }
        for post, group_id in rows
    ]


def export_replies(session: Session, user_id: int) -> list[dict[str, Any]]:
    zone = _zone(session, user_id)
    rows = session.execute(
        select(ForumReply, ForumPost.public_id).join(ForumPost, ForumPost.id == ForumReply.post_id)
        .where(ForumReply.author_id == user_id).order_by(ForumReply.created_at, ForumReply.id)
    ).all()
    return [
        {
            "id": row.public_id, "post": post_id, "body": row.body, "anonymous": row.anonymous, "status": row.status,
            "created_at": _iso(row.created_at, zone), "updated_at": _iso(row.updated_at, zone),
        }
        for row, post_id in rows
    ]


def _checked_common(item: Any, section: str) -> dict[str, Any]:
    bad = UserError("error.import_bad_section", section=section)
    if not isinstance(item, dict) or not forum.is_public_id(item.get("id")) or item.get("status", "visible") not in STATUSES:
        raise bad
    if not isinstance(item.get("anonymous", False), bool) or not isinstance(item.get("body", ""), str):
        raise bad
    created = min(localtime.parse_instant(item.get("created_at")), clock.now())  # no posts pinned in the future
    return {"id": item["id"], "status": item.get("status", "visible"), "anonymous": item.get("anonymous", False),
            "created_at": created}


def _checked_post(item: Any) -> dict[str, Any]:
    bad = UserError("error.import_bad_section", section="posts")
    common = _checked_common(item, "posts")
    case = item.get("case") or {}
    if item.get("kind") not in KINDS or not isinstance(item.get("group"), str) or not isinstance(case, dict):
        raise bad
    if not isinstance(item.get("title", ""), str) or not all(isinstance(v, str) for v in case.values()):
        raise bad
    if common["status"] == "deleted":
        return {**common, "group": item["group"], "kind": item["kind"], "text": None}
    return {**common, "group": item["group"], "kind": item["kind"],
            "text": forum.check_post(item["kind"], item.get("title", ""), item.get("body", ""), case)}


def _write(session: Session, row: ForumPost | ForumReply, text: forum.Checked | None, now) -> None:
    """A `deleted` entry erases the stored words; any other overwrites them with the checked text."""
    if text is None:
        forum.erase(session, row, "deleted")
    else:
        forum.store_checked(row, text, now=now)


def restore_posts(session: Session, user_id: int, items: Any) -> None:
    if not isinstance(items, list):
        raise UserError("error.import_bad_section", section="posts")
    checked = [_checked_post(item) for item in items]  # everything is checked before anything is written
    now = clock.now()
    for entry in checked:
        group = session.scalar(select(ForumGroup).where(ForumGroup.public_id == entry["group"]))
        if group is None or not forum_groups.is_member(session, user_id=user_id, group_row_id=group.id):
            continue
        post = session.scalar(select(ForumPost).where(ForumPost.public_id == entry["id"]))
        if post is None:
            if entry["status"] != "visible":
                continue
            post = ForumPost(public_id=entry["id"], group_id=group.id, author_id=user_id, kind=entry["kind"],
                             anonymous=entry["anonymous"], alias=1 if entry["anonymous"] else 0,
                             created_at=entry["created_at"])
            session.add(post)
        elif post.author_id != user_id or post.status != "visible" or post.group_id != group.id:
            continue
        _write(session, post, entry["text"], now)
    session.flush()


def _checked_reply(item: Any) -> dict[str, Any]:
    common = _checked_common(item, "replies")
    if not forum.is_public_id(item.get("post")):
        raise UserError("error.import_bad_section", section="replies")
    text = None if common["status"] == "deleted" else forum.check_reply(item.get("body", ""))
    return {**common, "post": item["post"], "text": text}


def restore_replies(session: Session, user_id: int, items: Any) -> None:
    if not isinstance(items, list):
        raise UserError("error.import_bad_section", section="replies")
    checked = [_checked_reply(item) for item in items]
    now = clock.now()
    for entry in checked:
        post = session.scalar(select(ForumPost).where(ForumPost.public_id == entry["post"]))
        if post is None or not forum_groups.is_member(session, user_id=user_id, group_row_id=post.group_id):
            continue
        row = session.scalar(select(ForumReply).where(ForumReply.public_id == entry["id"]))
        if row is None:
            if entry["status"] != "visible":
                continue
            row = ForumReply(public_id=entry["id"], post_id=post.id, author_id=user_id, anonymous=entry["anonymous"],
                             alias=forum.reply_alias(session, post, user_id) if entry["anonymous"] else 0,
                             created_at=entry["created_at"])
            session.add(row)
            post.reply_count += 1
        elif row.author_id != user_id or row.status != "visible" or row.post_id != post.id:
            continue
        _write(session, row, entry["text"], now)
        session.flush()  # the next anonymous reply's alias counts this one

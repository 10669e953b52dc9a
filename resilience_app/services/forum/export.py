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

from resilience_app.contracts.forum import CASE_FIELDS, KIND, STATUS
from resilience_app.core import clock, localtime
from resilience_app.core.errors import UserError
from resilience_app.models import ForumGroup, ForumPost, ForumReply, User
from resilience_app.services import import_fields
from resilience_app.services.forum import groups, posts
from resilience_app.services.forum.permissions import guardian_for


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


def _read_common(entry: import_fields.Entry) -> dict[str, Any]:
    public_id, created = entry.public_id(), entry.instant("created_at")
    entry.instant("updated_at", None, nullable=True)  # not restored: a restored item counts as written at created_at
    return {"id": public_id, "status": entry.choice("status", STATUS.values, "visible"),
            "anonymous": entry.flag("anonymous", False),
            "created_at": min(created, clock.now())}  # no posts pinned in the future


def _read_post(entry: import_fields.Entry) -> dict[str, Any]:
    common, kind, group = _read_common(entry), entry.choice("kind", KIND.values), entry.text("group")
    if not groups.is_group_id(group):
        raise entry.bad("group", group, UserError("import.expect_group"))
    title, body, case = entry.text("title", ""), entry.text("body", ""), entry.raw("case", {})
    if not isinstance(case, dict) or not all(import_fields.is_text(value) for value in case.values()):
        raise entry.bad("case", case, UserError("import.expect_case", fields=", ".join(CASE_FIELDS)))
    text = None if common["status"] == "deleted" else posts.check_post(kind, title, body, case)
    return {**common, "group": group, "kind": kind, "text": text}


def _write(session: Session, row: ForumPost | ForumReply, text: posts.Checked | None, now) -> None:
    """A `deleted` entry erases the stored words; any other overwrites them with the checked text."""
    if text is None:
        posts.erase(session, row, "deleted")
    else:
        posts.store_checked(row, text, now=now)


def restore_posts(session: Session, user_id: int, items: Any) -> None:
    checked = import_fields.read_section("posts", items, _read_post)  # all checked before anything is written
    guardian = guardian_for(session, user_id)
    now = clock.now()
    for entry in checked:
        group = session.scalar(select(ForumGroup).where(ForumGroup.public_id == entry["group"]))
        if group is None or not guardian.can_read_group(group):
            continue
        post = session.scalar(select(ForumPost).where(ForumPost.public_id == entry["id"]))
        if post is None:
            if entry["status"] != "visible":
                continue
            post = ForumPost(public_id=entry["id"], group_id=group.id, author_id=user_id, kind=entry["kind"],
                             anonymous=entry["anonymous"], alias=1 if entry["anonymous"] else 0,
                             created_at=entry["created_at"])
            session.add(post)
        elif not guardian.is_author(post) or post.status != "visible" or post.group_id != group.id:
            continue
        _write(session, post, entry["text"], now)
    session.flush()


def _read_reply(entry: import_fields.Entry) -> dict[str, Any]:
    common, post, body = _read_common(entry), entry.public_id("post"), entry.text("body", "")
    text = None if common["status"] == "deleted" else posts.check_reply(body)
    return {**common, "post": post, "text": text}


def restore_replies(session: Session, user_id: int, items: Any) -> None:
    checked = import_fields.read_section("replies", items, _read_reply)
    guardian = guardian_for(session, user_id)
    now = clock.now()
    for entry in checked:
        post = session.scalar(select(ForumPost).where(ForumPost.public_id == entry["post"]))
        if post is None or not guardian.can_open(post):
            continue
        row = session.scalar(select(ForumReply).where(ForumReply.public_id == entry["id"]))
        if row is None:
            if entry["status"] != "visible":
                continue
            row = ForumReply(public_id=entry["id"], post_id=post.id, author_id=user_id, anonymous=entry["anonymous"],
                             alias=posts.reply_alias(session, post, user_id) if entry["anonymous"] else 0,
                             created_at=entry["created_at"])
            session.add(row)
            post.reply_count += 1
        elif not guardian.is_author(row) or row.status != "visible" or row.post_id != post.id:
            continue
        _write(session, row, entry["text"], now)
        session.flush()  # the next anonymous reply's alias counts this one

"""The forum's feeds: a group's posts or all of one's groups', newest or most supported first,
PAGE_SIZE at a time with keyset cursors, and one's own posts.

Each page is read straight off the composite indexes on forum_posts (group, status, created_at,
id) and (group, status, support_count, created_at, id), so the first page of a group with
100,000 posts costs the same as one with ten. Views come from views.py, like everywhere else.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from sqlalchemy import literal, select, tuple_
from sqlalchemy.orm import Session

from resilience_app.contracts.forum import SORT
from resilience_app.models import ForumPost
from resilience_app.models.base import UTCDateTime
from resilience_app.services.forum import groups
from resilience_app.services.forum.permissions import guardian_for
from resilience_app.services.forum.views import PostView, post_views

PAGE_SIZE = 20
SORTS = SORT.values
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)


@dataclasses.dataclass(frozen=True)
class FeedPage:
    items: tuple[PostView, ...]
    next_cursor: str | None  # pass it back for the next page; None on the last one


def _micros(instant: datetime) -> int:
    return (instant - _EPOCH) // _MICRO


def _cursor(row: ForumPost, sort: str) -> str:
    """An opaque position after which the next page starts."""
    if sort == "supported":
        return f"s.{row.support_count}.{_micros(row.created_at)}.{row.id}"
    return f"n.{_micros(row.created_at)}.{row.id}"


def _read_cursor(cursor: str | None, sort: str) -> tuple | None:
    """(support?, created_at, id) from a cursor of this sort; None (the first page) when unreadable."""
    parts = (cursor or "").split(".")
    expected = ("s", 4) if sort == "supported" else ("n", 3)
    if (parts[0], len(parts)) != expected or not all(p.lstrip("-").isdecimal() for p in parts[1:]):
        return None
    numbers = [int(p) for p in parts[1:]]
    try:
        numbers[-2] = _EPOCH + numbers[-2] * _MICRO
    except OverflowError:
        return None
    return tuple(numbers)


def _page(session: Session, query, sort: str, cursor: str | None, limit: int = PAGE_SIZE + 1) -> list[ForumPost]:
    """One keyset page (one extra row tells whether there is a next page), straight off the feed indexes."""
    columns = [ForumPost.created_at, ForumPost.id]
    if sort == "supported":
        columns.insert(0, ForumPost.support_count)
    if (after := _read_cursor(cursor, sort)) is not None:
        bound = [literal(value, UTCDateTime()) if isinstance(value, datetime) else literal(value) for value in after]
        query = query.where(tuple_(*columns) < tuple_(*bound))
    return list(session.scalars(query.order_by(*(column.desc() for column in columns)).limit(limit)))


def _sort_key(row: ForumPost, sort: str) -> tuple:
    return (row.support_count, row.created_at, row.id) if sort == "supported" else (row.created_at, row.id)


def _paged(session: Session, me, rows: list[ForumPost], sort: str) -> FeedPage:
    page = rows[:PAGE_SIZE]
    next_cursor = _cursor(page[-1], sort) if len(rows) > PAGE_SIZE else None
    return FeedPage(tuple(post_views(session, me, page)), next_cursor)


def feed(
    session: Session, *, user_id: int, group_id: str | None = None, sort: str = "newest", cursor: str | None = None,
) -> FeedPage:
    """Visible posts of one group (group_id) or of all the user's groups (None), PAGE_SIZE at a time.

    sort: "newest" or "supported" (most reactions, then newest). Pass the page's next_cursor back for
    the next page.
    """
    SORT.check(sort)
    me = guardian_for(session, user_id)
    group_ids = [groups.group_to_read(session, me, group_id).id] if group_id is not None else list(me.groups)
    rows: list[ForumPost] = []
    # Each group's page comes off its own index range, so the home feed stays fast however big
    # the other groups are; the merged pages give the first PAGE_SIZE + 1 overall.
    for group_row_id in group_ids:
        query = select(ForumPost).where(ForumPost.group_id == group_row_id, ForumPost.status == "visible")
        rows += _page(session, query, sort, cursor)
    rows.sort(key=lambda row: _sort_key(row, sort), reverse=True)
    return _paged(session, me, rows[:PAGE_SIZE + 1], sort)


def my_posts(session: Session, *, user_id: int, cursor: str | None = None) -> FeedPage:
    """The user's own posts, newest first (hidden and removed ones too, with their status)."""
    me = guardian_for(session, user_id)
    query = select(ForumPost).where(ForumPost.author_id == user_id, ForumPost.status != "deleted")
    rows = _page(session, query, "newest", cursor)
    return _paged(session, me, rows, "newest")

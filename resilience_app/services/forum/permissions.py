"""Who may do what in the forum, decided in one place (after Discourse's lib/guardian.rb).

A Guardian is plain data about one viewer: their id, site role, language and zone, the groups
they belong to (with their role in each) and the end of a mute in force. The services ask it
before they act and the views ask it for what the page offers, so the two never disagree.
`NOBODY` is the signed-out viewer, who may do nothing.

Each question comes three ways: `refusal_to_x(...)` is the decision (None, or the UserError the
page shows), `can_x(...)` the yes or no, `ensure_can_x(...)` raises the refusal. Someone else's
item, a group one is not in and a deleted item answer error.not_found, as everywhere.

Items are posts and replies; a reply's group is its thread's, so questions about a reply take
its post as `thread` (a post is its own thread).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.core.errors import UserError
from resilience_app.core.i18n import DEFAULT_LANGUAGE
from resilience_app.models import ForumMembership, ForumPost
from resilience_app.services.forum import limits
from resilience_app.services.ownership import user_row

Item = Any  # a ForumPost or ForumReply (or any record with author_id and status; a post also has group_id)
Group = Any  # a ForumGroup (or any record with id and kind)


def _not_found() -> UserError:
    return UserError("error.not_found")


def _closed() -> UserError:
    return UserError("error.forum_item_closed")


@dataclasses.dataclass(frozen=True)
class Guardian:
    id: int | None = None
    role: str = ""  # the site role: "moderator" or "member"
    language: str = DEFAULT_LANGUAGE
    time_zone: str = "UTC"
    groups: dict[int, str] = dataclasses.field(default_factory=dict)  # group row id -> "owner" or "member"
    muted_until: datetime | None = None

    # --- who the viewer is ----------------------------------------------------------------

    @property
    def signed_in(self) -> bool:
        return self.id is not None

    def is_member(self, group_row_id: int) -> bool:
        return self.signed_in and group_row_id in self.groups

    def is_author(self, item: Item) -> bool:
        """The viewer wrote it (an item whose author deleted their account is nobody's)."""
        return self.signed_in and item.author_id == self.id

    def _group_of(self, item: Item, thread: ForumPost | None) -> int:
        return (thread if thread is not None else item).group_id

    def _refusal_when_muted(self) -> UserError | None:
        """Muted users can read, but not post, reply, edit, react or report."""
        if self.muted_until is None:
            return None
        return UserError("error.forum_muted", until=limits.when_label(
            self.muted_until, language=self.language, time_zone=self.time_zone))

    # --- groups ---------------------------------------------------------------------------

    def refusal_to_see_group(self, group: Group) -> UserError | None:
        """Public groups are listed to everyone signed in; a private one only to its members."""
        if not self.signed_in or (group.kind != "public" and not self.is_member(group.id)):
            return _not_found()
        return None

    def refusal_to_read_group(self, group: Group) -> UserError | None:
        """A group's posts are for its members."""
        return None if self.is_member(group.id) else _not_found()

    def refusal_to_post(self, group: Group) -> UserError | None:
        return self.refusal_to_read_group(group) or self._refusal_when_muted()

    def refusal_to_manage_group(self, group: Group) -> UserError | None:
        """Renaming a private group and seeing or rotating its invite code are its owner's."""
        if not self.is_member(group.id):
            return _not_found()
        if group.kind != "private" or self.groups[group.id] != "owner":
            return UserError("error.forum_owner_only")
        return None

    def can_see_group(self, group: Group) -> bool:
        return self.refusal_to_see_group(group) is None

    def can_read_group(self, group: Group) -> bool:
        return self.refusal_to_read_group(group) is None

    def can_post(self, group: Group) -> bool:
        return self.refusal_to_post(group) is None

    def can_manage_group(self, group: Group) -> bool:
        return self.refusal_to_manage_group(group) is None

    def ensure_can_see_group(self, group: Group) -> None:
        _raise(self.refusal_to_see_group(group))

    def ensure_can_read_group(self, group: Group) -> None:
        _raise(self.refusal_to_read_group(group))

    def ensure_can_post(self, group: Group) -> None:
        _raise(self.refusal_to_post(group))

    def ensure_can_manage_group(self, group: Group) -> None:
        _raise(self.refusal_to_manage_group(group))

    # --- posts and replies ----------------------------------------------------------------

    def refusal_to_open(self, item: Item, thread: ForumPost | None = None) -> UserError | None:
        """A thread opens for the members of its group, with a placeholder for what they can't read."""
        return None if self.is_member(self._group_of(item, thread)) else _not_found()

    def refusal_to_read(self, item: Item, thread: ForumPost | None = None) -> UserError | None:
        """The words: members read visible items; authors also their own hidden or removed ones
        (wherever they are, as in their own list after leaving the group)."""
        if self.is_author(item) and item.status != "deleted":
            return None
        if item.status == "visible" and self.is_member(self._group_of(item, thread)):
            return None
        return _not_found()

    def refusal_to_reply(self, post: ForumPost) -> UserError | None:
        if refusal := self.refusal_to_open(post):
            return refusal
        if post.status != "visible":
            return _closed()
        return self._refusal_when_muted()

    def refusal_to_edit(self, item: Item, thread: ForumPost | None = None) -> UserError | None:
        """One's own item, while one is still in its group; a moderator's removal is final."""
        if not self.is_author(item) or item.status == "deleted":
            return _not_found()
        if refusal := self.refusal_to_open(item, thread):
            return refusal
        if item.status == "removed":
            return _closed()
        return self._refusal_when_muted()

    def refusal_to_delete(self, item: Item) -> UserError | None:
        """Taking one's words back is always allowed: after leaving the group and while muted too."""
        if not self.is_author(item) or item.status == "deleted":
            return _not_found()
        return None

    def refusal_to_react(self, item: Item, thread: ForumPost | None = None) -> UserError | None:
        """Support comes from peers: not on one's own items, and only on visible ones."""
        if refusal := self.refusal_to_open(item, thread):
            return refusal
        if item.status != "visible":
            return _closed()
        if self.is_author(item):
            return UserError("error.forum_react_own")
        return self._refusal_when_muted()

    def refusal_to_report(self, item: Item, thread: ForumPost | None = None) -> UserError | None:
        if refusal := self.refusal_to_open(item, thread):
            return refusal
        if self.is_author(item):
            return UserError("error.forum_report_own")
        if item.status in ("deleted", "removed"):
            return _closed()
        return self._refusal_when_muted()

    def refusal_to_moderate(self, item: Item | None = None) -> UserError | None:
        """The desk is the moderators': they act on any item in any group (on items, not on names). An item
        already deleted or removed has no status left to decide (its author can still be warned or muted)."""
        if not self.signed_in or self.role != "moderator":
            return UserError("error.forum_moderators_only")
        if item is not None and item.status in ("deleted", "removed"):
            return _closed()
        return None

    def can_open(self, item: Item, thread: ForumPost | None = None) -> bool:
        return self.refusal_to_open(item, thread) is None

    def can_read(self, item: Item, thread: ForumPost | None = None) -> bool:
        return self.refusal_to_read(item, thread) is None

    def can_reply(self, post: ForumPost) -> bool:
        return self.refusal_to_reply(post) is None

    def can_edit(self, item: Item, thread: ForumPost | None = None) -> bool:
        return self.refusal_to_edit(item, thread) is None

    def can_delete(self, item: Item) -> bool:
        return self.refusal_to_delete(item) is None

    def can_react(self, item: Item, thread: ForumPost | None = None) -> bool:
        return self.refusal_to_react(item, thread) is None

    def can_report(self, item: Item, thread: ForumPost | None = None) -> bool:
        return self.refusal_to_report(item, thread) is None

    def can_moderate(self, item: Item | None = None) -> bool:
        return self.refusal_to_moderate(item) is None

    def ensure_can_open(self, item: Item, thread: ForumPost | None = None) -> None:
        _raise(self.refusal_to_open(item, thread))

    def ensure_can_reply(self, post: ForumPost) -> None:
        _raise(self.refusal_to_reply(post))

    def ensure_can_edit(self, item: Item, thread: ForumPost | None = None) -> None:
        _raise(self.refusal_to_edit(item, thread))

    def ensure_can_delete(self, item: Item) -> None:
        _raise(self.refusal_to_delete(item))

    def ensure_can_react(self, item: Item, thread: ForumPost | None = None) -> None:
        _raise(self.refusal_to_react(item, thread))

    def ensure_can_report(self, item: Item, thread: ForumPost | None = None) -> None:
        _raise(self.refusal_to_report(item, thread))

    def ensure_can_moderate(self, item: Item | None = None) -> None:
        _raise(self.refusal_to_moderate(item))


def _raise(refusal: UserError | None) -> None:
    if refusal is not None:
        raise refusal


NOBODY = Guardian()


def guardian_for(session: Session, user_id: int | None) -> Guardian:
    """The Guardian of a signed-in user as they stand now (NOBODY for None); a user deleted
    mid-session raises error.session_expired."""
    if user_id is None:
        return NOBODY
    user = user_row(session, user_id)
    groups = {group_id: role for group_id, role in session.execute(
        select(ForumMembership.group_id, ForumMembership.role).where(ForumMembership.user_id == user.id))}
    mute = limits.active_mute(session, user_id=user.id)
    return Guardian(id=user.id, role=user.role, language=user.language, time_zone=user.time_zone, groups=groups,
                    muted_until=mute.until if mute is not None else None)

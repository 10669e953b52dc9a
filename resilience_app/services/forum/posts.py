"""The forum's posts and replies: preview, publish, edit, delete, react, read a thread.

Every text field goes through safety.check before it is stored, on the server, whatever the page
showed; only the cleaned text is kept. A crisis sign does not stop a post: it is published,
flagged for the author's help card, and put at the top of the moderators' queue (an acute one first).

Every function takes the acting user's id and asks the user's Guardian (permissions.py) before it
acts. Someone else's item, an item in a group one does not belong to, and a missing item all
answer error.not_found. Views are built by views.py; feeds live in feed.py.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from resilience_app.contracts.forum import (
    BODY, BODY_REQUIRED, CASE_FIELD, CASE_FIELDS, KIND, REACTION, REPLY, TITLE, TITLE_REQUIRED,
)
from resilience_app.core import clock, security
from resilience_app.core.db import lock_for_writing
from resilience_app.core.errors import UserError
from resilience_app.models import ForumAlias, ForumPost, ForumReaction, ForumReply, ForumReport, User
from resilience_app.services import safety
from resilience_app.services.care import more_urgent
from resilience_app.services.forum import groups, limits
from resilience_app.services.forum.permissions import Guardian, guardian_for
from resilience_app.services.forum.views import PostView, ReplyView, post_views, reaction_counts, reply_views
from resilience_app.services.ownership import user_row

REPLIES_PER_THREAD = 500
# Each conflict means another replier has just taken a number (and committed it), so a few suffice.
ALIAS_TRIES = 20
TARGETS = ("post", "reply")


# --- text --------------------------------------------------------------------------------


def _plain(value: Any) -> str:
    """NFC text without control or invisible format characters (which could hide a phone number
    from the check, or flip text direction); the emoji joiner stays unless it splits letters or digits."""
    text = unicodedata.normalize("NFC", str(value or "")).replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(
        ch for ch in text
        if ch in "\n\t" or ch == "\u200d" or unicodedata.category(ch) not in ("Cc", "Cf")
    )
    return re.sub(r"(?<=[0-9A-Za-z])\u200d|\u200d(?=[0-9A-Za-z])", "", kept)


def _one_line(value: Any) -> str:
    return " ".join(_plain(value).split())


def _multiline(value: Any) -> str:
    lines = [line.rstrip() for line in _plain(value).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@dataclasses.dataclass(frozen=True)
class Removal:
    """What the check took out of one field, shown to its author only."""

    field: str  # "title", "body" or "case.<name>"
    kind: str  # what it was: "phone", "order_number", ...
    value: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class Preview:
    """What publishing would store, what the check removed, and whether to show the help card."""

    kind: str = ""  # "" for a reply
    title: str = ""
    body: str
    case: dict[str, str] = dataclasses.field(default_factory=dict)  # a case's five fields; {} otherwise
    removed: tuple[Removal, ...]
    crisis: bool
    severity: str | None  # with a crisis sign, "acute" or "concern"


@dataclasses.dataclass(frozen=True)
class Thread:
    post: PostView
    replies: tuple[ReplyView, ...]  # oldest first


@dataclasses.dataclass(frozen=True)
class ReactionTally:
    """An item's reactions once one was given or taken back."""

    reactions: dict[str, int]  # kind -> count, every kind in REACTION's order
    support_count: int
    my_reactions: tuple[str, ...]  # the kinds the viewer gave, in REACTION's order


@dataclasses.dataclass
class Checked:
    """Fields as they will be stored, what the check removed from which field, and the crisis sign
    (the most urgent severity found in any field)."""

    title: str = ""
    body: str = ""
    case: dict[str, str] = dataclasses.field(default_factory=dict)
    removed: list[Removal] = dataclasses.field(default_factory=list)
    crisis: bool = False
    severity: str | None = None

    def clean(self, field: str, text: str, *, one_line: bool = False) -> str:
        if not text:
            return ""
        result = safety.check(text)
        self.removed += [Removal(field, r.kind, r.value) for r in result.removed]
        self.crisis = self.crisis or result.crisis
        self.severity = more_urgent(self.severity, result.severity)
        return _one_line(result.text) if one_line else _multiline(result.text)


def _case_texts(kind: str, case: Any) -> dict[str, str]:
    """A case's five fields as typed (each within CASE_FIELD's limit); other kinds have none."""
    if kind != "case":
        return {}
    given = case if isinstance(case, dict) else {}
    return {name: _multiline(given.get(name, "")) for name in CASE_FIELDS}


def _ensure_required(kind: str, checked: Checked) -> None:
    """What each kind needs, once the check has taken customer data out."""
    if kind in TITLE_REQUIRED and not checked.title:
        raise UserError("error.forum_title_empty")
    if kind in BODY_REQUIRED and not checked.body:
        raise UserError("error.forum_body_empty")
    if kind == "case" and not any(checked.case.values()):
        raise UserError("error.forum_case_empty")


def check_post(kind: Any, title: Any, body: Any, case: Any) -> Checked:
    KIND.check(kind)
    title_text, body_text, fields = TITLE.clean(_one_line(title)), BODY.clean(_multiline(body)), _case_texts(kind, case)
    for text in fields.values():
        CASE_FIELD.clean(text)
    checked = Checked()
    checked.title = checked.clean("title", title_text, one_line=True)
    checked.body = checked.clean("body", body_text)
    checked.case = {name: checked.clean(f"case.{name}", text) for name, text in fields.items()}
    _ensure_required(kind, checked)
    return checked


def check_reply(body: Any) -> Checked:
    text = REPLY.clean(_multiline(body))
    checked = Checked()
    checked.body = checked.clean("body", text)
    if not checked.body:
        raise UserError(REPLY.empty_key)
    return checked


def preview(*, kind: str, title: str = "", body: str = "", case: dict[str, str] | None = None) -> Preview:
    """What publishing would store, without storing anything."""
    checked = check_post(kind, title, body, case)
    return Preview(kind=kind, title=checked.title, body=checked.body, case=checked.case,
                   removed=tuple(checked.removed), crisis=checked.crisis, severity=checked.severity)


def preview_reply(*, body: str) -> Preview:
    checked = check_reply(body)
    return Preview(body=checked.body, removed=tuple(checked.removed), crisis=checked.crisis,
                   severity=checked.severity)


# --- finding items -----------------------------------------------------------------------


def _user(session: Session, user_id: int) -> User:
    return user_row(session, user_id)


def is_public_id(value: Any) -> bool:
    """Post and reply ids are 32 random hex characters."""
    return security.is_public_id(value)


def _by_public_id(session: Session, model, public_id: Any):
    if not is_public_id(public_id):
        return None
    return session.scalar(select(model).where(model.public_id == public_id))


def _found(row):
    if row is None:
        raise UserError("error.not_found")
    return row


def find_item(session: Session, *, target: str, item_id: Any) -> tuple[ForumPost | ForumReply, ForumPost] | None:
    """A post or reply (target "post" or "reply") with its thread's post. No access check: the caller
    asks the Guardian what the viewer may do with it."""
    model = {"post": ForumPost, "reply": ForumReply}.get(target)
    row = _by_public_id(session, model, item_id) if model else None
    if row is None:
        return None
    return row, (row if isinstance(row, ForumPost) else session.get(ForumPost, row.post_id))


def found_item(session: Session, *, target: str, item_id: Any) -> tuple[ForumPost | ForumReply, ForumPost]:
    """find_item, or error.not_found."""
    return _found(find_item(session, target=target, item_id=item_id))


def _post_to_open(session: Session, guardian: Guardian, post_id: Any) -> ForumPost:
    """The post, when the viewer may open its thread; else error.not_found."""
    post = _found(_by_public_id(session, ForumPost, post_id))
    guardian.ensure_can_open(post)
    return post


def _fresh_id(session: Session, model, public_id: str | None) -> str:
    """A client's id (32 hex, so a double tap stores once) if unused, else a new random one."""
    if is_public_id(public_id) and _by_public_id(session, model, public_id) is None:
        return public_id
    return security.new_public_id()


# --- posts -------------------------------------------------------------------------------


def _post_view(session: Session, guardian: Guardian, post: ForumPost) -> PostView:
    return post_views(session, guardian, [post])[0]


def publish_post(
    session: Session, *, user_id: int, group_id: str, kind: str, title: str = "", body: str = "",
    case: dict[str, str] | None = None, anonymous: bool = False, public_id: str | None = None,
) -> PostView:
    """Check and store a post in one of the user's groups; returns the author's view of it.

    Passing the same public_id again (a double tap, a retry after a dropped connection) returns
    the post already stored instead of a second one.
    """
    user = _user(session, user_id)
    guardian = guardian_for(session, user_id)
    group = groups.group_to_read(session, guardian, group_id)
    existing = _by_public_id(session, ForumPost, public_id)
    if existing is not None and guardian.is_author(existing):
        return _post_view(session, guardian, existing)
    checked = check_post(kind, title, body, case)
    guardian.ensure_can_post(group)
    limits.check_post_rate(session, user=user)
    now = clock.now()
    post = ForumPost(
        public_id=_fresh_id(session, ForumPost, public_id), group_id=group.id, author_id=user_id, kind=kind,
        anonymous=bool(anonymous), alias=1 if anonymous else 0, created_at=now,
    )
    store_checked(post, checked, now=now)
    session.add(post)
    session.flush()
    return _post_view(session, guardian, post)


def post_for_editing(session: Session, *, user_id: int, post_id: str) -> PostView:
    """The author's view of a post they may edit now; else the reason they may not."""
    guardian = guardian_for(session, user_id)
    post = _found(_by_public_id(session, ForumPost, post_id))
    guardian.ensure_can_edit(post)
    return _post_view(session, guardian, post)


def edit_post(
    session: Session, *, user_id: int, post_id: str, title: str = "", body: str = "",
    case: dict[str, str] | None = None,
) -> PostView:
    """Replace one's own post's text (checked again). Kind and anonymity stay as published."""
    guardian = guardian_for(session, user_id)
    post = _found(_by_public_id(session, ForumPost, post_id))
    guardian.ensure_can_edit(post)
    store_checked(post, check_post(post.kind, title, body, case), now=clock.now(), edited=True)
    session.flush()
    return _post_view(session, guardian, post)


def store_checked(row: ForumPost | ForumReply, checked: Checked, *, now: datetime, edited: bool = False) -> None:
    """Write checked text into a post or reply; a crisis sign (once seen, kept, and its severity only ever
    rising) puts it in the queue."""
    row.body, row.updated_at = checked.body, now
    if isinstance(row, ForumPost):
        row.title, row.case_fields = checked.title, checked.case
    if edited:
        row.edited_at = now
    if checked.crisis:
        row.crisis = True
        row.crisis_severity = more_urgent(row.crisis_severity, checked.severity or "concern")
        row.in_review_since = row.in_review_since or now


def erase(session: Session, row: ForumPost | ForumReply, status: str) -> None:
    """The words go for good ("deleted" by the author, "removed" by a moderator); the thread keeps
    a placeholder, and open reports are settled since nothing is left to review."""
    now = clock.now()
    row.body, row.status, row.updated_at, row.in_review_since = "", status, now, None
    if isinstance(row, ForumPost):
        row.title, row.case_fields = "", {}
    column = ForumReport.post_id if isinstance(row, ForumPost) else ForumReport.reply_id
    session.execute(update(ForumReport).where(column == row.id, ForumReport.resolved_at.is_(None))
                    .values(resolved_at=now))


def delete_post(session: Session, *, user_id: int, post_id: str) -> None:
    """Delete one's own post (also after leaving its group). Its replies stay in the thread."""
    post = _found(_by_public_id(session, ForumPost, post_id))
    guardian_for(session, user_id).ensure_can_delete(post)
    erase(session, post, "deleted")
    session.flush()


# --- replies -----------------------------------------------------------------------------


def reply_alias(session: Session, post: ForumPost, author_id: int) -> int:
    """Numbers follow first anonymous appearance in this thread only (the anonymous OP is #1).

    A new number is claimed in forum_aliases, whose constraints refuse a number or an author
    twice per thread. Someone replying at the same moment may claim it first: then only the
    savepoint is rolled back, and the claim is read and tried again.
    """
    if post.anonymous and post.author_id == author_id:
        return 1
    lock_for_writing(session)
    failures = 0
    while True:
        mine = session.scalar(select(ForumAlias.alias)
                              .where(ForumAlias.post_id == post.id, ForumAlias.user_id == author_id))
        if mine is not None:
            return mine
        highest = session.scalar(select(func.max(ForumAlias.alias)).where(ForumAlias.post_id == post.id)) or 0
        number = max(highest, 1 if post.anonymous else 0) + 1
        try:
            with session.begin_nested():
                session.add(ForumAlias(post_id=post.id, user_id=author_id, alias=number))
            return number
        except IntegrityError:
            failures += 1
            if failures == ALIAS_TRIES:
                raise


def reply(
    session: Session, *, user_id: int, post_id: str, body: str, anonymous: bool = False,
    public_id: str | None = None,
) -> ReplyView:
    """Check and store a reply under a visible post; returns the author's view of it."""
    user = _user(session, user_id)
    guardian = guardian_for(session, user_id)
    post = _post_to_open(session, guardian, post_id)
    existing = _by_public_id(session, ForumReply, public_id)
    if existing is not None and guardian.is_author(existing) and existing.post_id == post.id:
        return reply_views(session, guardian, post, [existing])[0]
    guardian.ensure_can_reply(post)
    if post.reply_count >= REPLIES_PER_THREAD:
        raise UserError("error.forum_thread_full", max=REPLIES_PER_THREAD)
    checked = check_reply(body)
    limits.check_reply_rate(session, user=user)
    now = clock.now()
    row = ForumReply(
        public_id=_fresh_id(session, ForumReply, public_id), post_id=post.id, author_id=user_id,
        anonymous=bool(anonymous), alias=reply_alias(session, post, user_id) if anonymous else 0, created_at=now,
    )
    store_checked(row, checked, now=now)
    session.add(row)
    session.flush()
    # Counted in the database: a reply sent at the same moment must not overwrite this one's count.
    session.execute(update(ForumPost).where(ForumPost.id == post.id)
                    .values(reply_count=ForumPost.reply_count + 1).execution_options(synchronize_session=False))
    session.expire(post, ["reply_count"])
    return reply_views(session, guardian, post, [row])[0]


def edit_reply(session: Session, *, user_id: int, reply_id: str, body: str) -> ReplyView:
    guardian = guardian_for(session, user_id)
    row = _found(_by_public_id(session, ForumReply, reply_id))
    post = session.get(ForumPost, row.post_id)
    guardian.ensure_can_edit(row, post)
    store_checked(row, check_reply(body), now=clock.now(), edited=True)
    session.flush()
    return reply_views(session, guardian, post, [row])[0]


def delete_reply(session: Session, *, user_id: int, reply_id: str) -> None:
    row = _found(_by_public_id(session, ForumReply, reply_id))
    guardian_for(session, user_id).ensure_can_delete(row)
    erase(session, row, "deleted")
    session.flush()


def thread(session: Session, *, user_id: int, post_id: str) -> Thread:
    """A post and all its replies, oldest first."""
    guardian = guardian_for(session, user_id)
    post = _post_to_open(session, guardian, post_id)
    replies = list(session.scalars(
        select(ForumReply).where(ForumReply.post_id == post.id).order_by(ForumReply.created_at, ForumReply.id)
    ))
    return Thread(_post_view(session, guardian, post), tuple(reply_views(session, guardian, post, replies)))


# --- reactions ---------------------------------------------------------------------------


def react(
    session: Session, *, user_id: int, target: str, item_id: str, kind: str, on: bool | None = None,
) -> ReactionTally:
    """Give or take back one reaction (on=None toggles; True/False sets, so a retry is harmless).

    One's own items can't be reacted to: support comes from peers.
    """
    REACTION.check(kind)
    guardian = guardian_for(session, user_id)
    row, post = found_item(session, target=target, item_id=item_id)
    guardian.ensure_can_react(row, post)
    lock_for_writing(session)
    column = ForumReaction.post_id if target == "post" else ForumReaction.reply_id
    existing = session.scalar(
        select(ForumReaction.id).where(ForumReaction.user_id == user_id, column == row.id, ForumReaction.kind == kind)
    )
    want = existing is None if on is None else bool(on)
    delta = 0
    if want and existing is None:
        try:
            with session.begin_nested():  # the other half of a double tap may have inserted it first
                session.add(ForumReaction(user_id=user_id, kind=kind, created_at=clock.now(),
                                          **{column.key: row.id}))
            delta = 1
        except IntegrityError:
            delta = 0
    elif not want and existing is not None:
        # Counted by what the statement deleted: the other half of a double tap may have deleted it already.
        delta = -session.execute(delete(ForumReaction).where(ForumReaction.id == existing)
                                 .execution_options(synchronize_session=False)).rowcount
    if delta:
        model = type(row)
        counter = getattr(model, f"{kind}_count")
        session.execute(
            update(model).where(model.id == row.id)
            .values({counter: counter + delta, model.support_count: model.support_count + delta})
            .execution_options(synchronize_session=False)
        )
    session.refresh(row)  # the counts as they stand now, also when the other tap got there first
    mine = session.scalars(select(ForumReaction.kind).where(ForumReaction.user_id == user_id, column == row.id))
    given = set(mine)
    return ReactionTally(reaction_counts(row), row.support_count,
                         tuple(name for name in REACTION.values if name in given))

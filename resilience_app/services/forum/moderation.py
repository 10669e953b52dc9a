"""Moderation, Discourse-style: reports, automatic hiding, a review queue, actions, a log.

Members report a post or reply with a reason. Three different members (or one moderator)
reporting it for a hiding reason hide it until a moderator decides. The queue shows acute crisis
items first (means or timing with intent, or harm already done), then the other crisis items and
those peers are worried about, then hidden ones, then the other reported ones, each longest-waiting
first.
Moderators act on items, not on names: warn or mute "the author of this reply" without learning
who it is. Seeing who wrote an anonymous item takes a reason and is logged like every other
action. Every function here asks the acting user's Guardian (permissions.py) first.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from resilience_app.contracts.forum import (
    CASE_FIELDS, MODERATOR_ACTION, MODERATOR_REASON, MUTE_DAYS, REPORT_NOTE, REPORT_REASON,
)
from resilience_app.core import clock, security
from resilience_app.core.errors import UserError
from resilience_app.models import (
    ForumGroup, ForumPost, ForumReply, ForumReport, ModerationLogEntry, ModerationMute, ModerationWarning, User,
)
from resilience_app.services.forum import groups, limits, posts
from resilience_app.services.forum.permissions import Guardian, guardian_for
from resilience_app.services.forum.views import shown_name
from resilience_app.services.ownership import user_row

# "worried" (a peer fears for the author) brings the item to the top of the queue and never hides it.
HIDING_REASONS = ("customer_data", "hostile", "spam", "other")
AUTO_HIDE_REPORTERS = 3
MUTE_DAYS_MAX = MUTE_DAYS.max
# What each of a moderator's decisions on an item makes of its status.
ACTIONS = dict(zip(MODERATOR_ACTION.values, ("visible", "hidden", "removed"), strict=True))
QUEUE_MAX = 200
LOG_MAX = 200
EXCERPT = 60


@dataclasses.dataclass(frozen=True)
class OpenReport:
    """A report waiting for a moderator's decision (its reporter is never shown)."""

    reason: str
    note: str
    at: datetime  # UTC


@dataclasses.dataclass(frozen=True, kw_only=True)
class QueueItem:
    """A moderator's view of a post or reply: full text, reasons and notes, but no reporter and no
    anonymous author."""

    target: str  # "post" or "reply"
    id: str
    post_id: str  # the thread's post
    post_title: str
    group_id: str
    group_name: str  # in the moderator's language
    kind: str  # a post's kind, or "reply"
    title: str
    body: str
    case: dict[str, str]  # a case's five fields; {} otherwise
    status: str
    crisis: bool
    severity: str | None  # "acute" or "concern" with a crisis sign (an old flag without one counts as concern)
    worried: bool  # a peer reported being worried about the author
    anonymous: bool
    alias: int  # an anonymous item's per-thread number; 0 when named
    author: str  # a named item's shown name; "" for an anonymous one (reveal_author is the way) or a gone one
    gone: bool  # the author deleted their account
    created_at: datetime  # UTC
    in_review_since: datetime | None  # UTC; None once decided
    report_count: int
    reports: tuple[OpenReport, ...]  # oldest first


@dataclasses.dataclass(frozen=True, kw_only=True)
class LogLine:
    """One entry of the moderation log. `user` names the author only for named items: the log is no
    back door around reveal_author."""

    at: datetime  # UTC
    moderator: str  # username; "" for automatic hiding or a deleted account
    action: str
    target: str  # "post", "reply" or "" when the entry is about no item
    item_id: str
    user: str
    moderator_gone: str  # a deleted moderator's tombstone id, the same in each of its entries
    user_gone: str  # likewise for a deleted author, named items only like `user`
    reason: str
    detail: str  # as stored: the reasons that hid an item, or the end of a mute (ISO, UTC)
    mute_until: datetime | None  # UTC: a mute entry's end, read from `detail`; None otherwise


@dataclasses.dataclass(frozen=True)
class RevealedAuthor:
    """Who wrote an item, for the moderator who asked with a reason."""

    username: str
    display_name: str
    account_id: str  # the user's public id
    joined_at: datetime  # UTC
    muted_until: datetime | None  # UTC; None when no mute is in force
    warnings: int  # how many they have had


@dataclasses.dataclass(frozen=True)
class MuteStatus:
    """Whether a moderator's mute pauses the user's writing now, and until when."""

    muted: bool
    until: datetime | None  # UTC; None when not muted
    until_label: str  # "11月25日 20:00" in the user's language and zone; "" when not muted


@dataclasses.dataclass(frozen=True)
class PendingWarning:
    """A moderator's warning not yet acknowledged (the moderator is not named)."""

    id: str
    reason: str
    created_at: datetime  # UTC
    target: str  # "post", "reply" or "" when the item is gone
    excerpt: str  # the start of one's own item, so they know which one


def _user(session: Session, user_id: int) -> User:
    return user_row(session, user_id)


def is_moderator(session: Session, *, user_id: int) -> bool:
    """Whether the desk is offered (a user deleted mid-session is no moderator)."""
    return session.get(User, user_id) is not None and guardian_for(session, user_id).can_moderate()


def _moderator(session: Session, user_id: int) -> Guardian:
    guardian = guardian_for(session, user_id)
    guardian.ensure_can_moderate()
    return guardian


def _reason(text: Any) -> str:
    return MODERATOR_REASON.clean(str(text or ""))


def _authored_item(session: Session, target: str, item_id: Any) -> tuple[ForumPost | ForumReply, ForumPost]:
    """An item whose author still has an account: warnings, mutes and look-ups need someone to reach."""
    row, post = posts.found_item(session, target=target, item_id=item_id)
    if row.author_id is None:
        raise UserError("error.forum_author_gone")
    return row, post


def _target_of(row: ForumPost | ForumReply) -> str:
    return "post" if isinstance(row, ForumPost) else "reply"


def _item_columns(row: ForumPost | ForumReply | None) -> dict[str, int | None]:
    if row is None:
        return {"post_id": None, "reply_id": None}
    return {"post_id": row.id, "reply_id": None} if isinstance(row, ForumPost) else {"post_id": None, "reply_id": row.id}


def _log(session: Session, *, moderator_id: int | None, action: str, row=None, reason: str = "",
         detail: str = "", target_user_id: int | None = None) -> None:
    session.add(ModerationLogEntry(
        moderator_id=moderator_id, action=action, reason=reason, detail=detail[:80], at=clock.now(),
        target_user_id=target_user_id if target_user_id is not None else (row.author_id if row is not None else None),
        **_item_columns(row),
    ))


def _open_reports(session: Session, row) -> list[ForumReport]:
    column = ForumReport.post_id if isinstance(row, ForumPost) else ForumReport.reply_id
    return list(session.scalars(
        select(ForumReport).where(column == row.id, ForumReport.resolved_at.is_(None)).order_by(ForumReport.created_at)
    ))


def _settle(session: Session, row) -> None:
    """A moderator decided: the item leaves the queue and its open reports are resolved."""
    now = clock.now()
    row.in_review_since = None
    column = ForumReport.post_id if isinstance(row, ForumPost) else ForumReport.reply_id
    session.execute(update(ForumReport).where(column == row.id, ForumReport.resolved_at.is_(None))
                    .values(resolved_at=now))


# --- reports -------------------------------------------------------------------------------


def _already_reported(session: Session, user_id: int, row) -> bool:
    column = ForumReport.post_id if isinstance(row, ForumPost) else ForumReport.reply_id
    return session.scalar(select(ForumReport.id).where(ForumReport.reporter_id == user_id, column == row.id)) is not None


def _record_report(session: Session, user_id: int, row, reason: str, note: str, now) -> bool:
    """False when the same report, sent twice at once, was recorded by the other request."""
    try:
        with session.begin_nested():
            session.add(ForumReport(reporter_id=user_id, reason=reason, note=note, created_at=now,
                                    **_item_columns(row)))
    except IntegrityError:
        return False
    return True


def _hide_if_reported(session: Session, reporter: Guardian, row, reason: str, note: str) -> None:
    """A moderator's report hides a visible item at once; otherwise AUTO_HIDE_REPORTERS open reports for a
    hiding reason do, logged as automatic."""
    if row.status != "visible" or reason not in HIDING_REASONS:
        return
    hiding = [r for r in _open_reports(session, row) if r.reason in HIDING_REASONS]
    if reporter.can_moderate(row):
        row.status = "hidden"
        _log(session, moderator_id=reporter.id, action="hide", row=row, reason=note, detail=reason)
    elif len(hiding) >= AUTO_HIDE_REPORTERS:
        row.status = "hidden"
        _log(session, moderator_id=None, action="auto_hide", row=row,
             detail=",".join(sorted({r.reason for r in hiding})))


def report(session: Session, *, user_id: int, target: str, item_id: str, reason: str, note: str = "") -> bool:
    """Report a post or reply one can read. True when recorded; False when one had already
    reported it (once per item: thanking them again is all the page needs to do)."""
    REPORT_REASON.check(reason)
    user = _user(session, user_id)
    reporter = guardian_for(session, user_id)
    row, post = posts.found_item(session, target=target, item_id=item_id)
    reporter.ensure_can_report(row, post)
    if _already_reported(session, user_id, row):
        return False
    limits.check_report_rate(session, user=user)
    clean_note = REPORT_NOTE.clean(str(note or ""))
    now = clock.now()
    if not _record_report(session, user_id, row, reason, clean_note, now):
        return False
    row.in_review_since = row.in_review_since or now
    _hide_if_reported(session, reporter, row, reason, clean_note)
    session.flush()
    return True


# --- the queue and the actions ------------------------------------------------------------


def _utc(instant: datetime | None) -> datetime | None:
    return instant.astimezone(UTC) if instant is not None else None


def _queue_text(row) -> dict[str, Any]:
    """The item's words in full, a case's five fields included."""
    if not isinstance(row, ForumPost):
        return {"kind": "reply", "title": "", "body": row.body, "case": {}}
    case = {name: (row.case_fields or {}).get(name, "") for name in CASE_FIELDS} if row.kind == "case" else {}
    return {"kind": row.kind, "title": row.title, "body": row.body, "case": case}


def _named_author(session: Session, row) -> str:
    """The author's shown name for a named item; "" for an anonymous one (reveal_author is the way) or a gone one."""
    author = session.get(User, row.author_id) if not row.anonymous and row.author_id is not None else None
    return shown_name(author) if author is not None else ""


def _queue_item(session: Session, moderator: Guardian, row, post: ForumPost) -> QueueItem:
    reports = _open_reports(session, row)
    group = session.get(ForumGroup, post.group_id)
    return QueueItem(
        target=_target_of(row),
        id=row.public_id,
        post_id=post.public_id,
        post_title=post.title,
        group_id=group.public_id,
        group_name=groups.group_name(group, moderator.language),
        **_queue_text(row),
        status=row.status,
        crisis=row.crisis,
        severity=(row.crisis_severity or "concern") if row.crisis else None,
        worried=any(r.reason == "worried" for r in reports),
        anonymous=row.anonymous,
        alias=row.alias if row.anonymous else 0,
        author=_named_author(session, row),
        gone=row.author_id is None,
        created_at=_utc(row.created_at),
        in_review_since=_utc(row.in_review_since),
        report_count=len(reports),
        reports=tuple(OpenReport(r.reason, r.note, _utc(r.created_at)) for r in reports),
    )


def _priority(item: QueueItem) -> int:
    if item.severity == "acute":
        return 0
    if item.crisis or item.worried:
        return 1
    return 2 if item.status == "hidden" else 3


def _crisis_first(model):
    """Acute, then any other crisis sign, then the rest: so a long queue never crowds an acute item out."""
    return case((model.crisis_severity == "acute", 0), (model.crisis.is_(True), 1), else_=2)


def review_queue(session: Session, *, moderator_id: int) -> list[QueueItem]:
    """Items waiting for a moderator: acute crisis first, then other crisis or worried, then hidden, then
    reported; longest-waiting first within each."""
    moderator = _moderator(session, moderator_id)
    items = []
    for model in (ForumPost, ForumReply):
        rows = session.scalars(
            select(model).where(model.in_review_since.is_not(None))
            .order_by(_crisis_first(model), model.in_review_since, model.id).limit(QUEUE_MAX)
        )
        for row in rows:
            post = row if model is ForumPost else session.get(ForumPost, row.post_id)
            items.append((row.in_review_since, row.id, _queue_item(session, moderator, row, post)))
    items.sort(key=lambda entry: (_priority(entry[2]), entry[0], entry[1]))
    return [item for _, _, item in items[:QUEUE_MAX]]


def acute_waiting(session: Session, *, moderator_id: int) -> int:
    """How many items with an acute crisis sign wait in the queue (the desk's alert counts them all)."""
    _moderator(session, moderator_id)
    return sum(
        session.scalar(select(func.count()).select_from(model).where(
            model.in_review_since.is_not(None), model.crisis.is_(True), model.crisis_severity == "acute")) or 0
        for model in (ForumPost, ForumReply)
    )


def moderate(session: Session, *, moderator_id: int, target: str, item_id: str, action: str,
             reason: str) -> QueueItem:
    """restore (visible again), hide (reversible) or delete (the words are erased for good).
    Settles the item's reports and takes it out of the queue; returns the moderator's view."""
    moderator = _moderator(session, moderator_id)
    MODERATOR_ACTION.check(action)
    why = _reason(reason)
    row, post = posts.found_item(session, target=target, item_id=item_id)
    moderator.ensure_can_moderate(row)
    if action == "delete":
        posts.erase(session, row, "removed")
    else:
        row.status = ACTIONS[action]
        _settle(session, row)
    _log(session, moderator_id=moderator.id, action=action, row=row, reason=why)
    session.flush()
    return _queue_item(session, moderator, row, post)


def warn_author(session: Session, *, moderator_id: int, target: str, item_id: str, reason: str) -> None:
    """A word to the item's author, shown the next time they open the app (pending_warnings)."""
    moderator = _moderator(session, moderator_id)
    why = _reason(reason)
    row, _post = _authored_item(session, target, item_id)
    session.add(ModerationWarning(
        public_id=security.new_public_id(), user_id=row.author_id, moderator_id=moderator.id, reason=why,
        created_at=clock.now(), acknowledged_at=None, **_item_columns(row),
    ))
    _log(session, moderator_id=moderator.id, action="warn", row=row, reason=why)
    session.flush()


def mute_author(session: Session, *, moderator_id: int, target: str, item_id: str, days: int,
                reason: str) -> datetime:
    """Pause the item's author's writing for `days` days (1-MUTE_DAYS_MAX); they can still read.
    Returns when the mute ends (UTC)."""
    moderator = _moderator(session, moderator_id)
    if isinstance(days, bool) or not isinstance(days, int):  # a number typed as text is the page's to read
        raise UserError(MUTE_DAYS.bad_key, max=MUTE_DAYS.max)
    MUTE_DAYS.check(days, max=MUTE_DAYS.max)
    why = _reason(reason)
    row, _post = _authored_item(session, target, item_id)
    now = clock.now()
    until = now + timedelta(days=days)
    session.add(ModerationMute(user_id=row.author_id, moderator_id=moderator.id, until=until, reason=why,
                               created_at=now, lifted_at=None))
    _log(session, moderator_id=moderator.id, action="mute", row=row, reason=why,
         detail=until.isoformat(timespec="seconds"))
    session.flush()
    return until


def lift_mute(session: Session, *, moderator_id: int, target: str, item_id: str, reason: str) -> None:
    """End every mute in force on the item's author."""
    moderator = _moderator(session, moderator_id)
    why = _reason(reason)
    row, _post = _authored_item(session, target, item_id)
    now = clock.now()
    session.execute(
        update(ModerationMute)
        .where(ModerationMute.user_id == row.author_id, ModerationMute.until > now, ModerationMute.lifted_at.is_(None))
        .values(lifted_at=now)
    )
    _log(session, moderator_id=moderator.id, action="unmute", row=row, reason=why)
    session.flush()


def reveal_author(session: Session, *, moderator_id: int, target: str, item_id: str,
                  reason: str) -> RevealedAuthor:
    """Who wrote an item (anonymous or not), for a stated reason; the look-up is logged."""
    moderator = _moderator(session, moderator_id)
    why = _reason(reason)
    row, _post = _authored_item(session, target, item_id)
    author = session.get(User, row.author_id)
    _log(session, moderator_id=moderator.id, action="identify", row=row, reason=why)
    session.flush()
    mute = limits.active_mute(session, user_id=author.id)
    warnings = session.scalar(
        select(func.count()).select_from(ModerationWarning).where(ModerationWarning.user_id == author.id)
    )
    return RevealedAuthor(
        username=author.username,
        display_name=author.display_name,
        account_id=author.public_id,
        joined_at=_utc(author.created_at),
        muted_until=_utc(mute.until) if mute else None,
        warnings=warnings or 0,
    )


def moderation_log(session: Session, *, moderator_id: int, limit: int = LOG_MAX) -> list[LogLine]:
    """The newest actions first."""
    _moderator(session, moderator_id)
    entries = session.scalars(
        select(ModerationLogEntry).order_by(ModerationLogEntry.at.desc(), ModerationLogEntry.id.desc())
        .limit(max(1, min(limit, LOG_MAX)))
    )
    return [_log_view(session, entry) for entry in entries]


def _logged_item(session: Session, entry: ModerationLogEntry | ModerationWarning) -> ForumPost | ForumReply | None:
    if entry.post_id:
        return session.get(ForumPost, entry.post_id)
    return session.get(ForumReply, entry.reply_id) if entry.reply_id else None


def _username(session: Session, user_id: int | None) -> str:
    user = session.get(User, user_id) if user_id else None
    return user.username if user is not None else ""


def _mute_end(entry: ModerationLogEntry) -> datetime | None:
    """A mute entry keeps the mute's end in its detail, as ISO text (a time without a zone is UTC)."""
    if entry.action != "mute" or not entry.detail:
        return None
    try:
        instant = datetime.fromisoformat(entry.detail)
    except ValueError:
        return None
    return instant.astimezone(UTC) if instant.tzinfo is not None else instant.replace(tzinfo=UTC)


def _log_view(session: Session, entry: ModerationLogEntry) -> LogLine:
    row = _logged_item(session, entry)
    named = row is not None and not row.anonymous
    return LogLine(
        at=_utc(entry.at),
        moderator=_username(session, entry.moderator_id),
        action=entry.action,
        target=_target_of(row) if row is not None else "",
        item_id=row.public_id if row is not None else "",
        user=_username(session, entry.target_user_id) if named else "",
        moderator_gone=entry.moderator_gone or "",
        user_gone=(entry.target_gone or "") if named else "",
        reason=entry.reason,
        detail=entry.detail,
        mute_until=_mute_end(entry),
    )


# --- what the user sees -------------------------------------------------------------------


def mute_status(session: Session, *, user_id: int) -> MuteStatus:
    """Whether a moderator's mute is in force on the user, and until when."""
    user = _user(session, user_id)
    mute = limits.active_mute(session, user_id=user_id)
    if mute is None:
        return MuteStatus(muted=False, until=None, until_label="")
    return MuteStatus(muted=True, until=_utc(mute.until),
                      until_label=limits.when_label(mute.until, language=user.language, time_zone=user.time_zone))


def pending_warnings(session: Session, *, user_id: int) -> list[PendingWarning]:
    """Warnings not yet acknowledged, oldest first."""
    _user(session, user_id)
    rows = session.scalars(
        select(ModerationWarning)
        .where(ModerationWarning.user_id == user_id, ModerationWarning.acknowledged_at.is_(None))
        .order_by(ModerationWarning.created_at, ModerationWarning.id)
    )
    views = []
    for warning in rows:
        item = _logged_item(session, warning)
        text = ((item.title or item.body) if isinstance(item, ForumPost) else item.body) if item else ""
        views.append(PendingWarning(
            id=warning.public_id,
            reason=warning.reason,
            created_at=_utc(warning.created_at),
            target=_target_of(item) if item is not None else "",
            excerpt=text[:EXCERPT],
        ))
    return views


def acknowledge_warning(session: Session, *, user_id: int, warning_id: str) -> None:
    """Mark one's own warning as read (twice is the same as once)."""
    warning = session.scalar(
        select(ModerationWarning).where(ModerationWarning.public_id == str(warning_id or ""),
                                        ModerationWarning.user_id == user_id)
    )
    if warning is None:
        raise UserError("error.not_found")
    if warning.acknowledged_at is None:
        warning.acknowledged_at = clock.now()
        session.flush()

"""How much one may write in the forum, and the moderators' mutes that pause writing altogether.

The limits keep the circle calm and make throwaway accounts costly. Every refusal says, in the
user's own zone and language, when they can try again. Rolling windows count every item ever
written in them, deleted ones too, so deleting and reposting does not get around a limit.
Whether a mute stops an action is the Guardian's to say (permissions.py); this module finds the mute.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from resilience_app.core import clock, localtime
from resilience_app.core.errors import UserError
from resilience_app.models import ForumPost, ForumReply, ForumReport, ModerationMute, User

NEW_ACCOUNT_AGE = timedelta(days=3)
NEW_ACCOUNT_POSTS_PER_DAY = 3
POSTS_PER_HOUR = 10
REPLIES_PER_HOUR = 30
REPORTS_PER_DAY = 20
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def when_label(instant: datetime, *, language: str, time_zone: str) -> str:
    """A moment as the user says it: "20:15" later today, else "11月21日 20:15" / "21 Nov 20:15"."""
    local = localtime.to_local(instant, time_zone)
    clock_time = local.strftime("%H:%M")
    if local.date() == localtime.local_now(time_zone).date():
        return clock_time
    if language == "en":
        return f"{local.day} {local.strftime('%b')} {clock_time}"
    return f"{local.month}月{local.day}日 {clock_time}"


def _label(user: User, instant: datetime) -> str:
    return when_label(instant, language=user.language, time_zone=user.time_zone)


def _free_again_at(times: list[datetime], limit: int, window: timedelta) -> datetime | None:
    """None while fewer than `limit` of the (oldest-first) times fall in the window, else when one ages out."""
    if len(times) < limit:
        return None
    return times[-limit] + window


def _recent(session: Session, model, author_column, user_id: int, window: timedelta) -> list[datetime]:
    since = clock.now() - window
    return list(session.scalars(
        select(model.created_at).where(author_column == user_id, model.created_at > since).order_by(model.created_at)
    ))


def active_mute(session: Session, *, user_id: int) -> ModerationMute | None:
    """The mute that ends last among those in force now, if any."""
    return session.scalar(
        select(ModerationMute)
        .where(ModerationMute.user_id == user_id, ModerationMute.until > clock.now(),
               ModerationMute.lifted_at.is_(None))
        .order_by(ModerationMute.until.desc())
    )


def check_post_rate(session: Session, *, user: User) -> None:
    now = clock.now()
    if now - user.created_at < NEW_ACCOUNT_AGE:
        today = _recent(session, ForumPost, ForumPost.author_id, user.id, DAY)
        if (free := _free_again_at(today, NEW_ACCOUNT_POSTS_PER_DAY, DAY)) is not None:
            # The limit also ends when the account comes of age, whichever is sooner.
            free = min(free, user.created_at + NEW_ACCOUNT_AGE)
            raise UserError("error.forum_new_account_limit", max=NEW_ACCOUNT_POSTS_PER_DAY,
                            days=NEW_ACCOUNT_AGE.days, until=_label(user, free))
    hour = _recent(session, ForumPost, ForumPost.author_id, user.id, HOUR)
    if (free := _free_again_at(hour, POSTS_PER_HOUR, HOUR)) is not None:
        raise UserError("error.forum_rate_posts", max=POSTS_PER_HOUR, until=_label(user, free))


def check_reply_rate(session: Session, *, user: User) -> None:
    hour = _recent(session, ForumReply, ForumReply.author_id, user.id, HOUR)
    if (free := _free_again_at(hour, REPLIES_PER_HOUR, HOUR)) is not None:
        raise UserError("error.forum_rate_replies", max=REPLIES_PER_HOUR, until=_label(user, free))


def check_report_rate(session: Session, *, user: User) -> None:
    day = _recent(session, ForumReport, ForumReport.reporter_id, user.id, DAY)
    if (free := _free_again_at(day, REPORTS_PER_DAY, DAY)) is not None:
        raise UserError("error.forum_rate_reports", max=REPORTS_PER_DAY, until=_label(user, free))

"""Deleting an account: everything of the user goes in one transaction (PIPL art. 47).

Private entries, settings, sessions, throttle records, memberships, aliases, reactions, reports,
warnings, mutes and consents are deleted; the user row last. Forum posts and replies are either
erased like the author's own delete (a placeholder keeps others' replies in their thread) or, with
posts="anonymise", kept with the author removed: shown as 已注销的同行, linked to nothing, their
per-thread aliases dropped. The moderation log keeps each entry, with a random tombstone id standing
for the account, and moderators' free text loses the username and display name. SQLite overwrites
deleted rows in the file (PRAGMA secure_delete, core/db.py).
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from resilience_app.core import security
from resilience_app.core.db import lock_for_writing
from resilience_app.core.errors import RecordedRefusal, UserError
from resilience_app.models import (
    AuthSession, BoxSlip, Consent, DailyGoal, FirstAidUse, ForumAlias, ForumGroup, ForumInviteFailure,
    ForumMembership, ForumPost, ForumReaction, ForumReply, ForumReport, Interest, JournalEntry, LoginFailure,
    ModerationLogEntry, ModerationMute, ModerationWarning, MoodEntry, PushSubscription, RechargeBlock, ReminderSent,
    ReminderSettings, User, WeeklyReview,
)
from resilience_app.services import throttle
from resilience_app.services.forum import groups as forum_groups, posts as forum

POST_CHOICES = ("delete", "anonymise")
# What a deleted account's name becomes in moderators' notes.
SCRUBBED = "[已注销 · deleted]"

# Rows that are the user's alone, by the column naming them; counted in the summary under their key.
_OWNED = (
    ("moods", MoodEntry, MoodEntry.user_id),
    ("first_aid_uses", FirstAidUse, FirstAidUse.user_id),
    ("journal_entries", JournalEntry, JournalEntry.user_id),
    ("weekly_reviews", WeeklyReview, WeeklyReview.user_id),
    ("box_slips", BoxSlip, BoxSlip.user_id),
    ("goals", DailyGoal, DailyGoal.user_id),
    ("interests", Interest, Interest.user_id),
    ("recharge_blocks", RechargeBlock, RechargeBlock.user_id),
    ("consents", Consent, Consent.user_id),
    ("sessions", AuthSession, AuthSession.user_id),
    ("invite_failures", ForumInviteFailure, ForumInviteFailure.user_id),
    ("warnings", ModerationWarning, ModerationWarning.user_id),
    ("mutes", ModerationMute, ModerationMute.user_id),
    ("reports_filed", ForumReport, ForumReport.reporter_id),
    ("aliases", ForumAlias, ForumAlias.user_id),
    ("reminder_settings", ReminderSettings, ReminderSettings.user_id),
    ("push_subscriptions", PushSubscription, PushSubscription.user_id),
    ("reminders_sent", ReminderSent, ReminderSent.user_id),
)


def confirm_password(session: Session, *, user_id: int, password: str, client: str) -> None:
    """The password again before deleting, throttled like a sign-in (services/throttle.py).

    A wrong password is a RecordedRefusal: its failure row is kept although the deletion stops."""
    user = session.get(User, user_id)
    if user is None:
        raise UserError("error.session_expired")
    if wait := throttle.seconds_to_wait(session, username_key=user.username_key, client=client, trusted=True):
        raise UserError("error.throttled", seconds=wait, minutes=max(1, -(-wait // 60)))
    if not security.verify_password(password, user.password_hash):
        throttle.record_failure(session, username_key=user.username_key, client=client)
        raise RecordedRefusal("error.current_password_wrong")


def _scrubber(*names: str):
    """Replaces each name where it stands as a word of its own (so "lin" leaves "online" alone)."""
    words = sorted({name for name in names if name and len(name) >= 2}, key=len, reverse=True)
    if not words:
        return lambda text: text
    pattern = re.compile(r"(?<![0-9A-Za-z_])(?:" + "|".join(map(re.escape, words)) + r")(?![0-9A-Za-z_])",
                         re.IGNORECASE)
    return lambda text: pattern.sub(SCRUBBED, text) if text else text


def _drop_reactions(session: Session, user_id: int) -> int:
    """The user's reactions go, and the counts they added with them."""
    given = session.execute(
        select(ForumReaction.id, ForumReaction.post_id, ForumReaction.reply_id, ForumReaction.kind)
        .where(ForumReaction.user_id == user_id)
    ).all()
    for _id, post_id, reply_id, kind in given:
        model, row_id = (ForumPost, post_id) if post_id is not None else (ForumReply, reply_id)
        counter = getattr(model, f"{kind}_count")
        session.execute(
            update(model).where(model.id == row_id)
            .values({counter: counter - 1, model.support_count: model.support_count - 1})
            .execution_options(synchronize_session=False)
        )
    session.execute(delete(ForumReaction).where(ForumReaction.user_id == user_id))
    return len(given)


def _detach(row: ForumPost | ForumReply) -> None:
    """No author, no alias: nothing ties the item to anyone any more."""
    row.author_id, row.alias = None, 0


def _handle_posts(session: Session, user_id: int, posts: str) -> dict[str, int]:
    counts = {"posts_deleted": 0, "posts_anonymised": 0, "replies_deleted": 0, "replies_anonymised": 0}
    own_posts = list(session.scalars(select(ForumPost).where(ForumPost.author_id == user_id)))
    own_replies = list(session.scalars(select(ForumReply).where(ForumReply.author_id == user_id)))
    for reply in own_replies:
        if posts == "delete" and reply.status != "deleted":
            forum.erase(session, reply, "deleted")
        _detach(reply)
        counts["replies_deleted" if posts == "delete" else "replies_anonymised"] += 1
    session.flush()
    for post in own_posts:
        if posts == "anonymise":
            _detach(post)
            counts["posts_anonymised"] += 1
            continue
        others = session.scalar(select(func.count()).select_from(ForumReply).where(
            ForumReply.post_id == post.id, ForumReply.author_id.is_not(None)))
        if others:
            # Others answered: their replies stay in the thread under an empty placeholder, as after the
            # author's own delete.
            forum.erase(session, post, "deleted")
            _detach(post)
            post.crisis, post.crisis_severity = False, None
        else:
            session.delete(post)
        counts["posts_deleted"] += 1
    if posts == "delete":
        for reply in own_replies:
            reply.crisis, reply.crisis_severity = False, None
    session.flush()
    return counts


def _leave_groups(session: Session, user_id: int) -> int:
    """Leave every group as forum_groups.leave_group does: an owner hands a private group on; a private
    group left with nobody and nothing of anyone else in it goes."""
    memberships = list(session.scalars(select(ForumMembership).where(ForumMembership.user_id == user_id)))
    for membership in memberships:
        group = session.get(ForumGroup, membership.group_id)
        if group.kind != "private":
            session.delete(membership)
            session.flush()
            continue
        if forum_groups.hand_on(session, group, membership):
            continue
        left_by_others = session.scalar(select(func.count()).select_from(ForumPost).where(
            ForumPost.group_id == group.id, ForumPost.author_id.is_not(None), ForumPost.author_id != user_id))
        if left_by_others or session.scalar(select(func.count()).select_from(ForumPost).where(
                ForumPost.group_id == group.id, ForumPost.author_id.is_(None))):
            group.invite_code = None
        else:
            session.delete(group)
    session.execute(update(ForumGroup).where(ForumGroup.created_by == user_id).values(created_by=None))
    session.flush()
    return len(memberships)


def _mark_log(session: Session, user: User, tombstone: str) -> int:
    """The log keeps its entries; the account becomes a tombstone id, its names leave moderators' words."""
    scrub = _scrubber(user.username, user.display_name)
    session.execute(update(ModerationLogEntry).where(ModerationLogEntry.moderator_id == user.id)
                    .values(moderator_gone=tombstone, moderator_id=None))
    touched = session.execute(update(ModerationLogEntry).where(ModerationLogEntry.target_user_id == user.id)
                              .values(target_gone=tombstone, target_user_id=None)).rowcount
    for model, column in ((ModerationLogEntry, "reason"), (ModerationLogEntry, "detail"), (ForumReport, "note"),
                          (ModerationWarning, "reason"), (ModerationMute, "reason")):
        for row in session.scalars(select(model)):
            text = getattr(row, column)
            cleaned = scrub(text)
            if cleaned != text:
                setattr(row, column, cleaned[:80] if column == "detail" else cleaned)
    for model in (ModerationWarning, ModerationMute):
        session.execute(update(model).where(model.moderator_id == user.id).values(moderator_id=None))
    session.flush()
    return touched


def delete_account(session: Session, *, user_id: int, posts: str = "delete") -> dict[str, Any]:
    """Delete the user and everything of theirs; returns how many of each kind went (plain counts)."""
    if posts not in POST_CHOICES:
        raise UserError("error.delete_posts_choice")
    lock_for_writing(session)
    user = session.get(User, user_id)
    if user is None:
        raise UserError("error.user_not_found")
    summary: dict[str, Any] = {"posts": posts}
    summary.update(_handle_posts(session, user_id, posts))
    summary["reactions"] = _drop_reactions(session, user_id)
    summary["memberships"] = _leave_groups(session, user_id)
    summary["moderation_log_entries"] = _mark_log(session, user, secrets.token_hex(6))
    for name, model, column in _OWNED:
        summary[name] = session.execute(delete(model).where(column == user_id)).rowcount
    summary["login_failures"] = session.execute(
        delete(LoginFailure).where(LoginFailure.username_key == user.username_key)).rowcount
    session.delete(user)
    session.flush()
    summary["account"] = 1
    return summary

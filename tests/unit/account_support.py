"""Helpers for the account deletion and retention tests: a user with an entry of every kind."""

from __future__ import annotations

from datetime import timedelta

from resilience_app.core import clock, localtime
from resilience_app.models import Consent, ForumInviteFailure
from resilience_app.services import (
    emotion_box, first_aid, goals, journal, moods, plan, throttle,
)
from resilience_app.services.forum import groups as forum_groups, moderation
from tests.unit.forum_support import answer, join, publish


def fill_everything(db, uid: int, *, username: str, words: str, peer: int, moderator: int) -> dict:
    """Every kind of private entry, settings, a session-free throttle record, forum posts and replies,
    a reaction, a report, a warning, a mute and a consent for `uid`; each text carries `words`.
    `peer` answers the first post and reacts; `moderator` warns, mutes and notes the username in the log."""
    now = clock.now()
    with db() as s:
        moods.log_mood(s, user_id=uid, emotion="anxious", cause=f"{words} 心情", note=f"{words} 备注",
                       reframe=f"{words} 换个角度")
        journal.add_entry(s, user_id=uid, kind="win", text=f"{words} 小成就")
        journal.save_review(s, user_id=uid, week=localtime.week_of(localtime.today("Asia/Shanghai", 4)),
                            recognition=f"{words} 这周")
        goals.add_goal(s, user_id=uid, text=f"{words} 目标", reward=f"{words} 奖励",
                       day=localtime.today("Asia/Shanghai", 4))
        plan.add_interest(s, user_id=uid, name=f"{words}爬山")
        emotion_box.add_slip(s, user_id=uid, text=f"{words} 纸条")
        first_aid.start_use(s, user_id=uid, exercise="pause_30s", public_id="f" * 32)
        s.add(Consent(user_id=uid, notice_version="1", sensitive=True, source="signup", given_at=now))
        s.add(ForumInviteFailure(user_id=uid, at=now))
        throttle.record_failure(s, username_key=username.casefold(), client="c:somewhere")
    join(db, uid)
    join(db, peer)
    join(db, moderator)
    first = publish(db, uid, title=f"{words}标题", body=f"{words} 第一帖")
    second = publish(db, uid, body=f"{words} 第二帖", anonymous=True)
    theirs = publish(db, peer, body="同事的帖子")
    mine_under_theirs = answer(db, uid, theirs.id, body=f"{words} 我的回复", anonymous=True)
    answer(db, peer, first.id, body="同事的回复")
    with db() as s:
        # A group the user made stays with its other members, name and all: it is theirs too.
        group = forum_groups.create_group(s, user_id=uid, name="夜班互助组")
        forum_groups.join_with_code(s, user_id=peer, code=group.invite_code)
        moderation.report(s, user_id=uid, target="post", item_id=theirs.id, reason="other", note=f"{words} 举报")
        from resilience_app.services.forum import posts as forum
        forum.react(s, user_id=uid, target="post", item_id=theirs.id, kind="hug")
        forum.react(s, user_id=peer, target="post", item_id=first.id, kind="hug")
    with db() as s:
        moderation.warn_author(s, moderator_id=moderator, target="post", item_id=first.id,
                               reason=f"提醒 {username}: 请注意措辞")
        moderation.mute_author(s, moderator_id=moderator, target="reply", item_id=mine_under_theirs.id, days=1,
                               reason=f"{username} 禁言一天")
        moderation.moderate(s, moderator_id=moderator, target="post", item_id=second.id, action="hide",
                            reason=f"隐藏 {username} 的帖子")
    clock.set_now(now + timedelta(minutes=1))
    return {"first": first, "second": second, "theirs": theirs, "reply": mine_under_theirs, "group": group}

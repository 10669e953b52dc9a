"""Moderation through its services: reports, automatic hiding, the queue, actions, the log, mutes."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from resilience_app.core.errors import UserError
from resilience_app.models import ForumPost, ForumReport, ModerationLogEntry
from resilience_app.services.forum import feed as forum_feed, limits as forum_limits, moderation, posts as forum
from tests.unit.forum_support import answer, as_json, join, key, later, publish, register


@pytest.fixture
def circle(db, frozen_clock):
    """Lin (who posts), four peers and a moderator, all in the 淘宝/天猫 group."""
    lin = register(db, "lin")
    peers = [register(db, name) for name in ("wang", "zhao", "qian", "sun")]
    mod = register(db, "mod", role="moderator")
    for uid in (lin, *peers, mod):
        join(db, uid)
    return lin, peers, mod


def _report(db, uid, item, reason="hostile", target="post", note=""):
    with db() as s:
        return moderation.report(s, user_id=uid, target=target, item_id=item.id, reason=reason, note=note)


def _status(db, viewer, post):
    with db() as s:
        return forum.thread(s, user_id=viewer, post_id=post.id).post.status


def _log(db, mod):
    with db() as s:
        return moderation.moderation_log(s, moderator_id=mod)


def test_three_different_reporters_hide_a_post_until_a_moderator_restores_it(db, circle):
    lin, (wang, zhao, qian, sun), mod = circle
    post = publish(db, lin, kind="vent", body="这个客户太过分了")
    assert _report(db, wang, post) is True
    assert _report(db, wang, post) is False  # once per user: the second changes nothing
    assert _report(db, zhao, post, reason="spam", note="  广告  ") is True
    assert _status(db, wang, post) == "visible"
    _report(db, qian, post, reason="customer_data")
    assert _status(db, wang, post) == "hidden"
    with db() as s:
        hidden = forum.thread(s, user_id=wang, post_id=post.id).post
        assert (hidden.body, hidden.author) == ("", "")  # a placeholder for peers
        assert forum.thread(s, user_id=lin, post_id=post.id).post.body == "这个客户太过分了"  # the author
        assert forum_feed.feed(s, user_id=wang).items == ()
        queue = moderation.review_queue(s, moderator_id=mod)
    assert [(q.id, q.status, q.report_count) for q in queue] == [(post.id, "hidden", 3)]
    assert [r.reason for r in queue[0].reports] == ["hostile", "spam", "customer_data"]
    assert queue[0].reports[1].note == "广告" and queue[0].body == "这个客户太过分了"
    assert _log(db, mod)[0].action == "auto_hide" and _log(db, mod)[0].moderator == ""
    later(30)
    with db() as s:
        restored = moderation.moderate(s, moderator_id=mod, target="post", item_id=post.id, action="restore",
                                       reason="正常吐槽，没有问题")
        assert restored.status == "visible" and restored.report_count == 0
        assert moderation.review_queue(s, moderator_id=mod) == []
    assert _status(db, wang, post) == "visible"
    entry = _log(db, mod)[0]
    assert {k: getattr(entry, k) for k in ("moderator", "action", "target", "item_id", "user", "reason")} == {
        "moderator": "mod", "action": "restore", "target": "post", "item_id": post.id, "user": "lin",
        "reason": "正常吐槽，没有问题"}
    assert entry.at == datetime.fromisoformat("2026-11-20T20:30:00+08:00") and entry.at.utcoffset() == timedelta(0)
    # The same three can't report it again, and a new reporter starts a fresh count.
    assert _report(db, wang, post) is False
    assert _report(db, sun, post) is True
    assert _status(db, wang, post) == "visible"
    with db() as s:
        assert s.scalar(select(func.count()).select_from(ForumReport).where(ForumReport.resolved_at.is_(None))) == 1


def test_one_moderator_report_hides_at_once_and_is_logged(db, circle):
    lin, (wang, *_), mod = circle
    reply_to = publish(db, wang)
    reply = answer(db, lin, reply_to.id, body="你们都是废物")
    _report(db, mod, reply, target="reply", note="辱骂")
    with db() as s:
        assert forum.thread(s, user_id=wang, post_id=reply_to.id).replies[0].status == "hidden"
    entry = _log(db, mod)[0]
    assert (entry.action, entry.moderator, entry.target, entry.reason, entry.detail) == \
        ("hide", "mod", "reply", "辱骂", "hostile")


def test_worried_reports_raise_an_item_without_ever_hiding_it(db, circle):
    lin, peers, mod = circle
    post = publish(db, lin, kind="vent", body="最近每天都很难熬")
    for peer in peers:
        _report(db, peer, post, reason="worried")
    assert _status(db, peers[0], post) == "visible"
    with db() as s:
        queue = moderation.review_queue(s, moderator_id=mod)
    assert queue[0].worried is True and queue[0].status == "visible"


def _reported_then_hidden(db, circle):
    """Lin's tip reported once, then five minutes later Sun's tip hidden by three reports."""
    lin, (wang, zhao, qian, sun), _ = circle
    reported = publish(db, lin, kind="tip", title="t", body="第一条")
    _report(db, wang, reported)
    later(5)
    hidden = publish(db, sun, kind="tip", title="t", body="第二条")
    for peer in (wang, zhao, qian):
        _report(db, peer, hidden)
    later(5)
    return reported, hidden


def test_the_queue_puts_crisis_first_then_hidden_then_reported_oldest_first(db, circle):
    lin, (wang, zhao, qian, sun), mod = circle
    reported, hidden = _reported_then_hidden(db, circle)
    crisis_late = answer(db, zhao, reported.id, body="我不想活了")
    later(5)
    crisis_later = publish(db, wang, kind="vent", body="活着没意思")
    with db() as s:
        queue = moderation.review_queue(s, moderator_id=mod)
    assert [(q.id, q.target) for q in queue] == [
        (crisis_late.id, "reply"), (crisis_later.id, "post"), (hidden.id, "post"), (reported.id, "post")]
    assert queue[0].crisis is True and queue[0].post_id == reported.id


ACUTE = "我已经把攒的安眠药都吃了"
ACUTE_EN = "I've already taken all the pills I saved"
CONCERN = "活着没意思，不想再醒来了"


def test_acute_items_come_before_every_other_kind_however_long_the_others_waited(db, circle):
    lin, (wang, zhao, qian, sun), mod = circle
    reported, hidden = _reported_then_hidden(db, circle)
    concern = publish(db, wang, kind="vent", body=CONCERN)
    later(5)
    worried = publish(db, qian, kind="vent", body="最近每天都很难熬")
    _report(db, sun, worried, reason="worried")
    later(5)
    acute_reply = answer(db, zhao, reported.id, body=ACUTE_EN)
    later(5)
    acute_case = publish(db, sun, kind="case", title="一次复盘", case={"happened": "客户骂了一下午", "next_time": ACUTE})
    with db() as s:
        queue = moderation.review_queue(s, moderator_id=mod)
        waiting = moderation.acute_waiting(s, moderator_id=mod)
    assert [(q.id, q.severity) for q in queue] == [
        (acute_reply.id, "acute"), (acute_case.id, "acute"), (concern.id, "concern"),
        (worried.id, None), (hidden.id, None), (reported.id, None)]
    assert waiting == 2
    # Decided on, an acute item leaves the queue and the count.
    with db() as s:
        moderation.moderate(s, moderator_id=mod, target="reply", item_id=acute_reply.id, action="restore",
                            reason="已私信关心，内容保留")
        assert moderation.acute_waiting(s, moderator_id=mod) == 1
        assert [q.id for q in moderation.review_queue(s, moderator_id=mod)][0] == acute_case.id
    # Peers never learn of any of it.
    with db() as s:
        seen = forum.thread(s, user_id=lin, post_id=acute_case.id)
    assert seen.post.crisis is False and not hasattr(seen.post, "severity")
    assert "acute" not in as_json(seen) and "concern" not in as_json(seen)


def test_a_severity_only_rises_and_an_old_flag_counts_as_concern(db, circle):
    lin, _, mod = circle
    post = publish(db, lin, kind="vent", body=CONCERN)
    with db() as s:
        assert moderation.review_queue(s, moderator_id=mod)[0].severity == "concern"
        forum.edit_post(s, user_id=lin, post_id=post.id, body=ACUTE)
        assert moderation.review_queue(s, moderator_id=mod)[0].severity == "acute"
        forum.edit_post(s, user_id=lin, post_id=post.id, body="我好多了，谢谢大家")
        assert moderation.review_queue(s, moderator_id=mod)[0].severity == "acute"  # once seen, kept
        row = s.scalar(select(ForumPost).where(ForumPost.public_id == post.id))
        row.crisis_severity = None  # flagged before severities were kept (migration 0009 says "concern")
        s.flush()
        assert moderation.review_queue(s, moderator_id=mod)[0].severity == "concern"
        assert moderation.acute_waiting(s, moderator_id=mod) == 0


def test_a_moderator_hides_or_deletes_and_deleted_words_are_gone_for_good(db, circle):
    lin, (wang, *_), mod = circle
    post = publish(db, lin, kind="tip", title="联系方式", body="加我私聊")
    with db() as s:
        hidden = moderation.moderate(s, moderator_id=mod, target="post", item_id=post.id, action="hide",
                                     reason="疑似广告")
        assert hidden.status == "hidden" and hidden.body == "加我私聊"
        removed = moderation.moderate(s, moderator_id=mod, target="post", item_id=post.id, action="delete",
                                      reason="确认是广告")
        assert (removed.status, removed.title, removed.body) == ("removed", "", "")
        assert key(lambda: moderation.moderate(s, moderator_id=mod, target="post", item_id=post.id,
                                               action="restore", reason="x")) == "error.forum_item_closed"
        assert key(lambda: forum.edit_post(s, user_id=lin, post_id=post.id, title="a", body="b")) == \
            "error.forum_item_closed"
        assert forum.thread(s, user_id=lin, post_id=post.id).post.status == "removed"
        assert key(lambda: moderation.moderate(s, moderator_id=mod, target="post", item_id=post.id,
                                               action="ban", reason="x")) == "error.forum_action_unknown"
        assert key(lambda: moderation.moderate(s, moderator_id=mod, target="post", item_id=post.id,
                                               action="hide", reason="  ")) == "error.forum_reason_required"
    assert [e.action for e in _log(db, mod)] == ["delete", "hide"]


def test_a_warning_waits_for_its_author_until_acknowledged(db, circle):
    lin, (wang, *_), mod = circle
    post = publish(db, lin, kind="tip", title="对付差评师的办法", body="直接怼回去")
    with db() as s:
        moderation.warn_author(s, moderator_id=mod, target="post", item_id=post.id,
                               reason="请注意语气，这里的同行需要被温柔对待")
        assert moderation.pending_warnings(s, user_id=wang) == []
        [warning] = moderation.pending_warnings(s, user_id=lin)
    assert (warning.reason, warning.target, warning.excerpt) == \
        ("请注意语气，这里的同行需要被温柔对待", "post", "对付差评师的办法")
    assert "mod" not in as_json(warning)
    with db() as s:
        assert key(lambda: moderation.acknowledge_warning(s, user_id=wang, warning_id=warning.id)) == \
            "error.not_found"
        moderation.acknowledge_warning(s, user_id=lin, warning_id=warning.id)
        moderation.acknowledge_warning(s, user_id=lin, warning_id=warning.id)  # twice is once
        assert moderation.pending_warnings(s, user_id=lin) == []
    assert _log(db, mod)[0].action == "warn"


def test_a_muted_author_reads_but_cannot_write_until_the_mute_ends(db, circle):
    lin, (wang, *_), mod = circle
    post = publish(db, lin, anonymous=True)
    other = publish(db, wang)
    with db() as s:
        until = moderation.mute_author(s, moderator_id=mod, target="post", item_id=post.id, days=3,
                                       reason="多次攻击他人")
        assert until == datetime.fromisoformat("2026-11-23T20:00:00+08:00") and until.utcoffset() == timedelta(0)
        assert key(lambda: moderation.mute_author(s, moderator_id=mod, target="post", item_id=post.id,
                                                  days=0, reason="x")) == "error.forum_mute_days"
        status = moderation.mute_status(s, user_id=lin)
    assert status == moderation.MuteStatus(muted=True, until=datetime.fromisoformat("2026-11-23T20:00:00+08:00"),
                                           until_label="11月23日 20:00")
    writes = {
        "post": lambda s: forum.publish_post(s, user_id=lin, group_id="taobao", kind="vent", body="x"),
        "reply": lambda s: forum.reply(s, user_id=lin, post_id=other.id, body="x"),
        "react": lambda s: forum.react(s, user_id=lin, target="post", item_id=other.id, kind="hug"),
        "report": lambda s: moderation.report(s, user_id=lin, target="post", item_id=other.id, reason="spam"),
        "edit": lambda s: forum.edit_post(s, user_id=lin, post_id=post.id, body="y"),
    }
    for write in writes.values():
        with db() as s:
            with pytest.raises(UserError) as caught:
                write(s)
        assert caught.value.key == "error.forum_muted" and caught.value.params["until"] == "11月23日 20:00"
    with db() as s:
        assert len(forum_feed.feed(s, user_id=lin).items) == 2  # reading goes on
        forum.delete_post(s, user_id=lin, post_id=post.id)  # and so does taking one's words back
    later(3 * 24 * 60)
    publish(db, lin)
    with db() as s:
        assert moderation.mute_status(s, user_id=lin).muted is False
    entry = _log(db, mod)[-1]
    # The author was anonymous: the log names the item, not the person.
    assert (entry.action, entry.user, entry.detail) == ("mute", "", "2026-11-23T12:00:00+00:00")


def test_a_mute_can_be_lifted_early(db, circle):
    lin, _, mod = circle
    post = publish(db, lin)
    with db() as s:
        moderation.mute_author(s, moderator_id=mod, target="post", item_id=post.id, days=7, reason="冷静一下")
        moderation.lift_mute(s, moderator_id=mod, target="post", item_id=post.id, reason="已沟通")
        assert forum_limits.active_mute(s, user_id=lin) is None
    publish(db, lin)
    assert [e.action for e in _log(db, mod)][:2] == ["unmute", "mute"]


def test_who_wrote_an_anonymous_item_takes_a_reason_and_is_logged(db, circle):
    lin, (wang, *_), mod = circle
    post = publish(db, lin, anonymous=True, body="匿名吐槽")
    with db() as s:
        queue_view = moderation.moderate(s, moderator_id=mod, target="post", item_id=post.id, action="restore",
                                         reason="看一下")
        assert (queue_view.author, queue_view.alias) == ("", 1)  # even moderators see the alias first
        assert key(lambda: moderation.reveal_author(s, moderator_id=mod, target="post", item_id=post.id,
                                                    reason="")) == "error.forum_reason_required"
        who = moderation.reveal_author(s, moderator_id=mod, target="post", item_id=post.id,
                                       reason="帖子含有人身威胁，需要联系作者")
    assert (who.username, who.muted_until, who.warnings) == ("lin", None, 0)
    entry = _log(db, mod)[0]
    assert (entry.action, entry.moderator, entry.item_id, entry.reason, entry.user) == \
        ("identify", "mod", post.id, "帖子含有人身威胁，需要联系作者", "")
    with db() as s:
        assert s.scalar(select(func.count()).select_from(ModerationLogEntry)
                        .where(ModerationLogEntry.action == "identify")) == 1


def test_only_moderators_moderate(db, circle):
    lin, (wang, *_), _ = circle
    post = publish(db, lin)
    item = {"target": "post", "item_id": post.id}
    calls = [
        lambda s: moderation.review_queue(s, moderator_id=wang),
        lambda s: moderation.moderate(s, moderator_id=wang, action="hide", reason="x", **item),
        lambda s: moderation.warn_author(s, moderator_id=wang, reason="x", **item),
        lambda s: moderation.mute_author(s, moderator_id=wang, days=1, reason="x", **item),
        lambda s: moderation.lift_mute(s, moderator_id=wang, reason="x", **item),
        lambda s: moderation.reveal_author(s, moderator_id=wang, reason="x", **item),
        lambda s: moderation.moderation_log(s, moderator_id=wang),
        lambda s: moderation.acute_waiting(s, moderator_id=wang),
    ]
    for call in calls:
        with db() as s:
            assert key(lambda: call(s)) == "error.forum_moderators_only"
    assert _status(db, wang, post) == "visible"
    with db() as s:
        assert moderation.is_moderator(s, user_id=wang) is False


def test_reports_are_checked_and_limited(db, circle):
    lin, (wang, *_), mod = circle
    post = publish(db, lin)
    with db() as s:
        assert key(lambda: moderation.report(s, user_id=lin, target="post", item_id=post.id,
                                             reason="spam")) == "error.forum_report_own"
        assert key(lambda: moderation.report(s, user_id=wang, target="post", item_id=post.id,
                                             reason="ugly")) == "error.forum_report_reason_unknown"
        assert key(lambda: moderation.report(s, user_id=wang, target="post", item_id=post.id, reason="other",
                                             note="长" * 201)) == "error.forum_report_note_long"
        assert key(lambda: moderation.report(s, user_id=wang, target="post", item_id="0" * 32,
                                             reason="spam")) == "error.not_found"
        forum.delete_post(s, user_id=lin, post_id=post.id)
        assert key(lambda: moderation.report(s, user_id=wang, target="post", item_id=post.id,
                                             reason="spam")) == "error.forum_item_closed"
    targets = []
    for _ in range(forum_limits.REPORTS_PER_DAY + 1):
        later(6)  # under Lin's hourly post limit
        targets.append(publish(db, lin))
    for target in targets[:-1]:
        _report(db, wang, target, reason="worried")
    with db() as s:
        with pytest.raises(UserError) as caught:
            moderation.report(s, user_id=wang, target="post", item_id=targets[-1].id, reason="worried")
    assert caught.value.key == "error.forum_rate_reports"

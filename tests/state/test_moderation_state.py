import json

import pytest

from resilience_app.core import clock, i18n
from resilience_app.core.errors import UserError
from resilience_app.services import accounts, sessions
from resilience_app.services.forum import groups as forum_groups, moderation, posts as forum
from resilience_app.state.auth import AuthState
from resilience_app.state.moderation import ModerationState
from tests.conftest import GOOD_PASSWORD
from tests.state.conftest import make_root, run, substate


def _desk(token):
    root = make_root(token=token, path="/forum/moderation")
    run(substate(root, AuthState).load_private())
    state = substate(root, ModerationState)
    run(state.load())
    return state


def _user(db, name, language="zh-CN", role="member", display_name=""):
    """An account in the 淘宝/天猫 group, with a live session token."""
    with db() as s:
        profile = accounts.register(s, username=name, password=GOOD_PASSWORD, language=language)
        if role != "member":
            accounts.set_role(s, username=name, role=role)
        if display_name:
            accounts.update_settings(s, user_id=profile.id, display_name=display_name)
        forum_groups.join_group(s, user_id=profile.id, group_id="taobao")
        return profile, sessions.create_session(s, user_id=profile.id)


def _post(db, author, body, anonymous=False):
    with db() as s:
        return forum.publish_post(s, user_id=author.id, group_id="taobao", kind="vent", body=body,
                                  anonymous=anonymous)


def _report(db, reporters, post, reason="hostile"):
    with db() as s:
        for reporter in reporters:
            moderation.report(s, user_id=reporter.id, target="post", item_id=post.id, reason=reason)


def _act(state, item_key, action, **form):
    target, _, item_id = item_key.partition(":")
    state.open_action(target, item_id, action)
    assert (state.acting_key, state.acting) == (item_key, action)
    run(state.act(form))


def _everything(state) -> str:
    return json.dumps(state.dict(), ensure_ascii=False, default=str)


def test_a_member_is_refused_in_their_language_and_sees_no_queue(db, frozen_clock):
    author, _ = _user(db, "lin")
    peers = [_user(db, name)[0] for name in ("wang", "zhao", "qian")]
    member, member_token = _user(db, "sun", "en")
    post = _post(db, author, "这个客户太过分了")
    _report(db, peers, post)

    desk = _desk(member_token)
    assert desk.loaded and not desk.is_moderator
    assert desk.items == [] and desk.log == []
    # The page offers no buttons, but a crafted event still reaches the service, which refuses.
    _act(desk, f"post:{post.id}", "restore", reason="looks fine")
    assert desk.error_text == "Only moderators can do this."
    _act(desk, f"post:{post.id}", "identify", reason="curious")
    assert desk.error_text == i18n.translate("en", "error.forum_moderators_only")
    assert desk.items == [] and desk.revealed == [] and "lin" not in _everything(desk)
    with db() as s:
        assert forum.thread(s, user_id=member.id, post_id=post.id).post.status == "hidden"


def test_three_reports_hide_a_post_until_a_moderator_restores_it_with_a_reason(db, frozen_clock):
    author, _ = _user(db, "lin")
    peers = [_user(db, name)[0] for name in ("wang", "zhao", "qian")]
    _, mod_token = _user(db, "mod", role="moderator")
    post = _post(db, author, "这个客户太过分了")
    _report(db, peers[:2], post)
    with db() as s:
        moderation.report(s, user_id=peers[2].id, target="post", item_id=post.id, reason="spam", note="广告")

    desk = _desk(mod_token)
    assert desk.is_moderator
    key = f"post:{post.id}"
    [item] = desk.items
    assert (item.key, item.status, item.report_count, item.care) == (key, "hidden", 3, False)
    assert item.body == "这个客户太过分了" and item.who == "lin" and item.kind_key == "forum.kind.vent"
    assert [(r.reason_key, r.note) for r in item.reports] == [
        ("forum.report_reason.hostile", ""), ("forum.report_reason.hostile", ""), ("forum.report_reason.spam", "广告")]
    assert (desk.log[0].action, desk.log[0].moderator) == ("auto_hide", "")
    assert desk.log[0].detail == "攻击或骚扰、广告或刷屏"

    _act(desk, key, "restore", reason="   ")
    assert desk.error_text == i18n.translate("zh-CN", "error.forum_reason_required")
    assert desk.error_where == key and desk.acting_key == key  # the panel stays open to fix it
    assert [i.key for i in desk.items] == [key]

    run(desk.act({"reason": "正常吐槽，没有问题"}))
    assert desk.error_text == "" and desk.acting_key == ""
    assert desk.notice_text == i18n.translate("zh-CN", "mod.done.restore")
    assert desk.items == []
    entry = desk.log[0]
    assert (entry.action, entry.moderator, entry.target_key, entry.item_id, entry.user, entry.reason) == (
        "restore", "mod", "mod.target.post", post.id, "lin", "正常吐槽，没有问题")
    with db() as s:
        assert forum.thread(s, user_id=peers[0].id, post_id=post.id).post.status == "visible"


def test_a_post_that_may_need_care_comes_first(db, frozen_clock):
    author, _ = _user(db, "lin")
    peers = [_user(db, name)[0] for name in ("wang", "zhao", "qian")]
    _, mod_token = _user(db, "mod", "en", role="moderator")
    hidden = _post(db, author, "这个客户太过分了")
    _report(db, peers, hidden)
    clock.set_now(clock.now().replace(minute=30))
    crisis = _post(db, peers[0], "我不想活了", anonymous=True)

    desk = _desk(mod_token)
    assert [(i.id, i.care, i.status) for i in desk.items] == [(crisis.id, True, "visible"),
                                                              (hidden.id, False, "hidden")]
    assert desk.items[0].who == "Anonymous peer #1" and desk.items[0].report_count == 0
    assert "wang" not in _everything(desk)


def test_an_acute_post_tops_the_desk_with_an_alert_that_counts_what_waits(db, frozen_clock):
    author, _ = _user(db, "lin")
    peers = [_user(db, name)[0] for name in ("wang", "zhao", "qian")]
    _, mod_token = _user(db, "mod", "en", role="moderator")
    _, zh_mod_token = _user(db, "zhmod", role="moderator")
    hidden = _post(db, author, "这个客户太过分了")
    _report(db, peers, hidden)
    clock.set_now(clock.now().replace(minute=10))
    concern = _post(db, peers[0], "活着没意思，不想再醒来了")
    clock.set_now(clock.now().replace(minute=20))
    acute = _post(db, peers[1], "I've already taken all the pills I saved", anonymous=True)

    desk = _desk(mod_token)
    assert [(i.id, i.acute, i.care) for i in desk.items] == [
        (acute.id, True, True), (concern.id, False, True), (hidden.id, False, False)]
    assert desk.acute_count == 1
    assert desk.acute_alert == "1 urgent item is waiting: its author may be in danger now"
    assert _desk(zh_mod_token).acute_alert == "1 条紧急内容等你处理：作者可能正处在危险中"
    assert "zhao" not in _everything(desk)  # urgent or not, an anonymous author stays unnamed

    _act(desk, f"post:{acute.id}", "restore", reason="Reached out; the words can stay")
    assert desk.acute_count == 0 and desk.acute_alert == ""
    assert [i.id for i in desk.items] == [concern.id, hidden.id]


def test_who_wrote_this_takes_a_reason_shows_the_author_and_is_logged(db, frozen_clock):
    author, _ = _user(db, "secretlin", display_name="林小姐")
    reporter, _ = _user(db, "wang")
    _, mod_token = _user(db, "mod", "en", role="moderator")
    post = _post(db, author, "今天又被骂了，真想骂回去", anonymous=True)
    _report(db, [reporter], post)

    desk = _desk(mod_token)
    key = f"post:{post.id}"
    [item] = desk.items
    assert (item.status, item.who, item.anonymous) == ("visible", "Anonymous peer #1", True)
    for secret in ("secretlin", "林小姐", author.public_id):
        assert secret not in _everything(desk)

    _act(desk, key, "identify", reason="")
    assert desk.error_text == "Please write why; it goes into the moderation log." and desk.revealed == []
    run(desk.act({"reason": "Checking whether this author has been warned before"}))
    assert desk.revealed_key == key
    [who] = desk.revealed
    assert (who.username, who.display_name, who.warnings, who.muted_until) == ("secretlin", "林小姐", 0, "")
    assert desk.notice_text == i18n.translate("en", "mod.done.identify")
    entry = desk.log[0]
    assert (entry.action, entry.moderator, entry.reason) == (
        "identify", "mod", "Checking whether this author has been warned before")
    assert entry.user == ""  # the log names no anonymous author
    assert [i.key for i in desk.items] == [key]  # looking is not deciding

    # The name goes with the next action, and with a reload.
    _act(desk, key, "warn", reason="Please keep it kind")
    assert desk.revealed == [] and desk.revealed_key == ""
    run(desk.load())
    for secret in ("secretlin", "林小姐", author.public_id):
        assert secret not in _everything(desk)


def test_a_muted_author_cannot_post_until_the_mute_ends(db, frozen_clock):
    author, _ = _user(db, "lin")
    reporter, _ = _user(db, "wang")
    _, mod_token = _user(db, "mod", "en", role="moderator")
    post = _post(db, author, "这个客户太过分了")
    _report(db, [reporter], post)
    desk = _desk(mod_token)
    key = f"post:{post.id}"

    _act(desk, key, "mute", reason="Insults after a warning", days="0")
    assert desk.error_text == i18n.translate("en", "error.forum_mute_days", max=moderation.MUTE_DAYS_MAX)
    run(desk.act({"reason": "Insults after a warning", "days": "3"}))
    assert desk.error_text == ""
    assert desk.notice_text == "Muted until 23 Nov 20:00."
    assert (desk.log[0].action, desk.log[0].reason, desk.log[0].detail) == (
        "mute", "Insults after a warning", "until 23 Nov 20:00")
    with db() as s, pytest.raises(UserError) as refused:
        forum.publish_post(s, user_id=author.id, group_id="taobao", kind="vent", body="还想说两句")
    assert refused.value.key == "error.forum_muted"

    _act(desk, key, "unmute", reason="Talked it through")
    assert desk.notice_text == i18n.translate("en", "mod.done.unmute")
    with db() as s:
        assert forum.publish_post(s, user_id=author.id, group_id="taobao", kind="vent", body="谢谢版主").id


def test_a_signed_out_tab_gets_nothing(db, frozen_clock):
    desk = _desk(None)
    assert not desk.loaded and not desk.is_moderator and desk.items == []

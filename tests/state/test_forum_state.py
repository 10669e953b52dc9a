import json

from resilience_app.core import i18n
from resilience_app.services import accounts, sessions
from resilience_app.services.forum import groups as forum_groups, posts as forum
from resilience_app.state.auth import AuthState
from resilience_app.state.forum import ComposeState, ForumState, GroupsState, ThreadState
from tests.conftest import GOOD_PASSWORD
from tests.state.conftest import make_root, run, stored_drafts, substate


def _state(token, cls, path="/forum", query=None):
    root = make_root(token=token, path=path, query=query)
    run(substate(root, AuthState).load_private())
    state = substate(root, cls)
    run(state.load())
    return state


def _user(db, name, language="zh-CN", display_name=""):
    with db() as s:
        profile = accounts.register(s, username=name, password=GOOD_PASSWORD, language=language)
        if display_name:
            accounts.update_settings(s, user_id=profile.id, display_name=display_name)
        return profile, sessions.create_session(s, user_id=profile.id)


def test_groups_join_create_and_invite_in_the_users_language(db, frozen_clock):
    _, token = _user(db, "lin", "en")
    groups = _state(token, GroupsState, "/forum/groups")
    assert [g["id"] for g in groups.groups][:3] == ["taobao", "jd", "pinduoduo"]
    run(groups.join("taobao"))
    assert next(g for g in groups.groups if g["id"] == "taobao")["joined"]
    run(groups.create({"name": "Hangzhou after-sales"}))
    mine = next(g for g in groups.groups if g["kind"] == "private")
    assert groups.notice_text == "“Hangzhou after-sales” is ready. Its invite code is in the list."
    assert len(mine["invite_code"]) == 8
    run(groups.rotate(mine["id"]))
    assert next(g for g in groups.groups if g["kind"] == "private")["invite_code"] != mine["invite_code"]
    run(groups.join_with_code({"code": "WRONG123"}))
    assert groups.error_text == i18n.translate("en", "error.forum_invite_wrong")

    _, wang_token = _user(db, "wang")
    wang = _state(wang_token, GroupsState, "/forum/groups")
    assert all(g["kind"] == "public" for g in wang.groups)  # a private group shows only to its members


def test_compose_checks_then_publishes_only_the_cleaned_text(db, frozen_clock):
    profile, token = _user(db, "lin")
    with db() as s:
        forum_groups.join_group(s, user_id=profile.id, group_id="jd")
    compose = _state(token, ComposeState, "/forum/new")
    assert compose.group_id == "jd" and compose.anonymous and compose.pending_id
    compose.set_kind("question")
    run(compose.check({"title": "", "body": "怎么办"}))
    assert compose.error_text == i18n.translate("zh-CN", "error.forum_title_empty")
    assert not compose.previewing
    run(compose.check({"title": "物流丢件怎么安抚", "body": "客户电话 13812345678，一直催"}))
    assert compose.previewing and not compose.crisis
    assert [(r.kind_key, r.value) for r in compose.removed] == [("forum_ui.removed.phone", "13812345678")]
    assert "[手机号已隐藏]" in compose.preview_body
    result = run(compose.publish())
    assert "/forum/post?id=" in str(result) and stored_drafts(compose)[-1].startswith("forum_body:")
    feed = _state(token, ForumState)
    assert [item.title for item in feed.items] == ["物流丢件怎么安抚"]
    assert "13812345678" not in feed.items[0].body and feed.items[0].who == "匿名同行 #1"


def test_the_preview_knows_how_urgent_a_crisis_sign_is(db, frozen_clock):
    profile, token = _user(db, "lin")
    with db() as s:
        forum_groups.join_group(s, user_id=profile.id, group_id="taobao")
    compose = _state(token, ComposeState, "/forum/new")
    run(compose.check({"title": "", "body": "累死了，笑死，这个客户要把我逼疯了"}))
    assert (compose.crisis, compose.severity) == (False, "")
    compose.back_to_edit()
    run(compose.check({"title": "", "body": "活着没意思，不想再醒来了"}))
    assert (compose.crisis, compose.severity) == (True, "concern")
    compose.back_to_edit()
    run(compose.check({"title": "", "body": "我已经把攒的安眠药都吃了"}))
    assert (compose.crisis, compose.severity) == (True, "acute")
    post = run(compose.publish())
    thread = _state(token, ThreadState, "/forum/post", {"id": str(post).split("id=")[1][:32]})
    run(thread.check_reply({"reply": "I've already taken all the pills I saved"}))
    assert (thread.crisis, thread.severity) == (True, "acute")


def test_a_thread_never_carries_the_anonymous_authors_name(db, frozen_clock):
    author, author_token = _user(db, "secretlin", display_name="林小姐")
    reader, reader_token = _user(db, "wang", "en")
    with db() as s:
        for user in (author, reader):
            forum_groups.join_group(s, user_id=user.id, group_id="taobao")
        post = forum.publish_post(s, user_id=author.id, group_id="taobao", kind="vent", body="好累，被骂了一天",
                                  anonymous=True)
    thread = _state(reader_token, ThreadState, "/forum/post", {"id": post.id})
    assert thread.has_post and thread.post.who == "Anonymous peer #1"
    run(thread.react("post", post.id, "hug"))
    assert [(r.kind, r.count, r.mine) for r in thread.post.reactions] == [
        ("understand", 0, False), ("hug", 1, True), ("helpful", 0, False)]
    run(thread.check_reply({"reply": "Hang in there"}))
    run(thread.send_reply())
    assert [r.who for r in thread.replies] == ["Anonymous peer #2"]  # replies are anonymous unless switched off
    thread.toggle_reply_anonymous()
    run(thread.check_reply({"reply": "Signed this time"}))
    run(thread.send_reply())
    assert [r.who for r in thread.replies] == ["Anonymous peer #2", "wang"]
    everything = json.dumps(thread.dict(), ensure_ascii=False, default=str)
    for secret in ("secretlin", "林小姐", author.public_id):
        assert secret not in everything

    # Another user's post can't be edited through the page: the service refuses.
    thread.ask_delete(f"post:{post.id}")
    run(thread.delete())
    assert thread.error_text == i18n.translate("en", "error.not_found")
    assert thread.post.status == "visible"


def test_reports_and_the_signed_out_tab(db, frozen_clock):
    author, _ = _user(db, "lin")
    reader, reader_token = _user(db, "wang", "en")
    with db() as s:
        for user in (author, reader):
            forum_groups.join_group(s, user_id=user.id, group_id="taobao")
        post = forum.publish_post(s, user_id=author.id, group_id="taobao", kind="vent", body="今天很难")
    thread = _state(reader_token, ThreadState, "/forum/post", {"id": post.id})
    thread.open_report("post", post.id)
    assert thread.reporting == f"post:{post.id}"
    run(thread.report({"reason": "spam", "note": ""}))
    assert thread.notice_text == "Thank you. A moderator will look at it soon." and thread.reporting == ""
    signed_out = _state(None, ThreadState, "/forum/post", {"id": post.id})
    assert not signed_out.has_post
    assert signed_out.error_text == i18n.translate("zh-CN", "error.session_expired")

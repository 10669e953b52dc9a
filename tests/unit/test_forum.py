"""The forum through its services: groups, posting, feeds, reactions, anonymity, limits, export."""

import json
import pytest
from sqlalchemy import delete, func, select, text

from resilience_app.core import clock, security
from resilience_app.core.errors import UserError
from resilience_app.models import ForumGroup, ForumPost, ForumReaction, ForumReply, User
from resilience_app.services import accounts, portability
from resilience_app.services.forum import feed as forum_feed, groups as forum_groups, limits as forum_limits
from resilience_app.services.forum import posts as forum
from tests.unit.forum_support import answer, as_data, as_json, join, key, later, publish, register

PUBLIC_SLUGS = ["taobao", "jd", "pinduoduo", "douyin", "amazon", "newcomers", "big-sales", "after-sales",
                "night-shift"]
PHONE = "13812345678"


@pytest.fixture
def people(db, frozen_clock):
    """Lin, Wang and Zhao, a month old, all in the 淘宝/天猫 group."""
    lin, wang, zhao = (register(db, name) for name in ("lin", "wang", "zhao"))
    for uid in (lin, wang, zhao):
        join(db, uid)
    return lin, wang, zhao


def _count(db, model) -> int:
    with db() as s:
        return s.scalar(select(func.count()).select_from(model))


# --- groups ------------------------------------------------------------------------------------


def test_the_public_groups_exist_in_catalog_order_in_the_users_language(db, frozen_clock):
    lin = register(db, "lin")
    with db() as s:
        groups = forum_groups.list_groups(s, user_id=lin)
        assert [g.id for g in groups] == PUBLIC_SLUGS
        assert groups[0].name == "淘宝/天猫" and groups[0].description
        assert {g.kind for g in groups} == {"public"} and not any(g.joined for g in groups)
        forum_groups.ensure_public_groups(s)  # idempotent
        accounts.update_settings(s, user_id=lin, language="en")
        assert forum_groups.list_groups(s, user_id=lin)[6].name == "Surviving big sales"
    assert _count(db, ForumGroup) == len(PUBLIC_SLUGS)


def test_anyone_joins_and_leaves_a_public_group(db, frozen_clock):
    lin = register(db, "lin")
    with db() as s:
        joined = forum_groups.join_group(s, user_id=lin, group_id="jd")
        assert (joined.joined, joined.role, joined.member_count) == (True, "member", 1)
        assert forum_groups.join_group(s, user_id=lin, group_id="jd") == joined  # twice is once
        forum_groups.leave_group(s, user_id=lin, group_id="jd")
        assert forum_groups.get_group(s, user_id=lin, group_id="jd").joined is False
        assert key(lambda: forum_groups.join_group(s, user_id=lin, group_id="nope")) == "error.not_found"


def test_a_private_group_is_joined_with_its_code_and_rotation_retires_the_old_one(db, frozen_clock):
    lin, wang, zhao = register(db, "lin"), register(db, "wang"), register(db, "zhao")
    with db() as s:
        group = forum_groups.create_group(s, user_id=lin, name="  小蜜蜂店 客服组 ")
    assert (group.name, group.kind, group.role) == ("小蜜蜂店 客服组", "private", "owner")
    code = group.invite_code
    assert len(code) == 8 and set(code) <= set(forum_groups.INVITE_ALPHABET)
    with db() as s:
        # Not joinable by id, and a non-member can't even see it.
        assert key(lambda: forum_groups.join_group(s, user_id=wang, group_id=group.id)) == "error.not_found"
        assert key(lambda: forum_groups.get_group(s, user_id=wang, group_id=group.id)) == "error.not_found"
        typed = f" {code[:4].lower()}-{code[4:].lower()} "
        seen = forum_groups.join_with_code(s, user_id=wang, code=typed)
        assert (seen.role, seen.invite_code, seen.member_count) == ("member", "", 2)
        assert key(lambda: forum_groups.rotate_invite_code(s, user_id=wang, group_id=group.id)) == \
            "error.forum_owner_only"
        assert key(lambda: forum_groups.rotate_invite_code(s, user_id=zhao, group_id=group.id)) == \
            "error.not_found"
        fresh = forum_groups.rotate_invite_code(s, user_id=lin, group_id=group.id).invite_code
        assert fresh != code
        assert key(lambda: forum_groups.join_with_code(s, user_id=zhao, code=code)) == "error.forum_invite_wrong"
        assert forum_groups.join_with_code(s, user_id=zhao, code=fresh).joined is True
        assert [g.id for g in forum_groups.list_groups(s, user_id=zhao)][-1] == group.id


@pytest.mark.parametrize("name, error", [("", "error.forum_group_name_empty"), ("组" * 31, "error.forum_group_name_long")])
def test_a_private_group_needs_a_short_name(db, frozen_clock, name, error):
    lin = register(db, "lin")
    with db() as s:
        assert key(lambda: forum_groups.create_group(s, user_id=lin, name=name)) == error


def test_wrong_invite_codes_are_throttled_per_user_and_the_lock_lifts(db, frozen_clock):
    lin, wang, zhao = register(db, "lin"), register(db, "wang"), register(db, "zhao")
    with db() as s:
        code = forum_groups.create_group(s, user_id=lin, name="夜班组").invite_code
    for _ in range(3):  # malformed codes could never match, so they don't count
        with db() as s:
            assert key(lambda: forum_groups.join_with_code(s, user_id=wang, code="12")) == "error.forum_invite_wrong"
    wrong = "AAAAAAAA" if code != "AAAAAAAA" else "BBBBBBBB"
    for _ in range(forum_groups.INVITE_FAILURES_PER_HOUR):
        with db() as s:
            assert key(lambda: forum_groups.join_with_code(s, user_id=wang, code=wrong)) == "error.forum_invite_wrong"
    with db() as s:  # now even the right code waits
        assert key(lambda: forum_groups.join_with_code(s, user_id=wang, code=code)) == "error.forum_invite_throttled"
        # Throttling is per user.
        assert forum_groups.join_with_code(s, user_id=zhao, code=code).joined is True
    later(61)
    with db() as s:
        assert forum_groups.join_with_code(s, user_id=wang, code=code).joined is True


def test_an_owner_who_leaves_hands_over_and_the_last_to_leave_closes_the_door(db, frozen_clock):
    lin, wang = register(db, "lin"), register(db, "wang")
    with db() as s:
        group = forum_groups.create_group(s, user_id=lin, name="一组")
        forum_groups.join_with_code(s, user_id=wang, code=group.invite_code)
        forum_groups.leave_group(s, user_id=lin, group_id=group.id)
        assert forum_groups.get_group(s, user_id=wang, group_id=group.id).role == "owner"
        forum_groups.leave_group(s, user_id=wang, group_id=group.id)
        assert key(lambda: forum_groups.join_with_code(s, user_id=lin, code=group.invite_code)) == \
            "error.forum_invite_wrong"


# --- membership is the gate ---------------------------------------------------------------------


def test_a_non_member_can_neither_read_nor_write_and_learns_nothing(db, people):
    lin, wang, _ = people
    outsider = register(db, "outsider")
    with db() as s:
        private = forum_groups.create_group(s, user_id=lin, name="店铺内部")
    post = publish(db, lin, group=private.id)
    public_post = publish(db, lin)
    missing = "0" * 32
    with db() as s:
        for group_id in (private.id, "taobao"):
            assert key(lambda: forum_feed.feed(s, user_id=outsider, group_id=group_id)) == "error.not_found"
        for post_id in (post.id, public_post.id, missing):
            assert key(lambda: forum.thread(s, user_id=outsider, post_id=post_id)) == "error.not_found"
            assert key(lambda: forum.reply(s, user_id=outsider, post_id=post_id, body="hi")) == "error.not_found"
            assert key(lambda: forum.react(s, user_id=outsider, target="post", item_id=post_id,
                                           kind="hug")) == "error.not_found"
        assert key(lambda: forum.publish_post(s, user_id=outsider, group_id=private.id, kind="vent",
                                              body="x")) == "error.not_found"
        # Wang is in 淘宝/天猫 but not in the private group: its posts stay out of his home feed.
        assert [p.id for p in forum_feed.feed(s, user_id=wang).items] == [public_post.id]


# --- posting -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["case", "vent", "tip", "question"])
def test_each_kind_of_post_is_published_and_read_back(db, people, kind):
    lin, wang, _ = people
    mine = publish(db, lin, kind=kind)
    assert (mine.kind, mine.mine, mine.status, mine.group_id, mine.group_name) == \
        (kind, True, "visible", "taobao", "淘宝/天猫")
    with db() as s:
        seen = forum.thread(s, user_id=wang, post_id=mine.id).post
    assert seen.mine is False and seen.author == "lin"
    assert seen.title == mine.title and seen.body == mine.body
    if kind == "case":
        assert seen.case == {"happened": "客户要求仅退款", "customer_said": "", "i_did": "", "worked": "",
                                "next_time": ""}
    else:
        assert seen.case == {}


def test_a_case_keeps_its_five_fields(db, people):
    lin, _, _ = people
    fields = {"happened": "买家说没收到货", "customer_said": "不退款就差评", "i_did": "先安抚再查物流",
              "worked": "把物流截图发给他", "next_time": "第一时间主动同步物流"}
    post = publish(db, lin, kind="case", title="物流纠纷复盘", case={**fields, "extra": "ignored"})
    assert post.case == fields


@pytest.mark.parametrize("kind, fields, error", [
    ("poem", {"body": "x"}, "error.forum_kind_unknown"),
    ("tip", {"title": "", "body": "x"}, "error.forum_title_empty"),
    ("question", {"title": "   "}, "error.forum_title_empty"),
    ("vent", {"body": " \n "}, "error.forum_body_empty"),
    ("tip", {"title": "t", "body": ""}, "error.forum_body_empty"),
    ("case", {"title": "t", "case": {"happened": "  "}}, "error.forum_case_empty"),
    ("vent", {"title": "长" * 61, "body": "x"}, "error.forum_title_long"),
    ("vent", {"body": "长" * 3001}, "error.forum_body_long"),
    ("case", {"title": "t", "case": {"i_did": "长" * 801}}, "error.forum_case_field_long"),
])
def test_unusable_posts_are_refused_clearly_and_nothing_is_stored(db, people, kind, fields, error):
    lin, _, _ = people
    with db() as s:
        assert key(lambda: forum.publish_post(s, user_id=lin, group_id="taobao", kind=kind, **fields)) == error
        assert key(lambda: forum.preview(kind=kind, **fields)) == error
    assert _count(db, ForumPost) == 0


def test_a_vent_needs_no_title_and_a_question_no_body(db, people):
    lin, _, _ = people
    assert publish(db, lin, kind="vent", title="", body="累死了").title == ""
    assert publish(db, lin, kind="question", title="怎么回复催发货？", body="").body == ""


def test_only_the_cleaned_text_is_stored(db, people):
    lin, _, _ = people
    post = publish(db, lin, kind="case", title=f"客户 {PHONE} 的复盘", body=f"备注 {PHONE}",
                   case={"happened": f"他留了电话 {PHONE}", "customer_said": f"打我 {PHONE}"})
    reply = answer(db, lin, post.id, body=f"补充：{PHONE}")
    assert PHONE not in as_json([post, reply])
    with db() as s:  # straight from the tables, every column
        rows = s.execute(text("SELECT * FROM forum_posts")).all() + s.execute(text("SELECT * FROM forum_replies")).all()
    assert rows and PHONE not in repr(rows)


def test_preview_shows_what_will_be_removed_and_stores_nothing(db, people):
    result = forum.preview(kind="tip", title="催单话术", body=f"直接打 {PHONE} 联系我")
    assert PHONE not in result.body
    assert forum.Removal("body", result.removed[0].kind, PHONE) in result.removed
    assert result.crisis is False
    assert forum.preview_reply(body="我不想活了").crisis is True
    assert result.severity is None and forum.preview_reply(body="我不想活了").severity == "concern"
    # The most urgent field decides: an acute line in one field of a case.
    case = forum.preview(kind="case", title="复盘", case={"happened": "客户骂人", "next_time": "我已经把攒的安眠药都吃了"})
    assert (case.crisis, case.severity) == (True, "acute")
    assert _count(db, ForumPost) == 0


def test_a_crisis_post_is_still_published_and_only_its_author_sees_the_flag(db, people):
    lin, wang, _ = people
    post = publish(db, lin, kind="vent", body="我真的不想活了")
    assert post.crisis is True and post.status == "visible"
    with db() as s:
        assert forum.thread(s, user_id=wang, post_id=post.id).post.crisis is False
        assert s.scalar(select(ForumPost.in_review_since)) is not None  # waiting for a moderator
    reply = answer(db, wang, post.id, body="I just want to end it all")
    assert reply.crisis is True


def test_text_is_kept_verbatim_as_text(db, people):
    lin, wang, _ = people
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)> &amp; {{ state }} \'"'
    post = publish(db, lin, kind="tip", title="<b>bold</b> & <i>", body=payload)
    reply = answer(db, wang, post.id, body=payload)
    with db() as s:
        seen = forum.thread(s, user_id=wang, post_id=post.id)
    assert seen.post.title == "<b>bold</b> & <i>"
    assert seen.post.body == payload and seen.replies[0].body == payload == reply.body


def test_invisible_characters_that_could_hide_a_number_are_dropped(db, people):
    body = "1\u200b3\u200c8\u20601234\ufeff5678 \u202eevil"
    assert PHONE not in forum.preview(kind="vent", body=body).body
    assert forum.preview(kind="vent", body="a\r\nb\n\n\n\nc ").body == "a\nb\n\nc"


def test_a_double_tap_publishes_once_and_an_id_in_use_is_never_taken_over(db, people):
    lin, wang, _ = people
    draft_id, reply_id = security.new_public_id(), security.new_public_id()
    first = publish(db, lin, public_id=draft_id)
    assert publish(db, lin, public_id=draft_id) == first and first.id == draft_id
    assert answer(db, wang, first.id, public_id=reply_id) == answer(db, wang, first.id, public_id=reply_id)
    assert publish(db, wang, public_id=draft_id).id != draft_id  # Lin's id: Wang gets a fresh one
    assert _count(db, ForumPost) == 2 and _count(db, ForumReply) == 1


# --- edit and delete ---------------------------------------------------------------------------


def test_authors_edit_and_delete_their_own_items_only(db, people):
    lin, wang, _ = people
    post = publish(db, lin, kind="tip", title="小技巧", body="先道歉")
    reply = answer(db, wang, post.id)
    with db() as s:
        assert key(lambda: forum.edit_post(s, user_id=wang, post_id=post.id, title="x", body="y")) == \
            "error.not_found"
        assert key(lambda: forum.delete_post(s, user_id=wang, post_id=post.id)) == "error.not_found"
        assert key(lambda: forum.edit_reply(s, user_id=lin, reply_id=reply.id, body="y")) == "error.not_found"
        assert key(lambda: forum.delete_reply(s, user_id=lin, reply_id=reply.id)) == "error.not_found"
        edited = forum.edit_post(s, user_id=lin, post_id=post.id, title="小技巧（更新）", body=f"先道歉 {PHONE}")
        assert edited.edited is True and edited.title == "小技巧（更新）" and PHONE not in edited.body
        assert forum.edit_reply(s, user_id=wang, reply_id=reply.id, body="改一下").body == "改一下"
        forum.delete_post(s, user_id=lin, post_id=post.id)
    with db() as s:
        seen = forum.thread(s, user_id=wang, post_id=post.id)
        assert (seen.post.status, seen.post.title, seen.post.body, seen.post.author) == \
            ("deleted", "", "", "")
        assert [r.body for r in seen.replies] == ["改一下"]  # replies stay
        assert forum_feed.feed(s, user_id=wang).items == ()
        assert s.scalar(select(ForumPost.body)) == "" and s.scalar(select(ForumPost.title)) == ""
        # Deleted is gone: no editing, no second delete, no replying.
        assert key(lambda: forum.edit_post(s, user_id=lin, post_id=post.id, title="x", body="y")) == \
            "error.not_found"
        assert key(lambda: forum.reply(s, user_id=wang, post_id=post.id, body="?")) == "error.forum_item_closed"
        forum.delete_reply(s, user_id=wang, reply_id=reply.id)
        assert forum.thread(s, user_id=lin, post_id=post.id).replies[0].status == "deleted"


# --- reactions ---------------------------------------------------------------------------------


def test_reactions_are_one_of_each_kind_per_user_toggled_and_counted(db, people):
    lin, wang, zhao = people
    post = publish(db, lin)
    with db() as s:
        given = forum.react(s, user_id=wang, target="post", item_id=post.id, kind="hug")
        assert given == forum.ReactionTally({"understand": 0, "hug": 1, "helpful": 0}, 1, ("hug",))
        forum.react(s, user_id=wang, target="post", item_id=post.id, kind="understand")
        assert forum.react(s, user_id=wang, target="post", item_id=post.id, kind="hug", on=True).reactions[
            "hug"] == 1  # setting it on again changes nothing
        forum.react(s, user_id=zhao, target="post", item_id=post.id, kind="hug")
        taken = forum.react(s, user_id=wang, target="post", item_id=post.id, kind="hug")  # toggled off
        assert taken.my_reactions == ("understand",) and taken.reactions["hug"] == 1
        assert taken.support_count == 2
        assert key(lambda: forum.react(s, user_id=lin, target="post", item_id=post.id, kind="hug")) == \
            "error.forum_react_own"
        assert key(lambda: forum.react(s, user_id=wang, target="post", item_id=post.id, kind="like")) == \
            "error.forum_reaction_unknown"
        seen = forum_feed.feed(s, user_id=wang).items[0]
        assert (seen.reactions, seen.my_reactions, seen.support_count) == (
            {"understand": 1, "hug": 1, "helpful": 0}, ("understand",), 2)
        assert forum_feed.feed(s, user_id=lin).items[0].my_reactions == ()
    assert _count(db, ForumReaction) == 2


def test_replies_take_reactions_too(db, people):
    lin, wang, _ = people
    post = publish(db, lin)
    reply = answer(db, wang, post.id)
    with db() as s:
        forum.react(s, user_id=lin, target="reply", item_id=reply.id, kind="helpful")
        seen = forum.thread(s, user_id=lin, post_id=post.id).replies[0]
    assert seen.reactions["helpful"] == 1 and seen.my_reactions == ("helpful",)


# --- feeds -------------------------------------------------------------------------------------


def _publish_many(db, uid, count, group="taobao"):
    ids = []
    for number in range(count):
        later(7)  # stays under the hourly limit
        ids.append(publish(db, uid, group=group, body=f"第{number}条").id)
    return ids


def test_the_feed_pages_by_twenty_newest_first_without_repeats(db, people):
    lin, wang, _ = people
    ids = _publish_many(db, lin, 45)
    seen, cursor, pages = [], None, 0
    while True:
        with db() as s:
            page = forum_feed.feed(s, user_id=wang, group_id="taobao", cursor=cursor)
        pages += 1
        seen += [item.id for item in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert pages == 3 and seen == ids[::-1]


def test_the_supported_feed_puts_the_most_reactions_first(db, people):
    lin, wang, zhao = people
    quiet, loved, liked = _publish_many(db, lin, 3)
    with db() as s:
        for kind in ("hug", "understand", "helpful"):
            forum.react(s, user_id=wang, target="post", item_id=loved, kind=kind)
        forum.react(s, user_id=zhao, target="post", item_id=liked, kind="helpful")
        first = forum_feed.feed(s, user_id=wang, group_id="taobao", sort="supported")
    assert [item.id for item in first.items] == [loved, liked, quiet]
    with db() as s:
        assert key(lambda: forum_feed.feed(s, user_id=wang, sort="best")) == "error.forum_sort_unknown"


def test_the_supported_feed_pages_too(db, people):
    lin, wang, _ = people
    ids = _publish_many(db, lin, 25)
    with db() as s:
        forum.react(s, user_id=wang, target="post", item_id=ids[3], kind="hug")
        first = forum_feed.feed(s, user_id=wang, group_id="taobao", sort="supported")
        second = forum_feed.feed(s, user_id=wang, group_id="taobao", sort="supported", cursor=first.next_cursor)
    order = [item.id for item in first.items + second.items]
    assert order[0] == ids[3] and sorted(order) == sorted(ids) and second.next_cursor is None


def test_the_home_feed_merges_all_my_groups(db, people):
    lin, wang, _ = people
    join(db, lin, "jd")
    join(db, wang, "jd")
    in_taobao = _publish_many(db, lin, 12)
    in_jd = _publish_many(db, lin, 12, group="jd")
    with db() as s:
        first = forum_feed.feed(s, user_id=wang)
        second = forum_feed.feed(s, user_id=wang, cursor=first.next_cursor)
        # A stale or foreign cursor starts again from the top instead of failing.
        assert forum_feed.feed(s, user_id=wang, cursor="garbage").items == first.items
    assert [i.id for i in first.items + second.items] == (in_taobao + in_jd)[::-1]
    assert [i.group_name for i in first.items] == ["京东"] * 12 + ["淘宝/天猫"] * 8


def test_my_posts_lists_my_own_newest_first(db, people):
    lin, wang, _ = people
    ids = _publish_many(db, lin, 3)
    publish(db, wang)
    with db() as s:
        forum.delete_post(s, user_id=lin, post_id=ids[0])
        assert [p.id for p in forum_feed.my_posts(s, user_id=lin).items] == ids[:0:-1]


# --- anonymity ---------------------------------------------------------------------------------


def test_nothing_a_peer_receives_identifies_an_anonymous_author(db, frozen_clock):
    author = register(db, "secret_author_lin", display_name="小林同学秘密")
    reader = register(db, "reader_wang")
    for uid in (author, reader):
        join(db, uid)
    with db() as s:
        secret_id = s.get(User, author).public_id
    post = publish(db, author, kind="case", title="一次难忘的复盘", anonymous=True)
    answer(db, author, post.id, body="补充一点", anonymous=True)
    answer(db, reader, post.id, body="抱抱")
    with db() as s:
        received = [
            forum_feed.feed(s, user_id=reader),
            forum_feed.feed(s, user_id=reader, group_id="taobao", sort="supported"),
            forum.thread(s, user_id=reader, post_id=post.id),
            forum.react(s, user_id=reader, target="post", item_id=post.id, kind="understand"),
        ]
        mine = forum.thread(s, user_id=reader, post_id=post.id)
        received.append(mine)
        received.append(forum.react(s, user_id=reader, target="reply", item_id=mine.replies[0].id,
                                    kind="hug"))
    blob = as_json(received)
    for secret in ("secret_author_lin", "小林同学秘密", secret_id):
        assert secret not in blob
    seen = received[2]
    assert {k: getattr(seen.post, k) for k in ("anonymous", "alias", "author", "mine")} == \
        {"anonymous": True, "alias": 1, "author": "", "mine": False}
    assert {k: getattr(seen.replies[0], k) for k in ("anonymous", "alias", "author")} == \
        {"anonymous": True, "alias": 1, "author": ""}
    assert seen.replies[1].author == "reader_wang"

    def keys(value):
        if isinstance(value, dict):
            return set(value) | set().union(*(keys(v) for v in value.values()))
        if isinstance(value, list):
            return set().union(set(), *(keys(v) for v in value))
        return set()
    assert not {k for k in keys(as_data(received)) if "user" in k or k.startswith("author_")}


def test_pseudonyms_follow_first_anonymous_appearance_within_each_thread_only(db, frozen_clock):
    lin, wang, zhao = (register(db, name) for name in ("lin", "wang", "zhao"))
    for uid in (lin, wang, zhao):
        join(db, uid)
    first = publish(db, lin, anonymous=True)
    answer(db, wang, first.id, anonymous=True)
    answer(db, zhao, first.id, anonymous=True)
    answer(db, lin, first.id, anonymous=True)
    answer(db, wang, first.id, anonymous=True)
    answer(db, wang, first.id)  # named this time
    second = publish(db, zhao, anonymous=True)
    answer(db, lin, second.id, anonymous=True)
    named = publish(db, wang)
    answer(db, zhao, named.id, anonymous=True)
    with db() as s:
        one = forum.thread(s, user_id=zhao, post_id=first.id)
        two = forum.thread(s, user_id=wang, post_id=second.id)
        three = forum.thread(s, user_id=lin, post_id=named.id)
    assert [one.post.alias] + [r.alias for r in one.replies] == [1, 2, 3, 1, 2, 0]
    assert one.replies[-1].author == "wang"
    assert [two.post.alias, two.replies[0].alias] == [1, 2]  # lin is #1 above, #2 here
    assert (three.post.alias, three.replies[0].alias) == (0, 1)
    assert [r.mine for r in one.replies] == [False, True, False, False, False]


def test_ids_are_random_not_sequential(db, people):
    lin, _, _ = people
    ids = [publish(db, lin).id for _ in range(2)]
    assert all(len(i) == 32 for i in ids) and abs(int(ids[0], 16) - int(ids[1], 16)) > 1000


# --- limits ------------------------------------------------------------------------------------


def test_a_new_account_posts_three_times_a_day_in_its_first_three_days(db, frozen_clock):
    newcomer = register(db, "newcomer", seasoned=False)
    join(db, newcomer)
    for _ in range(3):
        publish(db, newcomer)
        later(30)
    with db() as s:
        with pytest.raises(UserError) as caught:
            forum.publish_post(s, user_id=newcomer, group_id="taobao", kind="vent", body="再说一句")
    error = caught.value
    assert error.key == "error.forum_new_account_limit" and error.params["max"] == 3
    assert error.params["until"] == "11月21日 20:00"  # 24 h after the first post, in Shanghai
    later(24 * 60 - 90 + 1)  # the first post is a day old
    publish(db, newcomer)


def test_the_new_account_limit_ends_when_the_account_comes_of_age(db, frozen_clock):
    newcomer = register(db, "newcomer", seasoned=False)
    join(db, newcomer)
    later(3 * 24 * 60 - 60)  # an hour before it is three days old
    for _ in range(3):
        publish(db, newcomer)
    with db() as s:
        assert key(lambda: forum.publish_post(s, user_id=newcomer, group_id="taobao", kind="vent",
                                              body="x")) == "error.forum_new_account_limit"
    later(61)
    publish(db, newcomer)


def test_everyone_posts_at_most_ten_times_an_hour_and_replies_thirty(db, people):
    lin, wang, _ = people
    for _ in range(forum_limits.POSTS_PER_HOUR):
        post = publish(db, lin)
        later(1)
    with db() as s:
        assert key(lambda: forum.publish_post(s, user_id=lin, group_id="taobao", kind="vent", body="x")) == \
            "error.forum_rate_posts"
        forum.delete_post(s, user_id=lin, post_id=post.id)  # deleting doesn't free a slot
        assert key(lambda: forum.publish_post(s, user_id=lin, group_id="taobao", kind="vent", body="x")) == \
            "error.forum_rate_posts"
    target = publish(db, wang)
    for _ in range(forum_limits.REPLIES_PER_HOUR):
        answer(db, lin, target.id)
    with db() as s:
        assert key(lambda: forum.reply(s, user_id=lin, post_id=target.id, body="x")) == "error.forum_rate_replies"
    later(60)
    answer(db, lin, target.id)
    publish(db, lin)


# --- export and restore ------------------------------------------------------------------------


def test_export_and_restore_round_trip_by_id(db, people):
    lin, wang, _ = people
    join(db, lin, "night-shift")
    with db() as s:
        private = forum_groups.create_group(s, user_id=lin, name="我的店")
    case = publish(db, lin, kind="case", title="复盘", case={"happened": "发生了", "worked": "有用的"},
                   anonymous=True)
    vent = publish(db, lin, group="night-shift", kind="vent", body="好累")
    gone = publish(db, lin, kind="tip", title="t", body="b")
    others = publish(db, wang)
    answer(db, lin, others.id, body="我懂", anonymous=True)
    with db() as s:
        forum.delete_post(s, user_id=lin, post_id=gone.id)
        document = portability.export_user(s, user_id=lin)
    assert {g["id"]: g["role"] for g in document["groups"]} == {"taobao": "member", "night-shift": "member",
                                                                private.id: "owner"}
    exported = {p["id"]: p for p in document["posts"]}
    assert exported[case.id]["case"]["worked"] == "有用的" and exported[case.id]["anonymous"] is True
    assert exported[gone.id]["status"] == "deleted" and exported[gone.id]["title"] == ""
    assert exported[vent.id]["created_at"].endswith("+08:00") and exported[vent.id]["group"] == "night-shift"
    assert [r["post"] for r in document["replies"]] == [others.id]
    # Lose the forum rows (an old backup restored), then import twice.
    with db() as s:
        s.execute(delete(ForumReply).where(ForumReply.author_id == lin))
        s.execute(delete(ForumPost).where(ForumPost.author_id == lin))
        forum_groups.leave_group(s, user_id=lin, group_id="night-shift")
    for _ in range(2):
        with db() as s:
            restored = portability.import_user(s, user_id=lin, document=document)
        assert restored[-3:] == ["groups", "posts", "replies"]
    with db() as s:
        again = portability.export_user(s, user_id=lin)
        assert forum.thread(s, user_id=wang, post_id=case.id).post.alias == 1
    live = [p for p in document["posts"] if p["status"] == "visible"]
    assert [{k: v for k, v in p.items() if k != "updated_at"} for p in again["posts"]] == \
        [{k: v for k, v in p.items() if k != "updated_at"} for p in live]
    assert [r["body"] for r in again["replies"]] == ["我懂"]
    assert _count(db, ForumPost) == 3  # two of lin's, one of wang's: no duplicates


def test_crisis_signs_are_never_exported_and_a_restore_finds_them_again(db, people):
    lin, wang, _ = people
    acute = publish(db, lin, kind="vent", body="我已经把攒的安眠药都吃了")
    concern = answer(db, lin, acute.id, body="活着没意思，不想再醒来了")
    with db() as s:
        document = portability.export_user(s, user_id=lin)
    assert "crisis" not in json.dumps(document) and "severity" not in json.dumps(document)
    with db() as s:
        s.execute(delete(ForumReply).where(ForumReply.author_id == lin))
        s.execute(delete(ForumPost).where(ForumPost.author_id == lin))
    with db() as s:
        portability.import_user(s, user_id=lin, document=document)
    with db() as s:
        post = s.scalar(select(ForumPost).where(ForumPost.public_id == acute.id))
        reply = s.scalar(select(ForumReply).where(ForumReply.public_id == concern.id))
        assert (post.crisis, post.crisis_severity, reply.crisis, reply.crisis_severity) == \
            (True, "acute", True, "concern")
        assert post.in_review_since is not None and reply.in_review_since is not None
        again = portability.export_user(s, user_id=lin)
    assert [p["body"] for p in again["posts"]] == [p["body"] for p in document["posts"]]


def test_restore_never_joins_a_private_group_or_writes_where_one_does_not_belong(db, people):
    lin, wang, _ = people
    with db() as s:
        private = forum_groups.create_group(s, user_id=lin, name="我的店")
    secret = publish(db, lin, group=private.id)
    document = {"format": "resilience-export", "version": 1,
                "groups": [{"id": private.id, "kind": "private", "name": "x", "role": "owner"}],
                "posts": [{**{k: getattr(secret, k) for k in ("id", "kind", "title", "body")},
                           "group": private.id, "anonymous": False, "status": "visible",
                           "created_at": "2026-11-20T20:00:00+08:00"},
                          {"id": "ab" * 16, "group": private.id, "kind": "vent", "body": "闯进来",
                           "status": "visible", "created_at": "2026-11-20T20:00:00+08:00"}],
                "replies": [{"id": "cd" * 16, "post": secret.id, "body": "偷看", "status": "visible",
                             "created_at": "2026-11-20T20:00:00+08:00"}]}
    with db() as s:
        portability.import_user(s, user_id=wang, document=document)
        assert key(lambda: forum_feed.feed(s, user_id=wang, group_id=private.id)) == "error.not_found"
    assert _count(db, ForumPost) == 1 and _count(db, ForumReply) == 0


@pytest.mark.parametrize("section, value, refusal", [
    ("posts", [{"id": "short", "group": "taobao", "kind": "vent", "body": "x", "created_at": "2026-11-20T20:00:00+08:00"}],
     "error.import_bad_field"),
    ("posts", [{"id": "ab" * 16, "group": "taobao", "kind": "poem", "created_at": "2026-11-20T20:00:00+08:00"}],
     "error.import_bad_field"),
    ("posts", [{"id": "ab" * 16, "group": "../taobao", "kind": "vent", "body": "x",
                "created_at": "2026-11-20T20:00:00+08:00"}], "error.import_bad_field"),
    ("replies", "nope", "error.import_bad_section"),
    ("replies", [{"id": "ab" * 16, "post": "ab" * 16 + "\n", "body": "x", "created_at": "2026-11-20T20:00:00+08:00"}],
     "error.import_bad_field"),
    ("groups", [{"id": "taobao"}], "error.import_missing_field"),
])
def test_malformed_forum_sections_are_refused(db, people, section, value, refusal):
    lin, _, _ = people
    document = {"format": "resilience-export", "version": 1, section: value}
    with db() as s:
        assert key(lambda: portability.import_user(s, user_id=lin, document=document)) == refusal


def test_a_post_time_from_the_future_is_read_as_now(db, people):
    lin, _, _ = people
    document = {"format": "resilience-export", "version": 1, "posts": [
        {"id": "ef" * 16, "group": "taobao", "kind": "vent", "body": "置顶？", "anonymous": False,
         "status": "visible", "created_at": "2030-01-01T00:00:00+08:00"}]}
    with db() as s:
        portability.import_user(s, user_id=lin, document=document)
        assert s.scalar(select(ForumPost.created_at)) == clock.now()

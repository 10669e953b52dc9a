"""The forum's Guardian as a table of roles × item states × actions, and the services held to it.

The table is the rule, written out. The first tests ask a Guardian built from plain records; the
database tests build each role for real (joining, leaving, being muted) and check that the loaded
Guardian, the services and the views all give the table's answer.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from resilience_app.core.errors import UserError
from resilience_app.models import ForumGroup, ForumPost
from resilience_app.services.forum import groups, moderation, posts
from resilience_app.services.forum.permissions import NOBODY, Guardian, guardian_for
from tests.unit.forum_support import join, key, publish, register

# ok: allowed. Refusals by their catalog key: 404 error.not_found, closed error.forum_item_closed,
# own error.forum_react_own / error.forum_report_own, muted error.forum_muted, mods error.forum_moderators_only.
ITEM_TABLE = """
role                 state      open   read   reply   edit    delete  react   report  moderate
nobody               visible    404    404    404     404     404     404     404     mods
nobody               hidden     404    404    404     404     404     404     404     mods
nobody               removed    404    404    404     404     404     404     404     mods
nobody               deleted    404    404    404     404     404     404     404     mods
nobody               anonymous  404    404    404     404     404     404     404     mods
nobody               gone       404    404    404     404     404     404     404     mods
outsider             visible    404    404    404     404     404     404     404     mods
outsider             hidden     404    404    404     404     404     404     404     mods
outsider             removed    404    404    404     404     404     404     404     mods
outsider             deleted    404    404    404     404     404     404     404     mods
outsider             anonymous  404    404    404     404     404     404     404     mods
outsider             gone       404    404    404     404     404     404     404     mods
member               visible    ok     ok     ok      404     404     ok      ok      mods
member               hidden     ok     404    closed  404     404     closed  ok      mods
member               removed    ok     404    closed  404     404     closed  closed  mods
member               deleted    ok     404    closed  404     404     closed  closed  mods
member               anonymous  ok     ok     ok      404     404     ok      ok      mods
member               gone       ok     ok     ok      404     404     ok      ok      mods
author               visible    ok     ok     ok      ok      ok      own     own     mods
author               hidden     ok     ok     closed  ok      ok      closed  own     mods
author               removed    ok     ok     closed  closed  ok      closed  own     mods
author               deleted    ok     404    closed  404     404     closed  own     mods
author               anonymous  ok     ok     ok      ok      ok      own     own     mods
author               gone       ok     ok     ok      404     404     ok      ok      mods
left_author          visible    404    ok     404     404     ok      404     404     mods
left_author          hidden     404    ok     404     404     ok      404     404     mods
left_author          removed    404    ok     404     404     ok      404     404     mods
left_author          deleted    404    404    404     404     404     404     404     mods
left_author          anonymous  404    ok     404     404     ok      404     404     mods
left_author          gone       404    404    404     404     404     404     404     mods
muted_member         visible    ok     ok     muted   404     404     muted   muted   mods
muted_member         hidden     ok     404    closed  404     404     closed  muted   mods
muted_member         removed    ok     404    closed  404     404     closed  closed  mods
muted_member         deleted    ok     404    closed  404     404     closed  closed  mods
muted_member         anonymous  ok     ok     muted   404     404     muted   muted   mods
muted_member         gone       ok     ok     muted   404     404     muted   muted   mods
muted_author         visible    ok     ok     muted   muted   ok      own     own     mods
muted_author         hidden     ok     ok     closed  muted   ok      closed  own     mods
muted_author         removed    ok     ok     closed  closed  ok      closed  own     mods
muted_author         deleted    ok     404    closed  404     404     closed  own     mods
muted_author         anonymous  ok     ok     muted   muted   ok      own     own     mods
muted_author         gone       ok     ok     muted   404     404     muted   muted   mods
owner                visible    ok     ok     ok      404     404     ok      ok      mods
owner                hidden     ok     404    closed  404     404     closed  ok      mods
owner                removed    ok     404    closed  404     404     closed  closed  mods
owner                deleted    ok     404    closed  404     404     closed  closed  mods
owner                anonymous  ok     ok     ok      404     404     ok      ok      mods
owner                gone       ok     ok     ok      404     404     ok      ok      mods
moderator            visible    ok     ok     ok      404     404     ok      ok      ok
moderator            hidden     ok     404    closed  404     404     closed  ok      ok
moderator            removed    ok     404    closed  404     404     closed  closed  closed
moderator            deleted    ok     404    closed  404     404     closed  closed  closed
moderator            anonymous  ok     ok     ok      404     404     ok      ok      ok
moderator            gone       ok     ok     ok      404     404     ok      ok      ok
moderator_elsewhere  visible    404    404    404     404     404     404     404     ok
moderator_elsewhere  hidden     404    404    404     404     404     404     404     ok
moderator_elsewhere  removed    404    404    404     404     404     404     404     closed
moderator_elsewhere  deleted    404    404    404     404     404     404     404     closed
moderator_elsewhere  anonymous  404    404    404     404     404     404     404     ok
moderator_elsewhere  gone       404    404    404     404     404     404     404     ok
"""

# Groups: public P and private Q. manage = rename a private group, see and rotate its invite code.
GROUP_TABLE = """
role          group    see    read   post    manage
nobody        public   404    404    404     404
nobody        private  404    404    404     404
outsider      public   ok     404    404     404
outsider      private  404    404    404     404
member        public   ok     ok     ok      owner_only
member        private  ok     ok     ok      owner_only
owner         public   ok     ok     ok      owner_only
owner         private  ok     ok     ok      ok
muted_member  public   ok     ok     muted   owner_only
muted_member  private  ok     ok     muted   owner_only
moderator     public   ok     404    404     404
moderator     private  404    404    404     404
"""

KEYS = {
    "ok": "ok", "404": "error.not_found", "closed": "error.forum_item_closed", "muted": "error.forum_muted",
    "mods": "error.forum_moderators_only", "owner_only": "error.forum_owner_only",
}
ITEM_ACTIONS = ("open", "read", "reply", "edit", "delete", "react", "report", "moderate")
GROUP_ACTIONS = ("see", "read", "post", "manage")


def _rows(table: str) -> list[tuple[str, str, str, str]]:
    """(role, state, action, expected key) for every cell of a table."""
    header, *lines = [line.split() for line in table.strip().splitlines()]
    cells = []
    for role, state, *answers in lines:
        for action, answer in zip(header[2:], answers, strict=True):
            own = {"react": "error.forum_react_own", "report": "error.forum_report_own"}.get(action)
            cells.append((role, state, action, own if answer == "own" else KEYS[answer]))
    return cells


# --- the Guardian over plain records ---------------------------------------------------------

G = 7  # the group's row id
P, Q = 10, 11  # a public and a private group
AUTHOR = 1
MUTED = datetime(2026, 12, 1, tzinfo=UTC)
ROLES = {
    "nobody": NOBODY,
    "outsider": Guardian(id=9, role="member"),
    "member": Guardian(id=2, role="member", groups={G: "member", P: "member", Q: "member"}),
    "author": Guardian(id=AUTHOR, role="member", groups={G: "member"}),
    "left_author": Guardian(id=AUTHOR, role="member"),
    "muted_member": Guardian(id=5, role="member", groups={G: "member", P: "member", Q: "member"}, muted_until=MUTED),
    "muted_author": Guardian(id=AUTHOR, role="member", groups={G: "member"}, muted_until=MUTED),
    "owner": Guardian(id=4, role="member", groups={G: "owner", P: "member", Q: "owner"}),
    "moderator": Guardian(id=3, role="moderator", groups={G: "member"}),
    "moderator_elsewhere": Guardian(id=3, role="moderator"),
}


def _post(state: str) -> ForumPost:
    status = state if state in ("hidden", "removed", "deleted") else "visible"
    return ForumPost(author_id=None if state == "gone" else AUTHOR, group_id=G, status=status,
                     anonymous=state == "anonymous")


def _answer(refusal: UserError | None) -> str:
    return "ok" if refusal is None else refusal.key


def _refusal(guardian: Guardian, action: str, item, thread=None) -> UserError | None:
    if action == "reply":
        return guardian.refusal_to_reply(item)
    if action == "delete":
        return guardian.refusal_to_delete(item)
    return getattr(guardian, f"refusal_to_{action}")(item, *([] if action == "moderate" else [thread]))


@pytest.mark.parametrize(("role", "state", "action", "expected"), _rows(ITEM_TABLE))
def test_the_guardian_answers_the_item_table(role, state, action, expected):
    guardian, post = ROLES[role], _post(state)
    assert _answer(_refusal(guardian, action, post)) == expected
    assert getattr(guardian, f"can_{action}")(post) is (expected == "ok")


@pytest.mark.parametrize(("role", "kind", "action", "expected"), _rows(GROUP_TABLE))
def test_the_guardian_answers_the_group_table(role, kind, action, expected):
    guardian = ROLES[role]
    group = ForumGroup(id=P if kind == "public" else Q, kind=kind)
    question = {"see": "see_group", "read": "read_group", "post": "post", "manage": "manage_group"}[action]
    assert _answer(getattr(guardian, f"refusal_to_{question}")(group)) == expected
    assert getattr(guardian, f"can_{question}")(group) is (expected == "ok")


def test_a_reply_is_judged_by_its_threads_group_and_its_own_state():
    member, author = ROLES["member"], ROLES["author"]
    thread = _post("visible")
    reply = ForumPost(author_id=AUTHOR, status="hidden", anonymous=False)  # only the thread knows the group
    assert member.can_open(reply, thread) and not member.can_read(reply, thread)
    assert not member.can_react(reply, thread) and member.can_report(reply, thread)
    assert author.can_read(reply, thread) and author.can_edit(reply, thread)
    assert not ROLES["outsider"].can_open(reply, thread)


def test_a_mute_refusal_says_until_when_in_the_viewers_language_and_zone():
    guardian = Guardian(id=5, groups={G: "member"}, language="en", time_zone="Asia/Shanghai", muted_until=MUTED)
    refusal = guardian.refusal_to_post(ForumGroup(id=G, kind="public"))
    assert (refusal.key, refusal.params) == ("error.forum_muted", {"until": "1 Dec 08:00"})


def test_nobody_is_the_signed_out_viewer_and_may_do_nothing(db):
    with db() as s:
        assert guardian_for(s, None) is NOBODY
    assert not NOBODY.signed_in and not NOBODY.is_author(ForumPost(author_id=None, group_id=G, status="visible"))


# --- the services and views held to the same table -----------------------------------------------

STATES = ("visible", "hidden", "removed", "deleted", "anonymous", "gone")
# Which table row each account plays, and whose items it is shown (its own, for the authors).
CAST = {"lin": "author", "wang": "member", "zhao": "outsider", "mod": "moderator", "qian": "muted_member",
        "sun": "muted_author", "zhou": "left_author"}
AUTHOR_OF = {"sun": "sun", "zhou": "zhou"}  # everyone else looks at lin's items


class _Undo(Exception):
    """Raised inside a unit of work so that nothing an attempt did is kept."""


def _attempt(db, call) -> str:
    try:
        with db() as s:
            call(s)
            raise _Undo
    except _Undo:
        return "ok"
    except UserError as error:
        return error.key


def _items(db, author: int, mod: int) -> dict[str, str]:
    """One post by `author` in each state; "gone" stands for one left by a deleted account."""
    ids = {state: publish(db, author, body=f"{state} 的帖子", anonymous=state == "anonymous").id
           for state in STATES}
    with db() as s:
        for state, action in (("hidden", "hide"), ("removed", "delete")):
            moderation.moderate(s, moderator_id=mod, target="post", item_id=ids[state], action=action, reason="x")
        posts.delete_post(s, user_id=author, post_id=ids["deleted"])
        s.execute(update(ForumPost).where(ForumPost.public_id == ids["gone"]).values(author_id=None))
    return ids


@pytest.fixture
def forum_cast(db, frozen_clock):
    """The cast in the 淘宝/天猫 group: zhao never joined; qian and sun are muted; zhou has left."""
    uid = {name: register(db, name, role="moderator" if name == "mod" else "member") for name in CAST}
    for name in CAST:
        if name != "zhao":
            join(db, uid[name])
    items = {name: _items(db, uid[name], uid["mod"]) for name in ("lin", "sun", "zhou")}
    muted = [publish(db, uid[name], body="我自己的帖子").id for name in ("qian", "sun")]
    with db() as s:
        for item in muted:
            moderation.mute_author(s, moderator_id=uid["mod"], target="post", item_id=item, days=3, reason="x")
        groups.leave_group(s, user_id=uid["zhou"], group_id="taobao")
    return uid, items


SERVICE_CALLS = {
    "open": lambda s, uid, item: posts.thread(s, user_id=uid, post_id=item),
    "reply": lambda s, uid, item: posts.reply(s, user_id=uid, post_id=item, body="抱抱你"),
    "edit": lambda s, uid, item: posts.edit_post(s, user_id=uid, post_id=item, body="改一下"),
    "delete": lambda s, uid, item: posts.delete_post(s, user_id=uid, post_id=item),
    "react": lambda s, uid, item: posts.react(s, user_id=uid, target="post", item_id=item, kind="hug"),
    "report": lambda s, uid, item: moderation.report(s, user_id=uid, target="post", item_id=item, reason="spam"),
    "moderate": lambda s, uid, item: moderation.moderate(s, moderator_id=uid, target="post", item_id=item,
                                                         action="hide", reason="看一下"),
}
EXPECTED = {(role, state, action): answer for role, state, action, answer in _rows(ITEM_TABLE)}


@pytest.mark.parametrize("name", list(CAST))
def test_the_services_and_the_views_give_the_tables_answers(db, forum_cast, name):
    uid, items = forum_cast
    role, mine = CAST[name], items[AUTHOR_OF.get(name, "lin")]
    for state in STATES:
        expected = {action: EXPECTED[(role, state, action)] for action in ITEM_ACTIONS}
        with db() as s:
            guardian = guardian_for(s, uid[name])
            post = s.scalar(select(ForumPost).where(ForumPost.public_id == mine[state]))
            assert {action: _answer(_refusal(guardian, action, post)) for action in ITEM_ACTIONS} == expected, state
        for action, call in SERVICE_CALLS.items():
            assert _attempt(db, lambda s: call(s, uid[name], mine[state])) == expected[action], (state, action)
        if expected["open"] == "ok":  # what the thread offers is what the services allow
            with db() as s:
                view = posts.thread(s, user_id=uid[name], post_id=mine[state]).post
            offered = {action: getattr(view, f"can_{action}") for action in ("reply", "edit", "delete", "react", "report")}
            assert offered == {action: expected[action] == "ok" for action in offered}, state
            if state not in ("removed", "deleted"):  # their words are erased for everyone
                assert (view.body != "") is (expected["read"] == "ok"), state


def test_a_muted_author_is_offered_neither_editing_nor_reactions_but_may_still_delete(db, forum_cast):
    """Before the Guardian the thread offered Edit to a muted author (the service then refused)."""
    uid, items = forum_cast
    with db() as s:
        view = posts.thread(s, user_id=uid["sun"], post_id=items["sun"]["visible"]).post
        assert (view.can_edit, view.can_delete, view.can_reply) == (False, True, False)
        assert key(lambda: posts.post_for_editing(s, user_id=uid["sun"], post_id=items["sun"]["visible"])) == \
            "error.forum_muted"
        assert posts.post_for_editing(s, user_id=uid["lin"], post_id=items["lin"]["hidden"]).status == "hidden"
        assert key(lambda: posts.post_for_editing(s, user_id=uid["lin"], post_id=items["lin"]["removed"])) == \
            "error.forum_item_closed"


def test_only_a_private_groups_owner_manages_it_and_has_no_say_over_members_posts(db, frozen_clock):
    owner, member, outsider = (register(db, name) for name in ("owner", "member", "outsider"))
    with db() as s:
        group = groups.create_group(s, user_id=owner, name="夜班组")
        groups.join_with_code(s, user_id=member, code=group.invite_code)
    post = publish(db, member, group=group.id)
    with db() as s:
        assert groups.get_group(s, user_id=member, group_id=group.id).invite_code == ""
        assert key(lambda: groups.rotate_invite_code(s, user_id=member, group_id=group.id)) == \
            "error.forum_owner_only"
        assert key(lambda: groups.rename_group(s, user_id=outsider, group_id=group.id, name="x")) == \
            "error.not_found"
        assert groups.rename_group(s, user_id=owner, group_id=group.id, name="早班组").invite_code
        assert key(lambda: posts.edit_post(s, user_id=owner, post_id=post.id, body="x")) == "error.not_found"
        assert key(lambda: posts.delete_post(s, user_id=owner, post_id=post.id)) == "error.not_found"
        view = posts.thread(s, user_id=owner, post_id=post.id).post
        assert (view.can_edit, view.can_delete, view.can_react, view.can_report) == (False, False, True, True)

"""Deleting an account: every row of the user goes, the username with it, and nobody else's data changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select

from resilience_app.core.db import get_engine
from resilience_app.core.errors import RecordedRefusal, UserError
from resilience_app.models import ForumPost, ForumReply, LoginFailure, ModerationLogEntry, User
from resilience_app.services import account_deletion, portability, throttle
from resilience_app.services.forum import moderation, posts as forum
from tests.conftest import GOOD_PASSWORD
from tests.unit.account_support import fill_everything
from tests.unit.forum_support import register

USERNAME = "Qiaoyun_7x"
WORDS = "星河七号"  # in every text the user wrote


@pytest.fixture
def world(db, frozen_clock):
    uid = register(db, USERNAME, display_name="晓云呀")
    peer = register(db, "wang")
    mod = register(db, "mod", role="moderator")
    items = fill_everything(db, uid, username=USERNAME, words=WORDS, peer=peer, moderator=mod)
    return uid, peer, mod, items


def _dump(db) -> tuple[str, bytes]:
    """The database as SQL text, and the raw bytes of its file and WAL after a checkpoint. On PostgreSQL
    (RESILIENCE_TEST_DB_URL) every row as text, twice: its files are the server's, and a deleted row's
    bytes stay in them until VACUUM."""
    if get_engine().dialect.name != "sqlite":
        with get_engine().connect() as connection:
            text = "\n".join(row for table in inspect(connection).get_table_names()
                             for row in connection.exec_driver_sql(f'SELECT t::text FROM "{table}" t').scalars())
        return text, text.encode()
    url = str(get_engine().url)
    path = Path(url.split("///", 1)[1])
    get_engine().dispose()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    text = "\n".join(connection.iterdump())
    connection.close()
    raw = path.read_bytes() + (path.with_name(path.name + "-wal").read_bytes()
                               if path.with_name(path.name + "-wal").exists() else b"")
    return text, raw


def _export(db, uid: int) -> dict:
    with db() as s:
        document = portability.export_user(s, user_id=uid)
    document.pop("exported_at")
    return document


def _absent(db, *needles: str) -> None:
    text, raw = _dump(db)
    for needle in needles:
        for form in {needle, needle.casefold()}:
            assert form not in text, form
            assert form.encode() not in raw, form
            assert form.encode("utf-16-le") not in raw, form


@pytest.mark.parametrize("posts", ["delete", "anonymise"])
def test_nothing_of_the_user_is_left_in_the_database_and_others_are_unchanged(db, world, posts):
    uid, peer, mod, items = world
    peer_before = _export(db, peer)
    text, raw = _dump(db)
    assert WORDS in text and USERNAME.encode() in raw  # the search below would find them
    with db() as s:
        summary = account_deletion.delete_account(s, user_id=uid, posts=posts)
    assert summary["account"] == 1 and summary["moods"] == 1 and summary["sessions"] == 0
    assert summary["login_failures"] == 1 and summary["consents"] == 1 and summary["reports_filed"] == 1
    assert summary["warnings"] == 1 and summary["mutes"] == 1 and summary["memberships"] == 2
    peer_after = _export(db, peer)
    # The one change: the peer now owns the private group the user made (as when an owner leaves).
    assert [g["role"] for g in peer_after["groups"]] == ["member", "owner"]
    peer_after["groups"][1]["role"] = "member"
    assert peer_after == peer_before
    if posts == "delete":
        _absent(db, USERNAME, "晓云呀", WORDS)
    else:
        _absent(db, USERNAME, "晓云呀", "举报", "小成就", "心情", "纸条", "爬山", "目标", "奖励", "这周")
    with db() as s:
        assert s.get(User, uid) is None
        assert s.scalar(select(func.count()).select_from(LoginFailure)) == 0
        # The moderation log keeps its entries: the user is a tombstone id, the same in each.
        gone = {row.target_gone for row in s.scalars(select(ModerationLogEntry))}
        assert len(gone) == 1 and None not in gone
        thread = forum.thread(s, user_id=peer, post_id=items["first"].id)
        theirs = forum.thread(s, user_id=peer, post_id=items["theirs"].id)
        # The peer's post lost the hug that went with the deleted account; the peer's reply stays.
        assert theirs.post.reactions["hug"] == 0
        assert [r.body for r in thread.replies] == ["同事的回复"]
        left = theirs.replies[0]
        assert left.gone and left.author == "" and left.alias == 0
        if posts == "delete":
            assert thread.post.status == "deleted" and thread.post.body == ""
            assert left.status == "deleted" and left.body == ""
            # The second post had no answers: it is gone altogether.
            assert s.scalar(select(ForumPost).where(ForumPost.public_id == items["second"].id)) is None
        else:
            assert thread.post.body == f"{WORDS} 第一帖" and thread.post.gone
            assert left.body == f"{WORDS} 我的回复" and not left.mine
            assert s.scalar(select(func.count()).select_from(ForumReply).where(ForumReply.author_id.is_(None))) == 1
        log = moderation.moderation_log(s, moderator_id=mod)
        assert all(entry.user == "" for entry in log)
        named = [entry for entry in log if entry.user_gone]
        assert named and {entry.user_gone for entry in named} == gone
        assert not any(USERNAME.casefold() in entry.reason.casefold() for entry in log)
        # A moderator acting on what is left gets a clear answer, not a crash.
        with pytest.raises(UserError) as caught:
            moderation.warn_author(s, moderator_id=mod, target="post", item_id=items["first"].id, reason="x")
        assert caught.value.key == "error.forum_author_gone"
        moderation.review_queue(s, moderator_id=mod)


def test_the_private_group_passes_to_the_next_member(db, world):
    uid, peer, _mod, items = world
    with db() as s:
        account_deletion.delete_account(s, user_id=uid)
    with db() as s:
        groups = {g["id"]: g for g in portability.export_user(s, user_id=peer)["groups"]}
    assert items["group"].id in groups


def test_a_moderator_who_leaves_becomes_a_tombstone_in_the_log(db, world):
    _uid, peer, mod, _items = world
    mod2 = register(db, "mod2", role="moderator")
    with db() as s:
        account_deletion.delete_account(s, user_id=mod)
    with db() as s:
        log = moderation.moderation_log(s, moderator_id=mod2)
    assert log and all(entry.moderator == "" and entry.moderator_gone for entry in log if entry.action != "auto_hide")
    _absent(db, "mod\x00")  # nothing to find but the schema: the tombstone is random
    assert peer


def test_the_password_is_asked_again_and_wrong_ones_are_counted(db, world):
    uid, *_ = world
    with db() as s:
        before = throttle.failure_count(s, username_key=USERNAME.casefold())
    with pytest.raises(RecordedRefusal), db() as s:
        account_deletion.confirm_password(s, user_id=uid, password="not it at all", client="c:x")
    with db() as s:
        assert throttle.failure_count(s, username_key=USERNAME.casefold()) == before + 1
        account_deletion.confirm_password(s, user_id=uid, password=GOOD_PASSWORD, client="c:x")


def test_an_unknown_posts_choice_is_refused_before_anything_goes(db, world):
    uid, *_ = world
    with pytest.raises(UserError) as caught, db() as s:
        account_deletion.delete_account(s, user_id=uid, posts="keep")
    assert caught.value.key == "error.delete_posts_choice"
    with db() as s:
        assert s.get(User, uid) is not None


def test_sqlite_overwrites_what_is_deleted(db):
    with get_engine().connect() as connection:
        if connection.dialect.name != "sqlite":
            pytest.skip("PRAGMA secure_delete is SQLite's")
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1

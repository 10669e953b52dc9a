"""The schema comes from alembic alone, and the models never drift from it."""

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from resilience_app.core.db import db_session, get_engine, reset_engine_cache
from resilience_app.core.settings import PROJECT_ROOT, get_settings
from resilience_app.models import ForumPost
from resilience_app.services.forum import posts as forum


def test_upgrade_from_nothing_then_check_reports_no_drift(tmp_path, monkeypatch):
    monkeypatch.setenv("RESILIENCE_DB_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    get_settings.cache_clear()
    reset_engine_cache()
    try:
        config = Config(str(PROJECT_ROOT / "alembic.ini"))
        command.upgrade(config, "head")
        command.check(config)  # raises if models and migrations differ
        tables = set(inspect(get_engine()).get_table_names())
        assert {"users", "auth_sessions", "login_failures", "alembic_version"} <= tables
        assert {"uq_forum_aliases_post_alias", "uq_forum_aliases_post_user"} <= \
            {unique["name"] for unique in inspect(get_engine()).get_unique_constraints("forum_aliases")}
        with get_engine().connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    finally:
        reset_engine_cache()
        get_settings.cache_clear()


@pytest.fixture
def empty_database(both_databases):
    """An empty SQLite file or the test run's emptied PostgreSQL; yields alembic's config."""
    return Config(str(PROJECT_ROOT / "alembic.ini"))


# Tables as revision 0006 left them: only what the data below needs (ids come from the database).
_USERS = sa.table("users", *(sa.column(name) for name in (
    "public_id", "username", "username_key", "password_hash", "display_name", "language", "time_zone",
    "day_start_hour", "role", "created_at", "password_changed_at")))
_MEMBERS = sa.table("forum_memberships", *(sa.column(name) for name in ("group_id", "user_id", "role", "joined_at")))
_COUNTS = ("understand_count", "hug_count", "helpful_count", "support_count")
_POSTS = sa.table("forum_posts", sa.column("case_fields", sa.JSON), *(sa.column(name) for name in (
    "public_id", "group_id", "author_id", "kind", "title", "body", "anonymous", "alias", "status", "crisis",
    "reply_count", "created_at", "updated_at", *_COUNTS)))
_REPLIES = sa.table("forum_replies", *(sa.column(name) for name in (
    "public_id", "post_id", "author_id", "body", "anonymous", "alias", "status", "crisis", "created_at",
    "updated_at", *_COUNTS)))
_NAMES = ("lin", "wang", "zhao", "chen", "liu")
_THREADS = {"a" * 32: True, "b" * 32: False}  # Lin's anonymous post, Lin's named post
# (thread, author, anonymous, alias) oldest first: zhao took wang's #2 and then #1; chen's #3 was his alone.
_SAID = [("a" * 32, "wang", True, 2), ("a" * 32, "zhao", True, 2), ("a" * 32, "lin", True, 1),
         ("a" * 32, "chen", True, 3), ("a" * 32, "zhao", True, 2), ("a" * 32, "wang", False, 0),
         ("b" * 32, "wang", True, 1), ("b" * 32, "zhao", True, 1), ("b" * 32, "wang", True, 1)]


def _old_forum_with_shared_pseudonyms(connection) -> None:
    """Two threads in which the reply race gave two people one number, as main did before 0007."""
    month_ago, start = datetime(2026, 10, 20, 12, 0), datetime(2026, 11, 20, 12, 0)
    connection.execute(_USERS.insert(), [
        {"public_id": name.ljust(32, "0"), "username": name, "username_key": name, "password_hash": "x",
         "display_name": "", "language": "zh-CN", "time_zone": "Asia/Shanghai", "day_start_hour": 4,
         "role": "member", "created_at": month_ago, "password_changed_at": month_ago}
        for name in _NAMES
    ])
    uid = dict(connection.execute(sa.text("SELECT username, id FROM users")).all())
    taobao = connection.scalar(sa.text("SELECT id FROM forum_groups WHERE public_id = 'taobao'"))
    connection.execute(_MEMBERS.insert(), [{"group_id": taobao, "user_id": uid[name], "role": "member",
                                            "joined_at": month_ago} for name in _NAMES])
    zero = dict.fromkeys(_COUNTS, 0)
    connection.execute(_POSTS.insert(), [
        {"public_id": public_id, "group_id": taobao, "author_id": uid["lin"], "kind": "vent", "title": "",
         "body": "今天好累", "case_fields": {}, "anonymous": anonymous, "alias": int(anonymous), "status": "visible",
         "crisis": False, "reply_count": sum(said[0] == public_id for said in _SAID), "created_at": start,
         "updated_at": start, **zero}
        for public_id, anonymous in _THREADS.items()
    ])
    post = dict(connection.execute(sa.text("SELECT public_id, id FROM forum_posts")).all())
    for minute, (thread, author, anonymous, alias) in enumerate(_SAID, start=1):
        at = start + timedelta(minutes=minute)
        connection.execute(_REPLIES.insert().values(
            public_id=f"{minute:032x}", post_id=post[thread], author_id=uid[author], body="抱抱", anonymous=anonymous,
            alias=alias, status="visible", crisis=False, created_at=at, updated_at=at, **zero))


def test_pseudonyms_shared_after_the_reply_race_are_renumbered_then_refused(empty_database, frozen_clock):
    command.upgrade(empty_database, "0006")
    with get_engine().begin() as connection:
        _old_forum_with_shared_pseudonyms(connection)
    command.upgrade(empty_database, "0007")
    with get_engine().connect() as connection:
        aliases = connection.execute(sa.text("SELECT alias FROM forum_replies ORDER BY created_at")).scalars().all()
        # The first to use a number keeps it; zhao becomes the next free one, on all his replies there.
        assert aliases == [2, 4, 1, 3, 4, 0, 1, 2, 1]
        claims = connection.execute(sa.text(
            "SELECT p.public_id, u.username, a.alias FROM forum_aliases a JOIN forum_posts p ON p.id = a.post_id "
            "JOIN users u ON u.id = a.user_id")).all()
        assert sorted(map(tuple, claims)) == [("a" * 32, "chen", 3), ("a" * 32, "wang", 2), ("a" * 32, "zhao", 4),
                                              ("b" * 32, "wang", 1), ("b" * 32, "zhao", 2)]
        uid = dict(connection.execute(sa.text("SELECT username, id FROM users")).all())
        thread = connection.scalar(sa.text("SELECT id FROM forum_posts WHERE public_id = :p"), {"p": "a" * 32})
    for taken in ({"user": uid["liu"], "alias": 2}, {"user": uid["wang"], "alias": 9}):  # a number; a second one
        with pytest.raises(IntegrityError), get_engine().begin() as connection:
            connection.execute(sa.text("INSERT INTO forum_aliases (post_id, user_id, alias) VALUES (:post, :user, :alias)"),
                               {"post": thread, **taken})
    assert {"uq_forum_aliases_post_alias", "uq_forum_aliases_post_user"} <= \
        {unique["name"] for unique in inspect(get_engine()).get_unique_constraints("forum_aliases")}
    command.upgrade(empty_database, "head")
    command.check(empty_database)
    with db_session() as session:
        new = forum.reply(session, user_id=uid["liu"], post_id="a" * 32, body="我也是", anonymous=True)
        again = forum.reply(session, user_id=uid["zhao"], post_id="a" * 32, body="谢谢", anonymous=True)
    assert (new.alias, again.alias) == (5, 4)


def test_crisis_flags_from_before_0009_become_concern_and_the_column_goes_on_downgrade(empty_database, frozen_clock):
    command.upgrade(empty_database, "0006")
    with get_engine().begin() as connection:
        _old_forum_with_shared_pseudonyms(connection)
        connection.execute(sa.text("UPDATE forum_posts SET crisis = :yes WHERE public_id = :p"),
                           {"yes": True, "p": "a" * 32})
        connection.execute(sa.text("UPDATE forum_replies SET crisis = :yes WHERE public_id = :p"),
                           {"yes": True, "p": f"{1:032x}"})
    command.upgrade(empty_database, "0009")
    with get_engine().connect() as connection:
        posts = dict(connection.execute(sa.text("SELECT public_id, crisis_severity FROM forum_posts")).all())
        replies = dict(connection.execute(sa.text("SELECT public_id, crisis_severity FROM forum_replies")).all())
    assert posts == {"a" * 32: "concern", "b" * 32: None}
    assert replies.pop(f"{1:032x}") == "concern" and set(replies.values()) == {None}
    command.downgrade(empty_database, "0008")
    assert "crisis_severity" not in {c["name"] for c in inspect(get_engine()).get_columns("forum_posts")}
    command.upgrade(empty_database, "head")
    command.check(empty_database)


def test_json_columns_are_jsonb_on_postgresql_with_their_values_kept_both_ways(empty_database, frozen_clock):
    jsonb = get_settings().db_url.startswith("postgresql")
    columns = (("mood_entries", "cause_tags"), ("recharge_blocks", "checklist"), ("forum_posts", "case_fields"))

    def types() -> set[str]:
        inspector = inspect(get_engine())
        return {type(c["type"]).__name__ for table, name in columns for c in inspector.get_columns(table)
                if c["name"] == name}

    def case_fields() -> dict:
        with get_engine().connect() as connection:
            return connection.scalar(sa.select(ForumPost.case_fields).where(ForumPost.public_id == "a" * 32))

    command.upgrade(empty_database, "0006")
    with get_engine().begin() as connection:
        _old_forum_with_shared_pseudonyms(connection)
        connection.execute(_POSTS.update().where(_POSTS.c.public_id == "a" * 32),
                           {"case_fields": {"平台": "淘宝", "tags": ["退款", "差评"], "n": 2}})
    command.upgrade(empty_database, "head")
    command.check(empty_database)
    assert types() == ({"JSONB"} if jsonb else {"JSON"})
    assert case_fields() == {"平台": "淘宝", "tags": ["退款", "差评"], "n": 2}
    command.downgrade(empty_database, "0011")
    assert types() == {"JSON"}
    assert case_fields() == {"平台": "淘宝", "tags": ["退款", "差评"], "n": 2}
    command.upgrade(empty_database, "head")
    command.check(empty_database)

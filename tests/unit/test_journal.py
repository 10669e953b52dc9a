from datetime import UTC, date, datetime

import pytest

from resilience_app.core import localtime
from resilience_app.core.errors import UserError
from resilience_app.services import accounts, journal, portability


def test_wins_and_gratitude_are_stored_once_per_id(db, users):
    lin, _ = users
    with db() as s:
        first = journal.add_entry(s, user_id=lin, kind="win", text=" 500 个咨询，一条规则都没答错 ",
                                  prompt_key="journal.prompt.2", public_id="a" * 32)
        again = journal.add_entry(s, user_id=lin, kind="win", text="double tap", public_id="a" * 32)
        journal.add_entry(s, user_id=lin, kind="gratitude", text="同事帮我顶了一个班")
    assert first == again and first.text == "500 个咨询，一条规则都没答错"
    with db() as s:
        assert [e.kind for e in journal.recent_entries(s, user_id=lin)] == ["gratitude", "win"]


@pytest.mark.parametrize(("kind", "text", "key"), [
    ("win", "", "error.journal_empty"),
    ("win", "   ", "error.journal_empty"),
    ("win", "x" * 301, "error.journal_too_long"),
    ("brag", "hi", "error.journal_kind"),
])
def test_bad_entries_are_refused(db, users, kind, text, key):
    lin, _ = users
    with pytest.raises(UserError) as caught, db() as s:
        journal.add_entry(s, user_id=lin, kind=kind, text=text)
    assert caught.value.key == key


def test_ownership(db, users):
    lin, wang = users
    with db() as s:
        mine = journal.add_entry(s, user_id=lin, kind="win", text="mine").public_id
    for attempt in (lambda s: journal.update_entry(s, user_id=wang, public_id=mine, kind="win", text="x"),
                    lambda s: journal.delete_entry(s, user_id=wang, public_id=mine)):
        with pytest.raises(UserError) as caught, db() as s:
            attempt(s)
        assert caught.value.key == "error.not_found"
    with db() as s:
        assert journal.recent_entries(s, user_id=wang) == []
        assert journal.recent_entries(s, user_id=lin)[0].text == "mine"


def test_prompts_rotate_by_day_and_after_each_entry():
    day = date(2026, 11, 22)
    assert journal.prompt_for(day, 0) != journal.prompt_for(day, 1)
    assert journal.prompt_for(day, 0) != journal.prompt_for(date(2026, 11, 23), 0)
    assert journal.prompt_for(day, len(journal.PROMPT_KEYS)) == journal.prompt_for(day, 0)


def test_iso_weeks_and_their_local_bounds():
    assert localtime.week_of(date(2026, 11, 22)) == "2026-W47"
    assert localtime.week_of(date(2027, 1, 1)) == "2026-W53"
    assert localtime.week_days("2026-W47") == (date(2026, 11, 16), date(2026, 11, 22))
    start, end = localtime.week_bounds("2026-W47", "Asia/Shanghai", 4)
    assert start == datetime(2026, 11, 15, 20, tzinfo=UTC) and end == datetime(2026, 11, 22, 20, tzinfo=UTC)
    with pytest.raises(UserError):
        localtime.week_days("last week")


def test_the_review_is_due_from_the_review_hour_of_the_review_day():
    sunday, saturday, monday = date(2026, 11, 22), date(2026, 11, 21), date(2026, 11, 23)
    at = lambda d, h: datetime(d.year, d.month, d.day, h)  # noqa: E731
    assert not journal.review_due(now_local=at(sunday, 19), today=sunday, review_weekday=6, review_hour=20)
    assert journal.review_due(now_local=at(sunday, 20), today=sunday, review_weekday=6, review_hour=20)
    # 01:00 on Monday with day start 04:00 is still Sunday's day: still due.
    assert journal.review_due(now_local=at(monday, 1), today=sunday, review_weekday=6, review_hour=20)
    assert not journal.review_due(now_local=at(saturday, 22), today=saturday, review_weekday=6, review_hour=20)
    assert journal.review_due(now_local=at(saturday, 9), today=saturday, review_weekday=4, review_hour=20)


def test_one_review_per_week_updated_in_place_and_exported(db, users):
    lin, wang = users
    with db() as s:
        journal.save_review(s, user_id=lin, week="2026-W47", recognition="这周我稳住了")
        journal.save_review(s, user_id=lin, week="2026-W47", recognition="这周我稳稳地接住了很多情绪")
        journal.add_entry(s, user_id=lin, kind="win", text="客户说谢谢")
        document = portability.export_user(s, user_id=lin)
    assert [r["recognition"] for r in document["weekly_reviews"]] == ["这周我稳稳地接住了很多情绪"]
    for _ in range(2):
        with db() as s:
            portability.import_user(s, user_id=wang, document=document)
    with db() as s:
        theirs = portability.export_user(s, user_id=wang)
    assert theirs["weekly_reviews"] == document["weekly_reviews"]
    assert [e["id"] for e in theirs["journal"]] == [e["id"] for e in document["journal"]]
    with pytest.raises(UserError), db() as s:
        journal.save_review(s, user_id=lin, week="2026-W47", recognition=" ")


def test_bad_journal_import_changes_nothing(db, users):
    lin, _ = users
    bad = {"format": "resilience-export", "version": 1,
           "journal": [{"id": "b" * 32, "kind": "win", "text": "ok", "written_at": "2026-11-20T20:00:00+08:00"},
                       {"id": "c" * 32, "kind": "win", "text": "", "written_at": "2026-11-20T21:00:00+08:00"}]}
    with pytest.raises(UserError), db() as s:
        portability.import_user(s, user_id=lin, document=bad)
    with db() as s:
        assert journal.recent_entries(s, user_id=lin) == []


def test_review_settings_are_validated(db, users):
    lin, _ = users
    with db() as s:
        assert accounts.update_settings(s, user_id=lin, review_weekday=4, review_hour=18).review_weekday == 4
    for bad in ({"review_weekday": 7}, {"review_hour": 24}):
        with pytest.raises(UserError), db() as s:
            accounts.update_settings(s, user_id=lin, **bad)

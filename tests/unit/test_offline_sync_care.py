"""Care after an offline sync (issues 12 and 15), over HTTP: a line or a slip written on the phone without a
connection gets the same crisis check as one saved in the app once it syncs. The answer says how urgent,
never the words; nothing is stored beyond the entry itself; "not now" today keeps it quiet; another
user's ids check nothing. The kit carries the help lines from data/hotlines.json for the offline screen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from resilience_app import routes
from resilience_app.core import localtime, security
from resilience_app.core.db import db_session
from resilience_app.models import Base, User
from resilience_app.services import care, safety
from tests.unit import test_offline_sync_routes as sync_routes
from tests.unit.test_offline_sync_routes import SAME_ORIGIN, Phone, felt

ACUTE = "我已经把攒的安眠药都吃了"
CONCERN = "活着没意思，不想再醒来了"
CONCERN_EN = "I don't want to wake up tomorrow, there's no point anymore"
IDIOM = "累死了，笑死，这个客户要把我逼疯了"
IDIOM_EN = "Killing it today, this refund queue is a suicide mission"
# The same two phones as the sync's own tests: Lin in Chinese, Wang in English.
lin, wang = sync_routes.lin, sync_routes.wang


def entry(kind: str, text: str, public_id: str | None = None) -> dict:
    return {"id": public_id or security.new_public_id(), "kind": kind, "felt_at": felt(), "text": text}


def sync(phone: Phone, entries: list[dict], quiet: object = None):
    body = {"owner": phone.kit["owner"], "entries": entries} | ({} if quiet is None else {"quiet": quiet})
    response = phone.client.post(routes.API_SYNC, json=body, headers=SAME_ORIGIN)
    assert response.status_code == 200, response.text
    return response


def row_counts() -> dict[str, int]:
    with db_session() as s:
        return {table.name: s.scalar(select(func.count()).select_from(table)) for table in Base.metadata.sorted_tables}


def todays_mark(phone: Phone, days_ago: int = 0) -> str:
    with db_session() as s:
        user = s.get(User, phone.user_id)
        day = localtime.today(user.time_zone, user.day_start_hour) - timedelta(days=days_ago)
        return care.quiet_mark(user_public_id=user.public_id, day=day)


@pytest.mark.parametrize("kind, text, severity", [
    ("box", CONCERN, "concern"),
    ("box", ACUTE, "acute"),
    ("win", CONCERN_EN, "concern"),
    ("gratitude", ACUTE, "acute"),
])
def test_a_crisis_line_or_slip_synced_answers_with_care_and_never_the_words(lin, kind, text, severity):
    before = row_counts()
    response = sync(lin, [entry(kind, text)])
    answer = response.json()
    assert answer["results"][0]["status"] == "stored"
    assert answer["care"] == {"severity": severity, "quiet_mark": todays_mark(lin)}
    assert text not in response.text and "安眠药" not in response.text
    # The entry itself, and nothing else: no flag, no note, no report.
    table = "box_slips" if kind == "box" else "journal_entries"
    after = row_counts()
    assert after[table] == before[table] + 1
    assert {name: n for name, n in after.items() if name != table} == {
        name: n for name, n in before.items() if name != table}


def test_the_most_urgent_sign_in_a_batch_is_what_the_answer_says(lin):
    answer = sync(lin, [entry("box", CONCERN), entry("win", "顾客说谢谢"), entry("box", ACUTE)]).json()
    assert answer["care"]["severity"] == "acute"


@pytest.mark.parametrize("text", [IDIOM, IDIOM_EN, "顾客说谢谢", "想死你了，下班一起吃饭"])
def test_idioms_and_ordinary_words_answer_no_care(lin, text):
    answer = sync(lin, [entry("box", text), entry("win", text)]).json()
    assert [r["status"] for r in answer["results"]] == ["stored", "stored"]
    assert "care" not in answer


def test_a_check_in_made_offline_has_no_words_to_check(lin):
    answer = sync(lin, [{"id": security.new_public_id(), "kind": "checkin", "felt_at": felt(), "emotion": "anxious"}])
    assert "care" not in answer.json()


def test_not_now_today_keeps_it_quiet_and_yesterdays_or_anothers_mark_does_not(lin, wang):
    assert "care" not in sync(lin, [entry("box", ACUTE)], quiet=todays_mark(lin)).json()
    for mark in (todays_mark(lin, days_ago=1), todays_mark(wang), "", 42, ["x"]):
        assert sync(lin, [entry("box", CONCERN)], quiet=mark).json()["care"]["severity"] == "concern"


def test_a_slip_resent_after_a_lost_answer_still_brings_care(lin):
    slip = entry("box", CONCERN)
    sync(lin, [slip])
    again = sync(lin, [slip]).json()
    assert again["results"][0]["status"] == "duplicate" and again["care"]["severity"] == "concern"


def test_another_users_ids_check_nothing(lin, wang):
    # Lin's crisis slip; Wang's phone sends the same id with ordinary words: stored as Wang's own,
    # and only Wang's words are checked.
    slip = entry("box", ACUTE)
    assert sync(lin, [slip]).json()["care"]["severity"] == "acute"
    answer = sync(wang, [entry("box", "A long day of refunds", slip["id"])]).json()
    assert answer["results"][0]["status"] == "stored" and "care" not in answer
    # A refused entry is not checked either, even with Lin's id.
    refused = sync(wang, [entry("box", "", slip["id"])]).json()
    assert refused["results"][0]["status"] in ("refused", "duplicate") and "care" not in refused


def test_the_kit_carries_the_help_lines_from_the_hotline_file_in_the_users_language(lin, wang):
    lines = safety.hotlines()
    for phone, lang in ((lin, "zh-CN"), (wang, "en")):
        help_ = phone.kit["help"]
        assert [line["number"] for line in help_["lines"]] == [line["number"] for line in lines]
        assert [line["name"] for line in help_["lines"]] == [line["name"][lang] for line in lines]
        assert help_["checked"] == max(line["checked"] for line in lines)
    assert lin.kit["help"]["text"]["title"] != wang.kit["help"]["text"]["title"]
    assert wang.kit["help"]["text"]["not_now"] == "Not now"
    assert set(lin.kit["help"]["text"]) == {"title", "body", "private", "not_now", "not_now_hint", "answer_now",
                                            "checked"}


"""The download routes over HTTP: each cookie gets its own rows, no cookie gets nothing."""

import csv
import io
import json
import re
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from starlette.testclient import TestClient

from resilience_app import routes
from resilience_app.core import clock
from resilience_app.core.db import db_session
from resilience_app.services import accounts, journal, moods, sessions
from resilience_app.web.auth_routes import build_auth_app
from resilience_app.web.cookies import SESSION_COOKIE
from resilience_app.web.downloads import content_disposition
from tests.conftest import GOOD_PASSWORD

DOWNLOADS = (routes.API_EXPORT, routes.API_CHECKINS_CSV, routes.API_JOURNAL_CSV)


def _browser(username: str, language: str) -> TestClient:
    client = TestClient(build_auth_app(), base_url="http://localhost:3000", follow_redirects=False)
    with db_session() as s:
        user_id = accounts.register(s, username=username, password=GOOD_PASSWORD, language=language,
                                    time_zone="Asia/Shanghai").id
        client.cookies.set(SESSION_COOKIE, sessions.create_session(s, user_id=user_id, user_agent="test"))
        moods.log_mood(s, user_id=user_id, emotion="anxious", note=f"{username} 的备注, \"私密\"")
        journal.add_entry(s, user_id=user_id, kind="win", text=f"{username} 的小成就")
    return client


@pytest.fixture
def lin_and_wang(db):
    return _browser("lin", "zh-CN"), _browser("wang", "en")


def _csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_each_cookie_downloads_only_its_own_rows(lin_and_wang):
    lin, wang = lin_and_wang
    for client, me, other in ((lin, "lin", "wang"), (wang, "wang", "lin")):
        document = json.loads(client.get(routes.API_EXPORT).content)
        assert document["user"]["username"] == me
        assert [m["note"] for m in document["moods"]] == [f'{me} 的备注, "私密"']
        checkins = _csv(client.get(routes.API_CHECKINS_CSV))
        assert [row[11] for row in checkins[1:]] == [f'{me} 的备注, "私密"']
        entries = _csv(client.get(routes.API_JOURNAL_CSV))
        assert [row[6] for row in entries[1:]] == [f"{me} 的小成就"]
        everything = b"".join(client.get(path).content for path in DOWNLOADS).decode("utf-8")
        assert other not in everything


def test_no_cookie_or_a_made_up_one_gets_401(lin_and_wang):
    stranger = TestClient(build_auth_app(), base_url="http://localhost:3000", follow_redirects=False)
    for path in (*DOWNLOADS, routes.API_PLAN_ICS):
        assert stranger.get(path).status_code == 401
        stranger.cookies.set(SESSION_COOKIE, "not-a-session")
        response = stranger.get(path)
        assert response.status_code == 401 and b"lin" not in response.content
        stranger.cookies.clear()


def local_today(zone: str = "Asia/Shanghai") -> str:
    return clock.now().astimezone(ZoneInfo(zone)).strftime("%Y%m%d")


def test_downloads_are_attachments_with_a_local_name_and_an_ascii_fallback(lin_and_wang):
    lin, wang = lin_and_wang
    response = lin.get(routes.API_CHECKINS_CSV)
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["cache-control"] == "no-store"
    disposition = response.headers["content-disposition"]
    today = local_today()  # the name carries the user's local date, whatever moment the run is pinned to
    assert disposition.startswith(f'attachment; filename="resilience-check-ins-{today}')
    assert unquote(disposition.split("filename*=UTF-8''")[1]).startswith(f"心韧-心情打卡-{today}")
    assert disposition.isascii()
    english = wang.get(routes.API_JOURNAL_CSV).headers["content-disposition"]
    assert re.search(r"filename\*=UTF-8''resilience-journal-\d{8}\.csv", english)
    assert lin.get(routes.API_EXPORT).headers["content-type"] == "application/json"


def test_content_disposition_names():
    assert content_disposition("心韧 日记.csv", "journal.csv") == (
        "attachment; filename=\"journal.csv\"; filename*=UTF-8''%E5%BF%83%E9%9F%A7%20%E6%97%A5%E8%AE%B0.csv")
    # Without a fallback, whatever is not plain ASCII becomes a dash; quotes never reach the header.
    assert content_disposition('周报 "W48".ics').startswith('attachment; filename="W48-.ics"')

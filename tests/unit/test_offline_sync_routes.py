"""Offline capture's server side over HTTP: the kit, the sync of a phone's queue, the health probe.

The sync stores a queue once (idempotent by the phone's ids), keeps the moment each entry was felt,
refuses moments in the future or too long ago, refuses a queue recorded under another account and
anything that is not a same-origin JSON POST, and answers every hostile payload without a 500.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from starlette.testclient import TestClient

from resilience_app import routes
from resilience_app.core import clock, security
from resilience_app.core.db import db_session
from resilience_app.models import BoxSlip, JournalEntry, MoodEntry
from resilience_app.services import consent, sessions
from resilience_app.web.auth_routes import build_auth_app
from resilience_app.web.cookies import SESSION_COOKIE
from tests.conftest import GOOD_PASSWORD

HOST = "http://localhost:3000"
SAME_ORIGIN = {"origin": HOST, "x-resilience-sync": "1"}


class Phone:
    """A browser signed in as one user, as the offline script talks to the server."""

    def __init__(self, username: str, language: str = "zh-CN") -> None:
        self.client = TestClient(build_auth_app(), base_url=HOST, follow_redirects=False)
        with db_session() as s:
            profile = consent.sign_up(s, agreed=True, username=username, password=GOOD_PASSWORD,
                                      language=language, time_zone="Asia/Shanghai")
            self.client.cookies.set(SESSION_COOKIE, sessions.create_session(s, user_id=profile.id, user_agent="t"))
        self.user_id = profile.id
        self.kit = self.client.get(routes.API_OFFLINE_KIT).json()

    def sync(self, entries, *, owner: str | None = None, headers: dict | None = None):
        body = {"owner": self.kit["owner"] if owner is None else owner, "entries": entries}
        return self.client.post(routes.API_SYNC, json=body, headers=SAME_ORIGIN if headers is None else headers)


def felt(minutes_ago: float = 10) -> str:
    return (clock.now() - timedelta(minutes=minutes_ago)).isoformat()


def checkin(**fields) -> dict:
    return {"id": security.new_public_id(), "kind": "checkin", "felt_at": felt(), "emotion": "anxious"} | fields


def count(model, user_id: int) -> int:
    with db_session() as s:
        return s.scalar(select(func.count()).select_from(model).where(model.user_id == user_id))


@pytest.fixture
def lin(db):
    return Phone("lin")


@pytest.fixture
def wang(db):
    return Phone("wang", "en")


def test_healthz_answers_while_the_server_runs(db):
    response = TestClient(build_auth_app(), base_url=HOST).get(routes.HEALTHZ)
    assert response.status_code == 200 and response.json() == {"ok": True, "db": "ok", "redis": "off"}


def test_the_kit_holds_the_words_in_the_users_language_and_names_its_owner(lin, wang):
    assert lin.kit["lang"] == "zh-CN" and wang.kit["lang"] == "en"
    assert lin.kit["owner"] != wang.kit["owner"] and security.is_public_id(lin.kit["owner"])
    words = {w["key"]: w["name"] for q in lin.kit["quadrants"] for w in q["emotions"]}
    assert words["anxious"] == "焦虑"
    assert {q["key"] for q in wang.kit["quadrants"]} == {"high_unpleasant", "low_unpleasant", "low_pleasant", "high_pleasant"}
    assert wang.kit["text"]["saved_here"] == "Saved on this phone, will sync"
    assert lin.kit["text"]["saved_here"] == "已存在这台手机上，会自动同步"
    assert abs(lin.kit["now"] / 1000 - clock.now().timestamp()) < 1
    response = lin.client.get(routes.API_OFFLINE_KIT)
    assert response.headers["cache-control"] == "no-store"


def test_signed_out_the_kit_names_nobody(db):
    assert TestClient(build_auth_app(), base_url=HOST).get(routes.API_OFFLINE_KIT).json() == {"owner": None}


def test_a_queue_is_stored_once_with_the_time_each_entry_was_felt(lin):
    moment = clock.now() - timedelta(hours=3, minutes=7)
    entries = [
        checkin(felt_at=moment.isoformat(), intensity=4, tags=["refund_only"]),
        {"id": security.new_public_id(), "kind": "win", "felt_at": felt(60), "text": "顾客说谢谢"},
        {"id": security.new_public_id(), "kind": "gratitude", "felt_at": felt(50), "text": "同事帮我顶班"},
        {"id": security.new_public_id(), "kind": "box", "felt_at": felt(40), "text": "被骂了很久"},
    ]
    first = lin.sync(entries)
    assert first.status_code == 200
    assert [r["status"] for r in first.json()["results"]] == ["stored"] * 4
    again = lin.sync(entries)
    assert [r["status"] for r in again.json()["results"]] == ["duplicate"] * 4
    assert (count(MoodEntry, lin.user_id), count(JournalEntry, lin.user_id), count(BoxSlip, lin.user_id)) == (1, 2, 1)
    with db_session() as s:
        mood = s.scalar(select(MoodEntry).where(MoodEntry.user_id == lin.user_id))
        slip = s.scalar(select(BoxSlip).where(BoxSlip.user_id == lin.user_id))
        assert (mood.public_id, mood.felt_at, mood.intensity, mood.cause_tags) == (
            entries[0]["id"], moment, 4, ["refund_only"])
        assert slip.written_at.isoformat() == entries[3]["felt_at"] and slip.status == "open"


def test_the_same_id_twice_in_one_batch_is_stored_once(lin):
    entry = checkin()
    assert [r["status"] for r in lin.sync([entry, entry]).json()["results"]] == ["stored", "duplicate"]
    assert count(MoodEntry, lin.user_id) == 1


@pytest.mark.parametrize("moment, ok", [
    (lambda now: now + timedelta(minutes=4), True),
    (lambda now: now + timedelta(minutes=6), False),
    (lambda now: now - timedelta(days=29, hours=23), True),
    (lambda now: now - timedelta(days=30, minutes=1), False),
])
def test_a_felt_time_in_the_future_or_over_30_days_old_is_refused(lin, moment, ok):
    result = lin.sync([checkin(felt_at=moment(clock.now()).isoformat())]).json()["results"][0]
    assert result["status"] == ("stored" if ok else "refused")
    assert result["reason"] == ("" if ok else "offline.error.time_range")
    assert count(MoodEntry, lin.user_id) == int(ok)


@pytest.mark.parametrize("value", ["2026-11-29T10:00:00", "yesterday", "", 1795969800, None, "9" * 50])
def test_a_felt_time_without_a_zone_or_unreadable_is_refused(lin, value):
    assert lin.sync([checkin(felt_at=value)]).json()["results"][0]["status"] == "refused"
    assert count(MoodEntry, lin.user_id) == 0


def test_a_queue_recorded_under_another_account_is_refused_whole(lin, wang):
    # Lin's phone still holds Lin's queue; Wang has signed in on it.
    response = wang.sync([checkin()], owner=lin.kit["owner"])
    assert response.status_code == 409 and response.json() == {"error": "wrong_account"}
    assert count(MoodEntry, wang.user_id) == 0 and count(MoodEntry, lin.user_id) == 0
    assert wang.sync([checkin()], owner="").status_code == 409


def test_an_id_another_user_has_is_still_stored_as_this_users_own(lin, wang):
    entry = checkin()
    assert lin.sync([entry]).json()["results"][0]["status"] == "stored"
    assert wang.sync([entry]).json()["results"][0]["status"] == "stored"
    assert count(MoodEntry, lin.user_id) == count(MoodEntry, wang.user_id) == 1


def test_signed_out_or_with_a_made_up_cookie_nothing_is_stored(lin):
    stranger = TestClient(build_auth_app(), base_url=HOST)
    body = {"owner": lin.kit["owner"], "entries": [checkin()]}
    assert stranger.post(routes.API_SYNC, json=body, headers=SAME_ORIGIN).status_code == 401
    stranger.cookies.set(SESSION_COOKIE, "not-a-session")
    assert stranger.post(routes.API_SYNC, json=body, headers=SAME_ORIGIN).status_code == 401
    assert count(MoodEntry, lin.user_id) == 0


@pytest.mark.parametrize("headers", [
    {"x-resilience-sync": "1"},  # no Origin
    {"origin": "null", "x-resilience-sync": "1"},
    {"origin": "https://evil.example", "x-resilience-sync": "1"},
    {"origin": HOST},  # no custom header: a plain cross-site form could send this
    {"origin": HOST, "x-resilience-sync": "yes"},
])
def test_only_a_same_origin_request_with_the_custom_header_is_heard(lin, headers):
    assert lin.sync([checkin()], headers=headers).status_code == 403
    assert count(MoodEntry, lin.user_id) == 0


def test_a_form_post_is_refused_even_from_this_origin(lin):
    response = lin.client.post(routes.API_SYNC, data={"owner": lin.kit["owner"]}, headers=SAME_ORIGIN)
    assert response.status_code == 403


def test_without_a_current_consent_nothing_is_stored_and_the_phone_keeps_it(lin):
    with db_session() as s:
        consent.withdraw(s, user_id=lin.user_id)
    response = lin.sync([checkin()])
    assert response.status_code == 403 and response.json() == {"error": "error.consent_needed"}
    assert count(MoodEntry, lin.user_id) == 0


def test_too_large_or_too_many_is_refused(lin):
    big = lin.client.post(routes.API_SYNC, content=b"{" + b" " * 300_000 + b"}",
                          headers=SAME_ORIGIN | {"content-type": "application/json"})
    assert big.status_code == 413
    assert lin.sync([checkin() for _ in range(51)]).status_code == 400
    assert count(MoodEntry, lin.user_id) == 0


def test_a_full_emotion_box_keeps_the_slip_on_the_phone_for_later(lin):
    slips = [{"id": security.new_public_id(), "kind": "box", "felt_at": felt(), "text": f"纸条 {n}"} for n in range(21)]
    results = lin.sync(slips).json()["results"]
    assert [r["status"] for r in results] == ["stored"] * 20 + ["later"]
    assert results[-1]["reason"] == "error.box_too_many"


@pytest.mark.parametrize("entry", [
    {"kind": "checkin", "emotion": "not-a-feeling"},
    {"kind": "checkin", "emotion": "anxious", "intensity": 9},
    {"kind": "checkin", "emotion": "anxious", "intensity": True},
    {"kind": "checkin", "emotion": "anxious", "intensity": "3"},
    {"kind": "checkin", "emotion": "anxious", "tags": ["no-such-tag"]},
    {"kind": "checkin", "emotion": "anxious", "tags": "abuse"},
    {"kind": "checkin", "emotion": ["anxious"]},
    {"kind": "win", "text": ""},
    {"kind": "win", "text": "x" * 301},
    {"kind": "box", "text": {"$ne": ""}},
    {"kind": "forum_post", "text": "hello"},
    {"kind": "checkin", "emotion": "anxious", "id": "../../etc/passwd"},
    {"kind": "checkin", "emotion": "anxious", "id": "A" * 32},
])
def test_malformed_entries_are_refused_one_by_one(lin, entry):
    good = checkin()
    bad = {"id": security.new_public_id(), "felt_at": felt()} | entry
    results = lin.sync([bad, good]).json()["results"]
    assert results[0]["status"] == "refused" and results[1]["status"] == "stored"
    assert count(MoodEntry, lin.user_id) == 1 and count(JournalEntry, lin.user_id) == 0


@pytest.mark.parametrize("body", [b"", b"not json", b"[]", b'{"entries": {}}', b'{"owner": 1}', b"[" * 100_000,
                                  b'"\\ud800"', b"\xff\xfe"])
def test_malformed_bodies_get_400(lin, body):
    response = lin.client.post(routes.API_SYNC, content=body, headers=SAME_ORIGIN | {"content-type": "application/json"})
    assert response.status_code == 400


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
ENTRY = st.fixed_dictionaries({}, optional={
    "id": st.one_of(st.just("a" * 32), st.text(max_size=40), JSON_VALUES),
    "kind": st.one_of(st.sampled_from(["checkin", "win", "gratitude", "box"]), JSON_VALUES),
    "felt_at": st.one_of(st.just("2026-11-29T16:00:00+00:00"), st.text(max_size=40), JSON_VALUES),
    "emotion": st.one_of(st.sampled_from(["anxious", "calm"]), JSON_VALUES),
    "intensity": JSON_VALUES,
    "tags": st.one_of(st.lists(st.sampled_from(["abuse", "refund_only", "x"])), JSON_VALUES),
    "text": st.one_of(st.text(max_size=600), JSON_VALUES),
})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(st.one_of(ENTRY, JSON_VALUES), max_size=6))
def test_hostile_queues_never_break_the_server_or_store_a_bad_entry(lin, entries):
    response = lin.sync(entries)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert len(results) == len(entries)
    for entry, result in zip(entries, results):
        assert result["status"] in ("stored", "duplicate", "refused", "later")
        if result["status"] == "stored":
            assert entry["id"] == "a" * 32 and entry["kind"] in ("checkin", "win", "gratitude", "box")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=JSON_VALUES)
def test_any_json_document_gets_an_answer_not_a_crash(lin, payload):
    response = lin.client.post(routes.API_SYNC, content=json.dumps(payload),
                               headers=SAME_ORIGIN | {"content-type": "application/json"})
    assert response.status_code in (200, 400, 409)

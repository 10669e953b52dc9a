"""The privacy notice and consent (issue 13, PIPL): the service, the sign-up route, the CLI."""

import io
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from resilience_app.cli import main as cli_main
from resilience_app.core import clock, i18n
from resilience_app.core.errors import UserError
from resilience_app.core.settings import get_settings
from resilience_app.models import Consent, User
from resilience_app.services import accounts, consent
from resilience_app.web.auth_routes import build_auth_app
from resilience_app.web.cookies import SESSION_COOKIE
from tests.conftest import GOOD_PASSWORD


@pytest.fixture
def lin(db, frozen_clock):
    with db() as s:
        return accounts.register(s, username="lin", password=GOOD_PASSWORD).id


# --- the service -----------------------------------------------------------------


def test_a_new_account_has_no_consent_until_it_is_recorded(db, lin):
    with db() as s:
        assert consent.current(s, user_id=lin) is None and not consent.has_current(s, user_id=lin)
        with pytest.raises(UserError) as refused:
            consent.require(s, user_id=lin)
        assert refused.value.key == "error.consent_needed"
        recorded = consent.record(s, user_id=lin, source="sign_in")
    assert (recorded.notice_version, recorded.source) == (consent.NOTICE_VERSION, "sign_in")
    assert recorded.given_at == datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    with db() as s:
        assert consent.current(s, user_id=lin) == recorded
        consent.require(s, user_id=lin)
        row = s.scalar(select(Consent))
    assert row.sensitive is True and row.withdrawn_at is None


def test_agreeing_twice_keeps_the_first_answer(db, lin):
    with db() as s:
        first = consent.record(s, user_id=lin, source="signup")
    clock.set_now(clock.now() + timedelta(minutes=5))
    with db() as s:
        assert consent.record(s, user_id=lin, source="sign_in") == first
        assert s.scalar(select(func.count()).select_from(Consent)) == 1


def test_an_unknown_source_is_a_programming_error(db, lin):
    with db() as s, pytest.raises(ValueError):
        consent.record(s, user_id=lin, source="guess")


def test_withdrawing_keeps_the_row_with_its_time_and_asks_again(db, lin):
    with db() as s:
        consent.record(s, user_id=lin, source="signup")
    clock.set_now(clock.now() + timedelta(days=3))
    with db() as s:
        assert consent.withdraw(s, user_id=lin) is True
    with db() as s:
        assert consent.current(s, user_id=lin) is None
        row = s.scalar(select(Consent))
        assert row.withdrawn_at == datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
        assert consent.withdraw(s, user_id=lin) is False  # nothing left to withdraw
    # Agreeing again is a new answer, with its own time; the withdrawn one stays on record.
    with db() as s:
        again = consent.record(s, user_id=lin, source="sign_in")
        assert again.given_at == datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
        assert s.scalar(select(func.count()).select_from(Consent)) == 2


def test_a_new_notice_version_asks_everyone_again(db, lin, monkeypatch):
    with db() as s:
        consent.record(s, user_id=lin, source="signup")
    monkeypatch.setattr(consent, "NOTICE_VERSION", "2027-03-01")
    with db() as s:
        assert consent.current(s, user_id=lin) is None
        assert consent.record(s, user_id=lin, source="sign_in").notice_version == "2027-03-01"
        assert consent.has_current(s, user_id=lin)


def test_one_users_consent_is_not_anothers(db, lin):
    with db() as s:
        wang = accounts.register(s, username="wang", password=GOOD_PASSWORD).id
        consent.record(s, user_id=lin, source="signup")
        assert consent.has_current(s, user_id=lin) and not consent.has_current(s, user_id=wang)
        consent.withdraw(s, user_id=wang)
        assert consent.has_current(s, user_id=lin)


def test_sign_up_refuses_without_the_box_and_stores_nothing(db, frozen_clock):
    with db() as s, pytest.raises(UserError) as refused:
        consent.sign_up(s, agreed=False, username="lin", password=GOOD_PASSWORD)
    assert refused.value.key == "error.consent_signup"
    with db() as s:
        assert s.scalar(select(func.count()).select_from(User)) == 0
        profile = consent.sign_up(s, agreed=True, username="lin", password=GOOD_PASSWORD)
        assert consent.current(s, user_id=profile.id).source == "signup"


def test_a_failed_sign_up_leaves_no_consent_behind(db, frozen_clock):
    with db() as s, pytest.raises(UserError):
        consent.sign_up(s, agreed=True, username="lin", password="12345678")
    with db() as s:
        assert s.scalar(select(func.count()).select_from(Consent)) == 0


def test_the_notice_has_every_section_in_both_languages():
    for language in i18n.LANGUAGES:
        words = i18n.catalog(language)
        for key in consent.NOTICE_SECTIONS:
            assert words[f"privacy.{key}.title"] and words[f"privacy.{key}.body"], (language, key)
    english = " ".join(i18n.translate("en", f"privacy.{key}.body") for key in consent.NOTICE_SECTIONS)
    for promise in ("analytics", "third parties", "moderators", "Export my data", "Delete account", "operator"):
        assert promise in english


def test_the_contact_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("RESILIENCE_PRIVACY_CONTACT", "  privacy@example.cn\n  (HR, 3rd floor) ")
    get_settings.cache_clear()
    try:
        assert get_settings().privacy_contact == "privacy@example.cn (HR, 3rd floor)"
        monkeypatch.delenv("RESILIENCE_PRIVACY_CONTACT")
        get_settings.cache_clear()
        assert get_settings().privacy_contact == ""  # the page shows the default words then
    finally:
        get_settings.cache_clear()


# --- the sign-up route -------------------------------------------------------------


@pytest.fixture
def client(db):
    return TestClient(build_auth_app(), base_url="http://localhost:3000", follow_redirects=False)


def test_sign_up_without_the_box_is_refused_with_a_message_and_no_account(client, db):
    response = client.post("/auth/register", data={"username": "lin", "password": GOOD_PASSWORD})
    assert response.status_code == 303
    assert response.headers["location"] == "/register?error=error.consent_signup&u=lin"
    assert SESSION_COOKIE not in response.cookies
    with db() as s:
        assert s.scalar(select(func.count()).select_from(User)) == 0
        assert s.scalar(select(func.count()).select_from(Consent)) == 0
    for language, words in (("zh-CN", "敏感个人信息"), ("en", "sensitive personal information")):
        assert words in i18n.translate(language, "error.consent_signup")


@pytest.mark.parametrize("value", ["", "no", "on "])
def test_only_the_ticked_box_counts(client, db, value):
    response = client.post("/auth/register", data={"username": "lin", "password": GOOD_PASSWORD,
                                                   "consent_sensitive": value})
    assert "error=error.consent_signup" in response.headers["location"]


def test_sign_up_with_the_box_records_the_consent_with_the_account(client, db, frozen_clock):
    response = client.post("/auth/register", data={"username": "lin", "password": GOOD_PASSWORD,
                                                   "consent_sensitive": "yes"})
    assert response.headers["location"] == "/?welcome=1"
    with db() as s:
        user = s.scalar(select(User))
        row = s.scalar(select(Consent))
    assert row.user_id == user.id
    assert (row.notice_version, row.sensitive, row.source) == (consent.NOTICE_VERSION, True, "signup")
    assert row.given_at == user.created_at == datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


# --- the command line ----------------------------------------------------------------


def _user_add(monkeypatch, *args: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(GOOD_PASSWORD + "\n"))
    return cli_main(["user", "add", *args, "--password-stdin"])


def test_user_add_with_accept_notice_records_an_operator_consent(db, frozen_clock, monkeypatch, capsys):
    assert _user_add(monkeypatch, "lin", "--accept-notice") == 0
    assert consent.NOTICE_VERSION in capsys.readouterr().out
    with db() as s:
        record = consent.current(s, user_id=accounts.find_user(s, "lin").id)
    assert record is not None and record.source == "operator"


def test_user_add_without_it_leaves_the_user_to_be_asked(db, frozen_clock, monkeypatch):
    assert _user_add(monkeypatch, "lin") == 0
    with db() as s:
        assert consent.current(s, user_id=accounts.find_user(s, "lin").id) is None

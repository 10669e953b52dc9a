"""The cookie-owning HTTP routes, through Starlette's test client."""

import json

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from resilience_app.models import AuthSession, User
from resilience_app.web.auth_routes import build_auth_app
from resilience_app.web.cookies import LANGUAGE_COOKIE, SESSION_COOKIE
from tests.conftest import GOOD_PASSWORD


@pytest.fixture
def client(db):
    return TestClient(build_auth_app(), base_url="http://localhost:3000", follow_redirects=False)


def _register(client, username="lin", password=GOOD_PASSWORD, **extra):
    """The sign-up form as sent with the consent box ticked (tests/unit/test_consent.py leaves it out)."""
    form = {"username": username, "password": password, "consent_sensitive": "yes", **extra}
    return client.post("/auth/register", data=form)


def test_register_sets_an_httponly_session_cookie(client, db):
    response = _register(client, language="en", time_zone="Europe/Paris")
    assert response.status_code == 303 and response.headers["location"] == "/?welcome=1"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    with db() as s:
        user = s.scalar(select(User))
        stored = s.scalar(select(AuthSession.token_hash))
    assert user.password_hash.startswith("$argon2id$")
    assert (user.language, user.time_zone) == ("en", "Europe/Paris")
    token = client.cookies[SESSION_COOKIE]
    assert token not in stored and len(token) >= 43


def test_signing_in_or_up_sets_the_accounts_language_for_the_next_page(client):
    """The next page is sent prerendered in it (web/page_language.py), even if the browser prefers another."""
    registered = _register(client, language="en")
    assert registered.cookies[LANGUAGE_COOKIE] == "en"
    client.cookies.clear()
    signed_in = client.post("/auth/login", data={"username": "lin", "password": GOOD_PASSWORD},
                            headers={"accept-language": "zh-CN"})
    assert signed_in.cookies[LANGUAGE_COOKIE] == "en"
    cookie = next(c for c in signed_in.headers.get_list("set-cookie") if c.startswith(f"{LANGUAGE_COOKIE}="))
    assert "HttpOnly" not in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    # A failed sign-in says nothing about the account.
    client.cookies.clear()
    refused = client.post("/auth/login", data={"username": "lin", "password": "nope nope nope"})
    assert LANGUAGE_COOKIE not in refused.cookies


def test_register_error_returns_to_the_form_with_a_key(client):
    response = _register(client, password="short")
    assert response.status_code == 303
    assert response.headers["location"] == "/register?error=error.password_too_short&u=lin"
    assert SESSION_COOKIE not in response.cookies


def test_login_logout_and_the_same_answer_for_any_bad_pair(client):
    _register(client)
    client.cookies.clear()
    wrong_user = client.post("/auth/login", data={"username": "nobody", "password": GOOD_PASSWORD})
    wrong_pass = client.post("/auth/login", data={"username": "lin", "password": "nope nope nope"})
    assert wrong_user.headers["location"].split("&u=")[0] == wrong_pass.headers["location"].split("&u=")[0]
    assert "error=error.bad_credentials" in wrong_pass.headers["location"]
    ok = client.post("/auth/login", data={"username": "lin", "password": GOOD_PASSWORD, "next": "/me"})
    assert ok.headers["location"] == "/me"
    assert client.get("/api/export").status_code == 200
    out = client.post("/auth/logout")
    assert out.headers["location"] == "/login?notice=notice.logged_out"
    client.cookies.set(SESSION_COOKIE, ok.cookies[SESSION_COOKIE])  # replay the old cookie
    assert client.get("/api/export").status_code == 401


def test_next_never_leaves_the_site(client):
    _register(client)
    client.cookies.clear()
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post("/auth/login", data={"username": "lin", "password": GOOD_PASSWORD, "next": target})
        assert response.headers["location"] == "/"


def test_cross_site_posts_are_refused(client):
    response = client.post("/auth/register", data={"username": "lin", "password": GOOD_PASSWORD},
                           headers={"origin": "https://evil.example"})
    assert response.status_code == 403
    response = client.post("/auth/register", data={"username": "lin", "password": GOOD_PASSWORD},
                           headers={"origin": "http://localhost:3000"})
    assert response.status_code == 303


def test_password_change_revokes_other_sessions_and_keeps_this_one(client, db):
    _register(client)
    other = TestClient(build_auth_app(), base_url="http://localhost:3000", follow_redirects=False)
    other.post("/auth/login", data={"username": "lin", "password": GOOD_PASSWORD})
    assert other.get("/api/export").status_code == 200
    bad = client.post("/auth/password", data={"current_password": "wrong one!", "new_password": "x"})
    assert bad.headers["location"] == "/me?pw_error=error.current_password_wrong"
    good = client.post("/auth/password", data={"current_password": GOOD_PASSWORD, "new_password": "a new long phrase"})
    assert good.headers["location"] == "/me?notice=notice.password_changed"
    assert client.get("/api/export").status_code == 200
    assert other.get("/api/export").status_code == 401


def test_export_download_is_the_users_own_document(client):
    _register(client, username="lin")
    response = client.get("/api/export")
    assert response.headers["content-disposition"].startswith('attachment; filename="resilience-export-')
    assert response.headers["cache-control"] == "no-store"
    document = json.loads(response.text)
    assert document["user"]["username"] == "lin"


def test_signing_in_rehashes_a_password_stored_with_older_parameters(client, db):
    from resilience_app.core import security

    security.use_hash_cost(memory_cost=8, rounds=1, parallelism=1)
    _register(client)
    client.post("/auth/logout")
    with db() as s:
        old = s.scalar(select(User.password_hash))
    security.use_hash_cost(memory_cost=16, rounds=2, parallelism=1)
    assert client.post("/auth/login", data={"username": "lin", "password": GOOD_PASSWORD}).headers["location"] == "/"
    with db() as s:
        new = s.scalar(select(User.password_hash))
    assert old.startswith("$argon2id$v=19$m=8,t=1,p=1$") and new.startswith("$argon2id$v=19$m=16,t=2,p=1$")
    client.post("/auth/logout")
    assert client.post("/auth/login", data={"username": "lin", "password": GOOD_PASSWORD}).headers["location"] == "/"

"""Login throttling through the real /auth/login route, whose unit of work rolls back on errors.

Every client here comes from one address (Starlette's test client), as an office behind
one NAT does; what tells them apart is the signed client cookie.
"""

import secrets
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from resilience_app.models import AuthSession, LoginFailure
from resilience_app.services import throttle
from resilience_app.web import client_id
from resilience_app.web.auth_routes import build_auth_app
from resilience_app.web.client_id import CLIENT_COOKIE, with_client_cookie
from resilience_app.web.cookies import SESSION_COOKIE
from tests.conftest import GOOD_PASSWORD

WRONG = "not the right phrase"


@pytest.fixture(autouse=True)
def fresh_mint_budget(monkeypatch):
    monkeypatch.setattr(client_id, "_budget", client_id._MintBudget())


def _browser(*, cookies: bool = True) -> TestClient:
    """A browser that has loaded a page here, and so has its client id (signed by this server);
    or, with cookies=False, a script that throws every cookie away."""
    client = TestClient(build_auth_app(), base_url="http://localhost:3000", follow_redirects=False)
    client.forgetful = not cookies
    if not cookies:
        return client
    client.cookies.set(CLIENT_COOKIE, client_id.signed(secrets.token_urlsafe(16)))
    return client


def _answer(response) -> str:
    """The error key a sign-in came back with, or "ok"."""
    query = parse_qs(urlsplit(response.headers["location"]).query)
    return query.get("error", ["ok"])[0]


def _login(client: TestClient, username: str, password: str) -> str:
    if client.forgetful:
        client.cookies.clear()
    return _answer(client.post("/auth/login", data={"username": username, "password": password}))


def _register(name: str) -> TestClient:
    """A person who signed up in their own browser, which now knows them."""
    browser = _browser()
    response = browser.post("/auth/register", data={"username": name, "password": GOOD_PASSWORD,
                                                    "consent_sensitive": "yes"})
    assert response.status_code == 303 and SESSION_COOKIE in browser.cookies
    browser.post("/auth/logout")
    return browser


@pytest.fixture
def people(db, frozen_clock):
    return {name: _register(name) for name in ("lin", "wang", "zhao")}


def test_ten_wrong_passwords_then_the_right_one_waits_and_the_failures_are_stored(db, frozen_clock, people):
    thief = _browser()
    answers = [_login(thief, "lin", WRONG) for _ in range(10)]
    assert answers[: throttle.FREE_FAILURES] == ["error.bad_credentials"] * throttle.FREE_FAILURES
    assert set(answers[throttle.FREE_FAILURES:]) == {"error.throttled"}
    assert _login(thief, "lin", GOOD_PASSWORD) == "error.throttled"
    with db() as s:  # committed, although each sign-in failed inside its unit of work
        assert s.scalar(select(func.count()).select_from(LoginFailure)) == throttle.FREE_FAILURES
    frozen_clock.set_now(frozen_clock.now() + timedelta(seconds=16))
    assert _login(thief, "lin", GOOD_PASSWORD) == "ok"


def test_the_wait_is_shown_in_minutes_on_the_sign_in_page(db, frozen_clock, people):
    thief = _browser()
    for _ in range(throttle.FREE_FAILURES):
        _login(thief, "lin", WRONG)
    response = thief.post("/auth/login", data={"username": "lin", "password": WRONG})
    query = parse_qs(urlsplit(response.headers["location"]).query)
    assert query["error"] == ["error.throttled"] and query["wait"] == ["1"] and query["u"] == ["lin"]


def test_spraying_many_usernames_from_one_client_is_slowed(db, frozen_clock, people):
    sprayer = _browser()
    names = [f"agent{i:02d}" for i in range(27)] + ["lin", "wang", "zhao"]
    answers = [_login(sprayer, name, "123456 summer") for name in names]
    assert answers[: throttle.SPRAY_FREE_FAILURES] == ["error.bad_credentials"] * throttle.SPRAY_FREE_FAILURES
    assert set(answers[throttle.SPRAY_FREE_FAILURES:]) == {"error.throttled"}


def test_a_sprayer_that_throws_cookies_away_is_slowed_by_its_address(db, frozen_clock, people):
    sprayer = _browser(cookies=False)
    answers = [_login(sprayer, f"agent{i:02d}", "123456 summer") for i in range(30)]
    assert answers.count("error.bad_credentials") == throttle.SPRAY_FREE_FAILURES
    assert answers[-1] == "error.throttled"


def test_an_office_behind_one_address_is_never_locked_out(db, frozen_clock):
    """Fifty agents share one public address with someone spraying and hammering their accounts."""
    office = {f"agent{i:02d}": _register(f"agent{i:02d}") for i in range(50)}
    sprayer = _browser(cookies=False)
    for name in office:
        _login(sprayer, name, "123456 summer")
    for _ in range(40):  # and a determined attack on one colleague, with fresh cookies each time
        _login(_browser(), "agent07", WRONG)
    assert [_login(browser, name, GOOD_PASSWORD) for name, browser in office.items()] == ["ok"] * 50


def test_a_new_browser_that_has_loaded_the_page_signs_in_at_once_beside_a_sprayer(db, frozen_clock, people):
    sprayer = _browser(cookies=False)
    for i in range(30):
        _login(sprayer, f"agent{i:02d}", WRONG)
    page = TestClient(with_client_cookie(Starlette(routes=[Route("/login/", lambda r: HTMLResponse("<p>"))])),
                      base_url="http://localhost:3000")
    got = page.get("/login/")
    assert CLIENT_COOKIE in got.cookies
    assert {"httponly", "samesite=lax", "path=/"} <= {part.strip().lower() for part in got.headers["set-cookie"].split(";")}
    assert _login(_browser(), "zhao", GOOD_PASSWORD) == "ok"


def test_an_account_under_a_distributed_attack_still_lets_its_own_browser_in(db, frozen_clock, people):
    for _ in range(throttle.PER_ACCOUNT_CEILING):  # many clients, one try each
        _login(_browser(), "wang", WRONG)
    assert _login(_browser(), "wang", GOOD_PASSWORD) == "error.throttled"  # a stranger waits
    assert _login(people["wang"], "wang", GOOD_PASSWORD) == "ok"  # her own phone does not


def test_forged_client_ids_are_not_believed(db, frozen_clock, people):
    forger = _browser()
    for i in range(throttle.SPRAY_FREE_FAILURES + 3):
        forger.cookies.set(CLIENT_COOKIE, f"made-up-{i}.AAAAAAAAAAAAAAAAAAAAAA")
        _login(forger, f"agent{i:02d}", WRONG)
    forger.cookies.set(CLIENT_COOKIE, "made-up-x.AAAAAAAAAAAAAAAAAAAAAA")
    assert _login(forger, "agent99", WRONG) == "error.throttled"


def test_a_successful_sign_in_marks_the_browser_as_known_to_that_account(db, frozen_clock, people):
    with db() as s:
        hashes = s.scalars(select(AuthSession.client_hash)).all()
    assert len(hashes) == 3 and all(h and len(h) == 64 for h in hashes)


def test_cookie_farming_is_capped_per_address(db, frozen_clock):
    page = TestClient(with_client_cookie(Starlette(routes=[Route("/", lambda r: HTMLResponse("<p>"))])),
                      base_url="http://localhost:3000")
    minted = 0
    for _ in range(client_id.MINTS_PER_ADDRESS_HOUR + 10):
        page.cookies.clear()
        minted += CLIENT_COOKIE in page.get("/").cookies
    assert minted == client_id.MINTS_PER_ADDRESS_HOUR

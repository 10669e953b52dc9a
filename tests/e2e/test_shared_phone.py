"""A shared phone: nobody finds the last person's unsent words. Signing out forgets every draft on
the device, and so does someone else signing in after a login that ended without a sign-out."""

from playwright.sync_api import expect

from tests.e2e.conftest import register, sign_in, wait_until

SECRET = "今天差点哭出来，没人知道"


def _drafts(page) -> dict[str, str]:
    """Every draft this browser keeps, read from localStorage itself."""
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter((key) => key.startsWith("resilience-draft:")).map((key) => [key, localStorage.getItem(key)]))""")


def _leave_a_draft(page, username: str) -> None:
    """Type a win on Today and a slip in the box, and send neither."""
    page.fill("#win-text", SECRET)
    page.goto("/box")
    page.fill("#box-slip", SECRET + "（收纳盒）")
    page.goto("/")
    expect(page.locator("#win-text")).to_have_value(SECRET)  # put back from the draft
    assert set(_drafts(page)) == {f"resilience-draft:win:{username}", f"resilience-draft:slip:{username}"}


def _nothing_of(page, secret: str) -> None:
    expect(page.locator("#win-text")).to_have_value("")
    page.goto("/box")
    expect(page.locator("#box-slip")).to_have_value("")
    assert not any(secret in text for text in _drafts(page).values())


def test_signing_out_forgets_every_draft_on_the_phone(phone):
    page = phone("zh-CN")
    register(page, "shared_a")
    _leave_a_draft(page, "shared_a")
    page.goto("/me")
    page.click("#logout")
    expect(page.locator("#login-submit")).to_be_visible()
    assert _drafts(page) == {}
    register(page, "shared_b")
    _nothing_of(page, SECRET)
    assert _drafts(page) == {}


def test_a_login_that_ended_elsewhere_leaves_nothing_for_the_next_person(phone, cli):
    page = phone("zh-CN")
    register(page, "ended_a")
    _leave_a_draft(page, "ended_a")
    # Signed out everywhere by a password change (on another phone, or by the operator).
    assert cli("user", "passwd", "ended_a", "--password-stdin", stdin="a whole new password here\n").returncode == 0
    page.goto("/")
    expect(page.locator("#login-submit")).to_be_visible()
    assert len(_drafts(page)) == 2  # nobody else has signed in yet: the words are still there for their author
    register(page, "ended_b")
    wait_until(page, "!Object.keys(localStorage).some((key) => key.endsWith(':ended_a'))")
    _nothing_of(page, SECRET)


def test_the_same_person_signing_in_again_gets_the_draft_back(phone):
    page = phone("zh-CN")
    register(page, "back_a")
    _leave_a_draft(page, "back_a")
    page.context.clear_cookies()  # the login ended (expired) without a sign-out
    sign_in(page, "back_a")
    expect(page.locator("#win-text")).to_have_value(SECRET)
    assert len(_drafts(page)) == 2

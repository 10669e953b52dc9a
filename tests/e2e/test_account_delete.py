"""Me → delete account on a phone: what goes, the password again, goodbye; the forum post stays
without its author when so chosen. And Me → erase old entries automatically, kept across a reload."""

import json

from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, register


def _post_under_my_name(page, name: str) -> None:
    """A check-in, then a signed (not anonymous) forum post in the taobao group."""
    page.click('[data-quadrant="low_unpleasant"]')
    page.click('[data-emotion="wronged"]')
    expect(page.locator("#mood-saved")).to_be_visible()
    page.goto("/me")
    page.fill("#display_name", name)
    page.click("#settings-save")
    expect(page.locator("#display_name")).to_have_value(name)
    page.wait_for_timeout(300)
    page.goto("/forum/groups")
    group = page.locator("[data-group=taobao]")
    group.get_by_role("button").last.click()
    expect(group.get_by_role("button").last).to_have_text("退出")
    page.goto("/forum/new")
    page.click("[data-kind=vent]")
    page.click("#anonymous-switch")
    expect(page.locator("#anonymous-switch")).to_have_attribute("aria-checked", "false")
    page.fill("#post-body", "夜班最后一小时，终于把那个差评客户哄好了")
    page.click("#post-check")
    expect(page.locator("#preview-text")).to_be_visible()
    page.click("#post-publish")
    expect(page.locator("#thread-post")).to_contain_text(name)


def test_deleting_the_account_needs_the_password_signs_out_and_leaves_posts_without_an_author(phone, cli):
    page = phone("zh-CN")
    register(page, "leavingagent")
    _post_under_my_name(page, "小周本人")

    page.goto("/me")
    page.click("#me-delete")
    expect(page).to_have_url("/me/delete")
    expect(page.get_by_text("删除后无法恢复")).to_be_visible()
    expect(page.get_by_text("你的全部私人记录")).to_be_visible()

    page.check("#posts-anonymise")
    page.fill("#delete-password", "not my password at all")
    page.click("#delete-submit")
    expect(page.get_by_role("alert")).to_contain_text("当前密码不对")
    expect(page).to_have_url("/me/delete")
    kept = json.loads(cli("export", "leavingagent").stdout)
    assert kept["user"]["username"] == "leavingagent"
    assert "wronged" in json.dumps(kept, ensure_ascii=False)
    # The choice made before the wrong password still stands.
    expect(page.locator("#posts-anonymise")).to_be_checked()
    expect(page.locator("#delete-password")).to_have_value("")

    page.fill("#delete-password", PASSWORD)
    page.click("#delete-submit")
    expect(page).to_have_url("/login?notice=notice.account_deleted")
    expect(page.get_by_role("status")).to_contain_text("你的账号和所有记录已删除")
    assert cli("export", "leavingagent").returncode != 0

    page.fill("#username", "leavingagent")
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#greeting")).to_have_count(0)
    assert "/login" in page.url

    peer = phone("zh-CN")
    register(peer, "stayingagent")
    peer.goto("/forum/groups")
    peer.locator("[data-group=taobao]").get_by_role("button").last.click()
    peer.goto("/forum")
    post = peer.locator("[data-post]", has_text="终于把那个差评客户哄好了")
    expect(post).to_contain_text("已注销的同行")
    expect(post).not_to_contain_text("小周本人")


def test_the_retention_choice_on_me_is_saved_and_survives_a_reload(phone):
    page = phone("en")
    register(page, "tidyagent")
    page.goto("/me")
    select = page.locator("#retention_months")
    expect(select).to_have_value("")
    expect(select.locator("option")).to_have_count(5)
    select.select_option("6")
    expect(page.get_by_role("status")).to_be_visible()
    page.reload()
    expect(page.locator("#retention_months")).to_have_value("6")
    expect(page.locator("#retention_months option:checked")).to_have_text("Keep the last 6 months only")
    page.locator("#retention_months").select_option("")
    expect(page.get_by_role("status")).to_be_visible()
    page.reload()
    expect(page.locator("#retention_months")).to_have_value("")

"""The peer forum on two phones: an anonymous post read, answered and supported by a peer whose
browser never receives anything that identifies the author; the check before publishing."""

import json

from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, register, sign_in

XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
XSS_TITLE = '<img src=x onerror="window.__xss=3">'  # titles are at most 60 characters


def _join(page, slug: str) -> None:
    page.goto("/forum/groups")
    group = page.locator(f"[data-group={slug}]")
    group.get_by_role("button").last.click()
    expect(group.get_by_role("button").last).to_have_text("退出")


def _start_post(page, slug: str, kind: str) -> None:
    """Join a group and open the writing page on a post kind."""
    _join(page, slug)
    page.goto("/forum/new")
    page.click(f"[data-kind={kind}]")
    expect(page.locator(f"[data-kind={kind}]")).to_have_attribute("aria-pressed", "true")


def test_switching_the_post_kind_keeps_the_title_already_typed(phone):
    page = phone("zh-CN")
    register(page, "kindswitcher")
    _start_post(page, "jd", "tip")
    page.fill("#post-title", "仅退款被拒后的沟通")
    for kind in ("case", "vent", "case"):
        page.click(f"[data-kind={kind}]")
        expect(page.locator(f"[data-kind={kind}]")).to_have_attribute("aria-pressed", "true")
        expect(page.locator("#post-title")).to_have_value("仅退款被拒后的沟通")


def _set_display_name(page, name: str) -> None:
    page.goto("/me")
    page.fill("#display_name", name)
    page.click("#settings-save")
    expect(page.locator("#display_name")).to_have_value(name)
    page.wait_for_timeout(300)


def test_an_anonymous_post_reaches_a_peer_with_nothing_that_identifies_its_author(phone, cli):
    author = phone("zh-CN")
    register(author, "secretposter")
    _set_display_name(author, "小林本人")
    _start_post(author, "taobao", "vent")
    expect(author.locator("#anonymous-switch")).to_have_attribute("aria-checked", "true")
    author.fill("#post-body", "今天被客户骂了一下午，电话 13812345678 一直打进来，好委屈")
    author.click("#post-check")
    expect(author.locator("#removed-list")).to_contain_text("13812345678")
    expect(author.locator("#crisis-card")).to_have_count(0)
    expect(author.locator("#preview-text")).to_contain_text("[手机号已隐藏]")
    author.click("#post-publish")
    expect(author.locator("#thread-post")).to_contain_text("匿名同行 #1")
    post_url = author.url
    author_id = json.loads(cli("export", "secretposter").stdout)["user"]["id"]

    reader = phone("zh-CN")
    received: list[str] = []
    reader.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(str(frame))))
    register(reader, "kindpeer")
    _join(reader, "taobao")
    reader.goto("/forum")
    post = reader.locator("[data-post]").first
    expect(post).to_contain_text("好委屈")
    expect(post).to_contain_text("匿名同行 #1")
    expect(post).not_to_contain_text("13812345678")
    post.get_by_role("link").click()
    expect(reader.locator("#thread-post")).to_contain_text("[手机号已隐藏]")
    reader.locator("#thread-post [data-react=understand]").click()
    expect(reader.locator("#thread-post [data-react=understand]")).to_have_attribute("aria-pressed", "true")
    expect(reader.locator("#thread-post [data-react=understand]")).to_contain_text("1")
    reader.fill("#reply-body", "抱抱你，我也遇到过，下班后去吃点好的")
    reader.click("#reply-check")
    reader.click("#reply-publish")
    expect(reader.locator("[data-reply]")).to_contain_text("匿名同行 #2")
    reader.wait_for_timeout(500)

    # Nothing the reader's browser holds or received names the author.
    seen = reader.content() + "\n".join(received)
    assert received, "the websocket traffic was not captured"
    for secret in ("secretposter", "小林本人", author_id):
        assert secret not in seen, secret

    # The author sees the reply and the hug count, and the peer stays a pseudonym too.
    author.goto(post_url)
    expect(author.locator("[data-reply]")).to_contain_text("匿名同行 #2")
    expect(author.locator("#thread-post")).to_contain_text("我懂你1")
    assert "kindpeer" not in author.content()


def test_the_help_card_comes_for_words_of_despair_not_for_the_jobs_idioms(phone):
    page = phone("zh-CN")
    register(page, "venter")
    _start_post(page, "newcomers", "vent")
    page.fill("#post-body", "累死了，笑死，系统死机三次，这个客户要把我逼疯了，店铺还在搞自杀式降价")
    page.click("#post-check")
    expect(page.locator("#preview-text")).to_be_visible()
    expect(page.locator("#crisis-card")).to_have_count(0)
    page.get_by_role("button", name="再改改").click()
    page.fill("#post-body", "撑了三年，我觉得活着没意思，不想再醒来了")
    page.click("#post-check")
    card = page.locator("#crisis-card")
    expect(card).to_be_visible()
    expect(card.locator("a[href^='tel:']")).to_have_count(3)
    # They can still post.
    page.get_by_role("button", name="我想好了，发布").click()
    expect(page.locator("#thread-post")).to_contain_text("不想再醒来了")


def test_html_in_a_post_is_shown_as_text_and_never_runs(phone):
    page = phone("zh-CN")
    register(page, "xsstester")
    _start_post(page, "jd", "tip")
    page.fill("#post-title", XSS_TITLE)
    page.fill("#post-body", "小妙招 " + XSS)
    page.click("#post-check")
    page.click("#post-publish")
    expect(page.locator("#post-title-text")).to_have_text(XSS_TITLE)
    expect(page.locator("#post-body-text")).to_contain_text(XSS)
    page.goto("/forum")
    expect(page.locator("[data-post]").first).to_contain_text("<script>")
    assert page.evaluate("window.__xss") is None
    assert page.locator("#forum-feed img").count() == 0


def test_three_reports_hide_a_post_until_a_moderator_restores_it_with_a_logged_reason(phone, cli):
    author = phone("zh-CN")
    register(author, "reportedone")
    _start_post(author, "pinduoduo", "tip")
    author.fill("#post-title", "仅退款的应对话术")
    author.fill("#post-body", "先确认照片，再按平台规则走")
    author.click("#post-check")
    author.click("#post-publish")
    expect(author.locator("#thread-post")).to_be_visible()
    post_url, post_id = author.url, author.url.split("id=")[1]

    for n in range(3):
        reporter = phone("zh-CN")
        register(reporter, f"reporter{n}")
        _join(reporter, "pinduoduo")
        reporter.goto(post_url)
        reporter.locator(f"[data-report='post:{post_id}']").click()
        reporter.select_option("#report-reason", "spam")
        reporter.click("#report-send")
        expect(reporter.get_by_role("status")).to_contain_text("谢谢")
    # Hidden now: a peer sees the placeholder, the author still sees their words and why.
    expect(reporter.locator("[data-status=hidden]")).to_be_visible()
    author.reload()
    expect(author.locator("[data-status=hidden]")).to_be_visible()

    assert cli("user", "add", "calmmod", "--password-stdin", "--role", "moderator", "--accept-notice",
               stdin=PASSWORD + "\n").returncode == 0
    moderator = phone("zh-CN")
    sign_in(moderator, "calmmod")
    moderator.goto("/forum")
    moderator.get_by_role("link", name="版主工作台").click()
    item = moderator.locator(f"li[data-mod-item='post:{post_id}']")
    expect(item.locator("[data-mod-status=hidden]")).to_be_visible()
    expect(item.locator("[data-mod-report-count='3']")).to_be_visible()
    item.locator("button[data-mod-action=restore]").click()
    moderator.fill("#mod-reason", "是正常的经验分享，不是广告")
    moderator.click("#mod-confirm")
    expect(moderator.locator(f"li[data-mod-log=restore][data-mod-log-item='{post_id}']")).to_contain_text(
        "是正常的经验分享")
    expect(moderator.locator(f"li[data-mod-log=auto_hide][data-mod-log-item='{post_id}']")).to_be_visible()

    reporter.goto(post_url)
    expect(reporter.locator("#post-body-text")).to_have_text("先确认照片，再按平台规则走")

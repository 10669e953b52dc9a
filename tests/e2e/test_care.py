"""Care on a phone: words of crisis in a private slip bring the writer a card with help lines (an idiom
does not), "not now" holds through a reload; in the forum, an acute post tops the moderators' desk."""

from playwright.sync_api import expect

from resilience_app.services import safety
from tests.e2e.conftest import register

CONCERN = "活着没意思，不想再醒来了"
ACUTE = "我已经把攒的安眠药都吃了"
ACUTE_EN = "I've already taken all the pills I saved"
IDIOM = "累死了，笑死，这个客户要把我逼疯了"
LINES = len(safety.hotlines())


def _slip(page, words: str) -> None:
    page.fill("#box-slip", words)
    page.click("#box-add")
    expect(page.locator("#box-open")).to_contain_text(words)


def test_a_crisis_slip_brings_a_private_card_with_help_lines_and_an_idiom_does_not(phone):
    page = phone("zh-CN")
    register(page, "heavyslip")
    page.goto("/box")
    _slip(page, IDIOM)
    page.wait_for_timeout(300)
    expect(page.locator("#care-card")).to_have_count(0)

    _slip(page, CONCERN)
    card = page.locator("#care-card")
    expect(card).to_be_visible()
    expect(card).to_have_attribute("data-severity", "concern")
    expect(card).to_contain_text("你不用一个人扛着")
    expect(card).to_contain_text("只有你看得到")
    expect(card.locator("a[href^='tel:']")).to_have_count(LINES)
    assert card.locator("a[href^='tel:']").first.get_attribute("href") == \
        "tel:" + safety.hotlines()[0]["number"].replace("-", "")

    # "Not now": gone, and a reload and heavier words the same day do not bring it back.
    page.click("#care-not-now")
    expect(page.locator("#care-card")).to_have_count(0)
    page.wait_for_timeout(300)
    page.reload()
    expect(page.locator("#box-open")).to_contain_text(CONCERN)
    _slip(page, ACUTE)
    page.wait_for_timeout(500)
    expect(page.locator("#care-card")).to_have_count(0)
    # What the phone keeps names neither the words nor the writer.
    storage = page.evaluate("JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")
    for secret in (CONCERN, ACUTE, "heavyslip", "活着", "安眠药"):
        assert secret not in storage


def test_acute_words_bring_the_numbers_first_with_someone_to_answer_now(phone):
    page = phone("en-US")
    register(page, "pillslip")
    page.goto("/box")
    _slip(page, ACUTE_EN)
    card = page.locator("#care-card")
    expect(card).to_have_attribute("data-severity", "acute")
    expect(card.locator("[data-help-now]")).to_contain_text("You can call right now")
    expect(card.locator("[data-help-lines=urgent] a[href^='tel:']")).to_have_count(LINES)
    # The numbers come before the words about them.
    first_number = card.locator("a[href^='tel:']").first.bounding_box()
    body = card.get_by_text("You don't have to carry it alone").bounding_box()
    assert first_number["y"] < body["y"]


def test_an_acute_post_tops_the_moderators_queue_with_an_alert(phone, cli):
    author = phone("zh-CN")
    register(author, "nightposter")
    author.goto("/forum/groups")
    group = author.locator("[data-group=night-shift]")
    group.get_by_role("button").last.click()
    expect(group.get_by_role("button").last).to_have_text("退出")
    author.goto("/forum/new")
    author.click("[data-kind=vent]")
    author.fill("#post-body", "今晚真的撑不住了。" + ACUTE)
    author.click("#post-check")
    card = author.locator("#crisis-card")
    expect(card).to_have_attribute("data-severity", "acute")
    expect(card.locator("[data-help-now]")).to_be_visible()
    expect(card.locator("a[href^='tel:']")).to_have_count(LINES)
    author.get_by_role("button", name="我想好了，发布").click()
    expect(author.locator("#thread-post")).to_contain_text("安眠药")
    post_id = author.url.split("id=")[1]
    author.reload()
    expect(author.locator("#thread-post")).to_contain_text("安眠药")
    assert "acute" not in author.content()  # the author's thread carries no severity either

    moderator = phone("en-US")
    register(moderator, "deskmod")
    assert cli("user", "set-role", "deskmod", "moderator").returncode == 0
    moderator.goto("/forum/moderation")
    alert = moderator.locator("#mod-acute-alert")
    expect(alert).to_be_visible()
    expect(alert).to_have_attribute("role", "alert")
    expect(alert).to_contain_text("urgent item")
    assert int(alert.get_attribute("data-acute-count")) >= 1
    first = moderator.locator("#mod-queue > li").first
    expect(first.locator("[data-mod-acute]")).to_contain_text("Urgent")
    ours = moderator.locator(f"li[data-mod-item='post:{post_id}']")
    expect(ours.locator("[data-mod-acute]")).to_be_visible()
    items = moderator.locator("#mod-queue > li")
    keys = [items.nth(i).get_attribute("data-mod-item") for i in range(items.count())]
    urgent = [items.nth(i).locator("[data-mod-acute]").count() == 1 for i in range(items.count())]
    assert urgent == sorted(urgent, reverse=True)  # every urgent item before every other
    assert urgent[keys.index(f"post:{post_id}")]

    # A peer in the group reads the post with no flag of any kind.
    peer = phone("zh-CN")
    register(peer, "nightpeer")
    peer.goto("/forum/groups")
    peer.locator("[data-group=night-shift]").get_by_role("button").last.click()
    peer.goto(f"/forum/post?id={post_id}")
    expect(peer.locator("#thread-post")).to_contain_text("安眠药")
    assert "acute" not in peer.content() and "crisis" not in peer.content()

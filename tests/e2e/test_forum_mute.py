"""A muted member in the browser: they read on, are told until when writing is paused, and are
offered nothing the services would refuse (no writing, editing, replying, reacting or reporting),
though taking their own words back stays open to them."""

from playwright.sync_api import expect
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from resilience_app.services import accounts
from resilience_app.services.forum import moderation
from tests.e2e.conftest import PASSWORD, register


def _publish(page, slug: str, body: str) -> str:
    page.goto("/forum/groups")
    group = page.locator(f"[data-group={slug}]")
    group.get_by_role("button").last.click()
    expect(group.get_by_role("button").last).to_have_text("退出")
    page.goto("/forum/new")
    page.click("[data-kind=vent]")
    page.fill("#post-body", body)
    page.click("#post-check")
    page.click("#post-publish")
    expect(page.locator("#thread-post")).to_contain_text(body)
    return page.url.split("id=")[1]


def _mute_author_of(app_env, post_id: str) -> None:
    """What a moderator's desk does, straight through the service, on the app's database."""
    engine = create_engine(app_env["RESILIENCE_DB_URL"])
    try:
        with Session(engine) as session, session.begin():
            moderator = accounts.find_user(session, "mutingmod")
            moderation.mute_author(session, moderator_id=moderator.id, target="post", item_id=post_id, days=3,
                                   reason="先冷静几天")
    finally:
        engine.dispose()


def test_a_muted_member_reads_on_and_is_offered_nothing_the_mute_refuses(phone, cli, app_env):
    peer = phone("zh-CN")
    register(peer, "mutepeer")
    theirs = _publish(peer, "douyin", "今天的直播间太难了")
    member = phone("zh-CN")
    register(member, "mutedmember")
    mine = _publish(member, "douyin", "我也想说两句")
    assert cli("user", "add", "mutingmod", "--password-stdin", "--role", "moderator", "--accept-notice",
               stdin=PASSWORD + "\n").returncode == 0
    _mute_author_of(app_env, mine)

    member.goto("/forum")
    expect(member.locator("[data-muted]")).to_contain_text("暂停到")
    expect(member.locator("#forum-write")).to_have_count(0)
    expect(member.locator(f"[data-post='{theirs}']")).to_be_visible()  # reading goes on

    member.goto(f"/forum/post?id={theirs}")
    expect(member.locator("#post-body-text")).to_have_text("今天的直播间太难了")
    expect(member.locator("[data-muted]")).to_be_visible()
    for offer in ("#reply-body", "[data-react]", f"[data-report='post:{theirs}']"):
        expect(member.locator(offer)).to_have_count(0)

    member.goto(f"/forum/post?id={mine}")
    expect(member.locator("#thread-post")).to_contain_text("我也想说两句")
    expect(member.locator("#thread-post").get_by_role("link", name="编辑")).to_have_count(0)
    member.locator(f"[data-delete='post:{mine}']").click()
    member.click("#delete-yes")
    expect(member.locator("[data-status=deleted]")).to_be_visible()

    # The peer, not muted, is still offered the reply box.
    peer.goto(f"/forum/post?id={theirs}")
    expect(peer.locator("#reply-body")).to_be_visible()
    expect(peer.locator("[data-muted]")).to_have_count(0)

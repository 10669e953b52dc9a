"""The app's main screens for checks that visit each one (touch targets; axe can use it too), and a
user with something on every screen."""

from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from resilience_app.services import accounts, journal, moods, plan
from resilience_app.services.forum import groups as forum_groups, posts as forum
from tests.e2e.conftest import app_today

SIGNED_OUT = [("/login", "#login-submit"), ("/register", "#register-submit"), ("/about", "h1"), ("/privacy", "h1"),
              ("/no-such-page", "#not-found")]
# (path, something that is there once the screen's own data has arrived)
SIGNED_IN = [
    ("/", "#greeting"),
    ("/journal", "[data-tab]"),
    ("/plan", "#blocks"),
    ("/forum", "#forum-feed"),
    ("/forum/groups", "[data-group=jd]"),
    ("/forum/new", "[data-kind=tip]"),
    ("/forum/post?id={post}", "#thread-post"),
    ("/me", "#language"),
    ("/insights", "#trend-chart"),
    ("/review", "#reflection-sentences p"),
    ("/box", "#box-slip"),
    ("/first-aid", "#first-aid-list"),
    ("/me/import", "h1"),
    ("/me/delete", "h1"),
    ("/consent", "h1"),
]


def seed_every_screen(app_env, cli, username: str, weeks: int = 8) -> str:
    """Demo history, plus today's check-in, a thank-you, a block still to come this week and a forum
    post with a reply, so no screen is checked empty. Returns the post's id."""
    assert cli("demo", username, "--weeks", str(weeks)).returncode == 0
    engine = create_engine(app_env["RESILIENCE_DB_URL"])
    try:
        with Session(engine) as session, session.begin():
            user = accounts.find_user(session, username)
            moods.log_mood(session, user_id=user.id, emotion="wronged", cause="客户威胁给差评", intensity=4)
            journal.add_entry(session, user_id=user.id, kind="gratitude", text="同事帮我接了两个难缠的客户")
            plan.add_interest(session, user_id=user.id, name="散步")
            plan.add_block(session, user_id=user.id, day=app_today().isoformat(), start="19:00", interest="散步")
            forum_groups.join_group(session, user_id=user.id, group_id="jd")
            post = forum.publish_post(session, user_id=user.id, group_id="jd", kind="tip", title="仅退款的沟通",
                                      body="先共情，再给方案，最后确认客户听懂了。")
            forum.reply(session, user_id=user.id, post_id=post.id, body="谢谢，很有用")
        return post.id
    finally:
        engine.dispose()

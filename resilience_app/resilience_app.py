"""The app and its table of contents: every page, its route, title and on_load."""

import asyncio
import sys

import reflex as rx

from resilience_app import routes
from resilience_app.core import clock
from resilience_app.components.connection import connection_banner, trouble_notice
from resilience_app.components.error_page import error_boundary
from resilience_app.pages.about import about
from resilience_app.pages.account_delete import account_delete
from resilience_app.pages.consent import consent
from resilience_app.core.db import db_session
from resilience_app.services import keywords, push, retention
from resilience_app.pages.forum import forum, forum_groups, forum_new, forum_post
from resilience_app.pages.forum_moderation import forum_moderation
from resilience_app.pages.emotion_box import emotion_box
from resilience_app.pages.first_aid import first_aid
from resilience_app.pages.importing import importing
from resilience_app.pages.insights import insights
from resilience_app.pages.journal import journal
from resilience_app.pages.login import login
from resilience_app.pages.me import me
from resilience_app.pages.not_found import not_found
from resilience_app.pages.plan import plan
from resilience_app.pages.privacy import privacy
from resilience_app.pages.register import register
from resilience_app.pages.review import review
from resilience_app.pages.today import today
from resilience_app.state.auth import AuthState, TabBinding, report_backend_exception
from resilience_app.state.consent import ConsentState, NoticeState
from resilience_app.state.emotion_box import BoxState
from resilience_app.state.first_aid import FirstAidState
from resilience_app.state.account import RetentionState
from resilience_app.state.settings import SettingsState
from resilience_app.state.forum import ComposeState, ForumState, GroupsState, ThreadState
from resilience_app.state.goals import GoalsState
from resilience_app.state.importing import ImportState
from resilience_app.state.insights import InsightsState
from resilience_app.state.journal import ReviewState, WinsState
from resilience_app.state.moderation import ModerationState
from resilience_app.state.mood import MoodHistoryState, MoodState
from resilience_app.state.plan import PlanState, RechargeTodayState
from resilience_app.state.reminders import ReminderDueState, ReminderSettingsState
from resilience_app.state.today import TodayState
from resilience_app.web.auth_routes import build_auth_app
from resilience_app.web import log_redaction
from resilience_app.web.client_id import with_client_cookie
from resilience_app.web.headers import with_headers
from resilience_app.web.page_language import with_page_language
from resilience_app.web.page_paths import with_page_paths
from resilience_app.web.upload_guard import with_upload_guard

# Registered early in <head> so the worker controls the first load's assets too.
REGISTER_SERVICE_WORKER = """
if ('serviceWorker' in navigator) {
  window.addEventListener('load', function () {
    navigator.serviceWorker.register('/sw.js', {scope: '/'}).catch(function () {});
  });
}
"""

app = rx.App(
    head_components=[
        # `media` as an attribute: as a prop Reflex makes it CSS (a rule that means nothing, and no
        # media on the tag, so the dark colour never applied).
        rx.el.meta(name="theme-color", content="#2f6f73", custom_attrs={"media": "(prefers-color-scheme: light)"}),
        rx.el.meta(name="theme-color", content="#15191b", custom_attrs={"media": "(prefers-color-scheme: dark)"}),
        rx.el.meta(name="apple-mobile-web-app-capable", content="yes"),
        rx.el.meta(name="apple-mobile-web-app-title", content="心韧"),
        rx.el.link(rel="manifest", href="/manifest.webmanifest"),
        rx.el.link(rel="icon", href="/favicon.ico", sizes="any"),
        rx.el.link(rel="icon", href="/icons/icon.svg", type="image/svg+xml"),
        rx.el.link(rel="apple-touch-icon", href="/icons/apple-touch-icon.png"),
        rx.el.script(REGISTER_SERVICE_WORKER),
        # Deferred: runs before DOMContentLoaded without holding up the first paint.
        rx.el.script(src="/drafts.js", defer=True),
        rx.el.script(src="/first_aid.js", defer=True),
        rx.el.script(src="/push.js", defer=True),
        rx.el.script(src="/offline_capture.js", defer=True),
    ],
    html_lang="zh-CN",
    stylesheets=["/app.css", "/first_aid.css", "/offline.css"],
    # The upload guard sits inside with_headers, so its 403 carries the safety headers too.
    api_transformer=[build_auth_app(), with_upload_guard, with_headers, with_client_cookie, with_page_language, with_page_paths],
    # No toasts in this app: the connection banner below replaces Reflex's English toast.
    toaster=None,
    # A handler that fails unexpectedly: logged, and a notice in the user's language (no alert, no eval).
    backend_exception_handler=report_backend_exception,
)


async def _warm_keywords() -> None:
    """jieba's dictionary (the weekly reflection's keywords) loads once each worker is up, not on a
    user's click. A lifespan task runs in the worker itself: a thread started at import would be
    forked with its lock held."""
    await asyncio.to_thread(keywords.warm)


def _warn_if_the_clock_is_not_real() -> None:
    """A server started with RESILIENCE_CLOCK_START is a test server: it says so, loudly."""
    if (start := clock.started_at()) is not None:
        print(f"WARNING: {clock.START_VARIABLE} is set: this server's clock started at {start.isoformat()}, "
              "not at the real time. It is a testing aid; never set it in production.", file=sys.stderr, flush=True)


# Retention's check: each pass reads only users who turned it on, and runs a user once per local day.
RETENTION_EVERY_SECONDS = 600


def _erase_old_entries_once() -> None:
    with db_session() as session:
        due = retention.due_user_ids(session)
    for user_id in due:
        with db_session() as session:  # one user per unit of work: short write locks
            retention.run_for_user(session, user_id)


async def _erase_old_entries_daily() -> None:
    """Automatic erasing (services/retention.py) inside the server; `resilience retention run` does the same
    from cron. Every worker may run it: the per-user claim makes a second run a no-op."""
    while True:
        try:
            await asyncio.to_thread(_erase_old_entries_once)
        except Exception as error:  # a bad pass must not end the loop; the next one tries again
            print(f"retention pass failed: {type(error).__name__}", file=sys.stderr, flush=True)
        await asyncio.sleep(RETENTION_EVERY_SECONDS)


# Reminders' check: each pass pushes what is due in each user's zone; the sent-log makes a second worker's pass a no-op.
REMINDERS_EVERY_SECONDS = 60


async def _send_due_reminders() -> None:
    """Push reminders (services/push.py) inside the server; `resilience reminders send-due` does the same from cron."""
    while True:
        try:
            await asyncio.to_thread(push.send_due, db_session)
        except Exception as error:  # a bad pass must not end the loop; the next one tries again
            print(f"reminders pass failed: {type(error).__name__}", file=sys.stderr, flush=True)
        await asyncio.sleep(REMINDERS_EVERY_SECONDS)


app.register_lifespan_task(_warm_keywords)
app.register_lifespan_task(_send_due_reminders)
app.register_lifespan_task(_erase_old_entries_daily)
app.register_lifespan_task(_warn_if_the_clock_is_not_real)
log_redaction.install()
# Every event first checks that the tab's state belongs to the login on its connection.
app.add_middleware(TabBinding())

app.app_wraps[(5, "Overlay")] = lambda stateful: rx.fragment(connection_banner(), trouble_notice()) if stateful else None
# A page that fails to render says so in both languages (Reflex's own fallback is English only).
app.app_wraps[(55, "ErrorBoundary")] = lambda stateful: error_boundary()

TITLE = "心韧 · Resilience"
private = [AuthState.load_private]

app.add_page(today, route=routes.TODAY, title=TITLE, on_load=[*private, MoodState.load, FirstAidState.load,
                                                                     WinsState.load_today, ReviewState.load_summary, GoalsState.load,
                                                                     BoxState.load_summary, RechargeTodayState.load, ReminderDueState.load,
                                                                     InsightsState.load_streak,
                                                                     TodayState.load])  # last: it marks Today ready
app.add_page(journal, route=routes.JOURNAL, title=TITLE, on_load=[*private, MoodHistoryState.load, WinsState.load_list,
                                                                         BoxState.load_summary])
app.add_page(plan, route=routes.PLAN, title=TITLE, on_load=[*private, PlanState.load])
app.add_page(forum, route=routes.FORUM, title=TITLE, on_load=[*private, ForumState.load])
app.add_page(forum_groups, route=routes.FORUM_GROUPS, title=TITLE, on_load=[*private, GroupsState.load])
app.add_page(forum_new, route=routes.FORUM_NEW, title=TITLE, on_load=[*private, ComposeState.load])
app.add_page(forum_post, route=routes.FORUM_POST, title=TITLE, on_load=[*private, ThreadState.load])
app.add_page(forum_moderation, route=routes.FORUM_MODERATION, title=TITLE, on_load=[*private, ModerationState.load])
app.add_page(first_aid, route=routes.FIRST_AID, title=TITLE, on_load=[*private, FirstAidState.load])
app.add_page(emotion_box, route=routes.BOX, title=TITLE, on_load=[*private, BoxState.load])
app.add_page(review, route=routes.REVIEW, title=TITLE, on_load=[*private, ReviewState.load, InsightsState.load_this_week])
app.add_page(insights, route=routes.INSIGHTS, title=TITLE, on_load=[*private, InsightsState.load])
app.add_page(me, route=routes.ME, title=TITLE, on_load=[*private, SettingsState.load, RetentionState.load,
                                                               ReminderSettingsState.load])
app.add_page(account_delete, route=routes.ME_DELETE, title=TITLE, on_load=private)
app.add_page(importing, route=routes.ME_IMPORT, title=TITLE, on_load=[*private, ImportState.load])
app.add_page(login, route=routes.LOGIN, title=TITLE, on_load=AuthState.load_public)
app.add_page(register, route=routes.REGISTER, title=TITLE, on_load=AuthState.load_public)
app.add_page(about, route=routes.ABOUT, title=TITLE, on_load=AuthState.load_public)
app.add_page(privacy, route=routes.PRIVACY, title=TITLE, on_load=[AuthState.load_public, NoticeState.load])
app.add_page(consent, route=routes.CONSENT, title=TITLE, on_load=[*private, NoticeState.load, ConsentState.load])
# An address with no page (Reflex's route "404"): Reflex's own is English only, with no way back.
app.add_page(not_found, route="404", title=TITLE, on_load=AuthState.load_public)

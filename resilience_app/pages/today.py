"""Today: the first screen after a shift. Later features (mood check-in, wins) land here."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.shell import app_page
from resilience_app.components.ui import LANG, after_first_paint, nav_link, card, t
from resilience_app.components.box_card import box_card
from resilience_app.components.care_card import care_card
from resilience_app.components.first_aid_player import first_aid_link, first_aid_offer
from resilience_app.components.mood_checkin import QUADRANT_GRID, QUADRANT_TILE, mood_checkin, quadrant_tile_body
from resilience_app.components.offline_capture import offline_capture_slot
from resilience_app.components.goals_card import goals_card
from resilience_app.components.insights import streak_chip
from resilience_app.components.recharge_today import recharge_today
from resilience_app.components.reminders import due_reminders
from resilience_app.components.wins_card import wins_card
from resilience_app.core import i18n
from resilience_app.services import emotions
from resilience_app.state.auth import AuthState
from resilience_app.state.today import TodayState

# A grey block standing for text that arrives with the session (still for those who ask for less motion).
BONE = "rounded-lg bg-surface-2 animate-pulse motion-reduce:animate-none"


def _greeting() -> rx.Component:
    return rx.el.header(
        # The streak shares the date's row, which is tall enough for it from the start: no layout shift.
        rx.el.div(
            rx.el.p(TodayState.date_text, class_name="text-sm text-muted"),
            streak_chip(),
            class_name="flex items-center justify-between gap-2 min-h-11 -mb-2",
        ),
        rx.el.p(
            t(TodayState.greeting_key), rx.cond(AuthState.shown_name != "", t("today.greeting_sep"), ""),
            AuthState.shown_name,
            class_name="text-2xl font-bold leading-snug",
            id="greeting",
        ),
        rx.el.p(t("today.subtitle"), class_name="text-muted leading-relaxed"),
        class_name="flex flex-col gap-1 pt-6",
    )


def _welcome() -> rx.Component:
    return rx.cond(
        TodayState.welcome,
        card(
            rx.el.div(
                rx.el.h2(t("today.welcome_title"), class_name="font-semibold text-lg"),
                rx.el.button(
                    rx.icon("x", size=20), type="button", aria_label=t("common.close"),
                    on_click=TodayState.dismiss_welcome,
                    class_name="size-11 -mr-2 -mt-2 flex items-center justify-center text-muted",
                ),
                class_name="flex justify-between items-start",
            ),
            rx.el.p(t("today.welcome_body"), class_name="text-sm leading-relaxed"),
            class_name="bg-primary-soft border-none",
        ),
    )


def _tip() -> rx.Component:
    return card(
        rx.el.div(
            rx.el.span(rx.icon("leaf", size=20), class_name="size-10 rounded-xl bg-accent-soft text-accent flex items-center justify-center shrink-0"),
            rx.el.div(
                rx.el.h2(t("today.tip_title"), class_name="text-sm font-semibold text-muted"),
                rx.el.p(t(TodayState.tip_key), class_name="leading-relaxed mt-0.5"),
            ),
            class_name="flex gap-3",
        ),
    )


def _space(path: str, icon: str, title_key: str, body_key: str) -> rx.Component:
    return nav_link(
        rx.el.span(rx.icon(icon, size=22), class_name="size-11 rounded-xl bg-primary-soft text-primary flex items-center justify-center shrink-0"),
        rx.el.span(
            rx.el.span(t(title_key), class_name="font-semibold block"),
            rx.el.span(t(body_key), class_name="text-sm text-muted block leading-snug"),
            class_name="flex-1",
        ),
        rx.icon("chevron-right", size=20, class_name="text-muted"),
        href=path,
        class_name="flex items-center gap-3 min-h-16 py-3 text-ink no-underline",
    )


def _quadrants_without_data(language: str) -> rx.Component:
    """The four quadrant tiles as they look, not yet tappable (the feelings are the same for all)."""
    return rx.el.div(
        *[
            rx.el.div(*quadrant_tile_body(q["name"], q["hint"]), custom_attrs={"data-q": q["color"]},
                      class_name=QUADRANT_TILE)
            for q in emotions.picker_data(language)
        ],
        class_name=QUADRANT_GRID,
    )


def _skeleton_in(language: str) -> rx.Component:
    text = i18n.catalog(language)
    return rx.el.div(
        rx.el.header(
            rx.el.div(rx.el.div(class_name=f"{BONE} h-5 w-28"), class_name="flex items-center min-h-11 -mb-2"),
            rx.el.div(class_name=f"{BONE} h-8 my-0.5 w-56"),
            rx.el.p(text["today.subtitle"], class_name="text-muted leading-relaxed"),
            class_name="flex flex-col gap-1 pt-6",
        ),
        card(
            rx.el.h2(text["mood.question"], class_name="text-lg font-semibold"),
            _quadrants_without_data(language),
            class_name="flex flex-col gap-3",
        ),
        card(
            rx.el.h2(text["goals.title"], class_name="text-lg font-semibold"),
            rx.el.div(class_name=f"{BONE} h-5 w-4/5"),
            rx.el.div(class_name=f"{BONE} h-12 rounded-xl"),
            rx.el.div(rx.el.div(class_name=f"{BONE} h-12 rounded-xl"), rx.el.div(class_name=f"{BONE} h-12 w-24 rounded-xl"),
                      class_name="grid grid-cols-[1fr_auto] gap-2"),
            rx.el.p(text["goals.hint"], class_name="text-xs text-muted leading-relaxed"),
            class_name="flex flex-col gap-3",
        ),
        class_name="flex flex-col gap-4",
    )


def _skeleton() -> rx.Component:
    """Today's first screen before the session is confirmed: the frame, the headings and hints that are
    the same for everyone, and grey blocks where the reader's own data goes. It is what the phone
    paints from the prerendered page, so the layout is there at once, in the page's language (each
    language has its own prerender: web/page_language.py). Hidden from screen readers, which hear the
    page once it is live."""
    return rx.el.div(rx.cond(LANG == "en", _skeleton_in("en"), _skeleton_in("zh-CN")), aria_hidden="true")


def today() -> rx.Component:
    return app_page(
        routes.TODAY,
        "nav.today",
        _greeting(),
        _welcome(),
        recharge_today(),
        due_reminders(),
        mood_checkin(first_aid_offer),
        offline_capture_slot(),
        care_card("today_mood"),
        goals_card(),
        after_first_paint("today_below_fold", rx.el.div(
            wins_card(),
            care_card("today_win"),
            box_card(),
            rx.el.div(
                first_aid_link(),
                nav_link(rx.icon("history", size=18), t("mood.see_history"), href=routes.JOURNAL,
                         class_name="flex items-center gap-2 min-h-11 px-1 text-sm text-primary font-semibold"),
                class_name="flex flex-col gap-2",
            ),
            _tip(),
            card(
                rx.el.h2(t("today.spaces_title"), class_name="text-sm font-semibold text-muted"),
                rx.el.div(
                    _space(routes.JOURNAL, "notebook-pen", "nav.journal", "today.space.journal"),
                    _space(routes.PLAN, "calendar-heart", "nav.plan", "today.space.plan"),
                    _space(routes.FORUM, "users", "nav.forum", "today.space.forum"),
                    class_name="flex flex-col divide-y divide-line",
                ),
            ),
            class_name="below-fold flex flex-col gap-4",
        )),
        skeleton=_skeleton(),
        ready=TodayState.ready,
    )

"""Me: display name, language, time zone, day start; password; export; sign out."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.browser_zone import report_browser_zone
from resilience_app.components.reminders import reminders_card
from resilience_app.components.shell import app_page
from resilience_app.components.ui import (
    banner, card, download_link, field, native_form, primary_button, quiet_button, select_input, t, text_input,
    nav_link,
)
from resilience_app.contracts.account import DAY_START, DISPLAY_NAME, REVIEW_HOUR, REVIEW_WEEKDAY
from resilience_app.core.security import PASSWORD_MAX, PASSWORD_MIN
from resilience_app.state.account import RetentionState
from resilience_app.state.auth import AuthState
from resilience_app.state.settings import SettingsState


def _hour_label(hour: int) -> str:
    return f"{hour:02d}:00"


def _settings_card() -> rx.Component:
    return card(
        rx.el.h2(t("me.settings_title"), class_name="text-lg font-semibold"),
        rx.cond(
            SettingsState.loaded,
            rx.el.form(
                field("field.display_name", text_input(
                    "display_name", id="display_name", default_value=SettingsState.display_name,
                    max_length=DISPLAY_NAME.max, auto_complete="nickname", placeholder=AuthState.username,
                ), "me.display_name_hint"),
                field("field.language", select_input(
                    "language",
                    rx.el.option("中文(简体)", value="zh-CN"),
                    rx.el.option("English", value="en"),
                    id="language", default_value=SettingsState.language,
                )),
                field("field.time_zone", select_input(
                    "time_zone",
                    rx.foreach(SettingsState.zone_options, lambda z: rx.el.option(z["label"], value=z["value"])),
                    id="time_zone", default_value=SettingsState.time_zone,
                ), "me.time_zone_hint"),
                field("field.day_start", select_input(
                    "day_start_hour",
                    *[rx.el.option(_hour_label(h), value=str(h)) for h in DAY_START.allowed],
                    id="day_start_hour", default_value=SettingsState.day_start_hour.to_string(),
                ), "me.day_start_hint"),
                rx.el.div(
                    field("field.review_day", select_input(
                        "review_weekday",
                        *[rx.el.option(t(f"weekday.{d}"), value=str(d)) for d in REVIEW_WEEKDAY.allowed],
                        id="review_weekday", default_value=SettingsState.review_weekday.to_string(),
                    )),
                    field("field.review_hour", select_input(
                        "review_hour",
                        *[rx.el.option(_hour_label(h), value=str(h)) for h in REVIEW_HOUR.allowed],
                        id="review_hour", default_value=SettingsState.review_hour.to_string(),
                    )),
                    class_name="grid grid-cols-2 gap-3",
                ),
                rx.el.p(t("me.review_hint"), class_name="text-xs text-muted -mt-2"),
                banner(SettingsState.error_text, True),
                rx.cond(SettingsState.saved, banner(t("notice.settings_saved"), False)),
                primary_button(t("common.save"), type="submit", id="settings-save"),
                on_submit=SettingsState.save,
                class_name="flex flex-col gap-4 mt-4",
            ),
        ),
    )


def _password_card() -> rx.Component:
    return card(
        rx.el.h2(t("me.password_title"), class_name="text-lg font-semibold", id="password"),
        native_form(
            banner(SettingsState.password_error, True),
            banner(SettingsState.password_notice, False),
            rx.el.input(type="text", name="username", auto_complete="username", value=AuthState.username, read_only=True, hidden=True),
            field("field.current_password", text_input(
                "current_password", type="password", auto_complete="current-password", required=True,
            )),
            field("field.new_password", text_input(
                "new_password", type="password", auto_complete="new-password", required=True,
                min_length=PASSWORD_MIN, max_length=PASSWORD_MAX,
            ), "register.password_hint"),
            quiet_button(t("me.password_submit"), type="submit", class_name="w-full"),
            action=routes.AUTH_PASSWORD,
            method="post",
            class_name="flex flex-col gap-4 mt-4",
        ),
    )


def _export_rows(row: str) -> list[rx.Component]:
    """The downloads: everything as JSON (importable), and two spreadsheets (web/downloads.py)."""
    files = (
        ("export-json", "download", "me.export", "download.export_hint", routes.API_EXPORT),
        ("export-checkins", "sheet", "download.checkins", "download.csv_hint", routes.API_CHECKINS_CSV),
        ("export-journal", "notebook-pen", "download.journal", "download.csv_hint", routes.API_JOURNAL_CSV),
    )
    return [
        download_link(
            rx.icon(icon, size=20, class_name="shrink-0"),
            rx.el.span(rx.el.span(t(label)), rx.el.span(t(hint), class_name="text-xs text-muted"),
                       class_name="flex-1 flex flex-col py-2"),
            href=href, id=id_, class_name=row,
        )
        for id_, icon, label, hint, href in files
    ]


def _retention_card() -> rx.Component:
    """Erase old entries automatically (services/retention.py): saved as soon as it is chosen."""
    return card(
        rx.el.h2(t("me.retention"), id="retention-title", class_name="text-lg font-semibold"),
        rx.el.div(
            select_input(
                "retention_months",
                rx.foreach(RetentionState.choices, lambda c: rx.el.option(c["label"], value=c["value"])),
                id="retention_months", value=RetentionState.months, on_change=RetentionState.choose,
                aria_labelledby="retention-title", aria_describedby="retention-hint",
            ),
            rx.el.p(t("me.retention_hint"), id="retention-hint", class_name="text-xs text-muted"),
            banner(RetentionState.error_text, True),
            rx.cond(RetentionState.saved, banner(t("notice.settings_saved"), False)),
            class_name="flex flex-col gap-2 mt-4",
        ),
    )


def _account_card() -> rx.Component:
    row = "flex items-center gap-3 min-h-14 text-ink no-underline w-full"
    # Its own colour, not text-danger after text-ink: of two colour classes the stylesheet's order wins.
    danger_row = row.replace("text-ink", "text-danger")
    return card(
        rx.el.h2(t("me.account_title"), class_name="text-lg font-semibold"),
        rx.el.div(
            *_export_rows(row),
            nav_link(rx.icon("file-up", size=20), rx.el.span(t("me.import"), class_name="flex-1"),
                     href=routes.ME_IMPORT, id="me-import", class_name=row),
            nav_link(rx.icon("info", size=20), rx.el.span(t("nav.about"), class_name="flex-1"),
                    href=routes.ABOUT, class_name=row),
            nav_link(rx.icon("shield", size=20), rx.el.span(t("me.privacy"), class_name="flex-1"),
                     href=routes.PRIVACY, id="me-privacy", class_name=row),
            nav_link(rx.icon("shield-off", size=20), rx.el.span(t("me.withdraw_consent"), class_name="flex-1"),
                     href=routes.CONSENT, id="me-withdraw-consent", class_name=row),
            nav_link(rx.icon("user-round-x", size=20), rx.el.span(t("me.delete_account"), class_name="flex-1"),
                     href=routes.ME_DELETE, id="me-delete", class_name=danger_row),
            native_form(
                rx.el.button(rx.icon("log-out", size=20), rx.el.span(t("me.logout"), class_name="flex-1 text-left"),
                             type="submit", id="logout", class_name=f"{danger_row} cursor-pointer"),
                action=routes.AUTH_LOGOUT, method="post",
                # assets/drafts.js forgets every draft on this device as the form is sent.
                custom_attrs={"data-sign-out": "true"},
            ),
            class_name="flex flex-col divide-y divide-line mt-2",
        ),
    )


def me() -> rx.Component:
    return app_page(
        routes.ME,
        "nav.me",
        rx.el.div(
            rx.el.span(rx.icon("circle-user-round", size=28), class_name="size-14 rounded-full bg-primary-soft text-primary flex items-center justify-center"),
            rx.el.div(
                rx.el.p(AuthState.shown_name, class_name="font-semibold text-lg"),
                rx.el.p("@", AuthState.username, class_name="text-sm text-muted"),
            ),
            rx.cond(AuthState.role == "moderator",
                    rx.el.span(t("me.role_moderator"), class_name="ml-auto text-xs px-2 py-1 rounded-full bg-accent-soft text-ink")),
            class_name="flex items-center gap-3",
        ),
        _settings_card(),
        reminders_card(),
        _password_card(),
        _retention_card(),
        _account_card(),
        report_browser_zone(SettingsState.add_browser_zone),
    )

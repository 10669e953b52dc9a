"""Reminders on screen: the Me card where they are chosen, and Today's card of what is due now."""

from __future__ import annotations

import reflex as rx

from resilience_app.components.ui import FIELD, banner, card, nav_link, primary_button, quiet_button, t
from resilience_app.state.reminders import WEEKDAYS, ReminderDueState, ReminderSettingsState

State = ReminderSettingsState


def _time_input(name: str, value, label) -> rx.Component:
    return rx.el.label(
        rx.el.span(label, class_name="text-sm text-muted"),
        rx.el.input(type="time", name=name, id=name.replace("_", "-"), default_value=value,
                    class_name=f"{FIELD} px-3 min-w-0 tabular-nums"),
        class_name="flex flex-col gap-1 min-w-0",
    )


def _switch(name: str, checked, label_key: str, hint_key: str | None = None) -> rx.Component:
    return rx.el.label(
        rx.el.input(type="checkbox", name=name, id=f"reminder-{name.replace('_', '-')}", default_checked=checked,
                    class_name="size-5 mt-0.5 accent-[var(--primary)] shrink-0"),
        rx.el.span(
            rx.el.span(t(label_key), class_name="font-medium"),
            rx.el.span(t(hint_key), class_name="block text-xs text-muted") if hint_key else rx.fragment(),
        ),
        class_name="flex items-start gap-3 min-h-11 py-1 cursor-pointer",
    )


def _choices_form() -> rx.Component:
    return rx.el.form(
        rx.el.fieldset(
            rx.el.legend(t("reminders.shift_end"), class_name="font-semibold"),
            rx.el.p(t("reminders.shift_end_hint"), class_name="text-xs text-muted"),
            rx.el.div(
                *[_time_input(f"shift_end_{d}", State.shift_end[d], t(f"weekday.{d}")) for d in WEEKDAYS],
                class_name="grid grid-cols-2 gap-2 mt-2",
            ),
            class_name="flex flex-col gap-1",
        ),
        rx.el.div(
            _switch("review", State.review, "reminders.review", "reminders.review_hint"),
            _switch("recharge", State.recharge, "reminders.recharge"),
            _switch("one_a_day", State.one_a_day, "reminders.one_a_day", "reminders.one_a_day_hint"),
            class_name="flex flex-col gap-1",
        ),
        rx.el.fieldset(
            rx.el.legend(t("reminders.quiet"), class_name="font-semibold"),
            rx.el.div(
                _time_input("quiet_from", State.quiet_from, t("reminders.quiet_from")),
                _time_input("quiet_until", State.quiet_until, t("reminders.quiet_until")),
                class_name="grid grid-cols-2 gap-2 mt-1",
            ),
            rx.el.p(t("reminders.quiet_hint"), class_name="text-xs text-muted"),
            class_name="flex flex-col gap-1",
        ),
        banner(State.error_text, True),
        rx.cond(State.saved, banner(t("notice.settings_saved"), False)),
        primary_button(t("reminders.save"), type="submit", id="reminders-save"),
        key=State.form_key,
        on_submit=State.save,
        class_name="flex flex-col gap-4 mt-4",
    )


def _push_controls() -> rx.Component:
    """Every status line is drawn hidden; assets/push.js shows the one that holds in this browser."""
    def line(key: str, shows: str) -> rx.Component:
        return rx.el.p(t(key), hidden=True, custom_attrs={"data-push-show": shows}, class_name="text-sm text-muted")

    return rx.el.div(
        rx.el.h3(t("reminders.push_title"), class_name="font-semibold"),
        line("reminders.push_on", "on"),
        line("reminders.push_off", "off"),
        line("reminders.push_working", "working"),
        line("reminders.push_denied", "denied"),
        line("reminders.push_unsupported", "unsupported"),
        line("reminders.push_failed", "failed"),
        quiet_button(rx.icon("bell-ring", size=18), t("reminders.push_turn_on"), type="button", id="push-turn-on",
                     hidden=True, custom_attrs={"data-push-show": "off failed"}, class_name="w-full"),
        quiet_button(rx.icon("bell-off", size=18), t("reminders.push_turn_off"), type="button", id="push-turn-off",
                     hidden=True, custom_attrs={"data-push-show": "on"}, class_name="w-full"),
        id="push-controls",
        custom_attrs={"data-vapid-key": State.vapid_key},
        class_name="flex flex-col gap-2 pt-4",
    )


def _calendar_link() -> rx.Component:
    return rx.el.div(
        rx.el.h3(t("reminders.calendar_title"), class_name="font-semibold"),
        rx.el.p(t("reminders.calendar_hint"), class_name="text-xs text-muted"),
        rx.cond(
            State.calendar_url != "",
            rx.el.div(
                rx.el.label(
                    rx.el.span(t("reminders.calendar_label"), class_name="sr-only"),
                    rx.el.input(value=State.calendar_url, read_only=True, id="calendar-url",
                                class_name=f"{FIELD} text-sm font-mono"),
                ),
                rx.el.p(t("reminders.calendar_once"), class_name="text-xs text-ink"),
                rx.el.div(
                    quiet_button(rx.icon("copy", size=18), t("reminders.calendar_copy"), type="button",
                                 id="calendar-copy", on_click=State.copy_link),
                    rx.el.a(rx.icon("calendar-plus", size=18), t("reminders.calendar_add"), href=State.webcal_url,
                            class_name="inline-flex items-center justify-center gap-2 min-h-12 px-4 rounded-xl "
                                       "font-semibold bg-primary-soft text-primary no-underline"),
                    class_name="grid grid-cols-2 gap-2",
                ),
                class_name="flex flex-col gap-2",
            ),
            rx.cond(State.calendar_made != "",
                    rx.el.p(t("reminders.calendar_active").to(str).replace("{date}", State.calendar_made),
                            id="calendar-active", class_name="text-sm")),
        ),
        rx.cond(State.calendar_notice != "", banner(t(State.calendar_notice), False)),
        rx.el.div(
            quiet_button(rx.cond(State.calendar_made != "", t("reminders.calendar_new"), t("reminders.calendar_make")),
                         type="button", id="calendar-make", on_click=State.make_link),
            rx.cond(State.calendar_made != "",
                    rx.el.button(t("reminders.calendar_revoke"), type="button", id="calendar-revoke",
                                 on_click=State.revoke_link,
                                 class_name="min-h-12 px-4 rounded-xl font-semibold text-danger cursor-pointer")),
            class_name="flex flex-wrap gap-2",
        ),
        class_name="flex flex-col gap-2 pt-4",
    )


def reminders_card() -> rx.Component:
    return card(
        rx.el.h2(t("reminders.title"), id="reminders", class_name="text-lg font-semibold"),
        rx.el.p(t("reminders.intro"), class_name="text-sm text-muted mt-1"),
        rx.cond(State.loaded, rx.fragment(
            _choices_form(),
            rx.el.div(_push_controls(), _calendar_link(), class_name="flex flex-col divide-y divide-line mt-4"),
        )),
        id="reminders-card",
    )


def _due_item(item) -> rx.Component:
    return rx.el.div(
        rx.el.span(rx.icon("bell", size=20),
                   class_name="size-10 rounded-xl bg-accent-soft text-accent flex items-center justify-center shrink-0"),
        rx.el.div(
            rx.el.p(t("reminder." + item["kind"] + ".title"), class_name="font-semibold"),
            rx.el.p(t("reminder." + item["kind"] + ".body"), class_name="text-sm text-muted leading-relaxed"),
            rx.el.p(t("due.at").to(str).replace("{time}", item["time"]),
                    class_name="text-xs text-muted tabular-nums"),
            # The check-in sits right under this card; the review has its own page.
            rx.cond(item["kind"] == "review",
                    nav_link(t("due.review_action"), href=item["link"],
                             class_name="text-primary font-semibold min-h-11 inline-flex items-center")),
        ),
        custom_attrs={"data-due": item["kind"]},
        class_name="flex gap-3",
    )


def due_reminders() -> rx.Component:
    """Today: the chosen reminders whose time has come and that are not done yet (nothing otherwise)."""
    return rx.cond(
        ReminderDueState.items.length() > 0,
        card(rx.el.div(rx.foreach(ReminderDueState.items, _due_item), class_name="flex flex-col gap-4"),
             id="due-reminders", class_name="border-accent"),
    )

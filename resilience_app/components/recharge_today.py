"""The recharge plan on Today: during a block, a calm "today I am not an agent" screen with the
switch-off checklist; from mid-week with nothing planned, one gentle line; otherwise nothing."""

from __future__ import annotations

import reflex as rx

from resilience_app import routes
from resilience_app.components.ui import banner, card, nav_link, t
from resilience_app.state.plan import RechargeTodayState, SwitchOffView


def switch_off_item(item: SwitchOffView, on_toggle) -> rx.Component:
    """One app on the switch-off checklist: a big tick, struck through once it is off."""
    return rx.el.li(
        rx.el.button(
            rx.el.span(
                rx.cond(item.off, rx.icon("check", size=18)),
                class_name=rx.cond(
                    item.off,
                    "size-7 shrink-0 rounded-full bg-primary text-on-primary flex items-center justify-center",
                    "size-7 shrink-0 rounded-full border-2 border-primary",
                ),
            ),
            rx.el.span(item.label, class_name=rx.cond(item.off, "line-through text-muted", "")),
            type="button",
            role="checkbox",
            aria_checked=rx.cond(item.off, "true", "false"),
            on_click=on_toggle,
            class_name="w-full flex items-center gap-3 min-h-11 text-left cursor-pointer",
        ),
        custom_attrs={"data-item": item.index, "data-off": rx.cond(item.off, "1", "0")},
    )


def _calm() -> rx.Component:
    return rx.el.section(
        rx.el.span(rx.icon("leaf", size=28),
                   class_name="size-14 rounded-2xl bg-surface/70 text-primary flex items-center justify-center"),
        rx.el.p(t("plan.calm_title"), class_name="text-2xl font-bold leading-snug"),
        rx.el.p(
            t("plan.calm_body").to(str).replace("{interest}", RechargeTodayState.interest),
            class_name="text-lg leading-relaxed",
        ),
        rx.el.p(t("plan.calm_until").to(str).replace("{time}", RechargeTodayState.until),
                class_name="text-sm text-muted tabular-nums"),
        rx.el.div(
            rx.el.h2(t("plan.switch_off_title"), class_name="text-sm font-semibold text-muted"),
            rx.el.ul(
                rx.foreach(RechargeTodayState.checklist,
                           lambda item: switch_off_item(item, RechargeTodayState.toggle_item(item.index))),
                class_name="flex flex-col",
            ),
            class_name="w-full flex flex-col gap-1 text-left",
        ),
        banner(RechargeTodayState.error_text, True),
        id="recharge-calm",
        class_name="flex flex-col items-center text-center gap-3 rounded-3xl p-6 bg-primary-soft",
    )


def _nudge() -> rx.Component:
    return card(
        rx.el.div(
            rx.el.span(rx.icon("calendar-heart", size=20),
                       class_name="size-10 rounded-xl bg-accent-soft text-accent flex items-center justify-center shrink-0"),
            rx.el.div(
                rx.el.p(t("plan.nudge_title"), class_name="font-semibold"),
                rx.el.p(t("plan.nudge_body"), class_name="text-sm text-muted leading-relaxed"),
                nav_link(t("plan.nudge_link"), href=routes.PLAN,
                         class_name="text-primary font-semibold min-h-11 inline-flex items-center"),
            ),
            class_name="flex gap-3",
        ),
        id="recharge-nudge",
    )


def recharge_today() -> rx.Component:
    return rx.match(
        RechargeTodayState.mode,
        ("calm", _calm()),
        ("nudge", _nudge()),
        rx.fragment(),
    )

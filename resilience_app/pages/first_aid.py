"""Emotion first aid (情绪急救): four short guided exercises, each one tap away."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.first_aid_player import ICONS, first_aid_overlay
from resilience_app.components.shell import app_page
from resilience_app.components.ui import banner, nav_link, t
from resilience_app.state.first_aid import FirstAidState


def _header() -> rx.Component:
    # app_page gives Today's tab (and a screen-reader title); this is the visible one.
    return rx.el.header(
        nav_link(
            rx.icon("arrow-left", size=22), href=routes.TODAY, aria_label=t("common.back"),
            class_name="size-11 shrink-0 -ml-2 flex items-center justify-center text-muted",
        ),
        rx.el.div(
            rx.el.p(t("fa.title"), aria_hidden="true", class_name="text-2xl font-bold"),
            rx.el.p(t("fa.intro"), class_name="text-muted leading-relaxed"),
            class_name="flex flex-col gap-1",
        ),
        class_name="flex items-start gap-2 pt-5",
    )


def _exercise_card(item: rx.Var) -> rx.Component:
    return rx.el.button(
        rx.el.span(
            rx.match(item["key"], *[(key, rx.icon(icon, size=26)) for key, icon in ICONS.items()], rx.icon("heart", size=26)),
            class_name="size-14 rounded-2xl bg-primary-soft text-primary flex items-center justify-center shrink-0",
        ),
        rx.el.span(
            rx.el.span(
                rx.el.span(t(item["name_key"]), class_name="text-lg font-semibold leading-snug"),
                rx.el.span(item["amount"], " ", t(item["unit_key"]),
                           class_name="text-sm text-muted whitespace-nowrap rounded-full bg-surface-2 px-2.5 py-0.5"),
                class_name="flex items-center justify-between gap-2",
            ),
            rx.el.span(t(item["when_key"]), class_name="text-sm text-muted leading-snug"),
            class_name="flex-1 flex flex-col gap-1",
        ),
        type="button",
        on_click=FirstAidState.start(item["key"], ""),
        custom_attrs={"data-fa-start": item["key"]},
        class_name=(
            "w-full flex items-center gap-4 min-h-24 p-4 text-left rounded-2xl bg-surface border border-line "
            "shadow-[var(--shadow)] cursor-pointer active:scale-[0.99] transition-transform"
        ),
    )


def first_aid() -> rx.Component:
    return app_page(
        routes.TODAY,
        "fa.title",
        _header(),
        banner(FirstAidState.error_text, True),
        rx.el.div(rx.foreach(FirstAidState.exercises, _exercise_card), class_name="flex flex-col gap-3", id="first-aid-list"),
        rx.el.p(t("fa.offline_note"), class_name="text-xs text-muted leading-relaxed px-1"),
        first_aid_overlay(),
    )

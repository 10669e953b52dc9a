"""What the app is and what it promises, readable before signing up."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.shell import public_page
from resilience_app.components.ui import nav_link, card, language_switch, logo, t


def _point(icon: str, title_key: str, body_key: str) -> rx.Component:
    return rx.el.li(
        rx.el.span(rx.icon(icon, size=20), class_name="shrink-0 size-10 rounded-xl bg-primary-soft text-primary flex items-center justify-center"),
        rx.el.div(
            rx.el.h2(t(title_key), class_name="font-semibold"),
            rx.el.p(t(body_key), class_name="text-sm text-muted leading-relaxed"),
        ),
        class_name="flex gap-3",
    )


def about() -> rx.Component:
    return public_page(
        rx.el.div(
            nav_link(rx.icon("arrow-left", size=20), t("about.back"), href=routes.TODAY, class_name="flex items-center gap-1 min-h-11 text-primary"),
            language_switch(),
            class_name="flex justify-between items-center",
        ),
        rx.el.div(logo(56), rx.el.h1(t("about.title"), class_name="text-2xl font-bold"), class_name="flex items-center gap-3"),
        rx.el.p(t("about.intro"), class_name="leading-relaxed"),
        card(
            rx.el.ul(
                _point("tag", "about.label_title", "about.label_body"),
                _point("notebook-pen", "about.journal_title", "about.journal_body"),
                _point("calendar-heart", "about.plan_title", "about.plan_body"),
                _point("users", "about.forum_title", "about.forum_body"),
                class_name="flex flex-col gap-4",
            ),
        ),
        card(
            rx.el.h2(t("about.privacy_title"), class_name="font-semibold"),
            rx.el.p(t("about.privacy_body"), class_name="text-sm text-muted leading-relaxed mt-1"),
        ),
        rx.el.p(t("about.not_therapy"), class_name="text-xs text-muted leading-relaxed"),
    )

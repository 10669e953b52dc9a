"""Journal, Plan and Forum until their features land: honest, and still kind."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.shell import app_page
from resilience_app.components.ui import card, t


def _soon(active: str, title_key: str, icon: str, body_key: str) -> rx.Component:
    return app_page(
        active,
        title_key,
        card(
            rx.el.div(
                rx.el.span(rx.icon(icon, size=28), class_name="size-14 rounded-2xl bg-primary-soft text-primary flex items-center justify-center"),
                rx.el.p(t(body_key), class_name="leading-relaxed"),
                rx.el.p(t("soon.note"), class_name="text-sm text-muted"),
                class_name="flex flex-col items-center text-center gap-3 py-6",
            ),
        ),
    )


def forum() -> rx.Component:
    return _soon(routes.FORUM, "nav.forum", "users", "soon.forum")

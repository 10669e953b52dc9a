"""An address with no page behind it: said kindly in the reader's language, with a way back.

Reflex's own 404 is a bare English "404: Page not found" with no way out, shown to Chinese readers
too. This one keeps the public pages' calm column and sends the reader to Today (which asks a
signed-out reader to sign in first).
"""

import reflex as rx

from resilience_app import routes
from resilience_app.components.shell import public_page
from resilience_app.components.ui import BUTTON, language_switch, logo, nav_link, t


def not_found() -> rx.Component:
    return public_page(
        rx.el.div(language_switch(), class_name="flex justify-end"),
        rx.el.div(
            logo(56),
            rx.el.h1(t("not_found.title"), class_name="text-2xl font-bold"),
            rx.el.p(t("not_found.body"), class_name="text-muted leading-relaxed text-balance"),
            id="not-found",
            class_name="flex flex-col items-center text-center gap-3 pt-6",
        ),
        nav_link(t("not_found.today"), href=routes.TODAY, id="not-found-today",
                 class_name=f"{BUTTON} bg-primary text-on-primary w-full no-underline"),
    )

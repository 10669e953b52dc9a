"""The privacy notice: readable signed out, linked from sign-up, sign-in and Me."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.privacy_notice import privacy_notice
from resilience_app.components.shell import public_page
from resilience_app.components.ui import card, language_switch, nav_link, t
from resilience_app.state.auth import AuthState

_BACK = "flex items-center gap-1 min-h-11 text-primary"


def privacy() -> rx.Component:
    return public_page(
        rx.el.div(
            rx.cond(
                AuthState.signed_in,
                nav_link(rx.icon("arrow-left", size=20), t("privacy.back"), href=routes.ME, class_name=_BACK),
                nav_link(rx.icon("arrow-left", size=20), t("privacy.back"), href=routes.REGISTER, class_name=_BACK),
            ),
            language_switch(),
            class_name="flex justify-between items-center",
        ),
        rx.el.h1(t("privacy.title"), class_name="text-2xl font-bold"),
        card(privacy_notice()),
    )

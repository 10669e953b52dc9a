"""Replaces Reflex's English connection toast with a calm banner in the user's language."""

import reflex as rx
from reflex_components_core.core.banner import has_too_many_connection_errors

from resilience_app.components.ui import t


def connection_banner() -> rx.Component:
    return rx.cond(
        has_too_many_connection_errors,
        rx.el.div(
            rx.icon("wifi-off", size=18),
            rx.el.span(t("conn.reconnecting")),
            role="status",
            id="connection-banner",
            class_name=(
                "fixed top-0 inset-x-0 z-50 flex items-center justify-center gap-2 px-4 py-2 "
                "text-sm bg-accent-soft text-ink border-b border-line safe-top"
            ),
        ),
    )

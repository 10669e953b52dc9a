"""Replaces Reflex's English connection toast with a calm banner in the user's language."""

import reflex as rx
from reflex_components_core.core.banner import has_too_many_connection_errors

from resilience_app.components.ui import t


def connection_banner() -> rx.Component:
    # At the bottom, above the tab bar (assets/app.css, .connection-banner): it never covers the
    # date row or a heading, and the page makes room for it so nothing ends up underneath.
    return rx.cond(
        has_too_many_connection_errors,
        rx.el.div(
            rx.el.div(
                rx.icon("wifi-off", size=18, class_name="shrink-0"),
                rx.el.span(t("conn.reconnecting")),
                class_name=(
                    "flex items-center justify-center gap-2 px-4 py-2.5 rounded-xl text-sm "
                    "bg-accent-soft text-ink border border-line shadow-[var(--shadow)]"
                ),
            ),
            role="status",
            id="connection-banner",
            class_name="connection-banner fixed inset-x-0 z-50 mx-auto max-w-[480px] px-4 pointer-events-none",
        ),
    )

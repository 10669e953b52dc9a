"""Replaces Reflex's English connection toast with a calm banner in the user's language."""

import reflex as rx
from reflex_components_core.core.banner import has_too_many_connection_errors

from resilience_app.components.ui import LANG, t
from resilience_app.state.auth import AuthState


def connection_banner() -> rx.Component:
    # At the bottom, above the tab bar (assets/app.css, .connection-banner): it never covers the
    # date row or a heading, and the page makes room for it so nothing ends up underneath.
    return rx.cond(
        has_too_many_connection_errors,
        _above_tab_bar(
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
        ),
    )


def trouble_notice() -> rx.Component:
    """Shown when a handler failed on the server (state/auth.report_backend_exception): Reflex's own
    notice is an English alert, and the Content-Security-Policy blocks how it is raised."""
    return rx.cond(
        AuthState.server_trouble,
        _above_tab_bar(
            rx.el.div(
                rx.icon("circle-alert", size=18, class_name="shrink-0"),
                rx.el.span(t("conn.server_trouble"), class_name="flex-1"),
                rx.el.button(
                    t("conn.got_it"),
                    type="button",
                    id="server-trouble-dismiss",
                    on_click=AuthState.dismiss_server_trouble,
                    class_name="min-h-[44px] min-w-[44px] px-3 rounded-lg font-semibold text-primary",
                ),
                class_name=(
                    "flex items-center gap-2 pl-4 pr-1 py-1 rounded-xl text-sm pointer-events-auto "
                    "bg-surface text-ink border border-line shadow-[var(--shadow)]"
                ),
            ),
            role="alert",
            id="server-trouble",
        ),
    )


def _above_tab_bar(notice: rx.Component, **props) -> rx.Component:
    """A notice fixed at the bottom, above the tab bar; lets taps through around it."""
    return rx.el.div(
        notice,
        lang=LANG,  # outside the page's own lang: the right fonts for English
        class_name="connection-banner fixed inset-x-0 z-50 mx-auto max-w-[480px] px-4 pointer-events-none",
        **props,
    )

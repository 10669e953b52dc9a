"""The app frame: a centred column, a page header and the bottom tab bar."""

from __future__ import annotations

import reflex as rx

from resilience_app import routes
from resilience_app.components.drafts import drafts_marker
from resilience_app.components.ui import LANG, loading_view, nav_link, t
from resilience_app.state.auth import AuthState

TABS = (
    (routes.TODAY, "nav.today", "sun"),
    (routes.JOURNAL, "nav.journal", "notebook-pen"),
    (routes.PLAN, "nav.plan", "calendar-heart"),
    (routes.FORUM, "nav.forum", "users"),
    (routes.ME, "nav.me", "circle-user-round"),
)


def _tab(path: str, label_key: str, icon: str, active: str) -> rx.Component:
    is_active = path == active
    return nav_link(
        # A class, not stroke_width: Reflex makes that prop CSS through emotion, at run time.
        rx.icon(icon, size=24, class_name="[stroke-width:2.2]" if is_active else "[stroke-width:1.8]"),
        rx.el.span(t(label_key), class_name="text-[11px] leading-none"),
        href=path,
        aria_current="page" if is_active else None,
        class_name=(
            "flex-1 flex flex-col items-center justify-center gap-1 min-h-14 rounded-xl no-underline "
            + ("text-primary font-semibold" if is_active else "text-muted")
        ),
    )


def tab_bar(active: str) -> rx.Component:
    return rx.el.nav(
        rx.el.div(
            *[_tab(path, key, icon, active) for path, key, icon in TABS],
            class_name="mx-auto max-w-[480px] flex px-2 pt-1",
        ),
        aria_label=t("nav.main_label"),
        class_name="fixed bottom-0 inset-x-0 z-20 bg-surface/95 backdrop-blur border-t border-line safe-bottom",
    )


MAIN = "mx-auto max-w-[480px] px-4 flex flex-col gap-4 tabbar-space safe-top"


def app_page(active: str, title_key: str, *children: rx.Component,
             skeleton: rx.Component | None = None, ready: rx.Var[bool] | None = None) -> rx.Component:
    """A signed-in screen: nothing private renders until the session is confirmed (and, given `ready`,
    until the page's data has loaded). Until then the page shows `skeleton` (its layout with no
    one's data: the prerendered first paint) or a spinner."""
    return rx.el.div(
        rx.cond(
            AuthState.signed_in if ready is None else AuthState.signed_in & ready,
            rx.el.main(
                rx.el.h1(t(title_key), class_name="sr-only") if active == routes.TODAY else
                rx.el.h1(t(title_key), class_name="text-2xl font-bold pt-6"),
                *children,
                drafts_marker(),
                class_name=MAIN,
            ),
            rx.el.main(skeleton, aria_busy="true", class_name=MAIN) if skeleton is not None else loading_view(),
        ),
        tab_bar(active),
        lang=LANG,
        class_name="min-h-dvh bg-bg text-ink",
    )


def public_page(*children: rx.Component) -> rx.Component:
    """Login, register and about: one calm centred column, no tab bar."""
    return rx.el.div(
        rx.el.main(
            *children,
            class_name="mx-auto max-w-[420px] px-5 py-8 flex flex-col gap-5 safe-top safe-bottom",
        ),
        lang=LANG,
        class_name="min-h-dvh bg-bg text-ink",
    )

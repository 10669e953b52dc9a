"""The emotion box's compact card for Today and Journal: an invitation, or how the box stands."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.ui import nav_link, t
from resilience_app.state.emotion_box import BoxState


def _counted(key: str, n: rx.Var) -> rx.Var:
    return t(key).to(str).replace("{n}", n.to_string())


def box_card() -> rx.Component:
    """Counts only (BoxState.load_summary): no slip text ever reaches these pages."""
    status = rx.cond(
        BoxState.ready_count > 0,
        _counted("box.ready_title", BoxState.ready_count),
        rx.cond(
            BoxState.open_count > 0,
            _counted("box.card.open", BoxState.open_count),
            rx.cond(BoxState.sealed_count > 0, _counted("box.card.sealed", BoxState.sealed_count),
                    t("box.card.invite")),
        ),
    )
    return nav_link(
        rx.el.span(
            rx.cond(BoxState.sealed_count > 0, rx.icon("lock", size=22), rx.icon("package", size=22)),
            class_name="size-11 rounded-xl bg-accent-soft text-accent flex items-center justify-center shrink-0",
        ),
        rx.el.span(
            rx.el.span(t("box.title"), class_name="text-sm text-muted block"),
            rx.el.span(status, class_name="font-semibold block leading-snug"),
            rx.cond(
                (BoxState.ready_count + BoxState.open_count + BoxState.sealed_count) == 0,
                rx.el.span(t("box.card.invite_body"), class_name="text-sm text-muted block leading-snug"),
            ),
            class_name="flex-1",
        ),
        rx.cond(BoxState.ready_count > 0,
                rx.el.span(class_name="size-2.5 rounded-full bg-accent shrink-0", aria_hidden="true")),
        rx.icon("chevron-right", size=20, class_name="text-muted shrink-0"),
        href=routes.BOX,
        id="box-card",
        class_name=(
            "flex items-center gap-3 min-h-16 p-4 rounded-2xl bg-surface border border-line "
            "shadow-[var(--shadow)] text-ink no-underline"
        ),
    )

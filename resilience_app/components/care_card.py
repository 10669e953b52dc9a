"""The private care card: after saving words that show a crisis sign, the writer alone sees it beside
what they saved, with the same help lines as the forum's card. It scolds no one and raises no alarm;
"not now" puts it away for the rest of the day (state/care.py)."""

from __future__ import annotations

import reflex as rx

from resilience_app.components.help_lines import help_card
from resilience_app.components.ui import quiet_button, t
from resilience_app.state.care import CareState


def _card(urgent: bool) -> rx.Component:
    private = rx.el.p(rx.icon("lock", size=14, class_name="shrink-0 mt-1"), rx.el.span(t("care.private")),
                      class_name="flex items-start gap-2 text-sm text-muted leading-relaxed")
    not_now = rx.el.div(
        quiet_button(t("care.not_now"), type="button", on_click=CareState.not_now, id="care-not-now", class_name="w-full"),
        rx.el.p(t("care.not_now_hint"), class_name="text-xs text-muted text-center"),
        class_name="flex flex-col gap-1.5",
    )
    return help_card(urgent, title_key="care.title", body_key="care.body", after=(private, not_now),
                     card_id="care-card")


def care_card(where: str | rx.Var) -> rx.Component:
    """The card, when the last save that needed it happened here (`where`: see CareState.where)."""
    return rx.cond(
        CareState.visible & (CareState.where == where),
        rx.cond(CareState.acute, _card(True), _card(False)),
    )

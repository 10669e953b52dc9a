"""Today's quick entry for a small win or a thank-you, with a prompt from the agent's day."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.drafts import draft_attrs
from resilience_app.components.mood_checkin import TEXTAREA
from resilience_app.components.ui import banner, card, nav_link, primary_button, segment, t
from resilience_app.contracts.journal import ENTRY_TEXT
from resilience_app.state.journal import ReviewState, WinsState


def _kind(kind: str, label_key: str) -> rx.Component:
    return segment(t(label_key), selected=WinsState.kind == kind, on_click=WinsState.set_kind(kind))


def wins_card() -> rx.Component:
    return card(
        rx.el.div(
            rx.el.h2(t("journal.card_title"), class_name="text-lg font-semibold"),
            rx.cond(WinsState.today_count > 0, rx.el.span(
                t("journal.today_count").to(str).replace("{n}", WinsState.today_count.to_string()),
                class_name="text-sm text-muted", id="wins-count")),
            class_name="flex items-baseline justify-between gap-2",
        ),
        rx.el.div(_kind("win", "journal.kind.win"), _kind("gratitude", "journal.kind.gratitude"),
                  class_name="flex p-1 rounded-xl bg-surface-2 border border-line text-sm"),
        rx.el.form(
            rx.el.label(
                # Gratitude has its own question; the day's prompts are about wins.
                rx.el.span(rx.cond(WinsState.kind == "gratitude", t("journal.gratitude_question"),
                                   t(WinsState.prompt_key)),
                           id="win-question", class_name="text-sm text-muted leading-relaxed"),
                rx.el.textarea(
                    name="text", id="win-text", rows=2, max_length=ENTRY_TEXT.max,
                    placeholder=t(rx.cond(WinsState.kind == "win", "journal.placeholder.win", "journal.placeholder.gratitude")),
                    custom_attrs=draft_attrs("win"), class_name=TEXTAREA,
                ),
                class_name="flex flex-col gap-1.5",
            ),
            banner(WinsState.error_text, True),
            rx.cond(WinsState.just_saved, banner(t("journal.saved"), False)),
            primary_button(t("journal.add"), type="submit", id="win-add"),
            on_submit=WinsState.add,
            class_name="flex flex-col gap-3",
        ),
        rx.cond(ReviewState.due, nav_link(
            rx.icon("sparkles", size=18), t("review.due"), href=routes.REVIEW, id="review-due",
            class_name="flex items-center gap-2 min-h-11 px-3 rounded-xl bg-accent-soft text-ink font-semibold",
        )),
        class_name="flex flex-col gap-3",
        id="wins-card",
    )

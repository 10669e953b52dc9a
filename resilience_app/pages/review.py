"""The Sunday review: this week's wins one by one, then a line of self-recognition."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.care_card import care_card
from resilience_app.components.drafts import draft_attrs
from resilience_app.components.insights import reflection_card
from resilience_app.components.mood_checkin import TEXTAREA
from resilience_app.components.shell import app_page
from resilience_app.components.ui import banner, card, nav_link, primary_button, quiet_button, t
from resilience_app.contracts.journal import RECOGNITION
from resilience_app.state.journal import ReviewState


def _win_step() -> rx.Component:
    return card(
        rx.el.p(t("review.win_of").to(str).replace("{n}", (ReviewState.step + 1).to_string())
                .replace("{total}", ReviewState.wins.length().to_string()), class_name="text-sm text-muted"),
        rx.el.p(ReviewState.current["text"], class_name="text-xl leading-relaxed font-semibold", id="review-win"),
        rx.el.p(ReviewState.current["day"], class_name="text-sm text-muted"),
        rx.el.div(
            quiet_button(t("review.back"), type="button", on_click=ReviewState.back,
                         disabled=ReviewState.step == 0, class_name="flex-1"),
            primary_button(t("review.next"), type="button", on_click=ReviewState.next, class_name="flex-1", id="review-next"),
            class_name="flex gap-2 pt-2",
        ),
        class_name="flex flex-col gap-2",
    )


def _recognition_step() -> rx.Component:
    return card(
        rx.el.h2(t("review.recognition_title"), class_name="text-lg font-semibold"),
        rx.el.p(rx.cond(ReviewState.wins.length() > 0, t("review.recognition_body"), t("review.no_wins")),
                class_name="text-sm text-muted leading-relaxed"),
        rx.el.form(
            rx.el.textarea(name="recognition", id="review-recognition", rows=3, max_length=RECOGNITION.max,
                           default_value=ReviewState.recognition, placeholder=t("review.placeholder"),
                           custom_attrs=draft_attrs("review"), class_name=TEXTAREA),
            banner(ReviewState.error_text, True),
            rx.cond(ReviewState.saved, banner(t("review.saved"), False)),
            primary_button(t("common.save"), type="submit", id="review-save"),
            on_submit=ReviewState.save,
            class_name="flex flex-col gap-3 pt-2",
        ),
        class_name="flex flex-col gap-2",
    )


def review() -> rx.Component:
    return app_page(
        routes.JOURNAL,
        "review.title",
        reflection_card(with_stepper=False),
        rx.el.p(t("review.intro"), class_name="text-muted leading-relaxed"),
        rx.cond(ReviewState.at_recognition, _recognition_step(), _win_step()),
        care_card("review"),
        nav_link(t("review.to_journal"), href=routes.JOURNAL, class_name="text-primary text-sm min-h-11 flex items-center"),
    )

"""The Plan tab (兴趣充电计划): interests, a week of recharge blocks, and how each one went."""

from __future__ import annotations

import reflex as rx

from resilience_app import routes
from resilience_app.components.drafts import draft_attrs
from resilience_app.components.mood_checkin import TEXTAREA
from resilience_app.components.recharge_today import switch_off_item
from resilience_app.components.shell import app_page
from resilience_app.components.ui import (
    FIELD, banner, card, download_link, primary_button, quiet_button, segment, select_input, t, text_input,
)
from resilience_app.contracts.plan import INTEREST, ITEM, NOTE, RATING
from resilience_app.state.plan import INTEREST_DRAFT, NOTE_DRAFT, BlockView, PlanState

CHIP = "inline-flex items-center gap-1 min-h-11 min-w-11 px-3 rounded-full text-sm cursor-pointer"
SMALL_BUTTON = "min-h-11 min-w-11 shrink-0 whitespace-nowrap px-3 rounded-lg text-sm font-semibold cursor-pointer"


def _error(where: str) -> rx.Component:
    return rx.cond(PlanState.error_where == where, banner(PlanState.error_text, True))


# --- interests ---


def _interest_chip(interest: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.span(interest["name"], class_name="pl-1"),
        rx.el.button(rx.icon("x", size=16), type="button", aria_label=t("plan.interest_remove"),
                     on_click=PlanState.remove_interest(interest["id"]),
                     class_name="size-11 flex items-center justify-center text-muted cursor-pointer"),
        custom_attrs={"data-interest": interest["id"]},
        class_name=f"{CHIP} pr-0 bg-primary-soft text-ink",
    )


def _interests() -> rx.Component:
    return card(
        rx.el.h2(t("plan.interests_title"), class_name="text-lg font-semibold"),
        rx.el.p(t("plan.interests_intro"), class_name="text-sm text-muted leading-relaxed"),
        rx.el.ul(rx.foreach(PlanState.interests, _interest_chip), class_name="flex flex-wrap gap-2",
                 id="interests"),
        rx.cond(PlanState.few_interests,
                rx.el.p(t("plan.interests_encourage"), class_name="text-sm text-accent-ink leading-relaxed")),
        rx.el.form(
            text_input("interest", id="interest-input", max_length=INTEREST.max, auto_complete="off",
                       placeholder=t("plan.interest_placeholder"), aria_label=t("plan.interest_label"),
                       enter_key_hint="done", custom_attrs=draft_attrs(INTEREST_DRAFT)),
            primary_button(rx.icon("plus", size=18), t("plan.interest_add"), type="submit", id="interest-add",
                           class_name="px-4 w-auto whitespace-nowrap"),
            on_submit=PlanState.add_interest,
            reset_on_submit=True,
            class_name="grid grid-cols-[1fr_auto] gap-2",
        ),
        _error("interests"),
        rx.cond(
            PlanState.suggestions.length() > 0,
            rx.el.div(
                rx.el.p(t("plan.suggestions_title"), class_name="text-xs text-muted"),
                rx.el.div(
                    rx.foreach(PlanState.suggestions, lambda name: rx.el.button(
                        rx.icon("plus", size=14), name, type="button", on_click=PlanState.pick_suggestion(name),
                        custom_attrs={"data-suggestion": name},
                        class_name=f"{CHIP} border border-line bg-surface text-muted")),
                    class_name="flex flex-wrap gap-2",
                ),
                class_name="flex flex-col gap-1.5",
            ),
        ),
        class_name="flex flex-col gap-3",
        id="interests-card",
    )


# --- the week ---


def _week_nav() -> rx.Component:
    arrow = "size-11 flex items-center justify-center rounded-xl border border-line bg-surface cursor-pointer"
    return rx.el.div(
        rx.el.button(rx.icon("chevron-left", size=20), type="button", id="week-prev",
                     aria_label=t("plan.week_prev"), on_click=PlanState.show_week(-1), class_name=arrow),
        rx.el.div(
            rx.el.p(PlanState.week_label, class_name="font-semibold tabular-nums", id="week-label"),
            rx.el.p(rx.cond(PlanState.week == PlanState.this_week, t("plan.this_week"), PlanState.week),
                    class_name="text-xs text-muted"),
            class_name="flex-1 text-center",
        ),
        rx.el.button(rx.icon("chevron-right", size=20), type="button", id="week-next",
                     aria_label=t("plan.week_next"), on_click=PlanState.show_week(1), class_name=arrow),
        class_name="flex items-center gap-2",
    )


def _stars(block: BlockView) -> rx.Component:
    return rx.el.span(
        rx.foreach(rx.Var.range(RATING.min, RATING.max + 1), lambda n: rx.icon(
            "zap", size=14,
            class_name=rx.cond(n <= block.rating, "text-accent", "text-line"))),
        role="img",  # an aria-label needs a role to be read out
        aria_label=t("plan.rating_label").to(str).replace("{n}", block.rating.to_string()),
        class_name="inline-flex gap-0.5",
    )


def _finish_panel(block: BlockView) -> rx.Component:
    def outcome(value: str, key: str, element_id: str) -> rx.Component:
        return segment(t(key), selected=PlanState.outcome == value, on_click=PlanState.set_outcome(value),
                       id=element_id)

    def rating(n: int) -> rx.Component:
        return rx.el.button(
            str(n), type="button", on_click=PlanState.set_rating(n),
            aria_pressed=rx.cond(PlanState.rating == n, "true", "false"),
            custom_attrs={"data-rating": str(n)},
            class_name=rx.cond(PlanState.rating == n,
                               "flex-1 min-h-11 rounded-lg bg-primary text-on-primary font-semibold",
                               "flex-1 min-h-11 rounded-lg border border-line bg-surface"),
        )

    return rx.el.form(
        rx.el.p(t("plan.finish_title"), class_name="text-sm font-semibold"),
        rx.el.div(outcome("done", "plan.done", "block-done"), outcome("skipped", "plan.skipped", "block-skip"),
                  role="group", class_name="flex p-1 rounded-xl bg-surface-2 border border-line text-sm"),
        rx.cond(
            PlanState.outcome == "done",
            rx.el.div(
                rx.el.p(t("plan.rating_question"), class_name="text-sm text-muted"),
                rx.el.div(*[rating(n) for n in RATING.allowed], role="group", class_name="flex gap-2"),
                rx.el.div(rx.el.span(t("plan.rating_low")), rx.el.span(t("plan.rating_high")),
                          class_name="flex justify-between text-xs text-muted"),
                class_name="flex flex-col gap-1.5",
            ),
            rx.el.p(t("plan.skipped_kind"), class_name="text-sm text-muted leading-relaxed"),
        ),
        rx.el.textarea(name="note", id="block-note", rows=2, max_length=NOTE.max, placeholder=t("plan.note_placeholder"),
                       aria_label=t("plan.note_label"), custom_attrs=draft_attrs(NOTE_DRAFT), class_name=TEXTAREA),
        _error("finish"),
        primary_button(t("common.save"), type="submit", id="block-save"),
        on_submit=PlanState.save_finish,
        class_name="flex flex-col gap-3 p-3 mt-1 rounded-xl bg-primary-soft",
        id="block-finish",
    )


def _block(block: BlockView) -> rx.Component:
    settled = block.status != "planned"
    return rx.el.li(
        rx.el.div(
            rx.el.span(block.start, "–", block.end, class_name="text-sm text-muted tabular-nums"),
            rx.el.span(block.interest, class_name="font-semibold flex-1 min-w-0 break-words"),
            rx.match(
                block.status,
                ("done", rx.el.span(t("plan.status_done"), class_name="text-xs text-ok font-semibold")),
                ("skipped", rx.el.span(t("plan.status_skipped"), class_name="text-xs text-muted")),
                rx.cond(block.timing == "now",
                        rx.el.span(t("plan.status_now"), class_name="text-xs text-primary font-semibold"),
                        rx.fragment()),
            ),
            class_name="flex items-baseline gap-2",
        ),
        rx.el.p(block.day_label, class_name="text-xs text-muted"),
        rx.cond(block.status == "done", _stars(block)),
        rx.cond(block.note != "", rx.el.p(block.note, class_name="text-sm leading-relaxed break-words")),
        rx.cond(
            ~settled,
            rx.el.details(
                # A clear button on the block itself: one tap shows the checklist (issue 14).
                rx.el.summary(
                    rx.icon("power-off", size=18, class_name="shrink-0"),
                    rx.el.span(t("plan.switch_off_title"), class_name="flex-1"),
                    rx.el.span(block.switched_off, class_name="text-xs text-muted tabular-nums"),
                    rx.icon("chevron-down", size=18, class_name="switch-off-chevron shrink-0 text-muted"),
                    custom_attrs={"data-action": "switch-off"},
                    class_name=(
                        "switch-off-toggle list-none flex items-center gap-2 min-h-12 px-3 rounded-xl border "
                        "border-line bg-surface-2 text-ink text-sm font-semibold cursor-pointer"
                    ),
                ),
                rx.el.ul(rx.foreach(block.checklist,
                                    lambda item: switch_off_item(item, PlanState.toggle_item(block.id, item.index))),
                         class_name="flex flex-col"),
                rx.el.form(
                    rx.el.input(type="hidden", name="block", value=block.id),
                    text_input("label", max_length=ITEM.max, placeholder=t("plan.item_placeholder"),
                               aria_label=t("plan.item_label"), auto_complete="off"),
                    quiet_button(t("plan.item_add"), type="submit", class_name="px-3 whitespace-nowrap"),
                    on_submit=PlanState.add_item, reset_on_submit=True,
                    class_name="grid grid-cols-[1fr_auto] gap-2 pt-1",
                ),
                class_name="switch-off pt-1",
            ),
        ),
        rx.cond(
            PlanState.finishing_id == block.id,
            _finish_panel(block),
            rx.el.div(
                rx.cond(block.timing != "upcoming",
                        rx.el.button(rx.cond(settled, t("plan.finish_change"), t("plan.finish_open")), type="button",
                                     on_click=PlanState.choose_finish(block.id), custom_attrs={"data-action": "finish"},
                                     class_name=f"{SMALL_BUTTON} bg-primary-soft text-primary")),
                rx.cond(~settled,
                        rx.el.button(t("plan.block_delete"), type="button", on_click=PlanState.delete_block(block.id),
                                     custom_attrs={"data-action": "delete"}, class_name=f"{SMALL_BUTTON} text-muted")),
                class_name="flex gap-2 justify-end",
            ),
        ),
        custom_attrs={"data-block": block.id, "data-status": block.status},
        class_name="flex flex-col gap-1 py-3",
    )


def _add_block() -> rx.Component:
    return rx.cond(
        PlanState.is_past,
        rx.el.p(t("plan.past_week_note"), class_name="text-sm text-muted leading-relaxed"),
        rx.cond(
            PlanState.interests.length() == 0,
            rx.el.p(t("plan.need_interest"), class_name="text-sm text-muted leading-relaxed"),
            rx.el.form(
                rx.el.h3(t("plan.add_title"), class_name="text-sm font-semibold text-muted"),
                rx.el.label(
                    rx.el.span(t("plan.block_day"), class_name="text-sm text-muted"),
                    select_input("day", rx.foreach(PlanState.day_options,
                                                   lambda d: rx.el.option(d["label"], value=d["value"])),
                                 default_value=PlanState.default_day, id="block-day"),
                    class_name="flex flex-col gap-1",
                ),
                rx.el.div(
                    rx.el.label(
                        rx.el.span(t("plan.block_start"), class_name="text-sm text-muted"),
                        rx.el.input(type="time", name="start", id="block-start", default_value="19:00",
                                    class_name=FIELD),
                        class_name="flex flex-col gap-1",
                    ),
                    rx.el.label(
                        rx.el.span(t("plan.block_length"), class_name="text-sm text-muted"),
                        select_input("length", rx.foreach(PlanState.length_options,
                                                          lambda o: rx.el.option(o["label"], value=o["value"])),
                                     default_value="120", id="block-length"),
                        class_name="flex flex-col gap-1",
                    ),
                    class_name="grid grid-cols-2 gap-2",
                ),
                rx.el.label(
                    rx.el.span(t("plan.block_interest"), class_name="text-sm text-muted"),
                    select_input("interest", rx.foreach(PlanState.interests,
                                                        lambda i: rx.el.option(i["name"], value=i["name"])),
                                 id="block-interest"),
                    class_name="flex flex-col gap-1",
                ),
                _error("block"),
                primary_button(rx.icon("calendar-plus", size=18), t("plan.block_add"), type="submit", id="block-add"),
                on_submit=PlanState.add_block,
                key=PlanState.week,
                class_name="flex flex-col gap-3 pt-3 border-t border-line",
            ),
        ),
    )


def _week() -> rx.Component:
    return card(
        _week_nav(),
        rx.cond(PlanState.adherence_text != "",
                rx.el.p(rx.icon("sprout", size=16, class_name="shrink-0 mt-0.5"), PlanState.adherence_text,
                        class_name="flex gap-2 text-sm text-ok", id="plan-adherence")),
        banner(PlanState.notice_text, False),
        rx.cond(
            PlanState.blocks.length() > 0,
            rx.el.ul(rx.foreach(PlanState.blocks, _block), class_name="flex flex-col divide-y divide-line",
                     id="blocks"),
            rx.el.p(t("plan.week_empty"), class_name="text-sm text-muted leading-relaxed"),
        ),
        rx.cond(PlanState.error_where == "block", rx.cond(PlanState.is_past, _error("block"))),
        _add_block(),
        rx.cond(
            PlanState.blocks.length() > 0,
            download_link(rx.icon("calendar-arrow-down", size=18), t("plan.ics_link"), href=PlanState.ics_href,
                          id="plan-ics",
                          class_name="flex items-center justify-center gap-2 min-h-11 text-sm text-primary font-semibold"),
        ),
        class_name="flex flex-col gap-3",
        id="week-card",
    )


def plan() -> rx.Component:
    return app_page(
        routes.PLAN,
        "nav.plan",
        rx.el.p(t("plan.intro"), class_name="text-muted leading-relaxed"),
        _interests(),
        _week(),
    )

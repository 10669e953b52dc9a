"""The small-goals card on Today (可控小目标): today's goals with a big check, the add form,
the kind suggestion for a goal that hangs on others, and what is still open from before."""

from __future__ import annotations

import reflex as rx

from resilience_app.components.drafts import draft_attrs
from resilience_app.components.ui import banner, card, primary_button, quiet_button, t, text_input
from resilience_app.contracts.goals import GOAL_TEXT, REWARD
from resilience_app.state.goals import GOAL_DRAFT, REWARD_DRAFT, GoalsState

SMALL_BUTTON = "min-h-11 min-w-11 shrink-0 whitespace-nowrap px-3 rounded-lg text-sm font-semibold cursor-pointer"


def _check(goal: rx.Var, done: rx.Var) -> rx.Component:
    return rx.el.button(
        rx.cond(done, rx.icon("check", size=24)),
        type="button",
        role="checkbox",
        aria_checked=rx.cond(done, "true", "false"),
        aria_label=goal["text"],
        on_click=GoalsState.toggle_done(goal["id"]),
        class_name=rx.cond(
            done,
            "size-11 shrink-0 rounded-full bg-primary text-on-primary flex items-center justify-center cursor-pointer",
            "size-11 shrink-0 rounded-full border-2 border-primary bg-surface flex items-center justify-center "
            "cursor-pointer",
        ),
    )


def _goal_row(goal: rx.Var) -> rx.Component:
    done = goal["status"] == "done"
    has_reward = goal["reward"] != ""
    return rx.el.li(
        _check(goal, done),
        rx.el.div(
            rx.el.p(
                goal["text"],
                class_name=rx.cond(done, "leading-snug text-muted line-through decoration-1", "leading-snug"),
            ),
            rx.cond(
                done,
                rx.el.p(
                    rx.icon("party-popper", size=14, class_name="shrink-0 mt-0.5"),
                    rx.el.span(rx.cond(has_reward, t("goals.done_reward"), t("goals.done_line")),
                               rx.cond(has_reward, rx.el.strong(goal["reward"]))),
                    class_name="flex gap-1.5 text-sm text-ok leading-snug",
                ),
                rx.cond(
                    has_reward,
                    rx.el.p(t("goals.reward_prefix"), goal["reward"], class_name="text-sm text-muted leading-snug"),
                ),
            ),
            class_name="flex-1 min-w-0 flex flex-col gap-0.5 pt-2.5 break-words",
        ),
        rx.cond(
            ~done,
            rx.el.button(
                rx.icon("x", size=18), type="button", aria_label=t("goals.drop_label"),
                on_click=GoalsState.drop(goal["id"]),
                class_name="size-11 -mr-2 shrink-0 flex items-center justify-center text-muted cursor-pointer",
            ),
        ),
        custom_attrs={"data-goal": goal["id"], "data-status": goal["status"]},
        class_name="flex items-start gap-3 py-2",
    )


def _suggestion() -> rx.Component:
    return rx.cond(
        GoalsState.suggestion != "",
        rx.el.div(
            rx.el.p(t("goals.suggest_intro"), class_name="text-sm leading-relaxed"),
            rx.el.p(
                rx.icon("sparkles", size=16, class_name="shrink-0 mt-1 text-primary"),
                rx.el.span(GoalsState.suggestion),
                class_name="flex gap-2 font-semibold leading-snug",
            ),
            rx.el.div(
                primary_button(t("goals.use_suggestion"), type="button", on_click=GoalsState.use_suggestion,
                               id="goal-use-suggestion", class_name="flex-1 px-3"),
                quiet_button(t("goals.keep_mine"), type="button", on_click=GoalsState.keep_mine,
                             id="goal-keep-mine", class_name="flex-1 px-3"),
                class_name="flex gap-2",
            ),
            role="status",
            id="goal-suggestion",
            class_name="flex flex-col gap-3 rounded-xl p-4 bg-primary-soft",
        ),
    )


def _add_form() -> rx.Component:
    return rx.el.form(
        text_input(
            "goal", id="goal-input", max_length=GOAL_TEXT.max, placeholder=t("goals.placeholder"),
            aria_label=t("goals.input_label"), auto_complete="off", enter_key_hint="done",
            custom_attrs=draft_attrs(GOAL_DRAFT),
        ),
        rx.el.div(
            text_input(
                "reward", id="goal-reward", max_length=REWARD.max, placeholder=t("goals.reward_placeholder"),
                aria_label=t("goals.reward_label"), auto_complete="off", enter_key_hint="done",
                custom_attrs=draft_attrs(REWARD_DRAFT),
            ),
            primary_button(rx.icon("plus", size=18), t("goals.add"), type="submit", id="goal-add",
                           class_name="px-4 whitespace-nowrap"),
            class_name="grid grid-cols-[1fr_auto] gap-2",
        ),
        _suggestion(),
        rx.el.p(t("goals.hint"), class_name="text-xs text-muted leading-relaxed"),
        on_submit=GoalsState.add,
        class_name="flex flex-col gap-2",
        id="goal-form",
    )


def _unfinished_row(goal: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.p(goal["text"], class_name="leading-snug break-words"),
        rx.el.p(goal["day"], rx.cond(goal["reward"] != "", " · ", ""), goal["reward"],
                class_name="text-xs text-muted"),
        rx.el.div(
            rx.el.button(rx.icon("calendar-arrow-up", size=16), t("goals.carry"), type="button",
                         on_click=GoalsState.carry(goal["id"]), custom_attrs={"data-action": "carry"},
                         class_name=f"{SMALL_BUTTON} inline-flex items-center gap-1.5 bg-primary-soft text-primary"),
            rx.el.button(t("goals.drop"), type="button", on_click=GoalsState.drop(goal["id"]),
                         custom_attrs={"data-action": "drop"}, class_name=f"{SMALL_BUTTON} text-muted"),
            class_name="flex gap-2 pt-1",
        ),
        custom_attrs={"data-goal": goal["id"]},
        class_name="flex flex-col gap-0.5 py-3",
    )


def _unfinished() -> rx.Component:
    return rx.cond(
        GoalsState.unfinished.length() > 0,
        rx.el.div(
            rx.el.h3(t("goals.unfinished_title"), class_name="text-sm font-semibold text-muted"),
            rx.el.p(t("goals.unfinished_intro"), class_name="text-xs text-muted leading-relaxed"),
            rx.el.ul(rx.foreach(GoalsState.unfinished, _unfinished_row),
                     class_name="flex flex-col divide-y divide-line"),
            class_name="flex flex-col gap-1 pt-3 border-t border-line",
            id="goals-unfinished",
        ),
    )


def goals_card() -> rx.Component:
    return card(
        rx.el.div(
            rx.el.h2(t("goals.title"), class_name="text-lg font-semibold"),
            rx.cond(
                GoalsState.goals.length() > 0,
                rx.el.span(t("goals.progress"), " ", GoalsState.done_count, "/", GoalsState.goals.length(),
                           class_name="text-sm text-muted tabular-nums", id="goals-progress"),
            ),
            class_name="flex items-baseline justify-between gap-2",
        ),
        rx.cond(
            GoalsState.goals.length() > 0,
            rx.el.ul(rx.foreach(GoalsState.goals, _goal_row), class_name="flex flex-col divide-y divide-line",
                     id="goals-list"),
            rx.el.p(t("goals.empty"), class_name="text-sm text-muted leading-relaxed"),
        ),
        banner(GoalsState.error_text, True),
        _add_form(),
        _unfinished(),
        class_name="flex flex-col gap-3",
        id="goals-card",
    )

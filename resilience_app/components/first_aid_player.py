"""The first-aid player: a full-screen guided exercise timed by CSS alone (assets/first_aid.css).

Each step is an element shown only during its window (--fa-at, --fa-len, in units of --fa-unit),
so once open the exercise runs to its Done screen with no server and no JavaScript timer.
Stop and Done hide the player in the browser first, then tell the server (queued while offline).
"""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.function import FunctionStringVar

from resilience_app import routes
from resilience_app.components.ui import banner, nav_link, primary_button, quiet_button, t
from resilience_app.services import first_aid
from resilience_app.services.first_aid import Exercise, Step
from resilience_app.state.first_aid import FirstAidState

OVERLAY_ID = "first-aid-overlay"
ICONS = {"breathing_space": "wind", "breath_478": "timer", "pause_30s": "pause", "body_relax": "person-standing"}

# Runs in the click itself: rx.call_script would wait in Reflex's queue for the connection.
# A hidden player lets the screen sleep again (assets/first_aid.js).
HIDE_PLAYER = FunctionStringVar.create(
    "(() => { const player = document.getElementById('" + OVERLAY_ID + "');"
    " if (player) { player.hidden = true; } })"
)


def _window(start: int, seconds: int) -> dict[str, str]:
    return {"--fa-at": str(start), "--fa-len": str(seconds)}


def _phase_headings(exercise: Exercise) -> rx.Component:
    return rx.el.div(
        *[
            rx.el.p(
                t(key),
                custom_attrs={"data-fa-phase": key.rsplit(".", 1)[-1]},
                style=_window(start, seconds),
                class_name="fa-timed text-lg font-semibold text-primary",
            )
            for key, start, seconds in first_aid.phases(exercise)
        ],
        class_name="fa-stack min-h-7",
    )


def _circle(exercise: Exercise) -> rx.Component:
    breaths = [(start, step) for start, step in first_aid.timeline(exercise) if step.breath]
    if not breaths:
        return rx.fragment()
    return rx.el.div(
        rx.el.span(class_name="fa-circle fa-circle-rest"),
        *[
            rx.el.span(style=_window(start, step.seconds), class_name=f"fa-circle fa-breath fa-timed fa-breath-{step.breath}")
            for start, step in breaths
        ],
        aria_hidden="true",
        class_name="fa-stack fa-circle-box",
    )


def _step(start: int, step: Step, index: int) -> rx.Component:
    return rx.el.div(
        rx.el.p(t(step.text_key), class_name="text-[26px] font-bold leading-snug"),
        rx.el.p(t(step.detail_key), class_name="text-lg text-muted leading-relaxed") if step.detail_key else rx.fragment(),
        custom_attrs={"data-fa-step": str(index)},
        style=_window(start, step.seconds),
        class_name="fa-timed flex flex-col gap-2",
    )


def _done(exercise: Exercise) -> rx.Component:
    return rx.el.div(
        rx.el.span(rx.icon("circle-check", size=40), class_name="size-20 rounded-full bg-ok-soft text-ok flex items-center justify-center"),
        rx.el.p(t("fa.done.title"), class_name="text-[28px] font-bold leading-snug"),
        rx.el.p(t("fa.done.body"), class_name="text-lg text-muted leading-relaxed"),
        primary_button(
            t("fa.done.button"),
            type="button",
            id="fa-done-button",
            on_click=[HIDE_PLAYER, FirstAidState.finish(FirstAidState.use_id)],
            class_name="mt-4 text-lg min-h-14",
        ),
        id="fa-done",
        role="status",
        class_name="fa-done absolute inset-0 z-10 bg-bg flex flex-col items-center justify-center gap-4 px-8 text-center",
    )


def _player(exercise: Exercise) -> rx.Component:
    return rx.el.div(
        rx.el.div(
            rx.el.p(t(exercise.name_key), class_name="text-base font-semibold text-muted"),
            quiet_button(
                rx.icon("square", size=16), t("fa.stop"),
                type="button",
                id="fa-stop",
                auto_focus=True,
                on_click=[HIDE_PLAYER, FirstAidState.stop(FirstAidState.use_id)],
            ),
            class_name="flex items-center justify-between gap-3",
        ),
        rx.el.div(rx.el.span(), class_name="fa-progress mt-3", aria_hidden="true"),
        rx.el.div(
            _phase_headings(exercise),
            _circle(exercise),
            rx.el.div(
                *[_step(start, step, index) for index, (start, step) in enumerate(first_aid.timeline(exercise))],
                class_name="fa-stack w-full max-w-[420px]",
            ),
            class_name="flex-1 flex flex-col items-center justify-center gap-6 text-center py-6",
        ),
        _done(exercise),
        key=FirstAidState.use_id,
        id=OVERLAY_ID,
        role="dialog",
        aria_modal="true",
        aria_label=t(exercise.name_key),
        custom_attrs={"data-exercise": exercise.key},
        style={"--fa-total": str(exercise.total)},
        class_name="fa-overlay",
    )


def first_aid_overlay() -> rx.Component:
    """The player for whichever exercise is open; put it once on a page that can start one."""
    return rx.match(
        FirstAidState.active,
        *[(key, _player(exercise)) for key, exercise in first_aid.EXERCISES.items()],
        rx.fragment(),
    )


def first_aid_offer(mood_public_id: rx.Var, quadrant: rx.Var) -> rx.Component:
    """Offered right after an unpleasant check-in: a warm line and the two exercises that fit the
    feeling's energy (services/first_aid.OFFERS), with the other exercises one tap further."""

    def offer(exercise: str) -> rx.Component:
        return quiet_button(
            rx.icon(ICONS[exercise], size=18), t(first_aid.EXERCISES[exercise].name_key),
            type="button",
            on_click=FirstAidState.start(exercise, mood_public_id),
            custom_attrs={"data-fa-start": exercise},
            class_name="w-full justify-start text-left",
        )

    return rx.el.div(
        rx.el.p(t("fa.offer.line"), class_name="text-sm leading-relaxed"),
        rx.match(
            quadrant,
            *[(key, rx.el.div(*[offer(exercise) for exercise in exercises], class_name="flex flex-col gap-2"))
              for key, exercises in first_aid.OFFERS.items()],
            rx.fragment(),
        ),
        nav_link(t("fa.offer.more"), rx.icon("chevron-right", size=16), href=routes.FIRST_AID, id="first-aid-more",
                 class_name="self-start inline-flex items-center gap-1 min-h-11 px-1 text-sm font-semibold text-primary"),
        banner(FirstAidState.error_text, True),
        first_aid_overlay(),
        id="first-aid-offer",
        class_name="flex flex-col gap-2 rounded-xl bg-primary-soft p-3",
    )


def first_aid_link() -> rx.Component:
    """A compact way in from Today."""
    return nav_link(
        rx.el.span(rx.icon("heart-pulse", size=22), class_name="size-11 rounded-xl bg-accent-soft text-accent flex items-center justify-center shrink-0"),
        rx.el.span(
            rx.el.span(t("fa.title"), class_name="font-semibold block"),
            rx.el.span(t("fa.link_body"), class_name="text-sm text-muted block leading-snug"),
            class_name="flex-1",
        ),
        rx.icon("chevron-right", size=20, class_name="text-muted"),
        href=routes.FIRST_AID,
        id="first-aid-link",
        class_name="flex items-center gap-3 min-h-16 px-4 py-3 rounded-2xl bg-surface border border-line text-ink no-underline shadow-[var(--shadow)]",
    )

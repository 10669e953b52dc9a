"""The check-in card on Today: four quadrants, then the words of one; the tap on a word saves."""

from __future__ import annotations

import reflex as rx

from resilience_app.components.ui import banner, card, primary_button, quiet_button, t
from resilience_app.contracts.mood import CAUSE, INTENSITY, NOTE, REFRAME
from resilience_app.state.mood import MoodState

TEXTAREA = (
    "w-full rounded-xl border border-line bg-surface px-4 py-3 text-base leading-relaxed "
    "placeholder:text-muted focus:border-primary outline-none resize-none"
)


# The four tiles, and room for them before they arrive, so nothing below jumps.
QUADRANT_GRID = "grid grid-cols-2 gap-3 min-h-[13rem]"
QUADRANT_TILE = "q-tile rounded-2xl p-3 min-h-24 flex flex-col items-start gap-1 text-left"


def quadrant_tile_body(name: rx.Var | str, hint: rx.Var | str) -> list[rx.Component]:
    """What a quadrant tile shows (also Today's skeleton, pages/today.py)."""
    return [
        rx.el.span(class_name="q-dot size-3 rounded-full"),
        rx.el.span(name, class_name="font-semibold text-base leading-tight"),
        rx.el.span(hint, class_name="text-xs text-muted leading-snug"),
    ]


def _quadrant_tile(quadrant: rx.Var) -> rx.Component:
    return rx.el.button(
        *quadrant_tile_body(quadrant["name"], quadrant["hint"]),
        type="button",
        on_click=MoodState.choose_quadrant(quadrant["key"]),
        custom_attrs={"data-q": quadrant["color"], "data-quadrant": quadrant["key"]},
        class_name=f"{QUADRANT_TILE} cursor-pointer",
    )


def _word_chip(word: rx.Var) -> rx.Component:
    return rx.el.button(
        word["name"],
        type="button",
        title=word["definition"],
        on_click=MoodState.save_emotion(word["key"]),
        custom_attrs={"data-emotion": word["key"]},
        class_name="q-chip min-h-11 px-4 rounded-full text-base cursor-pointer",
    )


def _picker() -> rx.Component:
    return rx.cond(
        MoodState.open_quadrant == "",
        rx.el.div(
            rx.foreach(MoodState.picker, _quadrant_tile),
            class_name=QUADRANT_GRID,
            id="quadrants",
        ),
        rx.el.div(
            rx.el.div(
                rx.el.button(
                    rx.icon("arrow-left", size=20), type="button", aria_label=t("common.back"),
                    on_click=MoodState.close_picker,
                    class_name="size-11 shrink-0 -ml-2 flex items-center justify-center text-muted",
                ),
                rx.el.span(MoodState.open_name, class_name="font-semibold q-ink"),
                rx.el.span(t("mood.pick_word"), class_name="text-sm text-muted ml-auto"),
                class_name="flex items-center gap-2",
            ),
            rx.el.div(
                rx.foreach(MoodState.open_words, _word_chip),
                class_name="flex flex-wrap gap-2",
                id="words",
            ),
            custom_attrs={"data-q": MoodState.open_color},
            class_name="flex flex-col gap-3",
        ),
    )


def details_fields(state) -> list[rx.Component]:
    """Strength, cause tags, cause, reframe and note, for any state with the MoodDetails mixin."""

    def strength(level: int) -> rx.Component:
        return rx.el.button(
            str(level),
            type="button",
            on_click=state.set_intensity(level),
            aria_pressed=rx.cond(state.intensity == level, "true", "false"),
            class_name="q-chip flex-1 min-h-11 rounded-xl font-semibold cursor-pointer",
        )

    def tag(option: rx.Var) -> rx.Component:
        return rx.el.button(
            option["name"],
            type="button",
            on_click=state.toggle_tag(option["key"]),
            aria_pressed=rx.cond(state.tags.contains(option["key"]), "true", "false"),
            class_name="q-chip min-h-11 px-3 rounded-full text-sm cursor-pointer",
        )

    def text(name: str, label_key: str, placeholder_key: str, limit: int) -> rx.Component:
        return rx.el.label(
            rx.el.span(t(label_key), class_name="text-sm font-medium text-muted"),
            rx.el.textarea(
                name=name, id=f"mood-{name}", rows=2, max_length=limit,
                default_value=getattr(state, name), placeholder=t(placeholder_key), class_name=TEXTAREA,
            ),
            class_name="flex flex-col gap-1.5",
        )

    return [
        rx.el.div(
            rx.el.span(t("mood.intensity"), class_name="text-sm font-medium text-muted"),
            rx.el.div(*[strength(level) for level in INTENSITY.allowed], class_name="flex gap-2"),
            rx.el.div(
                rx.el.span(t("mood.intensity_low")), rx.el.span(t("mood.intensity_high")),
                class_name="flex justify-between text-xs text-muted",
            ),
            class_name="flex flex-col gap-1.5",
        ),
        rx.el.div(
            rx.el.span(t("mood.tags"), class_name="text-sm font-medium text-muted"),
            rx.el.div(rx.foreach(state.cause_options, tag), class_name="flex flex-wrap gap-2"),
            class_name="flex flex-col gap-1.5",
        ),
        text("cause", "mood.cause", "mood.cause_placeholder", CAUSE.max),
        text("reframe", "mood.reframe", "mood.reframe_placeholder", REFRAME.max),
        rx.el.p(t("mood.reframe_hint"), class_name="text-xs text-muted -mt-2 leading-relaxed"),
        text("note", "mood.note", "mood.note_placeholder", NOTE.max),
        banner(state.error_text, True),
    ]


def _details() -> rx.Component:
    return rx.el.form(
        *details_fields(MoodState),
        primary_button(t("common.save"), type="submit", id="mood-details-save"),
        on_submit=MoodState.save_details,
        custom_attrs={"data-q": MoodState.saved_color},
        class_name="flex flex-col gap-4 pt-2",
        id="mood-details",
    )


def _confirmation(first_aid_offer) -> rx.Component:
    return rx.el.div(
        rx.el.div(
            rx.el.span(rx.icon("check", size=20), class_name="size-10 rounded-full q-tile flex items-center justify-center q-ink shrink-0"),
            rx.el.div(
                rx.el.p(t("mood.saved_prefix"), rx.el.strong(MoodState.saved_name, class_name="q-ink"),
                        class_name="text-lg", id="mood-saved"),
                rx.el.p(MoodState.saved_definition, class_name="text-sm text-muted leading-snug"),
                class_name="flex-1",
            ),
            rx.el.button(t("mood.done"), type="button", on_click=MoodState.dismiss, id="mood-done",
                         class_name="min-h-11 px-2 -mr-2 -mt-2 text-primary font-semibold whitespace-nowrap"),
            class_name="flex gap-3 items-start",
        ),
        rx.cond(MoodState.repeat_tap, rx.el.p(t("mood.already_saved"), class_name="text-xs text-muted")),
        rx.cond(MoodState.details_saved, banner(t("mood.details_saved"), False)),
        rx.cond(
            MoodState.details_open,
            _details(),
            rx.el.div(
                quiet_button(t(rx.cond(MoodState.details_saved, "mood.edit_details", "mood.add_details")),
                             type="button", on_click=MoodState.open_details, id="mood-add-details",
                             class_name="flex-1 whitespace-nowrap px-3"),
                rx.cond(MoodState.show_undo, quiet_button(rx.icon("undo-2", size=18), t("mood.undo"),
                                                          type="button", on_click=MoodState.undo, id="mood-undo",
                                                          class_name="whitespace-nowrap px-3")),
                class_name="flex gap-2 items-center",
            ),
        ),
        rx.cond(~MoodState.saved_pleasant, first_aid_offer(MoodState.saved_id, MoodState.saved_quadrant)),
        custom_attrs={"data-q": MoodState.saved_color},
        class_name="flex flex-col gap-3",
        id="mood-confirmation",
    )


def mood_checkin(first_aid_offer) -> rx.Component:
    return card(
        rx.el.h2(t("mood.question"), class_name="text-lg font-semibold"),
        rx.cond(~MoodState.details_open, banner(MoodState.error_text, True)),
        rx.cond(MoodState.saved_id != "", _confirmation(first_aid_offer), _picker()),
        class_name="flex flex-col gap-3",
        id="mood-checkin",
    )

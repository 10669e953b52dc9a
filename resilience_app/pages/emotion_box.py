"""The emotion box (情绪收纳盒): write the shift's heavy feelings on slips, seal them until
tomorrow, and then keep them, name them as a check-in, or let them go."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.care_card import care_card
from resilience_app.components.drafts import draft_attrs
from resilience_app.components.mood_checkin import TEXTAREA
from resilience_app.components.shell import app_page
from resilience_app.components.ui import BUTTON, banner, card, nav_link, primary_button, quiet_button, select_input, t
from resilience_app.contracts.emotion_box import SLIP_TEXT
from resilience_app.contracts.mood import REFRAME
from resilience_app.state.emotion_box import BoxState, WordGroup

# A slip of paper: warm, slightly lifted off the page.
PAPER = "rounded-xl bg-accent-soft px-4 py-3 leading-relaxed whitespace-pre-wrap break-words"
SMALL_ACTION = "min-h-11 min-w-11 shrink-0 whitespace-nowrap px-3 rounded-lg text-sm font-semibold cursor-pointer"


def _counted(key: str, n: rx.Var) -> rx.Var:
    return t(key).to(str).replace("{n}", n.to_string())


def box_art() -> rx.Component:
    """The closed box, drawn with an icon on soft paper."""
    return rx.el.div(
        rx.icon("package", size=64, class_name="[stroke-width:1.4]"),
        rx.el.span(rx.icon("sparkles", size=20), class_name="absolute -top-2 -right-2 text-accent"),
        aria_hidden="true",
        class_name=(
            "relative size-32 rounded-[2rem] bg-primary-soft text-primary flex items-center justify-center "
            "shadow-[var(--shadow)]"
        ),
    )


def _closing() -> rx.Component:
    return card(
        box_art(),
        rx.el.p(t("box.closing_line"), class_name="text-xl font-semibold leading-relaxed text-center"),
        rx.el.p(t("box.closing_body"), class_name="text-muted leading-relaxed text-center"),
        nav_link(t("box.closing_done"), href=routes.TODAY, id="box-done",
                 class_name=f"{BUTTON} bg-primary text-on-primary w-full no-underline"),
        role="status",
        id="box-closing",
        class_name="flex flex-col items-center gap-5 py-10",
    )


def _sealed_status() -> rx.Component:
    return rx.cond(
        BoxState.sealed_count > 0,
        rx.el.div(
            rx.el.span(rx.icon("lock", size=20),
                       class_name="size-10 rounded-xl bg-primary-soft text-primary flex items-center justify-center shrink-0"),
            rx.el.p(
                _counted("box.sealed_status", BoxState.sealed_count).replace("{when}", BoxState.opens_on_label),
                class_name="leading-relaxed",
            ),
            id="box-sealed",
            class_name="flex items-center gap-3 rounded-2xl bg-surface-2 border border-line p-4",
        ),
    )


def _convert_form() -> rx.Component:
    def group(words: WordGroup) -> rx.Component:
        return rx.el.optgroup(
            rx.foreach(words.words, lambda word: rx.el.option(word["name"], value=word["key"])), label=words.name,
        )

    return rx.el.form(
        rx.el.p(t("box.convert_title"), class_name="font-semibold"),
        rx.el.label(
            rx.el.span(t("box.convert_word"), class_name="text-sm font-medium text-muted"),
            select_input(
                "emotion",
                rx.el.option(t("box.convert_pick"), value="", disabled=True),
                rx.foreach(BoxState.word_groups, group),
                default_value="", required=True, id="box-emotion",
            ),
            class_name="flex flex-col gap-1.5",
        ),
        rx.el.label(
            rx.el.span(t("box.reframe_label"), class_name="text-sm font-medium text-muted"),
            rx.el.textarea(name="reframe", id="box-reframe", rows=2, max_length=REFRAME.max,
                           custom_attrs=draft_attrs("box_reframe"), class_name=TEXTAREA),
            rx.el.span(t("box.reframe_hint"), class_name="text-xs text-muted"),
            class_name="flex flex-col gap-1.5",
        ),
        rx.el.div(
            quiet_button(t("box.cancel"), type="button", on_click=BoxState.cancel, class_name="flex-1"),
            primary_button(t("box.convert_save"), type="submit", class_name="flex-1", id="box-convert-save"),
            class_name="flex gap-2",
        ),
        on_submit=BoxState.convert,
        class_name="flex flex-col gap-3 p-3 rounded-xl bg-surface-2",
    )


def _let_go_confirm(slip: rx.Var) -> rx.Component:
    return rx.el.div(
        rx.el.p(rx.icon("feather", size=16, class_name="shrink-0 mt-1 text-muted"), rx.el.span(t("box.let_go_confirm")),
                class_name="flex gap-2 text-sm leading-relaxed"),
        rx.el.div(
            quiet_button(t("box.cancel"), type="button", on_click=BoxState.cancel, class_name="flex-1"),
            primary_button(t("box.let_go_yes"), type="button", on_click=BoxState.let_go(slip["id"]),
                           class_name="flex-1", id="box-let-go-yes"),
            class_name="flex gap-2",
        ),
        role="alertdialog",
        class_name="flex flex-col gap-3 p-3 rounded-xl bg-surface-2",
    )


def _readable_slip(slip: rx.Var, keepable: bool) -> rx.Component:
    """A slip whose day has come: keep it, name the feeling, or let it go."""
    return rx.el.li(
        rx.el.p(slip["text"], class_name=PAPER),
        rx.el.p(slip["day"], class_name="text-xs text-muted px-1"),
        rx.el.div(
            rx.el.button(t("box.keep"), type="button", on_click=BoxState.keep(slip["id"]),
                         class_name=f"{SMALL_ACTION} text-primary") if keepable else rx.fragment(),
            rx.el.button(t("box.convert"), type="button", on_click=BoxState.start_convert(slip["id"]),
                         class_name=f"{SMALL_ACTION} text-primary"),
            rx.el.button(t("box.let_go"), type="button", on_click=BoxState.ask_let_go(slip["id"]),
                         class_name=f"{SMALL_ACTION} text-muted"),
            class_name="flex flex-wrap justify-end gap-1 -mr-3 -mt-2",
        ),
        rx.cond(BoxState.converting_id == slip["id"], _convert_form()),
        rx.cond(BoxState.confirm_let_go_id == slip["id"], _let_go_confirm(slip)),
        custom_attrs={"data-slip": slip["id"]},
        class_name="flex flex-col gap-2 py-3",
    )


def _ready() -> rx.Component:
    return rx.cond(
        BoxState.ready.length() > 0,
        card(
            rx.el.h2(_counted("box.ready_title", BoxState.ready.length()), class_name="text-lg font-semibold"),
            rx.el.p(t("box.ready_intro"), class_name="text-sm text-muted leading-relaxed"),
            rx.el.ul(rx.foreach(BoxState.ready, lambda slip: _readable_slip(slip, True)),
                     class_name="flex flex-col divide-y divide-line"),
            id="box-ready",
            class_name="flex flex-col gap-2",
        ),
    )


def _open_slip(slip: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.p(slip["text"], class_name="flex-1"),
        rx.el.button(
            rx.icon("x", size=18), type="button", on_click=BoxState.remove(slip["id"]), aria_label=t("box.remove"),
            class_name="size-11 -my-2 -mr-3 flex items-center justify-center text-muted shrink-0 cursor-pointer",
        ),
        custom_attrs={"data-slip": slip["id"]},
        class_name=f"{PAPER} flex items-start gap-2",
    )


def _writing() -> rx.Component:
    return card(
        rx.el.form(
            rx.el.label(
                rx.el.span(t("box.write_label"), class_name="text-lg font-semibold"),
                rx.el.textarea(name="slip", id="box-slip", rows=3, max_length=SLIP_TEXT.max,
                               placeholder=t("box.placeholder"), custom_attrs=draft_attrs("slip"), class_name=TEXTAREA),
                class_name="flex flex-col gap-2",
            ),
            quiet_button(rx.icon("plus", size=18), t("box.add"), type="submit", id="box-add", class_name="w-full"),
            on_submit=BoxState.add,
            class_name="flex flex-col gap-3",
        ),
        rx.cond(
            BoxState.open_slips.length() > 0,
            rx.el.div(
                rx.el.h2(t("box.open_title"), class_name="text-sm font-semibold text-muted"),
                rx.el.ul(rx.foreach(BoxState.open_slips, _open_slip), class_name="flex flex-col gap-2", id="box-open"),
                rx.el.p(t("box.seal_hint"), class_name="text-sm text-muted leading-relaxed pt-1"),
                primary_button(rx.icon("package", size=20), t("box.seal"), type="button", on_click=BoxState.seal,
                               id="box-seal", class_name="min-h-14 text-lg"),
                class_name="flex flex-col gap-3 pt-2",
            ),
        ),
        class_name="flex flex-col gap-3",
    )


def _kept() -> rx.Component:
    return rx.cond(
        BoxState.kept.length() > 0,
        rx.el.section(
            rx.el.h2(t("box.kept_title"), class_name="text-sm font-semibold text-muted px-1"),
            card(rx.el.ul(rx.foreach(BoxState.kept, lambda slip: _readable_slip(slip, False)),
                          class_name="flex flex-col divide-y divide-line"), class_name="py-1"),
            id="box-kept",
            class_name="flex flex-col gap-2",
        ),
    )


def emotion_box() -> rx.Component:
    return app_page(
        routes.JOURNAL,
        "box.title",
        rx.cond(
            BoxState.just_sealed,
            _closing(),
            rx.el.div(
                rx.el.p(t("box.intro"), class_name="text-muted leading-relaxed"),
                banner(BoxState.notice_text, False),
                banner(BoxState.error_text, True),
                _ready(),
                care_card("box_ready"),
                _sealed_status(),
                _writing(),
                care_card("box"),
                _kept(),
                class_name="flex flex-col gap-4",
            ),
        ),
        nav_link(t("box.to_journal"), href=routes.JOURNAL,
                 class_name="text-primary text-sm min-h-11 flex items-center"),
    )

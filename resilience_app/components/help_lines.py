"""The crisis help card and its help lines as tap-to-call links, shared by the forum's card before
publishing and the private care card.

The numbers come only from data/hotlines.json (through safety.hotlines); nothing here writes one.
An acute sign gets the urgent form: a line saying someone can answer now, then the numbers first,
large, each a full-width button.
"""

from __future__ import annotations

import reflex as rx

from resilience_app.components.ui import LANG, t
from resilience_app.services import safety


def _in_language(texts: dict[str, str]) -> rx.Var:
    return rx.cond(LANG == "en", texts["en"], texts["zh-CN"])


def _dial(number: str) -> str:
    return f"tel:{number.replace('-', '')}"


def _calm_line(line: dict) -> rx.Component:
    return rx.el.li(
        rx.el.a(rx.icon("phone", size=18, class_name="shrink-0"),
                rx.el.span(line["number"], class_name="font-bold text-lg"),
                href=_dial(line["number"]),
                class_name="inline-flex items-center gap-2 min-h-11 text-primary no-underline"),
        rx.el.p(_in_language(line["name"]), class_name="text-sm leading-snug"),
        rx.el.p(_in_language(line["hours"]), class_name="text-xs text-muted"),
        class_name="flex flex-col",
    )


def _urgent_line(line: dict) -> rx.Component:
    return rx.el.li(
        rx.el.a(
            rx.icon("phone-call", size=24, class_name="shrink-0"),
            rx.el.span(
                rx.el.span(line["number"], class_name="block font-bold text-2xl tracking-wide tabular-nums"),
                rx.el.span(_in_language(line["name"]), class_name="block text-sm leading-snug opacity-90"),
                class_name="flex flex-col text-left",
            ),
            href=_dial(line["number"]),
            class_name=("flex items-center gap-3 min-h-16 w-full px-4 py-3 rounded-xl bg-primary text-on-primary "
                        "no-underline shadow-[var(--shadow)]"),
        ),
        rx.el.p(_in_language(line["hours"]), class_name="text-xs text-muted px-1 pt-1"),
        class_name="flex flex-col",
    )


def help_lines(urgent: bool) -> rx.Component:
    """Every help line; `urgent` (a Python bool: the two forms are built apart) makes them large buttons."""
    one = _urgent_line if urgent else _calm_line
    return rx.el.ul(*[one(line) for line in safety.hotlines()], class_name="flex flex-col gap-3",
                    custom_attrs={"data-help-lines": "urgent" if urgent else "calm"})


def answer_now() -> rx.Component:
    """The urgent form's first line: someone can answer right now."""
    return rx.el.p(rx.icon("headset", size=18, class_name="shrink-0 mt-0.5"), rx.el.span(t("help.answer_now")),
                   class_name="flex items-start gap-2 font-semibold leading-relaxed", custom_attrs={"data-help-now": ""})


def numbers_checked() -> rx.Component:
    checked = max(line["checked"] for line in safety.hotlines())
    return rx.el.p(t("help.checked"), " ", checked, class_name="text-xs text-muted")


def help_card(urgent: bool, *, title_key: str, body_key: str, after: tuple[rx.Component, ...],
              card_id: str) -> rx.Component:
    """A warm card: a title, a few words and the help lines (in the urgent form, a line that someone can
    answer now and the numbers before the words), then what the caller adds `after`."""
    body = rx.el.p(t(body_key), class_name="leading-relaxed")
    lines = help_lines(urgent)
    return rx.el.section(
        rx.el.h2(rx.icon("heart-handshake", size=22, class_name="shrink-0"), t(title_key),
                 class_name="flex items-center gap-2 text-lg font-semibold leading-snug"),
        *((answer_now(), lines, body) if urgent else (body, lines)),
        numbers_checked(),
        *after,
        id=card_id,
        role="region",
        aria_label=t(title_key),
        custom_attrs={"data-severity": "acute" if urgent else "concern"},
        class_name="rounded-2xl bg-accent-soft text-ink p-5 flex flex-col gap-3",
    )

"""The moderators' desk: the review queue (items that may need care first) and the log."""

from __future__ import annotations

import reflex as rx

from resilience_app import routes
from resilience_app.components.forum_ui import KIND_BADGE, case_fields
from resilience_app.components.shell import app_page
from resilience_app.components.ui import (
    banner, card, nav_link, primary_button, quiet_button, select_input, t, text_input,
)
from resilience_app.contracts.forum import MODERATOR_REASON
from resilience_app.state.moderation import MUTE_CHOICES, LogRow, ModerationState, QueueCard

LINK = "text-primary text-sm font-semibold min-h-11 inline-flex items-center gap-1 no-underline"
CHIP = "min-h-11 min-w-11 px-3 rounded-lg text-sm font-semibold border cursor-pointer"


def _back() -> rx.Component:
    return nav_link(rx.icon("arrow-left", size=16), t("mod.back"), href=routes.FORUM, class_name=LINK)


def _not_moderator() -> rx.Component:
    return card(
        rx.el.h2(rx.icon("shield", size=20, class_name="shrink-0"), t("mod.members.title"),
                 class_name="flex items-center gap-2 font-semibold"),
        rx.el.p(t("mod.members.body"), class_name="leading-relaxed"),
        class_name="flex flex-col gap-3",
        id="mod-not-moderator",
    )


# --- one queue item ----------------------------------------------------------------------------


def _action_button(item: QueueCard, action: str, label, danger: bool = False) -> rx.Component:
    open_now = (ModerationState.acting_key == item.key) & (ModerationState.acting == action)
    tone = "text-danger" if danger else "text-ink"
    return rx.el.button(
        label,
        type="button",
        on_click=ModerationState.open_action(item.target, item.id, action),
        aria_expanded=rx.cond(open_now, "true", "false"),
        custom_attrs={"data-mod-action": action},
        class_name=rx.cond(open_now, f"{CHIP} bg-primary-soft border-primary {tone}",
                           f"{CHIP} bg-surface border-line {tone}"),
    )


def _actions(item: QueueCard) -> rx.Component:
    decidable = (item.status == "visible") | (item.status == "hidden")
    return rx.el.div(
        rx.cond(decidable, _action_button(
            item, "restore", rx.cond(item.status == "hidden", t("forum.action.restore"), t("mod.action.keep")))),
        rx.cond(item.status == "visible", _action_button(item, "hide", t("forum.action.hide"))),
        rx.cond(decidable, _action_button(item, "delete", t("forum.action.delete"), danger=True)),
        _action_button(item, "warn", t("forum.action.warn")),
        _action_button(item, "mute", t("forum.action.mute")),
        _action_button(item, "unmute", t("forum.action.unmute")),
        _action_button(item, "identify", t("mod.action.identify")),
        class_name="flex flex-wrap gap-2",
    )


def _action_form(item: QueueCard) -> rx.Component:
    """The reason every action needs (and the length of a mute), then confirm."""
    return rx.el.form(
        rx.el.p(t("mod.hint." + ModerationState.acting), class_name="text-sm leading-relaxed"),
        rx.cond(
            ModerationState.acting == "mute",
            select_input("days", *[rx.el.option(t(f"mod.days.{n}"), value=str(n)) for n in MUTE_CHOICES],
                         default_value="7", id="mod-days", aria_label=t("mod.days_label")),
        ),
        text_input("reason", id="mod-reason", max_length=MODERATOR_REASON.max, auto_complete="off",
                   placeholder=t("mod.reason_placeholder"), aria_label=t("mod.reason_label")),
        rx.cond(ModerationState.error_where == item.key, banner(ModerationState.error_text, True)),
        rx.el.div(
            quiet_button(t("mod.cancel"), type="button", on_click=ModerationState.cancel_action, class_name="flex-1",
                         id="mod-cancel"),
            primary_button(t("mod.do." + ModerationState.acting), type="submit", class_name="flex-1",
                           id="mod-confirm"),
            class_name="flex gap-2",
        ),
        on_submit=ModerationState.act,
        key=ModerationState.acting_key + ModerationState.acting,
        class_name="flex flex-col gap-2 rounded-xl bg-surface-2 p-3",
        id="mod-action-form",
    )


def _revealed() -> rx.Component:
    """The author a moderator asked to see, with a reminder that asking was logged."""
    return rx.foreach(ModerationState.revealed, lambda author: rx.el.div(
        rx.el.p(t("mod.revealed_title"), class_name="text-xs font-semibold text-muted"),
        rx.el.p(rx.el.span(author.username, class_name="font-semibold", custom_attrs={"data-mod-username": ""}),
                rx.cond(author.display_name != "", rx.el.span(" · ", author.display_name))),
        rx.el.p(t("mod.revealed_joined"), " ", author.joined, " · ", t("mod.revealed_warnings"), " ",
                author.warnings.to_string(), class_name="text-sm text-muted"),
        rx.cond(author.muted_until != "",
                rx.el.p(t("mod.revealed_muted"), " ", author.muted_until, class_name="text-sm text-muted")),
        rx.el.p(rx.icon("scroll-text", size=14, class_name="shrink-0"), t("mod.revealed_logged"),
                class_name="flex items-start gap-1.5 text-xs text-muted leading-relaxed"),
        class_name="flex flex-col gap-1 rounded-xl border border-line bg-surface-2 p-3",
        id="mod-revealed",
    ))


def _note(icon: str, title_key: str, hint_key: str, tone: str, marker: str) -> rx.Component:
    """Why an item is up front, in an icon and words (never colour alone)."""
    return rx.el.div(
        rx.el.p(rx.icon(icon, size=18, class_name="shrink-0"), t(title_key),
                class_name="inline-flex items-center gap-1.5 font-bold"),
        rx.el.p(t(hint_key), class_name="text-sm leading-relaxed text-ink"),
        class_name=f"flex flex-col gap-1 rounded-xl px-3 py-2 {tone}",
        custom_attrs={marker: ""},
    )


def _acute_note() -> rx.Component:
    """Words naming a means or a time, or harm already done."""
    return _note("siren", "mod.acute", "mod.acute_hint", "bg-danger-soft text-danger", "data-mod-acute")


def _care_note() -> rx.Component:
    return _note("heart-handshake", "mod.care", "mod.care_hint", "bg-accent-soft text-ink", "data-mod-care")


def _queue_item(item: QueueCard) -> rx.Component:
    return rx.el.li(
        rx.cond(item.acute, _acute_note(), rx.cond(item.care, _care_note())),
        rx.el.div(
            rx.el.span(t(item.kind_key), class_name=KIND_BADGE),
            rx.el.span(item.group_name, class_name="text-xs text-muted"),
            rx.el.span(t("mod.status." + item.status), class_name="ml-auto text-xs font-semibold",
                       custom_attrs={"data-mod-status": item.status}),
            class_name="flex items-center gap-2 flex-wrap",
        ),
        rx.cond((item.target == "reply") & (item.post_title != ""),
                rx.el.p(t("mod.reply_in"), " ", item.post_title, class_name="text-xs text-muted")),
        rx.cond(item.title != "", rx.el.h3(item.title, class_name="font-semibold leading-snug")),
        case_fields(item.case),
        rx.cond(item.body != "", rx.el.p(item.body, class_name="whitespace-pre-wrap leading-relaxed break-words")),
        rx.el.p(
            rx.cond(item.anonymous, rx.icon("venetian-mask", size=14, class_name="shrink-0")),
            rx.el.span(item.who, class_name="font-medium"),
            rx.el.span("·"), rx.el.span(t("mod.posted"), " ", item.when),
            rx.cond(item.waiting_since != "", rx.el.span("· ", t("mod.waiting"), " ", item.waiting_since)),
            class_name="flex items-center gap-1.5 text-xs text-muted flex-wrap",
        ),
        rx.cond(item.report_count > 0, rx.el.div(
            rx.el.p(t("mod.reports"), " ", item.report_count.to_string(), class_name="text-sm font-semibold",
                    custom_attrs={"data-mod-report-count": item.report_count}),
            rx.el.ul(
                rx.foreach(item.reports, lambda r: rx.el.li(
                    rx.el.span(t(r.reason_key)),
                    rx.cond(r.note != "", rx.el.span("“", r.note, "”", class_name="text-muted break-words")),
                    rx.el.span(r.when, class_name="text-xs text-muted"),
                    class_name="flex flex-wrap gap-x-2 items-baseline text-sm",
                )),
                class_name="flex flex-col gap-1",
            ),
            class_name="flex flex-col gap-1 border-t border-line pt-2",
        )),
        rx.cond(ModerationState.revealed_key == item.key, _revealed()),
        _actions(item),
        rx.cond(ModerationState.acting_key == item.key, _action_form(item)),
        class_name=rx.cond(
            item.acute,
            "flex flex-col gap-2 rounded-2xl border-2 border-danger bg-surface p-4",
            rx.cond(
                item.care,
                "flex flex-col gap-2 rounded-2xl border-2 border-accent bg-surface p-4",
                "flex flex-col gap-2 rounded-2xl border border-line bg-surface p-4",
            ),
        ),
        custom_attrs={"data-mod-item": item.key},
    )


# --- the log -----------------------------------------------------------------------------------


def _log_line(line: LogRow) -> rx.Component:
    return rx.el.li(
        rx.el.p(
            rx.el.span(line.when),
            rx.el.span("·"),
            rx.cond(line.moderator != "", rx.el.span(line.moderator, class_name="font-medium"),
                    rx.el.span(t("mod.log.automatic"))),
            class_name="flex items-center gap-1.5 text-xs text-muted",
        ),
        rx.el.p(
            rx.el.span(t(line.action_key), class_name="font-semibold"),
            rx.cond(line.target_key != "", rx.el.span(t(line.target_key))),
            rx.cond(line.user != "", rx.el.span("· ", line.user)),
            class_name="flex flex-wrap items-baseline gap-x-1.5 text-sm",
        ),
        rx.cond(line.reason != "", rx.el.p("“", line.reason, "”", class_name="text-sm leading-relaxed break-words")),
        rx.cond(line.detail != "", rx.el.p(line.detail, class_name="text-xs text-muted")),
        class_name="flex flex-col gap-0.5 py-3",
        custom_attrs={"data-mod-log": line.action, "data-mod-log-item": line.item_id},
    )


def _acute_alert() -> rx.Component:
    """At the top of the desk while any acute item waits: how many, and where they are."""
    return rx.cond(
        ModerationState.acute_count > 0,
        rx.el.div(
            rx.el.span(rx.icon("siren", size=22), aria_hidden="true",
                       class_name="size-10 rounded-xl bg-danger text-surface flex items-center justify-center shrink-0"),
            rx.el.div(
                rx.el.p(ModerationState.acute_alert, class_name="font-bold leading-snug"),
                rx.el.p(t("mod.acute_alert_hint"), class_name="text-sm leading-relaxed"),
                class_name="flex flex-col gap-0.5",
            ),
            role="alert",
            id="mod-acute-alert",
            custom_attrs={"data-acute-count": ModerationState.acute_count},
            class_name="flex items-start gap-3 rounded-2xl border-2 border-danger bg-danger-soft text-ink p-4",
        ),
    )


def _desk() -> rx.Component:
    return rx.el.div(
        _acute_alert(),
        rx.el.p(t("mod.intro"), class_name="text-muted leading-relaxed"),
        rx.el.h2(t("mod.queue_title"), " ", ModerationState.items.length().to_string(),
                 class_name="text-lg font-semibold"),
        rx.cond(
            ModerationState.items.length() > 0,
            rx.el.ul(rx.foreach(ModerationState.items, _queue_item), class_name="flex flex-col gap-3",
                     id="mod-queue"),
            card(rx.el.p(t("mod.queue_empty"), class_name="text-muted"), id="mod-queue-empty"),
        ),
        rx.el.h2(t("mod.log_title"), class_name="text-lg font-semibold pt-2"),
        card(
            rx.cond(
                ModerationState.log.length() > 0,
                rx.el.ul(rx.foreach(ModerationState.log, _log_line), class_name="flex flex-col divide-y divide-line",
                         id="mod-log"),
                rx.el.p(t("mod.log_empty"), class_name="text-muted py-4"),
            ),
            class_name="py-1",
        ),
        class_name="flex flex-col gap-4",
    )


def forum_moderation() -> rx.Component:
    return app_page(
        routes.FORUM,
        "mod.title",
        _back(),
        # Kept in view while scrolling: the item acted on may have just left the queue.
        rx.el.div(banner(ModerationState.notice_text, False), class_name="sticky top-2 z-10", id="mod-notice"),
        rx.cond(ModerationState.error_where == "", banner(ModerationState.error_text, True)),
        rx.cond(ModerationState.loaded, rx.cond(ModerationState.is_moderator, _desk(), _not_moderator())),
    )

"""The Journal tab: mood check-ins by local day, each editable or deletable by its author."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.box_card import box_card
from resilience_app.components.care_card import care_card
from resilience_app.components.insights import insights_link
from resilience_app.components.mood_checkin import TEXTAREA, details_fields
from resilience_app.components.shell import app_page
from resilience_app.components.ui import banner, card, nav_link, primary_button, quiet_button, select_input, segment, t
from resilience_app.contracts.journal import ENTRY_TEXT
from resilience_app.state.journal import WinsState
from resilience_app.state.mood import EntryView, MoodHistoryState


def _edit_form(entry: EntryView) -> rx.Component:
    return rx.el.form(
        rx.el.label(
            rx.el.span(t("history.change_word"), class_name="text-sm font-medium text-muted"),
            select_input(
                "emotion",
                rx.foreach(MoodHistoryState.word_options, lambda w: rx.el.option(w["name"], value=w["key"])),
                default_value=MoodHistoryState.edit_emotion, id="edit-emotion",
            ),
            class_name="flex flex-col gap-1.5",
        ),
        *details_fields(MoodHistoryState),
        rx.el.div(
            quiet_button(t("history.cancel"), type="button", on_click=MoodHistoryState.cancel_edit, class_name="flex-1"),
            primary_button(t("common.save"), type="submit", class_name="flex-1", id="edit-save"),
            class_name="flex gap-2",
        ),
        on_submit=MoodHistoryState.save_edit,
        class_name="flex flex-col gap-4 pt-3",
    )


def _delete_confirm() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("history.delete_confirm"), class_name="text-sm"),
        rx.el.div(
            quiet_button(t("history.cancel"), type="button", on_click=MoodHistoryState.ask_delete(""), class_name="flex-1"),
            rx.el.button(t("history.delete"), type="button", on_click=MoodHistoryState.delete, id="confirm-delete",
                         class_name="flex-1 min-h-12 rounded-xl font-semibold bg-danger text-surface cursor-pointer"),
            class_name="flex gap-2",
        ),
        role="alertdialog",
        class_name="flex flex-col gap-3 p-3 mt-2 rounded-xl bg-danger-soft",
    )


def _detail_line(text: rx.Var, icon: str) -> rx.Component:
    return rx.cond(
        text != "",
        rx.el.p(rx.icon(icon, size=14, class_name="shrink-0 mt-1 text-muted"), rx.el.span(text),
                class_name="flex gap-2 text-sm leading-relaxed"),
    )


def _entry(entry: EntryView) -> rx.Component:
    return rx.el.li(
        rx.el.div(
            rx.el.span(class_name="q-dot size-2.5 rounded-full shrink-0"),
            rx.el.span(entry.name, class_name="font-semibold"),
            rx.cond(entry.intensity > 0, rx.el.span(
                t("history.intensity_label").to(str).replace("{n}", entry.intensity.to_string()),
                class_name="text-xs text-muted")),
            rx.el.span(entry.time, class_name="ml-auto text-sm text-muted tabular-nums"),
            class_name="flex items-center gap-2",
        ),
        rx.cond(entry.tags != "", rx.el.p(entry.tags, class_name="text-xs q-ink")),
        _detail_line(entry.cause, "message-circle"),
        _detail_line(entry.reframe, "sparkles"),
        _detail_line(entry.note, "pencil"),
        rx.cond(
            MoodHistoryState.editing_id == entry.id,
            _edit_form(entry),
            rx.el.div(
                rx.el.button(t("history.edit"), type="button", on_click=MoodHistoryState.start_edit(entry.id),
                             class_name="min-h-11 min-w-11 shrink-0 whitespace-nowrap px-3 text-sm text-primary"),
                rx.el.button(t("history.delete"), type="button", on_click=MoodHistoryState.ask_delete(entry.id),
                             class_name="min-h-11 min-w-11 shrink-0 whitespace-nowrap px-3 text-sm text-danger"),
                class_name="flex justify-end -mr-3 -mb-2",
            ),
        ),
        rx.cond(MoodHistoryState.confirm_delete_id == entry.id, _delete_confirm()),
        care_card("mood:" + entry.id),
        custom_attrs={"data-q": entry.color, "data-entry": entry.id},
        class_name="flex flex-col gap-1 py-3",
    )


def _day(day) -> rx.Component:
    return rx.el.section(
        rx.el.h2(day.label, class_name="text-sm font-semibold text-muted px-1"),
        card(rx.el.ul(rx.foreach(day.checkins, _entry), class_name="flex flex-col divide-y divide-line"),
             class_name="py-1"),
        class_name="flex flex-col gap-2",
    )


class JournalTabState(rx.State):
    tab: str = "moods"

    @rx.event
    def show(self, tab: str):
        self.tab = tab if tab in ("moods", "wins") else "moods"


def _tab(tab: str, label_key: str) -> rx.Component:
    return segment(t(label_key), selected=JournalTabState.tab == tab, on_click=JournalTabState.show(tab),
                   custom_attrs={"data-tab": tab})


_KIND_ICON = "text-accent shrink-0 mt-1"


def _win_entry(entry: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.div(
            # Static icons: rx.icon(<var>) would load every Lucide icon (web/first_paint.py).
            rx.cond(entry["kind"] == "win",
                    rx.icon("trophy", size=16, class_name=_KIND_ICON),
                    rx.icon("heart-handshake", size=16, class_name=_KIND_ICON)),
            rx.el.p(entry["text"], class_name="flex-1 leading-relaxed"),
            class_name="flex gap-2",
        ),
        rx.el.div(
            rx.el.span(entry["day"], " ", entry["time"], class_name="text-xs text-muted"),
            rx.el.button(t("history.edit"), type="button", on_click=WinsState.start_edit(entry["id"]),
                         class_name="ml-auto min-h-11 min-w-11 shrink-0 whitespace-nowrap px-3 text-sm text-primary"),
            rx.el.button(t("history.delete"), type="button", on_click=WinsState.ask_delete(entry["id"]),
                         class_name="min-h-11 min-w-11 shrink-0 whitespace-nowrap px-3 text-sm text-danger -mr-3"),
            class_name="flex items-center",
        ),
        rx.cond(WinsState.editing_id == entry["id"], rx.el.form(
            select_input("kind", rx.el.option(t("journal.kind.win"), value="win"),
                         rx.el.option(t("journal.kind.gratitude"), value="gratitude"), default_value=entry["kind"]),
            rx.el.textarea(name="text", default_value=entry["text"], rows=3, max_length=ENTRY_TEXT.max,
                           class_name=TEXTAREA),
            banner(WinsState.error_text, True),
            rx.el.div(
                quiet_button(t("history.cancel"), type="button", on_click=WinsState.cancel_edit, class_name="flex-1"),
                primary_button(t("common.save"), type="submit", class_name="flex-1"),
                class_name="flex gap-2",
            ),
            on_submit=WinsState.save_edit, class_name="flex flex-col gap-3 pt-2",
        )),
        rx.cond(WinsState.confirm_delete_id == entry["id"], rx.el.div(
            rx.el.p(t("history.delete_confirm"), class_name="text-sm"),
            rx.el.div(
                quiet_button(t("history.cancel"), type="button", on_click=WinsState.ask_delete(""), class_name="flex-1"),
                rx.el.button(t("history.delete"), type="button", on_click=WinsState.delete,
                             class_name="flex-1 min-h-12 rounded-xl font-semibold bg-danger text-surface cursor-pointer"),
                class_name="flex gap-2",
            ),
            role="alertdialog", class_name="flex flex-col gap-3 p-3 mt-2 rounded-xl bg-danger-soft",
        )),
        care_card("win:" + entry["id"].to(str)),
        class_name="flex flex-col gap-1 py-3",
    )


def _wins_tab() -> rx.Component:
    return rx.el.div(
        nav_link(rx.icon("sparkles", size=18), t("review.open"), href=routes.REVIEW,
                 class_name="flex items-center gap-2 min-h-12 px-4 rounded-2xl bg-accent-soft text-ink font-semibold"),
        rx.cond(
            WinsState.entries.length() == 0,
            card(rx.el.p(t("journal.empty"), class_name="leading-relaxed")),
            card(rx.el.ul(rx.foreach(WinsState.entries, _win_entry), class_name="flex flex-col divide-y divide-line"),
                 class_name="py-1", id="wins-list"),
        ),
        class_name="flex flex-col gap-3",
    )


def _moods_tab() -> rx.Component:
    return rx.el.div(
        banner(MoodHistoryState.notice_text, False),
        rx.cond(MoodHistoryState.editing_id == "", banner(MoodHistoryState.error_text, True)),
        rx.cond(
            MoodHistoryState.loaded & (MoodHistoryState.days.length() == 0),
            card(
                rx.el.p(t("history.empty"), class_name="leading-relaxed"),
                nav_link(t("nav.today"), href=routes.TODAY, class_name="text-primary font-semibold min-h-11 flex items-center"),
            ),
        ),
        rx.el.div(rx.foreach(MoodHistoryState.days, _day), class_name="flex flex-col gap-5", id="history"),
        rx.cond(MoodHistoryState.more, quiet_button(t("history.more"), type="button",
                                                     on_click=MoodHistoryState.load_more, class_name="w-full")),
        class_name="flex flex-col gap-3",
    )


def journal() -> rx.Component:
    return app_page(
        routes.JOURNAL,
        "nav.journal",
        insights_link(),
        box_card(),
        rx.el.div(_tab("moods", "history.title"), _tab("wins", "journal.list_title"),
                  class_name="flex p-1 rounded-xl bg-surface-2 border border-line text-sm"),
        rx.cond(JournalTabState.tab == "wins", _wins_tab(), _moods_tab()),
    )

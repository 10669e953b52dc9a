"""Me → Import: choose a file, see what it holds, map unknown moods to words, import all or nothing."""

import reflex as rx
from reflex_components_core.react_router.dom import ReactRouterLink

from resilience_app import routes
from resilience_app.components.shell import app_page
from resilience_app.components.ui import BUTTON, FIELD, back_link, banner, card, nav_link, primary_button, quiet_button, t
from resilience_app.services.import_file import UPLOAD_MAX_BYTES
from resilience_app.state.importing import UPLOAD_ID, ImportState


def _named_upload(upload: rx.Component, name: rx.Var) -> rx.Component:
    """Reflex gives react-dropzone's file input no label: screen readers hear the chooser's words."""
    upload.children[0].children[0].custom_attrs["aria-label"] = name
    return upload


def _chooser() -> rx.Component:
    return card(
        rx.el.p(t("importer.intro"), class_name="text-sm leading-relaxed"),
        rx.el.p(t("importer.daylio_hint"), class_name="text-xs text-muted leading-relaxed mt-2"),
        _named_upload(rx.upload.root(
            rx.el.div(
                rx.icon("file-up", size=22),
                rx.el.span(t("importer.choose")),
                class_name=("flex items-center justify-center gap-2 min-h-14 rounded-xl border-2 border-dashed "
                            "border-line text-primary font-semibold cursor-pointer"),
            ),
            id=UPLOAD_ID,
            max_files=1,
            multiple=False,
            max_size=UPLOAD_MAX_BYTES,
            no_keyboard=False,
            # Chosen files stay in the page: the preview and then the import each send the file.
            on_drop_rejected=ImportState.file_rejected,
            class_name="mt-4",
        ), t("importer.choose")),
        rx.cond(
            rx.selected_files(UPLOAD_ID).length() > 0,
            rx.el.div(
                rx.el.p(rx.selected_files(UPLOAD_ID).join(", "), class_name="text-sm text-muted break-all",
                        id="import-chosen"),
                primary_button(rx.cond(ImportState.busy, t("importer.reading"), t("importer.preview")),
                               type="button", id="import-preview-button", disabled=ImportState.busy,
                               on_click=ImportState.preview_upload(rx.upload_files_chunk(upload_id=UPLOAD_ID))),
                class_name="flex flex-col gap-3 mt-4",
            ),
        ),
        rx.el.div(banner(ImportState.error_text, True), class_name="mt-4"),
    )


def _line(label: rx.Var | str, value: rx.Var | str) -> rx.Component:
    return rx.el.div(rx.el.dt(label, class_name="text-muted"), rx.el.dd(value, class_name="font-semibold text-right"),
                     class_name="flex justify-between gap-3 py-1.5")


def _word_picker(name: rx.Var) -> rx.Component:
    return rx.el.label(
        rx.el.span(name, class_name="font-semibold"),
        rx.el.select(
            rx.el.option(t("importer.pick_word"), value=""),
            rx.foreach(ImportState.word_groups, lambda group: rx.el.optgroup(
                rx.foreach(group["emotions"].to(list[dict[str, str]]),
                           lambda word: rx.el.option(word["name"], value=word["key"])),
                label=group["name"].to(str),
            )),
            value=ImportState.mapping.get(name, ""),
            on_change=lambda key: ImportState.set_word(name, key),
            class_name=f"{FIELD} appearance-none",
            custom_attrs={"data-mood": name},
        ),
        class_name="flex flex-col gap-1.5",
    )


def _preview() -> rx.Component:
    return card(
        rx.el.h2(t("importer.preview_title"), class_name="text-lg font-semibold"),
        rx.el.p(ImportState.file_name, " · ",
                rx.cond(ImportState.kind == "daylio", t("importer.kind_daylio"), t("importer.kind_export")),
                class_name="text-sm text-muted break-all"),
        rx.el.dl(
            rx.foreach(ImportState.counts, lambda row: _line(row["label"], row["count"])),
            rx.cond(ImportState.date_range != "", _line(t("importer.dates"), ImportState.date_range)),
            _line(t("importer.new"), ImportState.new_count),
            _line(rx.cond(ImportState.kind == "daylio", t("importer.skipped_daylio"), t("importer.skipped_export")),
                  ImportState.skipped_count),
            class_name="divide-y divide-line text-sm mt-3", id="import-preview",
        ),
        rx.cond(
            ImportState.moods_found.length() > 0,
            rx.el.div(
                rx.el.h3(t("importer.moods_title"), class_name="text-sm font-semibold"),
                rx.el.ul(rx.foreach(ImportState.moods_found, lambda mood: rx.el.li(
                    rx.el.span(mood["name"]), rx.el.span(" × ", mood["count"], class_name="text-muted"),
                    rx.cond(mood["word"] != "", rx.el.span(" → ", mood["word"])),
                )), class_name="text-sm flex flex-col gap-1"),
                class_name="flex flex-col gap-2 mt-4",
            ),
        ),
        rx.cond(
            ImportState.unknown.length() > 0,
            rx.el.div(
                rx.el.p(t("importer.unknown_hint"), class_name="text-sm"),
                rx.foreach(ImportState.unknown, _word_picker),
                class_name="flex flex-col gap-3 mt-4 rounded-xl bg-accent-soft p-4",
            ),
        ),
        rx.cond(ImportState.kind == "export", rx.el.p(t("importer.export_note"), class_name="text-xs text-muted mt-3")),
        rx.cond(ImportState.shortened > 0, rx.el.p(t("importer.shortened"), class_name="text-xs text-muted mt-3")),
        rx.el.div(
            banner(ImportState.error_text, True),
            primary_button(
                rx.cond(ImportState.busy, t("importer.importing"), t("importer.import")),
                type="button", id="import-confirm",
                disabled=ImportState.busy | (ImportState.unmapped > 0),
                on_click=ImportState.import_upload(rx.upload_files_chunk(upload_id=UPLOAD_ID)),
            ),
            quiet_button(t("importer.start_over"), type="button", on_click=ImportState.start_over, class_name="w-full"),
            class_name="flex flex-col gap-3 mt-4",
        ),
    )


def _done() -> rx.Component:
    return card(
        banner(ImportState.result_text, False),
        rx.el.div(
            nav_link(t("importer.see_entries"), href=routes.JOURNAL, id="import-see",
                     class_name=f"{BUTTON} bg-primary text-on-primary no-underline"),
            # A fresh page: nothing of the last file stays chosen (clearing it from the server needs eval).
            ReactRouterLink.create(t("importer.another"), to=routes.ME_IMPORT, reload_document=True,
                                   class_name=f"{BUTTON} bg-surface-2 text-ink border border-line no-underline"),
            class_name="flex flex-col gap-3 mt-4",
        ),
    )


def importing() -> rx.Component:
    return app_page(
        routes.ME,
        "importer.title",
        back_link("nav.me", routes.ME),
        rx.match(ImportState.phase, ("preview", _preview()), ("done", _done()), _chooser()),
    )

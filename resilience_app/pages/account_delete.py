"""Me → delete account: what goes, what happens to forum posts, the password again, then goodbye."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.shell import app_page
from resilience_app.components.ui import BUTTON, back_link, banner, card, field, t, text_input
from resilience_app.state.account import DeleteAccountState
from resilience_app.state.auth import AuthState


def _goes(icon: str, key: str) -> rx.Component:
    return rx.el.li(rx.icon(icon, size=18, class_name="shrink-0 mt-0.5 text-danger"),
                    rx.el.span(t(key)), class_name="flex gap-2 text-sm leading-relaxed")


def _posts_choice(value: str, key: str) -> rx.Component:
    return rx.el.label(
        rx.el.input(type="radio", name="posts", value=value, default_checked=value == "delete",
                    on_change=DeleteAccountState.choose_posts(value), id=f"posts-{value}",
                    class_name="mt-1 size-5 shrink-0 accent-[var(--primary)]"),
        rx.el.span(t(key), class_name="text-sm leading-relaxed"),
        class_name="flex gap-3 items-start min-h-11 py-1 cursor-pointer",
    )


def account_delete() -> rx.Component:
    return app_page(
        routes.ME,
        "delete.title",
        back_link("delete.back", routes.ME),
        card(
            rx.el.p(t("delete.intro"), class_name="font-semibold"),
            rx.el.ul(
                _goes("notebook-pen", "delete.goes_entries"),
                _goes("user-round-x", "delete.goes_account"),
                _goes("smartphone", "delete.goes_sessions"),
                _goes("users", "delete.goes_forum"),
                class_name="flex flex-col gap-2 mt-3",
            ),
            rx.el.p(t("delete.export_hint"), class_name="text-xs text-muted mt-3"),
        ),
        card(
            rx.el.form(
                rx.el.fieldset(
                    rx.el.legend(t("delete.posts_title"), class_name="font-semibold mb-2"),
                    _posts_choice("delete", "delete.posts_delete"),
                    _posts_choice("anonymise", "delete.posts_anonymise"),
                    class_name="flex flex-col gap-1",
                ),
                rx.el.input(type="text", name="username", auto_complete="username", value=AuthState.username,
                            read_only=True, hidden=True),
                field("field.password", text_input(
                    "password", id="delete-password", type="password", auto_complete="current-password",
                    required=True,
                ), "delete.confirm_hint"),
                banner(DeleteAccountState.error_text, True),
                rx.el.button(
                    rx.icon("trash-2", size=18),
                    rx.cond(DeleteAccountState.working, t("delete.working"), t("delete.submit")),
                    type="submit", id="delete-submit", disabled=DeleteAccountState.working,
                    class_name=f"{BUTTON} w-full bg-danger text-on-primary",
                ),
                # Not reset_on_submit: that would also undo the posts choice; the state clears the password.
                on_submit=DeleteAccountState.delete,
                # assets/drafts.js forgets every draft on this device as the form is sent.
                custom_attrs={"data-sign-out": "true"},
                class_name="flex flex-col gap-4",
            ),
        ),
    )

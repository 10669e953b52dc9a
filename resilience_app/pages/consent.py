"""The consent gate: the notice and a separate, unticked box; or withdrawing, and what follows."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.privacy_notice import consent_box, privacy_notice
from resilience_app.components.shell import public_page
from resilience_app.components.ui import (
    banner, card, download_link, language_switch, nav_link, native_form, primary_button, quiet_button, t,
)
from resilience_app.state.auth import AuthState
from resilience_app.state.consent import ASK, DECLINED, WITHDRAW, WITHDRAWN, ConsentState

_ROW = "flex items-center gap-3 min-h-14 text-ink no-underline w-full"


def _ask() -> rx.Component:
    return rx.fragment(
        rx.el.p(t("consent.intro"), class_name="text-sm text-muted leading-relaxed"),
        card(privacy_notice()),
        card(
            rx.el.form(
                consent_box("consent_sensitive", "consent.checkbox"),
                banner(ConsentState.error_text, True),
                primary_button(t("consent.agree"), type="submit", id="consent-agree"),
                quiet_button(t("consent.decline"), type="button", id="consent-decline", on_click=ConsentState.decline,
                             class_name="w-full"),
                on_submit=ConsentState.agree,
                class_name="flex flex-col gap-4",
            ),
        ),
    )


def _way_out(body_key: str) -> rx.Component:
    """After declining or withdrawing: export first, then deletion; or sign out, or think again."""
    return card(
        rx.el.p(t(body_key), class_name="text-sm leading-relaxed"),
        rx.el.div(
            download_link(rx.icon("download", size=20), rx.el.span(t("consent.export"), class_name="flex-1"),
                          href=routes.API_EXPORT, id="consent-export", class_name=_ROW),
            nav_link(rx.icon("trash-2", size=20), rx.el.span(t("consent.delete"), class_name="flex-1"),
                     href=routes.ME_DELETE, id="consent-delete", class_name=f"{_ROW} text-danger"),
            rx.el.button(rx.icon("file-text", size=20), rx.el.span(t("consent.reconsider"), class_name="flex-1 text-left"),
                         type="button", on_click=ConsentState.reconsider, id="consent-reconsider",
                         class_name=f"{_ROW} cursor-pointer"),
            native_form(
                rx.el.button(rx.icon("log-out", size=20), rx.el.span(t("consent.logout"), class_name="flex-1 text-left"),
                             type="submit", id="consent-logout", class_name=f"{_ROW} cursor-pointer"),
                action=routes.AUTH_LOGOUT, method="post", custom_attrs={"data-sign-out": "true"},
            ),
            class_name="flex flex-col divide-y divide-line mt-2",
        ),
    )


def _withdraw() -> rx.Component:
    return card(
        rx.el.p(ConsentState.given_text, class_name="text-sm text-muted"),
        rx.el.p(t("consent.withdraw_body"), class_name="text-sm leading-relaxed"),
        banner(ConsentState.error_text, True),
        rx.el.button(t("consent.withdraw_confirm"), type="button", id="consent-withdraw", on_click=ConsentState.withdraw,
                     class_name="inline-flex items-center justify-center min-h-12 px-5 rounded-xl font-semibold "
                                "w-full bg-danger text-on-primary cursor-pointer"),
        nav_link(t("consent.keep"), href=routes.ME, id="consent-keep",
                 class_name="inline-flex items-center justify-center min-h-12 w-full text-primary font-semibold"),
        nav_link(t("me.privacy"), href=routes.PRIVACY,
                 class_name="inline-flex items-center justify-center min-h-11 w-full text-sm text-primary"),
        class_name="flex flex-col gap-4",
    )


def _withdrawn() -> rx.Component:
    return rx.fragment(
        rx.el.ol(
            rx.el.li(t("consent.step_export")),
            rx.el.li(t("consent.step_delete")),
            class_name="list-decimal pl-5 text-sm leading-relaxed flex flex-col gap-1",
        ),
        _way_out("consent.withdrawn_body"),
    )


def consent() -> rx.Component:
    title = rx.match(
        ConsentState.mode,
        (WITHDRAW, t("consent.withdraw_title")),
        (DECLINED, t("consent.declined_title")),
        (WITHDRAWN, t("consent.withdrawn_title")),
        t("consent.title"),
    )
    return public_page(
        rx.el.div(language_switch(), class_name="flex justify-end"),
        rx.el.h1(title, class_name="text-2xl font-bold", id="consent-title"),
        rx.cond(
            AuthState.signed_in,
            rx.match(
                ConsentState.mode,
                (ASK, _ask()),
                (WITHDRAW, _withdraw()),
                (DECLINED, _way_out("consent.declined_body")),
                (WITHDRAWN, _withdrawn()),
                rx.fragment(),
            ),
        ),
    )

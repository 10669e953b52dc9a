"""Sign in: username and password, posted to the server route that sets the cookie."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.shell import public_page
from resilience_app.components.ui import nav_link, card, field, language_switch, logo, native_form, primary_button, t, text_input, url_message
from resilience_app.state.auth import AuthState


def brand_header() -> rx.Component:
    return rx.el.header(
        rx.el.div(language_switch(), class_name="flex justify-end"),
        rx.el.div(
            logo(64),
            rx.el.h1(t("app.name"), class_name="text-3xl font-bold tracking-tight"),
            rx.el.p(t("app.tagline"), class_name="text-muted text-base leading-relaxed"),
            class_name="flex flex-col items-center text-center gap-3 pt-4",
        ),
        class_name="flex flex-col gap-2",
    )


def public_footer() -> rx.Component:
    return rx.el.footer(
        rx.el.p(t("app.privacy_promise"), class_name="text-xs text-muted text-center leading-relaxed"),
        rx.el.div(
            nav_link(t("nav.about"), href=routes.ABOUT, class_name="text-sm text-primary min-h-11 flex items-center"),
            nav_link(t("nav.privacy"), href=routes.PRIVACY, id="footer-privacy",
                     class_name="text-sm text-primary min-h-11 flex items-center"),
            class_name="flex justify-center gap-6",
        ),
        class_name="flex flex-col gap-1",
    )


def switch_account_line(question_key: str, link_key: str, href: str) -> rx.Component:
    """"No account yet? Create one": a question and a full-size link, not a link inside a sentence."""
    return rx.el.div(
        rx.el.span(t(question_key)),
        nav_link(t(link_key), href=href, class_name="text-primary font-semibold min-h-11 min-w-11 px-2 inline-flex items-center justify-center"),
        class_name="flex flex-wrap items-center justify-center gap-x-1 text-sm",
    )


def login() -> rx.Component:
    return public_page(
        brand_header(),
        card(
            native_form(
                rx.el.h2(t("login.title"), class_name="text-xl font-semibold"),
                url_message(),
                field("field.username", text_input(
                    "username", id="username", auto_complete="username", required=True,
                    default_value=AuthState.prefill_username, auto_capitalize="none", spell_check=False,
                )),
                field("field.password", text_input(
                    "password", id="password", type="password", auto_complete="current-password", required=True,
                )),
                rx.el.input(type="hidden", name="next", value=AuthState.next_path,
                            custom_attrs={"data-browser-fill": "next"}),
                primary_button(t("login.submit"), type="submit", id="login-submit"),
                action=routes.AUTH_LOGIN,
                method="post",
                class_name="flex flex-col gap-4",
            ),
        ),
        switch_account_line("login.no_account", "login.to_register", routes.REGISTER),
        public_footer(),
    )

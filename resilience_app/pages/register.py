"""Create an account: language and time zone come along from this browser."""

import reflex as rx

from resilience_app import routes
from resilience_app.components.privacy_notice import consent_box
from resilience_app.components.shell import public_page
from resilience_app.components.ui import nav_link, card, field, native_form, primary_button, t, text_input, url_message
from resilience_app.contracts.account import USERNAME_MAX
from resilience_app.core.security import PASSWORD_MAX, PASSWORD_MIN
from resilience_app.pages.login import brand_header, public_footer, switch_account_line
from resilience_app.state.auth import AuthState


def register() -> rx.Component:
    return public_page(
        brand_header(),
        card(
            native_form(
                rx.el.h2(t("register.title"), class_name="text-xl font-semibold"),
                url_message(),
                # The notice comes before sign-up.
                rx.el.p(
                    t("privacy.register_hint"), " ",
                    nav_link(t("privacy.notice_link"), href=routes.PRIVACY, id="register-privacy",
                             class_name="text-primary font-semibold underline underline-offset-2"),
                    class_name="text-sm",
                ),
                field("field.username", text_input(
                    "username", id="username", auto_complete="username", required=True, max_length=USERNAME_MAX,
                    default_value=AuthState.prefill_username, auto_capitalize="none", spell_check=False,
                ), "register.username_hint"),
                field("field.password", text_input(
                    "password", id="password", type="password", auto_complete="new-password",
                    required=True, min_length=PASSWORD_MIN, max_length=PASSWORD_MAX,
                ), "register.password_hint"),
                # Empty until known; assets/drafts.js fills an empty one from the browser at submit.
                rx.el.input(type="hidden", name="language", value=rx.cond(AuthState.lang_ready, AuthState.lang, ""),
                            custom_attrs={"data-browser-fill": "language"}),
                # Read from the browser only at submit: a page's first Intl call loads ICU's data, a task
                # of 35–55 ms on a slow machine, which the page's load need not pay.
                rx.el.input(type="hidden", name="time_zone", custom_attrs={"data-browser-fill": "time_zone"}),
                consent_box("consent_sensitive", "register.consent"),
                primary_button(t("register.submit"), type="submit", id="register-submit"),
                action=routes.AUTH_REGISTER,
                method="post",
                class_name="flex flex-col gap-4",
            ),
        ),
        switch_account_line("register.have_account", "register.to_login", routes.LOGIN),
        public_footer(),
    )

"""The privacy notice's sections (the notice page, the consent page) and the separate consent box."""

import reflex as rx

from resilience_app.components.ui import t
from resilience_app.services.consent import NOTICE_SECTIONS, NOTICE_VERSION
from resilience_app.state.consent import NoticeState


def _section(key: str) -> rx.Component:
    body = rx.el.p(t(f"privacy.{key}.body"), class_name="text-sm leading-relaxed")
    if key == "contact":
        # The operator's own words (RESILIENCE_PRIVACY_CONTACT), else a default in the user's language.
        who = rx.cond(NoticeState.contact != "", NoticeState.contact, t("privacy.contact_default"))
        body = rx.el.div(body, rx.el.p(who, id="privacy-contact", class_name="text-sm font-semibold leading-relaxed mt-1"))
    return rx.el.section(
        rx.el.h2(t(f"privacy.{key}.title"), class_name="font-semibold"),
        body,
        class_name="flex flex-col gap-1",
    )


def privacy_notice() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("privacy.intro"), class_name="text-sm text-muted leading-relaxed"),
        *[_section(key) for key in NOTICE_SECTIONS],
        rx.el.p(t("privacy.version"), " ", NOTICE_VERSION, id="notice-version", class_name="text-xs text-muted"),
        class_name="flex flex-col gap-4",
    )


def consent_box(name: str, label_key: str) -> rx.Component:
    """The separate, explicit consent to sensitive information: never ticked in advance."""
    return rx.el.label(
        rx.el.input(type="checkbox", name=name, value="yes", id=name,
                    class_name="size-6 mt-0.5 shrink-0 accent-primary"),
        rx.el.span(t(label_key), class_name="text-sm leading-relaxed"),
        class_name="flex gap-3 items-start min-h-11 cursor-pointer",
    )

"""What a page that failed to render shows instead of Reflex's English "An error occurred…".

The text is read from both catalogs when the app compiles, so it shows in Chinese and English
without the user's state, which may be what failed. No inline script: the links reload the page.
"""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.base import Var
from reflex_components_core.base.error_boundary import ErrorBoundary
from reflex_components_core.react_router.dom import ReactRouterLink

from resilience_app import routes
from resilience_app.core import i18n

LINK = "inline-flex items-center justify-center min-h-12 px-5 rounded-xl font-semibold no-underline"


def _in(language: str, key: str) -> str:
    return i18n.translate(language, key)


def _fallback() -> rx.Component:
    return rx.el.div(
        rx.el.main(
            rx.el.img(src="/icons/icon.svg", alt="", width=56, height=56, class_name="rounded-2xl"),
            *[
                rx.el.div(
                    # One page title: the default language's; the other language follows as its echo.
                    (rx.el.h1 if language == i18n.DEFAULT_LANGUAGE else rx.el.h2)(
                        _in(language, "error_page.title"), class_name="text-xl font-bold"),
                    rx.el.p(_in(language, "error_page.body"), class_name="text-muted leading-relaxed"),
                    lang=language,
                    class_name="flex flex-col gap-1",
                )
                for language in i18n.LANGUAGES
            ],
            rx.el.div(
                # reload_document: a real page load, not React Router's (the app's state starts afresh).
                ReactRouterLink.create(f"{_in('zh-CN', 'error_page.reload')} · {_in('en', 'error_page.reload')}",
                                       to=".", reload_document=True, id="error-reload",
                                       class_name=f"{LINK} bg-primary text-on-primary"),
                ReactRouterLink.create(f"{_in('zh-CN', 'error_page.today')} · {_in('en', 'error_page.today')}",
                                       to=routes.TODAY, reload_document=True,
                                       class_name=f"{LINK} bg-surface-2 text-ink border border-line"),
                class_name="flex flex-col gap-2 pt-2",
            ),
            role="alert",
            id="error-page",
            class_name="mx-auto max-w-[420px] px-6 py-10 flex flex-col gap-4 safe-top",
        ),
        class_name="min-h-dvh bg-bg text-ink",
    )


def error_boundary(**props) -> rx.Component:
    """Reflex's boundary (it still reports the error to the server), with a bilingual fallback."""
    return ErrorBoundary.create(fallback_render=Var.create(_fallback()), **props)

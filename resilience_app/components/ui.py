"""Small building blocks every screen shares: text from the catalog, cards, buttons, fields."""

from __future__ import annotations

import reflex as rx
from reflex.experimental.client_state import ClientStateVar
from reflex_components_core.el.elements.base import BaseHTML
from reflex_base.vars.base import Var
from reflex_base.vars.function import FunctionVar
from reflex_base.event import EventChain
from reflex_components_core.react_router.dom import ReactRouterLink

from resilience_app.state.auth import AuthState
from resilience_app.web.client_catalog import catalog_var, shown_language


# The language the page shows: the tab's, once settled; until then the one the page was served in,
# so the first render matches the prerendered HTML (web/client_catalog.py, web/page_language.py).
LANG = shown_language(AuthState.lang, AuthState.lang_ready)
# The message catalog of that language, looked up in the page.
CATALOG = catalog_var(LANG)


def t(key: str | Var) -> Var:
    """A catalog message in the current language (the key may itself be a var)."""
    return CATALOG[key]


class NativeForm(BaseHTML):
    """A plain <form> that posts to a server route (rx.el.form always intercepts submit)."""

    tag = "form"
    action: Var[str]
    method: Var[str]


native_form = NativeForm.create


def after_first_paint(name: str, child: rx.Component) -> rx.Component:
    """`child`, mounted one commit after the rest of the screen: the first render after the session
    arrives then builds and lays out only what fills the first screen, and the rest follows in a
    task of its own (a long page's single render was its longest task on a slow phone). The flag
    lives in the browser (a React state shared across screens), so coming back to the screen later
    shows it all at once; nothing goes to the server."""
    shown = ClientStateVar.create(name, False)
    show = shown.set_value(True)
    # After the next frame is painted: a timer set from an animation frame runs once that frame is
    # drawn (setting it at once would join the first render's layout in the same frame).
    later = Var(_js_expr=f"(() => requestAnimationFrame(() => setTimeout({show!s})))",
                _var_data=show._get_all_var_data()).to(FunctionVar, EventChain)
    return rx.cond(shown.value, child, rx.el.div(on_mount=later, aria_hidden="true"))


def nav_link(*children, href: str, **props) -> rx.Component:
    """An in-app link that navigates without reloading (and without the Radix bundle)."""
    return ReactRouterLink.create(*children, to=href, **props)


def back_link(label_key: str, href: str, **props) -> rx.Component:
    """The "← back" link at the top of a sub-page, a full 44 px tall."""
    return nav_link(rx.icon("arrow-left", size=20), t(label_key), href=href,
                    class_name="inline-flex items-center gap-1 min-h-11 text-primary no-underline -mt-2", **props)


def download_link(*children, href: str | Var, **props) -> rx.Component:
    """A link to a file a server route sends (web/downloads.py): the browser fetches and saves it.

    In Reflex 0.10 every rx.el.a is React Router's <Link>, which would route /api/... inside the
    page (and show its 404); reload_document renders a plain <a> and leaves the tap to the browser.
    """
    return ReactRouterLink.create(*children, to=href, reload_document=True, download=True, **props)


def card(*children, class_name: str = "", **props) -> rx.Component:
    return rx.el.section(
        *children,
        class_name=f"bg-surface rounded-2xl border border-line p-5 shadow-[var(--shadow)] {class_name}",
        **props,
    )


BUTTON = (
    "inline-flex items-center justify-center gap-2 min-h-12 px-5 rounded-xl font-semibold "
    "text-base transition-colors active:scale-[0.99] disabled:opacity-60 cursor-pointer"
)


def primary_button(*children, class_name: str = "", **props) -> rx.Component:
    return rx.el.button(
        *children, class_name=f"{BUTTON} bg-primary text-on-primary w-full {class_name}", **props
    )


def quiet_button(*children, class_name: str = "", **props) -> rx.Component:
    return rx.el.button(
        *children,
        class_name=f"{BUTTON} bg-surface-2 text-ink border border-line {class_name}",
        **props,
    )


FIELD = (
    "w-full min-h-12 rounded-xl border border-line bg-surface px-4 text-base "
    "placeholder:text-muted focus:border-primary outline-none"
)


def field(label_key: str, control: rx.Component, hint_key: str | None = None) -> rx.Component:
    return rx.el.label(
        rx.el.span(t(label_key), class_name="text-sm font-medium text-muted"),
        control,
        rx.el.span(t(hint_key), class_name="text-xs text-muted") if hint_key else rx.fragment(),
        class_name="flex flex-col gap-1.5",
    )


def text_input(name: str, **props) -> rx.Component:
    return rx.el.input(name=name, class_name=FIELD, **props)


def select_input(name: str, *options, **props) -> rx.Component:
    return rx.el.select(*options, name=name, class_name=f"{FIELD} appearance-none", **props)


def banner(text: Var, is_error: Var) -> rx.Component:
    """A status line: polite for notices, assertive for errors."""
    return rx.cond(
        text != "",
        rx.el.p(
            text,
            role=rx.cond(is_error, "alert", "status"),
            class_name=rx.cond(
                is_error,
                "rounded-xl px-4 py-3 text-sm bg-danger-soft text-danger",
                "rounded-xl px-4 py-3 text-sm bg-ok-soft text-ok",
            ),
        ),
    )


def url_message() -> rx.Component:
    return banner(AuthState.message_text, AuthState.message_is_error)


def segment(label, *, selected: Var, on_click, fill: bool = True, **props) -> rx.Component:
    """One option of a segmented control (language, tabs, kinds): pressed when selected."""
    size = "flex-1" if fill else "px-4"
    return rx.el.button(
        label,
        type="button",
        on_click=on_click,
        aria_pressed=rx.cond(selected, "true", "false"),
        class_name=rx.cond(
            selected,
            f"{size} min-h-11 rounded-lg bg-surface text-ink font-semibold shadow-sm",
            f"{size} min-h-11 rounded-lg text-muted",
        ),
        **props,
    )


def language_switch() -> rx.Component:
    def option(code: str, label: str) -> rx.Component:
        return segment(label, selected=LANG == code, on_click=AuthState.switch_language(code), fill=False)

    return rx.el.div(
        option("zh-CN", "中文"),
        option("en", "English"),
        role="group",
        aria_label=t("nav.language_label"),
        class_name="inline-flex p-1 rounded-xl bg-surface-2 border border-line text-sm",
    )


def logo(size: int = 56) -> rx.Component:
    # Attributes, not props: Reflex makes width and height props CSS, through emotion at run time.
    return rx.el.img(src="/icons/icon.svg", alt="", custom_attrs={"width": str(size), "height": str(size)},
                     class_name="rounded-2xl")


def loading_view() -> rx.Component:
    return rx.el.div(
        rx.el.div(class_name="size-8 rounded-full border-4 border-primary-soft border-t-primary animate-spin"),
        class_name="flex items-center justify-center min-h-[60dvh]",
        aria_busy="true",
    )

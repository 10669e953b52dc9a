"""The message catalogs as a JavaScript module of the build, so the page looks text up by itself.

The catalog used to be a computed var of `AuthState`: about 64 KB of messages in Reflex's initial
state, sent again over the websocket on every page load (twice when the reader chose English), and
held in each tab's state (in Redis, for several workers). Every text on the page depended on that
one object, so each delivery re-rendered them all. Now the build writes both catalogs to
`.web/utils/catalog.js` (`CatalogPlugin.pre_compile`, registered in rxconfig.py) and components
index it with the tab's language (`catalog_var`), which is the only part of it the server sends.

Until the tab's language is settled (`AuthState.lang_ready`), pages show the language they were
served in (`shown_language`): the build prerenders every page in each language (web/page_language.py)
and the server sends the reader's, so the first render of the page matches the HTML it hydrates.
"""

from __future__ import annotations

import json

import reflex as rx
from reflex_base.utils.imports import ImportVar
from reflex_base.vars.base import Var, VarData
from reflex_base.vars.object import ObjectVar

from resilience_app.core import i18n

# Where the module goes inside .web, and how components import it.
MODULE_PATH = "utils/catalog.js"
_IMPORT = "$/utils/catalog"
_NAME = "CATALOGS"
_SERVED = "SERVED_LANG"
# Set by the build's prerender of another language (web/page_language.py) in Node, where there is no document.
PRERENDER_GLOBAL = "RESILIENCE_PRERENDER_LANG"


def catalog_module() -> tuple[str, str]:
    """The module's path in .web and its code: every language's catalog, parsed once as JSON.

    JSON.parse of a string is quicker for engines than a large object literal."""
    catalogs = {language: i18n.catalog(language) for language in i18n.LANGUAGES}
    text = json.dumps(catalogs, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    code = f"export const {_NAME} = Object.freeze(JSON.parse({json.dumps(text, ensure_ascii=False)}));\n"
    # The language this page was served in: <html lang> in the browser, the prerender's in Node.
    known = json.dumps(list(i18n.LANGUAGES))
    code += (
        f"const served = typeof document !== \"undefined\" ? document.documentElement.getAttribute(\"lang\")"
        f" : globalThis.{PRERENDER_GLOBAL};\n"
        f"export const {_SERVED} = {known}.includes(served) ? served : {json.dumps(i18n.DEFAULT_LANGUAGE)};\n"
    )
    return MODULE_PATH, code


def _imported(var: Var, *names: str) -> VarData:
    return VarData.merge(var._get_all_var_data(), VarData(imports={_IMPORT: [ImportVar(tag=n) for n in names]}))


def shown_language(language: Var[str], ready: Var[bool]) -> Var[str]:
    """The tab's language once it is settled (`ready`), until then the one the page was served in."""
    expression = f"({ready!s} ? {language!s} : {_SERVED})"
    data = VarData.merge(_imported(language, _SERVED), ready._get_all_var_data())
    return Var(_js_expr=expression, _var_type=str, _var_data=data)


def catalog_var(language: Var[str]) -> ObjectVar[dict[str, str]]:
    """The catalog of `language` (a state var) in the page; the default language's if unknown."""
    expression = f"({_NAME}[{language!s}] ?? {_NAME}[{json.dumps(i18n.DEFAULT_LANGUAGE)}])"
    data = _imported(language, _NAME)
    return Var(_js_expr=expression, _var_type=dict[str, str], _var_data=data).to(dict[str, str])


class CatalogPlugin(rx.plugins.Plugin):
    """Registered in rxconfig.py."""

    def pre_compile(self, **context) -> None:
        context["add_save_task"](catalog_module)

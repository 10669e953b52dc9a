"""The message catalogs reach the page as a module of the build (web/client_catalog.py), not as state."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from resilience_app.components.ui import t
from resilience_app.core import i18n
from resilience_app.state.auth import AuthState
from resilience_app.web.client_catalog import MODULE_PATH, PRERENDER_GLOBAL, catalog_module


def test_the_module_holds_every_language_exactly(tmp_path):
    """Node imports the module the build writes and finds each catalog as the server reads it."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not on PATH (make setup puts it in .venv/bin)")
    path, code = catalog_module()
    assert path == MODULE_PATH
    module = tmp_path / "catalog.mjs"
    module.write_text(code, encoding="utf-8")
    script = f"import {{CATALOGS}} from {json.dumps(module.as_uri())}; " \
             "process.stdout.write(JSON.stringify({frozen: Object.isFrozen(CATALOGS), catalogs: CATALOGS}));"
    out = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True,
                         encoding="utf-8", check=True, timeout=60)
    loaded = json.loads(out.stdout)
    assert loaded["frozen"]
    assert loaded["catalogs"] == {language: i18n.catalog(language) for language in i18n.LANGUAGES}


@pytest.mark.parametrize(("prerender", "served"), [("en", "en"), ("zh-CN", "zh-CN"), ("fr", "zh-CN"), (None, "zh-CN")])
def test_the_served_language_is_the_prerenders_in_node(tmp_path, prerender, served):
    """In the browser it is <html lang>; in Node (the build's prerender) the global the build sets."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not on PATH (make setup puts it in .venv/bin)")
    module = tmp_path / "catalog.mjs"
    module.write_text(catalog_module()[1], encoding="utf-8")
    setup = f"globalThis.{PRERENDER_GLOBAL} = {json.dumps(prerender)};" if prerender else ""
    script = f"{setup} const {{SERVED_LANG}} = await import({json.dumps(module.as_uri())}); " \
             "process.stdout.write(SERVED_LANG);"
    out = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True,
                         encoding="utf-8", check=True, timeout=60)
    assert out.stdout == served


def test_a_message_is_looked_up_by_the_tabs_language_in_the_page():
    message = str(t("nav.language_label"))
    # The tab's language once settled, until then the language the page was served in.
    assert f"({AuthState.lang_ready!s} ? {AuthState.lang!s} : SERVED_LANG)" in message
    assert '?.["nav.language_label"]' in message
    # An unknown language falls back to the default one, as i18n.translate does on the server.
    assert f'CATALOGS["{i18n.DEFAULT_LANGUAGE}"]' in message
    # A key held in state is looked up the same way.
    assert str(AuthState.message_key) in str(t(AuthState.message_key))


def test_the_tabs_state_carries_no_catalog():
    """The catalog was a computed var of 64 KB per language, resent on every page load."""
    state = AuthState(_reflex_internal_init=True)
    sent = json.dumps(state.dict(), ensure_ascii=False, default=str)
    assert len(sent.encode()) < 4_000
    longest = max(i18n.catalog(i18n.DEFAULT_LANGUAGE).values(), key=len)
    assert longest not in sent

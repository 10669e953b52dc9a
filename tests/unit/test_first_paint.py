"""The build plugin that lets a page paint before its JavaScript runs (web/first_paint.py).

The rewritten pages are exercised by every browser test (a page that failed to boot fails them all);
tests/e2e/test_first_paint.py checks in Chromium that the first paint comes before any app script.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from resilience_app.web import first_paint
from resilience_app.web.headers import inline_script_hashes

# The shape React Router 7 writes for a prerendered page (Reflex 0.10.1's build, /login).
BOOT = (
    'import "/assets/manifest-b97c33c9.js";\n'
    'import * as route0 from "/assets/root-CZB9-u7t.js";\n'
    'import * as route1 from "/assets/_login_._index-DSg32W_3.js";\n'
    "  \n"
    '  window.__reactRouterRouteModules = {"root":route0,"routes/[login]._index":route1};\n'
    "\n"
    'import("/assets/entry.client-ByXnQf4V.js");'
)
PAGE = (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charSet="utf-8"/>'
    '<link rel="modulepreload" href="/assets/manifest-b97c33c9.js"/>'
    '<link rel="modulepreload" href="/assets/entry.client-ByXnQf4V.js"/>'
    '<link as="style" href="/assets/__reflex_global_styles-Be4l11Rq.css" rel="preload"/>'
    '</head><body><main><p>下班了</p></main>'
    '<script>window.__reactRouterContext = {"ssr":false};</script>'
    f'<script type="module" async="">{BOOT}</script>'
    "</body></html>"
)


def _boot_script(html: str) -> str:
    return re.search(r'<script type="module" async="">(.*?)</script>', html, re.S).group(1)


def test_the_boot_waits_for_a_frame_then_imports_the_same_modules_in_order():
    rewritten = first_paint.boot_after_paint(PAGE)
    script = _boot_script(rewritten)
    imports = re.findall(r'import\("([^"]+)"\)', script)
    assert imports == ["/assets/manifest-b97c33c9.js", "/assets/root-CZB9-u7t.js",
                       "/assets/_login_._index-DSg32W_3.js", "/assets/entry.client-ByXnQf4V.js"]
    assert 'window.__reactRouterRouteModules={"root":route0,"routes/[login]._index":route1}' in script
    assert "import *" not in script and not script.lstrip().startswith("import ")  # nothing static
    assert script.index("requestAnimationFrame") > script.index("const go=")
    assert "setTimeout(boot,1500)" in script  # a background tab boots without frames


def test_module_preloads_wait_for_the_boot_and_everything_else_stays():
    rewritten = first_paint.boot_after_paint(PAGE)
    assert '<link rel="modulepreload"' not in rewritten
    # ...and the boot asks for all of them, before its first import.
    script = _boot_script(rewritten)
    listed = script.index('each(["/assets/manifest-b97c33c9.js","/assets/entry.client-ByXnQf4V.js"')
    assert listed < script.index("link.rel='modulepreload'") < script.index("(href)=>import(href)")
    assert '<link as="style" href="/assets/__reflex_global_styles-Be4l11Rq.css" rel="preload"/>' in rewritten
    assert "<main><p>下班了</p></main>" in rewritten
    assert '<script>window.__reactRouterContext = {"ssr":false};</script>' in rewritten


def test_a_second_pass_changes_nothing_and_other_pages_are_left_alone():
    once = first_paint.boot_after_paint(PAGE)
    assert first_paint.boot_after_paint(once) == once
    offline = "<html><body><p>离线</p><script src=\"/offline.js\"></script></body></html>"
    assert first_paint.boot_after_paint(offline) == offline


def test_a_boot_script_of_another_shape_stops_the_build():
    odd = PAGE.replace('import("/assets/entry.client-ByXnQf4V.js");', "")
    with pytest.raises(first_paint.BootError):
        first_paint.boot_after_paint(odd)
    moved = PAGE.replace('<script type="module" async="">', '<script type="module">')
    with pytest.raises(first_paint.BootError):
        first_paint.boot_after_paint(moved)


def test_the_rewritten_boot_is_still_an_inline_script_the_policy_allows():
    rewritten = first_paint.boot_after_paint(PAGE)
    assert len(inline_script_hashes(rewritten.encode())) == 2  # the context script and the boot


def test_rewrite_pages_rewrites_every_page_of_a_build(tmp_path):
    (tmp_path / "login").mkdir()
    (tmp_path / "login.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "login" / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "offline.html").write_text("<html><body>离线</body></html>", encoding="utf-8")
    assert first_paint.rewrite_pages(tmp_path) == 2
    assert "<link rel=\"modulepreload\"" not in (tmp_path / "login" / "index.html").read_text(encoding="utf-8")
    assert first_paint.rewrite_pages(tmp_path) == 0


VITE = """      output: {
        codeSplitting: {
          groups: [
            {
              test: /env.json/,
              name: "reflex-env",
            },
          ],
        },
      },"""


def test_the_icons_share_one_chunk_the_libraries_get_theirs_and_the_change_is_made_once():
    grouped = first_paint.group_chunks(VITE)
    assert first_paint.ICONS_GROUP in grouped and 'name: "reflex-env"' in grouped
    assert first_paint.group_chunks(grouped) == grouped
    # React's DOM renderer, the router, the websocket client and the catalogs get a chunk each.
    for name in ("react-dom-client", "router", "socket", "catalog"):
        assert f'name: "{name}"' in grouped
    # A config an earlier build grouped the icons in gains the libraries once.
    earlier = VITE.replace("groups: [", "groups: [\n            " + first_paint.ICONS_GROUP)
    assert first_paint.group_chunks(earlier) == grouped
    with pytest.raises(first_paint.BootError):
        first_paint.group_chunks(VITE.replace("groups: [", "chunks: ["))


def _reflex_state_js() -> str:
    """The state.js Reflex ships (its web template), before any plugin touched it."""
    import reflex_base

    return (Path(reflex_base.__file__).parent / ".templates" / "web" / "utils" / "state.js").read_text(encoding="utf-8")


def test_state_updates_render_as_transitions_and_the_change_is_made_once():
    shipped = _reflex_state_js()
    changed = first_paint.updates_in_transitions(shipped)
    assert "startTransition(() => {\n          for (const substate in delta) {" in changed
    assert re.search(r'import \{ startTransition, [^}]*\} from "react";', changed)
    # Nothing else moves: only the import and the loop's wrapper differ.
    undone = re.sub(r" *startTransition\(\(\) => \{\n(.*?)\n        \}\);\n",
                    lambda m: "\n".join(line[2:] for line in m.group(1).splitlines()) + "\n", changed, flags=re.S)
    assert undone.replace("startTransition, useCallback", "useCallback") == shipped
    assert first_paint.updates_in_transitions(changed) == changed


def test_a_state_js_of_another_shape_stops_the_build():
    with pytest.raises(first_paint.BootError):
        first_paint.updates_in_transitions("export const applyDelta = () => {};")


def test_a_chunk_s_imports_are_read_from_its_head_only():
    code = ('import{r as e}from"./rolldown-runtime-XKyaHtl9.js";import"./side.js";'
            'import * as all from "./b-1.js";\nconst text = "import \\"./not-an-import.js\\";";')
    assert first_paint.chunk_imports(code, "/assets/root-1.js") == [
        "/assets/rolldown-runtime-XKyaHtl9.js", "/assets/side.js", "/assets/b-1.js"]
    assert first_paint.chunk_imports("export const x = 1;", "/assets/leaf.js") == []


def test_modules_run_in_the_browser_s_order_each_once_even_in_a_cycle():
    graph = {"a": ["b", "c"], "b": ["d"], "c": ["d", "a"], "e": ["c"]}
    order = first_paint.evaluation_order(["a", "e"], lambda href: graph.get(href, []))
    assert order == ["d", "b", "c", "a", "e"]


def test_with_the_build_s_graph_the_boot_runs_one_module_a_task_then_the_entry_last():
    graph = {
        "/assets/root-CZB9-u7t.js": ["/assets/runtime.js", "/assets/react.js"],
        "/assets/_login_._index-DSg32W_3.js": ["/assets/react.js", "/assets/cards.js"],
        "/assets/cards.js": ["/assets/react.js"],
        "/assets/entry.client-ByXnQf4V.js": ["/assets/runtime.js", "/assets/react-dom.js"],
    }
    script = _boot_script(first_paint.boot_after_paint(PAGE, lambda href: graph.get(href, [])))
    steps = json.loads(re.search(r"each\((\[[^\]]*\]),\(href\)=>import\(href\)\)", script).group(1))
    assert steps == ["/assets/manifest-b97c33c9.js", "/assets/runtime.js", "/assets/react.js",
                     "/assets/root-CZB9-u7t.js", "/assets/cards.js", "/assets/_login_._index-DSg32W_3.js",
                     "/assets/react-dom.js"]
    assert first_paint.STEP_BY_STEP in script and "MessageChannel" in script  # a task between modules
    # Every step is asked for before the first runs; the entry comes after the route table.
    preloads = json.loads(re.search(r"const go=\(\)=>each\((\[[^\]]*\])", script).group(1))
    assert set(steps) <= set(preloads)
    assert script.index("(href)=>import(href)") < script.index("window.__reactRouterRouteModules=")
    assert script.index("window.__reactRouterRouteModules=") < script.index('import("/assets/entry.client-ByXnQf4V.js")')

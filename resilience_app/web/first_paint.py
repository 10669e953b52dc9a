"""A Reflex build plugin for a phone's first screen: the page paints before its JavaScript runs.

The production build prerenders every page, so the HTML already holds the screen. These kept a
phone from showing it early, or from answering a tap soon after:

- Every Lucide icon was its own tiny module: Today fetched about 30 of them, each a round trip on a
  mobile link. One `icons` chunk replaces them (`pre_compile`, a change to Vite's chunk groups).
- The page's boot script imported the app's modules at once, so on a slow phone the first paint
  waited for them to download and run. After the build (`post_build`), each page's boot script
  first lets the browser paint what it already has, then asks for every module the page's
  `modulepreload` links named (the links themselves leave the HTML) and imports the same modules
  in the same order.
- React's DOM renderer, the router, the websocket client and the message catalogs each get a chunk
  of their own (`LIBRARY_GROUPS`): a chunk is run whole, so smaller chunks make shorter tasks.
- Running those modules was one long task (the browser runs an imported module with everything it
  imports at once). The boot now imports them one by one, in the order the browser would run them
  (`evaluation_order`, over each built chunk's own imports), with a pause between, so each module
  is its own short task and a tap in between is answered.

The boot script stays inline, so the Content-Security-Policy hashes it like any other (web/headers.py).

Once the page runs, the session's state arrives and the whole screen renders with it. Reflex applies
each websocket update in one synchronous React render, which on a slow phone is one long task (the
screen cannot answer a tap meanwhile). `STATE_JS` is changed so that each update renders as a React
transition: React renders it in slices of a few milliseconds and yields to the phone between them,
and a tap that comes meanwhile is served first.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import reflex as rx

VITE_CONFIG = "vite.config.js"
# Reflex's template groups env.json into its own chunk; the icons and the libraries join that list.
_CHUNK_GROUPS = "groups: ["
ICONS_GROUP = '{ test: /node_modules[\\\\/]lucide-react[\\\\/]/, name: "icons" },'
# The libraries every page runs, each its own chunk, so that no one module is long to run.
LIBRARY_GROUPS = (
    '{ test: /node_modules[\\\\/](react-dom|scheduler)[\\\\/]/, name: "react-dom-client" },'
    '{ test: /node_modules[\\\\/](react-router|@react-router)[\\\\/]/, name: "router" },'
    '{ test: /node_modules[\\\\/](socket\\.io-client|socket\\.io-parser|engine\\.io-client|engine\\.io-parser|@socket\\.io)[\\\\/]/, name: "socket" },'
    '{ test: /utils[\\\\/]catalog\\.js$/, name: "catalog" },'
)

_BOOT = re.compile(r'<script type="module" async="">(?P<body>[^<]*?window\.__reactRouterRouteModules[^<]*?)</script>')
_STATIC_IMPORT = re.compile(r'^import (?:\* as (?P<name>\w+) from )?"(?P<path>[^"]+)";$', re.M)
_ENTRY_IMPORT = re.compile(r'^import\("(?P<path>[^"]+)"\);$', re.M)
_ROUTE_MODULES = re.compile(r"window\.__reactRouterRouteModules = (?P<table>\{[^\n]*\});")
_MODULE_PRELOAD = re.compile(r'<link rel="modulepreload" href="([^"]*)"/>')
# How the boot starts, and the marker that says a page was already rewritten (a second pass must
# change nothing). Two frames: the first one's paint has then reached the screen. A background tab
# gets no frames: the timer boots it anyway.
AFTER_PAINT = "let booted=0;const boot=()=>{if(!booted){booted=1;started()}};requestAnimationFrame(()=>requestAnimationFrame(()=>setTimeout(boot,0)));setTimeout(boot,1500);"
# A tap on a button the page shows before React has taken it over would be lost (the language switch,
# a form Reflex sends): it is held, and given again once that button is live (React keeps its fiber on
# the element). Links and forms that post to the server work without JavaScript and pass straight through.
HOLD_EARLY_TAPS = (
    "const held=[];const live=(el)=>Object.keys(el).some((k)=>k.startsWith('__reactFiber'));"
    "const hold=(e)=>{const b=e.target.closest&&e.target.closest('button,[role=button],[role=switch],[role=checkbox]');"
    "if(!b||live(b)||(b.form&&b.form.hasAttribute('action')))return;"
    "e.preventDefault();e.stopImmediatePropagation();held.push(b)};"
    "document.addEventListener('click',hold,true);"
    "const replay=(tries)=>{if(held.length&&!live(held[0])&&tries>0){setTimeout(()=>replay(tries-1),50);return}"
    "document.removeEventListener('click',hold,true);held.splice(0).forEach((b)=>b.click())};"
)


STATE_JS = "utils/state.js"
_APPLY_DELTA = """        for (const substate in delta) {
          dispatch[substate](delta[substate]);
        }
"""
_APPLY_DELTA_IN_TRANSITION = """        startTransition(() => {
          for (const substate in delta) {
            dispatch[substate](delta[substate]);
          }
        });
"""
_REACT_IMPORT = 'import { useCallback, useEffect, useRef, useState } from "react";'


# One step a task: `each(list, step)` runs step(item) for each item in turn, with a pause (a new
# task, through a message to itself) after each, so the browser can paint and answer taps between.
STEP_BY_STEP = (
    "const pause=()=>new Promise((r)=>{const c=new MessageChannel();c.port1.onmessage=()=>r();c.port2.postMessage(0)});"
    "const each=(list,step)=>list.reduce((p,x)=>p.then(()=>step(x)).then(pause),Promise.resolve());"
)


class BootError(RuntimeError):
    """The build's HTML no longer looks as this plugin expects (a Reflex or React Router upgrade)."""


def group_chunks(config: str) -> str:
    """Vite's config with every Lucide icon in one chunk, and each of LIBRARY_GROUPS in its own."""
    if ICONS_GROUP + LIBRARY_GROUPS in config:
        return config
    config = config.replace("\n            " + ICONS_GROUP, "")  # an earlier build's, without the libraries
    if config.count(_CHUNK_GROUPS) != 1:
        raise BootError(f"{VITE_CONFIG} has no single chunk-groups list to add the icons and libraries to")
    return config.replace(_CHUNK_GROUPS, _CHUNK_GROUPS + "\n            " + ICONS_GROUP + LIBRARY_GROUPS, 1)


def updates_in_transitions(state_js: str) -> str:
    """Reflex's client with each state update from the server rendered as a React transition."""
    if _APPLY_DELTA_IN_TRANSITION in state_js:
        return state_js
    if state_js.count(_APPLY_DELTA) != 1 or state_js.count(_REACT_IMPORT) != 1:
        raise BootError(f"{STATE_JS} no longer applies updates the way this plugin expects")
    state_js = state_js.replace(_REACT_IMPORT, _REACT_IMPORT.replace("useCallback,", "startTransition, useCallback,"))
    return state_js.replace(_APPLY_DELTA, _APPLY_DELTA_IN_TRANSITION)


# A built chunk's own imports, all at its start: `import{a as b}from"./x.js";`, `import"./y.js";`.
_CHUNK_IMPORT = re.compile(r"""\s*import\s*(?:[^"';]*?\s*from\s*)?"(\./[^"]+)";""")


def chunk_imports(code: str, href: str) -> list[str]:
    """The modules a built chunk at `href` imports statically, in its order, as site paths."""
    found, at = [], 0
    base = href.rsplit("/", 1)[0]
    while (match := _CHUNK_IMPORT.match(code, at)) is not None:
        found.append(base + "/" + match[1][2:])
        at = match.end()
    return found


def evaluation_order(roots: list[str], imports_of) -> list[str]:
    """Every module reachable from `roots`, in the order the browser runs them (depth first, each
    module after the modules it imports, in their order)."""
    seen: set[str] = set()
    order: list[str] = []

    def visit(href: str) -> None:
        if href in seen:
            return
        seen.add(href)
        for dependency in imports_of(href):
            visit(dependency)
        order.append(href)

    for root in roots:
        visit(root)
    return order


def boot_after_paint(html: str, imports_of=lambda href: []) -> str:
    """One page's HTML with its boot script waiting for the first paint (see the module's note).

    `imports_of(href)` gives a module's own static imports (`chunk_imports`); with it, the boot
    runs the page's modules one at a time, in the order the browser would, and lets the phone
    breathe between them, so no one task runs them all."""
    if AFTER_PAINT in html:
        return html
    match = _BOOT.search(html)
    if match is None:
        if "__reactRouterRouteModules" in html:
            raise BootError("a page's boot script is not the shape this plugin rewrites")
        return html  # not a React Router page (the offline page, for one)
    body = match["body"]
    imports = list(_STATIC_IMPORT.finditer(body))
    entry = _ENTRY_IMPORT.search(body)
    table = _ROUTE_MODULES.search(body)
    if not imports or entry is None or table is None:
        raise BootError("a page's boot script is missing its imports, its route table or its entry")
    names = [found["name"] or f"_{index}" for index, found in enumerate(imports)]
    # The entry's own module runs last, after the route table is set; everything before it in order.
    everything = evaluation_order([found["path"] for found in imports] + [entry["path"]], imports_of)
    order = [href for href in everything if href != entry["path"]]
    # Every module is asked for before the first runs, so their imports of one another are not a
    # chain of round trips: the ones the build listed for preloading, and any it left out.
    listed = _MODULE_PRELOAD.findall(html)
    preloads = json.dumps(listed + [href for href in order if href not in listed], separators=(",", ":"))
    paths = ",".join(f'import("{found["path"]}")' for found in imports)
    script = (
        HOLD_EARLY_TAPS + STEP_BY_STEP + "const go=()=>each(" + preloads + ",(href)=>{const link=document.createElement('link');"
        "link.rel='modulepreload';link.href=href;document.head.appendChild(link)})"
        ".then(()=>each(" + json.dumps(order, separators=(",", ":")) + ",(href)=>import(href)))"
        ".then(()=>Promise.all([" + paths + "])).then(([" + ",".join(names) + "])=>{"
        f"window.__reactRouterRouteModules={table['table']};"
        f'return import("{entry["path"]}")' + "});" + "const started=()=>go().then(()=>replay(200));"
        + AFTER_PAINT
    )
    rewritten = html[:match.start("body")] + script + html[match.end("body"):]
    return _MODULE_PRELOAD.sub("", rewritten)


def rewrite_pages(static_dir: Path) -> int:
    """Rewrite every page of a finished build in place; how many pages changed."""
    @functools.cache  # every page runs the same chunks: each is read once
    def imports_of(href: str) -> list[str]:
        module = static_dir / href.lstrip("/")
        return chunk_imports(module.read_text(encoding="utf-8"), href) if href.startswith("/assets/") and module.is_file() else []

    changed = 0
    for page in sorted(static_dir.rglob("*.html")):
        before = page.read_text(encoding="utf-8")
        after = boot_after_paint(before, imports_of)
        if after != before:
            page.write_text(after, encoding="utf-8")
            changed += 1
    return changed


class FirstPaintPlugin(rx.plugins.Plugin):
    """Registered in rxconfig.py."""

    def pre_compile(self, **context) -> None:
        context["add_modify_task"](VITE_CONFIG, group_chunks)
        context["add_modify_task"](STATE_JS, updates_in_transitions)

    def post_build(self, **context) -> None:
        rewrite_pages(Path(context["static_dir"]))

"""Each page reaches the reader already in their language.

The build prerenders every page in the default language (zh-CN), and the page then showed Chinese
to an English reader until its scripts had run and the server had answered: on a slow phone, a
second or more of the wrong language, then every text on the screen changing at once (a long task
and a layout shift).

Now the build prerenders every page in each other language as well (`prerender_languages`, after
Reflex's own prerender: the same server bundle and React Router request handler, with the catalog's
`SERVED_LANG` set to that language), into `__<language>/` beside the pages. The server sends the
reader's copy (`with_page_language`): the language cookie the app sets when a language is chosen or
settled (state/auth.py), else the browser's first preference (the server's rule: English only if it
comes first). The page renders first in the language of its `<html lang>` (web/client_catalog.py),
so its first render matches the HTML it hydrates; the tab's own language takes over once settled.

An address with no page gets React Router's empty shell (Reflex's `404.html`), whose page (pages/not_found.py)
is drawn by the scripts; an English reader's 404 is answered with the English copy of that shell.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import reflex as rx
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from resilience_app.core import i18n
from resilience_app.services.accounts import language_from_accept
from resilience_app.web.client_catalog import PRERENDER_GLOBAL
from resilience_app.web.cookies import LANGUAGE_COOKIE, cookie_value
from resilience_app.web.page_paths import NOT_PAGES, static_build_dir

SCRIPT = Path(__file__).with_name("prerender_language.mjs")
OTHER_LANGUAGES = tuple(language for language in i18n.LANGUAGES if language != i18n.DEFAULT_LANGUAGE)
_HTML_LANG = f'<html lang="{i18n.DEFAULT_LANGUAGE}"'
NOT_FOUND = "404.html"  # the static files answer an address with no page with this file, status 404
SPA_SHELL = "__spa-fallback.html"  # React Router's empty shell, which Reflex copies to 404.html after the plugins


def copy_dir(language: str) -> str:
    """Where a language's pages sit inside the build: `__en`."""
    return f"__{language}"


def prerendered_paths(static_dir: Path) -> list[str]:
    """The address of every page the build prerendered ("/", "/login", "/forum/new", ...)."""
    paths = []
    for index in sorted(static_dir.rglob("index.html")):
        relative = index.parent.relative_to(static_dir)
        if relative.parts and relative.parts[0].startswith("__"):
            continue  # another language's copies, or the SPA fallback
        paths.append("/" + "/".join(relative.parts))
    return paths


def page_file(static_dir: Path, language: str, path: str) -> Path:
    return static_dir / copy_dir(language) / path.strip("/") / "index.html"


def has_copy(static_dir: Path, language: str, path: str) -> bool:
    """Whether the build has the page in `language` (and `path` stays inside that language's folder)."""
    folder = (static_dir / copy_dir(language)).resolve()
    page = page_file(static_dir, language, path).resolve()
    return page.is_relative_to(folder) and page.is_file()


def with_lang_attribute(html: str, language: str) -> str:
    """The document's `<html lang>`: the page reads its served language from it (client_catalog)."""
    if _HTML_LANG not in html:
        raise RuntimeError(f"a prerendered page has no {_HTML_LANG}>: web/page_language.py needs a look")
    return html.replace(_HTML_LANG, f'<html lang="{language}"', 1)


def prerender_languages(static_dir: Path, web_dir: Path, node: str) -> int:
    """Render every prerendered page again in each other language; how many pages were written.

    Runs Node on the server bundle React Router's build leaves in `build/server` (the same one it
    prerendered the pages with). The build stops if that fails: a page half in one language is worse
    than a build that says why it stopped."""
    web_dir = web_dir.resolve()
    server_build = web_dir / "build" / "server" / "index.js"
    if not server_build.is_file():
        raise RuntimeError(f"{server_build} is missing: React Router's prerender no longer leaves it")
    paths = prerendered_paths(static_dir)
    script = web_dir / SCRIPT.name  # beside node_modules, so Node resolves react-router from there
    shutil.copyfile(SCRIPT, script)
    written = 0
    for language in OTHER_LANGUAGES:
        with tempfile.TemporaryDirectory() as out:
            subprocess.run(
                [node, str(script), str(server_build), PRERENDER_GLOBAL, language, out, *paths],
                cwd=web_dir, check=True, timeout=600,
                env={**os.environ, "NODE_ENV": "production"},
            )
            for path in paths:
                _write_copy(Path(out) / path.strip("/") / "index.html", page_file(static_dir, language, path), language)
                written += 1
        # The answer to an address with no page: React Router's empty shell, whose "404" page draws
        # itself once the scripts run, in the language of <html lang> until the tab's is settled.
        shell = static_dir / SPA_SHELL
        if shell.is_file():
            _write_copy(shell, static_dir / copy_dir(language) / NOT_FOUND, language)
            written += 1
    return written


def _write_copy(source: Path, target: Path, language: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(with_lang_attribute(source.read_text(encoding="utf-8"), language), encoding="utf-8")


def reader_language(headers: dict[str, str]) -> str:
    """The language cookie if it names one of ours, else the browser's first preference."""
    chosen = cookie_value(headers.get("cookie"), LANGUAGE_COOKIE)
    if chosen in i18n.LANGUAGES:
        return chosen
    return language_from_accept(headers.get("accept-language", ""))


def _is_page(path: str) -> bool:
    return path == "/" or path.endswith("/")


def with_page_language(app: ASGIApp, *, build_dir: Path | None = None) -> ASGIApp:
    """Send a page (its slashed address, web/page_paths.py) in the reader's language."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await app(scope, receive, send)
            return
        path = scope.get("path", "/")
        if any(path.startswith(f"/{copy_dir(language)}/") for language in OTHER_LANGUAGES):
            # The copies are only ever sent under the page's own address.
            await Response("Not Found", status_code=404)(scope, receive, send)
            return
        if path.startswith(NOT_PAGES):
            await app(scope, receive, send)
            return
        if not _is_page(path):
            # A file, or an address with no page: its "not found" answer comes in the reader's language.
            await app(scope, receive, _not_found_in_readers_language(scope, build_dir or static_build_dir(), send))
            return
        language = reader_language(_headers(scope))
        if language != i18n.DEFAULT_LANGUAGE and has_copy(build_dir or static_build_dir(), language, path):
            copy = f"/{copy_dir(language)}{path}"
            scope = {**scope, "path": copy, "raw_path": copy.encode()}
        else:
            language = i18n.DEFAULT_LANGUAGE

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *_language_headers(language)]}
            await send(message)

        await app(scope, receive, send_with_language)

    return wrapped


def _headers(scope: Scope) -> dict[str, str]:
    return {key.decode("latin-1"): value.decode("latin-1") for key, value in scope.get("headers", [])}


def _language_headers(language: str) -> list[tuple[bytes, bytes]]:
    return [(b"content-language", language.encode()), (b"vary", b"Cookie, Accept-Language")]


def _not_found_in_readers_language(scope: Scope, build_dir: Path, send: Send) -> Send:
    """`send`, with the static files' "no such page" answer swapped for the reader's language's copy
    of it. The reader's language is read only then: a file that is there is sent as it is."""
    swapped = False

    async def swapping(message: Message) -> None:
        nonlocal swapped
        if message["type"] == "http.response.start" and message["status"] == 404:
            headers = list(message.get("headers", []))
            language = reader_language(_headers(scope))
            shell = build_dir / copy_dir(language) / NOT_FOUND
            if (dict(headers).get(b"content-type", b"").startswith(b"text/html")
                    and language != i18n.DEFAULT_LANGUAGE and shell.is_file()):
                swapped = True
                body = shell.read_bytes()
                dropped = (b"content-length", b"content-encoding", b"etag", b"last-modified")
                kept = [(name, value) for name, value in headers if name.lower() not in dropped]
                await send({**message, "headers": [
                    *kept, (b"content-length", str(len(body)).encode()), *_language_headers(language)]})
                await send({"type": "http.response.body",
                            "body": b"" if scope["method"] == "HEAD" else body, "more_body": False})
                return
        elif swapped:
            return  # the default language's shell, already answered with this language's
        await send(message)

    return swapping


class LanguagePagesPlugin(rx.plugins.Plugin):
    """Registered in rxconfig.py, before FirstPaintPlugin (whose rewrite then covers the copies too)."""

    def post_build(self, **context) -> None:
        from reflex.utils import path_ops, prerequisites

        node = path_ops.get_node_path()
        if node is None:
            raise RuntimeError("Node is needed to prerender the pages in each language")
        prerender_languages(Path(context["static_dir"]), prerequisites.get_web_dir(), str(node))

"""Serve a page's address as written: `/login` answers with the page, not a redirect to `/login/`.

The static build keeps each page as `<route>/index.html`, and Starlette's static files answer a
path without its trailing slash with a 307 to the slashed one: one more round trip before a phone
on a slow link sees anything. The page (and its router) is the same under both addresses.
"""

from __future__ import annotations

import functools
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

NOT_PAGES = ("/_", "/assets/", "/api/", "/auth/", "/ping")  # addresses that are never a page


@functools.cache
def static_build_dir() -> Path:
    from reflex.utils import prerequisites
    from reflex_base import constants

    return (prerequisites.get_web_dir() / constants.Dirs.STATIC).resolve()


def slashed_page(path: str, build_dir: Path) -> str | None:
    """The slashed path the build has a page for, when `path` lacks only the slash."""
    if path == "/" or path.endswith("/") or path.startswith(NOT_PAGES) or "." in path.rsplit("/", 1)[-1]:
        return None
    index = (build_dir / path.lstrip("/") / "index.html").resolve()
    if not index.is_relative_to(build_dir) or not index.is_file():
        return None
    return path + "/"


def with_page_paths(app: ASGIApp, *, build_dir: Path | None = None) -> ASGIApp:
    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") in ("GET", "HEAD"):
            slashed = slashed_page(scope.get("path", "/"), build_dir or static_build_dir())
            if slashed is not None:
                scope = {**scope, "path": slashed, "raw_path": slashed.encode()}
        await app(scope, receive, send)

    return wrapped

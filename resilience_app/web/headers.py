"""ASGI wrapper adding caching and safety headers to what the server sends.

Every HTML response carries a Content-Security-Policy (docs/deploy-csp.md): scripts come from this
site, and an inline script runs only if it is byte for byte one the frontend build wrote.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import mimetypes
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Python's table lacks the manifest type; Chromium wants it for installability.
mimetypes.add_type("application/manifest+json", ".webmanifest")

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

SAFETY = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


def cache_policy(path: str) -> str | None:
    """Content-hashed build files never change; everything else is checked each time."""
    if path.startswith("/assets/") and not path.endswith(".html"):
        return IMMUTABLE
    if path.startswith(("/_event", "/auth/", "/api/")):
        return None
    return REVALIDATE


# The page's own origin is always allowed ('self'); its websocket is named from the request's Host.
_HOST = re.compile(r"(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")
# What the frontend treats as "this page's host" when dialling the backend (Reflex's state.js).
_SAME_DOMAIN_HOSTNAMES = {"localhost", "0.0.0.0", "::", "0:0:0:0:0:0:0:0"}
_INLINE_SCRIPT = re.compile(rb"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_SRC_ATTRIBUTE = re.compile(rb"\ssrc\s*=", re.I)


def inline_script_hashes(html: bytes) -> set[str]:
    """CSP hash sources for the inline scripts of one HTML document, as the browser hashes them."""
    hashes = set()
    for match in _INLINE_SCRIPT.finditer(html):
        if _SRC_ATTRIBUTE.search(match["attrs"]) or not match["body"]:
            continue
        # The HTML parser turns CRLF and CR into LF before the browser hashes a script.
        body = match["body"].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        hashes.add("'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'")
    return hashes


class BuildScripts:
    """The inline scripts of every page the frontend build wrote, read again after a rebuild.

    One policy for all pages: it allows only scripts this build shipped, and it stays right for a
    304 answer, whose page the browser keeps with the policy it first came with.
    """

    def __init__(self, directory: Path | None) -> None:
        self._directory = directory
        self._lock = threading.Lock()
        self._seen: tuple | None = None
        self._sources = ""

    def _where(self) -> Path:
        if self._directory is None:
            from reflex.utils import prerequisites
            from reflex_base import constants

            self._directory = (prerequisites.get_web_dir() / constants.Dirs.STATIC).resolve()
        return self._directory

    def _signature(self, directory: Path) -> tuple:
        # A build rewrites index.html and the directory, so two stats tell a new build apart.
        try:
            return tuple((st.st_ino, st.st_mtime_ns, st.st_size)
                         for st in (os.stat(directory), os.stat(directory / "index.html")))
        except OSError:
            return ()

    def sources(self) -> str:
        directory = self._where()
        signature = self._signature(directory)
        if signature != self._seen:
            with self._lock:
                if signature != self._seen:
                    hashes: set[str] = set()
                    for page in directory.rglob("*.html") if signature else ():
                        hashes |= inline_script_hashes(page.read_bytes())
                    self._sources = " ".join(sorted(hashes))
                    self._seen = signature
        return self._sources


@functools.cache
def _backend_elsewhere() -> tuple[str, ...]:
    """The backend's origins when REFLEX_API_URL names another host (the page dials it directly)."""
    from reflex.config import get_config

    api = urlsplit(get_config().api_url or "")
    if not api.hostname or api.hostname in _SAME_DOMAIN_HOSTNAMES:
        return ()
    socket = "wss" if api.scheme == "https" else "ws"
    return (f"{api.scheme}://{api.netloc}", f"{socket}://{api.netloc}")


def content_security_policy(host: str, script_sources: str, elsewhere: tuple[str, ...] = ()) -> str:
    """The policy of one HTML response; `host` is the request's Host header."""
    connect = ["'self'"]
    if _HOST.fullmatch(host):
        # CSP Level 3 lets 'self' cover the page's ws/wss too; older Safari needs them named.
        connect += [f"ws://{host}", f"wss://{host}"]
    connect += list(elsewhere)
    directives = {
        "default-src": "'self'",
        "script-src": f"'self' {script_sources}".strip(),
        # Reflex, emotion and Tailwind put styles inline; styles cannot run code.
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data:",
        "font-src": "'self' data:",
        "connect-src": " ".join(connect),
        "manifest-src": "'self'",
        "worker-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def with_headers(app: ASGIApp, *, build_dir: Path | None = None) -> ASGIApp:
    build_scripts = BuildScripts(build_dir)

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        policy = cache_policy(scope.get("path", "/"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SAFETY.items():
                    headers.setdefault(name, value)
                if headers.get("content-type", "").startswith("text/html"):
                    headers["content-security-policy"] = content_security_policy(
                        Headers(scope=scope).get("host", ""), build_scripts.sources(), _backend_elsewhere())
                if policy and message.get("status", 200) < 400:
                    headers["cache-control"] = policy
                if scope.get("path") == "/sw.js":
                    headers["service-worker-allowed"] = "/"
            await send(message)

        await app(scope, receive, send_with_headers)

    return wrapped

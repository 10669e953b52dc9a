"""ASGI wrapper adding caching and safety headers to what the server sends."""

from __future__ import annotations

import mimetypes

from starlette.datastructures import MutableHeaders
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


def with_headers(app: ASGIApp) -> ASGIApp:
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
                if policy and message.get("status", 200) < 400:
                    headers["cache-control"] = policy
                if scope.get("path") == "/sw.js":
                    headers["service-worker-allowed"] = "/"
            await send(message)

        await app(scope, receive, send_with_headers)

    return wrapped

"""The client cookie: a signed random id that tells one browser from another behind one address.

Login throttling (services/throttle.py) counts failures per client, so fifty agents behind one
office NAT are fifty clients, and an attacker among them slows only itself. The id is minted on
the first page a browser loads (and by the sign-in routes), signed with the server's secret so
ids cannot be made up, and carries nothing about the person. A request without a valid one is
known by its address instead.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from resilience_app.core import security
from resilience_app.core.settings import get_settings
from resilience_app.services.sessions import CLIENT_PREFIX
from resilience_app.web.cookies import cookie_value

CLIENT_COOKIE = "resilience_client"
MAX_AGE = 400 * 24 * 3600  # the longest a browser keeps a cookie
# New ids one address may get an hour: a script that throws its cookie away and asks for a
# fresh one each time is soon known by its address again.
MINTS_PER_ADDRESS_HOUR = 60
_NOT_PAGES = ("/_event", "/assets/", "/api/", "/auth/", "/ping", "/_upload", "/_health")


def _signature(raw: str) -> str:
    return security.keyed_mark("client", raw)


def verified_id(cookie_header: str | None) -> str | None:
    """The client id from a Cookie header, if its signature holds."""
    value = cookie_value(cookie_header, CLIENT_COOKIE) or ""
    raw, _, signature = value.partition(".")
    if raw and signature and hmac.compare_digest(signature, _signature(raw)):
        return raw
    return None


def client_key(cookie_header: str | None, address: str) -> str:
    """How throttling names this requester: the browser when it has an id, else its address."""
    raw = verified_id(cookie_header)
    return f"{CLIENT_PREFIX}{raw}" if raw else f"ip:{address}"[:64]


class _MintBudget:
    """New ids per address in the last hour, in this process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._minted: dict[str, deque[float]] = {}

    def take(self, address: str) -> bool:
        now = time.monotonic()
        with self._lock:
            if len(self._minted) > 10_000:  # forget idle addresses rather than grow without end
                self._minted = {a: q for a, q in self._minted.items() if q and q[-1] > now - 3600}
            times = self._minted.setdefault(address, deque())
            while times and times[0] <= now - 3600:
                times.popleft()
            if len(times) >= MINTS_PER_ADDRESS_HOUR:
                return False
            times.append(now)
            return True


_budget = _MintBudget()


def mint(address: str) -> str | None:
    """A fresh client id, or None when this address has had its share this hour."""
    return secrets.token_urlsafe(16) if _budget.take(address) else None


def signed(raw: str) -> str:
    """The cookie's value: the id and its signature."""
    return f"{raw}.{_signature(raw)}"


def cookie_header(raw: str, *, secure: bool) -> str:
    """The Set-Cookie value carrying a client id and its signature."""
    flags = f"Max-Age={MAX_AGE}; Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if secure else "")
    return f"{CLIENT_COOKIE}={signed(raw)}; {flags}"


def cookie_is_secure(scheme: str) -> bool:
    mode = get_settings().cookie_secure
    return mode == "true" or (mode == "auto" and scheme == "https")


def with_client_cookie(app: ASGIApp) -> ASGIApp:
    """Give a browser its client id on the first page it loads (never on assets or events)."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "/")
        if scope["type"] != "http" or scope.get("method") != "GET" or path.startswith(_NOT_PAGES):
            await app(scope, receive, send)
            return
        cookie = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"cookie"), None)
        if verified_id(cookie):
            await app(scope, receive, send)
            return
        address = (scope.get("client") or ("", 0))[0]

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and message.get("status", 200) == 200:
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    if raw := mint(address):
                        headers.append("set-cookie", cookie_header(raw, secure=cookie_is_secure(scope.get("scheme", ""))))
            await send(message)

        await app(scope, receive, send_with_cookie)

    return wrapped
